"""One door to a session: the attacks of the two-factor bypass finding, replayed.

1. A password alone at Wagtail's or Django admin's sign-in gave a session.
2. That session could enrol the attacker's own authenticator (setup POST with
   an existing device), then remove every factor without a fresh code.
3. ``wizard_goto_step`` switched the sign-in throttle off.
4. Behind a proxy every visitor shared one address, so one could lock out all.
5. Password reset had no limit.

Each test is the attack; it must fail to get in. The walks at the end try every
URL pattern of the project as a password-only session and as an anonymous
visitor, and post credentials to every one of them.
"""

from __future__ import annotations

import re
import time
import uuid

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plugins.accounts import ENROL_UNTIL_KEY
from plugins.audit.models import AuditEvent
from plugins.sdk import builders as b
from tests.conftest import sign_in_verified

pytestmark = pytest.mark.django_db
PASSWORD = "test-pass-2026"
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _owner(**flags):
    user = b.user()
    user.email = f"{user.username}@example.org"
    for name, value in flags.items():
        setattr(user, name, value)
    user.save()
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user, device


def _signed_in_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def _post_password(client, username, password, **extra):
    return client.post(
        LOGIN,
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
        **extra,
    )


def _password_only(user) -> Client:
    """The session the attacker used to get: signed in, no second factor."""
    client = Client()
    client.force_login(user)
    return client


# 1. Password-only sign-in at the admin pages -------------------------------------------


@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/", "/_util/login/"])
def test_admin_sign_in_pages_give_no_session_for_a_password(client, login_url):
    user, _ = _owner(is_staff=True, is_superuser=True)
    response = client.post(
        login_url, {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert _signed_in_id(client) is None
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert client.get("/admin/").status_code == 302  # still sent to sign in
    assert client.get("/django-admin/").status_code == 302


def test_wagtail_admin_sends_to_the_portal_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# 2. Second factors need a fresh one --------------------------------------------------


def test_setup_post_with_an_existing_device_is_refused_without_a_fresh_code(settings):
    owner, device = _owner()
    for client in (_password_only(owner), sign_in_verified(Client(), owner, fresh=False)):
        response = client.post(
            "/accounts/two_factor/setup/", {"setup_view-current_step": "welcome"}
        )
        assert response.status_code == 302
        assert "/accounts/verify/" in response["Location"] or LOGIN in response["Location"]
        assert "qr_secret_key" not in " ".join(client.session.keys())
        response = client.post(
            "/accounts/two_factor/setup/",
            {"setup_view-current_step": "generator", "generator-token": "123456"},
        )
        assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=owner)) == [device]
    assert not mail.outbox


def test_password_only_session_without_the_sign_in_flow_cannot_enrol():
    user = b.user()  # no second factor yet
    client = _password_only(user)
    response = client.post("/accounts/two_factor/setup/", {"setup_view-current_step": "welcome"})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert _signed_in_id(client) is None
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_first_enrolment_right_after_the_password_works_and_is_told(client):
    user = b.user()
    user.email = "first@example.org"
    user.save()
    _post_password(client, user.username, PASSWORD)
    assert client.session.get(ENROL_UNTIL_KEY)
    _complete_setup(client)
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert AuditEvent.objects.filter(actor=user, action="factor-added").exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["first@example.org"]
    assert ENROL_UNTIL_KEY not in client.session


