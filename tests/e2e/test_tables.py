"""Tables and the site header on a phone and a desktop, with the demo accounts.

One table pattern holds across the site (portal.css, docs/ui.md): at 1,280 px a
table fits the page without sideways scrolling, on a phone its rows become
cards whose cells are labelled with their column headers, and only a table that
really must scroll sits in a labelled, focusable scroll region. The phone
header is a single row with a menu button. Every page is checked with axe-core
(WCAG 2.0/2.1/2.2 A and AA rules): no violations at all.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from tests.conftest import sign_in_verified

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]

OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > limit + 0.5)
    .filter(el => !el.closest('.table-scroll'))
    .slice(0, 12)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
         + (el.className && typeof el.className === 'string' ? '.' + el.className : ''));
}"""

#: Cells of a card-layout table that carry no label of their column on a phone.
UNLABELLED_CELLS = """() => [...document.querySelectorAll('table.table-stack tbody td')]
  .filter(td => td.textContent.trim() && !td.hasAttribute('colspan'))
  .filter(td => !td.hasAttribute('data-label'))
  .map(td => td.closest('table').querySelector('caption')?.textContent.trim()
             || td.closest('section,main').querySelector('h1,h2')?.textContent.trim())"""


@pytest.fixture
def demo_world(transactional_db, live_server, settings):
    from content import demo

    settings.DEBUG = True
    world = demo.load()
    settings.DEBUG = False
    return world


def _pages(world):
    """(username or None, path) of the pages checked: family, guidance, staff of se_iup and no_iskole."""
    from jurisdictions.no_iskole.models import Iop, SchoolApplication
    from jurisdictions.se_iup.models import DevelopmentPlan, TalkSlot
    from plugins.consent.models import ConsentReceipt
    from plugins.models import Student

    students = world["students"]
    guidance = world["guidance"]
    booklet = guidance["booklets"]["en"]
    chapters = {c.slug: c for c in booklet.get_children().live().specific()}
    nora = students["nora"]
    elvdal_iops = Iop.objects.filter(student__school=world["schools"][0]).order_by("pk")
    sent = SchoolApplication.objects.order_by("pk").first()
    linnea = Student.objects.filter(person__given_name="Linnea").first()
    linnea_plan = DevelopmentPlan.objects.filter(student=linnea).order_by("-pk").first()
    group = TalkSlot.objects.order_by("pk").first().group
    pages = [
        (None, "/"),
        (None, booklet.url),
        (None, chapters["annual-wheel"].url),
        (None, chapters["statistics"].url),
        ("demo-guardian", "/family/"),
        ("demo-guardian", f"/family/children/{students['ola'].pk}/"),
        ("demo-guardian", f"/family/children/{students['mia'].pk}/access-log/"),
        ("demo-guardian", "/family/consents/"),
        ("demo-student", f"/family/children/{nora.pk}/"),
        ("demo-guardian", f"/j/se-iup/plans/{linnea_plan.pk}/"),
        ("demo-se-mentor", "/j/se-iup/"),
        ("demo-se-mentor", f"/j/se-iup/classes/{group.pk}/plans/"),
        ("demo-se-mentor", f"/j/se-iup/classes/{group.pk}/times/"),
        ("demo-coordinator", "/j/no-iskole/"),
        ("demo-coordinator", "/j/no-iskole/applications/new/"),
        ("demo-coordinator", "/j/no-iskole/school-applications/"),
        ("demo-coordinator", f"/j/no-iskole/school-applications/{sent.pk}/"),
        *(("demo-coordinator", f"/j/no-iskole/iop/{iop.pk}/") for iop in elvdal_iops[:2]),
        ("demo-coordinator", "/cases/"),
    ]
    receipt = ConsentReceipt.objects.filter(signer__username="demo-guardian").first()
    if receipt is not None:
        pages.append(("demo-guardian", f"/family/consents/{receipt.request_id}/"))
    return pages


