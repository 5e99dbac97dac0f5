"""The plugin's PDF documents: the school owner's and the county's overview."""

from __future__ import annotations

from plugins.documents import render_pdf


def overview_pdf(context: dict) -> bytes:
    """The overview (``overview.report`` with the jurisdiction) as a PDF: counts only."""
    return render_pdf(
        "no_troms_transition/overview_pdf.html",
        context,
        title=str(context["title"]),
        confidentiality=context["jurisdiction"].confidentiality,
    )
