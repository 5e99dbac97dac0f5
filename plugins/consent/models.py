"""Consent requests and their receipts.

A ``ConsentRequest`` asks the family to sign one exact version of a document
(the bytes shown, identified by their SHA-256). When the document changes the
plugin asks again: the new request replaces the old one, and a signature on
the old version no longer counts.

The document exists in every language the jurisdiction signs in: one
``ConsentVersion`` per language, each with its own SHA-256, so a family reads
and signs the text in their own language. The request's own ``content`` is the
version in the jurisdiction's official language (``language``).

A ``ConsentReceipt`` is the evidence of one decision (signed, refused,
withdrawn): who, when (UTC), which version, how the person proved who they
were, and from which address. Receipts are append-only: they cannot be
changed or deleted through the application.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.appendonly import AppendOnlyError, AppendOnlyModel  # noqa: F401  (re-exported)


class Signers(models.TextChoices):
    """Who may sign; the values are those of ``ConsentSpec.signers``."""

    ANY_GUARDIAN = "any_guardian", _("Any one guardian")
    ALL_GUARDIANS = "all_guardians", _("All guardians")
    STUDENT_OF_AGE = "student_of_age", _("The student, when of age")
    GUARDIAN_OR_STUDENT = "guardian_or_student", _("A guardian, or the student once of age")
    NAMED = "named", _("A named person")


class ConsentRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        SIGNED = "signed", _("Signed")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SUPERSEDED = "superseded", _("Replaced by a newer version")

    jurisdiction = models.CharField(_("jurisdiction"), max_length=60)
    spec_code = models.CharField(_("consent"), max_length=80)
    record_type = models.CharField(_("record type"), max_length=80)
    record_id = models.CharField(_("record"), max_length=64)
    student = models.ForeignKey(
        "plugins.Student", on_delete=models.PROTECT, related_name="consent_requests"
    )
    #: The rule that applied when the request was made (a ``Signers`` value).
    signers = models.CharField(_("who may sign"), max_length=30, choices=Signers.choices)
    named_signer = models.ForeignKey(
        "plugins.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("named signer"),
    )
    #: The exact document shown to the signer; ``content_hash`` is its SHA-256.
    content = models.BinaryField(_("document"))
    media_type = models.CharField(_("document type"), max_length=100, default="text/plain")
    content_hash = models.CharField(_("document fingerprint (SHA-256)"), max_length=64)
    #: The language of ``content`` (the jurisdiction's official language when it signs in it).
    language = models.CharField(_("language"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("asked by"),
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    #: False once a newer request replaced this one; one current request per record and consent.
    is_current = models.BooleanField(_("current"), default=True)
    #: The request that replaced this one (the document changed or the school asked again).
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["jurisdiction", "record_type", "record_id", "spec_code"],
                name="consent_request_record",
            ),
            models.Index(fields=["student", "status"], name="consent_request_student"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "record_type", "record_id", "spec_code"],
                condition=models.Q(is_current=True),
                name="consent_one_current_request",
            )
        ]
        verbose_name = _("consent request")
        verbose_name_plural = _("consent requests")

    def __str__(self):
        return f"{self.spec_code} for {self.record_type} {self.record_id} ({self.status})"

    @property
    def is_text(self) -> bool:
        return self.media_type.split(";")[0].strip() == "text/plain"

    @property
    def text(self) -> str:
        """The document as text (only for text documents)."""
        return bytes(self.content).decode("utf-8") if self.is_text else ""

    @property
    def hash_groups(self) -> str:
        """The fingerprint in groups of eight, easier to read aloud and compare."""
        return " ".join(self.content_hash[i : i + 8] for i in range(0, len(self.content_hash), 8))


class ConsentVersion(AppendOnlyModel):
    """The request's document in one language, exactly as shown to a reader of that language."""

    request = models.ForeignKey(ConsentRequest, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=20)
    content = models.BinaryField(_("document"))
    media_type = models.CharField(_("document type"), max_length=100, default="text/plain")
    content_hash = models.CharField(_("document fingerprint (SHA-256)"), max_length=64)

    class Meta:
        ordering = ["request", "pk"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["request", "language"], name="consent_one_version_per_language"
            )
        ]
        verbose_name = _("consent document version")
        verbose_name_plural = _("consent document versions")

    def __str__(self):
        return f"{self.request_id} [{self.language}] {self.content_hash[:12]}"

    @property
    def is_text(self) -> bool:
        return self.media_type.split(";")[0].strip() == "text/plain"

    @property
    def text(self) -> str:
        return bytes(self.content).decode("utf-8") if self.is_text else ""

    @property
    def hash_groups(self) -> str:
        return " ".join(self.content_hash[i : i + 8] for i in range(0, len(self.content_hash), 8))


class ConsentReceipt(AppendOnlyModel):
    """One decision on one consent request, kept as evidence."""

    class Decision(models.TextChoices):
        SIGNED = "signed", _("Signed")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrew consent")

    request = models.ForeignKey(ConsentRequest, on_delete=models.PROTECT, related_name="receipts")
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    #: The signer's name as it was at the time.
    signer_name = models.CharField(_("name"), max_length=200)
    #: In which capacity: guardian, student or named.
    signer_role = models.CharField(_("signed as"), max_length=20)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, editable=False, db_index=True)
    #: The fingerprint of the version the person saw and decided on.
    content_hash = models.CharField(_("document fingerprint (SHA-256)"), max_length=64)
    #: The language of the version the person saw and decided on.
    language = models.CharField(_("language"), max_length=20, blank=True)
    #: How the person proved who they were, in words.
    method = models.CharField(_("how"), max_length=300)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        default_permissions = ("view",)
        verbose_name = _("consent receipt")
        verbose_name_plural = _("consent receipts")

    def __str__(self):
        return f"{self.signer_name} {self.decision} {self.request.spec_code} at {self.at:%Y-%m-%d %H:%M:%S}"
