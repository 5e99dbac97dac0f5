"""The UI shell seen through a real browser: landmarks, skip link, languages, health."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import LANGUAGE_TAGS

pytestmark = pytest.mark.e2e

#: One translated string of the shell per language: the home page's first heading.
WHERE_TO_START = {
    "nb": "Her begynner du",
    "nn": "Her byrjar du",
    "sv": "Börja här",
    "sr-cyrl": "Одакле да почнете",
    "sr-latn": "Odakle da počnete",
    "en": "Where to start",
}
SKIP_LINK = {
    "nb": "Hopp til hovedinnholdet",
    "nn": "Hopp til hovudinnhaldet",
    "sv": "Hoppa till huvudinnehållet",
    "sr-cyrl": "Пређи на главни садржај",
    "sr-latn": "Pređi na glavni sadržaj",
    "en": "Skip to main content",
}


def test_home_page_is_served_with_one_main_landmark(page, live_server):
    response = page.goto(live_server.url + "/")

    assert response is not None and response.status == 200
    # The home page created by the migrations, found through the default site.
    expect(page.get_by_role("heading", level=1)).to_have_text("Individual education plans")
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.locator("main#main")).to_be_visible()


def test_header_navigation_and_footer_landmarks(page, live_server):
    page.goto(live_server.url + "/")

    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    nav = page.get_by_role("navigation", name="Main menu")
    expect(nav).to_have_count(1)
    expect(nav.get_by_role("link", name="Guidance")).to_have_attribute("href", "/")
    # Landmarks sit at the top level, not inside one another.
    assert page.locator("main header, main footer, main nav").count() == 0


def test_skip_link_is_first_stop_and_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/")
    skip = page.get_by_role("link", name="Skip to main content")
    viewport = page.viewport_size

    # Hidden off-screen until focused.
    box = skip.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 0

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None
    assert 0 <= box["x"] < viewport["width"] and 0 <= box["y"] < viewport["height"]

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


@pytest.mark.parametrize("code", list(LANGUAGE_TAGS))
def test_language_switcher_changes_the_interface_language(page, live_server, set_language, code):
    start = "nb" if code == "en" else "en"
    set_language(start)
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", LANGUAGE_TAGS[start])
    expect(page.locator("#start-heading")).to_have_text(WHERE_TO_START[start])

    page.locator("#lang-select").select_option(code)
    with page.expect_navigation():
        page.locator("form.lang-switch button[type=submit]").click()

    expect(page.locator("html")).to_have_attribute("lang", LANGUAGE_TAGS[code])
    expect(page.locator("#start-heading")).to_have_text(WHERE_TO_START[code])
    expect(page.locator(".skip-link")).to_have_text(SKIP_LINK[code])
    # Back on the page the visitor came from, with the new language selected.
    assert page.url.rstrip("/") == live_server.url
    expect(page.locator("#lang-select")).to_have_value(code)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies.get("django_language") == code


def test_healthz_answers_ok_json(page, live_server):
    response = page.request.get(live_server.url + "/healthz")

    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"status": "ok", "database": "ok"}
