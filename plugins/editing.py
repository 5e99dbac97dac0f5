"""Forms that notice when someone else saved the same record meanwhile.

Two coordinators open the same plan; the first saves; the second, on saving,
is told instead of silently overwriting the first one's words. The form
carries the record's ``updated_at`` as it was when the page was opened.

    class PlanForm(VersionedModelForm):
        class Meta: model = Plan; fields = [...]
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

CONFLICT = _(
    "Someone else saved this while you were writing. Your text is still in the form below: "
    "copy what you need, then reload the page to see their version before saving again."
)


MISSING_VERSION = _(
    "Your changes were not saved: the form did not say which version of the record it changes. "
    "Your text is still in the form below: copy what you need, then reload the page and save "
    "again."
)


def _parse_version(text: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        return None


class VersionedModelForm(forms.ModelForm):
    #: The record's ``updated_at`` when the page was opened (hidden). Not a required form
    #: field (a new record has none), but ``clean`` refuses an edit of a saved record
    #: that does not send a valid one.
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
        if saved is None:
            return data
        # An edit must say which version it changes: without it (an old page, a hand-made
        # POST) the conflict check would be skipped and someone else's save overwritten.
        sent = (self.data.get(self.add_prefix("version")) or "").strip()
        if not sent or _parse_version(sent) is None:
            raise forms.ValidationError(MISSING_VERSION, code="version_missing")
        if sent != saved.isoformat():
            raise forms.ValidationError(CONFLICT, code="conflict")
        return data
