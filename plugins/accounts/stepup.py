"""Step-up that resumes the action: ask for a fresh code, then do what was posted.

A protected action (deciding, signing, an override with a reason) needs a
second factor verified within the last few minutes. When it is stale, the
view calls ``ask_for_fresh_factor``: the posted form (not its CSRF token, not
files) is kept in the session under a one-time key, and the person is sent to
the code page. After a good code they come back to the action's address with
that key; ``ResumeActionMiddleware`` turns the request back into the POST that
was made, so the view runs again with the same data and now passes step-up.

The key is random, kept only in this person's session, used once and valid
for ``PORTAL_RESUME_SECONDS``; it is the proof that the person posted this
form, as the CSRF token was for the original request.
"""

from __future__ import annotations

import secrets
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from . import has_fresh_second_factor
from .decorators import no_store

#: Session key of the actions waiting for a fresh code: {key: {...}}.
PENDING_KEY = "portal_pending_actions"
#: Query parameter carrying the one-time key back to the action's address.
RESUME_PARAM = "_resume"
#: Larger posts are not kept (a session is no place for big texts); the person posts again.
MAX_KEPT_CHARS = 64_000
#: At most this many actions wait at once (the oldest go first).
MAX_PENDING = 5


def _expiry() -> int:
    return int(getattr(settings, "PORTAL_RESUME_SECONDS", 600))


def _without(query: QueryDict, name: str) -> str:
    copy = query.copy()
    copy.pop(name, None)
    return copy.urlencode()


def ask_for_fresh_factor(request, back: str | None = None):
    """The answer of a view whose action needs a fresh second factor.

    A POST is kept and resumed after the code; any other request (or a post too
    large or carrying files) is sent to the code page and then to ``back``
    (default: the same address).
    """
    verify = reverse("accounts:verify")
    if request.method == "POST" and not request.FILES:
        data = {
            key: values
            for key, values in request.POST.lists()
            if key not in ("csrfmiddlewaretoken", RESUME_PARAM)
        }
        size = sum(len(k) + sum(len(v) for v in vs) for k, vs in data.items())
        if size <= MAX_KEPT_CHARS:
            key = secrets.token_urlsafe(24)
            pending = {
                k: v
                for k, v in request.session.get(PENDING_KEY, {}).items()
                if int(v.get("until", 0)) > time.time()
            }
            for old in sorted(pending, key=lambda k: pending[k]["until"])[: -MAX_PENDING + 1]:
                pending.pop(old)
            pending[key] = {
                "path": request.path,
                "user": request.user.pk,
                "data": data,
                "until": int(time.time()) + _expiry(),
            }
            request.session[PENDING_KEY] = pending
            query = _without(request.GET, RESUME_PARAM)
            target = request.path + "?" + (query + "&" if query else "") + f"{RESUME_PARAM}={key}"
            messages.info(
                request,
                _("Confirm it is you with a code. Then what you sent is done, as you sent it."),
            )
            return no_store(redirect(verify + "?" + urlencode({"next": target})))
    messages.info(request, _("Confirm it is you with a code, then try again."))
    target = back or request.get_full_path()
    return no_store(redirect(verify + "?" + urlencode({"next": target})))


class ResumeActionMiddleware:
    """Turns the return from the code page back into the action that was posted.

    Runs after authentication and the OTP middleware, before the CSRF check:
    the replayed request carries no CSRF token; the one-time key bound to this
    session and this address stands in for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.GET.get(RESUME_PARAM)
        if key and request.method == "GET":
            self._resume(request, key)
        return self.get_response(request)

    def _resume(self, request, key: str) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        pending = request.session.get(PENDING_KEY) or {}
        entry = pending.get(key)
        if entry is None:
            return
        if (
            entry.get("path") != request.path
            or entry.get("user") != user.pk
            or int(entry.get("until", 0)) < time.time()
        ):
            pending.pop(key, None)
            request.session[PENDING_KEY] = pending
            return
        if not has_fresh_second_factor(request):
            return  # the view asks for the code again; the entry stays until it expires
        pending.pop(key)
        request.session[PENDING_KEY] = pending
        post = QueryDict(mutable=True)
        for name, values in entry["data"].items():
            post.setlist(name, values)
        post._mutable = False
        request.method = "POST"
        request.META["REQUEST_METHOD"] = "POST"
        request.POST = post
        request._files = MultiValueDict()
        request.GET = QueryDict(_without(request.GET, RESUME_PARAM))
        request._dont_enforce_csrf_checks = True