def _sign_in(context, live_server, username):
    context.clear_cookies()
    if username is None:
        return
    user = get_user_model().objects.get(username=username)
    client = sign_in_verified(Client(), user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _axe_violations(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']} ({v.get('impact')}): "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:4])
        for v in results.response["violations"]
    ]


def _check_page(page, url, viewport):
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    problems = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    if scroll_width > inner_width:
        problems.append(
            f"{url} is {scroll_width}px wide at {inner_width}px; "
            f"past the edge: {page.evaluate(OVERFLOWING)}"
        )
    unlabelled = page.evaluate(UNLABELLED_CELLS)
    if unlabelled:
        problems.append(f"{url}: cells without data-label in {sorted(set(unlabelled))}")
    # A table that fits needs no scroll region; one that scrolls needs a labelled region.
    for region in page.locator(".table-scroll").all():
        assert region.get_attribute("role") == "region", f"{url}: unlabelled scroll region"
        # A Tab stop exactly while it scrolls (portal/static/portal/menu.js).
        scrolls = region.evaluate(
            "el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1"
        )
        assert (region.get_attribute("tabindex") == "0") == scrolls, (
            f"{url}: scroll region Tab stop"
        )
        assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label")
        if viewport == DESKTOP and region.evaluate("el => el.scrollWidth > el.clientWidth + 1"):
            problems.append(f"{url}: a table scrolls sideways at 1,280 px")
    if viewport == PHONE:
        header = page.locator("header.site-header").bounding_box()
        if header["height"] > 0.25 * PHONE["height"]:
            problems.append(f"{url}: the phone header is {header['height']:.0f}px high")
    problems += [f"{url}: axe {v}" for v in _axe_violations(page)]
    if viewport == PHONE:
        # The menu opens; its links, the language switcher and signing in or out are all there.
        page.get_by_role("button", name="Menu").click()
        nav = page.get_by_role("navigation", name="Main menu")
        for link in nav.get_by_role("link").all():
            expect(link).to_be_visible()
        expect(page.locator("#lang-select")).to_be_visible()
        account = page.get_by_role("banner").get_by_role("button", name="Sign out")
        if not account.count():
            account = page.get_by_role("banner").get_by_role("link", name="Sign in")
        expect(account).to_be_visible()
        if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
            problems.append(f"{url}: the open menu is wider than the phone")
        problems += [f"{url} (menu open): axe {v}" for v in _axe_violations(page)]
    return problems


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_pages_fit_the_screen_and_pass_axe(demo_world, browser_context, live_server, viewport):
    page = browser_context.new_page()
    page.set_viewport_size(viewport)
    problems = []
    current = object()
    for username, path in _pages(demo_world):
        if username != current:
            _sign_in(browser_context, live_server, username)
            current = username
        problems += _check_page(page, live_server.url + path, viewport)
    assert not problems, "\n".join(problems)


def test_table_rows_become_labelled_cards_on_a_phone(demo_world, browser_context, live_server):
    from jurisdictions.se_iup.models import TalkSlot

    group = TalkSlot.objects.order_by("pk").first().group
    _sign_in(browser_context, live_server, "demo-se-mentor")
    page = browser_context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/j/se-iup/classes/{group.pk}/plans/")
    table = page.get_by_role("table", name="Plans of the class")
    expect(table).to_be_visible()
    cell = table.locator("tbody td[data-label]").first
    label = cell.get_attribute("data-label")
    assert label in {"Term", "Step", "Goals done", "Next plan"}
    # The label is shown before the value, and the row is a block (a card), not a table row.
    shown = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label in shown
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    assert table.locator("thead").evaluate("el => el.getBoundingClientRect().height") <= 1

    # At 1,280 px it is an ordinary table again, without labels before the values.
    page.set_viewport_size(DESKTOP)
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") in ("none", "normal")
    expect(table.locator("thead th").first).to_be_visible()
