"""Consent pages: My consents, one request, answering with step-up, receipts as PDF."""

import datetime
import hashlib
import io
import re
from urllib.parse import unquote

import pypdf
import pytest

from plugins import consent
from plugins.audit.models import AuditEvent
from plugins.consent.forms import SignForm
from plugins.consent.models import ConsentReceipt, ConsentRequest
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case

from .conftest import TEXT

pytestmark = pytest.mark.django_db
SPEC = "case-approval"
MINE = "/family/consents/"


def detail_url(req):
    return f"/family/consents/{req.pk}/"


def answer_url(req):
    return f"/family/consents/{req.pk}/answer/"


def html(response):
    return response.content.decode()


def section(page, status):
    """The HTML of one group on My consents."""
    match = re.search(rf'<section aria-labelledby="group-{status}">(.*?)</section>', page, re.S)
    assert match, f"no {status} group"
    return match.group(1)


def checkboxes(page):
    return re.findall(r"<input[^>]*type=\"checkbox\"[^>]*>", page)


# -- My consents ------------------------------------------------------------------------------


def test_my_consents_groups_pending_signed_refused_withdrawn(family, http, verified_client):
    st = family.student
    cases = [
        Case.objects.create(student=st, status="shared", summary=f"Plan {n}") for n in range(4)
    ]
    pending, signed, refused, withdrawn = (
        consent.request_consent(c, SPEC, content=c.summary) for c in cases
    )
    consent.sign(signed, http(family.g2))
    consent.refuse(refused, http(family.g1), reason="Nei")
    consent.sign(withdrawn, http(family.g1))
    consent.withdraw(withdrawn, http(family.g1))
    other = consent.request_consent(
        Case.objects.create(student=b.student(), status="shared", summary="x"), SPEC, content="x"
    )

    response = verified_client(family.g1).get(MINE)
    assert response.status_code == 200
    page = html(response)
    for req, status in (
        (pending, "pending"),
        (signed, "signed"),
        (refused, "refused"),
        (withdrawn, "withdrawn"),
    ):
        own = section(page, status)
        assert f'href="{detail_url(req)}"' in own
        for other_req in {pending, signed, refused, withdrawn} - {req}:
            assert f'href="{detail_url(other_req)}"' not in own
    assert detail_url(other) not in page  # another family's request
    assert "Approve the case" in page and st.name in page
    assert response["Cache-Control"].count("no-store") == 1


def test_my_consents_says_when_there_is_nothing(verified_client):
    response = verified_client(b.user()).get(MINE)
    assert response.status_code == 200
    assert "You have no consent requests." in html(response)


# -- one request --------------------------------------------------------------------------------


