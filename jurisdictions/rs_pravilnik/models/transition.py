"""Forms 7 and 8: the transition plan and the early-leaving prevention plan."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import TransitionKind, TransitionStatus
from .iop import Iop


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
        from ..rules import cooperation_window

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
