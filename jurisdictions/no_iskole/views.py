"""Pages of the IOP module.

Every page loads its records through ``plugins.access`` (``fetch`` for one
record: 404 when invisible, 403 when not allowed, one audit row; ``permitted``
for lists), so what a person sees is what the role matrix in
``declaration.py`` says, never what a template decides.
"""

from __future__ import annotations

import datetime
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins import audit, drafts
from plugins.access import can, fetch, get_permitted_or_404, permitted, role_used, roles_of
from plugins.accounts import has_fresh_second_factor
from plugins.accounts.decorators import case_view
from plugins.accounts.stepup import ask_for_fresh_factor
from plugins.consent import current_request
from plugins.documents import (
    delete_document,
    fetch_document,
    pdf_response,
    render_pdf,
    start_bundle,
)
from plugins.documents.forms import DocumentUploadForm
from plugins.models import Person, RoleAssignment, SchoolYear, Student
from plugins.registry import registry
from plugins.workflow import (
    StepUpRequired,
    TransitionError,
    allowed_transitions,
    fire,
    history,
)

from . import forms as f
from .models import (
    STAGE_ORDER,
    AnnualReport,
    ApplicationStatus,
    AssessmentKind,
    CertificateAppendix,
    Iop,
    IopDocument,
    LogEntry,
    School,
    SchoolApplication,
    SpecialEducation,
    Stage,
    StudentApplication,
    SubjectAssessment,
    SubjectPlan,
    WorkStatus,
)
from .services import (
    approval_text,
    ask_family_to_approve,
    attachments_of,
    ensure_subject_plan,
    register_outside_decision,
    special_education_subjects,
    start_iop,
    students_without_iop,
)

CODE = "no-iskole"
PER_PAGE = 50
FAMILY_ROLES = frozenset({"guardian", "student"})


def _id(value) -> int:
    """A posted id: a positive number, else 0 (which matches nothing, so 404)."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 18 else 0


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value or ""))
    except ValueError:
        raise Http404 from None


def _j():
    return registry.get(CODE)


def _ctx(**extra):
    return {"jurisdiction": _j(), **extra}


def _verify(request, next_url):
    return ask_for_fresh_factor(request, next_url)


def _history(record, states) -> list[dict]:
    labels = dict(states.choices)
    return [
        {
            "at": h.at,
            "from_label": labels.get(h.from_state, h.from_state),
            "to_label": labels.get(h.to_state, h.to_state),
            "who": audit.display_name(h.actor) if h.actor else "",
        }
        for h in history(record).select_related("actor")
    ]


def _current_year() -> SchoolYear | None:
    today = timezone.localdate()
    return SchoolYear.objects.filter(starts__lte=today, ends__gte=today).first()


def _docs_for(user, student):
    return permitted(
        user,
        "view",
        IopDocument.objects.filter(owner=CODE, student=student).order_by("-created_at", "-pk"),
    )


# -- student list ---------------------------------------------------------------------------


def _student_rows(ids: list[int], apps, iops) -> list[Student]:
    """The students ``ids`` in that order, with their latest visible application and this year's IOP."""
    rows = Student.objects.select_related("person", "group", "school").in_bulk(ids)
    latest_app: dict[int, dict] = {}
    for app in (
        apps.filter(student_id__in=ids)
        .order_by("student_id", "-created_at", "-pk")
        .values("student_id", "pk", "status")
    ):
        latest_app.setdefault(app["student_id"], app)
    this_iop: dict[int, dict] = {}
    for iop in (
        iops.filter(student_id__in=ids)
        .order_by("student_id", "-school_year__starts", "-pk")
        .values("student_id", "pk", "stage")
    ):
        this_iop.setdefault(iop["student_id"], iop)
    counts = {
        c["iop"]: c
        for c in SubjectPlan.objects.filter(iop_id__in=[i["pk"] for i in this_iop.values()])
        .values("iop")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(work_status=WorkStatus.DONE)))
    }
    statuses = dict(ApplicationStatus.choices)
    stages = dict(Stage.choices)
    result = []
    for pk in ids:
        st = rows[pk]
        app = latest_app.get(pk, {})
        iop = this_iop.get(pk, {})
        count = counts.get(iop.get("pk"), {})
        st.app_id, st.app_status = app.get("pk"), app.get("status")
        st.iop_id, st.iop_stage = iop.get("pk"), iop.get("stage")
        st.subjects_total, st.subjects_done = count.get("total"), count.get("done")
        st.app_status_label = statuses.get(st.app_status, "")
        st.iop_stage_label = stages.get(st.iop_stage, "")
        result.append(st)
    return result


