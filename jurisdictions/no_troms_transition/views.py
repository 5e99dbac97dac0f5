"""Pages of the transition routine under /j/no-troms-transition/.

Every page is a ``case_view`` (signed in, second factor, never cached).
Student records are loaded only through ``plugins.access`` (``fetch`` or
``permitted``), so a record the user may not see answers 404; the school
owner's and the county's pages show counts only. Steps, edits and downloads
go through the SDK's page layer (``plugins.sdk.views``).
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins.access import can, fetch, permitted
from plugins.accounts.decorators import case_view
from plugins.documents import pdf_response
from plugins.models import Group, Organisation
from plugins.registry import registry
from plugins.sdk import views as sdk
from plugins.workflow import allowed_transitions, labelled_history

from . import consents, documents, overview, services
from .forms import DecisionForm, PlanForm, SchoolDataForm, ScreeningRowForm, StepForm
from .measures import BY_CODE, set_done
from .models import (
    CODE,
    PlanStatus,
    PlanStep,
    SchoolData,
    ScreeningHandover,
    ScreeningRow,
    TransitionPlan,
)
from .rules import FACTOR_LABELS

STAFF_ROLES = ("rektor", "counsellor")
ROW_RELATED = ("student__person", "group")
GROUPS = Group.objects.select_related("school", "school_year")
PLAN_RELATED = ("student__person", "lower_school", "upper_school", "school_year", "screening")


def _url(name, *args):
    return reverse(f"{CODE}:{name}", args=args)


def _page(request, name, status=200, **context):
    """Render page ``name`` of the plugin with the jurisdiction in its context."""
    context = {"jurisdiction": registry.get(CODE), **context}
    return render(request, f"no_troms_transition/{name}.html", context, status=status)


def _row(request, action, pk):
    return fetch(request, action, ScreeningRow.objects.select_related(*ROW_RELATED), pk=pk)


def _school_data(row):
    """The school's figures for the row's student and year (None if not entered yet)."""
    data = SchoolData.objects.filter(
        student_id=row.student_id, school_year_id=row.school_year_id
    ).first()
    row._school_data = data
    return data


def _is_school_staff(user, row) -> bool:
    j = registry.get(CODE)
    return any(j.role(code).relation.test(user, row, j) for code in STAFF_ROLES)


# -- start page ----------------------------------------------------------------------------
@case_view
def index(request):
    user = request.user
    plans = TransitionPlan.objects.select_related(*PLAN_RELATED)
    return _page(
        request,
        "index",
        groups=overview.groups_for(user, permitted(user, "view", ScreeningRow.objects.all())),
        plans=permitted(user, "view", plans).order_by("student__person__family_name", "pk"),
        is_owner=overview.organisations_with_role(user, ["school_owner"]).exists(),
        is_county=overview.organisations_with_role(
            user, ["case_officer"], Organisation.Kind.COUNTY
        ).exists(),
        has_measures=bool(overview.measure_orgs(user)),
    )


# -- screening ----------------------------------------------------------------------------
@case_view
def class_screening(request, pk):
    group = get_object_or_404(GROUPS, pk=pk)
    user = request.user
    is_staff = overview.holds_role(user, STAFF_ROLES, group.school)
    rows = ScreeningRow.objects.filter(group=group, school_year=group.school_year)
    rows = list(permitted(user, "view", rows).select_related("student__person"))
    if not rows and not is_staff:
        raise Http404
    screened = {r.student_id for r in rows}
    students = group.students.select_related("person") if is_staff else []
    return _page(
        request,
        "class_screening",
        group=group,
        table=overview.screening_table(rows, group.school_year),
        factor_total=len(FACTOR_LABELS),
        missing=[s for s in students if s.pk not in screened],
        is_staff=is_staff,
    )


@case_view
@require_POST
def class_start(request, pk):
    group = get_object_or_404(GROUPS, pk=pk)
    if not overview.holds_role(request.user, STAFF_ROLES, group.school):
        raise Http404
    added = services.start_screening(group, group.school_year)
    messages.success(request, _("%(count)s students added to the screening.") % {"count": added})
    return redirect(_url("class", group.pk))


def _row_context(request, row, **forms):
    """The row page: the screening, the school's figures, the decision, the history."""
    user = request.user
    data = _school_data(row)
    factors = row.factors()
    may_edit = can(user, "edit", row)
    may_edit_data = can(user, "edit", data) if data else _is_school_staff(user, row)
    may_decide = can(user, "decide", row)
    plan = row.plan()
    computed = [f.code for f in factors if f.computed]
    return {
        "jurisdiction": registry.get(CODE),
        "row": row,
        "factors": factors,
        "proposal": row.proposal(),
        "may_edit": may_edit,
        "may_decide": may_decide,
        "may_manage": can(user, "manage", row),
        "may_edit_data": may_edit_data,
        "form": ScreeningRowForm(instance=row, computed=computed) if may_edit else None,
        "data_form": SchoolDataForm(instance=data) if may_edit_data else None,
        "decision_form": DecisionForm() if may_decide else None,
        "transitions": allowed_transitions(user, row),
        "plan": plan if plan is not None and can(user, "view", plan) else None,
        "history": labelled_history(row),
        **forms,
    }


