"""The consent receipt as a PDF: who decided, when, on which version, and how.

Rendered by the documents service (``plugins.documents.render_pdf``): the
shared print layout, embedded fonts, and nothing fetched from outside.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from plugins import documents

from .service import ROLE_LABELS, jurisdiction_of, record_of, spec_of


def receipt_context(receipt) -> dict:
    req = receipt.request
    spec = spec_of(req)
    jurisdiction = jurisdiction_of(req)
    record = record_of(req)
    return {
        "receipt": receipt,
        "consent": req,
        "label": str(spec.label) if spec else req.spec_code,
        "jurisdiction_name": str(jurisdiction.name),
        "record_label": str(record) if record is not None else f"{req.record_type} {req.record_id}",
        "role_label": ROLE_LABELS.get(receipt.signer_role, receipt.signer_role),
        # Formatted here: the template's date filter would turn it into local time.
        "at_utc": receipt.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S"),
    }


def render_receipt_pdf(receipt) -> bytes:
    """The receipt as PDF bytes (consent, student, decision, signer, time, fingerprint, method)."""
    req = receipt.request
    confidentiality = getattr(jurisdiction_of(req), "confidentiality", "") or _(
        "Confidential: personal information about a child"
    )
    return documents.render_pdf(
        "consent/receipt_pdf.html",
        receipt_context(receipt),
        title=_("Consent receipt"),
        student_name=req.student.name,
        confidentiality=str(confidentiality),
    )
