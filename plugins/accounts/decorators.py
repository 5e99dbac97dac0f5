"""View decorators for pages that show case data."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from . import StepUpRequired, has_fresh_second_factor


def no_store(response):
    """Mark a response as private and never stored by any cache."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def case_view(view):
    """Signed in, second factor verified in this session, and never cached.

    A ``StepUpRequired`` from the view (or a service it calls) becomes the code
    page; after the code, a posted form is done again as it was posted.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_verified():
            return redirect(
                reverse("accounts:verify") + "?" + urlencode({"next": request.get_full_path()})
            )
        try:
            response = view(request, *args, **kwargs)
        except StepUpRequired:
            from .stepup import ask_for_fresh_factor

            return ask_for_fresh_factor(request)
        return no_store(response)

    return wrapper


def step_up_required(view):
    """A second factor verified within the last few minutes (signing, deciding)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not has_fresh_second_factor(request):
            from .stepup import ask_for_fresh_factor

            return ask_for_fresh_factor(request)
        return view(request, *args, **kwargs)

    return case_view(wrapper)
