"""Changing one's password (issue 16, item 6: /accounts/password_change/ was 404).

A signed-in person changes their password from a session with a verified and
fresh second factor, giving the old password; wrong old passwords are
throttled per account; the change keeps the session, is audited and is told
to the owner by an e-mail that says only what happened.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from plugins.audit.models import AuditEvent
from plugins.sdk import builders as b
from tests.conftest import sign_in_verified

pytestmark = pytest.mark.django_db

URL = "/accounts/password_change/"
DONE = "/accounts/password_change/done/"
LOGIN = "/accounts/login/"
OLD = "test-pass-2026"
NEW = "Blue-kettle-orchard-57"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def owner():
    user = b.user()
    user.email = f"{user.username}@example.org"
    user.save()
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user


def change(client, old=OLD, new=NEW, confirm=None, **extra):
    return client.post(
        URL,
        {"old_password": old, "new_password1": new, "new_password2": confirm or new},
        **extra,
    )


def password_is(user, password) -> bool:
    return get_user_model().objects.get(pk=user.pk).check_password(password)


def nothing_changed(user):
    assert password_is(user, OLD) and not password_is(user, NEW)
    assert not AuditEvent.objects.filter(actor=user, action="password-changed").exists()
    assert mail.outbox == []


def test_anonymous_visitors_are_sent_to_sign_in(owner):
    client = Client()
    for response in (client.get(URL), change(client)):
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN) and "password_change" in response["Location"]
    assert client.get(DONE)["Location"].startswith(LOGIN)
    nothing_changed(owner)


def test_a_password_only_session_must_verify_its_second_factor(owner):
    client = Client()
    client.force_login(owner)  # password given, no second factor in this session
    for response in (client.get(URL), change(client)):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/verify/")
    nothing_changed(owner)


def test_a_stale_second_factor_must_be_confirmed_again_and_nothing_is_kept(owner):
    client = sign_in_verified(Client(), owner, fresh=False)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/verify/?next=")
    assert "password_change" in response["Location"]
    response = change(client)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/verify/")
    nothing_changed(owner)
    # The passwords posted are not kept in the session to be replayed after the code.
    session = client.session
    assert not any(NEW in repr(session[key]) for key in session.keys())


def test_the_form_is_in_the_portal_shell_and_the_readers_language(owner):
    client = sign_in_verified(Client(), owner)
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="nb")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html  # the portal's own page, not a bare form
    assert 'name="old_password"' in html and 'name="new_password1"' in html
    assert "Gammelt passord" in html  # Django's form label, in Norwegian
    assert "no-store" in response["Cache-Control"]


def test_a_wrong_old_password_changes_nothing_and_is_throttled(owner, settings):
    settings.PORTAL_THROTTLE_FREE_ATTEMPTS = 2
    settings.PORTAL_THROTTLE_FACTOR = 120
    client = sign_in_verified(Client(), owner)
    response = change(client, old="not-my-password", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
    nothing_changed(owner)
    for _ in range(2):
        change(client, old="not-my-password")
    # Locked now: even the right old password is not checked.
    response = change(client, HTTP_ACCEPT_LANGUAGE="en")
    assert "Too many failed attempts" in response.content.decode()
    nothing_changed(owner)
    # The lock belongs to the account: another session of the same person is locked too.
    other = sign_in_verified(Client(), owner)
    assert "Too many failed attempts" in change(other, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    nothing_changed(owner)
    assert AuditEvent.objects.filter(
        actor=owner, action="password-change", outcome="failed"
    ).exists()


def test_password_validators_apply(owner):
    client = sign_in_verified(Client(), owner)
    response = change(client, new="123", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    nothing_changed(owner)


def test_a_change_keeps_the_session_is_audited_and_told_without_content(owner):
    owner.person.language = "nb"
    owner.person.save()
    client = sign_in_verified(Client(), owner)
    response = change(client, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == DONE
    assert password_is(owner, NEW) and not password_is(owner, OLD)

    # Still signed in, second factor still verified: the done page and other pages open.
    done = client.get(DONE, HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 200 and 'class="site-header"' in done.content.decode()
    assert client.get(URL).status_code == 200

    # The new password signs in (the second step, the code, comes next); the old does not.
    fresh = Client()
    step = fresh.post(
        LOGIN,
        {"login_view-current_step": "auth", "auth-username": owner.username, "auth-password": NEW},
    )
    assert 'name="token-otp_token"' in step.content.decode()
    old = Client().post(
        LOGIN,
        {"login_view-current_step": "auth", "auth-username": owner.username, "auth-password": OLD},
    )
    assert 'name="token-otp_token"' not in old.content.decode()

    event = AuditEvent.objects.get(actor=owner, action="password-changed")
    assert event.outcome == "ok"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    text = message.subject + message.body
    assert NEW not in text and OLD not in text
    # In the owner's language (Norwegian here), whatever language the page was in.
    with translation.override("nb"):
        assert message.subject == gettext("Your password was changed")
        months = {date_format(timezone.localtime(), "F")}
    assert any(month in message.body for month in months)
    assert "https://" not in message.body and "http://" not in message.body


def test_the_account_page_links_to_the_password_change(owner):
    client = sign_in_verified(Client(), owner)
    html = client.get("/accounts/two_factor/").content.decode()
    assert f'href="{URL}"' in html