def _edit_on_row_page(request, row, record, form, key, success):
    """Save one of the row page's edit forms, or show the row page with its errors (400)."""
    invalid = request.method == "POST" and not form.is_valid()
    return sdk.edit_record(
        request,
        record,
        form,
        template="no_troms_transition/row_detail.html",
        success=success,
        back=_url("row", row.pk),
        context=_row_context(request, row, **({key: form} if invalid else {})),
    )


@case_view
def row_detail(request, pk):
    row = _row(request, "view", pk)
    return _page(request, "row_detail", **_row_context(request, row))


@case_view
def row_edit(request, pk):
    row = _row(request, "edit", pk)
    computed = [f.code for f in row.factors() if f.computed]
    form = ScreeningRowForm(request.POST or None, instance=row, computed=computed)
    return _edit_on_row_page(request, row, row, form, "form", _("The screening row is saved."))


@case_view
def row_school_data(request, pk):
    row = _row(request, "view", pk)
    data = _school_data(row)
    if data is not None:
        data = fetch(request, "edit", SchoolData.objects.all(), pk=data.pk)
    elif not _is_school_staff(request.user, row):
        raise PermissionDenied
    instance = data or SchoolData(student=row.student, school_year=row.school_year)
    form = SchoolDataForm(request.POST or None, instance=instance)
    return _edit_on_row_page(
        request, row, data, form, "data_form", _("The school's figures are saved.")
    )


@case_view
@require_POST
def row_decide(request, pk):
    row = _row(request, "decide", pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        name, reason, failed = form.cleaned_data["decision"], form.cleaned_data["reason"], []
        with transaction.atomic():
            if name == "override":
                row.override_reason = reason.strip()
                row.save(update_fields=["override_reason"])
            response = sdk.fire_step(
                request,
                row,
                name,
                back=_url("row", row.pk),
                note=reason,
                success=_("The decision is recorded."),
                on_error=failed.append,
            )
            transaction.set_rollback(bool(failed))  # not possible now: keep no reason either
        if not failed:
            return response
        row.refresh_from_db()
        form.add_error(None, failed[0])
    return _page(request, "row_detail", 400, **_row_context(request, row, decision_form=form))


@case_view
@require_POST
def row_reopen(request, pk):
    row = fetch(request, "view", ScreeningRow.objects.all(), pk=pk)
    return sdk.fire_step(
        request,
        row,
        "reopen",
        back=_url("row", row.pk),
        success=_("The screening row is open again."),
    )


# -- plans ---------------------------------------------------------------------------------
@case_view
def plan_new(request, pk):
    row = fetch(request, "manage", ScreeningRow.objects.select_related("student__person"), pk=pk)
    existing = row.plan()
    if existing is not None:
        return redirect(_url("plan", existing.pk))
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(row, form.cleaned_data["upper_school"], request.user)
        except services.StepError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("The plan is made, and the student and the guardians are asked for consent."),
            )
            return redirect(_url("plan", plan.pk))
    return _page(request, "plan_new", 400 if request.method == "POST" else 200, row=row, form=form)


def _plan(request, action, pk):
    return fetch(request, action, TransitionPlan.objects.select_related(*PLAN_RELATED), pk=pk)


@case_view
def plan_detail(request, pk):
    plan = _plan(request, "view", pk)
    user = request.user
    today = timezone.localdate()
    requests = consents.current(plan)
    state = consents.state_of(requests)
    steps = services.step_rows(user, plan, state == consents.GIVEN, today)
    handover = ScreeningHandover.objects.filter(pk=plan.screening_id)
    return _page(
        request,
        "plan_detail",
        plan=plan,
        steps=steps,
        may_edit=any(item["may_edit"] for item in steps),
        may_manage=can(user, "manage", plan),
        consent_state=state,
        consent_text=consents.label(state, consents.ended_on(plan, requests)),
        guardian_request=requests[consents.GUARDIAN],
        student_request=requests[consents.STUDENT],
        student_has_login=plan.student.person.user_id is not None,
        transitions=allowed_transitions(user, plan),
        history=labelled_history(plan),
        may_read_handover=permitted(user, "view", handover).exists(),
    )


