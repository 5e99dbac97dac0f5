"""Accounts and second-factor state of a request."""

from __future__ import annotations

import time

from django.conf import settings

#: Session key holding the UNIX time of the last second-factor verification.
VERIFIED_AT_KEY = "portal_otp_verified_at"
#: Session key: until when (UNIX time) a user without a second factor may enrol one.
ENROL_UNTIL_KEY = "portal_enrol_until"


class StepUpRequired(Exception):
    """The action needs a second factor verified within the last few minutes.

    Raise it (or a service's subclass of it: ``plugins.workflow.StepUpRequired``,
    ``plugins.consent.StepUpRequired``) anywhere below a ``case_view``: the view
    answers with the code page and the posted form is done again after the code
    (``plugins.accounts.stepup``). No view needs to catch it.
    """


def require_fresh_second_factor(request) -> None:
    """Raise ``StepUpRequired`` unless ``request`` has a fresh second factor."""
    if request is None or not has_fresh_second_factor(request):
        raise StepUpRequired


def mark_second_factor_verified(request) -> None:
    request.session[VERIFIED_AT_KEY] = int(time.time())


def has_fresh_second_factor(request) -> bool:
    """True when the user verified a second factor within PORTAL_STEP_UP_SECONDS."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if not callable(is_verified) or not is_verified():
        return False
    verified_at = request.session.get(VERIFIED_AT_KEY)
    if verified_at is None:
        return False
    window = getattr(settings, "PORTAL_STEP_UP_SECONDS", 300)
    return time.time() - int(verified_at) <= window
