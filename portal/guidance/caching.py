"""A page cache for anonymous readers, emptied whenever an editor publishes.

Anonymous GETs of guidance pages (and the home page) are answered from the
cache, keyed by page, revision, language and path. Every key also carries a
*generation*: publishing, unpublishing, moving or deleting a page, or saving
a legal reference, starts a new generation, so no reader ever sees a page
from before the change (a booklet's contents list depends on its chapters,
so clearing one page would not be enough).

Signed-in readers, readers with a session (messages, half-finished sign-in)
and previews bypass the cache: they always see their own header. The
language form's CSRF token is cut out before storing and a fresh one is put
in for every reader.
"""

from __future__ import annotations

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

GENERATION_KEY = "guidance:page-cache:generation"
CSRF_PLACEHOLDER = b"__portal_csrf_token__"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def timeout() -> int:
    return int(getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 300))


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY) or time.time_ns()
    return value


def clear() -> None:
    """Start a new generation: every cached page is out of date from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), None)


def is_cacheable(request) -> bool:
    if timeout() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False) or request.GET:
        # Guidance pages take no query parameters: caching each variant would
        # only let anyone fill the cache with junk keys.
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def page_key(page, request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:24]
    revision = page.live_revision_id or page.latest_revision_id or 0
    host = request.get_host()
    return (
        f"guidance:page:{generation()}:{page.pk}:{revision}:{get_language()}:"
        f"{hashlib.sha256(host.encode()).hexdigest()[:8]}:{path}"
    )


class AnonymousPageCacheMixin:
    """Serve anonymous GETs of a Wagtail page from the cache (see module docstring)."""

    def serve(self, request, *args, **kwargs):
        if not is_cacheable(request):
            response = super().serve(request, *args, **kwargs)
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                patch_cache_control(response, private=True)
            return response

        key = page_key(self, request)
        stored = cache.get(key)
        if stored is not None:
            content = stored["content"].replace(CSRF_PLACEHOLDER, get_token(request).encode())
            response = HttpResponse(content, content_type=stored["content_type"])
            response["X-Portal-Cache"] = "hit"
            return response

        response = super().serve(request, *args, **kwargs)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            content = _CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            cache.set(
                key,
                {"content": content, "content_type": response["Content-Type"]},
                timeout(),
            )
            response["X-Portal-Cache"] = "miss"
        return response


def _clear_on_change(sender, instance=None, **kwargs):
    from wagtail.models import Page

    from .models import LegalReference

    if instance is None or isinstance(instance, Page | LegalReference):
        clear()


def _clear(sender, **kwargs):
    clear()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_clear, dispatch_uid="guidance-cache-published")
    page_unpublished.connect(_clear, dispatch_uid="guidance-cache-unpublished")
    post_page_move.connect(_clear, dispatch_uid="guidance-cache-moved")
    post_save.connect(_clear_on_change, dispatch_uid="guidance-cache-saved")
    post_delete.connect(_clear_on_change, dispatch_uid="guidance-cache-deleted")
