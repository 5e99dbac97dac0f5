"""Every document template a plugin declares renders to a valid PDF with the shared page.

Part of the conformance suite: select one plugin with ``-k <code>``.
"""

import io

import pytest
from pypdf import PdfReader

from plugins.documents import render_pdf
from plugins.documents.services import document_types
from plugins.registry import registry
from tests.pdf_structure import assert_accessible_pdf

pytestmark = pytest.mark.django_db


def _document_cases():
    for j in registry.all():
        for spec in j.documents:
            yield pytest.param(j.code, spec.code, id=f"{j.code}-{spec.code}")


def _document_record_types():
    for j in registry.all():
        for name in document_types(j):
            yield pytest.param(j.code, name, id=f"{j.code}-{name}")


@pytest.mark.parametrize("code,spec_code", list(_document_cases()))
def test_document_template_renders(code, spec_code, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    j = registry.get(code)
    spec = next(s for s in j.documents if s.code == spec_code)
    record = j.conformance_factory().make_record(spec.record)
    context = {"record": record, spec.record.lower(): record}
    pdf = render_pdf(
        spec.template,
        context,
        title=str(spec.label),
        student_name="Conformance Student",
        confidentiality=j.confidentiality,
        language=(j.languages or (None,))[0],
    )
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    assert len(reader.pages) >= 1
    text = reader.pages[0].extract_text()
    assert "Conformance Student" in text and str(spec.label) in text
    if j.confidentiality:
        assert j.confidentiality in text
    language = (j.languages or ("en",))[0]
    roles = assert_accessible_pdf(
        pdf, language=settings.LANGUAGE_TAGS.get(language, language), title=str(spec.label)
    )
    # Reading order follows the document: one document element, its title among the first.
    assert roles[0] == "/Document" and "/H1" in roles[:12]


@pytest.mark.parametrize("code,record_type", list(_document_record_types()))
def test_document_record_types_are_proxies_with_download_cells(code, record_type):
    """A plugin's document type is a proxy of Document, and its matrix says who downloads it."""
    j = registry.get(code)
    model = j.record_model(record_type)
    assert model._meta.proxy and model.portal_student_path
    assert j.cells(record_type, "download"), f"{code}: {record_type} has no download cell"
    assert registry.for_record(model) == (j, record_type)
