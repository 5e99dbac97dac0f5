"""Automated accessibility check of the home page with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import LANGUAGE_TAGS

pytestmark = pytest.mark.e2e

BLOCKING = {"serious", "critical"}


def blocking_violations(page):
    results = Axe().run(page)
    found = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    return results, found


@pytest.mark.parametrize("code", ["nb", "sr-cyrl", "en"])
@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_home_page_has_no_serious_axe_violations(page, live_server, set_language, code, viewport):
    set_language(code)
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", LANGUAGE_TAGS[code])

    results, found = blocking_violations(page)

    if found:
        print(results.generate_report())
    assert not found, "serious or critical axe violations: " + ", ".join(
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in found
    )


def test_axe_reports_a_serious_violation_when_one_is_present(page, live_server):
    """The check above can fail: an unlabelled form field is caught."""
    page.goto(live_server.url + "/")
    page.evaluate(
        "document.querySelector('#main').insertAdjacentHTML('beforeend', '<input type=text>')"
    )

    _, found = blocking_violations(page)

    assert "label" in {v["id"] for v in found}
