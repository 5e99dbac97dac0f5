"""Booklets and chapters as readers see them: contents, navigation, appendix, home page."""

import datetime
import re

import pytest
from django.utils import timezone

from portal.guidance.models import BookletPage, ChapterPage, current_booklet

from .conftest import chapters_of, publish

pytestmark = pytest.mark.django_db


def test_booklet_lists_its_chapters_in_order_with_the_pdf_link(client, make_booklet):
    booklet = make_booklet(chapters=4)
    html = client.get(booklet.url).content.decode()

    toc = html[html.index('aria-labelledby="toc-heading"') :]
    titles = re.findall(r">(Chapter title \d\d)</a>", toc)
    assert titles == [
        "Chapter title 01",
        "Chapter title 02",
        "Chapter title 03",
        "Chapter title 04",
    ]
    assert f'href="{booklet.url}pdf/"' in html
    assert "Kari Contact" in html  # the contact cards


def test_reordering_chapters_reorders_the_contents(client, make_booklet):
    booklet = make_booklet(chapters=3)
    first, second, third = chapters_of(booklet)
    third.move(first, pos="left")
    html = client.get(booklet.url).content.decode()
    titles = re.findall(r">(Chapter title \d\d)</a>", html)
    assert titles[:3] == ["Chapter title 03", "Chapter title 01", "Chapter title 02"]


def test_unpublished_chapters_are_not_listed(client, make_booklet):
    booklet = make_booklet(chapters=3)
    chapters_of(booklet)[1].unpublish()
    html = client.get(booklet.url).content.decode()
    assert "Chapter title 02" not in html
    assert "Chapter title 03" in html


def test_chapter_has_previous_and_next_navigation(client, make_booklet):
    booklet = make_booklet(chapters=3)
    first, second, third = chapters_of(booklet)

    html = client.get(second.url).content.decode()
    assert re.search(rf'<a rel="prev" href="{first.url}">', html)
    assert re.search(rf'<a rel="next" href="{third.url}">', html)
    assert "Chapter 2 of 3" in html or "Kapittel 2 av 3" in html

    first_html = client.get(first.url).content.decode()
    assert 'rel="prev"' not in first_html and 'rel="next"' in first_html
    last_html = client.get(third.url).content.decode()
    assert 'rel="next"' not in last_html and 'rel="prev"' in last_html


def test_appendix_collects_every_cited_reference_once_in_law_order(client, make_booklet):
    booklet = make_booklet(chapters=5)  # cites 5-1, 3-10, 3-9, 5-1, 3-10
    refs = BookletPage.references_cited_in(booklet.live_chapters())
    assert [r.section for r in refs] == ["§ 3-9", "§ 3-10", "§ 5-1"]

    html = client.get(booklet.url).content.decode()
    appendix = html[html.index('id="legal-references"') :]
    cited = re.findall(
        r'<summary><cite class="legal-citation">Education Act (§ [\d-]+)</cite>', appendix
    )
    assert cited == ["§ 3-9", "§ 3-10", "§ 5-1"]


def test_appendix_leaves_out_references_of_unpublished_chapters(make_booklet):
    booklet = make_booklet(chapters=2)  # chapter 2 alone cites § 3-10
    chapters_of(booklet)[1].unpublish()
    refs = BookletPage.references_cited_in(booklet.live_chapters())
    assert [r.section for r in refs] == ["§ 5-1"]


def test_blocks_render_on_the_chapter_page(client, make_booklet):
    booklet = make_booklet(chapters=1)
    chapter = chapters_of(booklet)[0]
    html = client.get(chapter.url).content.decode()
    assert "Unique body words chapter01" in html
    assert "deadline-table" in html and '<time datetime="2026-01-15">' in html
    assert "<details>" in html and "Education Act § 5-1" in html
    assert 'role="note"' in html


def test_current_booklet_is_this_school_years(make_booklet, guidance_index, monkeypatch):
    older = make_booklet(chapters=1, year=2024)
    current = make_booklet(chapters=1, year=2025)
    make_booklet(chapters=1, year=2026)
    assert current_booklet(guidance_index, datetime.date(2026, 3, 1)).pk == current.pk
    assert current_booklet(guidance_index, datetime.date(2025, 7, 31)).pk == older.pk
    # Next year's booklet not yet published: the latest earlier one stays current.
    assert current_booklet(guidance_index, datetime.date(2028, 9, 1)).school_year_start == 2026


def test_home_page_shows_the_upcoming_deadlines_of_the_current_booklet(
    client, make_booklet, monkeypatch
):
    make_booklet(chapters=2, year=2025)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 1, 20))
    html = client.get("/").content.decode()

    section = html[html.index('id="upcoming-heading"') :]
    section = section[: section.index("</section>")]
    # 15 January has passed; the 1 February period is next; undated rows never show.
    assert "Apply for extension" not in section
    assert "Special intake" in section
    assert '<time datetime="2026-02-01">' in section
    assert "Continuous follow-up" not in section


def test_home_page_without_booklets_has_no_deadline_section(client, db):
    html = client.get("/").content.decode()
    assert "upcoming-heading" not in html


def test_booklet_for_the_same_year_twice_is_refused_in_the_admin_form(make_booklet, guidance_index):
    booklet = make_booklet(chapters=1, year=2025)
    form_class = BookletPage.get_edit_handler().get_form_class()
    form = form_class(
        data={
            "title": "Again",
            "slug": "again",
            "school_year_start": "2025",
            "contacts-count": "0",
        },
        instance=BookletPage(),
        parent_page=guidance_index,
        for_user=None,
    )
    assert not form.is_valid()
    assert "school_year_start" in form.errors
    form = form_class(
        data={
            "title": booklet.title,
            "slug": booklet.slug,
            "school_year_start": "2025",
            "contacts-count": "0",
        },
        instance=booklet,
        parent_page=guidance_index,
        for_user=None,
    )
    form.is_valid()
    assert "school_year_start" not in form.errors


def test_chapter_without_booklet_parent_still_renders(client, make_booklet):
    booklet = make_booklet(chapters=1)
    chapter = ChapterPage.objects.child_of(booklet).get()
    publish(chapter)
    assert client.get(chapter.url).status_code == 200
