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
    # The header's tools are all reachable without scrolling sideways.
    for locator in (page.locator("#lang-select"), page.locator("form.lang-switch button")):
        box = locator.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= inner_width
