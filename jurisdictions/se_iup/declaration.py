"""What this jurisdiction is, as data: roles, role matrix, workflow, consents, deadlines.

The registry validates this at start-up, ``manage.py jurisdictions`` lists it
and the conformance suite (``pytest tests/conformance -k se-iup``) tests
every matrix cell and every transition of it.
"""

from plugins.sdk import (
    ConsentSpec,
    Deadline,
    Guard,
    Jurisdiction,
    MenuItem,
    Role,
    Transition,
    Workflow,
    allow,
    relations,
    state_at_least,
    state_in,
)

from .models import PlanStatus

ORDER = PlanStatus.values
shared_or_later = state_at_least(PlanStatus.SHARED, ORDER)


def has_summary(plan) -> bool:
    return bool(plan.summary.strip())


class SeIupJurisdiction(Jurisdiction):
    code = "se-iup"
    name = "IUP"
    version = "0.1.0"
    languages = ("en",)
    age_of_majority = 18
    urls = "jurisdictions.se_iup.urls"
    conformance = "jurisdictions.se_iup.conformance.SeIupFactory"

    roles = (
        Role("coordinator", "Coordinator", relations.has_role_at_school("coordinator")),
        Role("teacher", "Teacher", relations.teaches_student),
        Role("guardian", "Guardian", relations.guardian_of_student),
        Role("student", "Student", relations.student_self),
    )
    matrix = (
        allow("Plan", "view", "coordinator", "teacher"),
        allow("Plan", "view", "guardian", "student", when=shared_or_later),
        allow("Plan", "edit", "coordinator", when=state_in(PlanStatus.DRAFT)),
        allow("Plan", "approve", "guardian", "student", when=state_in(PlanStatus.SHARED)),
    )
    workflows = (
        Workflow(
            record="Plan",
            states=PlanStatus,
            initial=PlanStatus.DRAFT,
            transitions=(
                Transition(
                    "share",
                    PlanStatus.DRAFT,
                    PlanStatus.SHARED,
                    roles=("coordinator",),
                    label="Share with the family",
                ),
                Transition(
                    "approve",
                    PlanStatus.SHARED,
                    PlanStatus.APPROVED,
                    roles=("guardian", "student"),
                    label="Approve",
                    guards=(
                        Guard("has a summary", has_summary, "Write a summary before approving."),
                    ),
                ),
                Transition(
                    "reopen",
                    (PlanStatus.SHARED, PlanStatus.APPROVED),
                    PlanStatus.DRAFT,
                    roles=("coordinator",),
                    label="Reopen for changes",
                    step_up=True,
                ),
            ),
        ),
    )
    consents = (
        ConsentSpec("plan-approval", "Approval of the plan", record="Plan", unlocks="approve"),
    )
    deadlines = (
        Deadline("plan-review", "Review every plan", month=6, day=15, responsible="coordinator"),
    )
    menu = (MenuItem("IUP", "se-iup:index"),)
