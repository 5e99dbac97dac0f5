"""The demo booklet carries what the source booklet has: calendar rows, legal sections, dates.

Regression (issue 16, finding 22 b-d): the annual wheel left out the extra
resources, the applications from other counties and the spring follow-up
talks; the legal appendix lacked sections the booklet cites; search excerpts
showed deadline dates as ISO strings.
"""

import datetime
import re

import pytest
from django.utils import formats, translation

from content import guidance_demo
from portal.guidance.models import BookletPage, ChapterPage
from portal.guidance.pdf import render_booklet_html
from portal.guidance.streams import deadline_entries, plain_text, raw_stream
from tests import demo_snapshot

pytestmark = pytest.mark.django_db

Y0 = 2025
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture
def loaded(db):
    """The demo guidance, made once per test process and restored for each test."""
    return demo_snapshot.kept(f"guidance-{Y0}", lambda: guidance_demo.load(school_year_start=Y0))


def wheel_rows(loaded, language):
    chapter = loaded["chapters"][("annual_wheel", language)]
    return deadline_entries(raw_stream(chapter.body))


def find(rows, *words):
    found = [r for r in rows if all(w.lower() in r.action.lower() for w in words)]
    assert len(found) == 1, [r.action for r in rows]
    return found[0]


# -- (b) the annual wheel -----------------------------------------------------


def test_extra_resources_are_granted_from_may_to_september(loaded):
    for language, words, responsible in (
        ("en", ("extra resources",), "Education department"),
        ("nb", ("tilleggsressurser",), "Utdanningsavdelingen"),
    ):
        row = find(wheel_rows(loaded, language), *words)
        assert row.starts == datetime.date(Y0 + 1, 5, 1)
        assert row.ends == datetime.date(Y0 + 1, 9, 30)
        assert row.responsible == responsible


def test_applications_from_other_counties_are_handled_continuously(loaded):
    for language, words, when in (
        ("en", ("other counties",), "continuously"),
        ("nb", ("andre fylker",), "fortløpende"),
    ):
        row = find(wheel_rows(loaded, language), *words)
        assert row.when_text == when and row.starts is None
        assert row.responsible in ("Education department", "Utdanningsavdelingen")


def test_the_spring_follow_up_talks_are_in_the_wheel(loaded):
    for language, words, responsible in (
        ("en", ("follow-up talks", "spring"), "Contact teacher"),
        ("nb", ("oppfølgingssamtaler", "vår"), "Kontaktlærer"),
    ):
        row = find(wheel_rows(loaded, language), *words)
        assert responsible in row.responsible
        # In the spring term, ending with the half-year report of 1 July.
        assert row.starts.year == Y0 + 1 and 1 <= row.starts.month <= 3
        assert row.ends == datetime.date(Y0 + 1, 7, 1)


# -- (c) the legal appendix -----------------------------------------------------

MISSING_SECTIONS = {
    "Forskrift til opplæringslova": {"§ 6-13", "§ 6-18", "§ 6-21", "§ 3-67"},
    "Opplæringslova 1998": {"chapter 4", "§ 4-2"},
}


def test_the_appendix_carries_the_sections_the_booklet_cites(loaded):
    for language in ("en", "nb"):
        booklet = loaded["booklets"][language]
        chapters = list(booklet.live_chapters())
        appendix = BookletPage.references_cited_in(chapters)
        cited = {(ref.law, ref.section) for ref in appendix}
        regulations, act = (
            ("Forskrift til opplæringslova", "Opplæringslova 1998")
            if language == "nb"
            else ("Regulations to the Education Act", "Education Act 1998")
        )
        chapter_4 = "kapittel 4" if language == "nb" else "chapter 4"
        for section in ("§ 6-13", "§ 6-18", "§ 6-21", "§ 3-67"):
            assert (regulations, section) in cited, (language, section)
        for section in (chapter_4, "§ 4-2"):
            assert (act, section) in cited, (language, section)
        for ref in appendix:
            assert ref.explanation.strip() and ref.url.startswith("https://lovdata.no/")
        # The booklet's page and its PDF list them in the appendix.
        html = render_booklet_html(booklet)
        for section in ("§ 6-13", "§ 6-18", "§ 6-21", "§ 3-67", "§ 4-2", chapter_4):
            assert section in html, (language, section)


def test_new_references_are_translations_of_each_other(loaded):
    refs = loaded["legal_references"]
    for name in ("reg-6-13", "reg-6-18", "reg-6-21", "reg-3-67", "act-ch-4", "act-4-2"):
        en, nb = refs[(name, "en")], refs[(name, "nb")]
        assert en.translation_key == nb.translation_key
        assert en.title != nb.title


# -- (d) dates in search excerpts -----------------------------------------------


def nb_date(year, month, day):
    """A date as the portal writes it in bokmål (the month's spelling comes from the catalogues)."""
    with translation.override("nb"):
        return formats.date_format(datetime.date(year, month, day), "DATE_FORMAT")


def test_plain_text_formats_dates_for_the_reader():
    raw = [
        {
            "type": "deadline_calendar",
            "id": "x",
            "value": {
                "title": "Wheel",
                "rows": [
                    {
                        "type": "item",
                        "id": "y",
                        "value": {
                            "action": "Deadline for applications",
                            "responsible": "Counsellors",
                            "starts": "2026-02-01",
                            "ends": "2026-05-31",
                            "when_text": "",
                            "purpose": "",
                        },
                    }
                ],
            },
        }
    ]
    with translation.override("nb"):
        text = plain_text(raw)
        assert f"{nb_date(2026, 2, 1)} – {nb_date(2026, 5, 31)}" in text
        assert nb_date(2026, 5, 31) == "31. mai 2026"
    assert not ISO_DATE.search(text)
    with translation.override("en"):
        text = plain_text(raw)
    assert "Feb. 1, 2026 – May 31, 2026" in text


@pytest.mark.parametrize(
    ("language", "query", "date"),
    [("nb", "opplæringsrett", (2026, 1, 15)), ("en", "extend", "Jan. 15, 2026")],
)
def test_search_excerpts_show_dates_in_the_readers_language(client, loaded, language, query, date):
    client.cookies["django_language"] = language
    response = client.get("/search/", {"q": query})
    html = response.content.decode()
    excerpts = re.findall(r'<p class="excerpt">(.*?)</p>', html, re.DOTALL)
    assert excerpts
    wheel = ChapterPage.objects.get(slug="annual-wheel", locale__language_code=language).title
    assert wheel in html
    joined = " ".join(excerpts)
    if language == "nb":
        date = nb_date(*date)
    assert not ISO_DATE.search(joined), joined
    assert date in re.sub(r"</?mark>", "", joined)
