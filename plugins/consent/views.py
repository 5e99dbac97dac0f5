"""Family pages for consent: "My consents", one request, answering it, and receipts.

Every page needs a verified second factor and is never cached (``case_view``);
answering needs a fresh one (step-up): when it is stale the person is sent to
confirm a code and nothing is recorded. A request the person may not see
answers 404; every opening, answer and download goes to the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from plugins import audit
from plugins.accounts.decorators import case_view
from plugins.accounts.stepup import ask_for_fresh_factor

from . import service
from .forms import ReasonForm, SignForm
from .models import ConsentReceipt, ConsentRequest, Signers
from .receipts import render_receipt_pdf

Status = ConsentRequest.Status

#: The groups on "My consents", in the order shown.
GROUPS = (
    (Status.PENDING, gettext_lazy("Waiting for an answer")),
    (Status.SIGNED, gettext_lazy("Signed")),
    (Status.REFUSED, gettext_lazy("Refused")),
    (Status.WITHDRAWN, gettext_lazy("Withdrawn")),
    (Status.SUPERSEDED, gettext_lazy("Replaced by a newer version")),
)

SIGNER_RULES = {
    Signers.ANY_GUARDIAN: gettext_lazy("One guardian signs for the child."),
    Signers.ALL_GUARDIANS: gettext_lazy("Every guardian must sign."),
    Signers.STUDENT_OF_AGE: gettext_lazy("The student signs, once of age."),
    Signers.GUARDIAN_OR_STUDENT: gettext_lazy(
        "A guardian signs while the child is under age; after that the student signs."
    ),
    Signers.NAMED: gettext_lazy("A named person signs."),
}


def _audit(request, action, req, *, role="", outcome="ok", attempted=""):
    record = service.record_of(req)
    if record is not None:
        return audit.record(
            request, action, record=record, role=role, outcome=outcome, attempted=attempted
        )
    return audit.record(
        request,
        action,
        student=req.student,
        role=role,
        outcome=outcome,
        attempted=attempted,
        jurisdiction=req.jurisdiction,
        record_type=req.record_type,
        record_id=req.record_id,
    )


def _viewer_role(user, req) -> str:
    role = service.signer_role(user, req)
    if role:
        return role
    mine = req.receipts.filter(signer_id=user.pk).order_by("-at").first()
    if mine is not None:
        return mine.signer_role
    return service.family_role(user, req)


def _request_or_404(request, pk, attempted="view") -> ConsentRequest:
    req = ConsentRequest.objects.select_related("student__person").filter(pk=pk).first()
    if req is None:
        raise Http404
    if not service.may_view(request.user, req):
        _audit(request, "denied", req, outcome="404", attempted=attempted)
        raise Http404
    return req


def _describe(req) -> dict:
    spec = service.spec_of(req)
    jurisdiction = service.jurisdiction_of(req)
    unlocks = ""
    if spec is not None and spec.unlocks:
        unlocks = spec.unlocks
        workflow = getattr(jurisdiction, "workflow_for", lambda _r: None)(spec.record)
        if workflow is not None:
            try:
                unlocks = str(workflow.transition(spec.unlocks).label or spec.unlocks)
            except KeyError:
                pass
    return {
        "consent": req,
        "label": str(spec.label) if spec else req.spec_code,
        "jurisdiction_name": str(jurisdiction.name),
        "unlocks": unlocks,
        "rule": SIGNER_RULES.get(req.signers, ""),
    }


@case_view
@require_GET
def mine(request):
    user = request.user
    groups = {status: [] for status, _label in GROUPS}
    for req in service.requests_of(user):
        item = _describe(req)
        item["signed_by_me"] = req.status == Status.PENDING and service.has_signed(user, req)
        groups.setdefault(req.status, []).append(item)
    return render(
        request,
        "consent/mine.html",
        {
            "groups": [
                {"status": status, "label": label, "items": groups[status]}
                for status, label in GROUPS
                if status != Status.SUPERSEDED or groups[status]
            ],
            "any": any(groups.values()),
        },
    )


def language_name(code: str) -> str:
    """The language's own name, as the portal's language menu shows it ("Norsk bokmål")."""
    return str(dict(settings.LANGUAGES).get(code, code))


def language_tag(code: str) -> str:
    """The BCP 47 tag for a ``lang`` attribute ("sr-latn" -> "sr-Latn")."""
    return getattr(settings, "LANGUAGE_TAGS", {}).get(code, code)


def _version_context(req, version) -> dict:
    reader = service.normalize_language(translation.get_language())
    url = reverse("consent:document", args=[req.pk])
    if version.language != req.language:
        url += f"?language={version.language}"
    return {
        "version": version,
        "version_language": language_name(version.language),
        "version_language_tag": language_tag(version.language),
        "other_language": version.language != reader,
        "document_url": url,
    }


def _detail_context(request, req, *, sign_form=None, reason_form=None, withdraw_form=None):
    user = request.user
    receipts = list(req.receipts.order_by("at", "pk"))
    newer = req.superseded_by
    if newer is not None and not service.may_view(user, newer):
        newer = None
    context = _describe(req)
    context.update(_version_context(req, service.version_for(req)))
    context.update(
        {
            "student": req.student,
            "can_sign": service.may_sign(user, req),
            "can_withdraw": service.may_withdraw(user, req),
            "signed_by_me": service.has_signed(user, req),
            "receipts": [
                {"receipt": r, "role": service.ROLE_LABELS.get(r.signer_role, r.signer_role)}
                for r in receipts
            ],
            "newer": newer,
            "sign_form": sign_form or SignForm(),
            "reason_form": reason_form or ReasonForm(prefix="refuse"),
            "withdraw_form": withdraw_form or ReasonForm(prefix="withdraw"),
        }
    )
    form = context["sign_form"]
    if form.is_bound and form.errors.get("read"):
        form.fields["read"].widget.attrs.update(
            {"aria-invalid": "true", "aria-describedby": "read-error"}
        )
    if req.signers == Signers.ALL_GUARDIANS and req.status == Status.PENDING:
        context["required_count"] = len(service.required_guardians(req))
        context["signed_count"] = len(service.signed_by(req) & service.required_guardians(req))
    return context


@case_view
@require_GET
def detail(request, pk):
    req = _request_or_404(request, pk)
    _audit(request, "view", req, role=_viewer_role(request.user, req))
    return render(request, "consent/detail.html", _detail_context(request, req))


@case_view
@require_POST
def answer(request, pk):
    """Sign, refuse or withdraw. Nothing is recorded without a fresh second factor."""
    req = _request_or_404(request, pk, attempted="sign")
    detail_url = reverse("consent:detail", args=[req.pk])
    decision = request.POST.get("decision")
    if decision == "sign":
        form = SignForm(request.POST)
        forms = {"sign_form": form}
    elif decision in ("refuse", "withdraw"):
        form = ReasonForm(request.POST, prefix=decision)
        forms = {"reason_form" if decision == "refuse" else "withdraw_form": form}
    else:
        messages.error(request, _("Choose whether to sign, refuse or withdraw."))
        return redirect(detail_url)
    if not form.is_valid():
        context = _detail_context(request, req, **forms)
        return render(request, "consent/detail.html", context, status=400)
    # The fingerprint and language of the version the page showed: that is what is answered.
    shown = {
        "version": (request.POST.get("version") or "").strip() or None,
        "language": (request.POST.get("language") or "").strip() or None,
    }
    evidence = service.Evidence.of(request)
    try:
        if decision == "sign":
            service.sign(req, evidence, **shown)
            messages.success(request, _("Thank you. You have signed. Your receipt is below."))
        elif decision == "refuse":
            service.refuse(req, evidence, reason=form.cleaned_data["reason"], **shown)
            messages.success(request, _("You have refused. Your answer is recorded below."))
        else:
            service.withdraw(req, evidence, reason=form.cleaned_data["reason"], **shown)
            messages.success(request, _("You have withdrawn your consent. This is recorded below."))
    except service.StepUpRequired:
        return ask_for_fresh_factor(request, detail_url)
    except service.SignerNotAllowed:
        _audit(
            request,
            "denied",
            req,
            role=_viewer_role(request.user, req),
            outcome="403",
            attempted="sign",
        )
        raise PermissionDenied from None
    except service.NotOpen as exc:
        messages.error(request, str(exc))
    return redirect(detail_url + "#answers")


@case_view
@require_GET
def document(request, pk):
    """The exact bytes of the document, as hashed (for documents that are not plain text).

    The version in ``?language=`` when the request has it, else the one the
    reader's page shows.
    """
    req = _request_or_404(request, pk, attempted="download")
    version = service.version_for(req, request.GET.get("language"))
    _audit(request, "download", req, role=_viewer_role(request.user, req))
    response = HttpResponse(bytes(version.content), content_type=version.media_type)
    extension = (
        "pdf" if version.media_type == "application/pdf" else "txt" if version.is_text else "bin"
    )
    suffix = "" if version.language == req.language else f"-{version.language}"
    response["Content-Disposition"] = (
        f'attachment; filename="consent-{req.pk}-document{suffix}.{extension}"'
    )
    response["Content-Language"] = language_tag(version.language)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@case_view
@require_GET
def receipt_pdf(request, pk):
    receipt = (
        ConsentReceipt.objects.select_related("request__student__person").filter(pk=pk).first()
    )
    if receipt is None:
        raise Http404
    allowed, role = service.may_download_receipt(request.user, receipt)
    if not allowed:
        _audit(request, "denied", receipt.request, outcome="404", attempted="download")
        raise Http404
    pdf = render_receipt_pdf(receipt)
    _audit(request, "download", receipt.request, role=role)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="consent-receipt-{receipt.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
