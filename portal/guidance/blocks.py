"""The blocks editors compose guidance chapters from.

Every block renders accessibly on screen and in print (templates in
``templates/blocks/``) and gives a plain JSON representation to the API.
"""

from __future__ import annotations

import datetime
import itertools

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from plugins.registry import registry

#: Rich text features for chapter text (no images: they would not reach the PDF).
TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
SHORT_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

_ids = itertools.count(1)


def _dom_id(prefix: str, parent_context) -> str:
    """A stable id from the block's own id when the page passes it, else a fresh one."""
    block_id = (parent_context or {}).get("block_id") if hasattr(parent_context, "get") else None
    return f"{prefix}-{block_id or next(_ids)}"


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=SHORT_TEXT_FEATURES)


class InfoBoxBlock(CalloutBlock):
    class Meta:
        icon = "info-circle"
        label = _("Info box")
        template = "blocks/info_box.html"


class TipBoxBlock(CalloutBlock):
    class Meta:
        icon = "help"
        label = _("Tip box")
        template = "blocks/tip_box.html"


# -- deadline calendar ------------------------------------------------------


class DeadlineRowBlock(blocks.StructBlock):
    action = blocks.CharBlock(label=_("Action"), max_length=255)
    responsible = blocks.CharBlock(label=_("Responsible"), max_length=160)
    starts = blocks.DateBlock(label=_("Date, or first day of the period"), required=False)
    ends = blocks.DateBlock(
        label=_("Last day of the period"),
        required=False,
        help_text=_("Leave empty for a single date."),
    )
    when_text = blocks.CharBlock(
        label=_("When, in words"),
        required=False,
        max_length=120,
        help_text=_("For steps without a fixed date, e.g. 'weeks 5 to 10' or 'continuously'."),
    )
    purpose = blocks.CharBlock(label=_("Purpose"), required=False, max_length=255)

    class Meta:
        icon = "date"
        label = _("Row")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not value.get("starts") and not value.get("when_text"):
            errors["starts"] = ValidationError(_("Give a date, or say in words when it happens."))
        if value.get("ends") and not value.get("starts"):
            errors["ends"] = ValidationError(_("A period needs its first day as well."))
        elif value.get("ends") and value["ends"] < value["starts"]:
            errors["ends"] = ValidationError(_("The period cannot end before it starts."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def school_year_start(day: datetime.date) -> datetime.date:
    """1 August of the school year ``day`` falls in."""
    return datetime.date(day.year if day.month >= 8 else day.year - 1, 8, 1)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


class DeadlineCalendarBlock(blocks.StructBlock):
    """The annual wheel: who does what, when and why.

    Shown as a table; on wide screens also as a year timeline drawn in SVG
    (the table stays the text alternative).
    """

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False)
    rows = blocks.ListBlock(DeadlineRowBlock(), label=_("Rows"))

    #: Geometry of the timeline, in SVG user units.
    LABEL_WIDTH = 330
    CHART_LEFT = 340
    CHART_WIDTH = 640
    ROW_HEIGHT = 26
    HEADER = 34

    class Meta:
        icon = "calendar-alt"
        label = _("Deadline calendar")
        template = "blocks/deadline_calendar.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["dom_id"] = _dom_id("deadlines", parent_context)
        context["timeline"] = self.timeline(value["rows"])
        return context

    def timeline(self, rows) -> dict | None:
        dated = [row for row in rows if row.get("starts")]
        if not dated:
            return None
        first = min(row["starts"] for row in dated)
        last = max((row.get("ends") or row["starts"]) for row in dated)
        start = school_year_start(first)
        months = 12
        while _add_months(start, months) <= last and months < 24:
            months += 12
        end = _add_months(start, months)
        total = (end - start).days

        def x(day: datetime.date) -> float:
            day = min(max(day, start), end)
            return round(self.CHART_LEFT + (day - start).days / total * self.CHART_WIDTH, 1)

        month_marks = []
        for n in range(months):
            day = _add_months(start, n)
            month_marks.append(
                {"x": x(day), "label": formats.date_format(day, "M"), "year": day.month == 1}
            )
        items = []
        for index, row in enumerate(dated):
            y = self.HEADER + index * self.ROW_HEIGHT
            x1 = x(row["starts"])
            ends = row.get("ends")
            action = row["action"]
            items.append(
                {
                    "row": row,
                    "y": y,
                    "text_y": y + 17,
                    "bar_y": y + 6,
                    "dot_y": y + 13,
                    "x": x1,
                    "width": max(round(x(ends) - x1, 1), 4) if ends else 0,
                    "label": action if len(action) <= 44 else action[:42].rstrip() + "…",
                }
            )
        today = timezone.localdate()
        return {
            "today_x": x(today) if start <= today < end else None,
            "months": month_marks,
            "items": items,
            "height": self.HEADER + len(items) * self.ROW_HEIGHT + 22,
            "width": self.CHART_LEFT + self.CHART_WIDTH + 20,
            "chart_left": self.CHART_LEFT,
            "chart_right": self.CHART_LEFT + self.CHART_WIDTH,
            "starts": start,
            "ends": end - datetime.timedelta(days=1),
        }


# -- legal reference --------------------------------------------------------


class LegalReferenceBlock(blocks.StructBlock):
    reference = SnippetChooserBlock("guidance.LegalReference", label=_("Legal reference"))
    comment = blocks.CharBlock(
        label=_("How it applies here"),
        required=False,
        max_length=300,
        help_text=_("Optional: one sentence linking the section to this chapter."),
    )

    class Meta:
        icon = "openquote"
        label = _("Legal reference")
        template = "blocks/legal_reference.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["dom_id"] = _dom_id("law", parent_context)
        return context

    def get_api_representation(self, value, context=None):
        reference = value.get("reference")
        return {
            "reference": reference.as_dict() if reference else None,
            "comment": value.get("comment") or "",
        }


# -- form template ----------------------------------------------------------


def plugin_form_choices() -> list[tuple[str, str]]:
    """Forms and documents the installed jurisdiction plugins offer, read at run time."""
    choices = []
    for jurisdiction in registry.all():
        for item in jurisdiction.menu:
            choices.append(
                (f"{jurisdiction.code}:page:{item.url_name}", f"{jurisdiction.name}: {item.label}")
            )
        for document in jurisdiction.documents:
            choices.append(
                (
                    f"{jurisdiction.code}:document:{document.code}",
                    f"{jurisdiction.name}: {document.label}",
                )
            )
    return choices


def resolve_plugin_form(value: str) -> dict | None:
    """What a stored plugin-form choice points at now, or None when the plugin is gone."""
    if not value:
        return None
    code, _sep, rest = value.partition(":")
    kind, _sep, name = rest.partition(":")
    if code not in registry:
        return None
    jurisdiction = registry.get(code)
    url = f"/j/{code}/" if jurisdiction.urls else None
    if kind == "page":
        for item in jurisdiction.menu:
            if item.url_name == name:
                try:
                    url = reverse(item.url_name)
                except NoReverseMatch:
                    pass
                return {
                    "jurisdiction": str(jurisdiction.name),
                    "label": str(item.label),
                    "url": url,
                }
    elif kind == "document":
        for document in jurisdiction.documents:
            if document.code == name:
                return {
                    "jurisdiction": str(jurisdiction.name),
                    "label": str(document.label),
                    "url": url,
                }
    return None


def resolve_form_page(page) -> dict | None:
    """The fillable form page a block links to, in the reader's language when translated, while live."""
    if page is None:
        return None
    page = page.localized.specific
    if not page.live:
        return None
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.url,
        "blank_pdf_url": page.blank_pdf_url,
    }


