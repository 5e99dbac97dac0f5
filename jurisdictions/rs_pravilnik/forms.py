"""Forms of the IOP pages. Labels come from the models (translated).

Forms that change a record in place are ``VersionedModelForm``s: when two
people edit the same record at once, the second is told and keeps their text.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.editing import VersionedModelForm
from plugins.models import Person, Student, Subject

from . import rules
from .models import (
    CurriculumItem,
    DataSource,
    EarlyLeavingPlan,
    Evaluation,
    IndividualisationMeasure,
    Iop,
    IopKind,
    IopStatus,
    MemberFunction,
    Observation,
    PedagogicalProfile,
    Scope,
    SocialWelfareNotice,
    SupportCase,
    TeamMember,
    TransitionPlan,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DatesMixin:
    """Every date field as an HTML date input."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE


class StartCaseForm(forms.Form):
    student = forms.ModelChoiceField(queryset=Student.objects.none(), label=_("Student"))
    grounds = forms.ChoiceField(
        choices=SupportCase._meta.get_field("grounds").choices, label=_("Grounds for support")
    )

    def __init__(self, *args, students=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = (
            students if students is not None else Student.objects.none()
        )


class ProposalForm(VersionedModelForm):
    title = _("Proposal to the director")
    intro = _(
        "The inclusive-education team proposes the IOP to the director, with the reasons "
        "and the evidence of the individualisation measures applied before."
    )

    class Meta:
        model = SupportCase
        fields = ["grounds", "proposed_by", "proposal_reasons", "proposal_evidence"]


class ObservationForm(DatesMixin, forms.ModelForm):
    title = _("Observation note")
    intro = _(
        "Follow the child in three areas: learning skills, social and communication "
        "skills, independence and self-care."
    )

    class Meta:
        model = Observation
        fields = ["area", "observed_on", "text"]


class DataSourceForm(DatesMixin, forms.ModelForm):
    title = _("Data from a source")
    intro = _(
        "Parent, outside expert, peers, the child; tests, interviews, questionnaires. "
        "Medical findings are added as PDF files on the case page."
    )

    class Meta:
        model = DataSource
        fields = ["kind", "collected_on", "summary"]


class ProfileForm(VersionedModelForm):
    title = _("Pedagogical profile (form 2)")
    intro = _("The expert associate drafts the profile together with the teacher and the parent.")

    class Meta:
        model = PedagogicalProfile
        fields = [
            "learning_strengths",
            "learning_needs",
            "social_strengths",
            "social_needs",
            "independence_strengths",
            "independence_needs",
            "situation",
            "drafted_with",
        ]

    def save(self, commit=True):
        self.instance.updated_on = timezone.localdate()
        return super().save(commit)


class MeasureForm(DatesMixin, VersionedModelForm):
    title = _("Individualisation measure (form 3)")

    class Meta:
        model = IndividualisationMeasure
        fields = [
            "area",
            "kind",
            "measure",
            "responsible",
            "starts",
            "ends",
            "evaluated_on",
            "effect",
            "evaluation",
        ]

    def clean(self):
        data = super().clean()
        if data.get("effect") and not data.get("evaluated_on"):
            self.add_error("evaluated_on", _("Give the date of the evaluation."))
        if data.get("ends") and data.get("starts") and data["ends"] < data["starts"]:
            self.add_error("ends", _("The end comes before the start."))
        return data


class MemberForm(forms.ModelForm):
    """A member is a person already known to the portal, or a new one named here."""

    title = _("Support team member")
    intro = _(
        "The team proposes the members; the director appoints them after the parent's "
        "written consent."
    )

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label=_("Person with a portal account")
    )
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)

    class Meta:
        model = TeamMember
        fields = ["person", "function", "proposed_by_parent"]

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        # The people of the student's school and the student's parents.
        school = case.student.school_id
        self.fields["person"].queryset = Person.objects.filter(
            Q(roles__organisation_id=school)
            | Q(teaching__group__school_id=school)
            | Q(wards__student=case.student)
        ).distinct()
        allowed = set(rules.allowed_functions(case.is_preschool))
        self.fields["function"].choices = [
            (v, label) for v, label in MemberFunction.choices if v in allowed
        ]

    def clean(self):
        data = super().clean()
        if not data.get("person") and not (data.get("given_name") and data.get("family_name")):
            raise forms.ValidationError(_("Choose a person or write the given and family name."))
        if data.get("function") == MemberFunction.OUTSIDE_EXPERT and not data.get(
            "proposed_by_parent"
        ):
            self.add_error(
                "proposed_by_parent",
                _("An expert from outside the institution joins only on the parent's proposal."),
            )
        return data

    def save(self, commit=True):
        member = super().save(commit=False)
        member.case = self.case
        if not self.cleaned_data.get("person"):
            member.person = Person.objects.create(
                given_name=self.cleaned_data["given_name"],
                family_name=self.cleaned_data["family_name"],
            )
        if commit:
            member.save()
        return member


