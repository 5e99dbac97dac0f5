"""Scroll regions: Tab stops only while they scroll, with the site's dark-plus-yellow focus ring."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

STATIC = Path(__file__).resolve().parents[2] / "portal" / "static" / "portal"

PAGE = """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>
<p id="narrow-caption">Narrow</p>
<div id="fits" class="table-scroll" role="region" aria-labelledby="narrow-caption" tabindex="0">
  <table><tr><td>1</td><td>2</td></tr></table></div>
<p id="wide-caption">Wide</p>
<div id="scrolls" class="table-scroll" role="region" aria-labelledby="wide-caption" tabindex="0">
  <table style="width: 3000px"><tr><td>1</td><td>2</td></tr></table></div>
<div id="document" role="region" aria-label="Document" data-scroll-region tabindex="0"
     style="max-height: 4rem; overflow: auto">{}</div>
</body></html>"""


@pytest.fixture
def regions(page):
    page.set_viewport_size({"width": 800, "height": 600})
    page.set_content(PAGE.replace("{}", "<p>Line</p>" * 40))
    page.add_style_tag(path=str(STATIC / "portal.css"))
    page.add_script_tag(path=str(STATIC / "menu.js"))
    page.evaluate("window.dispatchEvent(new Event('resize'))")
    page.wait_for_timeout(300)
    return page


def test_only_regions_that_scroll_are_tab_stops(regions):
    assert regions.get_attribute("#fits", "tabindex") is None
    assert regions.get_attribute("#scrolls", "tabindex") == "0"
    assert regions.get_attribute("#document", "tabindex") == "0"


def test_a_focused_region_has_the_dark_and_yellow_ring(regions):
    regions.keyboard.press("Tab")
    assert regions.evaluate("document.activeElement.id") == "scrolls"
    style = regions.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineColor, s.outlineStyle, s.boxShadow]; })()"
    )
    outline_color, outline_style, shadow = style
    assert outline_style == "solid"
    assert outline_color == "rgb(27, 31, 36)"  # --ink, dark on white
    assert "rgb(255, 191, 71)" in shadow  # --focus, yellow around it
