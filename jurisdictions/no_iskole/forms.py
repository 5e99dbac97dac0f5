"""Forms of the IOP module. Long texts save drafts as one types (``plugins.drafts``)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.drafts import AutosaveTextarea
from plugins.editing import VersionedModelForm

from .models import (
    AnnualReport,
    CertificateAppendix,
    Iop,
    IopDocument,
    SchoolApplication,
    SpecialEducation,
    StudentApplication,
    SubjectPlan,
    WorkStatus,
)

TEXT = {"rows": 6}
MAX_TEXT = 20_000


def _limit(form, names):
    for name in names:
        form.fields[name].max_length = MAX_TEXT
        form.fields[name].widget.attrs["maxlength"] = MAX_TEXT


class StudentApplicationForm(VersionedModelForm):
    class Meta:
        model = StudentApplication
        fields = ["expert_assessment", "goals", "other_information", "subjects"]
        widgets = {
            "expert_assessment": AutosaveTextarea(attrs=TEXT),
            "goals": AutosaveTextarea(attrs=TEXT),
            "other_information": AutosaveTextarea(attrs={"rows": 4}),
            "subjects": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the subjects the student is registered with can be applied for.
        self.fields["subjects"].queryset = self.instance.student.subjects.order_by("name")
        self.fields["subjects"].help_text = _("The subjects the student is registered with.")
        _limit(self, ["expert_assessment", "goals", "other_information"])


class SchoolApplicationForm(forms.ModelForm):
    class Meta:
        model = SchoolApplication
        fields = ["name", "addressee"]

    def __init__(self, *args, addressees=None, **kwargs):
        super().__init__(*args, **kwargs)
        if addressees is not None:
            self.fields["addressee"].queryset = addressees
        self.fields["addressee"].required = False


class SentDateForm(forms.Form):
    sent_on = forms.DateField(
        label=_("Sent on"), widget=forms.DateInput(attrs={"type": "date"}), required=True
    )


def _not_in_future(day):
    if day is not None and day > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return day


class AnnualReportSentForm(SentDateForm):
    """The date the annual report was sent to the county or municipality."""

    def clean_sent_on(self):
        return _not_in_future(self.cleaned_data["sent_on"])


class OutsideDecisionForm(forms.ModelForm):
    """A decision on special education made outside the portal, and the subjects of part 2."""

    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects with special education"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each becomes a subject in IOP part 2. You can add more later."),
    )

    class Meta:
        model = SpecialEducation
        fields = ["decided_on", "reference"]
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, student, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].required = True
        self.fields["decided_on"].help_text = _(
            "The day the county or municipality decided to grant special education."
        )
        self.fields["subjects"].queryset = student.subjects.order_by("name")

    def clean_decided_on(self):
        return _not_in_future(self.cleaned_data["decided_on"])


class IopForm(VersionedModelForm):
    class Meta:
        model = Iop
        fields = ["mapping", "overall_goals", "organisation"]
        widgets = {
            "mapping": AutosaveTextarea(attrs=TEXT),
            "overall_goals": AutosaveTextarea(attrs=TEXT),
            "organisation": AutosaveTextarea(attrs=TEXT),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, self.Meta.fields)


class SubjectPlanForm(VersionedModelForm):
    half_year_assessment = forms.CharField(
        label=_("Half-year assessment"), required=False, widget=AutosaveTextarea(attrs=TEXT)
    )
    annual_assessment = forms.CharField(
        label=_("Annual assessment"), required=False, widget=AutosaveTextarea(attrs=TEXT)
    )

    class Meta:
        model = SubjectPlan
        fields = ["competence_goals", "learning_goals", "work_status"]
        widgets = {
            "competence_goals": AutosaveTextarea(attrs=TEXT),
            "learning_goals": AutosaveTextarea(attrs=TEXT),
            "work_status": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_status"].choices = WorkStatus.choices
        _limit(
            self,
            ["competence_goals", "learning_goals", "half_year_assessment", "annual_assessment"],
        )


class AnnualReportForm(VersionedModelForm):
    class Meta:
        model = AnnualReport
        fields = ["summary", "teaching_assessment", "continued_need"]
        widgets = {f: AutosaveTextarea(attrs=TEXT) for f in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, self.Meta.fields)


class CertificateAppendixForm(VersionedModelForm):
    class Meta:
        model = CertificateAppendix
        fields = ["content"]
        widgets = {"content": AutosaveTextarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, self.Meta.fields)


class LogEntryForm(forms.Form):
    text = forms.CharField(
        label=_("New log entry"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DocumentEditForm(forms.ModelForm):
    class Meta:
        model = IopDocument
        fields = ["title", "visible_to_teachers"]


class AddSubjectForm(forms.Form):
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=None)

    def __init__(self, *args, subjects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects
