"""Cases of students who left: close a case, and delete it once its retention period ends.

Every student is loaded through ``plugins.access.get_permitted_or_404`` with
the actions ``close_case`` / ``delete_case``; a refusal is audited and
answers 404 (not one of your cases) or 403 (not due yet).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plugins import audit, retention
from plugins.access import get_permitted_or_404
from plugins.accounts.decorators import case_view, step_up_required
from plugins.models import Student

from .forms import CloseForm, DeleteForm

PAGE_SIZE = 50
SEARCH_LIMIT = 50


def _load(request, action: str, pk: int) -> Student:
    """The student, if ``request.user`` may do ``action`` on their case; else audited 404/403."""
    queryset = Student.objects.select_related("person", "school", "group")
    try:
        return get_permitted_or_404(request.user, action, queryset, pk=pk)
    except (Http404, PermissionDenied) as exc:
        audit.record(
            request,
            "denied",
            record_type="Student",
            record_id=str(pk),
            outcome="404" if isinstance(exc, Http404) else "403",
            attempted=action,
        )
        raise


def _row(student):
    student.kept_until = retention.kept_until(student)
    return student


@require_GET
@case_view
def case_list(request):
    cases = retention.cases_for(request.user).select_related("person", "school", "group")
    if not cases.exists():
        raise Http404
    today = timezone.localdate()
    closed = [_row(s) for s in cases.filter(left_on__isnull=False).order_by("left_on", "pk")]
    due = [s for s in closed if s.kept_until < today]
    kept = [s for s in closed if s.kept_until >= today]
    q = (request.GET.get("q") or "").strip()[:100]
    found, searched = [], len(q) >= 2
    if searched:
        words = Q()
        for word in q.split()[:4]:
            words &= Q(person__given_name__icontains=word) | Q(person__family_name__icontains=word)
        found = list(cases.filter(words, left_on__isnull=True)[:SEARCH_LIMIT])
    return render(
        request,
        "retention/cases.html",
        {
            "due": due,
            "kept": Paginator(kept, PAGE_SIZE).get_page(request.GET.get("page")),
            "q": q,
            "searched": searched,
            "too_short": bool(q) and not searched,
            "found": found,
            "today": today,
            "close_form": CloseForm(initial={"left_on": today}),
        },
    )


@require_POST
@case_view
def close_case(request, pk):
    student = _load(request, retention.CLOSE, pk)
    form = CloseForm(request.POST, student=student)
    if not form.is_valid():
        for error in form.errors.get("left_on", []):
            messages.error(
                request, _("%(name)s: %(error)s") % {"name": student.name, "error": error}
            )
        return redirect("retention:list")
    retention.close(request, student, form.cleaned_data["left_on"])
    messages.success(
        request,
        _("The case of %(name)s is closed. It is kept until %(day)s.")
        % {"name": student.name, "day": retention.kept_until(student).isoformat()},
    )
    return redirect("retention:list")


@require_POST
@case_view
def reopen_case(request, pk):
    student = _load(request, retention.CLOSE, pk)
    retention.reopen(request, student)
    messages.success(request, _("The case of %(name)s is open again.") % {"name": student.name})
    return redirect("retention:list")


@require_http_methods(["GET", "POST"])
@step_up_required
def delete_case(request, pk):
    student = _load(request, retention.DELETE, pk)
    form = DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        name = student.name
        try:
            result = retention.delete_case(request, student)
        except retention.CaseInUse as exc:
            messages.error(
                request,
                _(
                    "The case was not deleted: records of others still refer to it (%(what)s). "
                    "Nothing was removed."
                )
                % {"what": str(exc)},
            )
            return redirect("retention:delete", pk=pk)
        messages.success(
            request,
            _("The case of %(name)s is deleted: %(rows)d records and %(files)d files.")
            % {"name": name, "rows": result.total, "files": len(result.files)},
        )
        return redirect("retention:list")
    try:
        plan, blocked = retention.preview(student), ""
    except retention.CaseInUse as exc:
        plan, blocked = retention.Deletion(), str(exc)
    audit.record(request, "view", record=student, role=retention.role_used(request.user, student))
    return render(
        request,
        "retention/delete.html",
        {
            "student": student,
            "kept_until": retention.kept_until(student),
            "plan": plan.by_name(),
            "files": len(plan.files),
            "form": form,
            "blocked": blocked,
        },
    )
