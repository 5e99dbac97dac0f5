"""Forms that notice when someone else saved the same record meanwhile.

Two coordinators open the same plan; the first saves; the second, on saving,
is told instead of silently overwriting the first one's words. The form
carries the record's ``updated_at`` as it was when the page was opened.

    class PlanForm(VersionedModelForm):
        class Meta: model = Plan; fields = [...]
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

CONFLICT = _(
    "Someone else saved this while you were writing. Your text is still in the form below: "
    "copy what you need, then reload the page to see their version before saving again."
)


class VersionedModelForm(forms.ModelForm):
    #: The record's ``updated_at`` when the page was opened (hidden).
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    version_field = "updated_at"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = getattr(self.instance, self.version_field, None)
        if self.instance.pk and current is not None:
            self.fields["version"].initial = current.isoformat()

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            return data
        model = type(self.instance)
        saved = (
            model._default_manager.filter(pk=self.instance.pk)
            .values_list(self.version_field, flat=True)
            .first()
        )
        sent = self.data.get(self.add_prefix("version"), "")
        if saved is not None and sent and sent != saved.isoformat():
            raise forms.ValidationError(CONFLICT, code="conflict")
        return data
