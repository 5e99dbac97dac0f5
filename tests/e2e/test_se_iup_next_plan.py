"""The mentor creates the next IUP in a real browser: the next term is proposed and accepted.

Regression (issue 16, finding 12): the class page proposed the current term,
so keeping the default answered "a plan already exists for this term".
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from jurisdictions.se_iup.models import (
    DevelopmentPlan,
    Mentorship,
    PlanStatus,
    next_term,
    term_for,
    term_label,
)

pytestmark = pytest.mark.e2e

PASSWORD = "demo-pass-2026"
BLOCKING = {"serious", "critical"}


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


def sign_in(browser, live_server, username):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=auth-username]").fill(username)
    page.locator("input[name=auth-password]").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.locator("input[name=token-otp_token]").fill(_code(username))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("input[name=token-otp_token]")).to_have_count(0)
    return context, page


def assert_no_blocking_axe_violations(page):
    results = Axe().run(page)
    found = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    assert not found, (
        "serious or critical axe violations: "
        + ", ".join(
            f"{v['id']} ({v['impact']}: {[n['html'][:120] for n in v['nodes']]})" for v in found
        )
        + " at "
        + page.url
    )


def test_the_mentor_creates_the_next_iup_for_the_proposed_term(demo_world, browser, live_server):
    group = Mentorship.objects.get(mentor__user__username="demo-se-mentor").group
    alva_plan = DevelopmentPlan.objects.get(
        student__group=group, student__person__given_name="Alva", status=PlanStatus.EVALUATED
    )
    proposed = next_term(alva_plan.term)
    assert alva_plan.term == term_for()

    context, page = sign_in(browser, live_server, "demo-se-mentor")
    try:
        page.goto(f"{live_server.url}/j/se-iup/classes/{group.pk}/plans/")
        row = page.get_by_role("row", name="Alva Holm")
        select = row.get_by_label("Term")
        expect(select).to_have_value(proposed)
        assert_no_blocking_axe_violations(page)

        row.get_by_role("button", name="Create the next IUP (archives the current one)").click()

        expect(page.get_by_role("heading", level=1)).to_contain_text(
            f"IUP of Alva Holm, {term_label(proposed)}"
        )
        expect(page.get_by_text("The plan is created.")).to_be_visible()
        expect(page.get_by_text("already a plan for this term")).to_have_count(0)
        # The new plan's page, checked without the one-off message: the shared message list
        # in base.html (<ul role="status">) is reported to its owner separately.
        page.reload()
        assert_no_blocking_axe_violations(page)
    finally:
        context.close()

    alva_plan.refresh_from_db()
    assert alva_plan.status == PlanStatus.ARCHIVED
    new = DevelopmentPlan.objects.get(student=alva_plan.student, term=proposed)
    assert new.status == PlanStatus.PREPARING