def test_enrolment_window_closes(client, settings):
    settings.PORTAL_ENROL_SECONDS = 0
    user = b.user()
    _post_password(client, user.username, PASSWORD)
    session = client.session
    session[ENROL_UNTIL_KEY] = int(time.time()) - 1
    session.save()
    response = client.get("/accounts/two_factor/setup/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def _complete_setup(client):
    assert client.get("/accounts/two_factor/setup/").status_code == 200
    response = client.post("/accounts/two_factor/setup/", {"setup_view-current_step": "welcome"})
    assert response.status_code == 200, response
    key = client.session["django_two_factor-qr_secret_key"]
    from base64 import b32decode

    raw = b32decode(key + "=" * (-len(key) % 8))
    code = f"{totp(raw):06d}"
    response = client.post(
        "/accounts/two_factor/setup/",
        {"setup_view-current_step": "generator", "generator-token": code},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def test_replacing_the_authenticator_needs_a_fresh_code_and_tells_the_owner():
    owner, old = _owner()
    client = sign_in_verified(Client(), owner, fresh=True)
    assert client.get("/accounts/two_factor/setup/").status_code == 200
    _complete_setup(client)
    devices = list(TOTPDevice.objects.filter(user=owner))
    assert len(devices) == 1 and devices[0].pk != old.pk  # replaced, not added beside it
    assert AuditEvent.objects.filter(actor=owner, action="factor-replaced").exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert "replaced" in message.body and "not you" in message.body
    assert owner.username not in message.body  # no content beyond what happened and when


def test_removing_every_factor_is_refused_even_when_fresh():
    owner, device = _owner()
    for client in (_password_only(owner), sign_in_verified(Client(), owner, fresh=False)):
        response = client.post("/accounts/two_factor/disable/", {"understand": "on"})
        assert response.status_code == 302
        assert "/accounts/verify/" in response["Location"]
    client = sign_in_verified(Client(), owner, fresh=True)
    response = client.post("/accounts/two_factor/disable/", {"understand": "on"})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_backup_codes_need_a_fresh_code_and_tell_the_owner():
    owner, _ = _owner()
    stale = sign_in_verified(Client(), owner, fresh=False)
    response = stale.post("/accounts/two_factor/backup/tokens/", {})
    assert response.status_code == 302 and "/accounts/verify/" in response["Location"]
    assert not StaticToken.objects.filter(device__user=owner).exists()
    fresh = sign_in_verified(Client(), owner, fresh=True)
    response = fresh.post("/accounts/two_factor/backup/tokens/", {})
    assert response.status_code == 302
    assert StaticToken.objects.filter(device__user=owner).count() == 10
    assert StaticDevice.objects.filter(user=owner).count() == 1
    assert AuditEvent.objects.filter(actor=owner, action="backup-codes-replaced").exists()
    assert len(mail.outbox) == 1


def test_owner_is_told_in_their_language():
    owner, _ = _owner()
    owner.person.language = "nb"
    owner.person.save()
    client = sign_in_verified(Client(), owner, fresh=True)
    client.post("/accounts/two_factor/backup/tokens/", {})
    assert len(mail.outbox) == 1
    assert "backup codes" not in mail.outbox[0].body  # the Norwegian text, not the English one


# 3 and 4. Throttling no client can switch off --------------------------------------------


def test_wizard_goto_step_does_not_switch_the_throttle_off(client, settings):
    settings.PORTAL_THROTTLE_FREE_ATTEMPTS = 2
    settings.PORTAL_THROTTLE_FACTOR = 120
    owner, _ = _owner()
    for _ in range(4):
        client.post(
            LOGIN,
            {
                "login_view-current_step": "auth",
                "auth-username": owner.username,
                "auth-password": "wrong-password",
                "wizard_goto_step": "x",
            },
        )
    response = client.post(
        LOGIN,
        {
            "login_view-current_step": "auth",
            "auth-username": owner.username,
            "auth-password": PASSWORD,
            "wizard_goto_step": "x",
        },
    )
    html = response.content.decode()
    assert "Too many failed attempts" in html
    assert 'name="token-otp_token"' not in html  # the password was not even checked


def test_forwarded_address_is_believed_only_from_a_trusted_proxy(rf, settings):
    from plugins.accounts.throttle import client_address

    settings.PORTAL_TRUSTED_PROXIES = ["127.0.0.1"]
    through = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.8.7, 203.0.113.5")
    assert client_address(through) == "203.0.113.5"
    spoofed = rf.get("/", REMOTE_ADDR="198.51.100.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_address(spoofed) == "198.51.100.2"
    settings.PORTAL_TRUSTED_PROXIES = []
    assert client_address(through) == "127.0.0.1"


def test_failures_behind_the_proxy_do_not_lock_a_different_account(client, settings):
    settings.PORTAL_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.PORTAL_THROTTLE_FACTOR = 120
    victim, _ = _owner()
    attacked, _ = _owner()
    proxied = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for _ in range(6):
        _post_password(client, attacked.username, "wrong-password", **proxied)
    locked = _post_password(client, attacked.username, PASSWORD, **proxied)
    assert "Too many failed attempts" in locked.content.decode()
    other = Client()
    response = _post_password(other, victim.username, PASSWORD, **proxied)
    assert 'name="token-otp_token"' in response.content.decode()  # on to the code step
    # A visitor elsewhere behind the same proxy is not locked out either.
    elsewhere = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.44"}
    response = _post_password(Client(), victim.username, PASSWORD, **elsewhere)
    assert 'name="token-otp_token"' in response.content.decode()


# 5. Password reset is limited ------------------------------------------------------


def test_password_reset_is_limited_per_account(client):
    owner, _ = _owner()
    for n in range(30):
        client.post(
            "/accounts/password_reset/",
            {"email": owner.email},
            REMOTE_ADDR=f"198.51.100.{n + 1}",
        )
    assert 1 <= len(mail.outbox) <= 3


def test_password_reset_is_limited_per_address(client, settings):
    settings.PORTAL_RESET_LIMIT_PER_ADDRESS = 5
    for _ in range(5):
        response = client.post(
            "/accounts/password_reset/", {"email": f"{uuid.uuid4().hex}@example.org"}
        )
        assert response.status_code == 302
    response = client.post("/accounts/password_reset/", {"email": "late@example.org"})
    assert response.status_code == 200
    assert "Too many requests" in response.content.decode()


# The walks ---------------------------------------------------------------------------

SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.UUID(int=1))}


def _route_to_path(route: str) -> str:
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "1"), route)
    return route


