"""Text typed into a long form and not saved yet, kept per person and field."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Draft(models.Model):
    """The latest unsaved text of one person in one form field.

    ``key`` names the field: ``<app>.<model>.<pk>.<field>`` for a record's
    field, or a form's own key. Only its author ever reads a draft; it is
    deleted when the form is saved, discarded, or grows old
    (``manage.py purge_drafts``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    key = models.CharField(_("field"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    updated = models.DateTimeField(_("updated"), default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_draft_per_person_and_field")
        ]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self):
        return f"{self.user_id} {self.key}"
