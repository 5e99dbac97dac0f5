"""Sign-in with a second factor, throttling, replay, step-up, session lifetime, reset."""

import re
import time
from urllib.parse import unquote

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plugins.accounts import VERIFIED_AT_KEY
from plugins.accounts.middleware import SIGNED_IN_AT_KEY
from plugins.sdk import builders as b

pytestmark = pytest.mark.django_db
PASSWORD = "test-pass-2026"
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user_with_device():
    user = b.user()
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user, device


def code_for(device, offset=0):
    return (
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):06d}"
    )


def post_password(client, username, password, **extra):
    return client.post(
        LOGIN,
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
        **extra,
    )


def post_code(client, code, **extra):
    return client.post(
        LOGIN, {"login_view-current_step": "token", "token-otp_token": code}, **extra
    )


def test_sign_in_with_password_and_code(client, user_with_device):
    user, device = user_with_device
    client.get(LOGIN)
    before = client.session.session_key
    response = post_password(client, user.username, PASSWORD)
    assert response.status_code == 200
    assert "token-otp_token" in response.content.decode()
    assert "_auth_user_id" not in client.session  # not signed in after the password alone
    response = post_code(client, code_for(device))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.session_key != before  # key rotated at sign-in
    assert client.session[VERIFIED_AT_KEY] >= int(time.time()) - 5
    assert client.get("/j/dummy/").status_code == 200


def test_wrong_code_does_not_sign_in(client, user_with_device):
    user, device = user_with_device
    post_password(client, user.username, PASSWORD)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    response = post_code(client, wrong)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_backup_code_signs_in_once(client):
    user = b.user()
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="backup")
    StaticToken.objects.create(device=static, token="backup-one")
    post_password(client, user.username, PASSWORD)
    response = client.post(
        LOGIN, {"login_view-current_step": "backup", "backup-otp_token": "backup-one"}
    )
    assert response.status_code == 302
    assert not StaticToken.objects.filter(device=static).exists()


def test_case_pages_need_a_verified_second_factor(client, user_with_device):
    user, _ = user_with_device
    client.force_login(user)  # password only: no second factor in this session
    response = client.get("/j/dummy/")
    assert response.status_code == 302
    assert unquote(response["Location"]).startswith("/accounts/verify/?next=/j/dummy/")


def test_user_without_device_is_sent_to_enrol(client):
    user = b.user()
    response = post_password(client, user.username, PASSWORD)
    assert response.status_code == 302  # signed in without a second factor...
    response = client.get("/j/dummy/", follow=False)
    assert response["Location"].startswith("/accounts/verify/")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two_factor/setup/")
    page = client.get(response["Location"])
    assert page.status_code == 200


