"""Builds records and actors for the core's conformance suite.

``make_actor`` gives the user exactly the one role asked for, towards exactly
the one record given; the builders make fresh people (and schools) every call.
Plans come with both consents signed when their state implies it, or as the
``consent`` trait says ("given", "none", "refused").
"""

from django.test import RequestFactory

from plugins import consent
from plugins.accounts import mark_second_factor_verified
from plugins.models import Organisation, SchoolYear
from plugins.sdk import ConformanceFactory
from plugins.sdk import builders as b

from . import consents, services, signals
from .models import (
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


def verified_request(user):
    """A POST request by ``user`` with a fresh second factor (for consent decisions)."""
    user = type(user).objects.get(pk=user.pk)
    user.is_verified = lambda: True
    http = RequestFactory().post("/")
    http.user, http.session = user, {}
    mark_second_factor_verified(http)
    return http


def decide_consents(plan, decision="sign", guardian=None):
    """Sign (or refuse) both consents of ``plan`` as a guardian and as the student."""
    asked = consents.ask(plan)
    guardian = guardian or b.guardian_of(plan.student)
    student_user = b.student_login(plan.student)
    if asked[consents.STUDENT] is None:
        asked = consents.ask(plan)
    if decision == "sign":
        consent.sign(asked[consents.GUARDIAN], verified_request(guardian))
        consent.sign(asked[consents.STUDENT], verified_request(student_user))
    else:
        consent.refuse(asked[consents.GUARDIAN], verified_request(guardian), reason="No, thanks")
    return asked


def upper_school() -> Organisation:
    return b.school(jurisdiction="no-troms-transition")


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
        code = self.jurisdiction.code
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
