"""The Serbian IOP pages in a real browser: no sideways scrolling on a phone, no axe violations.

Issue 16: the case and IOP pages were 694 and 558 px wide at a 390 px viewport.
Every demo case page and IOP page is opened as the inclusive-education team
(who sees every section and every action) at 390 and at 1280 px, in English
and in Serbian Cyrillic.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PASSWORD = "demo-pass-2026"
BLOCKING = {"serious", "critical"}
VIEWPORTS = {"390px": {"width": 390, "height": 844}, "1280px": {"width": 1280, "height": 800}}

OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > limit + 0.5)
    .slice(0, 8)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
         + (el.className && typeof el.className === 'string' ? '.' + el.className : '')
         + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
}"""


@pytest.fixture
def demo_world(transactional_db, live_server, settings):
    from content import demo

    settings.DEBUG = True
    world = demo.load()
    settings.DEBUG = False
    return world


def _code(username):
    device = TOTPDevice.objects.get(user__username=username, name="default")
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=auth-username]").fill(username)
    page.locator("input[name=auth-password]").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.locator("input[name=token-otp_token]").fill(_code(username))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("input[name=token-otp_token]")).to_have_count(0)


def _pages():
    from jurisdictions.rs_pravilnik.models import Iop, SupportCase

    schools = ["os-javorov-list", "pu-suncica"]
    cases = SupportCase.objects.filter(student__school__slug__in=schools).order_by("pk")
    iops = Iop.objects.filter(case__in=cases).order_by("pk")
    return (
        ["/j/rs-pravilnik/"]
        + [f"/j/rs-pravilnik/cases/{c.pk}/" for c in cases]
        + [f"/j/rs-pravilnik/iops/{i.pk}/" for i in iops]
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_case_and_iop_pages_fit_the_viewport_and_pass_axe(
    demo_world, browser, live_server, viewport
):
    size = VIEWPORTS[viewport]
    context = browser.new_context(locale="en-US", viewport=size)
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        _sign_in(page, live_server, "demo-rs-team")
        urls = _pages()
        assert len(urls) >= 15
        too_wide, violations = {}, {}
        for language in ("en", "sr-cyrl"):
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            for url in urls:
                response = page.goto(live_server.url + url)
                assert response.status == 200, url
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > size["width"]:
                    too_wide[f"{language} {url}"] = (width, page.evaluate(OVERFLOWING))
                found = [
                    f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)"
                    for v in Axe().run(page).response["violations"]
                    if v.get("impact") in BLOCKING
                ]
                if found:
                    violations[f"{language} {url}"] = found
        assert not too_wide, f"pages wider than {size['width']}px: {too_wide}"
        assert not violations, f"serious or critical axe violations: {violations}"
    finally:
        context.close()
