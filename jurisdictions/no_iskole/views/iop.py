"""The IOP: part 1, part 2 per subject, stages, log, annual report and appendix."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins import audit
from plugins.access import can, fetch, get_permitted_or_404, permitted, role_used
from plugins.accounts import require_fresh_second_factor
from plugins.accounts.decorators import case_view
from plugins.documents.forms import DocumentUploadForm
from plugins.models import Student
from plugins.registry import registry
from plugins.sdk import views as sdk
from plugins.workflow import allowed_transitions

from .. import forms as f
from ..documents import iop_documents
from ..models import (
    CODE,
    STAGE_ORDER,
    AnnualReport,
    AssessmentKind,
    CertificateAppendix,
    LogEntry,
    School,
    SpecialEducation,
    Stage,
    SubjectAssessment,
    SubjectPlan,
)
from ..services import (
    ensure_subject_plan,
    register_outside_decision,
    special_education_subjects,
    start_iop,
    students_without_iop,
)
from .common import (
    coordinator_schools,
    ctx,
    current_year,
    docs_for,
    fire_with,
    history_rows,
    iop_qs,
    search_students,
    without_iop,
)


def _page(pk, part="") -> str:
    return reverse("no-iskole:iop", args=[pk]) + (f"#{part}" if part else "")


def _no_year(request, back):
    messages.error(request, _("No school year covers today: ask an administrator to add it."))
    return redirect(back)


@case_view
@require_POST
def iop_start(request, student_pk):
    schools = permitted(request.user, "create", School.objects.all())
    student = get_object_or_404(Student.objects.filter(school__in=schools), pk=student_pk)
    year = current_year()
    if year is None:
        return _no_year(request, "no-iskole:index")
    iop = start_iop(student, school_year=year, subjects=special_education_subjects(student))
    audit.record(request, "create", record=iop, role=role_used(request.user, "create", iop))
    return redirect(_page(iop.pk))


@case_view
def decision_new(request):
    """Students enrolled at one's school with no case in the portal, for an outside decision."""
    candidates, q = search_students(request, without_iop(coordinator_schools(request.user)))
    page = sdk.paginate(request, candidates)
    return render(request, "no_iskole/decision_new.html", ctx(page=page, q=q))


@case_view
def decision(request, student_pk):
    """Register a decision made outside the portal, and create IOP part 1 at once.

    For a student whose case started outside the portal (no application here):
    the coordinator gives the date of the decision and the subjects; the student
    gets the status special education and an IOP in preparation for this year.
    """
    schools = coordinator_schools(request.user)
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
    year = current_year()
    if year is None:
        return _no_year(request, back)
    form = f.OutsideDecisionForm(request.POST or None, student=student)
    if request.method == "POST" and form.is_valid():
        # Like recording a decision on an application: a fresh second factor first.
        require_fresh_second_factor(request)
        with transaction.atomic():
            if not students_without_iop(student.school).filter(pk=student.pk).exists():
                return redirect(back)
            status, iop = register_outside_decision(
                student,
                school_year=year,
                person=getattr(request.user, "person", None),
                **form.cleaned_data,
            )
            for record in (status, iop):
                audit.record(
                    request, "create", record=record, role=role_used(request.user, "create", record)
                )
        messages.success(
            request,
            _("The decision is registered and IOP part 1 is created for %(name)s.")
            % {"name": student.name},
        )
        return redirect(_page(iop.pk))
    return render(
        request,
        "no_iskole/decision.html",
        ctx(student=student, form=form, back=back, school_year=year),
        status=400 if request.method == "POST" else 200,
    )


def _first(user, model, **lookup):
    return permitted(user, "view", model.objects.filter(**lookup)).first()


@case_view
def iop_detail(request, pk):
    iop = fetch(request, "view", iop_qs(), pk=pk)
    user = request.user
    plans = list(permitted(user, "view", iop.subject_plans.select_related("subject")))
    editable = set(permitted(user, "edit", iop.subject_plans.all()).values_list("pk", flat=True))
    assessments = {}
    for a in permitted(user, "view", SubjectAssessment.objects.filter(iop=iop)):
        assessments.setdefault(a.subject_plan_id, {})[a.kind] = a
    for plan in plans:
        own = assessments.get(plan.pk, {})
        plan.visible_assessments = [own[k] for k in AssessmentKind.values if k in own]
        plan.may_edit = plan.pk in editable
    report = (
        permitted(user, "view", AnnualReport.objects.filter(iop=iop))
        .select_related("sent_by")
        .first()
    )
    appendix = _first(user, CertificateAppendix, iop=iop)
    may_edit = can(user, "edit", iop)
    may_edit_report = report is not None and can(user, "edit", report)
    stage_steps = {t.target for t in allowed_transitions(user, iop)}
    registered = iop.student.subjects.exclude(
        pk__in=[p.subject_id for p in iop.subject_plans.all()]
    )
    return render(
        request,
        "no_iskole/iop_detail.html",
        ctx(
            iop=iop,
            plans=plans,
            switcher=permitted(user, "view", iop_qs().filter(school_year=iop.school_year)).order_by(
                "student__person__family_name", "student__person__given_name"
            ),
            report=report,
            appendix=appendix,
            log=permitted(user, "view", LogEntry.objects.filter(iop=iop)),
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
            documents=docs_for(user, iop.student),
            upload_form=DocumentUploadForm() if can(user, "upload", iop) else None,
            may_edit=may_edit,
            may_edit_report=may_edit_report,
            report_sent_form=f.AnnualReportSentForm(initial={"sent_on": timezone.localdate()})
            if may_edit_report
            else None,
            special_education=_first(user, SpecialEducation, student=iop.student),
            may_edit_appendix=appendix is not None and can(user, "edit", appendix),
            pdfs=iop_documents(registry.get(CODE), user, iop, appendix),
            add_subject_form=f.AddSubjectForm(subjects=registered)
            if may_edit and registered.exists()
            else None,
            history=history_rows(iop) if can(user, "publish", iop) else None,
        ),
    )


