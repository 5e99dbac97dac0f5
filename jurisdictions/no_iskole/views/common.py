"""What the IOP module's pages share: querysets, the page context, small readers of a post."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone

from plugins import audit
from plugins.access import permitted
from plugins.models import SchoolYear, Student
from plugins.registry import registry
from plugins.sdk import views as sdk
from plugins.workflow import labelled_history

from ..models import CODE, Iop, IopDocument, School, SchoolApplication, StudentApplication
from ..services import students_without_iop

FAMILY_ROLES = frozenset({"guardian", "student"})


def posted_id(value) -> int:
    """A posted id: a positive number, else 0 (which matches nothing, so 404)."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 18 else 0


def posted_uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value or ""))
    except ValueError:
        raise Http404 from None


def ctx(**extra) -> dict:
    return {"jurisdiction": registry.get(CODE), **extra}


def history_rows(record) -> list[dict]:
    """The record's history in the reader's words, with who fired each step."""
    return [
        {**row, "who": audit.display_name(row["actor"]) if row["actor"] else ""}
        for row in labelled_history(record)
    ]


def current_year() -> SchoolYear | None:
    today = timezone.localdate()
    return SchoolYear.objects.filter(starts__lte=today, ends__gte=today).first()


def docs_for(user, student):
    return permitted(
        user,
        "view",
        IopDocument.objects.filter(owner=CODE, student=student).order_by("-created_at", "-pk"),
    )


def search_students(request, students):
    """``students`` narrowed by ``?q=`` (a part of the name), and the query."""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        students = students.filter(
            Q(person__given_name__icontains=q) | Q(person__family_name__icontains=q)
        )
    return students, q


def coordinator_schools(user):
    """Schools where ``user`` may start cases (the coordinator's), else 403."""
    from django.core.exceptions import PermissionDenied

    schools = permitted(user, "create", School.objects.all())
    if not schools.exists():
        raise PermissionDenied
    return schools


def without_iop(schools):
    """Students of ``schools`` with neither an application nor an IOP in the portal."""
    candidates = Student.objects.none()
    for school in schools:
        candidates = candidates | students_without_iop(school)
    return candidates.distinct()


def fire_with(request, record, name, *, back, success=None, error=None, before=None, after=None):
    """Fire ``name`` on ``record`` with the changes that go with it, in one transaction.

    ``before()`` runs first (what the step's guards read), ``after()`` once the step
    is taken. When the step cannot be taken now, nothing is kept and the reason (or
    ``error``) is shown on ``back``.
    """
    failed = []

    def undo(reason):
        failed.append(reason)
        transaction.set_rollback(True)
        messages.error(request, error or reason)
        return redirect(back)

    with transaction.atomic():
        if before is not None:
            before()
        response = sdk.fire_step(request, record, name, back=back, success=success, on_error=undo)
        if after is not None and not failed:
            after()
    return response


def application_qs():
    return StudentApplication.objects.select_related(
        "student__person", "student__school", "student__group", "school_application"
    )


def school_application_qs():
    return SchoolApplication.objects.select_related("school", "addressee")


def iop_qs():
    return Iop.objects.select_related(
        "student__person", "student__school", "student__group", "school_year"
    )
