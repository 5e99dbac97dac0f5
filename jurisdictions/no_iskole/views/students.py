"""The student list: the IOP module's start page."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect, render

from plugins.access import permitted
from plugins.accounts.decorators import case_view
from plugins.models import Student
from plugins.sdk import views as sdk

from ..models import (
    STAGE_ORDER,
    ApplicationStatus,
    Iop,
    School,
    Stage,
    StudentApplication,
    SubjectPlan,
    WorkStatus,
)
from .common import ctx, current_year, search_students


def _latest(qs, order, ids, fields):
    """Per student of ``ids``: the first row of ``qs`` in ``order`` (as a dict of ``fields``)."""
    rows = {}
    for row in qs.filter(student_id__in=ids).order_by("student_id", *order).values(*fields):
        rows.setdefault(row["student_id"], row)
    return rows


def _student_rows(ids: list[int], apps, iops) -> list[Student]:
    """The students ``ids`` in that order, with their latest visible application and this year's IOP."""
    rows = Student.objects.select_related("person", "group", "school").in_bulk(ids)
    latest_app = _latest(apps, ("-created_at", "-pk"), ids, ("student_id", "pk", "status"))
    this_iop = _latest(iops, ("-school_year__starts", "-pk"), ids, ("student_id", "pk", "stage"))
    counts = {
        c["iop"]: c
        for c in SubjectPlan.objects.filter(iop_id__in=[i["pk"] for i in this_iop.values()])
        .values("iop")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(work_status=WorkStatus.DONE)))
    }
    statuses, stages = dict(ApplicationStatus.choices), dict(Stage.choices)
    result = []
    for pk in ids:
        st, app, iop = rows[pk], latest_app.get(pk, {}), this_iop.get(pk, {})
        count = counts.get(iop.get("pk"), {})
        st.app_id, st.app_status = app.get("pk"), app.get("status")
        st.iop_id, st.iop_stage = iop.get("pk"), iop.get("stage")
        st.subjects_total, st.subjects_done = count.get("total"), count.get("done")
        st.app_status_label = statuses.get(st.app_status, "")
        st.iop_stage_label = stages.get(st.iop_stage, "")
        result.append(st)
    return result


def _by_latest(students, name, latest, field, value, allowed):
    """``students`` whose latest ``field`` (application status, IOP stage) is ``value``."""
    if value not in allowed and value != "none":
        return students
    students = students.annotate(**{name: Subquery(latest.values(field)[:1])})
    if value == "none":
        return students.filter(**{f"{name}__isnull": True})
    return students.filter(**{name: value})


@case_view
def student_list(request):
    """Coordinators: every student with an application or IOP at their schools.

    Teachers: the students whose IOP has been published to them. Columns a
    person may not see (a teacher and the application) stay empty.
    """
    user = request.user
    apps = permitted(user, "view", StudentApplication.objects.all())
    iops = permitted(user, "view", Iop.objects.all())
    year = current_year()
    if year is not None:
        iops = iops.filter(school_year=year)
    everyone = Student.objects.filter(
        Q(pk__in=apps.values("student_id")) | Q(pk__in=iops.values("student_id"))
    )
    students, q = search_students(request, everyone)
    status = request.GET.get("status", "")
    stage = request.GET.get("stage", "")
    # The status and stage filters read the latest application / this year's IOP.
    latest_app = apps.filter(student=OuterRef("pk")).order_by("-created_at", "-pk")
    this_iop = iops.filter(student=OuterRef("pk")).order_by("-school_year__starts")
    students = _by_latest(
        students, "app_status", latest_app, "status", status, ApplicationStatus.values
    )
    students = _by_latest(students, "iop_stage", this_iop, "stage", stage, STAGE_ORDER)
    students, chosen = sdk.filtered(request, students, {"group": "group_id"})
    group = chosen.get("group", "")
    students = students.order_by("person__family_name", "person__given_name", "pk")
    # Page through ids first, then read the columns of the page's students only:
    # the cost of a page does not grow with the number of students at the school.
    page = sdk.paginate(request, students.values_list("pk", flat=True))
    page.object_list = _student_rows(list(page.object_list), apps, iops)
    # Every class of the coordinator's students, whatever the other filters say.
    groups = (
        everyone.exclude(group=None)
        .values_list("group_id", "group__name")
        .distinct()
        .order_by("group__name")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "no_iskole/student_list.html",
        ctx(
            page=page,
            managed_schools=permitted(user, "manage", School.objects.order_by("name")),
            may_create=permitted(user, "create", School.objects.all()).exists(),
            statuses=ApplicationStatus.choices,
            stages=Stage.choices,
            groups=groups,
            filters={"q": q, "status": status, "stage": stage, "group": group},
            filtered=any((q, status, stage, group)),
            query=query.urlencode(),
        ),
    )


@case_view
def iop_switch(request):
    """The student switcher: go straight to another student's IOP (checked there)."""
    target = request.GET.get("iop", "")
    if not target.isdigit():
        raise Http404
    return redirect("no-iskole:iop", pk=int(target))
