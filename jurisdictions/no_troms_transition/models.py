"""Record types of the transition routine for at-risk students ("noen-elever").

- ``SchoolData`` (elevdata): what the school system knows of a student in one
  school year (absence, grade average, lowest grade); screening factors are
  computed from it where present.
- ``ScreeningRow`` (kartlegging, samleskjema 1): one row per student of a class
  and school year with the risk factors, the portal's proposal and the
  rektor's decision.
- ``TransitionPlan`` (individuell plan for overgangen) with its dated
  ``PlanStep`` rows, run by the lower-secondary school until the application
  is sent and by the receiving upper-secondary school after that.
- ``MeasureCompletion``: a measure of the yearly calendar (tiltak) marked done
  by a school, a school owner or the county for one school year.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.models import Group, Organisation, SchoolYear, Student

from . import rules

CODE = "no-troms-transition"


def date_in_year(school_year: SchoolYear, month: int, day: int) -> datetime.date:
    """The date of a yearly step (day.month) inside ``school_year`` (August to July)."""
    start = school_year.starts.year
    return datetime.date(start if month >= 8 else start + 1, month, day)


#: The screening form reaches the upper-secondary school on 15 March (or at the handover).
HANDOVER_MONTH, HANDOVER_DAY = 3, 15


def _handover_year_limit(today: datetime.date | None = None) -> int:
    """School years starting in this calendar year or earlier have reached their 15 March."""
    today = today or timezone.localdate()
    reached = (today.month, today.day) >= (HANDOVER_MONTH, HANDOVER_DAY)
    return today.year - 1 if reached else today.year - 2


def handover_q(prefix: str = "") -> Q:
    """Plans whose screening has reached the upper-secondary school (``prefix``: path to the plan).

    Handed over (or completed) at any time, or running on or after 15 March of
    the plan's school year. Consent is checked separately (``consents.given_q``).
    """
    return Q(**{f"{prefix}status__in": ("handed_over", "completed")}) | Q(
        **{
            f"{prefix}status": "active",
            f"{prefix}school_year__starts__year__lte": _handover_year_limit(),
        }
    )


class LowestGrade(models.TextChoices):
    G1 = "1", "1"
    G2 = "2", "2"
    G3 = "3", "3"
    G4 = "4", "4"
    G5 = "5", "5"
    G6 = "6", "6"
    IV = "IV", _("IV (not assessed)")


class SchoolData(models.Model):
    """Elevdata: the figures the school holds for a student in a school year."""

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="+", verbose_name=_("student")
    )
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("school year")
    )
    absence_percent = models.DecimalField(
        _("absence (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    grade_average = models.DecimalField(
        _("grade average"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("6"))],
    )
    lowest_grade = models.CharField(
        _("lowest grade in a subject"),
        max_length=2,
        choices=LowestGrade.choices,
        blank=True,
        help_text=_("IV counts as the lowest: the subject could not be assessed."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    portal_student_path = "student"

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "school_year"], name="ntt_schooldata_one_per_year"
            )
        ]
        verbose_name = _("school data")
        verbose_name_plural = _("school data")

    def __str__(self):
        return f"{self.student} {self.school_year}"


class RowStatus(models.TextChoices):
    OPEN = "open", _("Being screened")
    DECIDED = "decided", _("Decided by the rektor")


class Outcome(models.TextChoices):
    ORDINARY = "ordinary", _("Follows the ordinary transition")
    TRANSITION = "transition", _("Transition follow-up")
    SPECIAL_INTAKE = "special_intake", _("Follows the special-intake track")


class ScreeningRow(models.Model):
    """One student's row in the class screening (kartlegging) of a school year."""

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="+", verbose_name=_("student")
    )
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("school year")
    )
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("class")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RowStatus.choices, default=RowStatus.OPEN
    )
    # The risk factors ticked by hand. Absence, grade average and grade 1/IV are
    # computed from SchoolData instead whenever the school holds the figure.
    absence_high = models.BooleanField(_("absence above 6 %"), default=False)
    earlier_measures = models.BooleanField(_("earlier measures"), default=False)
    activity_plan = models.BooleanField(_("current activity plan"), default=False)
    national_test_level1 = models.BooleanField(_("level 1 on national tests"), default=False)
    earlier_special_education = models.BooleanField(_("earlier special education"), default=False)
    low_grade_average = models.BooleanField(_("grade average below 3"), default=False)
    grade_one_or_iv = models.BooleanField(_("grade 1 or IV in a subject"), default=False)
    large_deviation = models.TextField(
        _("particularly large deviation"),
        blank=True,
        help_text=_("Describe a deviation large enough to worry about on its own."),
    )
    expressed_need = models.TextField(
        _("need expressed by student or guardian"),
        blank=True,
        help_text=_("What the student or a guardian said about wanting closer follow-up."),
    )
    special_intake = models.BooleanField(
        _("applies by the special-intake deadline (1 February)"), default=False
    )
    assessment = models.TextField(_("assessment / conclusion"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    # The rektor's decision on the proposal.
    decision = models.CharField(_("decision"), max_length=20, choices=Outcome.choices, blank=True)
    overrides_proposal = models.BooleanField(_("overrides the proposal"), default=False)
    override_reason = models.TextField(_("reason for overriding the proposal"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    portal_student_path = "student"

    class Meta:
        ordering = ["student__person__family_name", "student__person__given_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "school_year"], name="ntt_screening_one_per_year"
            )
        ]
        verbose_name = _("screening row")
        verbose_name_plural = _("screening rows")

    def __str__(self):
        return f"{self.student} {self.school_year}"

    # -- the rule ----------------------------------------------------------
    def school_data(self) -> SchoolData | None:
        if not hasattr(self, "_school_data"):
            self._school_data = SchoolData.objects.filter(
                student_id=self.student_id, school_year_id=self.school_year_id
            ).first()
        return self._school_data

    def factors(self) -> list[rules.Factor]:
        data = self.school_data()
        return rules.factors(
            ticked={name: getattr(self, name) for name in rules.TICKED_FACTORS},
            absence_percent=data.absence_percent if data else None,
            grade_average=data.grade_average if data else None,
            lowest_grade=data.lowest_grade if data else "",
        )

    def proposal(self) -> rules.Proposal:
        return rules.propose(
            self.factors(),
            large_deviation=self.large_deviation,
            expressed_need=self.expressed_need,
            special_intake=self.special_intake,
        )

    def plan(self) -> TransitionPlan | None:
        return TransitionPlan.objects.filter(screening=self).first()


class HandoverManager(models.Manager):
    """Only the rows whose screening has reached the upper-secondary school."""

    def get_queryset(self):
        return super().get_queryset().filter(handover_q("transition_plan__"))


class ScreeningHandover(ScreeningRow):
    """A student's screening row as handed over to the receiving upper-secondary school.

    The same row, read through its own record type, so the role matrix says
    who receives it (the receiving school's staff, after consent and after
    15 March or the handover) and the family's access log names it.
    """

    objects = HandoverManager()

    #: Read by ``relations.ReceivingSchoolStaff``.
    portal_upper_school_path = "transition_plan__upper_school"
    portal_plan_path = "transition_plan"

    class Meta:
        proxy = True
        verbose_name = _("screening handed over to upper secondary")
        verbose_name_plural = _("screenings handed over to upper secondary")


class PlanStatus(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", _("Waiting for consent")
    ACTIVE = "active", _("Run by the lower-secondary school")
    HANDED_OVER = "handed_over", _("Run by the upper-secondary school")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class TransitionPlan(models.Model):
    """Individuell plan for overgangen: the transition plan of one student."""

    screening = models.OneToOneField(
        ScreeningRow,
        on_delete=models.PROTECT,
        related_name="transition_plan",
        verbose_name=_("screening"),
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="+", verbose_name=_("student")
    )
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("school year")
    )
    lower_school = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lower-secondary school"),
    )
    upper_school = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("upper-secondary school"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlanStatus.choices,
        default=PlanStatus.AWAITING_CONSENT,
    )
    handed_over_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    portal_student_path = "student"
    #: Read by ``relations.ReceivingSchoolStaff``.
    portal_upper_school_path = "upper_school"
    portal_plan_path = "pk"

    class Meta:
        ordering = ["pk"]
        verbose_name = _("transition plan")
        verbose_name_plural = _("transition plans")

    def __str__(self):
        return f"{self.student} → {self.upper_school}"

    @property
    def is_handed_over(self) -> bool:
        return self.status in (PlanStatus.HANDED_OVER, PlanStatus.COMPLETED)

    @property
    def responsible_school(self) -> Organisation:
        """Who holds the plan now: the upper-secondary school once it is handed over."""
        return self.upper_school if self.is_handed_over else self.lower_school

    @property
    def contributing_school(self) -> Organisation:
        return self.lower_school if self.is_handed_over else self.upper_school

    def consent_state(self) -> str:
        from .consents import consent_state

        return consent_state(self)

    @property
    def handover_date(self) -> datetime.date:
        """15 March of the plan's school year: the screening form reaches upper secondary."""
        return date_in_year(self.school_year, HANDOVER_MONTH, HANDOVER_DAY)

    def screening_handed_over(self, today: datetime.date | None = None) -> bool:
        """Has the screening reached the upper-secondary school (consent aside)?"""
        if self.status in (PlanStatus.HANDED_OVER, PlanStatus.COMPLETED):
            return True
        today = today or timezone.localdate()
        return self.status == PlanStatus.ACTIVE and self.handover_date <= today


class Phase(models.TextChoices):
    BEFORE = "before", _("Before the handover")
    AFTER = "after", _("After the handover")


class PlanStep(models.Model):
    """A dated step of a transition plan, with who is responsible and who contributes."""

    plan = models.ForeignKey(
        TransitionPlan, on_delete=models.CASCADE, related_name="steps", verbose_name=_("plan")
    )
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    due = models.DateField(_("due"), null=True, blank=True)
    title = models.CharField(_("what"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    contributor = models.CharField(_("contributor"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    portal_student_path = "plan__student"
    #: Read by ``relations.ReceivingSchoolStaff``.
    portal_upper_school_path = "plan__upper_school"
    portal_plan_path = "plan"

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="ntt_step_code_per_plan")
        ]
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")

    def __str__(self):
        return self.title

    def _shown(self, field: str) -> str:
        """``field`` in the reader's language while it is still the plan template's wording.

        Steps are stored with the template's words in the language of the day the plan
        was made; an edited step keeps its own words.
        """
        from django.utils import translation

        from .services import PLAN_TEMPLATE

        stored = getattr(self, field)
        template = next((t for t in PLAN_TEMPLATE if t.code == self.code), None)
        if not stored or template is None:
            return stored
        wording = getattr(template, field)
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                matches = str(wording) == stored
            if matches:
                return str(wording)
        return stored

    @property
    def shown_title(self) -> str:
        return self._shown("title")

    @property
    def shown_responsible(self) -> str:
        return self._shown("responsible")

    @property
    def shown_contributor(self) -> str:
        return self._shown("contributor")

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.done_at is None and self.due is not None and self.due < today


class Level(models.TextChoices):
    UNIT = "unit", _("School (unit level)")
    OWNER = "owner", _("School owner (municipality)")
    REGION = "region", _("Region (municipalities and county)")


class MeasureCompletion(models.Model):
    """A measure of the yearly calendar, marked done for one organisation and school year."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("school year")
    )
    measure = models.CharField(_("measure"), max_length=40)
    done_at = models.DateTimeField(_("done"), default=timezone.now)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "school_year", "measure"],
                name="ntt_measure_once_per_year",
            )
        ]
        verbose_name = _("measure completion")
        verbose_name_plural = _("measure completions")

    def __str__(self):
        return f"{self.measure} @ {self.organisation} {self.school_year}"
