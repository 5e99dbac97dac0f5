"""In a real browser, the error summary takes the focus and passes axe (issue 17, forms that tell)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

AXE_TAGS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}}


@pytest.mark.parametrize("width", [390, 1280])
def test_a_wrong_sign_in_focuses_the_summary(transactional_db, live_server, page, width):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("kari", password="a-long-pass-2026")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=auth-username]").fill("kari")
    page.locator("input[name=auth-password]").fill("not-the-password")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    focused = page.evaluate("document.activeElement.className")
    assert "error-summary" in focused
    assert page.locator(".error-summary[role=alert]").is_visible()
    results = Axe().run(page, options=AXE_TAGS)
    assert results.violations_count == 0, results.generate_report()
