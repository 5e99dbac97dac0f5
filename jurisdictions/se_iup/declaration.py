"""The Swedish IUP cycle as data: roles, role matrix, workflows, consents, documents.

The registry validates this at start-up, ``manage.py jurisdictions`` lists it
and the conformance suite (``pytest tests/conformance -k se-iup``) tests
every matrix cell and every transition of it. Archived plans are read-only
because no cell that changes anything holds in the archived step, and goal
statuses change only through the goal workflow, whose guard closes with the plan.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plugins.access import permitted
from plugins.sdk import (
    Condition,
    ConsentSpec,
    Deadline,
    DocumentSpec,
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

from . import effects, rules
from .models import (
    CODE,
    COMMENTS_OPEN,
    EDITABLE,
    HOME_OPEN,
    SELF_ASSESSMENT_OPEN,
    SHOWN_TO_FAMILY,
    STAFF_COMMENTS_OPEN,
    DevelopmentPlan,
    GoalStatus,
    PlanStatus,
)
from .relations import mentor_of_student

P = PlanStatus

#: What every goal step shares: student and mentor fire it while the plan is open, and
#: everyone involved is told.
GOAL_STEP = {
    "roles": ("student", "mentor"),
    "guards": (
        Guard("plan open", rules.goal_plan_open, _("The plan is closed: goals no longer change.")),
    ),
    "effects": (effects.goal_changed,),
}


def plan_in(*states) -> Condition:
    """For goals: the plan they belong to is in one of ``states``."""
    wanted = tuple(str(s) for s in states)
    return Condition(
        label=f"plan status in ({', '.join(wanted)})",
        test=lambda goal: str(goal.plan.status) in wanted,
        q=lambda: Q(plan__status__in=wanted),
    )


class SeIupJurisdiction(Jurisdiction):
    code = CODE
    name = _("Individual development plan (IUP)")
    version = "1.0.0"
    languages = ("sv", "en")
    age_of_majority = 18
    description = _(
        "The Swedish IUP cycle: goals and material, self-assessment, preparation at home, "
        "a booked development talk, an agreed plan, follow-up, evaluation and archive."
    )
    urls = "jurisdictions.se_iup.urls"
    conformance = "jurisdictions.se_iup.conformance.SeIupFactory"
    demo = "jurisdictions.se_iup.demo.load"
    extra_actions = ("self_assess", "prepare_home", "book", "evaluate", "request_agreement")

    #: Close a case when the student leaves; delete it after the retention period.
    retention_roles = ("principal",)

    def roles_held_here(self, person) -> set[str]:
        from django.utils import timezone

        from .models import Mentorship

        today = timezone.localdate()
        mentors = Mentorship.objects.filter(
            mentor=person,
            group__school_year__starts__lte=today,
            group__school_year__ends__gte=today,
        )
        return {"mentor"} if mentors.exists() else set()

    roles = (
        Role(
            "mentor",
            _("Mentor"),
            mentor_of_student,
            description=_("Mentor of the student's class; prepares and follows the plan."),
        ),
        Role("teacher", _("Teacher"), relations.teaches_student),
        Role(
            "principal",
            _("Principal"),
            relations.has_role_at_school("principal"),
            description=_("Leads the school; closes and deletes the cases of students who left."),
        ),
        Role("guardian", _("Guardian"), relations.guardian_of_student),
        Role("student", _("Student"), relations.student_self),
    )
    matrix = (
        # The plan.
        allow("DevelopmentPlan", "view", "mentor", "teacher"),
        allow("DevelopmentPlan", "view", "student", "guardian", when=state_in(*SHOWN_TO_FAMILY)),
        allow("DevelopmentPlan", "download", "mentor", "teacher"),
        allow(
            "DevelopmentPlan", "download", "student", "guardian", when=state_in(*SHOWN_TO_FAMILY)
        ),
        allow("DevelopmentPlan", "edit", "mentor", when=state_in(*EDITABLE)),
        allow("DevelopmentPlan", "self_assess", "student", when=state_in(*SELF_ASSESSMENT_OPEN)),
        allow("DevelopmentPlan", "prepare_home", "guardian", when=state_in(*HOME_OPEN)),
        allow("DevelopmentPlan", "book", "guardian", "mentor", when=state_in(P.HOME)),
        allow("DevelopmentPlan", "request_agreement", "mentor", when=state_in(P.TALK_HELD)),
        allow("DevelopmentPlan", "evaluate", "mentor", when=state_in(P.FOLLOW_UP)),
        allow(
            "DevelopmentPlan", "comment", "mentor", "teacher", when=state_in(*STAFF_COMMENTS_OPEN)
        ),
        allow("DevelopmentPlan", "comment", "student", "guardian", when=state_in(*COMMENTS_OPEN)),
        # Goals follow their plan.
        allow("Goal", "view", "mentor", "teacher"),
        allow("Goal", "view", "student", "guardian", when=plan_in(*SHOWN_TO_FAMILY)),
        allow("Goal", "edit", "mentor", when=plan_in(*EDITABLE)),
        allow("Goal", "comment", "mentor", "teacher", when=plan_in(*STAFF_COMMENTS_OPEN)),
        allow("Goal", "comment", "student", "guardian", when=plan_in(*COMMENTS_OPEN)),
    )
    workflows = (
        Workflow(
            record="DevelopmentPlan",
            states=PlanStatus,
            initial=P.PREPARING,
            transitions=(
                Transition(
                    "open_self_assessment",
                    P.PREPARING,
                    P.SELF_ASSESSMENT,
                    roles=("mentor",),
                    label=_("Share with the student and guardians"),
                    guards=(
                        Guard("has a goal", rules.has_goal, _("Add at least one goal first.")),
                    ),
                ),
                Transition(
                    "finish_self_assessment",
                    P.SELF_ASSESSMENT,
                    P.HOME,
                    roles=("student", "mentor"),
                    label=_("Self-assessment done: over to the guardians"),
                ),
                Transition(
                    "book_talk",
                    P.HOME,
                    P.TALK_BOOKED,
                    roles=("guardian", "mentor"),
                    label=_("Book the development talk"),
                    guards=(
                        Guard(
                            "a time is booked",
                            rules.has_booking,
                            _("Choose a time for the talk first."),
                        ),
                    ),
                ),
                Transition(
                    "cancel_booking",
                    P.TALK_BOOKED,
                    P.HOME,
                    roles=("guardian", "mentor"),
                    label=_("Cancel the booked time"),
                    effects=(effects.cancel_booking,),
                ),
                Transition(
                    "hold_talk",
                    P.TALK_BOOKED,
                    P.TALK_HELD,
                    roles=("mentor",),
                    label=_("The development talk was held"),
                ),
                Transition(
                    "agree",
                    P.TALK_HELD,
                    P.AGREED,
                    roles=("mentor", "student", "guardian"),
                    label=_("The IUP is agreed"),
                    guards=(
                        Guard(
                            "agreement confirmed by every party",
                            rules.agreement_confirmed,
                            _(
                                "Student, mentor and guardians must each confirm this version "
                                "of the agreement first."
                            ),
                        ),
                    ),
                ),
                Transition(
                    "start_follow_up",
                    P.AGREED,
                    P.FOLLOW_UP,
                    roles=("mentor",),
                    label=_("Follow up the goals during the term"),
                ),
                Transition(
                    "evaluate",
                    P.FOLLOW_UP,
                    P.EVALUATED,
                    roles=("mentor",),
                    label=_("The plan is evaluated"),
                    guards=(
                        Guard(
                            "has an evaluation",
                            rules.has_evaluation,
                            _("Write the evaluation first."),
                        ),
                    ),
                ),
                Transition(
                    "archive",
                    P.EVALUATED,
                    P.ARCHIVED,
                    roles=("mentor",),
                    label=_("Archive (when the next IUP is created)"),
                ),
            ),
        ),
        Workflow(
            record="Goal",
            states=GoalStatus,
            initial=GoalStatus.NOT_STARTED,
            transitions=(
                Transition(
                    "start",
                    GoalStatus.NOT_STARTED,
                    GoalStatus.IN_PROGRESS,
                    label=_("Mark as in progress"),
                    **GOAL_STEP,
                ),
                Transition(
                    "complete",
                    (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS),
                    GoalStatus.DONE,
                    label=_("Mark as done"),
                    **GOAL_STEP,
                ),
                Transition(
                    "reopen",
                    GoalStatus.DONE,
                    GoalStatus.IN_PROGRESS,
                    label=_("Not done after all: back to in progress"),
                    **GOAL_STEP,
                ),
            ),
        ),
    )
    consents = (
        ConsentSpec(
            rules.SPEC_MENTOR,
            _("The mentor confirms the agreed IUP"),
            record="DevelopmentPlan",
            signers="named",
            unlocks="agree",
            withdrawable=False,
        ),
        ConsentSpec(
            rules.SPEC_STUDENT,
            _("The student confirms the agreed IUP"),
            record="DevelopmentPlan",
            signers="named",
            unlocks="agree",
            withdrawable=False,
        ),
        ConsentSpec(
            rules.SPEC_GUARDIANS,
            _("The guardians confirm the agreed IUP"),
            record="DevelopmentPlan",
            signers="all_guardians",
            unlocks="agree",
            withdrawable=False,
        ),
    )
    documents = (
        DocumentSpec(
            "iup",
            _("Individual development plan"),
            record="DevelopmentPlan",
            template="se_iup/pdf/plan.html",
        ),
    )
    deadlines = (
        Deadline(
            "autumn-talks",
            _("Development talks of the autumn term held"),
            month=11,
            day=30,
            responsible="mentor",
            purpose=_("Every student has an agreed IUP for the term."),
        ),
        Deadline(
            "spring-talks",
            _("Development talks of the spring term held"),
            month=4,
            day=30,
            responsible="mentor",
            purpose=_("Every student has an agreed IUP for the term."),
        ),
    )
    menu = (MenuItem(_("IUP"), f"{CODE}:index"),)

    def family_plans(self, student, user) -> list[dict]:
        plans = permitted(
            user,
            "view",
            DevelopmentPlan.objects.filter(student=student).exclude(status=P.ARCHIVED),
        )
        return [
            {
                "title": str(_("IUP %(term)s") % {"term": plan.term_label}),
                "url": reverse(f"{self.code}:plan", args=[plan.pk]),
                "status": plan.get_status_display(),
            }
            for plan in plans.order_by("-created_at", "-pk")
        ]
