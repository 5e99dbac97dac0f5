"""The portal's public address (``PORTAL_BASE_URL``) applied to Wagtail's Site record.

Wagtail builds absolute page URLs (the API's ``html_url``, and ``detail_url``
when ``WAGTAILAPI_BASE_URL`` is not set) from the Site record's host name and
port. The migrations create that record as ``localhost:80``; the demo load and
``manage.py configure_site`` point it at the configured address instead.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(base_url: str) -> tuple[str, int]:
    """Host name and port of ``base_url`` (``https://portal.example.org`` -> its name, 443)."""
    parts = urlsplit((base_url or "").strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(
            f"PORTAL_BASE_URL must be an http(s) address such as https://portal.example.org, "
            f"not {base_url!r}."
        )
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as exc:  # a port that is not a number
        raise ValueError(f"PORTAL_BASE_URL has no valid port: {base_url!r}.") from exc
    return parts.hostname, port


@transaction.atomic
def apply_base_url(base_url: str | None = None):
    """Give the default Site the host name and port of ``base_url`` (default: the setting).

    Returns the Site. Changes nothing when it already matches, so running it
    again (every demo load does) writes nothing.
    """
    from wagtail.models import Site

    hostname, port = site_address(base_url or settings.PORTAL_BASE_URL)
    site = Site.objects.select_for_update().filter(is_default_site=True).first()
    if site is None:
        return None
    if (site.hostname, site.port) != (hostname, port):
        clash = Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk)
        if clash.exists():
            raise ValueError(f"Another site already answers at {hostname}:{port}.")
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
        Site.clear_site_root_paths_cache()
    return site
