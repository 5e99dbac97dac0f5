"""Shared fixtures of the security suite.

Loading the demo world is slow (it renders PDFs, builds guidance pages), so
this package loads it once inside an outer transaction that is rolled back
when the package is done: every test still runs in its own savepoint (the
``db`` fixture), and no other test package ever sees the demo rows.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings


@pytest.fixture(scope="package")
def demo_world(django_db_setup, django_db_blocker):
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
def world(demo_world, db):
    """The demo world for one test (its changes are rolled back after the test)."""
    cache.clear()
    yield demo_world
    cache.clear()


def demo_users():
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(username__startswith="demo-", is_active=True)
        .order_by("username")
    )


def signed_in(user, *, enforce_csrf_checks: bool = False) -> Client:
    """A client signed in as ``user`` with a fresh, verified second factor."""
    from tests.conftest import sign_in_verified

    return sign_in_verified(Client(enforce_csrf_checks=enforce_csrf_checks), user)


def is_family_user(user) -> bool:
    """Guardians, parents, students and pupils of the demo (not staff)."""
    name = user.username
    return any(
        word in name for word in ("guardian", "parent", "student", "pupil")
    ) and not name.endswith("-upper")
