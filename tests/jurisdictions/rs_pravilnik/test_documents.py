# ruff: noqa: S101 (pytest tests assert)
"""Each form as a PDF in Cyrillic and in Latin, and the whole IOP as one bundle."""

import datetime
import io
import re
from urllib.parse import unquote

import pytest
from pypdf import PdfReader

from jurisdictions.rs_pravilnik import conformance as f
from jurisdictions.rs_pravilnik import documents
from jurisdictions.rs_pravilnik.models import (
    EarlyLeavingPlan,
    IopStatus,
    TransitionKind,
    TransitionPlan,
)
from plugins import consent
from plugins.sdk import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _iop(preschool=False):
    case = f.case_ready_for_iop(preschool=preschool)
    person = case.student.person
    person.given_name, person.family_name = "Љубица", "Ђорђевић"
    person.save()
    iop = f.ready_iop(case, status=IopStatus.ADOPTED)
    iop.goal = "Читање са разумевањем <b>"
    iop.save()
    return iop


HEADINGS = {
    "form1": ("Образац 1: лични подаци", "Obrazac 1: lični podaci"),
    "form2": ("Образац 2: педагошки профил", "Obrazac 2: pedagoški profil"),
    "form3": ("Образац 3: план мера индивидуализације", "Obrazac 3: plan mera individualizacije"),
    "form4": ("Образац 4: персонализовани програм", "Obrazac 4: personalizovani program"),
    "form5": ("Образац 5: праћење и вредновање", "Obrazac 5: praćenje i vrednovanje"),
    "form6": ("Образац 6: сагласност родитеља", "Obrazac 6: saglasnost roditelja"),
}


@pytest.mark.parametrize("code", list(HEADINGS))
def test_form_in_cyrillic_and_latin(code):
    iop = _iop()
    cyr, lat = HEADINGS[code]
    cyrillic = text_of(documents.render_form(iop, code, "sr-cyrl"))
    latin = text_of(documents.render_form(iop, code, "sr-latn"))
    assert cyr in cyrillic and "Љубица Ђорђевић" in cyrillic
    assert lat in latin and "Ljubica Đorđević" in latin
    assert "Љубица" not in latin and cyr not in latin


def test_typed_text_and_labels_follow_the_script():
    iop = _iop()
    latin = text_of(documents.render_form(iop, "form1", "sr-latn"))
    assert "Čitanje sa razumevanjem <b>" in latin  # typed in Cyrillic, written in Latin, escaped
    assert "Cilj pružanja podrške" in latin
    cyrillic = text_of(documents.render_form(iop, "form1", "sr-cyrl"))
    assert "Циљ пружања подршке" in cyrillic and "Читање са разумевањем <b>" in cyrillic


def test_forms_7_and_8_only_when_written_and_form_4_not_at_a_preschool():
    iop = _iop()
    assert documents.forms_of(iop) == ["form1", "form2", "form3", "form4", "form5", "form6"]
    plan = TransitionPlan.objects.create(
        iop=iop,
        kind=TransitionKind.LEVEL,
        receiving_institution="Гимназија",
        transfer_date=datetime.date(2027, 9, 1),
    )
    iop.refresh_from_db()
    assert documents.forms_of(iop)[-1] == "form7"
    text = text_of(documents.render_form(iop, "form7", "sr-latn"))
    assert "Obrazac 7: plan tranzicije" in text
    assert "01.06.2027" in text and "01.12.2027" in text  # the cooperation window
    assert plan.cooperation_window[0].isoformat() == "2027-06-01"
    pre = _iop(preschool=True)
    assert "form4" not in documents.forms_of(pre)


def test_the_whole_iop_as_one_bundle_with_a_bookmark_per_form():
    iop = _iop()
    pdf = documents.iop_bundle(iop, "sr-latn")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 6
    outline = reader.outline
    assert "Ljubica Đorđević" in outline[0].title
    titles = [item.title for item in outline[1]]
    assert titles[0].startswith("Obrazac 1") and titles[-1].startswith("Obrazac 6")


def test_pdf_views_answer_with_the_chosen_script(verified_client):
    iop = _iop()
    team = b.role_holder("inclusive_team", iop.case.student.school)
    client = verified_client(team)
    response = client.get(f"/j/rs-pravilnik/iops/{iop.pk}/form2.pdf?script=latn")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Obrazac 2" in text_of(b"".join(response.streaming_content))
    response = client.get(f"/j/rs-pravilnik/iops/{iop.pk}/form2.pdf?script=cyrl")
    assert "Образац 2" in text_of(b"".join(response.streaming_content))
    assert client.get(f"/j/rs-pravilnik/iops/{iop.pk}/form7.pdf").status_code == 404
    response = client.get(f"/j/rs-pravilnik/iops/{iop.pk}/bundle.pdf?script=cyrl")
    assert response.status_code == 200
    # Another school's IOP answers 404.
    other = _iop()
    assert client.get(f"/j/rs-pravilnik/iops/{other.pk}/form1.pdf").status_code == 404


