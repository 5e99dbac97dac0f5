"""The SDK's page layer (plugins/sdk/views.py), through the dummy plugin's pages.

Each behaviour is tested here once; tests/conformance/test_pages.py checks that every
installed plugin's pages answer the same way.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from plugins.accounts import VERIFIED_AT_KEY
from plugins.audit.models import AuditEvent
from plugins.models import TransitionLog
from plugins.sdk import builders as b
from plugins.sdk import views as sdk
from tests.dummy_jurisdiction.conformance import sign_approval
from tests.dummy_jurisdiction.models import Case, CaseStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def case_for(status=CaseStatus.DRAFT, summary="Summary") -> Case:
    return Case.objects.create(student=b.student(), status=status, summary=summary)


def rows(case):
    return AuditEvent.objects.filter(
        jurisdiction="dummy", record_type="Case", record_id=str(case.pk)
    )


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# -- fire_step --------------------------------------------------------------------------------


def test_a_step_is_done_with_its_label_and_the_person_sent_back(verified_client):
    case = case_for()
    coordinator = b.role_holder("coordinator", case.student.school)
    client = verified_client(coordinator)
    response = client.post(reverse("dummy:case-step", args=[case.pk, "share"]), {"note": "Hi"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "dummy:case", args=[case.pk]
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SHARED
    assert TransitionLog.objects.get(record_id=str(case.pk)).note == "Hi"
    assert texts(response) == ["Done: share."]


def test_a_step_refused_to_the_role_is_403_with_a_denied_row(verified_client):
    case = case_for(status=CaseStatus.SHARED)
    teacher = b.teacher_of(case.student)  # may see the case, may not close it
    response = verified_client(teacher).post(reverse("dummy:case-step", args=[case.pk, "close"]))
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.SHARED
    denied = rows(case).filter(action="denied").get()
    assert (denied.outcome, denied.attempted) == ("403", "close")


def test_a_step_not_possible_now_says_why_and_changes_nothing(verified_client):
    case = case_for(status=CaseStatus.DRAFT)
    coordinator = b.role_holder("coordinator", case.student.school)
    response = verified_client(coordinator).post(
        reverse("dummy:case-step", args=[case.pk, "close"])
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT
    assert any("not possible" in t for t in texts(response))


def test_a_step_answers_through_on_error_when_the_page_shows_it_in_a_form():
    case = case_for(status=CaseStatus.DRAFT)
    coordinator = b.role_holder("coordinator", case.student.school)
    request = RequestFactory().post("/")
    request.user, request.session = coordinator, {}
    seen = []
    response = sdk.fire_step(
        request, case, "close", back="/", on_error=lambda reason: seen.append(reason) or "page"
    )
    assert response == "page" and seen and "not possible" in seen[0]


def test_a_step_up_step_resumes_with_the_posted_note_after_the_code(verified_client):
    case = case_for(status=CaseStatus.SHARED)
    coordinator = b.role_holder("coordinator", case.student.school)
    client = verified_client(coordinator, fresh=False)
    url = reverse("dummy:case-step", args=[case.pk, "close"])
    asked = client.post(url, {"note": "Closed after the meeting."})
    assert asked.status_code == 302 and urlsplit(asked["Location"]).path.endswith("/verify/")
    case.refresh_from_db()
    assert case.status == CaseStatus.SHARED
    resume = parse_qs(urlsplit(asked["Location"]).query)["next"][0]
    # Without a fresh code the key does nothing: the address is only read (405 for a step).
    assert client.get(resume).status_code == 405
    case.refresh_from_db()
    assert case.status == CaseStatus.SHARED
    session = client.session
    session[VERIFIED_AT_KEY] = int(time.time())
    session.save()
    done = client.get(resume)
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert TransitionLog.objects.get(transition="close").note == "Closed after the meeting."
    # The key is used once.
    again = client.get(resume)
    assert TransitionLog.objects.filter(transition="close").count() == 1
    assert again.status_code in (302, 405)


def test_a_consent_step_is_not_offered_before_the_consent_is_signed():
    from plugins.workflow import allowed_transitions

    case = case_for(status=CaseStatus.SHARED)
    guardian = b.guardian_of(case.student)
    assert "approve" not in [t.name for t in allowed_transitions(guardian, case)]
    sign_approval(case, guardian)
    assert "approve" in [t.name for t in allowed_transitions(guardian, case)]


# -- edit_record ------------------------------------------------------------------------------


def test_an_invalid_edit_is_400_with_the_error_summary_and_saves_nothing(verified_client):
    case = case_for(summary="Before")
    client = verified_client(b.role_holder("coordinator", case.student.school))
    response = client.post(reverse("dummy:case-edit", args=[case.pk]), {"summary": "x" * 5001})
    assert response.status_code == 400
    assert b"error-summary" in response.content
    case.refresh_from_db()
    assert case.summary == "Before"


def test_a_save_writes_one_audit_row_with_the_role_used(verified_client):
    case = case_for(summary="Before")
    client = verified_client(b.role_holder("coordinator", case.student.school))
    before = rows(case).count()
    response = client.post(reverse("dummy:case-edit", args=[case.pk]), {"summary": "After"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.summary == "After"
    new = list(rows(case).order_by("pk")[before:])
    assert [(r.action, r.role) for r in new] == [("edit", "coordinator")]
    assert texts(response) == ["The summary is saved."]


def test_opening_the_form_is_a_read(verified_client):
    case = case_for()
    client = verified_client(b.role_holder("coordinator", case.student.school))
    assert client.get(reverse("dummy:case-edit", args=[case.pk])).status_code == 200
    assert list(rows(case).values_list("action", flat=True)) == ["view"]


def test_a_save_after_the_right_was_lost_is_refused_under_the_lock(verified_client, monkeypatch):
    case = case_for(summary="Before")
    coordinator = b.role_holder("coordinator", case.student.school)
    client = verified_client(coordinator)
    from plugins import access

    # Loading the record passed (fetch); by the time the row is locked the right is gone.
    monkeypatch.setattr(access, "can", lambda user, action, record: False)
    response = client.post(reverse("dummy:case-edit", args=[case.pk]), {"summary": "After"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.summary == "Before"


# -- documents, lists ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "parts,name",
    [
        (("iop", "Ola Nordmann"), "iop-Ola Nordmann.pdf"),
        (("form-3.pdf",), "form-3.pdf"),
        (("ИОП", "Јован", 2026), "ИОП-Јован-2026.pdf"),
        (("plan", "", None, "2026/27"), "plan-2026_27.pdf"),
    ],
)
def test_document_file_names_end_in_one_pdf(parts, name):
    assert sdk.document_filename(*parts) == name


def test_a_document_downloads_from_its_spec(verified_client):
    case = case_for()
    client = verified_client(b.role_holder("coordinator", case.student.school))
    response = client.get(reverse("dummy:case-pdf", args=[case.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="case-{case.pk}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert rows(case).filter(action="download", role="coordinator").count() == 1


def test_an_unknown_document_is_404():
    from django.http import Http404

    with pytest.raises(Http404):
        sdk.document_spec(case_for(), "no-such-document")


@pytest.mark.parametrize(
    "posted,expected",
    [
        ("/j/dummy/", "/j/dummy/"),
        ("//evil.example/", "/home/"),
        ("https://evil.example/", "/home/"),
        ("/\\evil.example", "/home/"),
        ("", "/home/"),
    ],
)
def test_back_is_a_path_on_this_site(posted, expected):
    request = RequestFactory().post("/", {"next": posted})
    assert sdk.safe_back(request, "/home/") == expected


def test_lists_filter_by_parameters_and_page():
    cases = [case_for(status=s) for s in (CaseStatus.DRAFT, CaseStatus.SHARED, CaseStatus.SHARED)]
    qs = Case.objects.filter(pk__in=[c.pk for c in cases]).order_by("pk")
    request = RequestFactory().get("/", {"status": "shared", "student": "not-a-number"})
    narrowed, chosen = sdk.filtered(request, qs, {"status": "status"})
    assert list(narrowed) == cases[1:] and chosen == {"status": "shared"}
    # A value of the wrong kind matches nothing instead of failing.
    none, _ = sdk.filtered(request, qs, {"student": "student_id"})
    assert list(none) == []
    page = sdk.paginate(RequestFactory().get("/", {"page": "99"}), qs, per_page=2)
    assert page.number == 2 and list(page.object_list) == cases[2:]
