from django.contrib import messages as flash
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from plugins import drafts
from plugins.access import fetch, permitted
from plugins.accounts.decorators import case_view
from plugins.documents import pdf_response, render_pdf
from plugins.documents.forms import DocumentUploadForm

from .forms import CaseSummaryForm
from .models import Case


@case_view
def case_list(request):
    cases = permitted(request.user, "view", Case.objects.order_by("pk"))
    return HttpResponse(",".join(str(c.pk) for c in cases), content_type="text/plain")


@case_view
def case_detail(request, pk):
    case = fetch(request, "view", Case.objects.all(), pk=pk)
    # The summary is case content: tests check it never leaks where it must not.
    return HttpResponse(f"case {case.pk}\n{case.summary}", content_type="text/plain")


@case_view
@require_POST
def case_upload(request, pk):
    """Upload a PDF to a case: 201 when stored, 400 naming the reason otherwise."""
    case = fetch(request, "edit", Case.objects.all(), pk=pk)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        document = form.store(
            student=case.student, owner="dummy", request=request, attached_to=f"Case:{case.pk}"
        )
        if document is not None:
            return HttpResponse(f"stored {document.uuid}", status=201, content_type="text/plain")
    messages = [str(m) for errors in form.errors.values() for m in errors]
    return HttpResponse("\n".join(messages), status=400, content_type="text/plain; charset=utf-8")


@case_view
def case_pdf(request, pk):
    """The case summary rendered to PDF (the plugin's "case-summary" document)."""
    from .declaration import DummyJurisdiction

    case = fetch(request, "download", Case.objects.all(), pk=pk)
    pdf = render_pdf(
        "dummy_jurisdiction/case_summary.html",
        {"case": case},
        title=f"Case {case.pk}",
        student_name=case.student.name,
        confidentiality=DummyJurisdiction.confidentiality,
    )
    import io

    return pdf_response(io.BytesIO(pdf), f"case-{case.pk}.pdf")


@case_view
def case_edit(request, pk):
    """Edit the case summary: drafts saved as one types, offered back after a session expiry."""
    case = fetch(request, "edit", Case.objects.all(), pk=pk)
    form = CaseSummaryForm(request.POST or None, instance=case)
    keys = drafts.autosave(form, request, "summary")
    if request.method == "POST" and form.is_valid():
        form.save()
        drafts.clear_draft(request.user, *keys.values())
        flash.success(request, "The summary is saved.")
        return redirect("dummy:case-edit", pk=case.pk)
    return render(request, "dummy_jurisdiction/case_edit.html", {"form": form, "case": case})
