"""The site's address comes from PORTAL_BASE_URL: Wagtail's Site record and the API's URLs.

Regression (issue 16, finding 23): ``html_url`` and ``detail_url`` of
``/api/v2/pages/`` pointed at ``http://localhost/`` whatever the portal's
address was.
"""

import json
import os
import subprocess  # nosec B404 - runs this checkout's own settings
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Site

from content import guidance_demo

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
BASE = "http://127.0.0.1:8123"


def api_items(client, **params):
    response = client.get("/api/v2/pages/", {"type": "guidance.BookletPage", **params})
    assert response.status_code == 200
    return response.json()["items"]


def assert_api_urls_start_with(client, base):
    items = api_items(client)
    assert items
    for item in items:
        assert item["meta"]["html_url"].startswith(base + "/"), item["meta"]
        assert item["meta"]["detail_url"].startswith(base + "/api/v2/pages/"), item["meta"]
    detail = client.get(f"/api/v2/pages/{items[0]['id']}/").json()
    assert detail["meta"]["html_url"].startswith(base + "/")
    assert detail["meta"]["detail_url"].startswith(base + "/api/v2/pages/")


def test_demo_load_points_the_api_at_the_base_url(client, settings):
    settings.PORTAL_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    guidance_demo.load(school_year_start=2025)
    assert_api_urls_start_with(client, BASE)


def test_the_site_record_carries_host_and_port(client, settings):
    """Without WAGTAILAPI_BASE_URL, Wagtail takes both URLs from the Site record."""
    settings.PORTAL_BASE_URL = BASE
    del settings.WAGTAILAPI_BASE_URL
    guidance_demo.load(school_year_start=2025)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert site.root_url == BASE
    assert_api_urls_start_with(client, BASE)
    # Loading again changes nothing.
    guidance_demo.load(school_year_start=2025)
    assert Site.objects.count() == 1


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://portal.example.org", ("portal.example.org", 443)),
        ("http://portal.example.org/", ("portal.example.org", 80)),
        ("https://portal.example.org:8443/", ("portal.example.org", 8443)),
    ],
)
def test_site_address_from_a_url(url, expected):
    from portal.guidance.site_url import site_address

    assert site_address(url) == expected


@pytest.mark.parametrize("url", ["", "portal.example.org", "ftp://x.example", "http://"])
def test_a_malformed_base_url_is_refused(url):
    from portal.guidance.site_url import site_address

    with pytest.raises(ValueError):
        site_address(url)


def test_the_command_applies_the_base_url(client, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    del settings.WAGTAILAPI_BASE_URL
    guidance_demo.load(school_year_start=2025)
    from portal.guidance.site_url import apply_base_url

    apply_base_url("http://127.0.0.1:8000")  # something else first
    call_command("configure_site")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portal.example.org", 443)
    assert_api_urls_start_with(client, "https://portal.example.org")


def test_settings_take_every_base_url_from_portal_base_url():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("WAGTAILAPI_BASE_URL", "WAGTAILADMIN_BASE_URL", "PORTAL_BASE_URL")
    }
    env.update(
        PORTAL_BASE_URL="http://127.0.0.1:8000", DJANGO_SETTINGS_MODULE="portal.settings.dev"
    )
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.PORTAL_BASE_URL, settings.WAGTAILADMIN_BASE_URL, "
        "settings.WAGTAILAPI_BASE_URL]))"
    )
    out = subprocess.run(  # nosec B603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == ["http://127.0.0.1:8000"] * 3
