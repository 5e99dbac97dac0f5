"""Records of the Serbian rulebook on the individual education plan (ИОП, 2018).

One ``SupportCase`` per student holds the work before an IOP (observation,
sources, pedagogical profile, individualisation measures), the proposal to the
director, the parent's consent (form 6) and the support team. Each ``Iop``
(IOP1, IOP2 or IOP3) hangs off the case with its forms 4, 5, 7 and 8; an IOP2
points at the IOP1 that went before it, so the history stays visible.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.documents.models import Document
from plugins.models import Organisation, Person, Student, Subject


# -- choices -------------------------------------------------------------------------------
class CaseStatus(models.TextChoices):
    OBSERVATION = "observation", _("Observation and individualisation measures")
    PROPOSED = "proposed", _("Proposal submitted to the director")
    ACCEPTED = "accepted", _("Proposal accepted, waiting for consent")
    REFUSED = "refused", _("Parent refused consent")
    TEAM = "team", _("Support team appointed")
    CLOSED = "closed", _("Closed")


class Grounds(models.TextChoices):
    LEARNING = "learning", _("Learning difficulties")
    DISABILITY = "disability", _("Developmental disability or impairment")
    DEPRIVED = "deprived", _("Socially deprived environment")
    OTHER = "other", _("Other grounds for support")
    GIFTED = "gifted", _("Exceptional abilities (gifted student)")


class Area(models.TextChoices):
    LEARNING = "learning", _("Learning skills")
    SOCIAL = "social", _("Social and communication skills")
    INDEPENDENCE = "independence", _("Independence and self-care")


class SourceKind(models.TextChoices):
    PARENT = "parent", _("Parent")
    EXPERT = "expert", _("Expert outside the institution")
    PEERS = "peers", _("Peers")
    CHILD = "child", _("The child or student")
    TEST = "test", _("Test")
    INTERVIEW = "interview", _("Interview or conversation")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    OBSERVATION = "observation", _("Systematic observation")


class MeasureKind(models.TextChoices):
    SPACE = "space", _("Adapting the space and conditions")
    METHODS = "methods", _("Adapting methods, materials and instruction")
    CONTENT = "content", _("Changing content and outcomes")


class Effect(models.TextChoices):
    YES = "yes", _("Effective")
    PARTLY = "partly", _("Partly effective")
    NO = "no", _("Not effective")


class MemberFunction(models.TextChoices):
    PRESCHOOL_TEACHER = "preschool_teacher", _("Preschool teacher")
    PRESCHOOL_ASSOCIATE = "preschool_associate", _("Associate in the preschool")
    CLASS_TEACHER = "class_teacher", _("Class teacher or form teacher")
    SUBJECT_TEACHER = "subject_teacher", _("Subject teacher")
    EXPERT_ASSOCIATE = "expert_associate", _("Expert associate (psychologist, pedagogue)")
    PARENT = "parent", _("Parent")
    ASSISTANT = "assistant", _("Pedagogical assistant")
    COMPANION = "companion", _("Personal companion")
    OUTSIDE_EXPERT = "outside_expert", _("Expert outside the institution, proposed by the parent")


class IopKind(models.TextChoices):
    IOP1 = "iop1", _("IOP1: adapted programme")
    IOP2 = "iop2", _("IOP2: modified programme and outcomes")
    IOP3 = "iop3", _("IOP3: extended and enriched programme (gifted)")


class IopStatus(models.TextChoices):
    DRAFT = "draft", _("Being drafted by the support team")
    PROPOSED = "proposed", _("Proposed to the pedagogical collegium")
    ADOPTED = "adopted", _("Adopted and applied")
    ENDED = "ended", _("Ended: back to individualisation measures")
    SUPERSEDED = "superseded", _("Replaced by a new IOP")


class Scope(models.TextChoices):
    AREA = "area", _("An area within a subject")
    SUBJECT = "subject", _("One subject")
    GROUP = "group", _("A group of subjects")
    ALL = "all", _("All subjects")
    EXTRA = "extra", _("Extracurricular activities")


class TransitionKind(models.TextChoices):
    ENROLMENT = "enrolment", _("Entering the institution")
    LEVEL = "level", _("Moving to the next level of education")
    INSTITUTION = "institution", _("Moving to another institution")
    REGULAR = "regular", _("Moving to a regular group or class")
    COMPLETION = "completion", _("Completing education, preparing for independent life")


class TransitionStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    ACTIVE = "active", _("Carried out (parent consented in writing)")
    COMPLETED = "completed", _("Completed")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Being written by the support team")
    PROPOSED = "proposed", _("Decision proposed to the pedagogical collegium")
    DECIDED = "decided", _("Decided")


class Decision(models.TextChoices):
    CONTINUE = "continue", _("Continue applying the IOP")
    EXTEND = "extend", _("Extend the IOP")
    REVISE = "revise", _("Revise the IOP")
    NEW = "new", _("Write a new IOP")
    END = "end", _("End the IOP and return to individualisation measures")


#: Decisions the parent consents to (rulebook, arts. 8 and 14): every change of the plan.
DECISIONS_NEEDING_CONSENT = (Decision.EXTEND, Decision.REVISE, Decision.NEW, Decision.END)


# -- the case --------------------------------------------------------------------------------
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


# -- the plan --------------------------------------------------------------------------------
class Iop(models.Model):
    """One individual education plan (ИОП) with its form 1 data."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="iops")
    kind = models.CharField(_("type"), max_length=10, choices=IopKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=IopStatus.choices, default=IopStatus.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followers",
        verbose_name=_("previous IOP"),
    )
    # Form 1.
    goal = models.TextField(_("goal of the support"), blank=True)
    language = models.CharField(_("language of instruction"), max_length=60, blank=True)
    valid_from = models.DateField(_("applied from"), null=True, blank=True)
    valid_until = models.DateField(_("applied until"), null=True, blank=True)
    # IOP2 only (art. 8, para. 6).
    commission_opinion = models.TextField(_("opinion of the inter-sectoral commission"), blank=True)
    commission_opinion_on = models.DateField(_("opinion given on"), null=True, blank=True)
    # Adoption by the pedagogical collegium.
    first_adopted_on = models.DateField(_("first adopted on"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    collegium_reference = models.CharField(
        _("collegium decision number"), max_length=60, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "case__student"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("individual education plan")
        verbose_name_plural = _("individual education plans")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.case.student}"

    @property
    def short_kind(self) -> str:
        return {"iop1": "ИОП1", "iop2": "ИОП2", "iop3": "ИОП3"}.get(self.kind, self.kind)

    @property
    def history(self) -> list[Iop]:
        """The IOPs before this one, nearest first."""
        chain, node, seen = [], self.previous, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.previous
        return chain


class CurriculumItem(models.Model):
    """A row of form 4 (персонализовани програм наставе и учења); never at a preschool."""

    iop = models.ForeignKey(Iop, on_delete=models.CASCADE, related_name="curriculum")
    scope = models.CharField(_("applies to"), max_length=10, choices=Scope.choices)
    subject = models.ForeignKey(
        Subject, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subjects_text = models.CharField(_("subject, area or activity"), max_length=200, blank=True)
    outcomes = models.TextField(_("outcomes (adapted where IOP2)"))
    content = models.TextField(_("content and activities"), blank=True)
    methods = models.TextField(_("methods, materials and support"), blank=True)
    responsible = models.CharField(_("who carries it out"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "iop__case__student"

    class Meta:
        ordering = ["pk"]
        verbose_name = _("personalised curriculum item")
        verbose_name_plural = _("personalised curriculum")

    def __str__(self):
        return self.subjects_text or str(self.subject or self.get_scope_display())


class TransitionPlan(models.Model):
    """Form 7 (план транзиције): carried out only with the parent's written consent (art. 12)."""

    iop = models.OneToOneField(Iop, on_delete=models.CASCADE, related_name="transition_plan")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TransitionStatus.choices,
        default=TransitionStatus.DRAFT,
    )
    kind = models.CharField(_("kind of transition"), max_length=20, choices=TransitionKind.choices)
    receiving_institution = models.CharField(_("receiving institution"), max_length=200)
    transfer_date = models.DateField(_("date of the move"))
    activities = models.TextField(_("activities and who carries them out"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "iop__case__student"

    class Meta:
        verbose_name = _("transition plan")
        verbose_name_plural = _("transition plans")

    def __str__(self):
        return f"{self.receiving_institution} {self.transfer_date}"

    @property
    def cooperation_window(self):
        from .rules import cooperation_window

        return cooperation_window(self.transfer_date)


class EarlyLeavingPlan(models.Model):
    """Form 8 (план превенције раног напуштања школе), for students at risk."""

    iop = models.OneToOneField(Iop, on_delete=models.CASCADE, related_name="early_leaving_plan")
    risk_factors = models.TextField(_("risk factors"))
    measures = models.TextField(_("prevention measures"))
    responsible = models.CharField(_("who carries them out"), max_length=200, blank=True)
    review_on = models.DateField(_("review on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "iop__case__student"

    class Meta:
        verbose_name = _("early-leaving prevention plan")
        verbose_name_plural = _("early-leaving prevention plans")

    def __str__(self):
        return str(_("Early-leaving prevention plan"))


class Evaluation(models.Model):
    """An evaluation of an IOP by the support team, recorded on form 5 (art. 13)."""

    iop = models.ForeignKey(Iop, on_delete=models.CASCADE, related_name="evaluations")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.DRAFT,
    )
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    effective_measures = models.TextField(_("which support measures were effective"), blank=True)
    outcomes_reached = models.TextField(_("which planned outcomes were reached"), blank=True)
    notes = models.TextField(_("other notes"), blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    extend_until = models.DateField(_("extend until"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "iop__case__student"

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.iop} {self.held_on}"

    @property
    def needs_consent(self) -> bool:
        return self.decision in DECISIONS_NEEDING_CONSENT


class EvaluationDate(models.Model):
    """A scheduled evaluation of an adopted IOP, and whether the team was reminded."""

    class Kind(models.TextChoices):
        QUARTER = "quarter", _("Quarterly, first year")
        TERM = "term", _("Start of term")

    iop = models.ForeignKey(Iop, on_delete=models.CASCADE, related_name="schedule")
    due_on = models.DateField(_("due on"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reminded_at = models.DateTimeField(null=True, blank=True)

    portal_student_path = "iop__case__student"

    class Meta:
        ordering = ["due_on"]
        unique_together = [("iop", "due_on")]
        verbose_name = _("scheduled evaluation")
        verbose_name_plural = _("scheduled evaluations")

    def __str__(self):
        return str(self.due_on)
