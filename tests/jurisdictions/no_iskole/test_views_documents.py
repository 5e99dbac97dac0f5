"""Documents: uploaded files and the PDFs made from the IOP (codes, titles, templates
come from the declaration's ``DocumentSpec``s)."""

import pytest

from jurisdictions.no_iskole.models import CODE, IopDocument, Stage
from plugins.audit.models import AuditEvent
from plugins.documents import store_upload
from plugins.registry import registry

from .helpers import make_application, make_iop
from .test_rules import pdf_upload, url

pytestmark = pytest.mark.django_db


def _document(school, **fields):
    return store_upload(
        pdf_upload("Expert assessment"),
        student=school.student,
        owner=CODE,
        record_type="IopDocument",
        **fields,
    )


@pytest.mark.parametrize("code", ["iop", "half-year", "annual-report", "certificate-appendix"])
def test_every_iop_document_downloads_with_one_pdf(school, verified_client, code):
    iop = make_iop(school, Stage.IN_PREPARATION)
    response = verified_client(school.coordinator).get(url("iop-pdf", iop.pk, code))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    family = school.student.person.family_name.lower()
    name = response["Content-Disposition"]
    assert f"{code}-{family}.pdf" in name and ".pdf.pdf" not in name


def test_only_the_declared_iop_documents_are_served(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    client = verified_client(school.coordinator)
    assert client.get(url("iop-pdf", iop.pk, "student-application")).status_code == 404
    assert client.get(url("iop-pdf", iop.pk, "nonsense")).status_code == 404


def test_the_iop_page_lists_the_declared_documents_by_their_labels(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    page = verified_client(school.coordinator).get(url("iop", iop.pk))
    listed = dict(page.context["pdfs"])
    declared = {
        s.code: s.label for s in registry.get(CODE).documents if s.record != "StudentApplication"
    }
    assert listed == declared


def test_the_family_gets_no_document_before_publication(school, verified_client):
    iop = make_iop(school, Stage.PUBLISHED_TO_FAMILY)
    family = verified_client(school.guardian)
    assert family.get(url("iop-pdf", iop.pk, "iop")).status_code == 200
    assert family.get(url("iop-pdf", iop.pk, "half-year")).status_code in (403, 404)
    assert dict(family.get(url("iop", iop.pk)).context["pdfs"]).keys() == {"iop"}


def test_a_document_edit_saves_once_and_refuses_an_empty_title(school, verified_client):
    make_iop(school, Stage.IN_PREPARATION)
    doc = _document(school)
    client = verified_client(school.coordinator)
    page = url("document-edit", doc.uuid)
    assert client.post(page, {"title": ""}).status_code == 400
    before = AuditEvent.objects.filter(record_id=str(doc.pk), record_type="IopDocument").count()
    assert (
        client.post(page, {"title": "PPT report", "visible_to_teachers": "on"}).status_code == 302
    )
    rows = AuditEvent.objects.filter(record_id=str(doc.pk), record_type="IopDocument")
    assert list(rows.order_by("pk")[before:].values_list("action", "role")) == [
        ("edit", "coordinator")
    ]
    doc.refresh_from_db()
    assert doc.title == "PPT report" and doc.visible_to_teachers


def test_an_attached_document_is_not_deleted(school, verified_client):
    app = make_application(school)
    doc = _document(school, attached_to=app.attached_key)
    client = verified_client(school.coordinator)
    assert client.post(url("document-delete", doc.uuid)).status_code == 409
    assert IopDocument.objects.filter(pk=doc.pk).exists()
    free = _document(school)
    assert client.post(url("document-delete", free.uuid)).status_code == 302
    assert not IopDocument.objects.filter(pk=free.pk).exists()
