"""The endpoints behind autosave: save a draft, read it, discard it, keep the session alive.

The browser script calls them with JSON; they answer JSON, with 401 when
the session has ended (never a redirect to the sign-in page the script
could not show), so the script can keep the text and say what happened.
"""

from __future__ import annotations

import json
from functools import wraps

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plugins.accounts.decorators import case_view, no_store

from .forms import when
from .models import Draft
from .service import BadDraftToken, clear_draft, max_chars, read_token, save_draft
from .session import session_state


def _wants_json(request) -> bool:
    return request.content_type == "application/json" or "application/json" in request.headers.get(
        "Accept", ""
    )


def json_case_view(view):
    """Like ``case_view`` (signed in, second factor, never cached), answering JSON 401/403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return no_store(JsonResponse({"error": "signed-out"}, status=401))
        is_verified = getattr(user, "is_verified", None)
        if not callable(is_verified) or not is_verified():
            return no_store(JsonResponse({"error": "second-factor"}, status=403))
        return no_store(view(request, *args, **kwargs))

    return wrapper


def _json_body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


@require_POST
@json_case_view
def save(request):
    """``{"token": ..., "text": ...}`` -> the draft of this person for the token's key."""
    data = _json_body(request)
    text = data.get("text")
    if not isinstance(text, str):
        return JsonResponse({"error": "no-text"}, status=400)
    try:
        key = read_token(request.user, data.get("token", ""))
    except BadDraftToken:
        return JsonResponse({"error": "stale"}, status=400)
    if len(text) > max_chars():
        return JsonResponse({"error": "too-long", "max": max_chars()}, status=413)
    draft = save_draft(request.user, key, text.replace("\r\n", "\n"))
    return JsonResponse(
        {
            "saved": True,
            "updated": draft.updated.isoformat(),
            "time": when(draft.updated),
            **session_state(request),
        }
    )


@require_GET
@json_case_view
def draft(request):
    """This person's draft for ``?token=``; 404 when they have none (whoever else has one)."""
    try:
        key = read_token(request.user, request.GET.get("token", ""))
    except BadDraftToken:
        raise Http404 from None
    found = Draft.objects.filter(user=request.user, key=key).first()
    if found is None:
        raise Http404
    return JsonResponse(
        {
            "key": found.key,
            "text": found.text,
            "updated": found.updated.isoformat(),
            "time": when(found.updated),
        }
    )


@require_POST
@json_case_view
def ping(request):
    """Keep the session alive ("Stay signed in"); says how long it now has."""
    return JsonResponse({"ok": True, **session_state(request)})


def _safe_next(request, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


@require_http_methods(["GET", "POST"])
def discard(request):
    """Forget a draft: JSON from the script, or a confirmation page without JavaScript."""
    if _wants_json(request):
        return _discard_json(request)
    return _discard_page(request)


@json_case_view
def _discard_json(request):
    if request.method != "POST":
        return JsonResponse({"error": "post-only"}, status=405)
    try:
        key = read_token(request.user, _json_body(request).get("token", ""))
    except BadDraftToken:
        return JsonResponse({"error": "stale"}, status=400)
    return JsonResponse({"discarded": clear_draft(request.user, key)})


@case_view
def _discard_page(request):
    source = request.POST if request.method == "POST" else request.GET
    token, next_url = source.get("token", ""), _safe_next(request, source.get("next", ""))
    try:
        key = read_token(request.user, token)
    except BadDraftToken:
        raise Http404 from None
    found = Draft.objects.filter(user=request.user, key=key).first()
    if request.method == "POST":
        if clear_draft(request.user, key):
            messages.success(request, _("The unsaved text was discarded."))
        return redirect(next_url)
    if found is None:
        return redirect(next_url)
    return render(
        request,
        "drafts/discard.html",
        {"token": token, "next": next_url, "draft_time": when(found.updated)},
    )
