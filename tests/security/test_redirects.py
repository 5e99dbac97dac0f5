"""Open redirects: ``next`` never sends a signed-in user off the site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import demo_users, signed_in

LOGIN = "/accounts/login/"
PASSWORD = "demo-pass-2026"

HOSTILE_NEXT = [
    "https://evil.example/",
    "http://evil.example/",
    "//evil.example",
    "//evil.example/%2F..",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    " //evil.example",
    "\t//evil.example",
    "/%09/evil.example",
    "///evil.example",
    "https://testserver@evil.example/",
    "data:text/html,<script>alert(1)</script>",
]


def code(device, offset=0) -> str:
    return (
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):06d}"
    )


def off_site(location: str) -> bool:
    target = location.strip().replace("\\", "/")
    parts = urlsplit(target)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return True
    if parts.scheme or parts.netloc:
        return parts.netloc != "testserver"
    return target.startswith("//") or not target.startswith("/")


def test_the_check_itself():
    assert off_site("//evil.example") and off_site("/\\evil.example")
    assert off_site("https://evil.example/") and off_site("javascript:alert(1)")
    assert not off_site("/family/") and not off_site("http://testserver/family/")


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_sign_in_wizard_never_redirects_off_site(world, client, target):
    from django.core.cache import cache

    cache.clear()
    user = next(u for u in demo_users() if u.username == "demo-coordinator")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    assert device is not None
    url = f"{LOGIN}?{'next'}={target}"
    client.get(url)
    response = client.post(
        url,
        {
            "login_view-current_step": "auth",
            "auth-username": user.username,
            "auth-password": PASSWORD,
            "next": target,
        },
    )
    assert response.status_code == 200
    assert "token-otp_token" in response.content.decode()
    response = client.post(
        url,
        {"login_view-current_step": "token", "token-otp_token": code(device), "next": target},
    )
    assert response.status_code == 302, response.status_code
    assert client.session["_auth_user_id"] == str(user.pk)  # the sign-in did succeed
    assert not off_site(response["Location"]), (target, response["Location"])


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_verify_never_redirects_off_site(world, target):
    user = next(u for u in demo_users() if u.username == "demo-guardian")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    client = signed_in(user)
    # Through the query string and through the form, each with a fresh code.
    response = client.post(f"/accounts/verify/?next={target}", {"token": code(device)})
    assert response.status_code == 302, response.status_code
    assert not off_site(response["Location"]), (target, response["Location"])
    response = client.post("/accounts/verify/", {"token": code(device, 1), "next": target})
    assert response.status_code == 302, response.status_code
    assert not off_site(response["Location"]), (target, response["Location"])
    page = client.get(f"/accounts/verify/?next={target}")
    assert "evil.example" not in page.content.decode().replace("%2F", "/").split("<form")[0][-200:]


def test_step_urls_ignore_foreign_next(world):
    """A workflow step's ``next`` is for back-links inside the portal only."""
    from jurisdictions.no_iskole.models import StudentApplication

    user = next(u for u in demo_users() if u.username == "demo-coordinator")
    client = signed_in(user)
    app = StudentApplication.objects.order_by("pk").first()
    for target in ("//evil.example", "https://evil.example/", "/\\evil.example"):
        response = client.post(
            f"/j/no-iskole/applications/{app.pk}/step/publish/", {"next": target}
        )
        # The step answers with a redirect (back to the application, or to the code
        # prompt first): never to the address the request named.
        assert response.status_code == 302, (target, response.status_code)
        assert not off_site(response["Location"]), (target, response["Location"])
