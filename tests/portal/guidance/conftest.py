"""Fixtures: a small guidance tree under the migrated home page."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page, Site

from portal.guidance.models import (
    BookletPage,
    ChapterPage,
    CountySitePage,
    GuidanceIndexPage,
    LegalReference,
)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def stream(*blocks):
    """Stored StreamField JSON from (type, value) pairs."""
    return [{"type": t, "value": v, "id": str(uuid.uuid4())} for t, v in blocks]


def items(*values):
    return [{"type": "item", "value": v, "id": str(uuid.uuid4())} for v in values]


def calendar(title, *rows):
    return (
        "deadline_calendar",
        {
            "title": title,
            "introduction": "",
            "rows": items(
                *[
                    {
                        "action": action,
                        "responsible": responsible,
                        "starts": starts.isoformat() if starts else None,
                        "ends": ends.isoformat() if ends else None,
                        "when_text": when_text,
                        "purpose": "",
                    }
                    for action, responsible, starts, ends, when_text in rows
                ]
            ),
        },
    )


def law(ref, comment=""):
    return ("legal_reference", {"reference": ref.pk, "comment": comment})


@pytest.fixture(autouse=True)
def _empty_cache():
    """Page and PDF caches start empty: primary keys repeat after each test's rollback."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def default_locale(home):
    """The locale of the site root (the language of the migrated home page)."""
    return home.locale


@pytest.fixture
def other_locale(default_locale):
    """A second content language for translations."""
    code = "nb" if default_locale.language_code != "nb" else "en"
    return Locale.objects.get_or_create(language_code=code)[0]


@pytest.fixture
def legal_refs(default_locale):
    def make(section, title):
        return LegalReference.objects.create(
            law="Education Act",
            section=section,
            title=title,
            url=f"https://lovdata.no/lov/1998-07-17-61/{section.replace(' ', '')}",
            explanation=f"Plain words about {title.lower()}.",
            locale=default_locale,
        )

    return {
        "3-10": make("§ 3-10", "Braille"),
        "3-9": make("§ 3-9", "Sign language"),
        "5-1": make("§ 5-1", "Special education"),
    }


@pytest.fixture
def guidance_index(home):
    county = home.add_child(instance=CountySitePage(title="Nordvik County (test)", slug="nordvik"))
    publish(county)
    index = county.add_child(instance=GuidanceIndexPage(title="Guidance", slug="guidance"))
    return publish(index)


@pytest.fixture
def make_booklet(guidance_index, legal_refs):
    """``make_booklet(chapters=3, year=2025)``: a published booklet with dated, cited chapters."""

    def make(chapters=3, year=2025, parent=None, title=None, slug=None):
        parent = parent or guidance_index
        label = f"{year}/{(year + 1) % 100:02d}"
        booklet = parent.add_child(
            instance=BookletPage(
                title=title or f"Special intake {label}",
                slug=slug or f"special-intake-{year}-{(year + 1) % 100:02d}",
                school_year_start=year,
                subtitle="For counsellors",
                introduction="<p>Welcome to the intake year.</p>",
                contacts=stream(
                    (
                        "contact",
                        {
                            "name": "Kari Contact",
                            "role": "Adviser",
                            "organisation": "County",
                            "phone": "+47 00 00 00 00",
                            "email": "kari@example.org",
                            "note": "",
                        },
                    )
                ),
            )
        )
        publish(booklet)
        refs = [legal_refs["5-1"], legal_refs["3-10"], legal_refs["3-9"]]
        for n in range(chapters):
            body = stream(
                (
                    "rich_text",
                    f"<h2>Section {n + 1}</h2><p>Unique body words chapter{n + 1:02d}.</p>",
                ),
                calendar(
                    f"Calendar {n + 1}",
                    ("Apply for extension", "Student", datetime.date(year + 1, 1, 15), None, ""),
                    (
                        "Special intake",
                        "County",
                        datetime.date(year + 1, 2, 1),
                        datetime.date(year + 1, 2, 29)
                        if (year + 1) % 4 == 0
                        else datetime.date(year + 1, 2, 28),
                        "",
                    ),
                    ("Continuous follow-up", "School", None, None, "continuously"),
                ),
                law(refs[n % len(refs)], "Applies here."),
                ("info", {"heading": "Good to know", "text": "<p>Info text.</p>"}),
            )
            chapter = booklet.add_child(
                instance=ChapterPage(
                    title=f"Chapter title {n + 1:02d}",
                    slug=f"chapter-{n + 1:02d}",
                    summary=f"Summary of chapter {n + 1}.",
                    body=body,
                )
            )
            publish(chapter)
        booklet.refresh_from_db()
        return booklet

    return make


def chapters_of(booklet):
    return list(ChapterPage.objects.child_of(booklet).order_by("path"))


def page_url(page):
    return Page.objects.get(pk=page.pk).specific.url
