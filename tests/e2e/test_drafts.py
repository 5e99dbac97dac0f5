"""Forms that do not lose work, in a real browser: autosave, session expiry, offer back, warning."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from plugins.drafts.models import Draft
from plugins.sdk import builders as b
from tests.conftest import sign_in_verified

pytestmark = pytest.mark.e2e

BEFORE = "Goals for the spring term: read twenty minutes a day."
AFTER = " Typed after the session ended: ask for help in maths."


@pytest.fixture
def editing(transactional_db, live_server, browser_context):
    """A coordinator signed in (verified) in the browser, and a case they may edit."""
    from tests.dummy_jurisdiction.models import Case

    student = b.student()
    coordinator = b.role_holder("coordinator", student.school)
    device = TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)
    case = Case.objects.create(student=student, summary="The saved summary.")
    client = sign_in_verified(Client(), coordinator)
    browser_context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    url = f"{live_server.url}/j/dummy/cases/{case.pk}/edit/"
    return case, coordinator, device, url


def sign_in_again(page, user, device):
    """The real sign-in: password, then a code from the authenticator."""
    page.locator("input[name=auth-username]").fill(user.username)
    page.locator("input[name=auth-password]").fill("test-pass-2026")
    page.get_by_role("button", name="Continue").click()
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    page.locator("input[name=token-otp_token]").fill(code)
    page.get_by_role("button", name="Sign in").click()


def expire_sessions():
    """The session ends on the server (as after the idle timeout)."""
    Session.objects.all().delete()


def test_draft_typed_before_expiry_is_offered_back_after_signing_in(page, editing):
    case, coordinator, device, url = editing
    page.goto(url)
    summary = page.get_by_label("Summary")
    status = page.locator("[data-autosave-status]")

    summary.fill(BEFORE)
    expect(status).to_have_text(re.compile(r"^Saved as a draft at \d\d:\d\d$"))
    assert Draft.objects.get(user=coordinator).text == BEFORE

    expire_sessions()
    page.reload()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    sign_in_again(page, coordinator, device)

    expect(page).to_have_url(url)
    offer = page.get_by_role("group", name=re.compile("You have unsaved text from"))
    expect(offer).to_be_visible()
    expect(offer.locator("[data-draft-text]")).to_have_text(BEFORE)
    expect(summary).to_have_value("The saved summary.")
    violations = [
        v
        for v in Axe().run(page).response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert not violations, [v["id"] for v in violations]

    offer.get_by_role("link", name="Restore it").click()
    expect(summary).to_have_value(BEFORE)
    expect(offer).to_have_count(0)
    expect(summary).to_be_focused()

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The summary is saved.")).to_be_visible()
    case.refresh_from_db()
    assert case.summary == BEFORE
    assert not Draft.objects.filter(user=coordinator).exists()
    expect(page.locator("[data-draft-offer]")).to_have_count(0)


def test_text_typed_after_expiry_is_kept_in_the_browser_and_not_sent_into_the_void(page, editing):
    case, coordinator, device, url = editing
    page.goto(url)
    summary = page.get_by_label("Summary")
    status = page.locator("[data-autosave-status]")
    summary.fill(BEFORE)
    expect(status).to_have_text(re.compile("^Saved as a draft at"))

    expire_sessions()
    summary.press("End")
    summary.press_sequentially(AFTER)
    expect(status).to_have_text(re.compile("^Not saved: your session has ended"))
    banner = page.get_by_role("alert").filter(has_text="Your session has ended")
    expect(banner).to_be_visible()

    # Sending the form now would land on the sign-in page and lose the text: it is held back.
    page.get_by_role("button", name="Save").click()
    expect(status).to_have_text(re.compile("^Your session has ended, so the form was not sent"))
    expect(page).to_have_url(url)
    case.refresh_from_db()
    assert case.summary == "The saved summary."

    banner.get_by_role("link", name="Sign in again").click()
    sign_in_again(page, coordinator, device)
    expect(page).to_have_url(url)
    # The browser's copy is newer than the server draft: it is the one offered.
    offer = page.locator("[data-draft-offer]")
    expect(offer.locator("[data-draft-text]")).to_have_text(BEFORE + AFTER)
    offer.get_by_role("button", name="Restore it").click()
    expect(summary).to_have_value(BEFORE + AFTER)
    expect(status).to_have_text(re.compile("^Saved as a draft at"))
    assert Draft.objects.get(user=coordinator).text == BEFORE + AFTER


def test_discarding_the_offer_forgets_the_draft(page, editing):
    case, coordinator, device, url = editing
    page.goto(url)
    page.get_by_label("Summary").fill(BEFORE)
    expect(page.locator("[data-autosave-status]")).to_have_text(re.compile("^Saved as a draft"))
    page.reload()
    offer = page.locator("[data-draft-offer]")
    expect(offer).to_be_visible()
    offer.get_by_role("link", name="Discard").click()
    expect(offer).to_have_count(0)
    expect(page.locator("[data-autosave-status]")).to_have_text("The unsaved text was discarded.")
    page.reload()
    expect(page.locator("[data-draft-offer]")).to_have_count(0)
    assert not Draft.objects.filter(user=coordinator).exists()


def test_warning_before_the_session_ends_and_stay_signed_in(page, editing, settings):
    case, coordinator, device, url = editing
    settings.SESSION_COOKIE_AGE = 20  # the warning comes 15 s before the end: after 5 s
    settings.PORTAL_SESSION_WARN_SECONDS = 15
    page.goto(url)

    banner = page.get_by_role("alert").filter(has_text="You will be signed out at")
    expect(banner).to_be_visible(timeout=15_000)
    with page.expect_response(re.compile(r"/drafts/ping/$")) as ping:
        banner.get_by_role("button", name="Stay signed in").click()
    assert ping.value.status == 200
    assert ping.value.json()["idle_seconds"] == 20
    expect(banner).to_have_count(0)
    # Still signed in: the form page opens without a detour to sign-in.
    page.reload()
    expect(page).to_have_url(url)


def test_signing_out_on_purpose_forgets_the_browsers_copy(page, editing):
    case, coordinator, device, url = editing
    page.goto(url)
    page.get_by_label("Summary").fill(BEFORE)  # kept in the browser until the server has it
    local_copies = "Object.keys(localStorage).filter(k => k.startsWith('portal-draft:'))"
    assert len(page.evaluate(local_copies)) == 1
    page.get_by_role("button", name="Sign out").click()  # before the draft reached the server
    expect(page).not_to_have_url(url)
    assert page.evaluate(local_copies) == []
