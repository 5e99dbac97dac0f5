"""Forms that tell: after an invalid submit the title says "Error:" and a summary links the fields."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def summary(html: str) -> str:
    found = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    return found.group(0) if found else ""


def test_a_wrong_password_titles_the_page_error_and_summarises(client):
    get_user_model().objects.create_user("kari", password="a-long-pass-2026")
    client.get("/accounts/login/")
    response = client.post(
        "/accounts/login/",
        {"login_view-current_step": "auth", "auth-username": "kari", "auth-password": "wrong"},
    )
    html = response.content.decode()
    assert title(html).startswith("Error: ")
    box = summary(html)
    assert 'role="alert"' in box and "autofocus" in box
    assert "There is a problem" in box


def test_an_empty_required_field_is_linked_from_the_summary(client):
    get_user_model().objects.create_user("kari", password="a-long-pass-2026")
    client.get("/accounts/login/")
    response = client.post(
        "/accounts/login/",
        {"login_view-current_step": "auth", "auth-username": "", "auth-password": ""},
    )
    box = summary(response.content.decode())
    assert 'href="#id_auth-username"' in box and 'href="#id_auth-password"' in box


def test_a_page_without_errors_has_no_summary_and_a_plain_title(client):
    html = client.get("/accounts/login/").content.decode()
    assert not title(html).startswith("Error")
    assert summary(html) == ""


def test_a_wrong_step_up_code_is_summarised_once(verified_client):
    user = get_user_model().objects.create_user("per", password="a-long-pass-2026")
    client = verified_client(user, fresh=False)
    response = client.post("/accounts/verify/", {"token": "000000", "next": "/family/"})
    html = response.content.decode()
    assert title(html).startswith("Error: ")
    assert html.count("That code is not valid") == 1
