"""Sign-in with a second factor (django-two-factor-auth), re-verification and sign-out."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from two_factor.views import LoginView as TwoFactorLoginView

from . import ENROL_UNTIL_KEY, mark_second_factor_verified, throttle
from .decorators import no_store
from .forms import in_portal_words


class LoginView(TwoFactorLoginView):
    """django-two-factor-auth's wizard with throttling per account and per address."""

    throttle_message = ""

    def get_form(self, step=None, **kwargs):
        # The library picks the code form per device method; it gets the portal's words.
        return in_portal_words(super().get_form(step=step, **kwargs))

    def _throttle_keys(self):
        step = self.steps.current
        if step == self.AUTH_STEP:
            account = self.request.POST.get("auth-username", "")
            return throttle.keys_for(self.request, account, "password")
        user = self.get_user()
        account = user.get_username() if user else ""
        return throttle.keys_for(self.request, account, "code")

    def post(self, *args, **kwargs):
        goto = self.request.POST.get("wizard_goto_step")
        if goto and goto in self.get_form_list():
            # Moving back to a real step checks no credentials. Anything else in
            # this field is ignored by the wizard, which validates the posted
            # form: that attempt is throttled like any other.
            return super().post(*args, **kwargs)
        keys = self._throttle_keys()
        wait = throttle.wait_seconds(keys)
        if wait:
            self.throttle_message = throttle.describe_wait(wait)
            return self.render(self.get_form())
        response = super().post(*args, **kwargs)
        return response

    def render(self, form=None, **kwargs):
        if form is not None and form.is_bound and form.errors and not self.throttle_message:
            wait = throttle.record_failure(self._throttle_keys())
            if wait:
                self.throttle_message = throttle.describe_wait(wait)
        return super().render(form, **kwargs)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        context["throttle_message"] = self.throttle_message
        return context

    def done(self, form_list, **kwargs):
        user = self.get_user()
        throttle.reset(throttle.keys_for(self.request, user.get_username(), "password"))
        throttle.reset(throttle.keys_for(self.request, user.get_username(), "code"))
        response = super().done(form_list, **kwargs)
        if not user_has_device(user, confirmed=True):
            # The only moment a first second factor may be enrolled: right after
            # the password, in this session.
            self.request.session[ENROL_UNTIL_KEY] = int(time.time()) + int(
                getattr(settings, "PORTAL_ENROL_SECONDS", 900)
            )
        return response


class VerifyForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a backup code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _safe_next(request, default="/"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """Ask for a second factor again: before case pages in an unverified session, and as step-up."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('two_factor:login')}?next={request.get_full_path()}")
    if not user_has_device(request.user, confirmed=True):
        messages.info(request, _("Set up a second factor to see case information."))
        return redirect(f"{reverse('two_factor:setup')}?next={_safe_next(request)}")
    keys = throttle.keys_for(request, request.user.get_username(), "code")
    form = VerifyForm(request.POST or None)
    error = ""
    if request.method == "POST":
        wait = throttle.wait_seconds(keys)
        if wait:
            error = throttle.describe_wait(wait)
        elif form.is_valid():
            device = match_token(request.user, form.cleaned_data["token"].strip().replace(" ", ""))
            if device is not None:
                otp_login(request, device)
                mark_second_factor_verified(request)
                throttle.reset(keys)
                return redirect(_safe_next(request))
            wait = throttle.record_failure(keys)
            error = (
                throttle.describe_wait(wait) if wait else _("That code is not valid. Try again.")
            )
    response = render(
        request,
        "accounts/verify.html",
        {"form": form, "error": error, "next": _safe_next(request, "")},
        status=200 if not error else 400,
    )
    return no_store(response)


@require_http_methods(["GET", "POST"])
def sign_out(request):
    if request.method == "POST":
        logout(request)
        messages.success(request, _("You are signed out."))
        return redirect("/")
    return render(request, "accounts/logout.html")


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Password reset with a budget of e-mails per address and per account.

    Past the address budget the form says so; past the account budget the page
    answers as always and sends nothing, so it never tells whether an address
    has an account.
    """

    def form_valid(self, form):
        window = int(getattr(settings, "PORTAL_RESET_WINDOW_SECONDS", 3600))
        address = throttle.client_address(self.request)
        per_address = int(getattr(settings, "PORTAL_RESET_LIMIT_PER_ADDRESS", 10))
        if not throttle.take_from_budget("reset:address", address, per_address, window):
            form.add_error(
                None,
                _("Too many requests for a new password from this network. Try again later."),
            )
            return self.form_invalid(form)
        email = form.cleaned_data["email"].strip().lower()
        per_account = int(getattr(settings, "PORTAL_RESET_LIMIT_PER_ACCOUNT", 3))
        if not throttle.take_from_budget("reset:account", email, per_account, window):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


def to_portal_sign_in(request, *args, **kwargs):
    """Every other sign-in page (Wagtail's, Django admin's) leads to the portal's two-factor one."""
    target = _safe_next(request, "")
    url = reverse("two_factor:login")
    if target:
        url += "?" + urlencode({"next": target})
    return no_store(redirect(url))
