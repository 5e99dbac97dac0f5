from django.conf import settings
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from plugins.accounts.decorators import case_view


@never_cache
@require_GET
def healthz(request):
    """Liveness and database reachability, for load balancers and monitors."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@case_view
@require_GET
def start(request):
    """Where a person lands after signing in: their own start page.

    One place to go (family pages, or one jurisdiction's work list) redirects
    there; several get a chooser; none gets the family page, which explains
    that no child is linked yet.
    """
    from plugins.access.places import places_for, start_places

    places = start_places(places_for(request.user))
    if len(places) == 1:
        return redirect(places[0].url)
    if not places:
        if request.user.has_perm("wagtailadmin.access_admin"):
            return redirect("wagtailadmin_home")
        return redirect("family:index")
    return render(request, "portal/start.html", {"places": places})


def _way_back(request) -> str:
    """The page the reader came from, when it is on this site and not this page."""
    referer = request.META.get("HTTP_REFERER", "")
    if (
        referer
        and url_has_allowed_host_and_scheme(
            referer, {request.get_host()}, require_https=request.is_secure()
        )
        and not referer.endswith(request.get_full_path())
    ):
        return referer
    return ""


def _error_page(request, template: str, status: int):
    response = render(request, template, {"way_back": _way_back(request)}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def server_error(request):
    """The 500 handler; a database that went away answers 503 with a clear page instead.

    Renders without a request context: the context processors would need the
    very database that may be down.
    """
    import sys

    from django.http import HttpResponse
    from django.template.loader import render_to_string

    exc = sys.exc_info()[1]
    unavailable = isinstance(exc, DatabaseError) or isinstance(
        getattr(exc, "__cause__", None), DatabaseError
    )
    lang = get_language() or settings.LANGUAGE_CODE
    context = {
        "shell_language_tag": settings.LANGUAGE_TAGS.get(lang, lang),
        "shell_site_name": settings.WAGTAIL_SITE_NAME,
    }
    if unavailable:
        response = HttpResponse(render_to_string("503.html", context), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(render_to_string("500.html", context), status=500)
    response["Cache-Control"] = "private, no-store"
    return response
