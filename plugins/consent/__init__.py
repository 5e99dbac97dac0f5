"""Public API of the consent service.

    from plugins import consent

    def render(case):                  # the document in one language, from translatable strings
        return lambda language: render_to_string("my_plugin/consent/case.txt", {"case": case})

    consent.request_consent(case, "case-approval", content=render(case), requested_by=request.user)
    consent.is_granted(case, "case-approval", content=render(case))   # also as a workflow guard:
    Transition("approve", ..., guards=(consent.consent_guard("case-approval", render),))

What a family signs is in the signer's language: ``content`` as a function of
the language is rendered once per language the jurisdiction signs in
(``Jurisdiction.signing_languages``, default every interface language), under
``translation.override(language)``; each version has its own fingerprint and
the receipt names the language and fingerprint of the version signed. Plain
text or bytes are one version in the jurisdiction's ``official_language``
(or the ``language`` given).

A request names the exact version of the document (its SHA-256), who may
sign (``ConsentSpec.signers``: any_guardian, all_guardians, student_of_age,
guardian_or_student, named) and what signing unlocks. ``sign``, ``refuse``, ``withdraw`` and ``decide``
take the signer's ``Evidence`` (``Evidence.of(request)`` on a page; an HTTP
request is still accepted and read the same way): they need a fresh second factor and
leave an append-only ``ConsentReceipt``; each decision sends the
``consent_decided`` signal (``plugins.consent.signals``) in the same transaction. Models load lazily: this package is
imported by plugin declarations before the app registry is ready.

Plugins ask about consents through the query helpers (``current_requests``,
``statuses``, ``status_of``, ``status_q``, ``signatures``, ``decided_at``;
see ``plugins.consent.queries``), never through consent's tables.
"""

from __future__ import annotations

_SERVICE = (
    "ConsentError",
    "Evidence",
    "NotOpen",
    "SignerNotAllowed",
    "StepUpRequired",
    "VersionMismatch",
    "consent_guard",
    "current_request",
    "decide",
    "fingerprint",
    "is_granted",
    "may_download_receipt",
    "may_sign",
    "may_view",
    "matches",
    "may_withdraw",
    "official_language",
    "pending_for",
    "record_of",
    "refuse",
    "request_consent",
    "requests_for",
    "requests_of",
    "sign",
    "signer_role",
    "signing_languages",
    "version_for",
    "versions_of",
    "withdraw",
)
_QUERIES = (
    "Signature",
    "current_requests",
    "decided_at",
    "signatures",
    "status_of",
    "status_q",
    "statuses",
)
_MODELS = ("ConsentReceipt", "ConsentRequest", "ConsentVersion", "Signers")


def __getattr__(name):
    if name in _SERVICE:
        from . import service

        return getattr(service, name)
    if name in _QUERIES:
        from . import queries

        return getattr(queries, name)
    if name in _MODELS:
        from . import models

        return getattr(models, name)
    if name == "consent_decided":
        from .signals import consent_decided

        return consent_decided
    if name == "render_receipt_pdf":
        from .receipts import render_receipt_pdf

        return render_receipt_pdf
    raise AttributeError(name)


__all__ = [*_SERVICE, *_QUERIES, *_MODELS, "consent_decided", "render_receipt_pdf"]
