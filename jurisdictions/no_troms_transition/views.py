"""Pages of the transition routine under /j/no-troms-transition/.

Every page is a ``case_view`` (signed in, second factor, never cached).
Student records are loaded only through ``plugins.access`` (``fetch`` or
``permitted``), so a record the user may not see answers 404; the school
owner's and the county's pages show counts only.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins.access import can, fetch, permitted
from plugins.accounts.decorators import case_view
from plugins.accounts.stepup import ask_for_fresh_factor
from plugins.documents import pdf_response, render_pdf
from plugins.models import Group, Organisation
from plugins.registry import registry
from plugins.workflow import (
    StepUpRequired,
    TransitionError,
    allowed_transitions,
    fire,
    labelled_history,
)

from . import consents, overview, services
from .forms import DecisionForm, PlanForm, SchoolDataForm, ScreeningRowForm, StepForm
from .measures import BY_CODE, LEVEL_ROLES, OWNER, REGION, UNIT, status_for
from .models import (
    CODE,
    MeasureCompletion,
    PlanStatus,
    PlanStep,
    SchoolData,
    ScreeningHandover,
    ScreeningRow,
    TransitionPlan,
)
from .rules import FACTOR_LABELS

NS = CODE
STAFF_ROLES = ("rektor", "counsellor")


def _j():
    return registry.get(CODE)


def _url(name, *args):
    return reverse(f"{NS}:{name}", args=args)


def _step_up(request, next_url):
    return ask_for_fresh_factor(request, next_url)


# -- start page ----------------------------------------------------------------------------
@case_view
def index(request):
    user = request.user
    year = overview.current_year()
    staff_schools = overview.organisations_with_role(user, STAFF_ROLES, Organisation.Kind.SCHOOL)
    rows = permitted(user, "view", ScreeningRow.objects.all())
    group_ids = set(rows.values_list("group_id", flat=True))
    groups = Group.objects.filter(
        school__in=staff_schools, school_year=year
    ) | Group.objects.filter(pk__in=group_ids)
    plans = permitted(
        user,
        "view",
        TransitionPlan.objects.select_related(
            "student__person", "lower_school", "upper_school", "school_year"
        ),
    ).order_by("student__person__family_name", "pk")
    return render(
        request,
        "no_troms_transition/index.html",
        {
            "jurisdiction": _j(),
            "groups": groups.distinct()
            .select_related("school", "school_year")
            .order_by("school__name", "name"),
            "plans": plans,
            "is_owner": overview.organisations_with_role(user, ["school_owner"]).exists(),
            "is_county": overview.organisations_with_role(
                user, ["case_officer"], Organisation.Kind.COUNTY
            ).exists(),
            "has_measures": bool(_measure_orgs(user)),
        },
    )


# -- screening ----------------------------------------------------------------------------
def _attach_school_data(rows, year):
    data = {
        d.student_id: d
        for d in SchoolData.objects.filter(
            student_id__in=[r.student_id for r in rows], school_year=year
        )
    }
    for row in rows:
        row._school_data = data.get(row.student_id)


def consent_label(state: str, ended_on=None) -> str:
    """The consent in words; a refusal or withdrawal with the day it was decided."""
    day = date_format(timezone.localtime(ended_on), "j.n.Y") if ended_on else ""
    if state == consents.WITHDRAWN:
        if day:
            return _("Consent withdrawn on %(date)s") % {"date": day}
        return _("Consent withdrawn")
    if state == consents.REFUSED:
        if day:
            return _("Consent refused on %(date)s") % {"date": day}
        return _("Consent refused")
    return {
        consents.GIVEN: _("Consent given"),
        consents.PENDING: _("Waiting for consent"),
        consents.NOT_ASKED: _("Not asked"),
    }[state]


def plan_consent_label(plan) -> str:
    requests = consents.current(plan)
    return consent_label(consents.state_of(requests), consents.ended_on(plan, requests))


@case_view
def class_screening(request, pk):
    group = get_object_or_404(Group.objects.select_related("school", "school_year"), pk=pk)
    user = request.user
    is_staff = overview.holds_role(user, STAFF_ROLES, group.school)
    rows = list(
        permitted(
            user,
            "view",
            ScreeningRow.objects.filter(group=group, school_year=group.school_year),
        ).select_related("student__person")
    )
    if not rows and not is_staff:
        raise Http404
    _attach_school_data(rows, group.school_year)
    plans = {
        p.screening_id: p
        for p in TransitionPlan.objects.filter(screening__in=rows).select_related("upper_school")
    }
    table = []
    for row in rows:
        plan = plans.get(row.pk)
        table.append(
            {
                "row": row,
                "factors": row.factors(),
                "holding": [f for f in row.factors() if f.holds],
                "proposal": row.proposal(),
                "plan": plan,
                "consent": plan_consent_label(plan) if plan else "",
            }
        )
    screened = {r.student_id for r in rows}
    missing = (
        [s for s in group.students.select_related("person") if s.pk not in screened]
        if is_staff
        else []
    )
    return render(
        request,
        "no_troms_transition/class_screening.html",
        {
            "jurisdiction": _j(),
            "group": group,
            "table": table,
            "factor_total": len(FACTOR_LABELS),
            "missing": missing,
            "is_staff": is_staff,
        },
    )


@case_view
@require_POST
def class_start(request, pk):
    group = get_object_or_404(Group.objects.select_related("school", "school_year"), pk=pk)
    if not overview.holds_role(request.user, STAFF_ROLES, group.school):
        raise Http404
    added = services.start_screening(group, group.school_year)
    messages.success(
        request,
        _("%(count)s students added to the screening.") % {"count": added},
    )
    return redirect(_url("class", group.pk))


def _row_context(request, row, **extra):
    user = request.user
    j = _j()
    row._school_data = SchoolData.objects.filter(
        student_id=row.student_id, school_year_id=row.school_year_id
    ).first()
    factors = row.factors()
    computed = [f.code for f in factors if f.computed]
    may_edit = can(user, "edit", row)
    data = row.school_data()
    if data is not None:
        may_edit_data = can(user, "edit", data)
    else:
        may_edit_data = any(j.role(code).relation.test(user, row, j) for code in STAFF_ROLES)
    plan = row.plan()
    context = {
        "jurisdiction": j,
        "row": row,
        "factors": factors,
        "proposal": row.proposal(),
        "may_edit": may_edit,
        "may_decide": can(user, "decide", row),
        "may_manage": can(user, "manage", row),
        "may_edit_data": may_edit_data,
        "form": ScreeningRowForm(instance=row, computed=computed) if may_edit else None,
        "data_form": SchoolDataForm(instance=data) if may_edit_data else None,
        "decision_form": DecisionForm() if can(user, "decide", row) else None,
        "transitions": allowed_transitions(user, row),
        "plan": plan if plan is not None and can(user, "view", plan) else None,
        "history": labelled_history(row),
    }
    context.update(extra)
    return context


@case_view
def row_detail(request, pk):
    row = fetch(
        request, "view", ScreeningRow.objects.select_related("student__person", "group"), pk=pk
    )
    return render(request, "no_troms_transition/row_detail.html", _row_context(request, row))


@case_view
@require_POST
def row_edit(request, pk):
    row = fetch(
        request, "edit", ScreeningRow.objects.select_related("student__person", "group"), pk=pk
    )
    computed = [f.code for f in row.factors() if f.computed]
    form = ScreeningRowForm(request.POST, instance=row, computed=computed)
    if form.is_valid():
        form.save()
        messages.success(request, _("The screening row is saved."))
        return redirect(_url("row", row.pk))
    return render(
        request,
        "no_troms_transition/row_detail.html",
        _row_context(request, row, form=form),
        status=400,
    )


@case_view
@require_POST
def row_school_data(request, pk):
    row = fetch(
        request, "view", ScreeningRow.objects.select_related("student__person", "group"), pk=pk
    )
    j = _j()
    data = SchoolData.objects.filter(
        student_id=row.student_id, school_year_id=row.school_year_id
    ).first()
    if data is not None:
        data = fetch(request, "edit", SchoolData.objects.all(), pk=data.pk)
    elif not any(j.role(code).relation.test(request.user, row, j) for code in STAFF_ROLES):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = SchoolDataForm(
        request.POST,
        instance=data or SchoolData(student=row.student, school_year=row.school_year),
    )
    if form.is_valid():
        form.save()
        messages.success(request, _("The school's figures are saved."))
        return redirect(_url("row", row.pk))
    return render(
        request,
        "no_troms_transition/row_detail.html",
        _row_context(request, row, data_form=form),
        status=400,
    )


@case_view
@require_POST
def row_decide(request, pk):
    row = fetch(
        request, "decide", ScreeningRow.objects.select_related("student__person", "group"), pk=pk
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "no_troms_transition/row_detail.html",
            _row_context(request, row, decision_form=form),
            status=400,
        )
    name = form.cleaned_data["decision"]
    try:
        with transaction.atomic():
            if name == "override":
                row.override_reason = form.cleaned_data["reason"].strip()
                row.save(update_fields=["override_reason"])
            fire(row, name, request.user, note=form.cleaned_data["reason"], request=request)
    except StepUpRequired:
        return _step_up(request, _url("row", row.pk))
    except TransitionError as exc:
        row.refresh_from_db()
        form.add_error(None, str(exc))
        return render(
            request,
            "no_troms_transition/row_detail.html",
            _row_context(request, row, decision_form=form),
            status=400,
        )
    messages.success(request, _("The decision is recorded."))
    return redirect(_url("row", row.pk))


@case_view
@require_POST
def row_reopen(request, pk):
    row = fetch(request, "view", ScreeningRow.objects.all(), pk=pk)
    try:
        fire(row, "reopen", request.user, request=request)
    except StepUpRequired:
        return _step_up(request, _url("row", row.pk))
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The screening row is open again."))
    return redirect(_url("row", row.pk))


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
    return render(
        request,
        "no_troms_transition/plan_new.html",
        {"jurisdiction": _j(), "row": row, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _plan_qs():
    return TransitionPlan.objects.select_related(
        "student__person", "lower_school", "upper_school", "school_year", "screening"
    )


def _handover_step_state(plan, given: bool, today) -> dict:
    """What the plan page says of the form-handover step: the portal does it, not a tick."""
    reached = given and plan.screening_handed_over(today)
    day = plan.handover_date
    if reached and plan.handed_over_at is not None:
        day = min(day, timezone.localtime(plan.handed_over_at).date())
    return {"reached": reached, "day": day}


@case_view
def plan_detail(request, pk):
    plan = fetch(request, "view", _plan_qs(), pk=pk)
    user = request.user
    today = timezone.localdate()
    requests = consents.current(plan)
    state = consents.state_of(requests)
    steps = []
    for step in plan.steps.all():
        may_edit = can(user, "edit", step)
        blocked = ""
        if may_edit:
            try:
                services.check_step_change(plan, step)
            except services.StepError as exc:
                blocked = str(exc)
        item = {"step": step, "overdue": step.is_overdue(today), "may_edit": may_edit}
        item["blocked"] = blocked
        if step.code == services.FORM_HANDOVER_STEP:
            item["handover"] = _handover_step_state(plan, state == consents.GIVEN, today)
            item["overdue"] = False
        steps.append(item)
    handover = ScreeningHandover.objects.filter(pk=plan.screening_id)
    return render(
        request,
        "no_troms_transition/plan_detail.html",
        {
            "jurisdiction": _j(),
            "plan": plan,
            "steps": steps,
            "may_edit": any(item["may_edit"] for item in steps),
            "may_manage": can(user, "manage", plan),
            "consent_state": state,
            "consent_text": consent_label(state, consents.ended_on(plan, requests)),
            "guardian_request": requests[consents.GUARDIAN],
            "student_request": requests[consents.STUDENT],
            "student_has_login": plan.student.person.user_id is not None,
            "transitions": allowed_transitions(user, plan),
            "history": labelled_history(plan),
            "may_read_handover": permitted(user, "view", handover).exists(),
        },
    )


@case_view
@require_POST
def plan_fire(request, pk):
    plan = fetch(request, "view", _plan_qs(), pk=pk)
    name = request.POST.get("transition", "")
    try:
        fire(plan, name, request.user, note=request.POST.get("note", "")[:2000], request=request)
    except StepUpRequired:
        return _step_up(request, _url("plan", plan.pk))
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": plan.get_status_display()})
    return redirect(_url("plan", plan.pk))


@case_view
@require_POST
def plan_consent(request, pk):
    plan = fetch(request, "manage", _plan_qs(), pk=pk)
    if plan.status != PlanStatus.AWAITING_CONSENT:
        messages.error(request, _("Consent is asked for only while the plan waits for it."))
    else:
        consents.ask(plan, requested_by=request.user)
        messages.success(request, _("Consent is asked for."))
    return redirect(_url("plan", plan.pk))


def _step_for(request, pk, step_pk):
    """The plan step, loaded for editing through the matrix (one audit row)."""
    step = fetch(
        request,
        "edit",
        PlanStep.objects.select_related(
            "plan__student__person", "plan__lower_school", "plan__upper_school"
        ).filter(plan_id=pk),
        pk=step_pk,
    )
    return step.plan, step


@case_view
def plan_step(request, pk, step_pk):
    plan, step = _step_for(request, pk, step_pk)
    form = StepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The step is saved."))
        return redirect(_url("plan", plan.pk))
    return render(
        request,
        "no_troms_transition/step_edit.html",
        {"jurisdiction": _j(), "plan": plan, "step": step, "form": form},
        status=400 if request.method == "POST" else 200,
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
    """The receiving school reads what the screening form says about this one student.

    Read-only, through the ``ScreeningHandover`` record type: the receiving
    school's staff, after both consents and once 15 March of the school year
    is reached or the plan is handed over. Each opening is an audit row the
    family sees in the access log.
    """
    row = fetch(
        request,
        "view",
        ScreeningHandover.objects.select_related(
            "student__person",
            "group__school",
            "school_year",
            "transition_plan__upper_school",
        ),
        transition_plan__pk=pk,
    )
    plan = row.transition_plan
    row._school_data = SchoolData.objects.filter(
        student_id=row.student_id, school_year_id=row.school_year_id
    ).first()
    factors = row.factors()
    requests = consents.current(plan)
    signed = [r.decided_at for r in requests.values() if r is not None and r.decided_at]
    return render(
        request,
        "no_troms_transition/plan_screening.html",
        {
            "jurisdiction": _j(),
            "row": row,
            "plan": plan,
            "factors": factors,
            "holding": [f for f in factors if f.holds],
            "factor_total": len(factors),
            "consent_given_on": max(signed) if signed else None,
        },
    )


# -- measures calendar ------------------------------------------------------------------
def _measure_orgs(user) -> list[tuple[str, Organisation]]:
    """(level, organisation) pairs the user answers for."""
    pairs = []
    for level, kind in (
        (UNIT, Organisation.Kind.SCHOOL),
        (OWNER, Organisation.Kind.MUNICIPALITY),
        (REGION, Organisation.Kind.COUNTY),
    ):
        for org in overview.organisations_with_role(user, [LEVEL_ROLES[level]], kind):
            pairs.append((level, org))
    return pairs


@case_view
def measures(request):
    user = request.user
    year = overview.current_year()
    today = timezone.localdate()
    pairs = _measure_orgs(user)
    if not pairs:
        raise Http404
    sections = []
    for level, org in pairs:
        rows = status_for(org, level, year)
        section = {"level": level, "org": org, "rows": rows, "schools": []}
        if level == OWNER:
            # The school owner sees every school's overdue measures.
            for school in overview.lower_secondary_schools(org):
                late = [r for r in status_for(school, UNIT, year) if r.overdue(today)]
                section["schools"].append({"school": school, "overdue": late})
        sections.append(section)
    return render(
        request,
        "no_troms_transition/measures.html",
        {"jurisdiction": _j(), "year": year, "today": today, "sections": sections},
    )


@case_view
@require_POST
def measure_toggle(request, org_pk, code):
    measure = BY_CODE.get(code)
    if measure is None:
        raise Http404
    org = get_object_or_404(Organisation, pk=org_pk)
    if (measure.level, org) not in _measure_orgs(request.user):
        raise Http404
    year = overview.current_year()
    if request.POST.get("done") == "0":
        MeasureCompletion.objects.filter(organisation=org, school_year=year, measure=code).delete()
        messages.success(request, _("The measure is open again."))
    else:
        MeasureCompletion.objects.get_or_create(
            organisation=org,
            school_year=year,
            measure=code,
            defaults={"done_by": request.user, "note": request.POST.get("note", "")[:500]},
        )
        messages.success(request, _("The measure is marked as done."))
    return redirect(_url("measures"))


# -- overviews ---------------------------------------------------------------------------
def _overview_data(request, level):
    if level not in ("owner", "county"):
        raise Http404
    user = request.user
    year = overview.current_year()
    if level == "owner":
        owners = overview.organisations_with_role(
            user, ["school_owner"], Organisation.Kind.MUNICIPALITY
        )
        data = [overview.owner_counts(o, year) for o in owners]
        title = _("Transition follow-up: overview for the school owner")
    else:
        counties = overview.organisations_with_role(
            user, ["case_officer"], Organisation.Kind.COUNTY
        )
        data = [o for c in counties for o in overview.county_counts(c, year)]
        title = _("Transition follow-up: overview for the county")
        if not counties:
            raise Http404
    if level == "owner" and not data:
        raise Http404
    threshold = overview.small_count_threshold()
    return {
        "owners": data,
        "year": year,
        "title": title,
        "level": level,
        "small_threshold": threshold,
        "small_mark": overview.small_mark(threshold),
        "hidden_total": overview.HIDDEN_TOTAL,
    }


@case_view
def overview_page(request, level):
    context = _overview_data(request, level)
    context["jurisdiction"] = _j()
    return render(request, "no_troms_transition/overview.html", context)


@case_view
def overview_csv(request, level):
    context = _overview_data(request, level)
    body = "\ufeff" + overview.as_csv(context["owners"])
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    year = context["year"].name.replace("/", "-") if context["year"] else "year"
    response["Content-Disposition"] = f'attachment; filename="transition-{level}-{year}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@case_view
def overview_pdf(request, level):
    context = _overview_data(request, level)
    pdf = render_pdf(
        "no_troms_transition/overview_pdf.html",
        context,
        title=str(context["title"]),
        confidentiality=_j().confidentiality,
    )
    year = context["year"].name.replace("/", "-") if context["year"] else "year"
    return pdf_response(io.BytesIO(pdf), f"transition-{level}-{year}.pdf")