@case_view
def student_list(request):
    """Coordinators: every student with an application or IOP at their schools.

    Teachers: the students whose IOP has been published to them. Columns a
    person may not see (a teacher and the application) stay empty.
    """
    user = request.user
    creatable = permitted(user, "create", School.objects.all())
    apps = permitted(user, "view", StudentApplication.objects.all())
    iops = permitted(user, "view", Iop.objects.all())
    year = _current_year()
    if year is not None:
        iops = iops.filter(school_year=year)

    latest_app = apps.filter(student=OuterRef("pk")).order_by("-created_at", "-pk")
    this_iop = iops.filter(student=OuterRef("pk")).order_by("-school_year__starts")
    students = everyone = Student.objects.filter(
        Q(pk__in=apps.values("student_id")) | Q(pk__in=iops.values("student_id"))
    )
    q = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    stage = request.GET.get("stage", "")
    group = request.GET.get("group", "")
    if q:
        students = students.filter(
            Q(person__given_name__icontains=q) | Q(person__family_name__icontains=q)
        )
    # The status and stage filters read the latest application / this year's IOP.
    if status in ApplicationStatus.values or status == "none":
        students = students.annotate(app_status=Subquery(latest_app.values("status")[:1]))
        if status == "none":
            students = students.filter(app_status__isnull=True)
        else:
            students = students.filter(app_status=status)
    if stage in STAGE_ORDER or stage == "none":
        students = students.annotate(iop_stage=Subquery(this_iop.values("stage")[:1]))
        if stage == "none":
            students = students.filter(iop_stage__isnull=True)
        else:
            students = students.filter(iop_stage=stage)
    if group.isdigit():
        students = students.filter(group_id=int(group))
    students = students.order_by("person__family_name", "person__given_name", "pk")
    # Page through ids first, then read the columns of the page's students only:
    # the cost of a page does not grow with the number of students at the school.
    page = Paginator(students.values_list("pk", flat=True), PER_PAGE).get_page(
        request.GET.get("page")
    )
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
        _ctx(
            page=page,
            managed_schools=permitted(user, "manage", School.objects.order_by("name")),
            may_create=creatable.exists(),
            statuses=ApplicationStatus.choices,
            stages=Stage.choices,
            groups=groups,
            filters={"q": q, "status": status, "stage": stage, "group": group},
            filtered=any((q, status, stage, group)),
            query=query.urlencode(),
        ),
    )


# -- student applications --------------------------------------------------------------------


@case_view
def application_new(request):
    """Pick a student without an IOP at one's school and register an application."""
    schools = permitted(request.user, "create", School.objects.all())
    if not schools.exists():
        raise PermissionDenied
    if request.method == "POST":
        student = get_object_or_404(
            Student.objects.filter(school__in=schools), pk=_id(request.POST.get("student"))
        )
        with transaction.atomic():
            if not students_without_iop(student.school).filter(pk=student.pk).exists():
                messages.error(
                    request,
                    _("%(name)s already has an application or an IOP.") % {"name": student.name},
                )
                return redirect("no-iskole:application-new")
            app = StudentApplication.objects.create(
                student=student, created_by=getattr(request.user, "person", None)
            )
        audit.record(request, "create", record=app, role=role_used(request.user, "create", app))
        messages.success(request, _("The application is registered. Fill it in below."))
        return redirect("no-iskole:application-edit", pk=app.pk)
    q = request.GET.get("q", "").strip()[:100]
    candidates = Student.objects.none()
    for school in schools:
        candidates = candidates | students_without_iop(school)
    if q:
        candidates = candidates.filter(
            Q(person__given_name__icontains=q) | Q(person__family_name__icontains=q)
        )
    page = Paginator(candidates.distinct(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "no_iskole/application_new.html", _ctx(page=page, q=q))


def _application_qs():
    return StudentApplication.objects.select_related(
        "student__person", "student__school", "student__group", "school_application"
    )


@case_view
def application_detail(request, pk):
    app = fetch(request, "view", _application_qs(), pk=pk)
    user = request.user
    consent = current_request(app, "application-approval")
    return render(
        request,
        "no_iskole/application_detail.html",
        _ctx(
            app=app,
            subjects=app.subjects.order_by("name"),
            attachments=permitted(user, "view", attachments_of(app)),
            attachment_titles=[d.title for d in attachments_of(app)],
            may_edit=can(user, "edit", app),
            may_delete=can(user, "delete", app),
            steps=[
                t
                for t in allowed_transitions(user, app)
                if t.name in ("publish", "reopen", "grant", "refuse")
            ],
            consent=consent,
            may_approve=can(user, "approve", app),
            may_download=can(user, "download", app),
            history=_history(app, ApplicationStatus) if can(user, "history", app) else None,
            family_view=_family_view(user, app),
            iop=permitted(user, "view", Iop.objects.filter(student=app.student))
            .order_by("-school_year__starts")
            .first(),
            special_education=getattr(app.student, "no_iskole_special_education", None),
        ),
    )


def _family_view(user, record) -> bool:
    """Whether ``user`` comes to ``record`` as family (for the way back, not for access)."""
    held = set(roles_of(user, record))
    return bool(held) and held <= FAMILY_ROLES


def _content_changed(request, app, before: str) -> None:
    """After an edit: a published application asks the family again for this version."""
    if approval_text(app) == before:
        return
    if app.status == ApplicationStatus.APPROVED:
        fire(app, "reopen", request.user, note=_("Changed after approval"), request=request)
        messages.info(
            request,
            _("The application changed after approval: the family is asked to approve it again."),
        )
    elif app.status == ApplicationStatus.AWAITING_APPROVAL:
        ask_family_to_approve(record=app, transition=None, user=request.user, log=None)
        messages.info(request, _("The family is asked to approve the changed application."))


@case_view
def application_edit(request, pk):
    app = fetch(request, "edit", _application_qs(), pk=pk)
    # Before binding: a valid ModelForm writes the new values into ``app``.
    before = approval_text(app)
    form = f.StudentApplicationForm(request.POST or None, instance=app)
    keys = drafts.autosave(form, request, "expert_assessment", "goals", "other_information")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            _content_changed(request, app, before)
        drafts.clear_draft(request.user, *keys.values())
        audit.record(request, "edit", record=app, role=role_used(request.user, "edit", app))
        messages.success(request, _("The application is saved."))
        return redirect("no-iskole:application", pk=app.pk)
    return render(request, "no_iskole/application_edit.html", _ctx(app=app, form=form))


@case_view
@require_POST
def application_delete(request, pk):
    app = fetch(request, "delete", _application_qs(), pk=pk)
    with transaction.atomic():
        attachments_of(app).update(attached_to="")
        audit.record(request, "delete", record=app, role=role_used(request.user, "delete", app))
        app.delete()
    messages.success(request, _("The application is deleted. Its documents stay with the student."))
    return redirect("no-iskole:index")


STEP_ACTIONS = {"publish": "edit", "reopen": "edit", "grant": "decide", "refuse": "decide"}


@case_view
@require_POST
def application_step(request, pk, name):
    if name not in STEP_ACTIONS:
        raise Http404
    app = fetch(request, STEP_ACTIONS[name], _application_qs(), pk=pk)
    back = request.POST.get("next") or reverse("no-iskole:application", args=[app.pk])
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("no-iskole:application", args=[app.pk])
    try:
        fire(app, name, request.user, note=request.POST.get("note", "")[:500], request=request)
    except StepUpRequired:
        return _verify(request, back)
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, _("Done: %(step)s.") % {"step": app.get_status_display()})
    return redirect(back)


