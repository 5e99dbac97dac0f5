"""Managing second factors: only from a verified session with a fresh second factor.

django-two-factor-auth's own views guard only some request methods (its setup
wizard refuses a user who already has a device on GET, never on POST), so each
view used here is wrapped:

- a user with a second factor adds, replaces or renews one only with a second
  factor verified in the last few minutes (step-up), on every request method;
- a user without one enrols only right after the password at the portal's
  sign-in (``ENROL_UNTIL_KEY``), never from some other session;
- at least one factor always remains: removing the last one is refused, an
  authenticator is replaced instead;
- every change is written to the audit trail and told to the owner by e-mail,
  with nothing in the e-mail beyond what happened and when.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.mail import send_mail
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from two_factor.views import (
    BackupTokensView,
    DisableView,
    QRGeneratorView,
    SetupView,
)

from plugins import audit

from . import ENROL_UNTIL_KEY, has_fresh_second_factor, mark_second_factor_verified
from .decorators import no_store


def may_enrol_first_factor(request) -> bool:
    """A user without any second factor, right after their password at the portal's sign-in."""
    user = request.user
    if user_has_device(user, confirmed=True):
        return False
    until = request.session.get(ENROL_UNTIL_KEY)
    return until is not None and time.time() <= int(until)


def guard(request):
    """None when the request may manage second factors; else the response that refuses it."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user_has_device(user, confirmed=True):
        if has_fresh_second_factor(request):
            return None
        messages.info(request, _("Confirm it is you with a code before changing how you sign in."))
        target = reverse("accounts:verify") + "?" + urlencode({"next": request.get_full_path()})
        return no_store(redirect(target))
    if may_enrol_first_factor(request):
        return None
    # A password-only session that did not come through the portal's sign-in.
    logout(request)
    messages.info(request, _("Sign in again to set up a second factor."))
    return no_store(redirect_to_login(reverse("two_factor:setup")))


class GuardedMixin:
    def dispatch(self, request, *args, **kwargs):
        refused = guard(request)
        if refused is not None:
            return refused
        return no_store(super().dispatch(request, *args, **kwargs))


def _primary_devices(user) -> list:
    """Confirmed second factors other than backup codes."""
    return [d for d in devices_for_user(user, confirmed=True) if not isinstance(d, StaticDevice)]


def _language_of(user) -> str:
    from plugins.contact import language_of

    return language_of(user)


def _address_of(user) -> str:
    from plugins.contact import address_of

    return address_of(user)


def tell_owner(request, user, change: str) -> None:
    """Audit a change of the user's second factors and tell the owner by e-mail."""
    audit.record(request, change, actor=user)
    address = _address_of(user)
    if not address:
        return
    with translation.override(_language_of(user)):
        when = date_format(timezone.localtime(), "DATETIME_FORMAT")
        what = {
            "factor-added": _("An authenticator was added to your account on %(when)s."),
            "factor-replaced": _(
                "Your authenticator was replaced on %(when)s. The earlier one no longer works."
            ),
            "backup-codes-replaced": _(
                "New backup codes were made for your account on %(when)s. "
                "The earlier codes no longer work."
            ),
        }[change] % {"when": when}
        body = "\n\n".join(
            [
                what,
                _(
                    "If this was not you, contact your school or the portal's administrator "
                    "at once, and change your password."
                ),
            ]
        )
        send_mail(_("How you sign in was changed"), body + "\n", None, [address])


class GuardedSetupView(GuardedMixin, SetupView):
    """Enrol a first authenticator after the password, or replace one after a fresh code."""

    def get_prefix(self, request, *args, **kwargs):
        return "setup_view"  # the wizard's own form names, as its templates expect

    def get(self, request, *args, **kwargs):
        # SetupView sends a user who has a device away; here such a user has just
        # confirmed it is them, and may replace the authenticator.
        return super(SetupView, self).get(request, *args, **kwargs)

    def done(self, form_list, **kwargs):
        user = self.request.user
        earlier = _primary_devices(user)
        response = super().done(form_list, **kwargs)
        new_ids = {d.persistent_id for d in _primary_devices(user)} - {
            d.persistent_id for d in earlier
        }
        if new_ids:
            for device in earlier:
                device.delete()
        mark_second_factor_verified(self.request)
        self.request.session.pop(ENROL_UNTIL_KEY, None)
        tell_owner(self.request, user, "factor-replaced" if earlier else "factor-added")
        return response


class GuardedQRView(GuardedMixin, QRGeneratorView):
    pass


class GuardedBackupTokensView(GuardedMixin, BackupTokensView):
    def form_valid(self, form):
        response = super().form_valid(form)
        tell_owner(self.request, self.request.user, "backup-codes-replaced")
        return response


class KeepOneFactorView(GuardedMixin, DisableView):
    """Removing every second factor is refused: an account with case data always keeps one."""

    def form_valid(self, form):
        messages.error(
            self.request,
            _(
                "Your account must keep a second factor. To move to a new phone, "
                "replace your authenticator instead."
            ),
        )
        return redirect("two_factor:profile")
