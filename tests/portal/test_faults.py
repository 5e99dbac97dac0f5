"""Faults: the database going away mid-request, and coming back."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


def database_down():
    # Every query needs a cursor; the open test connection cannot give one any more.
    return mock.patch.object(
        BaseDatabaseWrapper,
        "cursor",
        side_effect=OperationalError("could not connect to server"),
    )


@pytest.fixture
def client_keeps_going():
    # The real server answers with the error page instead of raising.
    return Client(raise_request_exception=False)


def test_database_down_answers_a_clear_503_and_healthz_says_so(client_keeps_going, settings):
    settings.DEBUG = False
    assert client_keeps_going.get("/healthz").status_code == 200
    with database_down():
        page = client_keeps_going.get("/accounts/login/")
        health = client_keeps_going.get("/healthz")
    assert page.status_code == 503
    assert "briefly unavailable" in page.content.decode()
    assert page["Retry-After"] == "30" and "no-store" in page["Cache-Control"]
    assert health.status_code == 503
    assert health.json() == {"status": "error", "database": "error"}
    # Service resumes by itself once the database is back.
    assert client_keeps_going.get("/healthz").json() == {"status": "ok", "database": "ok"}
    assert client_keeps_going.get("/accounts/login/").status_code == 200


def test_other_errors_stay_500_with_a_plain_page(client_keeps_going, settings):
    settings.DEBUG = False
    with mock.patch(
        "two_factor.views.core.LoginView.get", side_effect=RuntimeError("bug"), create=True
    ):
        page = client_keeps_going.get("/accounts/login/")
    assert page.status_code == 500
    assert "Something went wrong" in page.content.decode()
