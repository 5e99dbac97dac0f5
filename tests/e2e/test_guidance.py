"""The guidance portal in a real browser: read, search, download, headless, next year's edition.

The demo guidance (a complete booklet in English and bokmål, articles and
templates) is loaded for each test; axe-core checks the pages readers use.
"""

import datetime
import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import sign_in_verified

pytestmark = pytest.mark.e2e

BLOCKING = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}


def school_year_start() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 8 else today.year - 1


@pytest.fixture
def guidance(transactional_db, live_server):
    from content import guidance_demo

    loaded = guidance_demo.load(school_year_start=school_year_start())
    booklet = loaded["booklets"]["en"]
    chapters = list(booklet.get_children().live().specific().order_by("path"))
    return {
        "booklet": booklet,
        "chapters": chapters,
        "url": live_server.url,
        "loaded": loaded,
    }


def assert_no_blocking_axe_violations(page):
    results = Axe().run(page)
    found = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    if found:
        print(results.generate_report())
    assert not found, "serious or critical axe violations: " + ", ".join(
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in found
    )


def assert_no_sideways_scrolling(page):
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    assert scroll_width <= inner_width, f"page is {scroll_width}px wide in {inner_width}px"


def test_a_reader_on_a_phone_reads_searches_and_moves_between_chapters(page, guidance):
    booklet, chapters, base = guidance["booklet"], guidance["chapters"], guidance["url"]
    page.set_viewport_size(PHONE)

    page.goto(base + "/")
    expect(page.get_by_role("heading", name="Upcoming deadlines")).to_be_visible()
    assert page.locator(".deadline-list li").count() >= 1
    page.get_by_role("link", name=booklet.title).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(booklet.title)
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link")).to_have_count(len(chapters) + 1)  # + the appendix
    assert_no_sideways_scrolling(page)

    contents.get_by_role("link", name=chapters[0].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(chapters[0].title)
    expect(page.get_by_text(f"Chapter 1 of {len(chapters)}")).to_be_visible()
    assert_no_sideways_scrolling(page)

    page.get_by_role("navigation", name="Chapters").get_by_role(
        "link", name=re.compile("Next chapter")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(chapters[1].title)
    # A legal reference expands on demand.
    citation = page.locator(".legal-ref details").first
    expect(citation.locator(".legal-body")).not_to_be_visible()
    citation.locator("summary").click()
    expect(citation.locator(".legal-body")).to_be_visible()

    # The annual wheel: on a phone the rows are cards and the timeline is left out.
    wheel = next(c for c in chapters if c.slug == "annual-wheel")
    page.goto(base + wheel.url)
    expect(page.locator(".timeline").first).to_be_hidden()
    first_row = page.locator(".deadline-table tbody tr").first
    expect(first_row).to_be_visible()
    assert_no_sideways_scrolling(page)

    # Search from the header's menu (behind the menu button on a phone).
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name=re.compile("Main")).get_by_role(
        "link", name="Search"
    ).click()
    page.get_by_label("Words to search for").fill("extension")
    page.get_by_role("button", name="Search").click()
    results = page.locator("ol.results > li")
    expect(results.first).to_be_visible()
    expect(results.first.locator("mark").first).to_have_text(re.compile("extension", re.IGNORECASE))
    assert_no_sideways_scrolling(page)
    results.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_the_timeline_appears_on_a_wide_screen(page, guidance):
    wheel = next(c for c in guidance["chapters"] if c.slug == "annual-wheel")
    page.goto(guidance["url"] + wheel.url)
    timeline = page.locator(".timeline svg[role=img]").first
    expect(timeline).to_be_visible()
    labelled_by = timeline.get_attribute("aria-labelledby").split()
    assert all(page.locator(f"#{dom_id}").count() == 1 for dom_id in labelled_by)


def test_the_booklet_downloads_as_a_pdf_with_true_page_numbers(page, guidance):
    booklet, chapters = guidance["booklet"], guidance["chapters"]
    page.goto(guidance["url"] + booklet.url)
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("link", name="Download the booklet as PDF").click(timeout=90_000)
    download = info.value
    assert download.suggested_filename == f"{booklet.slug}.pdf"
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    texts = [p.extract_text() or "" for p in reader.pages]
    assert booklet.title.split(" 20")[0] in " ".join(texts[0].split())

    toc = texts[1]
    for chapter in chapters:
        match = re.search(re.escape(chapter.title) + r"[\s.]*?(\d+)\s*$", toc, re.MULTILINE)
        assert match, f"{chapter.title} missing from the contents"
        number = int(match.group(1))
        assert chapter.title in texts[number - 1]
        assert chapter.title not in texts[number - 2] or number - 2 <= 1
    appendix = re.search(r"Appendix: legal references[\s.]*?(\d+)\s*$", toc, re.MULTILINE)
    assert appendix and "Education Act 1998" in texts[int(appendix.group(1)) - 1]


def test_the_same_booklet_is_served_as_json(page, guidance):
    booklet, base = guidance["booklet"], guidance["url"]
    response = page.request.get(
        base + "/api/v2/pages/?type=guidance.BookletPage&fields=*&locale=en"
    )
    assert response.ok
    items = response.json()["items"]
    item = next(i for i in items if i["id"] == booklet.pk)
    assert item["title"] == booklet.title
    assert [c["title"] for c in item["chapter_list"]] == [c.title for c in guidance["chapters"]]
    assert len(item["legal_references"]) >= 15

    wheel = next(c for c in item["chapter_list"] if c["slug"] == "annual-wheel")
    detail = page.request.get(f"{base}/api/v2/pages/{wheel['id']}/").json()
    calendars = [b["value"] for b in detail["body"] if b["type"] == "deadline_calendar"]
    assert calendars and all(
        re.match(r"\d{4}-\d\d-\d\d$", r["starts"]) for r in calendars[1]["rows"] if r["starts"]
    )


def test_switching_language_on_a_chapter_shows_its_translation(page, guidance):
    chapter = guidance["chapters"][0]
    page.goto(guidance["url"] + chapter.url)
    page.locator("#lang-select").select_option("nb")
    with page.expect_navigation():
        page.locator("form.lang-switch button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Slik søker du: det viktigste")


@pytest.fixture
def editor_page(page, guidance, browser_context):
    user = get_user_model().objects.create_user("e2e-editor", password="test-pass-2026")
    user.groups.add(Group.objects.get(name="Editors"))
    client = sign_in_verified(Client(), user)
    browser_context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": guidance["url"],
            }
        ]
    )
    return page


