"""Throttling of failed sign-in attempts, per account and per address.

After ``PORTAL_THROTTLE_FREE_ATTEMPTS`` failures the next attempt must wait
``PORTAL_THROTTLE_FACTOR * 2 ** (failures - free)`` seconds (capped at
``PORTAL_THROTTLE_MAX_SECONDS``). Counters live in the cache, shared by all
app processes when the cache is Redis (production with REDIS_URL).
Django-otp's own per-device throttle stays on underneath for codes.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 24 * 3600


def _conf(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(str(value).lower().encode()).hexdigest()[:32]
    return f"portal:throttle:{kind}:{digest}"


def keys_for(request, account: str, step: str) -> list[str]:
    """One counter for the account and one for the address, separately for passwords and codes."""
    return [_key(f"{step}:account", account), _key(f"{step}:address", client_address(request))]


def wait_seconds(keys: list[str]) -> int:
    """Seconds until another attempt is allowed (0: go ahead)."""
    now = time.time()
    longest = 0.0
    for key in keys:
        state = cache.get(key)
        if state:
            longest = max(longest, state.get("locked_until", 0) - now)
    return max(0, math.ceil(longest))


def record_failure(keys: list[str]) -> int:
    """Count a failure; return the wait now imposed, in seconds."""
    free = _conf("PORTAL_THROTTLE_FREE_ATTEMPTS", 5)
    factor = _conf("PORTAL_THROTTLE_FACTOR", 2)
    cap = _conf("PORTAL_THROTTLE_MAX_SECONDS", 3600)
    now = time.time()
    imposed = 0
    for key in keys:
        state = cache.get(key) or {"failures": 0, "locked_until": 0}
        state["failures"] += 1
        over = state["failures"] - free
        if over > 0 and factor > 0:
            delay = min(cap, factor * 2 ** (over - 1))
            state["locked_until"] = now + delay
            imposed = max(imposed, delay)
        cache.set(key, state, WINDOW_SECONDS)
    return imposed


def reset(keys: list[str]) -> None:
    cache.delete_many(keys)


def describe_wait(seconds: int) -> str:
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    if seconds < 60:
        return ngettext(
            "Too many failed attempts. Try again in %(n)d second.",
            "Too many failed attempts. Try again in %(n)d seconds.",
            seconds,
        ) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return _("Too many failed attempts. Try again in %(n)d minutes.") % {"n": minutes}
