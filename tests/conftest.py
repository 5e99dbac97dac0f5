import copy
import time

import pytest
from django.test import Client


@pytest.fixture(scope="module")
def _demo_of_module(django_db_setup, django_db_blocker):
    """The demo world loaded once per test module inside an outer transaction.

    Loading the demo renders PDFs and builds guidance pages (about 25 s); the first
    load in a test process is kept and later modules get it back in a second or two
    (tests/demo_snapshot.py). Every test still runs in its own savepoint (the ``db``
    fixture) and sees the world exactly as loaded; the outer transaction is rolled
    back when the module is done, so no other module ever sees the demo rows.
    """
    from django.db import transaction
    from django.test import override_settings

    from tests import demo_snapshot

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(DEBUG=True):
                world = demo_snapshot.load()
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_of_module, db, settings):
    """The fictional demo world, loaded exactly as ``manage.py load_demo`` does.

    Each test gets its own copy of the returned objects, so an instance changed
    by one test (and rolled back in the database) is fresh again in the next.
    """
    from django.core.cache import cache

    settings.DEBUG = True
    cache.clear()
    return copy.deepcopy(_demo_of_module)


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


def pytest_collection_modifyitems(config, items):
    """Tests marked ``serial`` run one after another in the same xdist worker."""
    for item in items:
        if item.get_closest_marker("serial"):
            item.add_marker(pytest.mark.xdist_group("serial"))