class WelfareNoticeForm(DatesMixin, forms.ModelForm):
    title = _("Notice to the social-welfare institution")
    intro = _(
        "When a parent unjustifiably refuses to take part or to consent, the institution "
        "informs the social-welfare centre to protect the child's best interest (art. 8). "
        "The portal records the notice; it sends nothing itself."
    )

    class Meta:
        model = SocialWelfareNotice
        fields = ["institution", "sent_on", "reference", "why_unjustified"]


class NewIopForm(forms.Form):
    title = _("New individual education plan")
    intro = _(
        "IOP1 adapts the programme; IOP2 also changes outcomes and follows an IOP1 that "
        "was applied and evaluated; IOP3 extends the programme for gifted students. "
        "A preschool adopts only IOP1."
    )

    kind = forms.ChoiceField(choices=IopKind.choices, label=_("Type of IOP"))
    previous = forms.ModelChoiceField(
        queryset=Iop.objects.none(), required=False, label=_("Previous IOP")
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["previous"].queryset = Iop.objects.filter(case__student=case.student)
        if case.is_preschool:
            self.fields["kind"].choices = [(IopKind.IOP1, IopKind.IOP1.label)]

    def clean(self):
        data = super().clean()
        for problem in rules.drafting_problems(self.case):
            self.add_error(None, problem)
        kind = data.get("kind")
        if kind:
            problems = rules.kind_problems(self.case, kind, data.get("previous"))
            for problem in problems:
                self.add_error("kind", problem)
            if self.case.iops.filter(
                status__in=(IopStatus.DRAFT, IopStatus.PROPOSED, IopStatus.ADOPTED)
            ).exists():
                self.add_error(None, _("This student already has an IOP being drafted or applied."))
        return data


class IopForm(DatesMixin, VersionedModelForm):
    title = _("Form 1: personal data and support team")

    class Meta:
        model = Iop
        fields = [
            "goal",
            "language",
            "valid_from",
            "valid_until",
            "commission_opinion",
            "commission_opinion_on",
            "collegium_reference",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind != IopKind.IOP2:
            del self.fields["commission_opinion"]
            del self.fields["commission_opinion_on"]

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end comes before the start."))
        return data


class CurriculumForm(VersionedModelForm):
    title = _("Form 4: personalised curriculum")
    intro = _(
        "For an area within a subject, one subject, a group of subjects or all subjects "
        "of the grade, and for extracurricular activities."
    )

    class Meta:
        model = CurriculumItem
        fields = [
            "scope",
            "subject",
            "subjects_text",
            "outcomes",
            "content",
            "methods",
            "responsible",
        ]
        # The model's key to the shared subject table has no label of its own.
        labels = {"subject": _("Subject")}

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        if school is None and self.instance.iop_id:
            school = self.instance.iop.case.student.school
        if school is not None:
            # The subjects taught at the student's school, never another country's
            # (the subject table is shared by every jurisdiction).
            taught = Q(assignments__group__school=school) | Q(assignments__students__school=school)
            if self.instance.subject_id:
                taught |= Q(pk=self.instance.subject_id)
            self.fields["subject"].queryset = (
                Subject.objects.filter(taught).distinct().order_by("name")
            )

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope in (Scope.AREA, Scope.SUBJECT) and not (
            data.get("subject") or data.get("subjects_text")
        ):
            self.add_error("subjects_text", _("Name the subject or the area."))
        return data


class TransitionPlanForm(DatesMixin, VersionedModelForm):
    title = _("Form 7: transition plan")
    intro = _(
        "The team works with the receiving institution from at least three months "
        "before the move until three months after it. The plan is carried out only "
        "with the parent's written consent."
    )

    class Meta:
        model = TransitionPlan
        fields = ["kind", "receiving_institution", "transfer_date", "activities"]


class EarlyLeavingForm(DatesMixin, VersionedModelForm):
    title = _("Form 8: early-leaving prevention plan")

    class Meta:
        model = EarlyLeavingPlan
        fields = ["risk_factors", "measures", "responsible", "review_on"]


class EvaluationForm(DatesMixin, VersionedModelForm):
    title = _("Form 5: evaluation of the IOP")
    intro = _(
        "Record which support measures were effective and which planned outcomes the "
        "student reached, and the decision the team proposes."
    )

    class Meta:
        model = Evaluation
        fields = [
            "held_on",
            "effective_measures",
            "outcomes_reached",
            "notes",
            "decision",
            "extend_until",
        ]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "extend" and not data.get("extend_until"):
            self.add_error("extend_until", _("Give the date until which the IOP is extended."))
        return data
