"""Family pages: my children, a child's page, and who opened the child's records.

Which children a signed-in person may see is decided in one place,
``plugins.access.family_students``; any other child id answers 404. Every
page needs a verified second factor and is never cached (``case_view``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from plugins import audit
from plugins.access import family_students, may_grant_access
from plugins.accounts import has_fresh_second_factor
from plugins.accounts.decorators import case_view
from plugins.accounts.stepup import ask_for_fresh_factor
from plugins.audit.models import AuditEvent
from plugins.models import GuardianRelation, Student
from plugins.registry import registry

LOG_PAGE_SIZE = 25

#: Roles used on the family pages themselves (outside any jurisdiction).
FAMILY_ROLES = {"guardian": gettext_lazy("Guardian"), "student": gettext_lazy("Student")}
#: Records of the portal itself that can appear in a child's access log.
CORE_RECORDS = {"GuardianRelation": gettext_lazy("access for a guardian")}


def _children(user):
    return (
        family_students(user)
        .select_related("person", "school", "group")
        .order_by("person__given_name", "person__family_name", "pk")
    )


def _child_or_404(user, pk) -> Student:
    try:
        return _children(user).get(pk=pk)
    except Student.DoesNotExist:
        raise Http404 from None


def _person_id(user):
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


def _plans(student, user) -> list[dict]:
    """What every installed jurisdiction shows this family about the child."""
    groups = []
    for jurisdiction in registry.all():
        plans = jurisdiction.family_plans(student, user)
        if plans:
            groups.append({"jurisdiction": jurisdiction, "plans": plans})
    return groups


def _entry(student, user) -> dict:
    return {
        "student": student,
        "is_self": student.person_id == _person_id(user),
        "of_age": student.is_of_age(settings.PORTAL_DEFAULT_AGE_OF_MAJORITY),
        "plan_groups": _plans(student, user),
    }


@case_view
@require_GET
def index(request):
    children = [_entry(student, request.user) for student in _children(request.user)]
    return render(request, "family/index.html", {"children": children})


@case_view
@require_GET
def child(request, pk):
    student = _child_or_404(request.user, pk)
    can_grant = may_grant_access(request.user, student)
    guardians = []
    if can_grant:
        guardians = list(
            GuardianRelation.objects.filter(student=student)
            .select_related("guardian")
            .order_by("guardian__given_name", "guardian__family_name", "pk")
        )
    return render(
        request,
        "family/child.html",
        {**_entry(student, request.user), "can_grant": can_grant, "guardians": guardians},
    )


@case_view
@require_POST
def guardian_access(request, pk, relation_pk):
    """A student of age gives a guardian access to their records, or takes it back."""
    student = _child_or_404(request.user, pk)
    if not may_grant_access(request.user, student):
        raise PermissionDenied
    relation = get_object_or_404(GuardianRelation, pk=relation_pk, student=student)
    child_url = reverse("family:child", args=[student.pk])
    choice = request.POST.get("access")
    if choice not in ("grant", "withdraw"):
        messages.error(request, _("Choose whether to give or take back access."))
        return redirect(child_url)
    if not has_fresh_second_factor(request):
        # Giving someone access to health-like records is confirmed with a fresh second factor.
        return ask_for_fresh_factor(request, child_url)
    grant = choice == "grant"
    if relation.access_granted_by_student != grant:
        with transaction.atomic():
            relation.access_granted_by_student = grant
            relation.save(update_fields=["access_granted_by_student"])
            audit.record(
                request,
                "grant" if grant else "withdraw",
                record=relation,
                student=student,
                role="student",
            )
    name = relation.guardian.full_name
    if grant:
        messages.success(request, _("%(name)s can now see your records.") % {"name": name})
    else:
        messages.success(request, _("%(name)s can no longer see your records.") % {"name": name})
    return redirect(child_url + "#guardians")


def _action_label(event) -> str:
    try:
        return str(AuditEvent.Action(event.action).label)
    except ValueError:
        return event.action


def _role_label(event) -> str:
    if event.jurisdiction and event.jurisdiction in registry:
        try:
            return str(registry.get(event.jurisdiction).role(event.role).label)
        except KeyError:
            pass
    return str(FAMILY_ROLES.get(event.role, event.role))


def _record_label(event) -> tuple[str, str]:
    """(what kind of record, in which jurisdiction) in words, never the record's content."""
    if event.jurisdiction and event.jurisdiction in registry:
        jurisdiction = registry.get(event.jurisdiction)
        try:
            kind = str(jurisdiction.record_model(event.record_type)._meta.verbose_name)
        except KeyError:
            kind = event.record_type
        return kind, str(jurisdiction.name)
    return str(CORE_RECORDS.get(event.record_type, event.record_type)), ""


def _row(event, viewer) -> dict:
    kind, where = _record_label(event)
    return {
        "at": event.at,
        "who": event.actor_name,
        "is_you": event.actor_id is not None and event.actor_id == viewer.pk,
        "role": _role_label(event),
        "what": _action_label(event),
        "refused": event.action == AuditEvent.Action.DENIED,
        "record": kind,
        "where": where,
    }


@case_view
@require_GET
def access_log(request, pk):
    student = _child_or_404(request.user, pk)
    paginator = Paginator(audit.for_student(student), LOG_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "family/access_log.html",
        {
            "student": student,
            "is_self": student.person_id == _person_id(request.user),
            "page": page,
            "rows": [_row(event, request.user) for event in page.object_list],
        },
    )


def _may_export(user, child) -> bool:
    """A guardian who follows the child, or the student once of age."""
    if child.person_id == _person_id(user):
        return child.is_of_age(settings.PORTAL_DEFAULT_AGE_OF_MAJORITY)
    return True  # ``_child_or_404`` already limited the child to those the guardian follows


def _export_child(request, pk):
    child = _child_or_404(request.user, pk)
    if not _may_export(request.user, child):
        raise PermissionDenied
    role = "student" if child.person_id == _person_id(request.user) else "guardian"
    return child, role


@case_view
@require_GET
def data_export(request, pk):
    child, _role = _export_child(request, pk)
    return render(request, "family/data_export.html", {"student": child})


@case_view
@require_GET
def data_export_json(request, pk):
    from django.http import HttpResponse

    from plugins.dataexport import as_json, student_data

    child, role = _export_child(request, pk)
    audit.record(request, "download", student=child, role=role, record_type="DataExport")
    response = HttpResponse(
        as_json(student_data(child)), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="data-{child.pk}.json"'
    return response


@case_view
@require_GET
def data_export_pdf(request, pk):
    import io

    from plugins.dataexport import student_data
    from plugins.documents import Attachment, Rendered, Section, build_bundle, pdf_response
    from plugins.documents.models import Document

    child, role = _export_child(request, pk)
    audit.record(request, "download", student=child, role=role, record_type="DataExport")
    data = student_data(child)
    items = [
        Rendered(
            "family/data_export_pdf.html",
            {"data": data},
            title=_("Everything the portal holds"),
            student_name=child.name,
        )
    ]
    docs = Document.objects.filter(student=child).order_by("created_at", "pk")
    items += [Attachment(doc.title, document=doc) for doc in docs]
    out = io.BytesIO()
    build_bundle([Section(child.name, items, student_id=child.pk)], out, workers=0)
    out.seek(0)
    return pdf_response(out, f"data-{child.pk}.pdf")
