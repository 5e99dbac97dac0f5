"""Transition follow-up pages on a desktop and a phone, with the demo accounts (issue 16).

The class screening (once 13 columns, 2,010 px wide at 1,280 px), the plan and
its steps, and the screening handed over to the upper-secondary school fit the
screen without sideways scrolling, at 1,280 px and at 390 px, and pass axe-core
(WCAG 2.0/2.1/2.2 A and AA rules) without violations.
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
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BASE = "/j/no-troms-transition"

#: What sticks out past the right edge (for the failure message).
OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > limit + 0.5)
    .slice(0, 8)
    .map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
         ? '.' + el.className.split(' ').join('.') : ''));
}"""


@pytest.fixture
def demo_world(transactional_db, live_server, settings):
    from content import demo

    settings.DEBUG = True
    world = demo.load()
    settings.DEBUG = False
    return world


def _sign_in(context, live_server, username):
    context.clear_cookies()
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


def _pages():
    from jurisdictions.no_troms_transition.models import ScreeningRow, TransitionPlan

    plans = {p.student.person.given_name: p for p in TransitionPlan.objects.all()}
    group = ScreeningRow.objects.get(pk=plans["Jonas"].screening_id).group
    return [
        ("demo-troms-rektor", f"{BASE}/classes/{group.pk}/"),
        ("demo-troms-counsellor", f"{BASE}/plans/{plans['Jonas'].pk}/"),
        ("demo-troms-counsellor", f"{BASE}/plans/{plans['Nils'].pk}/"),
        ("demo-troms-upper", f"{BASE}/plans/{plans['Maja'].pk}/"),
        ("demo-troms-upper", f"{BASE}/plans/{plans['Maja'].pk}/screening/"),
    ]


#: Tables wider than the column they sit in (they would scroll inside a region).
TOO_WIDE = """() => [...document.querySelectorAll('main table')]
  .filter(t => t.getBoundingClientRect().width > t.parentElement.clientWidth + 0.5)
  .map(t => (t.caption ? t.caption.textContent.trim() : 'table')
       + ': ' + Math.round(t.getBoundingClientRect().width) + 'px')"""


def _problems(page, url, viewport):
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    found = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    width = page.evaluate("window.innerWidth")
    if scroll_width > width:
        found.append(f"{url} is {scroll_width}px wide at {width}px: {page.evaluate(OVERFLOWING)}")
    if viewport == DESKTOP:
        # At 1,280 px the tables are readable whole: no scrolling inside a region either.
        found += [
            f"{url}: table wider than the page at 1280px: {t}" for t in page.evaluate(TOO_WIDE)
        ]
    # A scroll region is focusable only when it really scrolls, and is labelled.
    for region in page.locator("[tabindex='0']").all():
        scrolls = region.evaluate("el => el.scrollWidth > el.clientWidth")
        if not scrolls:
            found.append(f"{url}: a focusable region that does not scroll")
        elif region.get_attribute("role") != "region" or not (
            region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
        ):
            found.append(f"{url}: an unlabelled scroll region")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    found += [
        f"{url}: axe {v['id']} ({v.get('impact')}): "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:4])
        for v in results.response["violations"]
    ]
    return found


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_screening_and_plan_pages_fit_the_screen_and_pass_axe(
    demo_world, browser_context, live_server, viewport
):
    page = browser_context.new_page()
    page.set_viewport_size(viewport)
    problems = []
    current = None
    for username, path in _pages():
        if username != current:
            _sign_in(browser_context, live_server, username)
            current = username
        # English, and bokmål with its long compound words.
        for language in ("en", "nb"):
            browser_context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            problems += _problems(page, live_server.url + path, viewport)
    assert not problems, "\n".join(problems)


def test_screening_rows_become_labelled_cards_on_a_phone(demo_world, browser_context, live_server):
    from jurisdictions.no_troms_transition.models import TransitionPlan

    plan = TransitionPlan.objects.get(student__person__given_name="Jonas")
    _sign_in(browser_context, live_server, "demo-troms-rektor")
    page = browser_context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{BASE}/classes/{plan.screening.group_id}/")
    table = page.get_by_role("table", name="Screening table for 10A")
    expect(table).to_be_visible()
    row = table.locator("tbody tr", has_text="Jonas Rypdal")
    cell = row.locator("td[data-label='Risk factors']")
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    assert "Risk factors" in cell.evaluate("td => getComputedStyle(td, '::before').content")
    expect(cell).to_contain_text("2 of 7")
    expect(cell).to_contain_text("Earlier measures")
    # At 1,280 px it is a table of six columns again.
    page.set_viewport_size(DESKTOP)
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
    expect(table.locator("thead th")).to_have_count(6)
