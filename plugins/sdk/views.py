"""The SDK's page layer: what every jurisdiction's pages do, written once.

A plugin's views load the record through ``plugins.access.fetch`` (checked and
audited once) and hand the rest to these helpers, so that every jurisdiction
answers alike: an invalid form is a 400 with the error summary, a step that
needs a fresh second factor resumes with what was posted once the code is
given, a refused step is a 403 with a ``denied`` audit row, a document is a
PDF download whose file name ends in one ``.pdf``.

    from plugins.access import fetch
    from plugins.accounts.decorators import case_view
    from plugins.sdk import views as sdk

    @case_view
    @require_POST
    def plan_step(request, pk, name):
        plan = fetch(request, "view", Plan.objects.all(), pk=pk)
        return sdk.fire_step(request, plan, name, back=reverse("dk-plan:plan", args=[pk]))

    @case_view
    def plan_edit(request, pk):
        plan = fetch(request, "edit", Plan.objects.all(), pk=pk)
        return sdk.edit_record(
            request, plan, PlanForm(request.POST or None, instance=plan),
            template="dk_plan/plan_form.html", success=_("The plan is saved."),
            back=reverse("dk-plan:plan", args=[pk]),
        )

    @case_view
    def plan_pdf(request, pk):
        plan = fetch(request, "download", Plan.objects.all(), pk=pk)
        return sdk.document_response(request, plan, "plan", {"plan": plan})

The step-up itself needs nothing in the view: a ``StepUpRequired`` raised
anywhere below a ``case_view`` (``fire``, the consent service) becomes the code
page, and the posted form is done again after the code
(``plugins.accounts.stepup``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

#: Rows on one page of a list (``paginate``).
PAGE_SIZE = 50


def safe_back(request, default: str) -> str:
    """Where to go after a post: the posted or asked ``next`` if it is a path on this site."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    if back.startswith("/") and not back.startswith("//") and "\\" not in back:
        return back
    return default


def fire_step(
    request,
    record,
    name: str,
    *,
    back: str,
    note: str = "",
    success: str | None = None,
    on_error: Callable[[str], HttpResponse] | None = None,
) -> HttpResponse:
    """Fire transition ``name`` on ``record`` as ``request.user`` and answer the post.

    - done: a success message (``success``, else "Done: <step>.") and a redirect to ``back``;
    - not allowed for this person: a ``denied`` audit row and 403;
    - a fresh second factor needed: ``StepUpRequired`` goes up to ``case_view``, which
      asks for the code and then posts the same form again;
    - not possible now (state, guard, consent): the reason as an error message and a
      redirect to ``back``, or ``on_error(reason)`` when the page shows it in a form.
    """
    from plugins import audit
    from plugins.accounts import StepUpRequired
    from plugins.workflow import TransitionDenied, TransitionError, fire, transition_label

    try:
        fire(record, name, request.user, note=note, request=request)
    except StepUpRequired:
        raise
    except TransitionDenied:
        audit.record(request, "denied", record=record, outcome="403", attempted=name[:30])
        raise PermissionDenied from None
    except TransitionError as exc:
        if on_error is not None:
            return on_error(str(exc))
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(
        request, success or _("Done: %(step)s.") % {"step": transition_label(record, name)}
    )
    return redirect(back)


def edit_record(
    request,
    record,
    form,
    *,
    template: str,
    success: str,
    back: str,
    context: dict | None = None,
    action: str = "edit",
    autosave: Iterable[str] = (),
    save: Callable | None = None,
) -> HttpResponse:
    """The edit page of ``record``: the form on GET; on POST, save it or answer 400.

    ``form`` is bound to ``request.POST`` on a post (``Form(request.POST or None, ...)``);
    a ``VersionedModelForm`` refuses a save over someone else's. On a valid post the
    record is locked and ``action`` checked again (the record may have moved on since
    the page was opened), then ``save(form)`` (default ``form.save()``) runs in the
    same transaction, drafts of ``autosave`` fields are cleared, and the person is
    sent to ``back`` with ``success``. The audit row is the one ``fetch`` wrote when
    the record was loaded for ``action``: this writes none.
    """
    from plugins import drafts
    from plugins.access import can

    keys = drafts.autosave(form, request, *autosave) if autosave else {}
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                if record is not None and record.pk:
                    locked = type(record)._default_manager.select_for_update().get(pk=record.pk)
                    if not can(request.user, action, locked):
                        raise PermissionDenied
                (save or (lambda f: f.save()))(form)
            if keys:
                drafts.clear_draft(request.user, *keys.values())
            messages.success(request, success)
            return redirect(back)
    page = {"form": form, "back": back, **(context or {})}
    return render(request, template, page, status=400 if request.method == "POST" else 200)


def document_filename(*parts) -> str:
    """A download's file name from its parts ("iop", a name, a year), ending in one ``.pdf``."""
    from plugins.documents import safe_filename

    return safe_filename("-".join(str(p) for p in parts if p), basename=False)


def document_spec(record, code: str):
    """The ``DocumentSpec`` ``code`` of the jurisdiction that owns ``record`` (404 if none)."""
    from plugins.registry import registry

    jurisdiction, name = registry.for_record(record)
    for spec in jurisdiction.documents:
        if spec.code == code and spec.record in (name, type(record).__name__):
            return spec
    raise Http404


def document_response(
    request,
    record,
    code: str,
    context: dict,
    *,
    filename: Iterable | None = None,
    language: str | None = None,
) -> HttpResponse:
    """Render document ``code`` (a ``DocumentSpec`` of the record's jurisdiction) as a download.

    The template, title and confidentiality marking come from the declaration; the
    file name is the document's code and the record's id unless ``filename`` names
    its parts. Access and audit are the caller's ``fetch(request, "download", ...)``.
    """
    from plugins.documents import pdf_response, render_pdf
    from plugins.registry import registry

    spec = document_spec(record, code)
    jurisdiction = registry.for_record(record)[0]
    student = _student_of(record)
    pdf = render_pdf(
        spec.template,
        context,
        title=str(spec.label),
        student_name=getattr(student, "name", "") if student is not None else "",
        confidentiality=str(jurisdiction.confidentiality),
        language=language,
    )
    parts = list(filename) if filename is not None else [spec.code, record.pk]
    return pdf_response(io.BytesIO(pdf), document_filename(*parts))


def _student_of(record):
    from plugins.audit import student_id_of
    from plugins.models import Student

    pk = student_id_of(record)
    return Student.objects.filter(pk=pk).select_related("person").first() if pk else None


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """One page of ``queryset`` by ``?page=`` (the last page when the number is too high)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def filtered(request, queryset, filters: dict[str, str]):
    """``queryset`` narrowed by the query parameters named in ``filters``.

    ``filters`` maps a parameter to a lookup (``{"group": "group_id", "status": "status"}``);
    empty parameters are ignored. Returns the queryset and the values in use.
    """
    from django.core.exceptions import ValidationError

    chosen = {}
    for param, lookup in filters.items():
        value = (request.GET.get(param) or "").strip()
        if value:
            chosen[param] = value
            try:
                queryset = queryset.filter(**{lookup: value})
            except (ValueError, ValidationError):
                queryset = queryset.none()  # a value of the wrong kind matches nothing
    return queryset, chosen
