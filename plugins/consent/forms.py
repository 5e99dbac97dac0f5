"""The forms on a consent page. The "I have read this" box is never ticked in advance."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class NeverTickedCheckbox(forms.CheckboxInput):
    """A checkbox that always renders unticked, even when a form is shown again after an error.

    Consent must be an act of the person, every time (DESIGN 4).
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, False, attrs)
        context["widget"]["attrs"].pop("checked", None)
        return context


class SignForm(forms.Form):
    read = forms.BooleanField(
        label=_("I have read this and I agree"),
        required=True,
        widget=NeverTickedCheckbox,
        error_messages={
            "required": _("Tick the box to show you have read the text before you sign.")
        },
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("You do not have to give a reason. If you do, the school can read it."),
    )
