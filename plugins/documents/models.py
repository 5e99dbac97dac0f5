"""Case documents and bundle jobs.

A ``Document`` is a PDF about one student, owned by one jurisdiction plugin.
Who may see or download it is the owner's role matrix to decide: the plugin
declares a proxy of ``Document`` in its own models (``CaseDocument``), names
it in its matrix, and the documents service looks at every document through
that proxy (``as_owner_record``) before ``plugins.access`` decides.

Files live in private storage (``settings.PRIVATE_STORAGE_ROOT``), never under
``MEDIA_ROOT``: no URL reaches them except the permission-checked views.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    class Kind(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        GENERATED = "generated", _("Generated")

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    #: Code of the jurisdiction plugin that owns the document (its matrix decides).
    owner = models.CharField(_("owner plugin"), max_length=60, db_index=True)
    #: Name of the owner's record type for documents (a proxy of Document).
    record_type = models.CharField(_("record type"), max_length=80)
    student = models.ForeignKey(
        "plugins.Student",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("student"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UPLOADED)
    visible_to_teachers = models.BooleanField(_("visible to teachers"), default=False)
    #: What the owner plugin attached the document to (e.g. "StudentApplication:12"), if anything.
    attached_to = models.CharField(_("attached to"), max_length=120, blank=True, db_index=True)
    #: Path inside private storage; never shown to users.
    file = models.CharField(max_length=255, editable=False)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    #: SHA-256 of the stored file: for an upload, the clean copy made of it (see validation).
    sha256 = models.CharField(max_length=64, editable=False)
    #: SHA-256 of the bytes as they were uploaded (never stored themselves); "" when generated.
    original_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    portal_student_path = "student"

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "record_type", "student"], name="document_owner_student")
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("documents:download", args=[self.uuid])

    @property
    def download_name(self) -> str:
        from .validation import safe_filename

        return safe_filename(self.title, basename=False)


class BundleJob(models.Model):
    """One merged PDF being built for one person, with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    #: Dotted path of the function that yields the bundle's sections (see ``plugins.documents.bundles``).
    builder = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.CharField(max_length=255, blank=True, editable=False)
    pages = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    #: Students whose documents the bundle holds (for the audit trail on download).
    student_ids = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: Last sign of life from the worker building it (a stalled job can be retried).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bundle")
        verbose_name_plural = _("bundles")

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
