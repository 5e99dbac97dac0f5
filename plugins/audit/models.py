"""The audit trail: one append-only row per read, write, download, sign-in and refusal.

A row says who did what to which record of which student, when (UTC), in
which role and from which address. It never holds the content of a record.
Rows cannot be changed or deleted through the application: ``save()`` on an
existing row, ``delete()``, and ``update()``/``delete()`` on the default
manager's querysets all raise :class:`AppendOnlyError`.

Deleting a user or a student keeps the rows: the link is set to NULL (through
Django's base manager) and ``actor_name`` keeps the name as it was.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.appendonly import AppendOnlyError, AppendOnlyModel

__all__ = ["AppendOnlyError", "AuditEvent"]


class AuditEvent(AppendOnlyModel):
    #: The usual actions. A plugin's own matrix actions (``extra_actions``) are
    #: stored as they are named.
    class Action(models.TextChoices):
        VIEW = "view", _("Opened")
        EDIT = "edit", _("Changed")
        CREATE = "create", _("Created")
        DELETE = "delete", _("Deleted")
        DOWNLOAD = "download", _("Downloaded")
        UPLOAD = "upload", _("Uploaded")
        PUBLISH = "publish", _("Published")
        APPROVE = "approve", _("Approved")
        SIGN = "sign", _("Signed")
        REFUSE_CONSENT = "refuse-consent", _("Refused consent")
        WITHDRAW_CONSENT = "withdraw-consent", _("Withdrew consent")
        DECIDE = "decide", _("Decided")
        COMMENT = "comment", _("Commented")
        MANAGE = "manage", _("Managed")
        TRANSITION = "transition", _("Moved to a new step")
        DENIED = "denied", _("Was refused access")
        SIGN_IN = "sign-in", _("Signed in")
        SIGN_IN_FAILED = "sign-in-failed", _("Failed sign-in")
        SIGN_OUT = "sign-out", _("Signed out")
        GRANT = "grant", _("Gave access")
        WITHDRAW = "withdraw", _("Withdrew access")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    #: The actor's name (or the username tried, for a failed sign-in) at the time.
    actor_name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=60, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    #: For a refusal: the action that was asked for.
    attempted = models.CharField(_("action asked for"), max_length=30, blank=True)
    #: "ok", or for refusals the answer given ("404", "403"), or "failed".
    outcome = models.CharField(_("outcome"), max_length=20, default="ok")
    jurisdiction = models.CharField(_("jurisdiction"), max_length=60, blank=True)
    record_type = models.CharField(_("record type"), max_length=80, blank=True)
    record_id = models.CharField(_("record"), max_length=64, blank=True)
    #: A fact about the event that is not content: e.g. the SHA-256 of an upload
    #: as it arrived, before it was rewritten into a clean copy.
    detail = models.CharField(_("detail"), max_length=120, blank=True)
    student = models.ForeignKey(
        "plugins.Student",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("student"),
    )
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    #: The URL path of the request (never its query string or body).
    path = models.CharField(_("path"), max_length=300, blank=True)

    class Meta:
        app_label = "plugins"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["student", "-at"], name="audit_student_at"),
            models.Index(fields=["jurisdiction", "record_type", "record_id"], name="audit_record"),
        ]
        default_permissions = ("view",)
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name or '-'} {self.action} {self.record_type} {self.record_id}".strip()
