"""Rendering Django templates to PDF with WeasyPrint.

One shared print stylesheet (``documents/print.css``) gives every generated
document the same page: the student's name and the title in the header,
"page X of Y" and the jurisdiction's confidentiality marking in the footer,
DejaVu fonts (Latin, Norwegian and Swedish letters, Serbian Cyrillic and
Latin) embedded in the file.

WeasyPrint only ever loads the portal's own static files: any other URL,
``file://`` paths included, is refused by ``StaticOnlyFetcher``. Renders are
cached under the private root by a hash of the template name and the HTML,
so an unchanged document is rendered once.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from weasyprint import urls as weasyprint_urls

# WeasyPrint is imported here, not on first use: render workers are forked
# from this process and would each pay for the import otherwise.

logger = logging.getLogger(__name__)

#: Base URL of rendered HTML. ``.invalid`` never resolves, and the fetcher
#: below answers only for the static files under it.
BASE_URL = "https://portal.invalid/"
PRINT_CSS = "documents/print.css"
CACHE_VERSION = "2"  # 2: tagged PDF/UA-1


# -- URL fetcher -------------------------------------------------------------
def _static_prefixes() -> list[str]:
    static_url = settings.STATIC_URL or "/static/"
    if urlsplit(static_url).scheme:
        return [static_url]
    return [BASE_URL.rstrip("/") + "/" + static_url.lstrip("/")]


def static_file(url: str) -> Path | None:
    """The file behind a URL of the portal's static files, or None."""
    if "?" in url or "#" in url:
        url = url.split("?", 1)[0].split("#", 1)[0]
    for prefix in _static_prefixes():
        if not url.startswith(prefix):
            continue
        relative = unquote(url[len(prefix) :])
        parts = relative.split("/")
        if (
            not relative
            or relative.startswith("/")
            or "\\" in relative
            or ".." in parts
            or "" in parts
        ):
            return None
        found = finders.find(relative)
        if found:
            return Path(found)
        root = getattr(settings, "STATIC_ROOT", None)
        if root:  # collected (possibly hashed) names in production
            candidate = (Path(root) / relative).resolve()
            if candidate.is_file() and Path(root).resolve() in candidate.parents:
                return candidate
    return None


