"""The upload form plugins reuse; the checks themselves run in ``store_upload``."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DocumentUploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("PDF only, not password-protected."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    visible_to_teachers = forms.BooleanField(label=_("Visible to teachers"), required=False)

    def store(self, *, student, owner, request, **extra):
        """Store the checked upload, or put the reason on the file field and return None."""
        from .services import store_upload
        from .validation import RejectedUpload

        try:
            return store_upload(
                self.cleaned_data["file"],
                student=student,
                owner=owner,
                title=self.cleaned_data["title"],
                visible_to_teachers=self.cleaned_data["visible_to_teachers"],
                request=request,
                **extra,
            )
        except RejectedUpload as exc:
            self.add_error("file", exc)
            return None