def test_consent_page_shows_exactly_the_text_the_hash_and_what_it_unlocks(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    response = verified_client(family.g1).get(detail_url(req))
    assert response.status_code == 200
    page = html(response)
    assert TEXT in page  # the text as hashed, line break included
    assert req.content_hash in page
    assert "What your signature allows" in page and "approve" in page
    row = AuditEvent.objects.get(action="view", actor=family.g1)
    assert (row.record_id, row.role, row.student) == (
        str(family.case.pk),
        "guardian",
        family.student,
    )


def test_the_read_box_is_never_ticked_in_advance(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    client = verified_client(family.g1)
    (box,) = checkboxes(html(client.get(detail_url(req))))
    assert 'name="read"' in box and "checked" not in box
    # Sent without the tick: refused, shown again, still not ticked.
    response = client.post(answer_url(req), {"decision": "sign"})
    assert response.status_code == 400
    page = html(response)
    assert "Tick the box" in page
    (box,) = checkboxes(page)
    assert "checked" not in box and 'aria-invalid="true"' in box
    assert not ConsentReceipt.objects.exists()
    # Even a form bound to a ticked box renders it unticked.
    form = SignForm({"read": "on"})
    assert form.is_valid()
    assert "checked" not in str(form["read"])


def test_other_families_and_staff_do_not_see_the_request(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    for actor in (family.other_guardian, family.teacher, family.coordinator):
        client = verified_client(actor)
        response = client.get(detail_url(req))
        assert response.status_code == 404
        assert TEXT not in html(response)
        assert client.post(answer_url(req), {"decision": "sign", "read": "on"}).status_code == 404
    assert not ConsentReceipt.objects.exists()
    assert (
        AuditEvent.objects.filter(
            action="denied", outcome="404", record_id=str(family.case.pk)
        ).count()
        == 6
    )


def test_a_guardian_of_an_adult_may_read_but_not_sign(verified_client):
    adult = b.student(age=19)
    guardian = b.guardian_of(adult, granted=True)
    case = Case.objects.create(student=adult, status="shared", summary=TEXT)
    req = consent.request_consent(case, SPEC, content=TEXT)
    client = verified_client(guardian)
    page = html(client.get(detail_url(req)))
    assert TEXT in page and checkboxes(page) == []
    response = client.post(answer_url(req), {"decision": "sign", "read": "on"})
    assert response.status_code == 403
    assert not ConsentReceipt.objects.exists()


# -- answering --------------------------------------------------------------------------------------


def test_signing_with_a_stale_second_factor_asks_for_a_code_and_signs_nothing(
    family, verified_client
):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    client = verified_client(family.g1, fresh=False)
    response = client.post(answer_url(req), {"decision": "sign", "read": "on"})
    assert response.status_code == 302
    location = unquote(response["Location"])
    assert location.startswith(f"/accounts/verify/?next={answer_url(req)}?_resume=")
    assert not ConsentReceipt.objects.exists()
    req.refresh_from_db()
    assert req.status == ConsentRequest.Status.PENDING
    for decision in ("refuse", "withdraw"):
        client.post(answer_url(req), {"decision": decision, f"{decision}-reason": "x"})
    assert not ConsentReceipt.objects.exists()


def test_signing_with_a_fresh_second_factor(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    client = verified_client(family.g1)
    response = client.post(
        answer_url(req), {"decision": "sign", "read": "on"}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302 and response["Location"] == detail_url(req) + "#answers"
    receipt = ConsentReceipt.objects.get()
    assert (receipt.signer, receipt.decision, receipt.address) == (
        family.g1,
        "signed",
        "198.51.100.7",
    )
    assert "authenticator app" in receipt.method
    assert consent.is_granted(family.case, SPEC, content=TEXT)
    page = html(client.get(detail_url(req)))
    assert f"/family/consents/receipts/{receipt.pk}/" in page
    assert checkboxes(page) == []  # nothing more to sign


def test_refusing_and_withdrawing_through_the_page(family, verified_client):
    refused_case = Case.objects.create(student=family.student, status="shared", summary="A")
    to_refuse = consent.request_consent(refused_case, SPEC, content="A")
    to_withdraw = consent.request_consent(family.case, SPEC, content=TEXT)
    client = verified_client(family.g1)

    client.post(
        answer_url(to_refuse), {"decision": "refuse", "refuse-reason": "Vi trenger et møte først."}
    )
    receipt = ConsentReceipt.objects.get(request=to_refuse)
    assert (receipt.decision, receipt.reason) == ("refused", "Vi trenger et møte først.")

    client.post(answer_url(to_withdraw), {"decision": "sign", "read": "on"})
    page = html(client.get(detail_url(to_withdraw)))
    assert 'value="withdraw"' in page
    client.post(answer_url(to_withdraw), {"decision": "withdraw", "withdraw-reason": ""})
    decisions = list(
        ConsentReceipt.objects.filter(request=to_withdraw)
        .order_by("pk")
        .values_list("decision", flat=True)
    )
    assert decisions == ["signed", "withdrawn"]
    to_withdraw.refresh_from_db()
    assert to_withdraw.status == ConsentRequest.Status.WITHDRAWN
    assert 'value="withdraw"' not in html(client.get(detail_url(to_withdraw)))


# -- receipts ----------------------------------------------------------------------------------------


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_receipt_pdf_names_the_signer_the_version_and_the_method(family, http, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    receipt = consent.sign(req, http(family.g1))
    response = verified_client(family.g1).get(f"/family/consents/receipts/{receipt.pk}/")
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="consent-receipt-{receipt.pk}.pdf"'
    )
    text = pdf_text(response)
    assert family.g1.person.full_name in text
    assert req.content_hash in re.sub(r"\s+", "", text)
    flat = " ".join(text.split())
    assert "authenticator app" in flat and "192.0.2.10" in flat
    assert receipt.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC") in flat
    assert family.student.name in text
    row = AuditEvent.objects.get(action="download")
    assert (row.actor, row.role, row.record_id) == (family.g1, "guardian", str(family.case.pk))


def test_receipt_download_is_checked(family, http, verified_client):
    receipt = consent.sign(
        consent.request_consent(family.case, SPEC, content=TEXT), http(family.g1)
    )
    url = f"/family/consents/receipts/{receipt.pk}/"
    # The other guardian of the child, and the coordinator through the matrix (Case.download).
    assert verified_client(family.g2).get(url).status_code == 200
    assert verified_client(family.coordinator).get(url).status_code == 200
    assert AuditEvent.objects.get(action="download", actor=family.coordinator).role == "coordinator"
    # Another family, and a teacher of a case not made visible to teachers.
    assert verified_client(family.other_guardian).get(url).status_code == 404
    assert verified_client(family.teacher).get(url).status_code == 404
    Case.objects.filter(pk=family.case.pk).update(visible_to_teachers=True)
    assert verified_client(family.teacher).get(url).status_code == 200
    assert (
        verified_client(family.other_guardian).get("/family/consents/receipts/999999/").status_code
        == 404
    )


# -- the family start page --------------------------------------------------------------------------


def test_pending_request_shows_on_the_family_start_page(family, http, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    page = html(verified_client(family.g1).get("/family/"))
    assert "Consents waiting for you" in page
    assert f'href="{detail_url(req)}"' in page
    assert f'href="{MINE}"' in page
    other_page = html(verified_client(family.other_guardian).get("/family/"))
    assert detail_url(req) not in other_page

    consent.sign(req, http(family.g2))  # any one guardian: nothing waits any more
    page = html(verified_client(family.g1).get("/family/"))
    assert detail_url(req) not in page
    assert "Nothing is waiting for your answer." in page


def test_signed_out_visitors_are_sent_to_sign_in(family, client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    for url in (MINE, detail_url(req)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_file_document_is_offered_as_exactly_the_hashed_bytes(family, verified_client):
    pdf = b"%PDF-1.7\n% a tiny stand-in for the plan as a file\n%%EOF\n"
    req = consent.request_consent(family.case, SPEC, content=pdf)
    assert req.media_type == "application/pdf"
    assert req.content_hash == hashlib.sha256(pdf).hexdigest()
    client = verified_client(family.g1)
    page = html(client.get(detail_url(req)))
    assert f'href="/family/consents/{req.pk}/document/"' in page and req.content_hash in page
    response = client.get(f"/family/consents/{req.pk}/document/")
    assert response.status_code == 200 and response.content == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.filter(action="download", actor=family.g1).count() == 1
    assert (
        verified_client(family.other_guardian)
        .get(f"/family/consents/{req.pk}/document/")
        .status_code
        == 404
    )