def test_anonymous_reads_public_guidance_but_not_cases(client):
    assert client.get("/").status_code == 200
    response = client.get("/j/dummy/cases/1/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_wrong_passwords_are_throttled_per_account(client, settings, user_with_device):
    settings.PORTAL_THROTTLE_FREE_ATTEMPTS = 3
    settings.PORTAL_THROTTLE_FACTOR = 30
    user, _ = user_with_device
    for _ in range(3):
        response = post_password(client, user.username, "wrong-password")
        assert "Too many failed attempts" not in response.content.decode()
    response = post_password(client, user.username, "wrong-password")
    assert "Too many failed attempts. Try again in 30 seconds." in response.content.decode()
    # Even the right password waits now, from another address too (per account).
    response = post_password(client, user.username, PASSWORD, REMOTE_ADDR="10.9.9.9")
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert "token-otp_token" not in response.content.decode()


def test_wrong_passwords_are_throttled_per_address(client, settings):
    settings.PORTAL_THROTTLE_FREE_ATTEMPTS = 3
    settings.PORTAL_THROTTLE_ADDRESS_FREE_ATTEMPTS = 3
    settings.PORTAL_THROTTLE_FACTOR = 120
    users = [b.user() for _ in range(5)]
    for u in users[:4]:
        post_password(client, u.username, "wrong-password", REMOTE_ADDR="10.1.1.1")
    response = post_password(client, users[4].username, PASSWORD, REMOTE_ADDR="10.1.1.1")
    assert "Try again in 2 minutes" in response.content.decode()
    # Another address may still try that account.
    response = post_password(client, users[4].username, PASSWORD, REMOTE_ADDR="10.2.2.2")
    assert "Too many failed attempts" not in response.content.decode()


def test_wrong_codes_are_throttled(client, settings, user_with_device):
    settings.PORTAL_THROTTLE_FREE_ATTEMPTS = 2
    user, device = user_with_device
    post_password(client, user.username, PASSWORD)
    good = code_for(device)
    wrong = "123456" if good != "123456" else "654321"
    post_code(client, wrong)
    post_code(client, wrong)
    response = post_code(client, wrong)
    assert "Too many failed attempts" in response.content.decode()
    response = post_code(client, good)
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_replayed_code_is_refused(client, verified_client, user_with_device):
    user, device = user_with_device
    c = verified_client(user, fresh=False)
    code = code_for(device)
    response = c.post("/accounts/verify/", {"token": code, "next": "/"})
    assert response.status_code == 302
    assert c.session[VERIFIED_AT_KEY] > 0
    response = c.post("/accounts/verify/", {"token": code, "next": "/"})
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_step_up_is_asked_when_stale(client, settings, verified_client, user_with_device):
    settings.ROOT_URLCONF = "tests.plugins.stepup_urls"
    settings.PORTAL_STEP_UP_SECONDS = 300
    user, device = user_with_device
    c = verified_client(user, fresh=False)
    response = c.get("/test-sign/")
    assert response.status_code == 302
    assert unquote(response["Location"]).startswith("/accounts/verify/?next=/test-sign/")
    response = c.post("/accounts/verify/", {"token": code_for(device), "next": "/test-sign/"})
    assert response["Location"] == "/test-sign/"
    assert c.get("/test-sign/").content == b"signed"
    # Time passes beyond the window: asked again.
    session = c.session
    session[VERIFIED_AT_KEY] = int(time.time()) - 301
    session.save()
    assert c.get("/test-sign/").status_code == 302


def test_verify_refuses_open_redirect(verified_client, user_with_device):
    user, device = user_with_device
    c = verified_client(user, fresh=False)
    response = c.post(
        "/accounts/verify/", {"token": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_absolute_session_lifetime(settings, verified_client, user_with_device):
    settings.PORTAL_SESSION_ABSOLUTE_SECONDS = 3600
    user, _ = user_with_device
    c = verified_client(user)
    assert c.get("/j/dummy/").status_code == 200
    session = c.session
    session[SIGNED_IN_AT_KEY] = int(time.time()) - 3601
    session.save()
    response = c.get("/j/dummy/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in c.session


def test_idle_expiry_is_configured(settings):
    assert settings.SESSION_COOKIE_AGE == settings.PORTAL_SESSION_IDLE_SECONDS
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_signed_in_responses_are_private_no_store(verified_client, user_with_device):
    user, _ = user_with_device
    c = verified_client(user)
    for url in ("/j/dummy/", "/"):
        cc = c.get(url)["Cache-Control"]
        assert "private" in cc and "no-store" in cc


def test_password_reset_by_email(client):
    user = b.user()
    user.email = "parent@example.org"
    user.save()
    response = client.post("/accounts/password_reset/", {"email": "parent@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = re.search(r"http://[^/]+(/accounts/reset/\S+)", body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "a-new-long-pass-2026", "new_password2": "a-new-long-pass-2026"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-pass-2026")


def test_password_reset_for_unknown_address_says_the_same(client):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_totp_enrolment_shows_qr_and_secret(client):
    user = b.user()
    post_password(client, user.username, PASSWORD)  # enrolment follows the password
    response = client.get("/accounts/two_factor/setup/")
    assert response.status_code == 200
    response = client.post("/accounts/two_factor/setup/", {"setup_view-current_step": "welcome"})
    html = response.content.decode()
    assert "/accounts/two_factor/qrcode/" in html
    assert re.search(r"[A-Z2-7]{16,}", html), "the secret is shown as text"
    qr = client.get("/accounts/two_factor/qrcode/")
    assert qr.status_code == 200 and qr["Content-Type"].startswith("image/svg")
