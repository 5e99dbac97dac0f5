"""Second-factor enforcement, absolute session lifetime and no-store for signed-in pages."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .decorators import no_store

SIGNED_IN_AT_KEY = "portal_signed_in_at"

#: Paths a signed-in user reaches before verifying a second factor.
DEFAULT_OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/verify/",
    "/accounts/logout/",
    # Enrolment; the views themselves allow it only right after the password.
    "/accounts/two_factor/setup/",
    "/accounts/two_factor/qrcode/",
    "/accounts/password_reset/",
    "/accounts/reset/",
    "/static/",
    "/healthz",
    "/i18n/",
    "/jsi18n/",
    "/favicon.ico",
)


class SecondFactorMiddleware:
    """For every signed-in user:

    - the session ends after ``PORTAL_SESSION_ABSOLUTE_SECONDS`` whatever the activity
      (inactivity is handled by SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST);
    - every page outside the open prefixes needs a second factor verified in this
      session: a user without one is sent to verify or to enrol;
    - every response is ``Cache-Control: private, no-store``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.open_prefixes = tuple(
            getattr(settings, "PORTAL_SECOND_FACTOR_OPEN_PREFIXES", DEFAULT_OPEN_PREFIXES)
        )

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in:
            now = int(time.time())
            started = request.session.get(SIGNED_IN_AT_KEY)
            if started is None:
                request.session[SIGNED_IN_AT_KEY] = now
            elif now - int(started) > settings.PORTAL_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
                return no_store(
                    redirect(f"{settings.LOGIN_URL}?{urlencode({'next': request.get_full_path()})}")
                )
            if not request.path.startswith(self.open_prefixes) and not user.is_verified():
                target = (
                    reverse("accounts:verify") + "?" + urlencode({"next": request.get_full_path()})
                )
                return no_store(redirect(target))
        response = self.get_response(request)
        if signed_in:
            no_store(response)
        return response
