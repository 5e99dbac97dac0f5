from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_reports_database_error(client):
    with mock.patch("portal.views.connections") as conns:
        conns.__getitem__.return_value.cursor.side_effect = OperationalError("gone")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}


def test_home_page_renders_shell(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#main"' in html and 'id="main"' in html
    assert "<nav" in html and "<footer" in html
    for code in ("nb", "nn", "sv", "sr-cyrl", "sr-latn", "en"):
        assert f'value="{code}"' in html


def test_admin_is_mounted(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    # Wagtail's admin is there, and it sends people to the portal's two-factor sign-in.
    assert response["Location"].startswith("/accounts/login/?next=/admin/")
