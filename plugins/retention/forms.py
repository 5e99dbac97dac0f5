from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CloseForm(forms.Form):
    left_on = forms.DateField(
        label=_("Left the school on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, student=None, **kwargs):
        self.student = student
        super().__init__(*args, **kwargs)

    def clean_left_on(self):
        day = self.cleaned_data["left_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The day a student left cannot be in the future."))
        if self.student is not None and day < self.student.birth_date:
            raise forms.ValidationError(_("The day a student left cannot be before their birth."))
        return day


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the case and its files are deleted for good."),
        error_messages={"required": _("Tick the box to confirm the deletion.")},
    )
