"""Each editor block: validation, accessible markup, API shape."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.models import Document

from plugins.sdk import DocumentSpec, MenuItem
from portal.guidance import blocks

from .conftest import items


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def rendered(block, raw):
    value = block.to_python(raw)
    return value, block.render(value, context={"block_id": "b1"})


def test_deadline_row_needs_a_date_or_words():
    row = blocks.DeadlineRowBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        row.clean(row.to_python({"action": "Apply", "responsible": "Student"}))
    assert "starts" in excinfo.value.block_errors


def test_deadline_row_period_cannot_end_before_it_starts():
    row = blocks.DeadlineRowBlock()
    value = row.to_python(
        {"action": "Apply", "responsible": "Student", "starts": "2026-02-01", "ends": "2026-01-15"}
    )
    with pytest.raises(StructBlockValidationError) as excinfo:
        row.clean(value)
    assert "ends" in excinfo.value.block_errors


def test_deadline_row_with_words_only_is_valid():
    row = blocks.DeadlineRowBlock()
    cleaned = row.clean(
        row.to_python({"action": "Follow up", "responsible": "School", "when_text": "continuously"})
    )
    assert cleaned["when_text"] == "continuously"


def test_deadline_calendar_renders_a_table_and_a_timeline(db):
    block = blocks.DeadlineCalendarBlock()
    raw = {
        "title": "Before the deadline",
        "introduction": "",
        "rows": items(
            {
                "action": "Extension",
                "responsible": "Student",
                "starts": "2026-01-15",
                "ends": None,
                "when_text": "",
                "purpose": "Clarify",
            },
            {
                "action": "Expert assessments",
                "responsible": "PPT",
                "starts": "2025-10-01",
                "ends": "2026-02-01",
                "when_text": "",
                "purpose": "",
            },
            {
                "action": "Copies to PPT",
                "responsible": "School",
                "starts": None,
                "ends": None,
                "when_text": "continuously",
                "purpose": "",
            },
        ),
    }
    value, html = rendered(block, raw)

    # The table: every column headed, each row headed by its action, dates machine-readable.
    assert html.count('scope="col"') == 4
    assert '<th scope="row" role="rowheader">Extension</th>' in html
    assert '<time datetime="2026-01-15">' in html
    assert '<time datetime="2025-10-01">' in html and '<time datetime="2026-02-01">' in html
    assert "continuously" in html
    # The timeline is an image whose title and description exist in the SVG.
    svg = re.search(r"<svg[^>]*role=\"img\"[^>]*>", html).group(0)
    labelled_by = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    for dom_id in labelled_by:
        assert f'id="{dom_id}"' in html
    # Dated rows only: a period as a bar, a single date as a dot.
    timeline = block.timeline(value["rows"])
    assert len(timeline["items"]) == 2
    assert timeline["starts"] == datetime.date(2025, 8, 1)
    assert timeline["ends"] == datetime.date(2026, 7, 31)
    extension, assessments = timeline["items"]
    assert extension["width"] == 0 and assessments["width"] > 0
    assert assessments["x"] < extension["x"]
    assert html.count('class="tl-bar"') == 1 and html.count('class="tl-dot"') == 1


def test_timeline_spans_two_years_when_rows_do():
    block = blocks.DeadlineCalendarBlock()
    rows = block.to_python(
        {
            "title": "t",
            "rows": items(
                {"action": "a", "responsible": "r", "starts": "2025-09-01"},
                {"action": "b", "responsible": "r", "starts": "2026-09-01"},
            ),
        }
    )["rows"]
    timeline = block.timeline(rows)
    assert len(timeline["months"]) == 24
    assert timeline["ends"] == datetime.date(2027, 7, 31)


def test_statistics_rows_must_match_the_columns():
    block = blocks.StatisticsTableBlock()
    value = block.to_python(
        {
            "caption": "c",
            "row_heading": "Group",
            "columns": items("2023", "2024"),
            "rows": items({"label": "A", "values": items(1.0), "is_total": False}),
        }
    )
    with pytest.raises(ValidationError, match="has 1 values; the table has 2 columns"):
        block.clean(value)


def test_statistics_table_and_chart(db):
    block = blocks.StatisticsTableBlock()
    raw = {
        "caption": "Admitted students",
        "row_heading": "Group",
        "columns": items("2023/24", "2024/25"),
        "rows": items(
            {"label": "Everyday-life training", "values": items(80.0, 40.0), "is_total": False},
            {"label": "Work-life training", "values": items(20.0, 51.5), "is_total": False},
            {"label": "All", "values": items(100.0, 91.5), "is_total": True},
        ),
        "note": "Demo figures.",
        "show_chart": True,
    }
    value, html = rendered(block, raw)
    assert "<caption" in html and "Admitted students</caption>" in html
    assert '<tr class="total">' in html
    assert ">51.5<" in html and ">100<" in html  # as people write figures
    with translation.override("nb"):
        assert ">51,5<" in block.render(value, context={"block_id": "b2"})
    chart = block.chart(value)
    # The total row is left out; bars are proportional to the largest value.
    assert [g["label"] for g in chart["groups"]] == ["Everyday-life training", "Work-life training"]
    widths = {(b["series"], b["value"]): b["width"] for g in chart["groups"] for b in g["bars"]}
    assert widths[("2023/24", 80.0)] == block.BAR_WIDTH
    assert widths[("2024/25", 40.0)] == block.BAR_WIDTH / 2
    assert chart["peak"] == {"row": "Everyday-life training", "column": "2023/24", "value": 80.0}
    # The chart is an image with a text alternative naming the largest value.
    assert 'role="img"' in html
    assert "The largest value is 80 (Everyday-life training, 2023/24)." in html


def test_statistics_without_chart(db):
    block = blocks.StatisticsTableBlock()
    raw = {
        "caption": "c",
        "row_heading": "g",
        "columns": items("x"),
        "rows": items({"label": "a", "values": items(3.0), "is_total": False}),
        "show_chart": False,
    }
    _, html = rendered(block, raw)
    assert "<svg" not in html


def test_legal_reference_is_an_expanding_citation(legal_refs):
    block = blocks.LegalReferenceBlock()
    ref = legal_refs["5-1"]
    value, html = rendered(block, {"reference": ref.pk, "comment": "Why it matters here."})
    assert "<details>" in html and "<summary>" in html
    assert '<cite class="legal-citation">Education Act § 5-1</cite>' in html
    assert ref.explanation in html and "Why it matters here." in html
    assert f'href="{ref.url}"' in html
    assert block.get_api_representation(value)["reference"]["section"] == "§ 5-1"


def test_callouts_are_notes(db):
    _, info = rendered(blocks.InfoBoxBlock(), {"heading": "Remember", "text": "<p>x</p>"})
    _, tip = rendered(blocks.TipBoxBlock(), {"heading": "", "text": "<p>y</p>"})
    assert 'role="note"' in info and 'aria-label="Remember"' in info
    assert 'role="note"' in tip and "Tip" in tip


def test_contact_card_links_phone_and_email(db):
    _, html = rendered(
        blocks.ContactBlock(),
        {
            "name": "Ada Example",
            "role": "Adviser",
            "organisation": "County",
            "phone": "+47 70 00 10 01",
            "email": "ada@example.org",
            "note": "",
        },
    )
    assert 'href="tel:+4770001001"' in html
    assert 'href="mailto:ada@example.org"' in html


class FakeRegistry:
    def __init__(self, *jurisdictions):
        self._by_code = {j.code: j for j in jurisdictions}

    def all(self):
        return list(self._by_code.values())

    def get(self, code):
        return self._by_code[code]

    def __contains__(self, code):
        return code in self._by_code


ACME = SimpleNamespace(
    code="acme-iop",
    name="ACME IOP",
    urls="acme.urls",
    menu=(MenuItem("Applications", "acme-iop:index"),),
    documents=(
        DocumentSpec("half-year", "Half-year assessment", record="Plan", template="x.html"),
    ),
)


def test_form_template_choices_come_from_the_installed_plugins(monkeypatch):
    monkeypatch.setattr(blocks, "registry", FakeRegistry(ACME))
    choices = dict(blocks.plugin_form_choices())
    assert choices == {
        "acme-iop:page:acme-iop:index": "ACME IOP: Applications",
        "acme-iop:document:half-year": "ACME IOP: Half-year assessment",
    }
    block = blocks.FormTemplateBlock()
    field_choices = [c[0] for c in block.child_blocks["plugin_form"].field.choices]
    assert "acme-iop:document:half-year" in field_choices
    monkeypatch.setattr(blocks, "registry", FakeRegistry())
    assert blocks.plugin_form_choices() == []


def test_form_template_links_the_plugin_or_falls_back_to_the_document(db, monkeypatch):
    document = Document(title="Half-year report (template)")
    document.file.save("half-year.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    block = blocks.FormTemplateBlock()
    raw = {
        "title": "Half-year report",
        "description": "",
        "plugin_form": "acme-iop:document:half-year",
        "document": document.pk,
    }

    monkeypatch.setattr(blocks, "registry", FakeRegistry(ACME))
    value, html = rendered(block, raw)
    assert 'href="/j/acme-iop/"' in html and "ACME IOP" in html
    assert f'href="{document.url}"' in html
    assert block.get_api_representation(value)["plugin_form"]["jurisdiction"] == "ACME IOP"

    monkeypatch.setattr(blocks, "registry", FakeRegistry())  # the plugin was uninstalled
    value, html = rendered(block, raw)
    assert "/j/acme-iop/" not in html
    assert f'href="{document.url}"' in html
    assert block.get_api_representation(value)["document"]["url"] == document.url


def test_form_template_needs_a_plugin_form_or_a_document(db):
    block = blocks.FormTemplateBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "Form", "plugin_form": "", "document": None}))
