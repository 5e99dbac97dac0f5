from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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
    if unavailable:
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(render_to_string("500.html"), status=500)
    response["Cache-Control"] = "private, no-store"
    return response
