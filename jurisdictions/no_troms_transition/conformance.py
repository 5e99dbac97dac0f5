"""Builds records and actors for the core's conformance suite.

``make_actor`` gives the user exactly the one role asked for, towards exactly
the one record given; the builders make fresh people (and schools) every call.
Plans come with both consents signed when their state implies it, or as the
``consent`` trait says ("given", "none", "refused").
"""

from django import forms
from django.urls import reverse

from plugins.models import Organisation, SchoolYear
from plugins.sdk import ConformanceFactory
from plugins.sdk import builders as b
from plugins.sdk.testing import refuse_consent, sign_consent, verified_request

from . import consents, services, signals
from .forms import SchoolDataForm, ScreeningRowForm, StepForm
from .models import (
    CODE,
    Outcome,
    Phase,
    PlanStatus,
    PlanStep,
    RowStatus,
    SchoolData,
    ScreeningHandover,
    ScreeningRow,
    TransitionPlan,
)

__all__ = ["NoTromsTransitionFactory", "decide_consents", "verified_request"]


def decide_consents(plan, decision="sign", guardian=None):
    """Sign (or refuse) both consents of ``plan`` as a guardian and as the student."""
    asked = consents.ask(plan)
    guardian = guardian or b.guardian_of(plan.student)
    student_user = b.student_login(plan.student)
    if asked[consents.STUDENT] is None:
        asked = consents.ask(plan)
    if decision == "sign":
        sign_consent(plan, consents.GUARDIAN, signer=guardian)
        sign_consent(plan, consents.STUDENT, signer=student_user)
    else:
        refuse_consent(plan, consents.GUARDIAN, signer=guardian, reason="No, thanks")
    return asked