# -- issue 16: one ".pdf", and Latin documents entirely in Latin -------------------------------
CYRILLIC = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")


def _filename_of(response):
    disposition = response["Content-Disposition"]
    match = re.search(r"filename\*=utf-8''([^;]+)", disposition) or re.search(
        r'filename="([^"]+)"', disposition
    )
    return unquote(match.group(1))


def test_downloads_are_named_with_one_pdf_suffix(verified_client):
    iop = _iop()
    case = iop.case
    case.parent_informed_on = datetime.date(2026, 10, 1)
    case.save()
    team = b.role_holder("inclusive_team", case.student.school)
    client = verified_client(team)
    for url in (
        f"/j/rs-pravilnik/iops/{iop.pk}/form2.pdf?script=latn",
        f"/j/rs-pravilnik/iops/{iop.pk}/bundle.pdf?script=cyrl",
        f"/j/rs-pravilnik/cases/{case.pk}/information.pdf?script=latn",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        name = _filename_of(response)
        assert name.endswith(".pdf") and ".pdf.pdf" not in name, name
        assert name.count(".pdf") == 1, name
    response = client.get(f"/j/rs-pravilnik/iops/{iop.pk}/form2.pdf?script=latn")
    assert _filename_of(response) == "IOP1-form2-Ljubica Đorđević.pdf"


def _cyrillic_world():
    """An IOP where everything a form prints is Cyrillic: school, signer, team, typed text."""
    iop = _iop()
    case = iop.case
    school = case.student.school
    school.name = "ОШ „Јаворов лист“ Јаворовац"
    school.save()
    parent = b.guardian_of(case.student)
    parent.person.given_name, parent.person.family_name = "Јања", "Шљивић"
    parent.person.save()
    req = consent.request_consent(case, "iop-consent", content="Нова верзија обавештења.")
    consent.sign(req, f.verified_request(parent))
    member = case.members.first()
    member.person.given_name, member.person.family_name = "Џемал", "Њежић"
    member.person.save()
    case.parent_informed_on = datetime.date(2026, 10, 1)
    case.proposal_reasons = "Мере индивидуализације нису довеле до исхода."
    case.save()
    TransitionPlan.objects.create(
        iop=iop,
        kind=TransitionKind.LEVEL,
        receiving_institution="Гимназија „Свети Сава“",
        transfer_date=datetime.date(2027, 9, 1),
        activities="Посета школи.",
    )
    EarlyLeavingPlan.objects.create(iop=iop, risk_factors="Изостанци.", measures="Разговор.")
    iop.refresh_from_db()
    return iop


def test_latin_documents_hold_no_cyrillic_letter():
    iop = _cyrillic_world()
    pdfs = {code: documents.render_form(iop, code, "sr-latn") for code in documents.forms_of(iop)}
    pdfs["bundle"] = documents.iop_bundle(iop, "sr-latn")
    pdfs["information"] = documents.render_form(iop.case, "information", "sr-latn")
    for name, pdf in pdfs.items():
        text = text_of(pdf)
        assert not CYRILLIC.findall(text), (name, sorted(set(CYRILLIC.findall(text))))
    form6 = text_of(pdfs["form6"])
    assert "Janja Šljivić" in form6  # the signer's name, in Latin
    assert "Poverljivo" in form6  # the running confidentiality marking, in Latin
    assert "OŠ „Javorov list“ Javorovac" in form6
    assert "Džemal Nježić" in text_of(pdfs["form1"])
    outline = PdfReader(io.BytesIO(pdfs["bundle"])).outline
    assert not CYRILLIC.findall(outline[0].title)
    # The Cyrillic documents stay Cyrillic.
    assert "Јања Шљивић" in text_of(documents.render_form(iop, "form6", "sr-cyrl"))


def test_a_latin_reader_downloads_latin_documents(verified_client):
    iop = _cyrillic_world()
    team = b.role_holder("inclusive_team", iop.case.student.school)
    client = verified_client(team)
    client.cookies["django_language"] = "sr-latn"
    for url in (
        f"/j/rs-pravilnik/iops/{iop.pk}/form6.pdf",
        f"/j/rs-pravilnik/iops/{iop.pk}/bundle.pdf",
        f"/j/rs-pravilnik/cases/{iop.case.pk}/information.pdf",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = text_of(b"".join(response.streaming_content))
        assert text.strip() and not CYRILLIC.findall(text), (url, set(CYRILLIC.findall(text)))
