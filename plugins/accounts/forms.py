"""The code steps of the sign-in, in the reader's language and with one message per problem.

django-two-factor-auth labels the field "Token" and django-otp adds its own
English "Please enter your OTP token." next to the field's own "required"
message. These forms use the portal's words (from the portal's catalogue,
which wins over every library's) and say each problem once.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_otp.forms import OTPAuthenticationFormMixin
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm

OTP_MESSAGES = dict(
    OTPAuthenticationFormMixin.otp_error_messages,
    token_required=_("Enter the code."),
    invalid_token=_("That code is not valid. Try again."),
    n_failed_attempts=ngettext_lazy(
        "Too many wrong codes (%(failure_count)d). Wait a little and try again.",
        "Too many wrong codes (%(failure_count)d). Wait a little and try again.",
        "failure_count",
    ),
    verification_not_allowed=_("Codes cannot be checked right now. Wait a little and try again."),
)


class _OneMessage:
    """The field's own "required" message is the only one for an empty field."""

    otp_error_messages = OTP_MESSAGES

    def clean(self):
        if self.errors.get("otp_token"):
            return self.cleaned_data
        return super().clean()


class CodeForm(_OneMessage, AuthenticationTokenForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.use_portal_words()

    def use_portal_words(self):
        field = self.fields["otp_token"]
        field.label = _("Code from your authenticator app")
        field.error_messages.update(
            {
                "required": _("Enter the code."),
                "invalid": _("The code is 6 digits."),
                "min_length": _("The code is 6 digits."),
                "max_length": _("The code is 6 digits."),
            }
        )
        field.widget.attrs["inputmode"] = "numeric"


class BackupCodeForm(_OneMessage, BackupTokenForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.use_portal_words()

    def use_portal_words(self):
        field = self.fields["otp_token"]
        field.label = _("Backup code")
        field.error_messages["required"] = _("Enter the code.")


def in_portal_words(form):
    """The same form as django-two-factor-auth built it, with the portal's words."""
    for library, ours in ((BackupTokenForm, BackupCodeForm), (AuthenticationTokenForm, CodeForm)):
        if type(form) is library:
            form.__class__ = ours
            form.use_portal_words()
            break
    return form
