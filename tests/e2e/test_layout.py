"""Layout at a phone viewport: nothing may force sideways scrolling."""

import pytest
from playwright.sync_api import expect

from .conftest import LANGUAGE_TAGS

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
#: WCAG 1.4.10 (reflow): content works at 320 CSS pixels without sideways scrolling.
NARROWEST = {"width": 320, "height": 640}

OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > limit + 0.5)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
         + (el.className && typeof el.className === 'string' ? '.' + el.className : ''));
}"""


@pytest.mark.parametrize("viewport", [PHONE, NARROWEST], ids=["390px", "320px"])
@pytest.mark.parametrize("code", list(LANGUAGE_TAGS))
def test_no_horizontal_overflow_on_a_phone(page, live_server, set_language, code, viewport):
    set_language(code)
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", LANGUAGE_TAGS[code])

    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    assert inner_width == viewport["width"]
    assert scroll_width <= inner_width, (
        f"page is {scroll_width}px wide in a {inner_width}px viewport; "
        f"elements past the right edge: {page.evaluate(OVERFLOWING)}"
    )
    # The header's tools are all reachable without scrolling sideways once the menu is open.
    page.locator("button.menu-toggle").click()  # its name is in the page's language
    for locator in (page.locator("#lang-select"), page.locator("form.lang-switch button")):
        box = locator.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= inner_width


# -- The phone header: a menu button, not half the screen --------------------------------------

FOCUS_RING = "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineColor, getComputedStyle(el).boxShadow]"


def _open_menu(page):
    button = page.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    return button


def test_the_phone_header_is_one_row_with_a_menu_button(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    header = page.get_by_role("banner")
    nav = page.get_by_role("navigation", name="Main menu")

    # Closed: at most a quarter of the screen, the menu's links and tools out of the way.
    assert header.bounding_box()["height"] <= 0.25 * PHONE["height"]
    expect(nav).to_be_hidden()
    expect(page.locator("#lang-select")).to_be_hidden()

    # The button opens the menu: links, language switcher and sign-in, all on the screen.
    button = _open_menu(page)
    expect(nav.get_by_role("link", name="Guidance")).to_be_visible()
    expect(nav.get_by_role("link", name="Search")).to_be_visible()
    expect(page.locator("#lang-select")).to_be_visible()
    expect(header.get_by_role("link", name="Sign in")).to_be_visible()
    for link in nav.get_by_role("link").all() + [page.locator("#lang-select")]:
        box = link.bounding_box()
        assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The links are reachable by keyboard, and Escape closes the menu onto its button.
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Guidance")).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(nav).to_be_hidden()


def test_the_menu_button_has_the_dark_and_yellow_focus_ring(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Skip to main content").focus()
    page.keyboard.press("Tab")  # the site name
    page.keyboard.press("Tab")
    button = page.get_by_role("button", name="Menu")
    expect(button).to_be_focused()
    style, colour, shadow = button.evaluate(FOCUS_RING)
    assert style == "solid" and colour == "rgb(27, 31, 36)"
    assert "rgb(255, 191, 71)" in shadow


def test_the_phone_menu_works_without_javascript(browser, live_server):
    context = browser.new_context(locale="en-US", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        # No script, no button: the menu is simply open, and it still fits the screen.
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        nav = page.get_by_role("navigation", name="Main menu")
        expect(nav.get_by_role("link", name="Search")).to_be_visible()
        expect(page.locator("#lang-select")).to_be_visible()
        expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_on_a_wide_screen_the_menu_is_always_open(page, live_server):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Main menu")
    expect(nav.get_by_role("link", name="Search")).to_be_visible()
    expect(page.locator("#lang-select")).to_be_visible()
    assert page.get_by_role("banner").bounding_box()["height"] <= 100
