"""Documents: uploaded files of the student's IOP, and the PDFs made from the IOP."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins.access import can, fetch
from plugins.accounts.decorators import case_view
from plugins.documents import delete_document, fetch_document
from plugins.documents.forms import DocumentUploadForm
from plugins.registry import registry
from plugins.sdk import views as sdk

from .. import forms as f
from ..documents import IOP_RECORDS, download_action, iop_pdf_context
from ..models import CODE, CertificateAppendix, Iop
from .common import ctx, iop_qs


@case_view
@require_POST
def document_upload(request, pk):
    iop = fetch(request, "upload", iop_qs(), pk=pk)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        doc = form.store(
            student=iop.student, owner=CODE, request=request, record_type="IopDocument"
        )
        if doc is not None:
            messages.success(request, _("“%(title)s” is uploaded.") % {"title": doc.title})
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(reverse("no-iskole:iop", args=[iop.pk]) + "#documents")


def _iop_and_back(doc):
    """The student's latest IOP (the page a document belongs to), and the way back to it."""
    iop = Iop.objects.filter(student_id=doc.student_id).order_by("-school_year__starts").first()
    if iop is None:
        return None, reverse("no-iskole:index")
    return iop, reverse("no-iskole:iop", args=[iop.pk]) + "#documents"


@case_view
def document_edit(request, uuid):
    doc = fetch_document(request, "edit", uuid)
    iop, back = _iop_and_back(doc)
    return sdk.edit_record(
        request,
        doc,
        f.DocumentEditForm(request.POST or None, instance=doc),
        template="no_iskole/form_page.html",
        success=_("The document is saved."),
        back=back,
        context=ctx(heading=_("Edit document"), iop=iop),
    )


@case_view
def document_delete(request, uuid):
    """Deleting asks for confirmation, and is refused while the document is attached."""
    doc = fetch_document(request, "view", uuid)
    iop, back = _iop_and_back(doc)
    page = ctx(doc=doc, back=back, iop=iop)
    if not can(request.user, "delete", doc):
        if not can(request.user, "edit", doc):
            raise PermissionDenied
        return render(
            request, "no_iskole/document_delete.html", {**page, "attached": True}, status=409
        )
    if request.method == "POST":
        doc = fetch_document(request, "delete", uuid)
        delete_document(doc)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": doc.title})
        return redirect(back)
    return render(request, "no_iskole/document_delete.html", {**page, "attached": False})


@case_view
def iop_pdf(request, pk, doc):
    """A PDF made from the IOP (``doc`` is the code of one of its ``DocumentSpec``s)."""
    specs = {s.code: s for s in registry.get(CODE).documents if s.record in IOP_RECORDS}
    if doc not in specs:
        raise Http404
    if specs[doc].record == "CertificateAppendix":
        qs = CertificateAppendix.objects.select_related("iop__student__person", "iop__school_year")
        record = fetch(request, download_action(doc), qs, iop_id=pk)
        iop = record.iop
    else:
        record = iop = fetch(request, download_action(doc), iop_qs(), pk=pk)
    return sdk.document_response(
        request,
        record,
        doc,
        iop_pdf_context(request.user, iop),
        filename=[doc, iop.student.person.family_name.lower()],
    )
