"""Fillable form templates: the web form, and the PDF of the filled-in or blank form.

A ``FormTemplatePage`` describes its form as sections of fields (blocks).
Readers fill it in without signing in and download it as a PDF to sign and
send. **Nothing they type is stored**: no database row, no session, no file,
no cache entry, no log line with the content. The PDF is rendered in memory
through the shared PDF service (``plugins.documents.rendering``), skipping its
render cache; only the blank form, which holds nobody's data, is cached there.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django import forms
from django.core.validators import RegexValidator
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from plugins.documents import rendering

from .blocks import CHOICE_KINDS

PDF_TEMPLATE = "guidance/form_pdf.html"
TEXT_MAX = 200
LONG_TEXT_MAX = 4000

national_id = RegexValidator(
    r"^\d{11}$", _("Write the 11 digits of the national identity number, nothing else.")
)


def field_name(section: int, index: int) -> str:
    return f"f{section}_{index}"


def _options(value) -> list[str]:
    return [str(o) for o in (value.get("options") or []) if str(o).strip()]


def django_field(value) -> forms.Field | None:
    """The form field for one field block (None for a signature: that is signed on paper)."""
    kind = value.get("kind") or "text"
    common = {
        "label": value.get("label") or "",
        "required": bool(value.get("required")),
        "help_text": conditional_escape(value.get("help_text") or ""),
    }
    if kind == "long_text":
        return forms.CharField(
            max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}), **common
        )
    if kind == "number":
        return forms.IntegerField(min_value=0, max_value=999, **common)
    if kind == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == "national_id":
        return forms.CharField(
            max_length=20,
            validators=[national_id],
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            **common,
        )
    if kind == "checkbox":
        return forms.BooleanField(**common)
    if kind == "single_choice":
        return forms.ChoiceField(
            choices=[(o, o) for o in _options(value)], widget=forms.RadioSelect, **common
        )
    if kind == "multiple_choice":
        return forms.MultipleChoiceField(
            choices=[(o, o) for o in _options(value)],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == "signature":
        return None
    return forms.CharField(max_length=TEXT_MAX, **common)


class FillableForm(forms.Form):
    """The reader's form: fields come from the page's sections."""

    def __init__(self, sections, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)
        self.layout = []
        for s, section in enumerate(sections):
            names = []
            for i, value in enumerate(section["fields"]):
                made = django_field(value)
                name = field_name(s, i)
                if made is not None:
                    if value.get("kind") == "national_id":
                        made.widget.attrs.setdefault("pattern", r"\d{11}")
                    self.fields[name] = made
                names.append((name, value))
            self.layout.append((section, names))

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = value.strip()
        return data

    def sections(self):
        """For the web page: each section with its bound fields (and signature notes)."""
        out = []
        for section, names in self.layout:
            rows = []
            for name, value in names:
                rows.append({"bound": self[name] if name in self.fields else None, "value": value})
            out.append({"heading": section["heading"], "note": section["note"], "rows": rows})
        return out


@dataclass
class PrintedRow:
    label: str
    kind: str
    text: str = ""
    options: list[tuple[str, bool]] = field(default_factory=list)
    ticked: bool = False


def _printed_value(kind: str, value) -> str:
    if value in (None, ""):
        return ""
    if kind == "date" and isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def printed_sections(sections, cleaned: dict | None = None) -> list[dict]:
    """The sections as the PDF shows them, blank when ``cleaned`` is None."""
    cleaned = cleaned or {}
    out = []
    for s, section in enumerate(sections):
        rows = []
        for i, value in enumerate(section["fields"]):
            kind = value.get("kind") or "text"
            answer = cleaned.get(field_name(s, i))
            row = PrintedRow(label=value.get("label") or "", kind=kind)
            if kind in CHOICE_KINDS:
                chosen = set(answer or []) if kind == "multiple_choice" else {answer}
                row.options = [(o, o in chosen) for o in _options(value)]
            elif kind == "checkbox":
                row.ticked = bool(answer)
            else:
                row.text = _printed_value(kind, answer)
            rows.append(row)
        out.append({"heading": section["heading"], "note": section["note"], "rows": rows})
    return out


def _prepare(page, sections, *, filled: bool):
    return rendering.prepare(
        PDF_TEMPLATE,
        {
            "page": page,
            "sections": sections,
            "filled": filled,
            "printed_on": timezone.localdate() if filled else None,
        },
        title=page.title,
        confidentiality=page.confidentiality,
        language=page.locale.language_code,
    )


def filled_pdf(page, form: FillableForm) -> bytes:
    """The filled-in form as PDF bytes, rendered in memory and never written anywhere."""
    doc = _prepare(page, printed_sections(page.form_sections(), form.cleaned_data), filled=True)
    return rendering.html_to_pdf(doc.html, doc.css)


def blank_pdf(page) -> bytes:
    """The empty form to print; it holds nobody's data, so the shared render cache may keep it."""
    doc = _prepare(page, printed_sections(page.form_sections()), filled=False)
    return rendering.render_prepared(doc).read_bytes()


def download_name(page, *, filled: bool) -> str:
    return f"{page.slug}.pdf" if filled else f"{page.slug}-blank.pdf"