def test_an_editor_creates_next_years_edition_in_one_action(editor_page, guidance):
    from portal.guidance.models import BookletPage, ChapterPage
    from portal.guidance.streams import deadline_entries, raw_stream

    page, booklet = editor_page, guidance["booklet"]
    year = booklet.school_year_start
    page.goto(f"{guidance['url']}/admin/pages/{booklet.get_parent().pk}/")
    row = page.locator("tr", has_text=booklet.title)
    row.get_by_role("button", name=re.compile("More options")).click()
    row.get_by_role("link", name="Create next year's edition").click()

    expect(page.get_by_text(f"School year: {year + 1}/{(year + 2) % 100:02d}")).to_be_visible()
    page.get_by_role("button", name="Create next year's edition").click()

    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.get_by_text("was created as a draft")).to_be_visible()
    new = BookletPage.objects.get(school_year_start=year + 1, locale=booklet.locale)
    assert not new.live
    old_wheel = next(c for c in guidance["chapters"] if c.slug == "annual-wheel")
    new_wheel = ChapterPage.objects.child_of(new).get(slug="annual-wheel")
    old_dates = [e.starts for e in deadline_entries(raw_stream(old_wheel.body))]
    new_dates = [e.starts for e in deadline_entries(raw_stream(new_wheel.body))]
    assert len(new_dates) == len(old_dates) > 20
    for old, new_date in zip(old_dates, new_dates, strict=True):
        if old is None:
            assert new_date is None
        else:
            assert new_date == old.replace(year=old.year + 1) or (
                old.month == 2 and old.day == 29 and new_date == datetime.date(old.year + 1, 2, 28)
            )


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_guidance_pages_have_no_serious_axe_violations(page, guidance, viewport):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    base = guidance["url"]
    wheel = next(c for c in guidance["chapters"] if c.slug == "annual-wheel")
    statistics = next(c for c in guidance["chapters"] if c.slug == "statistics")
    for path in (
        "/",
        guidance["booklet"].url,
        guidance["chapters"][0].url,
        wheel.url,
        statistics.url,
        "/search/?q=deadline",
        "/accounts/login/",
    ):
        page.goto(base + path)
        expect(page.locator("main")).to_be_visible()
        assert_no_blocking_axe_violations(page)
