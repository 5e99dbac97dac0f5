"""The school's side: its joint application to the county or municipality, and its coordinators."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins import audit
from plugins.access import can, fetch, permitted, role_used
from plugins.accounts.decorators import case_view
from plugins.documents import start_bundle
from plugins.models import Person, RoleAssignment
from plugins.workflow import allowed_transitions

from .. import forms as f
from ..models import (
    CODE,
    ApplicationStatus,
    IopDocument,
    School,
    StudentApplication,
)
from .common import (
    application_qs,
    ctx,
    fire_with,
    posted_id,
    school_application_qs,
)


def _page(pk) -> str:
    return reverse("no-iskole:school-application", args=[pk])


@case_view
def school_applications(request):
    user = request.user
    schools = permitted(user, "create", School.objects.all())
    sas = permitted(user, "view", school_application_qs())
    sas = sas.annotate(students=Count("student_applications"))
    addressees = School.objects.filter(kind__in=["county", "municipality"]).order_by("name")
    form = f.SchoolApplicationForm(request.POST or None, addressees=addressees)
    if request.method == "POST":
        school = get_object_or_404(schools, pk=posted_id(request.POST.get("school")))
        if form.is_valid():
            sa = form.save(commit=False)
            sa.school = school
            sa.created_by = getattr(user, "person", None)
            sa.save()
            audit.record(request, "create", record=sa, role=role_used(user, "create", sa))
            messages.success(
                request, _("The school application “%(name)s” is created.") % {"name": sa.name}
            )
            return redirect(_page(sa.pk))
    return render(
        request,
        "no_iskole/school_applications.html",
        ctx(school_applications=sas, form=form, schools=schools),
        status=400 if request.method == "POST" else 200,
    )


@case_view
def school_application(request, pk):
    sa = fetch(request, "view", school_application_qs(), pk=pk)
    user = request.user
    steps = ("grant", "refuse", "remove_from_school_application")
    rows = [
        {"app": app, "steps": [t for t in allowed_transitions(user, app) if t.name in steps]}
        for app in permitted(user, "view", application_qs().filter(school_application=sa))
    ]
    may_edit = can(user, "edit", sa)
    q = request.GET.get("q", "").strip()[:100]
    candidates = StudentApplication.objects.none()
    if may_edit:
        candidates = permitted(
            user,
            "view",
            application_qs().filter(
                student__school=sa.school,
                status=ApplicationStatus.APPROVED,
                school_application__isnull=True,
            ),
        )
        if q:
            candidates = candidates.filter(
                Q(student__person__given_name__icontains=q)
                | Q(student__person__family_name__icontains=q)
            )
    return render(
        request,
        "no_iskole/school_application.html",
        ctx(
            sa=sa,
            rows=rows,
            may_edit=may_edit,
            candidates=candidates,
            q=q,
            sent_form=f.SentDateForm(initial={"sent_on": timezone.localdate()}),
        ),
    )


def _open_school_application(request, pk):
    """The school application, if it may still change (else None, with the reason shown)."""
    sa = fetch(request, "view", school_application_qs(), pk=pk)
    if can(request.user, "edit", sa):
        return sa
    messages.error(
        request,
        _("This school application was sent on %(date)s: students cannot be added or removed.")
        % {"date": sa.sent_on},
    )
    return None


@case_view
@require_POST
def school_application_add(request, pk):
    sa = _open_school_application(request, pk)
    if sa is None:
        return redirect(_page(pk))
    app = fetch(
        request,
        "view",
        application_qs().filter(student__school=sa.school),
        pk=posted_id(request.POST.get("application")),
    )

    def link():
        app.school_application = sa
        app.save(update_fields=["school_application"])

    return fire_with(
        request,
        app,
        "add_to_school_application",
        back=_page(sa.pk),
        before=link,
        success=_("%(name)s is added.") % {"name": app.student.name},
        error=_(
            "%(name)s's application cannot join: only applications the family has approved can."
        )
        % {"name": app.student.name},
    )


@case_view
@require_POST
def school_application_remove(request, pk, app_pk):
    sa = _open_school_application(request, pk)
    if sa is None:
        return redirect(_page(pk))
    app = fetch(request, "view", application_qs().filter(school_application=sa), pk=app_pk)

    def unlink():
        app.school_application = None
        app.save(update_fields=["school_application"])

    return fire_with(
        request,
        app,
        "remove_from_school_application",
        back=_page(sa.pk),
        after=unlink,
        success=_("%(name)s is removed.") % {"name": app.student.name},
    )


@case_view
@require_POST
def school_application_send(request, pk):
    sa = _open_school_application(request, pk)
    if sa is None:
        return redirect(_page(pk))
    form = f.SentDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the application was sent."))
        return redirect(_page(sa.pk))
    if form.cleaned_data["sent_on"] > timezone.localdate():
        messages.error(request, _("The sent date cannot be in the future."))
        return redirect(_page(sa.pk))

    def date():
        sa.sent_on = form.cleaned_data["sent_on"]
        sa.save(update_fields=["sent_on"])

    return fire_with(
        request,
        sa,
        "send",
        back=_page(sa.pk),
        before=date,
        success=_("Recorded as sent. Record each decision when it arrives."),
    )


@case_view
@require_POST
def school_application_pdf(request, pk):
    """Start building one PDF of every student's application and attachments (a bookmark per student).

    POST only: building a bundle is work done for the person asking, not a page to fetch.
    """
    sa = fetch(request, "download", school_application_qs(), pk=pk)
    apps = StudentApplication.objects.filter(school_application=sa)
    keys = [f"StudentApplication:{a}" for a in apps.values_list("pk", flat=True)]
    job = start_bundle(
        request,
        title=str(sa.name),
        builder="jurisdictions.no_iskole.bundles.school_application_bundle",
        params={"school_application_id": sa.pk},
        size_hint=apps.count()
        + IopDocument.objects.filter(owner=CODE, attached_to__in=keys).count(),
    )
    return redirect("documents:bundle", uuid=job.uuid)


@case_view
def coordinators(request, pk):
    """The school leader grants and ends the IOP coordinator role at their school."""
    school = fetch(request, "manage", School.objects.all(), pk=pk)
    today = timezone.localdate()
    current = RoleAssignment.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today),
        organisation=school,
        role="coordinator",
        jurisdiction__in=["", CODE],
    ).select_related("person")
    staff = (
        Person.objects.filter(
            Q(teaching__group__school=school)
            | Q(teaching__students__school=school)
            | Q(roles__organisation=school)
        )
        .exclude(pk__in=current.values("person_id"))
        .distinct()
        .order_by("family_name", "given_name")
    )
    if request.method == "POST":
        if "end" in request.POST:
            assignment = get_object_or_404(current, pk=posted_id(request.POST.get("end")))
            assignment.valid_to = today - datetime.timedelta(days=1)
            assignment.save(update_fields=["valid_to"])
            done = _("%(name)s is no longer IOP coordinator.") % {"name": assignment.person}
        else:
            person = get_object_or_404(staff, pk=posted_id(request.POST.get("person")))
            assignment = RoleAssignment.objects.create(
                person=person, role="coordinator", organisation=school, jurisdiction=CODE
            )
            done = _("%(name)s is now IOP coordinator.") % {"name": person}
        audit.record(
            request,
            "manage",
            role=role_used(request.user, "manage", school),
            jurisdiction=CODE,
            record_type="RoleAssignment",
            record_id=str(assignment.pk),
        )
        messages.success(request, done)
        return redirect("no-iskole:coordinators", pk=school.pk)
    return render(
        request, "no_iskole/coordinators.html", ctx(school=school, current=current, staff=staff)
    )
