"""A booklet as one paginated PDF (WeasyPrint).

Cover, contents with page numbers (CSS ``target-counter``), running headers,
page numbers and the appendix of legal references. The PDF is cached under a
key made of the booklet's published revision and its chapters' published
revisions, so publishing the booklet or a chapter again makes a new one.

WeasyPrint fetches nothing but the portal's own static files: editors'
rich text could otherwise make the server read local files (``file://``) or
call other hosts while rendering.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils._os import safe_join
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from plugins.documents.rendering import write_accessible_pdf

logger = logging.getLogger(__name__)

#: Relative URLs in the PDF's HTML resolve against this host, which does not
#: exist: the fetcher answers for its static paths and refuses the rest.
BASE_URL = "https://portal.invalid/"
CACHE_SECONDS = 30 * 24 * 3600


class FetchRefused(ValueError):
    """Raised for every URL that is not one of the portal's static files."""


class StaticOnlyURLFetcher(URLFetcher):
    """Serves ``STATIC_URL`` paths from the portal's static files; refuses all else."""

    def __init__(self):
        super().__init__(allowed_protocols=("https",), allow_redirects=False)
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        found = static_file_for(url)
        if found is None:
            self.refused.append(url)
            raise FetchRefused(f"Not fetched while rendering a PDF: {url}")
        self.served.append(url)
        content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=found.read_bytes(), headers={"Content-Type": content_type}
        )


def static_file_for(url: str) -> Path | None:
    """The static file ``url`` names under ``BASE_URL``, or None."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    static_url = (
        settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    )
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or parts.query:
        return None
    if not parts.path.startswith(static_url):
        return None
    relative = unquote(parts.path[len(static_url) :])
    if not relative or relative.startswith("/") or ".." in relative.split("/") or "\\" in relative:
        return None
    candidates = []
    found = finders.find(relative)
    if found:
        candidates.append(found)
    if settings.STATIC_ROOT:
        try:
            candidates.append(safe_join(str(settings.STATIC_ROOT), relative))
        except ValueError:
            return None
    for candidate in candidates:
        path = Path(candidate)
        if path.is_file():
            return path
    return None


def edition_key(booklet) -> str:
    """Changes whenever the booklet or one of its chapters is published again."""
    chapters = list(booklet.live_chapters().values_list("pk", "live_revision_id"))
    digest = hashlib.sha256(repr(chapters).encode()).hexdigest()[:16]
    return f"{booklet.pk}-{booklet.live_revision_id or 0}-{digest}-{booklet.locale.language_code}"


def cache_key(booklet) -> str:
    return f"guidance:booklet-pdf:{edition_key(booklet)}"


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_counter_css() -> str:
    """'Page 3 of 12' in the active language, as a CSS ``content`` value with counters."""
    marker = "\x00"
    text = gettext("Page %(page)s of %(pages)s") % {
        "page": marker + "page" + marker,
        "pages": marker + "pages" + marker,
    }
    parts = []
    for n, piece in enumerate(text.split(marker)):
        if n % 2 and piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def render_booklet_html(booklet) -> str:
    chapters = list(booklet.live_chapters())
    with translation.override(booklet.locale.language_code):
        return render_to_string(
            "guidance/booklet_pdf.html",
            {
                "booklet": booklet,
                "page": booklet,
                "county": booklet.county,
                "chapters": chapters,
                "legal_references": booklet.references_cited_in(chapters),
                "generated": timezone.localdate(),
                "page_counter_css": page_counter_css(),
                "LANGUAGE_TAG": settings.LANGUAGE_TAGS.get(
                    booklet.locale.language_code, booklet.locale.language_code
                ),
            },
        )


def render_booklet_pdf(booklet, fetcher: StaticOnlyURLFetcher | None = None) -> bytes:
    html = render_booklet_html(booklet)
    fetcher = fetcher or StaticOnlyURLFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    pdf = write_accessible_pdf(document)
    if fetcher.refused:
        logger.warning("Booklet %s: refused to fetch %s", booklet.pk, ", ".join(fetcher.refused))
    return pdf


def booklet_pdf(booklet) -> bytes:
    """The booklet's PDF, from the cache when this edition was rendered before."""
    key = cache_key(booklet)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_booklet_pdf(booklet)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def booklet_pdf_response(booklet, request) -> HttpResponse:
    response = HttpResponse(booklet_pdf(booklet), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{booklet.slug}.pdf"'
    return response
