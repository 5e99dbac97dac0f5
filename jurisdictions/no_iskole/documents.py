"""What the IOP module's PDFs show.

The documents themselves (code, title, template) are the ``DocumentSpec``s of
``declaration.py``; this module only says who may download which of them and
what goes into each.
"""

from __future__ import annotations

from plugins.access import can, permitted

from .models import AnnualReport, AssessmentKind, CertificateAppendix, SubjectAssessment
from .services import attachments_of

#: The matrix action that downloads a document (others: "download").
DOWNLOAD_ACTIONS = {"half-year": "download_half_year", "annual-report": "download_annual"}

#: The documents of an IOP and its appendix, in the order the IOP page lists them.
IOP_RECORDS = ("Iop", "CertificateAppendix")


def download_action(code: str) -> str:
    return DOWNLOAD_ACTIONS.get(code, "download")


def iop_documents(jurisdiction, user, iop, appendix) -> list[tuple[str, str]]:
    """``(code, label)`` of the IOP's documents ``user`` may download."""
    records = {"Iop": iop, "CertificateAppendix": appendix}
    return [
        (spec.code, spec.label)
        for spec in jurisdiction.documents
        if spec.record in IOP_RECORDS
        and records[spec.record] is not None
        and can(user, download_action(spec.code), records[spec.record])
    ]


def iop_pdf_context(user, iop) -> dict:
    """What the PDFs show: only the parts ``user`` may see (a family never gets more)."""
    plans = list(permitted(user, "view", iop.subject_plans.select_related("subject")))
    by_plan = {}
    for a in permitted(user, "view", SubjectAssessment.objects.filter(iop=iop)):
        by_plan.setdefault(a.subject_plan_id, {})[a.kind] = a
    for plan in plans:
        plan.half_year = by_plan.get(plan.pk, {}).get(AssessmentKind.HALF_YEAR)
        plan.annual = by_plan.get(plan.pk, {}).get(AssessmentKind.ANNUAL)
    appendix = permitted(user, "view", CertificateAppendix.objects.filter(iop=iop)).first()
    return {
        "iop": iop,
        "plans": plans,
        "report": permitted(user, "view", AnnualReport.objects.filter(iop=iop)).first(),
        "appendix": appendix,
        "certificateappendix": appendix,
    }


def application_context(app) -> dict:
    """What the application PDF shows (also each student's part of the school's bundle)."""
    return {
        "app": app,
        "studentapplication": app,
        "subjects": app.subjects.order_by("name"),
        "attachment_titles": [d.title for d in attachments_of(app)],
    }