@case_view
def application_attachments(request, pk):
    """Upload a PDF to the application, or attach one of the student's IOP documents."""
    app = fetch(request, "edit", _application_qs(), pk=pk)
    upload = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        before = approval_text(app)
        if "existing" in request.POST:
            with transaction.atomic():
                doc = get_object_or_404(
                    _docs_for(request.user, app.student).filter(attached_to=""),
                    uuid=_uuid(request.POST.get("existing")),
                )
                doc.attached_to = app.attached_key
                doc.save(update_fields=["attached_to"])
                _content_changed(request, app, before)
            messages.success(request, _("“%(title)s” is attached.") % {"title": doc.title})
            return redirect("no-iskole:application", pk=app.pk)
        if upload.is_valid():
            with transaction.atomic():
                doc = upload.store(
                    student=app.student,
                    owner=CODE,
                    request=request,
                    record_type="IopDocument",
                    attached_to=app.attached_key,
                )
                if doc is not None:
                    _content_changed(request, app, before)
            if doc is not None:
                messages.success(request, _("“%(title)s” is attached.") % {"title": doc.title})
                return redirect("no-iskole:application", pk=app.pk)
    unattached = _docs_for(request.user, app.student).filter(attached_to="")
    return render(
        request,
        "no_iskole/application_attachments.html",
        _ctx(app=app, upload=upload, unattached=unattached, attachments=attachments_of(app)),
        status=400 if request.method == "POST" else 200,
    )


@case_view
@require_POST
def application_detach(request, pk, uuid):
    app = fetch(request, "edit", _application_qs(), pk=pk)
    before = approval_text(app)
    with transaction.atomic():
        doc = get_object_or_404(attachments_of(app), uuid=uuid)
        doc.attached_to = ""
        doc.save(update_fields=["attached_to"])
        _content_changed(request, app, before)
    messages.success(
        request,
        _("“%(title)s” is no longer attached. It stays among the IOP documents.")
        % {"title": doc.title},
    )
    return redirect("no-iskole:application", pk=app.pk)


def application_context(app) -> dict:
    return {
        "app": app,
        "studentapplication": app,
        "subjects": app.subjects.order_by("name"),
        "attachment_titles": [d.title for d in attachments_of(app)],
    }


@case_view
def application_pdf(request, pk):
    app = fetch(request, "download", _application_qs(), pk=pk)
    pdf = render_pdf(
        "no_iskole/pdf/student_application.html",
        application_context(app),
        title=_("Application for special education"),
        student_name=app.student.name,
        confidentiality=_j().confidentiality,
    )
    return pdf_response(io.BytesIO(pdf), f"application-{app.pk}.pdf")


# -- school applications ---------------------------------------------------------------------


