"""The attachment form as a fillable form template: fill in, download the PDF, store nothing.

Regression (issue 16, finding 22a): the booklet described the attachment form
(categories A, B, C, M and O) but offered no form to fill in or print.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from pypdf import PdfReader

from content import guidance_demo
from portal.guidance.models import ChapterPage
from portal.guidance.models.pages import FormTemplatePage
from tests import demo_snapshot

pytestmark = pytest.mark.django_db

NAME = "Solbakken, Tuva"


@pytest.fixture
def demo(db):
    """The demo guidance, made once per test process and restored for each test."""
    return demo_snapshot.kept(
        f"guidance-{2025}", lambda: guidance_demo.load(school_year_start=2025)
    )


@pytest.fixture
def form_page(demo):
    return FormTemplatePage.objects.get(locale__language_code="en", slug="attachment-form")


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def field_names(page):
    """Form field names by label, as the page renders them."""
    form = page.make_form()
    return {str(f.label): name for name, f in form.fields.items()}


def filled(page, **overrides):
    names = field_names(page)
    data = {
        names["Surname, first name"]: NAME,
        names["National identity number"]: "01020312345",
        names["Sending school or follow-up service"]: "Elvdal Lower Secondary (demo)",
        names["Admission applied for"]: (
            "Priority programme at Vg1 (regulations § 6-20), ordinary group"
        ),
        names["Reason for the application"]: "Needs a smaller group in mathematics.",
        names["Is the student at risk of dropping out?"]: "Unsure",
        names["M: The student has a minority-language background"]: "on",
        names["Years in Norwegian primary and lower secondary school"]: "3",
        names["Needs in upper secondary school"]: ["Mother-tongue teaching"],
        names["The applicant gives this consent"]: "on",
        names["Date"]: "2026-01-20",
    }
    data.update({names[k]: v for k, v in overrides.items()})
    return data


def all_row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}


def files_under(*roots):
    found = set()
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            found.update(os.path.join(dirpath, f) for f in files)
    return found


def test_the_form_exists_in_both_languages_with_every_part(demo):
    en = FormTemplatePage.objects.get(locale__language_code="en", slug="attachment-form")
    nb = FormTemplatePage.objects.get(locale__language_code="nb", slug="attachment-form")
    assert en.live and nb.live and en.translation_key == nb.translation_key
    headings = [s["heading"] for s in en.form_sections()]
    for part in (
        "A: Special intake",
        "B: Ordinary intake",
        "C: Apprentice",
        "M: Language level",
        "O: Other information",
        "I. About the application",
        "Consent",
    ):
        assert any(h.startswith(part) for h in headings), part
    assert [s["heading"][:2] for s in nb.form_sections()][1:4] == ["A:", "B:", "C:"]
    assert "§ 13" in en.confidentiality


def test_the_booklet_links_the_form_and_its_blank_pdf(client, demo, form_page):
    for slug in ("applying", "categories"):
        chapter = ChapterPage.objects.get(slug=slug, locale__language_code="en")
        html = client.get(chapter.url).content.decode()
        assert f'href="{form_page.url}"' in html, slug
        assert f'href="{form_page.blank_pdf_url}"' in html, slug
    block = next(
        b["value"]
        for b in client.get(
            f"/api/v2/pages/{ChapterPage.objects.get(slug='categories', locale__language_code='en').pk}/"
        ).json()["body"]
        if b["type"] == "form_template"
    )
    assert block["form_page"]["url"] == form_page.url
    assert block["form_page"]["blank_pdf_url"].endswith("attachment-form/blank/")


def test_the_page_is_an_accessible_form_that_starts_empty(client, form_page):
    response = client.get(form_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post"' in html and "csrfmiddlewaretoken" in html
    assert "Nothing you type here is stored." in html
    # Radio and tick-box groups are fieldsets with a legend; every input has a label.
    assert html.count("<fieldset") >= 8 and "<legend" in html
    for match in re.finditer(
        r'<input type="(?:text|number|date)" name="(\w+)"[^>]*id="(\w+)"', html
    ):
        assert f'for="{match.group(2)}"' in html, match.group(1)
    # The consent box is never ticked beforehand.
    consent = field_names(form_page)["The applicant gives this consent"]
    box = re.search(rf'<input type="checkbox" name="{consent}"[^>]*>', html).group(0)
    assert "checked" not in box


def test_filling_in_downloads_the_pdf_and_stores_nothing(client, form_page, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    client.get(form_page.url)  # the page, cached for anonymous readers
    rows, files = all_row_counts(), files_under(settings.MEDIA_ROOT, settings.PRIVATE_STORAGE_ROOT)
    cookies_before = set(client.cookies.keys())

    response = client.post(form_page.url, filled(form_page))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="attachment-form.pdf"'
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    text = pdf_text(response.content)
    for expected in (
        "Attachment form to the application for upper secondary education",
        NAME,
        "01020312345",
        "Needs a smaller group in mathematics.",
        "Mother-tongue teaching",
        "Jan. 20, 2026",
        "Exempt from public access",
    ):
        assert expected in text, expected

    # Nothing kept: no row in any table, no file, no session, nothing in the cache.
    assert all_row_counts() == rows
    assert files_under(settings.MEDIA_ROOT, settings.PRIVATE_STORAGE_ROOT) == files
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert set(client.cookies.keys()) - cookies_before <= {settings.CSRF_COOKIE_NAME}
    stored = repr([cache.get(k) for k in getattr(cache, "_cache", {})])
    assert "Solbakken" not in stored and "01020312345" not in stored


def test_a_wrong_answer_is_explained_and_kept_on_the_page(client, form_page):
    data = filled(form_page, **{"National identity number": "12345"})
    rows = all_row_counts()
    response = client.post(form_page.url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "no-store" in response["Cache-Control"]
    assert "Write the 11 digits of the national identity number" in html
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert f'value="{NAME}"' in html  # what was typed is offered back
    assert all_row_counts() == rows


def test_the_blank_form_downloads_as_a_pdf(client, form_page):
    response = client.get(form_page.blank_pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="attachment-form-blank.pdf"'
    text = pdf_text(response.content)
    for part in (
        "A: Special intake",
        "B: Ordinary intake",
        "C: Apprentice or training",
        "M: Language level",
        "O: Other information",
        "Applicant's signature",
        "Everyday-life training (H)",
    ):
        assert part in text, part
    assert NAME not in text


def test_the_norwegian_form_prints_in_norwegian(client, demo):
    nb = FormTemplatePage.objects.get(locale__language_code="nb", slug="attachment-form")
    client.cookies["django_language"] = "nb"
    response = client.get(nb.blank_pdf_url)
    text = pdf_text(response.content)
    assert "Vedleggsskjema til søknad om videregående opplæring" in text
    assert "Unntatt offentlighet" in text
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == nb.title


def test_the_api_serves_the_form(client, form_page):
    data = client.get(f"/api/v2/pages/{form_page.pk}/").json()
    assert data["meta"]["type"] == "guidance.FormTemplatePage"
    assert data["blank_pdf_url"].endswith("attachment-form/blank/")
    labels = [f["label"] for s in data["sections"] for f in s["value"]["fields"]]
    assert "National identity number" in labels


def test_loading_the_demo_again_keeps_one_form_per_language(demo):
    guidance_demo.load(school_year_start=2025)
    assert FormTemplatePage.objects.filter(slug="attachment-form").count() == 2
    assert Path(settings.MEDIA_ROOT).exists()