def make_fetcher():
    """A WeasyPrint URL fetcher that loads the portal's static files and nothing else."""
    urls = weasyprint_urls

    class StaticOnlyFetcher(urls.URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=(), fail_on_errors=False)
            self.refused: list[str] = []
            self.served: list[str] = []

        def fetch(self, url, headers=None):
            path = static_file(url)
            if path is None:
                self.refused.append(url)
                logger.info("PDF rendering refused to fetch %s", url[:200])
                raise ValueError("Only the portal's own static files load in PDFs.")
            self.served.append(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return urls.URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": mime})

    return StaticOnlyFetcher()


# -- page furniture ----------------------------------------------------------
def css_string(text, *, strip: bool = True) -> str:
    """``text`` as a quoted CSS string; whatever it holds, it stays a string."""
    text = re.sub(r"\s+", " ", str(text or ""))
    text = text.strip() if strip else text
    out = []
    for ch in text:
        if ch in "\"'\\" or unicodedata.category(ch)[0] == "C":
            out.append(f"\\{ord(ch):06x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _page_counter_content() -> str:
    """ "Page X of Y" in the active language, as CSS ``content``."""
    template = gettext("Page %(page)s of %(pages)s")
    parts = re.split(r"(%\((?:page|pages)\)s)", template)
    tokens = []
    for part in parts:
        if part == "%(page)s":
            tokens.append("counter(page)")
        elif part == "%(pages)s":
            tokens.append("counter(pages)")
        elif part:
            tokens.append(css_string(part, strip=False))
    return " ".join(tokens) or "counter(page)"


def page_css(
    *, title: str, student_name: str, confidentiality: str, page_numbers: bool = True
) -> str:
    """The per-document part of the print stylesheet (running header and footer).

    ``page_numbers=False`` leaves out the document's own "page X of Y": a bundle
    numbers its pages itself, across all its documents.
    """
    counter = _page_counter_content() if page_numbers else "none"
    return (
        "@page {"
        f" @top-left {{ content: {css_string(student_name)}; }}"
        f" @top-right {{ content: {css_string(title)}; }}"
        f" @bottom-left {{ content: {css_string(confidentiality)}; }}"
        f" @bottom-right {{ content: {counter}; }}"
        " }"
    )


@lru_cache(maxsize=8)
def _file_digest(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def print_css_path() -> Path:
    found = finders.find(PRINT_CSS)
    if not found:  # pragma: no cover - the app ships it
        raise FileNotFoundError(PRINT_CSS)
    return Path(found)


def _language_tag(language: str) -> str:
    tags = getattr(settings, "LANGUAGE_TAGS", {})
    return tags.get(language, language)


# -- preparing and rendering -------------------------------------------------
@dataclass
class PreparedDocument:
    """A template rendered to HTML, ready for WeasyPrint; ``key`` identifies its PDF."""

    html: str
    css: str
    key: str
    title: str = ""
    extra: dict = field(default_factory=dict)


def prepare(
    template_name: str,
    context: dict | None,
    *,
    title: str,
    student_name: str = "",
    confidentiality: str = "",
    language: str | None = None,
    page_numbers: bool = True,
) -> PreparedDocument:
    """Render the template (autoescaped, in ``language``) and compute the cache key.

    ``page_numbers=False``: no "page X of Y" footer (the document goes into a bundle).
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        ctx = dict(context or {})
        ctx.update(
            {
                "document_title": title,
                "student_name": student_name,
                "confidentiality": confidentiality,
                "document_language": _language_tag(language),
            }
        )
        html = render_to_string(template_name, ctx)
        css = page_css(
            title=title,
            student_name=student_name,
            confidentiality=confidentiality,
            page_numbers=page_numbers,
        )
    stylesheet = print_css_path()
    digest = hashlib.sha256()
    for part in (
        CACHE_VERSION,
        _weasyprint_version(),
        _file_digest(str(stylesheet), stylesheet.stat().st_mtime),
        template_name,
        css,
        html,
    ):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return PreparedDocument(html=html, css=css, key=digest.hexdigest(), title=title)


def _weasyprint_version() -> str:
    return weasyprint.__version__


#: Every generated PDF is tagged (PDF/UA-1): a structure tree in reading order, the
#: document's language (from ``<html lang>``) and its title (from ``<title>``) shown
#: as the window title, so screen readers read it as they read the page.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def write_accessible_pdf(document, **kwargs) -> bytes:
    """``document.write_pdf`` with the options every generated PDF of the portal uses."""
    return document.write_pdf(**PDF_OPTIONS, **kwargs)


def html_to_pdf(html: str, css: str, *, fetcher=None) -> bytes:
    """WeasyPrint with the shared stylesheet and the static-only fetcher."""
    fetcher = fetcher or make_fetcher()
    stylesheets = [
        weasyprint.CSS(filename=str(print_css_path()), url_fetcher=fetcher),
        weasyprint.CSS(string=css, url_fetcher=fetcher, base_url=BASE_URL),
    ]
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return write_accessible_pdf(document, stylesheets=stylesheets)


_warm = False


def warm_up() -> None:
    """Render one tiny document, once per process.

    The first render loads fonts, Pango and HarfBuzz state and WeasyPrint's
    PDF modules; done before render workers fork, they inherit all of it
    instead of each paying for it again.
    """
    global _warm
    if not _warm:
        html_to_pdf('<p lang="sr-Cyrl">Æ ø å ä ö Ђ ћ č š ž</p>', "")
        _warm = True


# -- cache -------------------------------------------------------------------
def cache_path(key: str) -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT) / "cache" / "render" / key[:2] / f"{key}.pdf"


def cached(key: str) -> Path | None:
    path = cache_path(key)
    return path if path.is_file() else None


def store_in_cache(key: str, pdf: bytes) -> Path:
    """Write atomically, so a reader never sees half a file."""
    path = cache_path(key)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pdf)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def render_prepared(doc: PreparedDocument) -> Path:
    """The cached PDF of ``doc``, rendering it first if needed."""
    hit = cached(doc.key)
    if hit is not None:
        return hit
    return store_in_cache(doc.key, html_to_pdf(doc.html, doc.css))


def render_pdf(
    template_name: str,
    context: dict | None,
    *,
    title: str,
    student_name: str = "",
    confidentiality: str = "",
    language: str | None = None,
) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes.

    The template should extend ``documents/print_base.html``. Text from users
    is autoescaped like in any Django template; whatever it says, nothing is
    fetched but the portal's static files. ``confidentiality`` is printed on
    every page (use the jurisdiction's ``confidentiality`` marking).
    """
    doc = prepare(
        template_name,
        context,
        title=title,
        student_name=student_name,
        confidentiality=confidentiality,
        language=language,
    )
    return render_prepared(doc).read_bytes()
