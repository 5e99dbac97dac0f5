from django import forms

from .models import Case


class CaseSummaryForm(forms.ModelForm):
    """A long text edited with autosave (plugins.drafts): the demo of forms that do not lose work."""

    class Meta:
        model = Case
        fields = ["summary"]
        labels = {"summary": "Summary"}
        widgets = {"summary": forms.Textarea(attrs={"rows": 12})}
