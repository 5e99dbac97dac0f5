"""The case: the work before an IOP, the proposal, the support team (arts. 3-8)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.documents.models import Document
from plugins.models import Organisation, Person, Student

from .choices import Area, CaseStatus, Effect, Grounds, MeasureKind, MemberFunction, SourceKind


class SupportCase(models.Model):
    """The way to an IOP for one student (поступак утврђивања права на ИОП)."""

    student = models.ForeignKey(
        Student,
        on_delete=models.CASCADE,
        related_name="rs_support_cases",
        verbose_name=_("student"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OBSERVATION
    )
    grounds = models.CharField(
        _("grounds for support"), max_length=20, choices=Grounds.choices, default=Grounds.LEARNING
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    # The proposal to the director (art. 5).
    proposed_by = models.CharField(
        _("assessment given by"),
        max_length=120,
        blank=True,
        help_text=_("Teacher, expert associate or parent whose assessment the proposal rests on."),
    )
    proposal_reasons = models.TextField(_("reasons for the proposal"), blank=True)
    proposal_evidence = models.TextField(
        _("evidence of the individualisation measures applied"), blank=True
    )
    proposed_on = models.DateField(_("proposal submitted on"), null=True, blank=True)
    parent_informed_on = models.DateField(_("parent informed in writing on"), null=True, blank=True)
    accepted_on = models.DateField(_("proposal accepted on"), null=True, blank=True)
    team_appointed_on = models.DateField(_("support team appointed on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "student"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("support case")
        verbose_name_plural = _("support cases")

    def __str__(self):
        # No stage here: it is derived from the records (``stages.stage_of``) where shown.
        return str(self.student)

    @property
    def is_preschool(self) -> bool:
        return self.student.school.kind == Organisation.Kind.PRESCHOOL

    @property
    def form6_request(self):
        """The parent's consent on form 6 as it stands (None before it is asked)."""
        from plugins import consent

        return consent.current_request(self, "iop-consent")


class Observation(models.Model):
    """A note from following the child in one of the three areas (art. 3)."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="observations")
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    observed_on = models.DateField(_("observed on"), default=timezone.localdate)
    text = models.TextField(_("what was observed"))
    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    portal_student_path = "case__student"

    class Meta:
        ordering = ["area", "observed_on", "pk"]
        verbose_name = _("observation note")
        verbose_name_plural = _("observation notes")

    def __str__(self):
        return f"{self.get_area_display()} {self.observed_on}"


class DataSource(models.Model):
    """Data gathered from one source with one instrument (art. 3, para. 3)."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("source"), max_length=20, choices=SourceKind.choices)
    collected_on = models.DateField(_("collected on"), default=timezone.localdate)
    summary = models.TextField(_("what it tells"))

    portal_student_path = "case__student"

    class Meta:
        ordering = ["collected_on", "pk"]
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")

    def __str__(self):
        return self.get_kind_display()


class PedagogicalProfile(models.Model):
    """Form 2 (педагошки профил): the educational situation in the three areas."""

    case = models.OneToOneField(SupportCase, on_delete=models.CASCADE, related_name="profile")
    learning_strengths = models.TextField(_("learning skills: strengths"), blank=True)
    learning_needs = models.TextField(_("learning skills: support needed"), blank=True)
    social_strengths = models.TextField(_("social and communication skills: strengths"), blank=True)
    social_needs = models.TextField(
        _("social and communication skills: support needed"), blank=True
    )
    independence_strengths = models.TextField(
        _("independence and self-care: strengths"), blank=True
    )
    independence_needs = models.TextField(
        _("independence and self-care: support needed"), blank=True
    )
    situation = models.TextField(_("description of the educational situation"), blank=True)
    drafted_with = models.CharField(_("drafted with (teacher, parent)"), max_length=300, blank=True)
    updated_on = models.DateField(_("last updated"), default=timezone.localdate)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "case__student"

    class Meta:
        verbose_name = _("pedagogical profile")
        verbose_name_plural = _("pedagogical profiles")

    def __str__(self):
        return str(_("Pedagogical profile"))

    @property
    def is_complete(self) -> bool:
        return bool(self.situation.strip()) and any(
            getattr(self, f).strip()
            for f in ("learning_needs", "social_needs", "independence_needs")
        )


class IndividualisationMeasure(models.Model):
    """A row of form 3 (план мера индивидуализације), with its evaluation (art. 4)."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="measures")
    iop = models.ForeignKey(
        "Iop", null=True, blank=True, on_delete=models.SET_NULL, related_name="measures"
    )
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    kind = models.CharField(_("kind of measure"), max_length=20, choices=MeasureKind.choices)
    measure = models.TextField(_("measure"))
    responsible = models.CharField(_("who carries it out"), max_length=200, blank=True)
    starts = models.DateField(_("from"), default=timezone.localdate)
    ends = models.DateField(_("until"), null=True, blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    effect = models.CharField(_("effect"), max_length=10, choices=Effect.choices, blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "case__student"

    class Meta:
        ordering = ["starts", "pk"]
        verbose_name = _("individualisation measure")
        verbose_name_plural = _("individualisation measures")

    def __str__(self):
        return self.measure[:60]

    @property
    def is_evaluated(self) -> bool:
        return bool(self.evaluated_on and self.effect)


class TeamMember(models.Model):
    """A member of the support team for the student (Тим за пружање додатне подршке, art. 8)."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="rs_team_memberships")
    function = models.CharField(_("function"), max_length=30, choices=MemberFunction.choices)
    proposed_by_parent = models.BooleanField(_("proposed by the parent"), default=False)

    portal_student_path = "case__student"

    class Meta:
        ordering = ["function", "pk"]
        unique_together = [("case", "person", "function")]
        verbose_name = _("support team member")
        verbose_name_plural = _("support team members")

    def __str__(self):
        return f"{self.person} ({self.get_function_display()})"


class SocialWelfareNotice(models.Model):
    """The institution's notice to the social-welfare centre after an unjustified refusal.

    The portal records that the notice was sent and what it said; it sends nothing itself.
    """

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="welfare_notices")
    institution = models.CharField(_("social-welfare institution"), max_length=200)
    sent_on = models.DateField(_("sent on"), default=timezone.localdate)
    reference = models.CharField(_("reference number"), max_length=60, blank=True)
    why_unjustified = models.TextField(_("why the refusal is considered unjustified"))
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    portal_student_path = "case__student"

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("notice to social welfare")
        verbose_name_plural = _("notices to social welfare")

    def __str__(self):
        return f"{self.institution} {self.sent_on}"


class CaseDocument(Document):
    """Medical findings and other PDFs kept with a case (attached_to "SupportCase:<pk>")."""

    portal_student_path = "student"

    class Meta:
        proxy = True
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
