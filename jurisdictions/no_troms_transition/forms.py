from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from plugins.editing import VersionedModelForm
from plugins.models import Organisation

from .models import PlanStep, SchoolData, ScreeningRow


class CommaDecimalField(forms.DecimalField):
    """Accepts "7,5" as well as "7.5": Norwegian users type a decimal comma."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".").rstrip("%")
        try:
            return super().to_python(value)
        except ValidationError:
            raise
        except InvalidOperation:  # pragma: no cover - DecimalField reports it already
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class SchoolDataForm(VersionedModelForm):
    # Shown on the row page next to the screening form: keep the hidden input's id unique.
    version = forms.CharField(
        widget=forms.HiddenInput(attrs={"id": "id_data_version"}), required=False
    )
    absence_percent = CommaDecimalField(
        label=_("Absence (%)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=1,
        max_digits=5,
        help_text=_("Share of lessons missed this school year, for example 7,5."),
    )
    grade_average = CommaDecimalField(
        label=_("Grade average"),
        required=False,
        min_value=Decimal("1"),
        max_value=Decimal("6"),
        decimal_places=2,
        max_digits=3,
        help_text=_("Average of the term grades, for example 3,4."),
    )

    class Meta:
        model = SchoolData
        fields = ["absence_percent", "grade_average", "lowest_grade"]


class ScreeningRowForm(VersionedModelForm):
    class Meta:
        model = ScreeningRow
        fields = [
            "absence_high",
            "earlier_measures",
            "activity_plan",
            "national_test_level1",
            "earlier_special_education",
            "low_grade_average",
            "grade_one_or_iv",
            "large_deviation",
            "expressed_need",
            "special_intake",
            "assessment",
            "follow_up",
        ]
        widgets = {
            "large_deviation": forms.Textarea(attrs={"rows": 3}),
            "expressed_need": forms.Textarea(attrs={"rows": 3}),
            "assessment": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, computed=(), **kwargs):
        super().__init__(*args, **kwargs)
        for code in computed:
            field = self.fields[code]
            field.disabled = True
            field.help_text = _("Computed from the school's figures; the box is not used.")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            ("confirm", _("Confirm the proposal")),
            ("override", _("Decide otherwise than proposed")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (needed when you decide otherwise)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "override" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Write why you decide otherwise than proposed."))
        return data


class PlanForm(forms.Form):
    upper_school = forms.ModelChoiceField(
        label=_("Upper-secondary school the student wants to apply to"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose a school"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upper_school"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.SCHOOL, level="upper_secondary"
        ).order_by("name")


class StepForm(VersionedModelForm):
    class Meta:
        model = PlanStep
        fields = ["due", "responsible", "contributor", "note"]
        widgets = {
            "due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
