"""No catalogue overrides another's words: Django's month names, the code field, the switcher."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "expected"),
    [("nb", "3. desember 2026"), ("nn", "3. desember 2026"), ("sv", "3 december 2026")],
)
def test_dates_use_djangos_month_names(code, expected):
    with translation.override(code):
        assert date_format(datetime.date(2026, 12, 3), "DATE_FORMAT") == expected


def _to_code_step(client, username, password):
    client.get("/accounts/login/")
    return client.post(
        "/accounts/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": username,
            "auth-password": password,
        },
    )


@pytest.mark.parametrize("code", [c for c, _n in settings.LANGUAGES])
def test_the_code_step_speaks_the_page_language_and_says_a_problem_once(code):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create_user("kari", password="a-long-pass-2026")
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE=code)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    page = _to_code_step(client, "kari", "a-long-pass-2026").content.decode()
    assert "Token" not in page
    response = client.post(
        "/accounts/login/", {"login_view-current_step": "token", "token-otp_token": ""}
    )
    html = response.content.decode()
    assert "OTP token" not in html and "Token" not in html
    with translation.override(code):
        message = str(translation.gettext("Enter the code."))
    # Once at the field (the error summary at the top repeats it as a link, by design).
    body = re.sub(r'<div class="error-summary".*?</div>', "", html, flags=re.S)
    assert body.count(message) == 1
    assert message in html.split('class="error-summary"')[1]


def test_the_switcher_names_each_language_in_its_own_name():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    html = client.get("/search/").content.decode()
    options = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', html)
    assert dict(options) == dict(settings.LANGUAGES)
