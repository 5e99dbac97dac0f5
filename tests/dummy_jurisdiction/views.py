from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from plugins.access import fetch, permitted
from plugins.accounts.decorators import case_view
from plugins.documents.forms import DocumentUploadForm
from plugins.sdk import views as sdk

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
    case = fetch(request, "download", Case.objects.all(), pk=pk)
    return sdk.document_response(
        request, case, "case-summary", {"case": case}, filename=("case", case.pk)
    )


@case_view
def case_edit(request, pk):
    """Edit the case summary: drafts saved as one types, offered back after a session expiry."""
    case = fetch(request, "edit", Case.objects.all(), pk=pk)
    return sdk.edit_record(
        request,
        case,
        CaseSummaryForm(request.POST or None, instance=case),
        template="dummy_jurisdiction/case_edit.html",
        context={"case": case},
        success="The summary is saved.",
        back=reverse("dummy:case-edit", args=[case.pk]),
        autosave=("summary",),
    )


@case_view
@require_POST
def case_step(request, pk, name):
    """Fire a step of the case's workflow (share, approve, close) from the case page."""
    case = fetch(request, "view", Case.objects.all(), pk=pk)
    return sdk.fire_step(
        request,
        case,
        name,
        back=sdk.safe_back(request, reverse("dummy:case", args=[case.pk])),
        note=request.POST.get("note", "")[:500],
    )