@case_view
def school_applications(request):
    user = request.user
    schools = permitted(user, "create", School.objects.all())
    sas = permitted(user, "view", SchoolApplication.objects.select_related("school", "addressee"))
    sas = sas.annotate(students=Count("student_applications"))
    addressees = School.objects.filter(kind__in=["county", "municipality"]).order_by("name")
    form = f.SchoolApplicationForm(request.POST or None, addressees=addressees)
    if request.method == "POST":
        school = get_object_or_404(schools, pk=_id(request.POST.get("school")))
        if form.is_valid():
            sa = form.save(commit=False)
            sa.school = school
            sa.created_by = getattr(user, "person", None)
            sa.save()
            audit.record(request, "create", record=sa, role=role_used(request.user, "create", sa))
            messages.success(
                request, _("The school application “%(name)s” is created.") % {"name": sa.name}
            )
            return redirect("no-iskole:school-application", pk=sa.pk)
    return render(
        request,
        "no_iskole/school_applications.html",
        _ctx(school_applications=sas, form=form, schools=schools),
        status=400 if request.method == "POST" else 200,
    )


def _sa_qs():
    return SchoolApplication.objects.select_related("school", "addressee")


@case_view
def school_application(request, pk):
    sa = fetch(request, "view", _sa_qs(), pk=pk)
    user = request.user
    linked = permitted(user, "view", _application_qs().filter(school_application=sa))
    rows = []
    for app in linked:
        rows.append(
            {
                "app": app,
                "steps": [
                    t
                    for t in allowed_transitions(user, app)
                    if t.name in ("grant", "refuse", "remove_from_school_application")
                ],
            }
        )
    may_edit = can(user, "edit", sa)
    q = request.GET.get("q", "").strip()[:100]
    candidates = StudentApplication.objects.none()
    if may_edit:
        candidates = permitted(
            user,
            "view",
            _application_qs().filter(
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
        _ctx(
            sa=sa,
            rows=rows,
            may_edit=may_edit,
            candidates=candidates,
            q=q,
            sent_form=f.SentDateForm(initial={"sent_on": timezone.localdate()}),
        ),
    )


def _locked(request, sa):
    messages.error(
        request,
        _("This school application was sent on %(date)s: students cannot be added or removed.")
        % {"date": sa.sent_on},
    )
    return redirect("no-iskole:school-application", pk=sa.pk)


@case_view
@require_POST
def school_application_add(request, pk):
    sa = fetch(request, "view", _sa_qs(), pk=pk)
    if not can(request.user, "edit", sa):
        return _locked(request, sa)
    app = fetch(
        request,
        "view",
        _application_qs().filter(student__school=sa.school),
        pk=_id(request.POST.get("application")),
    )
    try:
        with transaction.atomic():
            app.school_application = sa
            app.save(update_fields=["school_application"])
            fire(app, "add_to_school_application", request.user, request=request)
    except TransitionError:
        messages.error(
            request,
            _("%(name)s's application cannot join: only applications the family has approved can.")
            % {"name": app.student.name},
        )
    else:
        messages.success(request, _("%(name)s is added.") % {"name": app.student.name})
    return redirect("no-iskole:school-application", pk=sa.pk)


@case_view
@require_POST
def school_application_remove(request, pk, app_pk):
    sa = fetch(request, "view", _sa_qs(), pk=pk)
    if not can(request.user, "edit", sa):
        return _locked(request, sa)
    app = fetch(request, "view", _application_qs().filter(school_application=sa), pk=app_pk)
    try:
        with transaction.atomic():
            fire(app, "remove_from_school_application", request.user, request=request)
            app.school_application = None
            app.save(update_fields=["school_application"])
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(name)s is removed.") % {"name": app.student.name})
    return redirect("no-iskole:school-application", pk=sa.pk)


@case_view
@require_POST
def school_application_send(request, pk):
    sa = fetch(request, "view", _sa_qs(), pk=pk)
    if not can(request.user, "edit", sa):
        return _locked(request, sa)
    form = f.SentDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the application was sent."))
        return redirect("no-iskole:school-application", pk=sa.pk)
    if form.cleaned_data["sent_on"] > timezone.localdate():
        messages.error(request, _("The sent date cannot be in the future."))
        return redirect("no-iskole:school-application", pk=sa.pk)
    try:
        with transaction.atomic():
            sa.sent_on = form.cleaned_data["sent_on"]
            sa.save(update_fields=["sent_on"])
            fire(sa, "send", request.user, request=request)
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Recorded as sent. Record each decision when it arrives."))
    return redirect("no-iskole:school-application", pk=sa.pk)


@case_view
@require_POST
def school_application_pdf(request, pk):
    """Start building one PDF of every student's application and attachments (a bookmark per student).

    POST only: building a bundle is work done for the person asking, not a page to fetch.
    """
    sa = fetch(request, "download", _sa_qs(), pk=pk)
    apps = StudentApplication.objects.filter(school_application=sa)
    size = (
        apps.count()
        + IopDocument.objects.filter(
            owner=CODE,
            attached_to__in=[f"StudentApplication:{a}" for a in apps.values_list("pk", flat=True)],
        ).count()
    )
    job = start_bundle(
        request,
        title=str(sa.name),
        builder="jurisdictions.no_iskole.bundles.school_application_bundle",
        params={"school_application_id": sa.pk},
        size_hint=size,
    )
    return redirect("documents:bundle", uuid=job.uuid)


# -- IOP ---------------------------------------------------------------------------------------


@case_view
@require_POST
def iop_start(request, student_pk):
    schools = permitted(request.user, "create", School.objects.all())
    student = get_object_or_404(Student.objects.filter(school__in=schools), pk=student_pk)
    year = _current_year()
    if year is None:
        messages.error(request, _("No school year covers today: ask an administrator to add it."))
        return redirect("no-iskole:index")
    iop = start_iop(student, school_year=year, subjects=special_education_subjects(student))
    audit.record(request, "create", record=iop, role=role_used(request.user, "create", iop))
    return redirect("no-iskole:iop", pk=iop.pk)


def _coordinator_schools(user):
    """Schools where ``user`` may start cases (the coordinator's), else 403."""
    schools = permitted(user, "create", School.objects.all())
    if not schools.exists():
        raise PermissionDenied
    return schools


@case_view
def decision_new(request):
    """Students enrolled at one's school with no case in the portal, for an outside decision."""
    schools = _coordinator_schools(request.user)
    q = request.GET.get("q", "").strip()[:100]
    candidates = Student.objects.none()
    for school in schools:
        candidates = candidates | students_without_iop(school)
    if q:
        candidates = candidates.filter(
            Q(person__given_name__icontains=q) | Q(person__family_name__icontains=q)
        )
    page = Paginator(candidates.distinct(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "no_iskole/decision_new.html", _ctx(page=page, q=q))


@case_view
def decision(request, student_pk):
    """Register a decision made outside the portal, and create IOP part 1 at once.

    For a student whose case started outside the portal (no application here):
    the coordinator gives the date of the decision and the subjects; the student
    gets the status special education and an IOP in preparation for this year.
    """
    schools = _coordinator_schools(request.user)
    student = get_object_or_404(
        Student.objects.filter(school__in=schools).select_related("person", "school", "group"),
        pk=student_pk,
    )
    back = reverse("no-iskole:decision-new")
    if not students_without_iop(student.school).filter(pk=student.pk).exists():
        messages.error(
            request,
            _(
                "%(name)s is not enrolled at the school this year, or already has an "
                "application or an IOP in the portal."
            )
            % {"name": student.name},
        )
        return redirect(back)
    year = _current_year()
    if year is None:
        messages.error(request, _("No school year covers today: ask an administrator to add it."))
        return redirect(back)
    form = f.OutsideDecisionForm(request.POST or None, student=student)
    if request.method == "POST" and form.is_valid():
        # Like recording a decision on an application: a fresh second factor first.
        if not has_fresh_second_factor(request):
            return ask_for_fresh_factor(request)
        with transaction.atomic():
            if not students_without_iop(student.school).filter(pk=student.pk).exists():
                return redirect(back)
            status, iop = register_outside_decision(
                student,
                decided_on=form.cleaned_data["decided_on"],
                reference=form.cleaned_data["reference"],
                subjects=form.cleaned_data["subjects"],
                school_year=year,
                person=getattr(request.user, "person", None),
            )
            audit.record(
                request, "create", record=status, role=role_used(request.user, "create", status)
            )
            audit.record(request, "create", record=iop, role=role_used(request.user, "create", iop))
        messages.success(
            request,
            _("The decision is registered and IOP part 1 is created for %(name)s.")
            % {"name": student.name},
        )
        return redirect("no-iskole:iop", pk=iop.pk)
    return render(
        request,
        "no_iskole/decision.html",
        _ctx(student=student, form=form, back=back, school_year=year),
    )


@case_view
def iop_switch(request):
    """The student switcher: go straight to another student's IOP (checked there)."""
    target = request.GET.get("iop", "")
    if not target.isdigit():
        raise Http404
    return redirect("no-iskole:iop", pk=int(target))


def _iop_qs():
    return Iop.objects.select_related(
        "student__person", "student__school", "student__group", "school_year"
    )


@case_view
def iop_detail(request, pk):
    iop = fetch(request, "view", _iop_qs(), pk=pk)
    user = request.user
    plans = list(permitted(user, "view", iop.subject_plans.select_related("subject")))
    editable = set(permitted(user, "edit", iop.subject_plans.all()).values_list("pk", flat=True))
    assessments = {}
    for a in permitted(user, "view", SubjectAssessment.objects.filter(iop=iop)):
        assessments.setdefault(a.subject_plan_id, {})[a.kind] = a
    for plan in plans:
        plan.visible_assessments = [
            assessments.get(plan.pk, {}).get(k) for k in AssessmentKind.values
        ]
        plan.visible_assessments = [a for a in plan.visible_assessments if a is not None]
        plan.may_edit = plan.pk in editable
    switcher = permitted(user, "view", _iop_qs().filter(school_year=iop.school_year))
    report = (
        permitted(user, "view", AnnualReport.objects.filter(iop=iop))
        .select_related("sent_by")
        .first()
    )
    appendix = permitted(user, "view", CertificateAppendix.objects.filter(iop=iop)).first()
    log = permitted(user, "view", LogEntry.objects.filter(iop=iop))
    stage_steps = {t.target for t in allowed_transitions(user, iop)}
    registered = iop.student.subjects.exclude(
        pk__in=[p.subject_id for p in iop.subject_plans.all()]
    )
    return render(
        request,
        "no_iskole/iop_detail.html",
        _ctx(
            iop=iop,
            plans=plans,
            switcher=switcher.order_by(
                "student__person__family_name", "student__person__given_name"
            ),
            report=report,
            appendix=appendix,
            log=log,
            log_form=f.LogEntryForm() if can(user, "comment", iop) else None,
            stages=[
                {
                    "value": v,
                    "label": label,
                    "reached": iop.stage_reached(v),
                    "current": v == iop.stage,
                    "may": v in stage_steps,
                }
                for v, label in Stage.choices
            ],
            documents=_docs_for(user, iop.student),
            upload_form=DocumentUploadForm() if can(user, "upload", iop) else None,
            may_edit=can(user, "edit", iop),
            may_edit_report=report is not None and can(user, "edit", report),
            report_sent_form=f.AnnualReportSentForm(initial={"sent_on": timezone.localdate()})
            if report is not None and can(user, "edit", report)
            else None,
            special_education=permitted(
                user, "view", SpecialEducation.objects.filter(student=iop.student)
            ).first(),
            may_edit_appendix=appendix is not None and can(user, "edit", appendix),
            pdfs=[
                (code, label)
                for code, label, action in PDF_ACTIONS_LABELLED()
                if (code != "certificate-appendix" and can(user, action, iop))
                or (code == "certificate-appendix" and appendix and can(user, action, appendix))
            ],
            add_subject_form=f.AddSubjectForm(subjects=registered)
            if can(user, "edit", iop) and registered.exists()
            else None,
            history=_history(iop, Stage) if can(user, "publish", iop) else None,
        ),
    )


def PDF_ACTIONS_LABELLED():  # noqa: N802 - a constant computed per request (labels are translated)
    return [
        ("iop", _("IOP"), "download"),
        ("half-year", _("Half-year assessment"), "download_half_year"),
        ("annual-report", _("Annual report"), "download_annual"),
        ("certificate-appendix", _("Appendix to the certificate of competence"), "download"),
    ]


@case_view
def iop_edit(request, pk):
    iop = fetch(request, "edit", _iop_qs(), pk=pk)
    form = f.IopForm(request.POST or None, instance=iop)
    keys = drafts.autosave(form, request, "mapping", "overall_goals", "organisation")
    if request.method == "POST" and form.is_valid():
        form.save()
        drafts.clear_draft(request.user, *keys.values())
        audit.record(request, "edit", record=iop, role=role_used(request.user, "edit", iop))
        messages.success(request, _("IOP part 1 is saved."))
        return redirect("no-iskole:iop", pk=iop.pk)
    return render(
        request,
        "no_iskole/form_page.html",
        _ctx(
            iop=iop,
            form=form,
            heading=_("IOP part 1"),
            back=reverse("no-iskole:iop", args=[iop.pk]),
        ),
    )


@case_view
@require_POST
def iop_stage(request, pk):
    iop = fetch(request, "publish", _iop_qs(), pk=pk)
    stage = request.POST.get("stage", "")
    if stage not in STAGE_ORDER:
        raise Http404
    try:
        fire(iop, f"to_{stage}", request.user, request=request)
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The IOP is now: %(stage)s.") % {"stage": Stage(stage).label})
    return redirect("no-iskole:iop", pk=iop.pk)


@case_view
@require_POST
def iop_log(request, pk):
    iop = fetch(request, "comment", _iop_qs(), pk=pk)
    form = f.LogEntryForm(request.POST)
    if form.is_valid():
        entry = LogEntry.objects.create(
            iop=iop,
            author=request.user,
            author_name=audit.display_name(request.user),
            text=form.cleaned_data["text"],
        )
        audit.record(request, "create", record=entry, role=role_used(request.user, "create", entry))
        messages.success(request, _("The log entry is saved."))
    else:
        messages.error(request, _("Write the entry first (at most 5,000 characters)."))
    return redirect(reverse("no-iskole:iop", args=[iop.pk]) + "#log")


@case_view
@require_POST
def iop_add_subject(request, pk):
    iop = fetch(request, "edit", _iop_qs(), pk=pk)
    form = f.AddSubjectForm(request.POST, subjects=iop.student.subjects.all())
    if form.is_valid():
        ensure_subject_plan(iop, form.cleaned_data["subject"])
        messages.success(request, _("The subject is added to part 2."))
    else:
        messages.error(request, _("Choose one of the student's subjects."))
    return redirect(reverse("no-iskole:iop", args=[iop.pk]) + "#part2")


def _edit_one(request, model, form_class, pk, heading, fields):
    obj = fetch(request, "edit", model.objects.select_related("iop__student__person"), iop_id=pk)
    form = form_class(request.POST or None, instance=obj)
    keys = drafts.autosave(form, request, *fields)
    if request.method == "POST" and form.is_valid():
        form.save()
        drafts.clear_draft(request.user, *keys.values())
        audit.record(request, "edit", record=obj, role=role_used(request.user, "edit", obj))
        messages.success(request, _("Saved."))
        return redirect("no-iskole:iop", pk=obj.iop_id)
    return render(
        request,
        "no_iskole/form_page.html",
        _ctx(
            iop=obj.iop,
            form=form,
            heading=heading,
            back=reverse("no-iskole:iop", args=[obj.iop_id]),
        ),
    )


def _report_qs():
    return AnnualReport.objects.select_related(
        "iop__student__person", "iop__school_year", "sent_by"
    )


def _report_locked(request, report, attempted):
    """A sent annual report no longer changes: say so (409), with when and by whom."""
    audit.record(
        request,
        "denied",
        record=report,
        role=role_used(request.user, attempted, report),
        outcome="409",
        attempted=attempted,
    )
    return render(
        request,
        "no_iskole/report_locked.html",
        _ctx(report=report, iop=report.iop, back=reverse("no-iskole:iop", args=[report.iop_id])),
        status=409,
    )


@case_view
def annual_report_edit(request, pk):
    report = get_permitted_or_404(request.user, "view", _report_qs(), iop_id=pk)
    if report.is_sent:
        return _report_locked(request, report, "edit")
    return _edit_one(
        request,
        AnnualReport,
        f.AnnualReportForm,
        pk,
        _("Annual report"),
        f.AnnualReportForm.Meta.fields,
    )


@case_view
@require_POST
def annual_report_send(request, pk):
    """Record the date the annual report was sent to the county or municipality; it locks."""
    report = get_permitted_or_404(request.user, "view", _report_qs(), iop_id=pk)
    if report.is_sent:
        return _report_locked(request, report, "edit")
    report = fetch(request, "edit", _report_qs(), iop_id=pk)
    back = reverse("no-iskole:iop", args=[report.iop_id]) + "#annual-report"
    form = f.AnnualReportSentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        with transaction.atomic():
            report.sent_on = form.cleaned_data["sent_on"]
            report.sent_by = getattr(request.user, "person", None)
            report.save(update_fields=["sent_on", "sent_by"])
            fire(report, "send", request.user, request=request)
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The annual report is recorded as sent. It can no longer be changed.")
        )
    return redirect(back)


@case_view
def appendix_edit(request, pk):
    return _edit_one(
        request,
        CertificateAppendix,
        f.CertificateAppendixForm,
        pk,
        _("Appendix to the certificate of competence"),
        ["content"],
    )


@case_view
def subject_edit(request, pk):
    """IOP part 2 for one subject: the subject's teacher and the coordinator write here."""
    plan = fetch(
        request,
        "edit" if request.method == "POST" else "view",
        SubjectPlan.objects.select_related("iop__student__person", "subject"),
        pk=pk,
    )
    user = request.user
    may_edit = can(user, "edit", plan)
    assessments = {a.kind: a for a in SubjectAssessment.objects.filter(subject_plan=plan)}
    if not may_edit:
        visible = permitted(user, "view", SubjectAssessment.objects.filter(subject_plan=plan))
        return render(
            request,
            "no_iskole/subject_view.html",
            _ctx(plan=plan, iop=plan.iop, assessments=visible),
        )
    initial = {
        "half_year_assessment": getattr(assessments.get(AssessmentKind.HALF_YEAR), "text", ""),
        "annual_assessment": getattr(assessments.get(AssessmentKind.ANNUAL), "text", ""),
    }
    form = f.SubjectPlanForm(request.POST or None, instance=plan, initial=initial)
    keys = drafts.autosave(
        form,
        request,
        "competence_goals",
        "learning_goals",
        "half_year_assessment",
        "annual_assessment",
    )
    if request.method == "POST" and form.is_valid():
        person = getattr(user, "person", None)
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.updated_by = person
            saved.save()
            for kind, field in (
                (AssessmentKind.HALF_YEAR, "half_year_assessment"),
                (AssessmentKind.ANNUAL, "annual_assessment"),
            ):
                a = assessments.get(kind) or SubjectAssessment(
                    subject_plan=plan, subject=plan.subject, iop=plan.iop, kind=kind
                )
                if a.pk and not can(user, "edit", a):
                    raise PermissionDenied
                a.text = form.cleaned_data[field]
                a.updated_by = person
                a.save()
        drafts.clear_draft(user, *keys.values())
        messages.success(request, _("%(subject)s is saved.") % {"subject": plan.subject.name})
        return redirect(reverse("no-iskole:iop", args=[plan.iop_id]) + f"#subject-{plan.pk}")
    return render(request, "no_iskole/subject_edit.html", _ctx(plan=plan, iop=plan.iop, form=form))


# -- documents -------------------------------------------------------------------------------


@case_view
@require_POST
def document_upload(request, pk):
    iop = fetch(request, "upload", _iop_qs(), pk=pk)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        doc = form.store(
            student=iop.student, owner=CODE, request=request, record_type="IopDocument"
        )
        if doc is not None:
            messages.success(request, _("“%(title)s” is uploaded.") % {"title": doc.title})
            return redirect(reverse("no-iskole:iop", args=[iop.pk]) + "#documents")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(reverse("no-iskole:iop", args=[iop.pk]) + "#documents")


def _iop_of_document(doc):
    return Iop.objects.filter(student_id=doc.student_id).order_by("-school_year__starts").first()


@case_view
def document_edit(request, uuid):
    doc = fetch_document(request, "edit", uuid)
    form = f.DocumentEditForm(request.POST or None, instance=doc)
    iop = _iop_of_document(doc)
    back = (
        reverse("no-iskole:iop", args=[iop.pk]) + "#documents"
        if iop
        else reverse("no-iskole:index")
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record(request, "edit", record=doc, role=role_used(request.user, "edit", doc))
        messages.success(request, _("The document is saved."))
        return redirect(back)
    return render(
        request,
        "no_iskole/form_page.html",
        _ctx(form=form, heading=_("Edit document"), back=back, iop=iop),
    )


@case_view
def document_delete(request, uuid):
    """Deleting asks for confirmation, and is refused while the document is attached."""
    doc = fetch_document(request, "view", uuid)
    iop = _iop_of_document(doc)
    back = (
        reverse("no-iskole:iop", args=[iop.pk]) + "#documents"
        if iop
        else reverse("no-iskole:index")
    )
    if not can(request.user, "delete", doc):
        if not can(request.user, "edit", doc):
            raise PermissionDenied
        return render(
            request,
            "no_iskole/document_delete.html",
            _ctx(doc=doc, back=back, attached=True, iop=iop),
            status=409,
        )
    if request.method == "POST":
        doc = fetch_document(request, "delete", uuid)
        audit.record(request, "delete", record=doc, role=role_used(request.user, "delete", doc))
        delete_document(doc)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": doc.title})
        return redirect(back)
    return render(
        request, "no_iskole/document_delete.html", _ctx(doc=doc, back=back, attached=False, iop=iop)
    )


# -- generated PDFs --------------------------------------------------------------------------

PDF_ACTIONS = {
    "iop": "download",
    "half-year": "download_half_year",
    "annual-report": "download_annual",
}


def iop_pdf_context(user, iop) -> dict:
    """What the PDFs show: only the parts ``user`` may see (a family never gets more)."""
    plans = list(permitted(user, "view", iop.subject_plans.select_related("subject")))
    by_plan = {}
    for a in permitted(user, "view", SubjectAssessment.objects.filter(iop=iop)):
        by_plan.setdefault(a.subject_plan_id, {})[a.kind] = a
    for plan in plans:
        plan.half_year = by_plan.get(plan.pk, {}).get(AssessmentKind.HALF_YEAR)
        plan.annual = by_plan.get(plan.pk, {}).get(AssessmentKind.ANNUAL)
    appendix = permitted(user, "view", CertificateAppendix.objects.filter(iop=iop)).first()
    return {
        "iop": iop,
        "plans": plans,
        "report": permitted(user, "view", AnnualReport.objects.filter(iop=iop)).first(),
        "appendix": appendix,
        "certificateappendix": appendix,
    }


@case_view
def iop_pdf(request, pk, doc):
    titles = {code: label for code, label, _action in PDF_ACTIONS_LABELLED()}
    if doc not in titles:
        raise Http404
    if doc == "certificate-appendix":
        appendix = fetch(
            request,
            "download",
            CertificateAppendix.objects.select_related("iop__student__person", "iop__school_year"),
            iop_id=pk,
        )
        iop = appendix.iop
    else:
        iop = fetch(request, PDF_ACTIONS[doc], _iop_qs(), pk=pk)
    template = {
        "iop": "no_iskole/pdf/iop.html",
        "half-year": "no_iskole/pdf/half_year.html",
        "annual-report": "no_iskole/pdf/annual_report.html",
        "certificate-appendix": "no_iskole/pdf/certificate_appendix.html",
    }[doc]
    pdf = render_pdf(
        template,
        iop_pdf_context(request.user, iop),
        title=str(titles[doc]),
        student_name=iop.student.name,
        confidentiality=_j().confidentiality,
    )
    return pdf_response(io.BytesIO(pdf), f"{doc}-{iop.student.person.family_name.lower()}.pdf")


# -- who is IOP coordinator ------------------------------------------------------------------


def _audit_role_change(request, assignment):
    audit.record(
        request,
        "manage",
        role="leader",
        jurisdiction=CODE,
        record_type="RoleAssignment",
        record_id=str(assignment.pk),
    )


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
            assignment = get_object_or_404(current, pk=_id(request.POST.get("end")))
            assignment.valid_to = today - datetime.timedelta(days=1)
            assignment.save(update_fields=["valid_to"])
            _audit_role_change(request, assignment)
            messages.success(
                request, _("%(name)s is no longer IOP coordinator.") % {"name": assignment.person}
            )
        else:
            person = get_object_or_404(staff, pk=_id(request.POST.get("person")))
            assignment = RoleAssignment.objects.create(
                person=person, role="coordinator", organisation=school, jurisdiction=CODE
            )
            _audit_role_change(request, assignment)
            messages.success(request, _("%(name)s is now IOP coordinator.") % {"name": person})
        return redirect("no-iskole:coordinators", pk=school.pk)
    return render(
        request, "no_iskole/coordinators.html", _ctx(school=school, current=current, staff=staff)
    )
