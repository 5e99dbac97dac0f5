from plugins.sdk import (
    ConsentSpec,
    Guard,
    Jurisdiction,
    Role,
    Transition,
    Workflow,
    allow,
    flag,
    relations,
    state_at_least,
)

from .models import CaseStatus

ORDER = CaseStatus.values
shared = state_at_least(CaseStatus.SHARED, ORDER)


class DummyJurisdiction(Jurisdiction):
    code = "dummy"
    name = "Dummy jurisdiction (tests only)"
    version = "0.1"
    languages = ("en",)
    age_of_majority = 18
    urls = "tests.dummy_jurisdiction.urls"
    conformance = "tests.dummy_jurisdiction.conformance.DummyFactory"

    roles = (
        Role("coordinator", "Coordinator", relations.has_role_at_school("coordinator")),
        Role("teacher", "Teacher", relations.teaches_student),
        Role("own_subject", "Subject teacher", relations.teaches_subject("subject"), implies=("teacher",)),
        Role("guardian", "Guardian", relations.guardian_of_student),
        Role("student", "Student", relations.student_self),
    )
    matrix = (
        allow("Case", "view", "coordinator", "teacher"),
        allow("Case", "view", "guardian", "student", when=shared),
        allow("Case", "edit", "coordinator"),
        allow("Case", "download", "teacher", when=flag("visible_to_teachers")),
        allow("Case", "download", "coordinator"),
        allow("SubjectNote", "view", "coordinator", "teacher"),
        allow("SubjectNote", "edit", "coordinator", "own_subject"),
    )
    consents = (ConsentSpec("case-approval", "Approve the case", record="Case", unlocks="approve"),)
    workflows = (
        Workflow(
            record="Case",
            states=CaseStatus,
            initial=CaseStatus.DRAFT,
            transitions=(
                Transition("share", CaseStatus.DRAFT, CaseStatus.SHARED, roles=("coordinator",)),
                Transition(
                    "approve",
                    CaseStatus.SHARED,
                    CaseStatus.APPROVED,
                    roles=("guardian", "student"),
                    guards=(Guard("has summary", lambda c: bool(c.summary), "Write a summary first."),),
                ),
                Transition(
                    "close",
                    (CaseStatus.APPROVED, CaseStatus.SHARED),
                    CaseStatus.CLOSED,
                    roles=("coordinator",),
                    step_up=True,
                ),
            ),
        ),
    )
