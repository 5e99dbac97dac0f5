"""The IUP's PDFs: the plan (``DocumentSpec`` "iup") and the mentor's term summary of a class."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from plugins.documents import pdf_response, render_pdf
from plugins.sdk.views import document_filename

from .models import GoalStatus, TalkBooking, term_label
from .rules import jurisdiction


def plan_context(plan) -> dict:
    """What the "iup" document of ``plan`` shows."""
    return {
        "record": plan,
        "goals": plan.goals.select_related("owner"),
        "comments": plan.comments.select_related("goal"),
        "booking": TalkBooking.objects.filter(plan=plan).select_related("slot").first(),
    }


def plan_filename(plan) -> tuple:
    return ("iup", plan.term, plan.pk)


def term_summary_response(group, term: str, plans, mentor):
    """The term summary of ``group``: one row per plan with its goals counted by status."""
    rows = []
    for plan in plans:
        statuses = [g.status for g in plan.goals.all()]
        rows.append(
            {
                "plan": plan,
                "goals": len(statuses),
                "done": statuses.count(GoalStatus.DONE),
                "in_progress": statuses.count(GoalStatus.IN_PROGRESS),
                "not_started": statuses.count(GoalStatus.NOT_STARTED),
            }
        )
    label = term_label(term)
    pdf = render_pdf(
        "se_iup/pdf/term_summary.html",
        {"group": group, "rows": rows, "term": label, "mentor": mentor},
        title=_("Term summary %(class)s, %(term)s") % {"class": group.name, "term": label},
        confidentiality=jurisdiction().confidentiality,
    )
    return pdf_response(io.BytesIO(pdf), document_filename("iup-summary", group.pk, term))
