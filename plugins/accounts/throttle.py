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

from plugins.clientip import real_client_address  # noqa: F401  (also importable from here)

WINDOW_SECONDS = 24 * 3600


def _conf(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def client_address(request) -> str:
    return real_client_address(request) or "unknown"


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(str(value).lower().encode()).hexdigest()[:32]
    return f"portal:throttle:{kind}:{digest}"


def keys_for(request, account: str, step: str) -> list[str]:
    """One counter for the account and one for the address, separately for passwords and codes.

    The address counter follows a softer rule (``PORTAL_THROTTLE_ADDRESS_*``):
    many people may share one address (a school's network), so a few failures
    from it lock the account tried, never every account behind that address.
    """
    return [_key(f"{step}:account", account), _key(f"{step}:address", client_address(request))]


def _rule(key: str) -> tuple[int, int, int]:
    """(free attempts, factor, cap) of a counter."""
    if ":address:" in key:
        return (
            _conf("PORTAL_THROTTLE_ADDRESS_FREE_ATTEMPTS", 30),
            _conf("PORTAL_THROTTLE_FACTOR", 2),
            _conf("PORTAL_THROTTLE_ADDRESS_MAX_SECONDS", 900),
        )
    return (
        _conf("PORTAL_THROTTLE_FREE_ATTEMPTS", 5),
        _conf("PORTAL_THROTTLE_FACTOR", 2),
        _conf("PORTAL_THROTTLE_MAX_SECONDS", 3600),
    )


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
    now = time.time()
    imposed = 0
    for key in keys:
        free, factor, cap = _rule(key)
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


def take_from_budget(kind: str, value: str, limit: int, window: int) -> bool:
    """Count one use of a limited action (e.g. a password-reset e-mail).

    True while at most ``limit`` uses fell in the current ``window`` seconds;
    False once the budget is spent (the use is not made).
    """
    key = _key(f"budget:{kind}", value)
    now = time.time()
    state = cache.get(key)
    if not state or state.get("until", 0) <= now:
        state = {"count": 0, "until": now + window}
    if state["count"] >= limit:
        return False
    state["count"] += 1
    cache.set(key, state, max(1, math.ceil(state["until"] - now)))
    return True


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
