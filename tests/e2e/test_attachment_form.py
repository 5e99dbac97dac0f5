"""The attachment form in a real browser: from the booklet, fill in, download; blank PDF too.

Regression (issue 16, finding 22a). Nothing the reader types is stored; the
PDF holds what was typed. axe-core checks the form, also with an error shown.
"""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.e2e

BLOCKING = {"serious", "critical"}
NAME = "Solbakken, Tuva"


def school_year_start() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 8 else today.year - 1


@pytest.fixture
def guidance(transactional_db, live_server):
    from content import guidance_demo

    return guidance_demo.load(school_year_start=school_year_start())


def assert_no_blocking_axe_violations(page):
    results = Axe().run(page)
    found = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    assert not found, "serious or critical axe violations: " + ", ".join(
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in found
    )


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}


def pdf_text(path) -> str:
    with open(path, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_a_counsellor_fills_in_the_attachment_form_and_downloads_it(page, guidance, live_server):
    chapter = guidance["chapters"][("categories", "en")]
    page.goto(live_server.url + chapter.url)
    page.get_by_role(
        "link",
        name="Fill in “Attachment form to the application for upper secondary education” "
        "online and download it as a PDF",
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Attachment form to the application for upper secondary education"
    )
    expect(page.get_by_text("Nothing you type here is stored.")).to_be_visible()
    assert_no_blocking_axe_violations(page)
    before = row_counts()

    page.get_by_label("Surname, first name").fill(NAME)
    page.get_by_label("National identity number").fill("0102031234")  # one digit short
    page.get_by_label("Priority programme at Vg1 (regulations § 6-20), tailored group").check()
    page.get_by_label("Work-life training (A)").check()
    page.get_by_label("Reason for the application").fill("Needs a tailored group.")
    page.get_by_label("The applicant gives this consent").check()
    page.get_by_role("button", name="Download the filled-in form (PDF)").click()

    # The mistake is explained, linked from a summary, and the answers are kept.
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Write the 11 digits of the national identity number")
    expect(page.get_by_label("Surname, first name")).to_have_value(NAME)
    expect(page.get_by_label("Work-life training (A)")).to_be_checked()
    assert_no_blocking_axe_violations(page)

    page.get_by_label("National identity number").fill("01020312345")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the filled-in form (PDF)").click()
    download = info.value
    assert download.suggested_filename == "attachment-form.pdf"
    text = pdf_text(download.path())
    for expected in (NAME, "01020312345", "Needs a tailored group.", "Work-life training (A)"):
        assert expected in text, expected
    assert row_counts() == before  # nothing stored

    with page.expect_download() as blank_info:
        page.get_by_role("link", name="Download the blank form (PDF) to fill in by hand").click()
    blank = blank_info.value
    assert blank.suggested_filename == "attachment-form-blank.pdf"
    blank_text = pdf_text(blank.path())
    assert "A: Special intake" in blank_text and "O: Other information" in blank_text
    assert NAME not in blank_text
