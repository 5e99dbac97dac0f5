"""How long the current session has left, for the expiry warning."""

from __future__ import annotations

import time

from django.conf import settings


def idle_seconds() -> int:
    """Inactivity allowed before the session ends (the cookie age, renewed per request)."""
    return int(settings.SESSION_COOKIE_AGE)


def warn_seconds() -> int:
    return int(getattr(settings, "PORTAL_SESSION_WARN_SECONDS", 120))


def absolute_remaining(request) -> int:
    """Seconds until the absolute session lifetime ends, whatever the activity."""
    from plugins.accounts.middleware import SIGNED_IN_AT_KEY

    lifetime = int(settings.PORTAL_SESSION_ABSOLUTE_SECONDS)
    started = request.session.get(SIGNED_IN_AT_KEY)
    if started is None:
        return lifetime
    return max(0, lifetime - (int(time.time()) - int(started)))


def session_state(request) -> dict:
    return {"idle_seconds": idle_seconds(), "absolute_remaining": absolute_remaining(request)}
