"""Public views next to the page tree: search, and the language switcher's target."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from .models.pages import GUIDANCE_PAGE_TYPES

RESULTS_PER_PAGE = 10
EXCERPT_LENGTH = 240
MAX_QUERY_LENGTH = 200


def active_locale() -> Locale | None:
    try:
        return Locale.get_active()
    except (Locale.DoesNotExist, LookupError):
        return Locale.objects.order_by("pk").first()


def query_terms(query: str) -> list[str]:
    return sorted({t for t in re.findall(r"\w+", query) if len(t) > 1}, key=len, reverse=True)


def excerpt(text: str, query: str, length: int = EXCERPT_LENGTH) -> str:
    """A stretch of ``text`` around the first match, matches marked with <mark>."""
    terms = query_terms(query)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = first.start() - length // 3
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start
    snippet = text[start : start + length]
    if start + length < len(text):
        cut = snippet.rfind(" ")
        snippet = (snippet[:cut] if cut > length // 2 else snippet) + " …"
    if start > 0:
        snippet = "… " + snippet
    if pattern is None:
        return escape(snippet)
    pieces, position = [], 0
    for match in pattern.finditer(snippet):
        pieces.append(escape(snippet[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(snippet[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above  # nosec B308 B703


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results, page_obj = [], None
    if query:
        pages = Page.objects.live().public().type(*GUIDANCE_PAGE_TYPES)
        locale = active_locale()
        if locale is not None:
            pages = pages.filter(locale=locale)
        paginator = Paginator(pages.search(query), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        ids = [p.pk for p in page_obj]
        specific = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
        for pk in ids:
            page = specific.get(pk)
            if page is None:
                continue
            source = getattr(page, "excerpt_source", "") or page.title
            results.append(
                {"page": page, "url": page.get_url(request), "excerpt": excerpt(source, query)}
            )
    return TemplateResponse(
        request,
        "guidance/search.html",
        {"query": query, "results": results, "page_obj": page_obj},
    )


@require_GET
def page_in_language(request, page_id: int):
    """Redirect to the page's translation in the active language, or the page itself.

    The language switcher posts here as its ``next``: after the language
    changes, the reader lands on the same page in the new language.
    """
    page = get_object_or_404(Page.objects.live(), pk=page_id)
    locale = active_locale()
    target = page
    if locale is not None and page.locale_id != locale.pk:
        target = page.get_translations().live().filter(locale=locale).first() or page
    return redirect(target.get_url(request) or "/")
