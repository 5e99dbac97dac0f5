"""Changing one's password: from a verified session with a fresh second factor.

- the page needs a signed-in user whose second factor was verified in this
  session and within the last few minutes (step-up); a stale one is sent to
  the code page and back to an empty form: the passwords posted are never
  kept in the session to be replayed after the code;
- the old password is asked for; wrong ones are throttled per account (the
  same counter as the sign-in's passwords, ``plugins.accounts.throttle``);
- Django's password validators apply to the new one;
- on a change the session stays signed in (other sessions end, their session
  hash no longer matches), the change is audited and the owner is told by an
  e-mail that says what happened and when, nothing more.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.mail import send_mail
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plugins import audit

from . import has_fresh_second_factor, throttle
from .decorators import no_store

#: Audit actions (``plugins.audit.ACTION_RE``).
CHANGED = "password-changed"
REFUSED = "password-change"


def guard(request):
    """None when the request may change the password; else the response that refuses it."""
    user = request.user
    if not user.is_authenticated:
        return no_store(redirect_to_login(request.get_full_path()))
    target = reverse("accounts:verify") + "?" + urlencode({"next": request.path})
    if not user.is_verified():
        return no_store(redirect(target))
    if not has_fresh_second_factor(request):
        # Unlike other step-up actions, nothing posted is kept to resume: it holds passwords.
        messages.info(request, _("Confirm it is you with a code before changing how you sign in."))
        return no_store(redirect(target))
    return None


def tell_owner(user) -> None:
    """E-mail the owner that their password was changed (what and when, nothing else)."""
    from plugins.contact import address_of, language_of

    address = address_of(user)
    if not address:
        return
    with translation.override(language_of(user)):
        when = date_format(timezone.localtime(), "DATETIME_FORMAT")
        body = "\n\n".join(
            [
                _("The password of your account was changed on %(when)s.") % {"when": when},
                _(
                    "If this was not you, contact your school or the portal's administrator "
                    "at once."
                ),
            ]
        )
        send_mail(_("Your password was changed"), body + "\n", None, [address])


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, behind step-up, throttled, audited and told to the owner."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")
    throttle_message = ""

    def dispatch(self, request, *args, **kwargs):
        refused = guard(request)
        if refused is not None:
            return refused
        return no_store(super().dispatch(request, *args, **kwargs))

    def _throttle_keys(self):
        return throttle.keys_for(self.request, self.request.user.get_username(), "password")

    def post(self, request, *args, **kwargs):
        wait = throttle.wait_seconds(self._throttle_keys())
        if wait:
            # Locked: the old password is not even checked.
            self.throttle_message = throttle.describe_wait(wait)
            return self.render_to_response(self.get_context_data(), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "old_password" in form.errors:
            wait = throttle.record_failure(self._throttle_keys())
            if wait:
                self.throttle_message = throttle.describe_wait(wait)
            audit.record(self.request, REFUSED, outcome="failed")
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)  # saves; update_session_auth_hash keeps this session
        throttle.reset(self._throttle_keys())
        audit.record(self.request, CHANGED)
        tell_owner(self.request.user)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["throttle_message"] = self.throttle_message
        return context


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return no_store(redirect_to_login(request.get_full_path()))
        if not user.is_verified():
            target = reverse("accounts:verify") + "?" + urlencode({"next": request.path})
            return no_store(redirect(target))
        return no_store(super().dispatch(request, *args, **kwargs))