def _edit_part(request, record, iop, form_class, heading, success=None):
    """The edit page of one part of the IOP (part 1, annual report, appendix)."""
    return sdk.edit_record(
        request,
        record,
        form_class(request.POST or None, instance=record),
        template="no_iskole/form_page.html",
        success=success or _("Saved."),
        back=_page(iop.pk),
        context=ctx(iop=iop, heading=heading),
        autosave=form_class.Meta.fields,
    )


@case_view
def iop_edit(request, pk):
    iop = fetch(request, "edit", iop_qs(), pk=pk)
    return _edit_part(request, iop, iop, f.IopForm, _("IOP part 1"), _("IOP part 1 is saved."))


@case_view
@require_POST
def iop_stage(request, pk):
    iop = fetch(request, "publish", iop_qs(), pk=pk)
    stage = request.POST.get("stage", "")
    if stage not in STAGE_ORDER:
        raise Http404
    return sdk.fire_step(
        request,
        iop,
        f"to_{stage}",
        back=_page(iop.pk),
        success=_("The IOP is now: %(stage)s.") % {"stage": Stage(stage).label},
    )


@case_view
@require_POST
def iop_log(request, pk):
    iop = fetch(request, "comment", iop_qs(), pk=pk)
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
    return redirect(_page(iop.pk, "log"))


@case_view
@require_POST
def iop_add_subject(request, pk):
    iop = fetch(request, "edit", iop_qs(), pk=pk)
    form = f.AddSubjectForm(request.POST, subjects=iop.student.subjects.all())
    if form.is_valid():
        ensure_subject_plan(iop, form.cleaned_data["subject"])
        messages.success(request, _("The subject is added to part 2."))
    else:
        messages.error(request, _("Choose one of the student's subjects."))
    return redirect(_page(iop.pk, "part2"))


def _report(request, pk):
    """The annual report for editing, or the 409 page once it is sent (it no longer changes)."""
    qs = AnnualReport.objects.select_related("iop__student__person", "iop__school_year", "sent_by")
    report = get_permitted_or_404(request.user, "view", qs, iop_id=pk)
    if not report.is_sent:
        return fetch(request, "edit", qs, iop_id=pk), None
    audit.record(
        request,
        "denied",
        record=report,
        role=role_used(request.user, "edit", report),
        outcome="409",
        attempted="edit",
    )
    page = ctx(report=report, iop=report.iop, back=_page(report.iop_id))
    return None, render(request, "no_iskole/report_locked.html", page, status=409)


@case_view
def annual_report_edit(request, pk):
    report, locked = _report(request, pk)
    return locked or _edit_part(request, report, report.iop, f.AnnualReportForm, _("Annual report"))


@case_view
@require_POST
def annual_report_send(request, pk):
    """Record the date the annual report was sent to the county or municipality; it locks."""
    report, locked = _report(request, pk)
    if locked:
        return locked
    back = _page(report.iop_id, "annual-report")
    form = f.AnnualReportSentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)

    def sent():
        report.sent_on = form.cleaned_data["sent_on"]
        report.sent_by = getattr(request.user, "person", None)
        report.save(update_fields=["sent_on", "sent_by"])

    return fire_with(
        request,
        report,
        "send",
        back=back,
        before=sent,
        success=_("The annual report is recorded as sent. It can no longer be changed."),
    )


@case_view
def appendix_edit(request, pk):
    appendix = fetch(
        request,
        "edit",
        CertificateAppendix.objects.select_related("iop__student__person"),
        iop_id=pk,
    )
    return _edit_part(
        request,
        appendix,
        appendix.iop,
        f.CertificateAppendixForm,
        _("Appendix to the certificate of competence"),
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
    assessments = {a.kind: a for a in SubjectAssessment.objects.filter(subject_plan=plan)}
    if not can(user, "edit", plan):
        visible = permitted(user, "view", SubjectAssessment.objects.filter(subject_plan=plan))
        return render(
            request,
            "no_iskole/subject_view.html",
            ctx(plan=plan, iop=plan.iop, assessments=visible),
        )
    fields = {
        AssessmentKind.HALF_YEAR: "half_year_assessment",
        AssessmentKind.ANNUAL: "annual_assessment",
    }
    initial = {field: getattr(assessments.get(kind), "text", "") for kind, field in fields.items()}

    def save(form):
        person = getattr(user, "person", None)
        saved = form.save(commit=False)
        saved.updated_by = person
        saved.save()
        for kind, field in fields.items():
            a = assessments.get(kind) or SubjectAssessment(
                subject_plan=plan, subject=plan.subject, iop=plan.iop, kind=kind
            )
            if a.pk and not can(user, "edit", a):
                raise PermissionDenied
            a.text = form.cleaned_data[field]
            a.updated_by = person
            a.save()

    return sdk.edit_record(
        request,
        plan,
        f.SubjectPlanForm(request.POST or None, instance=plan, initial=initial),
        template="no_iskole/subject_edit.html",
        success=_("%(subject)s is saved.") % {"subject": plan.subject.name},
        back=_page(plan.iop_id, f"subject-{plan.pk}"),
        context=ctx(plan=plan, iop=plan.iop),
        autosave=("competence_goals", "learning_goals", *fields.values()),
        save=save,
    )