def posted(form, **changes) -> dict:
    """What a browser posts for ``form`` as the page shows it, with ``changes``."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled or value is None or value is False:
            continue
        data[name] = "on" if isinstance(field, forms.BooleanField) else str(value)
    return {**data, **changes}


def _url(name, *args):
    return reverse(f"{CODE}:{name}", args=args)


def upper_school() -> Organisation:
    return b.school(jurisdiction=CODE)


def past_school_year() -> SchoolYear:
    """A school year whose 15 March has passed (the screening reaches upper secondary)."""
    import datetime

    year, _ = SchoolYear.objects.get_or_create(
        name="2019/20",
        defaults={"starts": datetime.date(2019, 8, 1), "ends": datetime.date(2020, 7, 31)},
    )
    return year


class NoTromsTransitionFactory(ConformanceFactory):
    variants = {
        "TransitionPlan": [{"consent": "given"}, {"consent": "none"}],
        "PlanStep": [
            {"plan_state": PlanStatus.AWAITING_CONSENT, "phase": Phase.BEFORE},
            {"plan_state": PlanStatus.ACTIVE, "phase": Phase.BEFORE},
            {"plan_state": PlanStatus.HANDED_OVER, "phase": Phase.BEFORE},
            {"plan_state": PlanStatus.HANDED_OVER, "phase": Phase.AFTER},
            {"plan_state": PlanStatus.HANDED_OVER, "phase": Phase.AFTER, "consent": "none"},
        ],
        "ScreeningHandover": [
            {"plan_state": PlanStatus.HANDED_OVER},
            {"plan_state": PlanStatus.HANDED_OVER, "consent": "none"},
            {"plan_state": PlanStatus.ACTIVE},
            {"plan_state": PlanStatus.ACTIVE, "past_year": True},
            {"plan_state": PlanStatus.STOPPED, "consent": "refused"},
        ],
    }

    def make_record(self, record_type, state=None, for_transition=None, **traits):
        if record_type == "SchoolData":
            return SchoolData.objects.create(
                student=b.student(), school_year=b.school_year(), **traits
            )
        if record_type == "ScreeningRow":
            st = b.student()
            fields = {}
            if for_transition == "override":
                fields["override_reason"] = "The class teacher knows the student well."
            return ScreeningRow.objects.create(
                student=st,
                school_year=b.school_year(),
                group=st.group,
                status=state or RowStatus.OPEN,
                **fields,
                **traits,
            )
        if record_type == "TransitionPlan":
            return self.make_plan(state, for_transition, **traits)
        if record_type == "PlanStep":
            plan = self.make_plan(
                traits.get("plan_state", PlanStatus.ACTIVE), consent=traits.get("consent")
            )
            return plan.steps.filter(phase=traits.get("phase", Phase.BEFORE)).first()
        if record_type == "ScreeningHandover":
            # ``state`` is the row's (always decided); the plan's state is a trait.
            plan = self.make_plan(
                traits.get("plan_state", PlanStatus.HANDED_OVER), consent=traits.get("consent")
            )
            if traits.get("past_year"):
                year = past_school_year()
                ScreeningRow.objects.filter(pk=plan.screening_id).update(school_year=year)
                TransitionPlan.objects.filter(pk=plan.pk).update(school_year=year)
            # The record type's own manager shows only rows that reached upper secondary.
            return ScreeningHandover._base_manager.get(pk=plan.screening_id)
        raise KeyError(record_type)

    def make_plan(self, state=None, for_transition=None, consent=None):
        state = state or PlanStatus.AWAITING_CONSENT
        st = b.student(with_user=True, age=15)
        row = ScreeningRow.objects.create(
            student=st,
            school_year=b.school_year(),
            group=st.group,
            status=RowStatus.DECIDED,
            decision=Outcome.TRANSITION,
            large_deviation="Worried about the move",
        )
        plan = services.create_plan(row, upper_school())
        if consent is None:
            if for_transition == "stop":
                consent = "refused"
            elif for_transition == "start" or state in (
                PlanStatus.ACTIVE,
                PlanStatus.HANDED_OVER,
                PlanStatus.COMPLETED,
            ):
                consent = "given"
            else:
                consent = "none"
        with signals.paused():
            if consent == "given":
                decide_consents(plan, "sign")
            elif consent == "refused":
                decide_consents(plan, "refuse")
        if for_transition == "hand_over":
            plan.steps.filter(code="application").update(done_at=plan.created_at)
        TransitionPlan.objects.filter(pk=plan.pk).update(status=state)
        plan.refresh_from_db()
        return plan

    def make_actor(self, role, record):
        if isinstance(record, PlanStep):
            record = record.plan
        elif isinstance(record, ScreeningHandover):
            record = TransitionPlan.objects.get(screening_id=record.pk)
        st = record.student
        code = CODE
        if role == "rektor":
            return b.role_holder("rektor", st.school, jurisdiction=code)
        if role == "counsellor":
            return b.role_holder("counsellor", st.school, jurisdiction=code)
        if role == "teacher":
            return b.teacher_of(st)
        if role == "upper_staff":
            school = getattr(record, "upper_school", None) or upper_school()
            return b.role_holder("upper_staff", school, jurisdiction=code)
        if role == "guardian":
            return b.guardian_of(st)
        if role == "student":
            return b.student_login(st)
        raise KeyError(role)

    # -- the plugin's pages ----------------------------------------------------------------
    def edit_page(self, record_type, record):
        if record_type == "ScreeningRow" and record.status == RowStatus.OPEN:
            form = ScreeningRowForm(instance=record)
            valid = posted(form, assessment="Talked with the class teacher.")
            return _url("row-edit", record.pk), valid, {**valid, "version": ""}
        if record_type == "SchoolData":
            row, _made = ScreeningRow.objects.get_or_create(
                student=record.student,
                school_year=record.school_year,
                defaults={"group": record.student.group},
            )
            valid = posted(SchoolDataForm(instance=record), absence_percent="7,5")
            return _url("row-school-data", row.pk), valid, {**valid, "absence_percent": "150"}
        if record_type == "PlanStep" and record.plan.status in (
            PlanStatus.ACTIVE,
            PlanStatus.HANDED_OVER,
        ):
            valid = posted(StepForm(instance=record), note="Agreed with the family.")
            url = _url("plan-step", record.plan_id, record.pk)
            return url, valid, {**valid, "due": "not a date"}
        return None

    def step_page(self, transition, record):
        if isinstance(record, ScreeningRow):
            if transition.name == "reopen":
                return _url("row-reopen", record.pk), {}
            reason = "The class teacher knows the student well."
            return _url("row-decide", record.pk), {"decision": transition.name, "reason": reason}
        if isinstance(record, TransitionPlan):
            post = {"transition": transition.name, "note": "Agreed at the meeting."}
            return _url("plan-fire", record.pk), post
        return None
