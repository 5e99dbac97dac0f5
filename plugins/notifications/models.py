"""Notices, e-mail choices per kind, and the log that keeps digests to one a day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """One thing that happened, for one person: what (``title``) and where (``url``).

    Never the content of a record: a notice is shown in the header badge and
    may go out by e-mail, where nothing of a child's plan belongs.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=60)
    #: In the source language; translated for each reader (``display_title``).
    title = models.CharField(_("what happened"), max_length=200)
    #: A path inside the portal (the page behind sign-in).
    url = models.CharField(_("where"), max_length=500)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=60, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notice_recipient_read"),
            models.Index(fields=["emailed_at", "read_at"], name="notice_mail_pending"),
        ]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}: {self.title}"

    @property
    def display_title(self) -> str:
        """The title in the active language (when the plugin marked it for translation)."""
        return gettext(self.title)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """Whether a person wants e-mail for one kind of notice. No row means yes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("kind"), max_length=60)
    email = models.BooleanField(_("send e-mail"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once_per_kind")
        ]
        verbose_name = _("notification choice")
        verbose_name_plural = _("notification choices")

    def __str__(self):
        return f"{self.user_id} {self.kind}: {'e-mail' if self.email else 'no e-mail'}"


class DigestLog(models.Model):
    """One digest sent to one person on one day: the row that makes a second one impossible."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_digests"
    )
    date = models.DateField(_("date"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    notice_count = models.PositiveIntegerField(_("notices"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_digest_per_person_per_day")
        ]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")

    def __str__(self):
        return f"{self.user_id} {self.date}"
