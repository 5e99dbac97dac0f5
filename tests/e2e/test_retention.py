"""A coordinator closes the case of a student who left and deletes one past its retention, in a browser."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from plugins.models import Person, Student
from plugins.sdk import builders as b
from tests.conftest import sign_in_verified

pytestmark = pytest.mark.e2e


def blocking(page):
    return [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]


@pytest.fixture
def school_cases(transactional_db, live_server, browser_context):
    leaver = b.student()
    school = leaver.school
    gone = b.student(school_org=school)
    Person.objects.filter(pk=leaver.person_id).update(given_name="Tor", family_name="Vik")
    Person.objects.filter(pk=gone.person_id).update(given_name="Siri", family_name="Lund")
    Student.objects.filter(pk=gone.pk).update(left_on=datetime.date(2010, 6, 20))
    coordinator = b.role_holder("coordinator", school)
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
    return leaver, gone


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_close_a_case_then_delete_one_past_its_retention(page, live_server, school_cases, viewport):
    leaver, gone = school_cases
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(f"{live_server.url}/cases/")
    expect(page.get_by_role("heading", name="Cases of students who left")).to_be_visible()
    assert not blocking(page)

    # Close Tor's case: find him by name, give the day he left.
    page.get_by_label("Student's name").fill("Vik")
    page.get_by_role("button", name="Find").click()
    page.get_by_label("Left the school on").fill("2026-06-19")
    page.get_by_role("button", name="Close the case of Tor Vik").click()
    expect(page.get_by_text("The case of Tor Vik is closed.")).to_be_visible()
    leaver.refresh_from_db()
    assert leaver.left_on == datetime.date(2026, 6, 19)
    expect(page.get_by_role("button", name="Reopen the case of Tor Vik")).to_be_visible()

    # Siri left in 2010: her case can go.
    page.get_by_role("link", name="Delete the case of Siri Lund…").click()
    expect(page.get_by_role("heading", name="Delete the case of Siri Lund?")).to_be_visible()
    expect(page.get_by_role("table", name="What will be deleted")).to_be_visible()
    assert not blocking(page)
    page.get_by_role("button", name="Delete the case for good").click()
    # Once at the box, and once in the error summary that links to it.
    expect(
        page.locator("main form").get_by_text("Tick the box to confirm the deletion.")
    ).to_be_visible()
    expect(page.locator(".error-summary")).to_contain_text("Tick the box to confirm the deletion.")
    assert Student.objects.filter(pk=gone.pk).exists()
    page.get_by_label("I understand that the case and its files are deleted for good.").check()
    page.get_by_role("button", name="Delete the case for good").click()
    expect(page.get_by_text("The case of Siri Lund is deleted")).to_be_visible()
    assert not Student.objects.filter(pk=gone.pk).exists()
