"""The IOP's forms as PDFs, in Serbian Cyrillic or Latin, and the whole IOP as one bundle.

Headings and labels follow the chosen script (the document is rendered in
``sr-cyrl`` or ``sr-latn``). A Latin document is entirely Latin: its running
header and footer, names, the institution and what people typed in Cyrillic
are transliterated (``rules.to_latin``); a Cyrillic document shows typed text
as typed and names in Cyrillic.
"""

from __future__ import annotations

import io

from django.utils import translation

from plugins.documents import Rendered, Section, build_bundle, render_pdf

from . import CODE, rules
from .models import IopStatus

SCRIPTS = {"cyrl": "sr-cyrl", "latn": "sr-latn"}
FORMS = ("form1", "form2", "form3", "form4", "form5", "form6", "form7", "form8")


def language_for(script: str | None) -> str:
    """The language code to render in: ``script`` ("cyrl"/"latn"), else the active language."""
    if script in SCRIPTS:
        return SCRIPTS[script]
    return SCRIPTS[rules.script_of(translation.get_language())]


def _jurisdiction():
    from plugins.registry import registry

    return registry.get(CODE)


def spec(code: str):
    return next(s for s in _jurisdiction().documents if s.code == code)


def forms_of(iop) -> list[str]:
    """The forms this IOP has: 1-6 always (4 not at a preschool), 7 and 8 when written."""
    codes = [c for c in FORMS[:6] if not (c == "form4" and iop.case.is_preschool)]
    if hasattr(iop, "transition_plan"):
        codes.append("form7")
    if hasattr(iop, "early_leaving_plan"):
        codes.append("form8")
    return codes


LATIN_WRAPPER = "rs_pravilnik/pdf/latin.html"


def is_latin(language: str) -> bool:
    return rules.script_of(language) == "latn"


def in_document_script(text: str, language: str) -> str:
    """``text`` as the document in ``language`` prints it: all Latin in a Latin document."""
    text = str(text or "")
    return rules.to_latin(text) if is_latin(language) else rules.in_script(text, language)


def _rendered(record, code: str, language: str, student) -> Rendered:
    s = spec(code)
    with translation.override(language):
        title = str(s.label)
    context = {"record": record, "draft": getattr(record, "status", "") == IopStatus.DRAFT}
    template_name = s.template
    if is_latin(language):
        context["inner_template"] = s.template
        template_name = LATIN_WRAPPER
    return Rendered(
        template_name,
        context,
        title=in_document_script(title, language),
        student_name=in_document_script(student.name, language),
        confidentiality=in_document_script(_jurisdiction().confidentiality, language),
        language=language,
    )


def render_form(record, code: str, language: str) -> bytes:
    """Document ``code`` of ``record`` (a form of an IOP, the information of a case) as a PDF."""
    item = _rendered(record, code, language, getattr(record, "case", record).student)
    return render_pdf(
        item.template_name,
        item.context,
        title=item.title,
        student_name=item.student_name,
        confidentiality=item.confidentiality,
        language=language,
    )


def iop_bundle(iop, language: str) -> bytes:
    """Every form of the IOP in one PDF, one bookmark per form."""
    student = iop.case.student
    items = [_rendered(iop, code, language, student) for code in forms_of(iop)]
    with translation.override(language):
        title = in_document_script(f"{iop.get_kind_display()} · {student.name}", language)
    out = io.BytesIO()
    build_bundle([Section(title, items, student_id=student.pk)], out, title=title, workers=1)
    return out.getvalue()
