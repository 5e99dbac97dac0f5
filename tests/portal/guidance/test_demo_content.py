"""The starter content: a complete booklet in two languages, articles, templates; idempotent."""

import io
import re

import pytest
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, Revision

from content import guidance_demo, guidance_texts
from portal.guidance.models import BookletPage, ChapterPage, GuidanceArticlePage, LegalReference
from portal.guidance.streams import deadline_entries, raw_stream
from tests import demo_snapshot

pytestmark = pytest.mark.django_db

#: People named in the source booklet; the demo must never use them.
REAL_NAMES = ["Lorentzen", "Refseth", "Helliesen", "Søbye", "Grimsmo", "Svendsen", "Vest-Agder"]


@pytest.fixture
def loaded(db):
    """The demo guidance, made once per test process and restored for each test."""
    return demo_snapshot.kept(
        f"guidance-{2025}", lambda: guidance_demo.load(school_year_start=2025)
    )


def counts():
    Document = get_document_model()
    return (
        Page.objects.count(),
        Revision.objects.count(),
        LegalReference.objects.count(),
        Document.objects.count(),
        PageLogEntry.objects.count(),
    )


def test_loading_twice_creates_nothing_new(loaded):
    before = counts()
    again = guidance_demo.load(school_year_start=2025)
    assert counts() == before
    assert again["booklets"]["en"].pk == loaded["booklets"]["en"].pk


def test_the_booklet_exists_in_both_languages_as_translations(loaded):
    en, nb = loaded["booklets"]["en"], loaded["booklets"]["nb"]
    assert en.translation_key == nb.translation_key
    assert en.locale.language_code == "en" and nb.locale.language_code == "nb"
    assert en.live and nb.live and en.school_year == "2025/26"
    en_chapters = list(ChapterPage.objects.child_of(en).live().order_by("path"))
    nb_chapters = list(ChapterPage.objects.child_of(nb).live().order_by("path"))
    assert len(en_chapters) == len(guidance_texts.CHAPTERS) == 10
    assert [c.translation_key for c in en_chapters] == [c.translation_key for c in nb_chapters]
    assert nb_chapters[0].title == "Slik søker du: det viktigste"


def test_the_booklet_holds_the_facts_of_the_intake_year(loaded):
    en = loaded["booklets"]["en"]
    chapters = {c.slug: c for c in ChapterPage.objects.child_of(en)}
    assert set(chapters) >= {
        "applying",
        "categories",
        "ppt",
        "annual-wheel",
        "extension",
        "private-schools",
        "child-welfare",
        "after-the-deadline",
        "templates",
        "statistics",
    }
    text = " ".join(c.excerpt_source for c in chapters.values())
    for fact in (
        "three choices",
        "A: Special intake",
        "B: Ordinary intake",
        "C: Apprentices",
        "M: Language level",
        "O: Other information",
        "within 14 days",
        "two extra years",
        "15 January",
        "late May",
    ):
        assert fact in text, fact
    rows = deadline_entries(raw_stream(chapters["annual-wheel"].body))
    dated = {(r.starts.month, r.starts.day) for r in rows if r.starts}
    assert {(1, 15), (1, 25), (2, 1), (3, 1), (5, 27), (7, 12)} <= dated
    assert all(r.starts.year in (2025, 2026) for r in rows if r.starts)
    blocks = [b["type"] for c in chapters.values() for b in c.body.raw_data]
    for block_type in (
        "rich_text",
        "info",
        "tip",
        "deadline_calendar",
        "legal_reference",
        "form_template",
        "statistics",
    ):
        assert block_type in blocks
    assert len(BookletPage.references_cited_in(chapters.values())) >= 15
    assert en.contacts and len(list(en.contacts.raw_data)) == 3


def test_one_article_per_jurisdiction_plugin(loaded):
    codes = {"no-iskole", "rs-pravilnik", "se-iup", "no-troms-transition"}
    for language in ("en", "nb"):
        articles = GuidanceArticlePage.objects.live().filter(locale__language_code=language)
        assert {a.jurisdiction for a in articles} == codes


def test_form_templates_are_real_pdfs(loaded):
    documents = loaded["documents"]
    assert {name for name, _ in documents} == {
        "half-year-report",
        "individual-decision",
        "extension",
    }
    for document in documents.values():
        with document.file.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
        text = " ".join(reader.pages[0].extract_text().split())
        assert document.title in text
    decision = documents[("individual-decision", "en")]
    with decision.file.open("rb") as handle:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "three weeks" in text and "county governor" in text


def test_no_real_person_from_the_source_appears(loaded):
    pages = [p.specific for p in Page.objects.filter(depth__gt=2)]
    text = " ".join(
        " ".join([p.title, getattr(p, "excerpt_source", "")]) + str(getattr(p, "contacts", ""))
        for p in pages
    )
    text += " ".join(str(r) + r.explanation for r in LegalReference.objects.all())
    for name in REAL_NAMES:
        assert not re.search(name, text), name
