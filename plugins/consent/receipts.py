"""The consent receipt as a PDF: who decided, when, on which version, and how.

Rendered by the documents service (``plugins.documents.render_pdf``): the
shared print layout, embedded fonts, and nothing fetched from outside. The
receipt is in the language of the version the person decided on, whoever
downloads it, and says which language that was.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plugins import documents

from .service import (
    ROLE_LABELS,
    jurisdiction_of,
    official_language,
    record_of,
    spec_of,
    versions_of,
)

#: The device words of ``describe_method`` (kept in English on the receipt row), for the reader.
DEVICE_LABELS = {
    "a code from an authenticator app (TOTP)": gettext_lazy(
        "a code from an authenticator app (TOTP)"
    ),
    "a backup code": gettext_lazy("a backup code"),
    "a passkey": gettext_lazy("a passkey"),
    "a second factor": gettext_lazy("a second factor"),
}
METHOD_RE = re.compile(
    r"^Signed in with password and second factor; identity confirmed again with "
    r"(?P<what>.+?)(?: at (?P<at>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC)?\.$"
)


def receipt_language(receipt) -> str:
    """The language of the version decided on (the jurisdiction's official one for old rows)."""
    req = receipt.request
    return receipt.language or req.language or official_language(jurisdiction_of(req))


def method_in_words(method: str) -> str:
    """The stored method sentence (English, as evidence) in the active language, when known."""
    match = METHOD_RE.match(method or "")
    if not match or match["what"] not in DEVICE_LABELS:
        return method
    what = DEVICE_LABELS[match["what"]]
    if match["at"]:
        return _(
            "Signed in with password and second factor; identity confirmed again with "
            "%(what)s at %(at)s UTC."
        ) % {"what": what, "at": match["at"]}
    return _(
        "Signed in with password and second factor; identity confirmed again with %(what)s."
    ) % {"what": what}


def _signed_version(receipt):
    for version in versions_of(receipt.request):
        if version.content_hash == receipt.content_hash and (
            not receipt.language or version.language == receipt.language
        ):
            return version
    return None


def receipt_context(receipt) -> dict:
    req = receipt.request
    spec = spec_of(req)
    jurisdiction = jurisdiction_of(req)
    record = record_of(req)
    language = receipt_language(receipt)
    return {
        "receipt": receipt,
        "consent": req,
        "version": _signed_version(receipt),
        "language_name": str(dict(settings.LANGUAGES).get(language, language)),
        "language_tag": getattr(settings, "LANGUAGE_TAGS", {}).get(language, language),
        "method": method_in_words(receipt.method),
        "label": str(spec.label) if spec else req.spec_code,
        "jurisdiction_name": str(jurisdiction.name),
        "record_label": str(record) if record is not None else f"{req.record_type} {req.record_id}",
        "role_label": ROLE_LABELS.get(receipt.signer_role, receipt.signer_role),
        # Formatted here: the template's date filter would turn it into local time.
        "at_utc": receipt.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S"),
    }


def render_receipt_pdf(receipt) -> bytes:
    """The receipt as PDF bytes (consent, student, decision, signer, time, fingerprint, method).

    In the language of the version decided on, whoever downloads it.
    """
    req = receipt.request
    language = receipt_language(receipt)
    with translation.override(language):
        confidentiality = getattr(jurisdiction_of(req), "confidentiality", "") or _(
            "Confidential: personal information about a child"
        )
        return documents.render_pdf(
            "consent/receipt_pdf.html",
            receipt_context(receipt),
            title=_("Consent receipt"),
            student_name=req.student.name,
            confidentiality=str(confidentiality),
            language=language,
        )
