"""Sign-in, failed sign-in and sign-out go to the audit trail."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from . import record


def on_logged_in(sender, request, user, **kwargs):
    record(request, "sign-in", actor=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # Only the name that was tried: never the password (Django masks it anyway).
    username = ""
    for key in ("username", "email", "login"):
        if credentials.get(key):
            username = str(credentials[key])
            break
    record(request, "sign-in-failed", outcome="failed", username=username)


def on_logged_out(sender, request, user, **kwargs):
    if user is None or not getattr(user, "is_authenticated", False):
        return  # nobody was signed in
    record(request, "sign-out", actor=user)


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="plugins.audit.sign_in")
    user_login_failed.connect(on_login_failed, dispatch_uid="plugins.audit.sign_in_failed")
    user_logged_out.connect(on_logged_out, dispatch_uid="plugins.audit.sign_out")
