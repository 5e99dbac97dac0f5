from django.db import models
from django.utils.translation import gettext_lazy as _

from plugins.models import Student


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SHARED = "shared", _("Shared with the family")
    APPROVED = "approved", _("Approved")


class Plan(models.Model):
    """The plugin's one record type. Rename it and add the fields of the official form.

    After changing fields, run ``manage.py makemigrations no_iskole``.
    """

    student = models.ForeignKey(
        Student,
        on_delete=models.CASCADE,
        related_name="no_iskole_plans",
        verbose_name=_("student"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)

    #: The ORM path from this record to its Student; the access rules follow it.
    portal_student_path = "student"

    class Meta:
        ordering = ["pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return f"{self.student} ({self.get_status_display()})"
