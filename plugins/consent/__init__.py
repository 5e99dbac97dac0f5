"""Public API of the consent service.

    from plugins import consent

    consent.request_consent(case, "case-approval", content=text, requested_by=request.user)
    consent.is_granted(case, "case-approval", content=text)   # also as a workflow guard:
    Transition("approve", ..., guards=(consent.consent_guard("case-approval", lambda c: c.text),))

A request names the exact version of the document (its SHA-256), who may
sign (``ConsentSpec.signers``: any_guardian, all_guardians, student_of_age,
guardian_or_student, named) and what signing unlocks. ``sign``, ``refuse``
and ``withdraw`` take the HTTP request: they need a fresh second factor and
leave an append-only ``ConsentReceipt``. Models load lazily: this package is
imported by plugin declarations before the app registry is ready.
"""

from __future__ import annotations

_SERVICE = (
    "ConsentError",
    "NotOpen",
    "SignerNotAllowed",
    "StepUpRequired",
    "consent_guard",
    "current_request",
    "fingerprint",
    "is_granted",
    "may_download_receipt",
    "may_sign",
    "may_view",
    "may_withdraw",
    "pending_for",
    "record_of",
    "refuse",
    "request_consent",
    "requests_for",
    "requests_of",
    "sign",
    "signer_role",
    "withdraw",
)
_MODELS = ("ConsentReceipt", "ConsentRequest", "Signers")


def __getattr__(name):
    if name in _SERVICE:
        from . import service

        return getattr(service, name)
    if name in _MODELS:
        from . import models

        return getattr(models, name)
    if name == "render_receipt_pdf":
        from .receipts import render_receipt_pdf

        return render_receipt_pdf
    raise AttributeError(name)


__all__ = [*_SERVICE, *_MODELS, "render_receipt_pdf"]