def _regex_to_path(regex: str) -> str:
    text = regex.lstrip("^").rstrip("$").replace("\\Z", "")
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "1", text)
    text = re.sub(r"\([^)]*\)[*?]?", "", text)
    text = text.replace("\\", "").replace("?", "").replace("*", "").replace("+", "")
    return text


def all_paths() -> list[str]:
    paths = set()

    def walk(patterns, prefix):
        for entry in patterns:
            pattern = entry.pattern
            raw = str(pattern)
            part = (
                _regex_to_path(raw)
                if pattern.__class__.__name__ == "RegexPattern"
                else _route_to_path(raw)
            )
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + part)
            elif isinstance(entry, URLPattern):
                paths.add("/" + (prefix + part).lstrip("/"))

    walk(get_resolver().url_patterns, "")
    return sorted(paths)


#: What anyone may read without signing in: public guidance, the API of public
#: pages, the sign-in and reset pages, and the technical endpoints.
PUBLIC = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/password_reset/",
    "/accounts/reset/",
    "/healthz",
    "/i18n/",
    "/jsi18n/",
    "/api/v2/",
    "/admin/jsi18n/",  # Wagtail admin's translations and icons: static, no data
    "/admin/sprite/",
)
#: What a password-only session may reach beyond the public pages.
PASSWORD_ONLY = ("/accounts/verify/",)


def _is_public_page(path: str, anonymous_status: int) -> bool:
    return path.startswith(PUBLIC) or anonymous_status == 200


def test_walk_every_url_as_anonymous_and_as_password_only(world):
    paths = all_paths()
    assert len(paths) > 200  # Wagtail admin, Django admin, plugins, accounts
    owner, _ = _owner(is_staff=True, is_superuser=True)
    anonymous_pages = {}
    leaks = []
    for path in paths:
        anonymous = Client()
        status = anonymous.get(path).status_code
        anonymous_pages[path] = status
        if status == 200 and not path.startswith(PUBLIC) and not _is_guidance(path):
            leaks.append(("anonymous", path, status))
        password_only = _password_only(owner)
        response = password_only.get(path)
        if response.status_code == 200 and not (
            _is_public_page(path, status) or path.startswith(PASSWORD_ONLY)
        ):
            leaks.append(("password only", path, response.status_code))
    assert not leaks, leaks


def _is_guidance(path: str) -> bool:
    """Wagtail's page-serving pattern and the guidance views (search, booklet PDF)."""
    from django.urls import resolve

    try:
        match = resolve(path)
    except Exception:
        return False
    module = getattr(match.func, "__module__", "") or ""
    return module.startswith(("wagtail.views", "portal.guidance", "wagtail.documents.views"))


def test_posting_a_password_anywhere_but_the_sign_in_makes_no_session(world):
    with_device, _ = _owner(is_staff=True, is_superuser=True)
    without_device = b.user()
    without_device.is_staff = without_device.is_superuser = True
    without_device.save()
    sessions = []
    for path in all_paths():
        for user in (with_device, without_device):
            client = Client()
            client.post(
                path,
                {
                    "username": user.username,
                    "password": PASSWORD,
                    "auth-username": user.username,
                    "auth-password": PASSWORD,
                    "login_view-current_step": "auth",
                    "email": user.email or "x@example.org",
                },
            )
            if _signed_in_id(client) is not None:
                sessions.append((path, user.username))
    # Only the portal's sign-in, for an account that has no second factor yet
    # (it goes straight on to enrolment); nothing anywhere for one that has.
    assert sessions == [(LOGIN, without_device.username)]
