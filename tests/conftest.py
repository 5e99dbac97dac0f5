import time

import pytest
from django.test import Client


@pytest.fixture
def demo(db, settings):
    """The fictional demo world, loaded exactly as ``manage.py load_demo`` does."""
    from content import demo as demo_data

    settings.DEBUG = True
    return demo_data.load()


def sign_in_verified(client: Client, user, *, fresh: bool = True) -> Client:
    """Sign ``user`` in as if they passed password and second factor in this session."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from plugins.accounts import VERIFIED_AT_KEY

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT_KEY] = int(time.time()) if fresh else 0
    session.save()
    return client


@pytest.fixture
def verified_client(db):
    """Factory: ``verified_client(user)`` returns a Client signed in with a verified second factor."""

    def make(user, *, fresh: bool = True) -> Client:
        return sign_in_verified(Client(), user, fresh=fresh)

    return make


def posted_form(page, key: str = "form", **changes) -> dict:
    """The form ``key`` of a rendered page as the browser sends it back (hidden fields too), changed."""
    data = {}
    for field in page.context[key]:
        if field.field.disabled:
            continue
        value = field.value()
        if isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
            continue
        data[field.html_name] = "" if value is None else value
    data.update(changes)
    return data
