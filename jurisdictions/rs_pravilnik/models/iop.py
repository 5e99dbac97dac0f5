"""The IOP with its personalised curriculum (form 4) and its evaluations (form 5)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.models import Subject

from .cases import SupportCase
from .choices import (
    DECISIONS_NEEDING_CONSENT,
    Decision,
    EvaluationStatus,
    IopKind,
    IopStatus,
    Scope,
)


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
