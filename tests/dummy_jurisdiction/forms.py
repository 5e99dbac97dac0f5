from django import forms

from .models import Case


class CaseSummaryForm(forms.ModelForm):
    """A long text edited with autosave (plugins.drafts): the demo of forms that do not lose work."""

    class Meta:
        model = Case
        fields = ["summary"]
        labels = {"summary": "Summary"}
        widgets = {"summary": forms.Textarea(attrs={"rows": 12})}

    #: Longer summaries are refused (the pages' invalid-form answer is tested with one).
    MAX_CHARS = 5000

    def clean_summary(self):
        summary = self.cleaned_data["summary"]
        if len(summary) > self.MAX_CHARS:
            raise forms.ValidationError("Keep the summary under 5,000 characters.")
        return summary