@case_view
@require_POST
def plan_fire(request, pk):
    plan = _plan(request, "view", pk)
    name, note = request.POST.get("transition", ""), request.POST.get("note", "")[:2000]
    return sdk.fire_step(request, plan, name, back=_url("plan", plan.pk), note=note)


@case_view
@require_POST
def plan_consent(request, pk):
    plan = _plan(request, "manage", pk)
    if plan.status != PlanStatus.AWAITING_CONSENT:
        messages.error(request, _("Consent is asked for only while the plan waits for it."))
    else:
        consents.ask(plan, requested_by=request.user)
        messages.success(request, _("Consent is asked for."))
    return redirect(_url("plan", plan.pk))


def _step_for(request, pk, step_pk):
    """The plan step, loaded for editing through the matrix (one audit row)."""
    steps = PlanStep.objects.select_related(
        "plan__student__person", "plan__lower_school", "plan__upper_school"
    )
    step = fetch(request, "edit", steps.filter(plan_id=pk), pk=step_pk)
    return step.plan, step


@case_view
def plan_step(request, pk, step_pk):
    plan, step = _step_for(request, pk, step_pk)
    return sdk.edit_record(
        request,
        step,
        StepForm(request.POST or None, instance=step),
        template="no_troms_transition/step_edit.html",
        success=_("The step is saved."),
        back=_url("plan", plan.pk),
        context={"jurisdiction": registry.get(CODE), "plan": plan, "step": step},
    )


@case_view
@require_POST
def plan_step_done(request, pk, step_pk):
    plan, step = _step_for(request, pk, step_pk)
    done = request.POST.get("done") != "0"
    try:
        services.set_step_done(plan, step, request.user, done=done)
    except services.StepError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The step is marked as done.") if done else _("The step is open again.")
        )
    return redirect(_url("plan", plan.pk))


# -- the screening handed over ------------------------------------------------------------
@case_view
def plan_screening(request, pk):
    """The receiving school reads the screening of one student (``ScreeningHandover``:
    after both consents and 15 March or the handover; each opening is an audit row)."""
    rows = ScreeningHandover.objects.select_related(
        "student__person", "group__school", "school_year", "transition_plan__upper_school"
    )
    row = fetch(request, "view", rows, transition_plan__pk=pk)
    plan = row.transition_plan
    _school_data(row)
    factors = row.factors()
    signed = [r.decided_at for r in consents.current(plan).values() if r and r.decided_at]
    return _page(
        request,
        "plan_screening",
        row=row,
        plan=plan,
        factors=factors,
        holding=[f for f in factors if f.holds],
        factor_total=len(factors),
        consent_given_on=max(signed) if signed else None,
    )


# -- measures calendar ------------------------------------------------------------------
@case_view
def measures(request):
    year = overview.current_year()
    today = timezone.localdate()
    pairs = overview.measure_orgs(request.user)
    if not pairs:
        raise Http404
    sections = overview.measure_sections(pairs, year, today)
    return _page(request, "measures", year=year, today=today, sections=sections)


@case_view
@require_POST
def measure_toggle(request, org_pk, code):
    measure = BY_CODE.get(code)
    if measure is None:
        raise Http404
    org = get_object_or_404(Organisation, pk=org_pk)
    if (measure.level, org) not in overview.measure_orgs(request.user):
        raise Http404
    done = request.POST.get("done") != "0"
    set_done(org, overview.current_year(), code, request.user, done, request.POST.get("note", ""))
    messages.success(
        request, _("The measure is marked as done.") if done else _("The measure is open again.")
    )
    return redirect(_url("measures"))


# -- overviews ---------------------------------------------------------------------------
def _report(request, level):
    context = overview.report(request.user, level)
    if context is None:
        raise Http404
    return {**context, "jurisdiction": registry.get(CODE)}


@case_view
def overview_page(request, level):
    return _page(request, "overview", **_report(request, level))


@case_view
def overview_csv(request, level):
    context = _report(request, level)
    body = "\ufeff" + overview.as_csv(context["owners"])
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"transition-{level}-{context['file_year']}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@case_view
def overview_pdf(request, level):
    context = _report(request, level)
    name = sdk.document_filename("transition", level, context["file_year"])
    return pdf_response(io.BytesIO(documents.overview_pdf(context)), name)