class FormTemplateBlock(blocks.StructBlock):
    """A form families or schools fill in: a plugin's online form, a fillable form page, or a PDF."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    description = blocks.TextBlock(label=_("Description"), required=False)
    form_page = blocks.PageChooserBlock(
        label=_("Fillable form"),
        page_type="guidance.FormTemplatePage",
        required=False,
        help_text=_(
            "A form page readers fill in and download as a PDF (nothing they type is stored)."
        ),
    )
    plugin_form = blocks.ChoiceBlock(
        label=_("Form in a jurisdiction plugin"),
        choices=plugin_form_choices,
        required=False,
        help_text=_("Offered by the installed jurisdiction plugins."),
    )
    document = DocumentChooserBlock(
        label=_("Downloadable template"),
        required=False,
        help_text=_("A PDF; shown when no plugin form is chosen or the plugin is not installed."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Form template")
        template = "blocks/form_template.html"

    def clean(self, value):
        value = super().clean(value)
        if (
            not value.get("plugin_form")
            and not value.get("document")
            and not value.get("form_page")
        ):
            raise StructBlockValidationError(
                block_errors={
                    "document": ValidationError(
                        _("Choose a fillable form, a plugin form or a downloadable template.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["plugin_form"] = resolve_plugin_form(value.get("plugin_form"))
        context["form_page"] = resolve_form_page(value.get("form_page"))
        return context

    def get_api_representation(self, value, context=None):
        document = value.get("document")
        return {
            "title": value.get("title"),
            "description": value.get("description") or "",
            "form_page": resolve_form_page(value.get("form_page")),
            "plugin_form": resolve_plugin_form(value.get("plugin_form")),
            "document": (
                {"id": document.pk, "title": document.title, "url": document.url}
                if document
                else None
            ),
        }


# -- fillable forms (FormTemplatePage) ------------------------------------------

#: Kinds of field a fillable form offers; each becomes a Django form field.
FIELD_KINDS = [
    ("text", _("Short text")),
    ("long_text", _("Long text")),
    ("number", _("Whole number")),
    ("date", _("Date")),
    ("national_id", _("National identity number (11 digits)")),
    ("checkbox", _("Tick box")),
    ("single_choice", _("One of several options")),
    ("multiple_choice", _("Any of several options")),
    ("signature", _("Signature (on paper only)")),
]
CHOICE_KINDS = ("single_choice", "multiple_choice")


class FormFieldBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=300)
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=FIELD_KINDS, default="text")
    options = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        label=_("Options"),
        required=False,
        default=[],
        help_text=_("For the kinds with options: one option per row."),
    )
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=300)
    required = blocks.BooleanBlock(label=_("Must be filled in"), required=False)

    class Meta:
        icon = "form"
        label = _("Field")

    def clean(self, value):
        value = super().clean(value)
        options = [o for o in value.get("options") or [] if o]
        if value.get("kind") in CHOICE_KINDS and len(options) < 2:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("Give at least two options."))}
            )
        return value


class FormSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    note = blocks.TextBlock(label=_("Note"), required=False)
    fields = blocks.ListBlock(FormFieldBlock(), label=_("Fields"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Form section")


class FormSectionsBlock(blocks.StreamBlock):
    section = FormSectionBlock()


# -- statistics -------------------------------------------------------------

#: Bar colours, each at least 3:1 against white and distinct in greyscale.
CHART_COLOURS = ("#0b4f8a", "#b35c00", "#2e7d32", "#6a1b9a")


class StatisticsRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Row heading"), max_length=120)
    values = blocks.ListBlock(blocks.FloatBlock(required=False), label=_("Values"))
    is_total = blocks.BooleanBlock(
        label=_("Total row"), required=False, help_text=_("Shown in bold, left out of the chart.")
    )

    class Meta:
        icon = "list-ul"
        label = _("Row")


class StatisticsTableBlock(blocks.StructBlock):
    """A small table of figures, also drawn as a bar chart with a text alternative."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=200)
    row_heading = blocks.CharBlock(label=_("Heading of the first column"), max_length=80)
    columns = blocks.ListBlock(
        blocks.CharBlock(max_length=60), label=_("Column headings"), min_num=1, max_num=8
    )
    rows = blocks.ListBlock(StatisticsRowBlock(), label=_("Rows"), min_num=1)
    note = blocks.TextBlock(label=_("Source or note"), required=False)
    show_chart = blocks.BooleanBlock(label=_("Also draw as a chart"), required=False, default=True)

    LABEL_WIDTH = 300
    BAR_LEFT = 310
    BAR_WIDTH = 560
    BAR_HEIGHT = 14
    GROUP_GAP = 12
    LEGEND_HEIGHT = 30

    class Meta:
        icon = "table"
        label = _("Statistics table")
        template = "blocks/statistics_table.html"

    def clean(self, value):
        value = super().clean(value)
        width = len(value["columns"])
        for row in value["rows"]:
            if len(row["values"]) != width:
                raise ValidationError(
                    _("Row '%(row)s' has %(found)s values; the table has %(width)s columns.")
                    % {"row": row["label"], "found": len(row["values"]), "width": width}
                )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["dom_id"] = _dom_id("stats", parent_context)
        context["chart"] = self.chart(value) if value.get("show_chart") else None
        return context

    def chart(self, value) -> dict | None:
        series = list(value["columns"])
        rows = [row for row in value["rows"] if not row.get("is_total")]
        numbers = [v for row in rows for v in row["values"] if v is not None]
        if not rows or not numbers or len(series) > len(CHART_COLOURS) or max(numbers) <= 0:
            return None
        peak = max(numbers)
        per_group = len(series) * (self.BAR_HEIGHT + 2) + self.GROUP_GAP
        groups = []
        for index, row in enumerate(rows):
            top = self.LEGEND_HEIGHT + index * per_group
            bars = []
            for n, number in enumerate(row["values"]):
                if number is None:
                    continue
                width = round(max(number, 0) / peak * self.BAR_WIDTH, 1)
                y = top + n * (self.BAR_HEIGHT + 2)
                bars.append(
                    {
                        "y": y,
                        "width": width,
                        "value": number,
                        "text_x": self.BAR_LEFT + width + 6,
                        "text_y": y + self.BAR_HEIGHT - 3,
                        "colour": CHART_COLOURS[n],
                        "series": series[n],
                    }
                )
            groups.append(
                {
                    "label": row["label"] if len(row["label"]) <= 40 else row["label"][:38] + "…",
                    "label_y": top + (len(series) * (self.BAR_HEIGHT + 2)) / 2 + 4,
                    "bars": bars,
                }
            )
        best_row, best_column, best = max(
            (
                (row["label"], series[n], number)
                for row in rows
                for n, number in enumerate(row["values"])
                if number is not None
            ),
            key=lambda item: item[2],
        )
        legend = [
            {"x": self.BAR_LEFT + n * 150, "label": label, "colour": CHART_COLOURS[n]}
            for n, label in enumerate(series)
        ]
        return {
            "groups": groups,
            "legend": legend,
            "height": self.LEGEND_HEIGHT + len(rows) * per_group,
            "width": self.BAR_LEFT + self.BAR_WIDTH + 70,
            "bar_left": self.BAR_LEFT,
            "bar_height": self.BAR_HEIGHT,
            "label_width": self.LABEL_WIDTH,
            "peak": {"row": best_row, "column": best_column, "value": best},
        }


# -- contact ----------------------------------------------------------------


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(label=_("Role"), required=False, max_length=160)
    organisation = blocks.CharBlock(label=_("Organisation"), required=False, max_length=160)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=40)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    note = blocks.TextBlock(
        label=_("Note"), required=False, help_text=_("E.g. when to call, or what to ask about.")
    )

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "blocks/contact.html"


# -- the stream -------------------------------------------------------------


class GuidanceStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        label=_("Text"), features=TEXT_FEATURES, template="blocks/rich_text.html"
    )
    info = InfoBoxBlock()
    tip = TipBoxBlock()
    deadline_calendar = DeadlineCalendarBlock()
    legal_reference = LegalReferenceBlock()
    form_template = FormTemplateBlock()
    statistics = StatisticsTableBlock()
    contact = ContactBlock()


class ContactStreamBlock(blocks.StreamBlock):
    contact = ContactBlock()
