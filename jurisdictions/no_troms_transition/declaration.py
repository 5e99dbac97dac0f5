"""What this jurisdiction is, as data: roles, role matrix, workflows, consents, deadlines.

The transition routine for at-risk students ("noen-elever") from lower to
upper secondary school: screening per class, the rektor's decision, consent
from student and guardian, the individual transition plan and its handover,
and the yearly measures calendar. The conformance suite
(``pytest tests/conformance -k no-troms-transition``) tests every cell.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plugins.sdk import (
    Condition,
    ConsentSpec,
    Guard,
    Jurisdiction,
    MenuItem,
    Role,
    Transition,
    Workflow,
    allow,
    relations,
    state_in,
)

from . import consents as consent_rules
from .effects import (
    ask_consent_again,
    clear_decision,
    record_confirmation,
    record_override,
    stamp_handover,
)
from .measures import MEASURES
from .models import CODE, Outcome, Phase, PlanStatus, RowStatus, TransitionPlan, handover_q
from .relations import receiving_school_staff

STAFF = ("rektor", "counsellor")
RUNNING = (PlanStatus.ACTIVE, PlanStatus.HANDED_OVER)
FAMILY = ("guardian", "student")


# -- conditions on a plan's steps and on the screening handed over ------------------------
def _plan_state_in(*states) -> Condition:
    wanted = tuple(str(s) for s in states)
    return Condition(
        label=f"plan status in ({', '.join(wanted)})",
        test=lambda step: str(step.plan.status) in wanted,
        q=lambda: Q(plan__status__in=wanted),
    )


#: The step's plan has both consents signed.
step_consent_given = Condition(
    label="consent given by guardian and student",
    test=lambda step: consent_rules.is_given(step.plan),
    q=lambda: consent_rules.given_q("plan"),
)
#: A step of the upper-secondary school's part of the plan (after the handover).
upper_secondary_step = Condition(
    label="step after the handover",
    test=lambda step: step.phase == Phase.AFTER,
    q=lambda: Q(phase=Phase.AFTER),
)


def _handed_over(row) -> bool:
    plan = TransitionPlan.objects.filter(screening_id=row.pk).first()
    return plan is not None and plan.screening_handed_over() and consent_rules.is_given(plan)


#: The screening has reached the receiving school: both consents are signed, and
#: 15 March of the school year is reached or the handover was fired.
screening_handed_over = Condition(
    label="consent given, and plan handed over or 15 March reached while it runs",
    test=_handed_over,
    q=lambda: handover_q("transition_plan__") & consent_rules.given_q("transition_plan"),
)
#: The step whose completion means the application is sent.
APPLICATION_STEP = "application"


# -- guards (the steps' effects are in ``effects``) ---------------------------------------
def has_override_reason(row) -> bool:
    return bool((row.override_reason or "").strip())


def not_special_intake(row) -> bool:
    return row.proposal().outcome != Outcome.SPECIAL_INTAKE


def has_no_plan(row) -> bool:
    return not TransitionPlan.objects.filter(screening=row).exists()


def application_sent(plan) -> bool:
    return plan.steps.filter(code=APPLICATION_STEP, done_at__isnull=False).exists()


# -- the declaration -----------------------------------------------------------------------
class NoTromsTransitionJurisdiction(Jurisdiction):
    code = CODE
    name = _("Transition follow-up")
    version = "1.0.0"
    languages = ("nb", "en")
    age_of_majority = 18
    description = _(
        "Screening, consent and individual transition plans for students at risk of not "
        "completing upper secondary school, with the yearly measures calendar."
    )
    confidentiality = "Unntatt offentlighet, jf. offl. § 13 og fvl. § 13"
    urls = "jurisdictions.no_troms_transition.urls"
    conformance = "jurisdictions.no_troms_transition.conformance.NoTromsTransitionFactory"
    demo = "jurisdictions.no_troms_transition.demo.load"

    #: Close a case when the student leaves; delete it after the retention period.
    retention_roles = ("rektor", "counsellor")

    roles = (
        Role(
            "rektor",
            _("Rektor"),
            relations.has_role_at_school("rektor"),
            description=_("Leads the routine at the lower-secondary school and decides."),
        ),
        Role(
            "counsellor",
            _("Counsellor"),
            relations.has_role_at_school("counsellor"),
            description=_("Runs the transition plans at the lower-secondary school."),
        ),
        Role(
            "teacher",
            _("Teacher"),
            relations.teaches_student,
            description=_("Teaches the student this school year; helps screen the class."),
        ),
        Role(
            "upper_staff",
            _("Upper-secondary contact"),
            receiving_school_staff,
            description=_("Staff of the receiving school; sees the plan once consent is given."),
        ),
        Role("guardian", _("Guardian"), relations.guardian_of_student),
        Role("student", _("Student"), relations.student_self),
    )
    matrix = (
        allow("SchoolData", "view", "rektor", "counsellor", "teacher"),
        allow("SchoolData", "edit", "rektor", "counsellor"),
        allow("ScreeningRow", "view", "rektor", "counsellor", "teacher"),
        allow(
            "ScreeningRow", "edit", "rektor", "counsellor", "teacher", when=state_in(RowStatus.OPEN)
        ),
        allow("ScreeningRow", "decide", "rektor", when=state_in(RowStatus.OPEN)),
        allow("ScreeningRow", "manage", *STAFF, when=state_in(RowStatus.DECIDED)),
        allow("TransitionPlan", "view", "rektor", "counsellor", "teacher"),
        allow(
            "TransitionPlan",
            "view",
            "upper_staff",
            "guardian",
            "student",
            when=consent_rules.consent_given,
        ),
        allow("TransitionPlan", "edit", *STAFF, when=state_in(*RUNNING)),
        allow(
            "TransitionPlan",
            "edit",
            "upper_staff",
            when=state_in(PlanStatus.HANDED_OVER) & consent_rules.consent_given,
        ),
        allow("TransitionPlan", "manage", *STAFF),
        # Steps: after the handover the lower-secondary school's steps stay its own; the
        # receiving school's staff mark only the steps of their part of the plan.
        allow("PlanStep", "view", "rektor", "counsellor", "teacher"),
        allow("PlanStep", "view", "upper_staff", *FAMILY, when=step_consent_given),
        allow("PlanStep", "edit", *STAFF, when=_plan_state_in(*RUNNING)),
        allow(
            "PlanStep",
            "edit",
            "upper_staff",
            when=_plan_state_in(PlanStatus.HANDED_OVER) & step_consent_given & upper_secondary_step,
        ),
        # What the screening form says about the student, handed over to the receiving school.
        allow("ScreeningHandover", "view", "upper_staff", when=screening_handed_over),
    )
    workflows = (
        Workflow(
            record="ScreeningRow",
            states=RowStatus,
            initial=RowStatus.OPEN,
            transitions=(
                Transition(
                    "confirm",
                    RowStatus.OPEN,
                    RowStatus.DECIDED,
                    roles=("rektor",),
                    label=_("Confirm the proposal"),
                    step_up=True,
                    effects=(record_confirmation,),
                ),
                Transition(
                    "override",
                    RowStatus.OPEN,
                    RowStatus.DECIDED,
                    roles=("rektor",),
                    label=_("Override the proposal"),
                    step_up=True,
                    guards=(
                        Guard(
                            "reason given",
                            has_override_reason,
                            _("Write why you decide otherwise than proposed."),
                        ),
                        Guard(
                            "not on the special-intake track",
                            not_special_intake,
                            _(
                                "A student applying by the special-intake deadline follows that track."
                            ),
                        ),
                    ),
                    effects=(record_override,),
                ),
                Transition(
                    "reopen",
                    RowStatus.DECIDED,
                    RowStatus.OPEN,
                    roles=("rektor",),
                    label=_("Reopen the screening row"),
                    guards=(
                        Guard(
                            "no transition plan",
                            has_no_plan,
                            _("A transition plan was already made from this row."),
                        ),
                    ),
                    effects=(clear_decision,),
                ),
            ),
        ),
        Workflow(
            record="TransitionPlan",
            states=PlanStatus,
            initial=PlanStatus.AWAITING_CONSENT,
            transitions=(
                # Fired by the consent itself (``signals.start_on_consent``) as whoever
                # signs last; staff may still fire it should that ever have failed.
                Transition(
                    "start",
                    PlanStatus.AWAITING_CONSENT,
                    PlanStatus.ACTIVE,
                    roles=(*STAFF, *FAMILY),
                    label=_("Start the plan"),
                    guards=(
                        Guard(
                            "consent given",
                            consent_rules.is_given,
                            _("Both the student and a guardian must consent first."),
                        ),
                    ),
                ),
                Transition(
                    "hand_over",
                    PlanStatus.ACTIVE,
                    PlanStatus.HANDED_OVER,
                    roles=STAFF,
                    label=_("Hand over to the upper-secondary school"),
                    guards=(
                        Guard(
                            "application sent",
                            application_sent,
                            _("Mark the application as sent before handing over."),
                        ),
                        Guard(
                            "consent given",
                            consent_rules.is_given,
                            _("Both the student and a guardian must consent first."),
                        ),
                    ),
                    effects=(stamp_handover,),
                ),
                Transition(
                    "complete",
                    PlanStatus.HANDED_OVER,
                    PlanStatus.COMPLETED,
                    roles=("upper_staff",),
                    label=_("Mark the plan as completed"),
                ),
                Transition(
                    "stop",
                    (PlanStatus.AWAITING_CONSENT, PlanStatus.ACTIVE, PlanStatus.HANDED_OVER),
                    PlanStatus.STOPPED,
                    roles=("rektor", "guardian", "student"),
                    label=_("Stop the plan: consent refused or withdrawn"),
                    guards=(
                        Guard(
                            "consent refused or withdrawn",
                            consent_rules.is_refused,
                            _("A plan stops only when consent is refused or withdrawn."),
                        ),
                    ),
                ),
                Transition(
                    "resume",
                    PlanStatus.STOPPED,
                    PlanStatus.AWAITING_CONSENT,
                    roles=STAFF,
                    label=_("Ask for consent again"),
                    effects=(ask_consent_again,),
                ),
            ),
        ),
    )
    consents = (
        ConsentSpec(
            consent_rules.GUARDIAN,
            _("Consent of the guardian to transition follow-up"),
            record="TransitionPlan",
            signers="any_guardian",
            unlocks="start",
        ),
        ConsentSpec(
            consent_rules.STUDENT,
            _("Consent of the student to transition follow-up"),
            record="TransitionPlan",
            signers="named",
            unlocks="start",
        ),
    )
    deadlines = tuple(m.deadline for m in MEASURES)
    menu = (MenuItem(_("Transition follow-up"), f"{CODE}:index"),)

    def family_plans(self, student, user) -> list[dict]:
        from plugins.access import permitted

        plans = permitted(
            user,
            "view",
            TransitionPlan.objects.filter(student=student).exclude(status=PlanStatus.STOPPED),
        ).select_related("school_year", "upper_school")
        return [
            {
                "title": str(
                    _("Transition plan %(year)s: %(school)s")
                    % {"year": plan.school_year.name, "school": plan.upper_school.name}
                ),
                "url": reverse(f"{self.code}:plan", args=[plan.pk]),
                "status": str(plan.get_status_display()),
            }
            for plan in plans.order_by("pk")
        ]
