from django.urls import reverse

from plugins.access import permitted
from plugins.consent import consent_guard
from plugins.notifications import guardians_of, notify_effect
from plugins.sdk import (
    ConsentSpec,
    DocumentSpec,
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

from .models import Case, CaseStatus

ACTIVE = (CaseStatus.DRAFT, CaseStatus.SHARED, CaseStatus.APPROVED)

ORDER = CaseStatus.values
shared = state_at_least(CaseStatus.SHARED, ORDER)


def approval_text(case) -> str:
    """What the family reads and signs before approving: the case summary as it is now."""
    return case.summary


class DummyJurisdiction(Jurisdiction):
    code = "dummy"
    name = "Dummy jurisdiction (tests only)"
    version = "0.1"
    languages = ("en",)
    age_of_majority = 18
    urls = "tests.dummy_jurisdiction.urls"
    conformance = "tests.dummy_jurisdiction.conformance.DummyFactory"
    confidentiality = "Confidential: test marking"
    documents = (
        DocumentSpec(
            "case-summary",
            "Case summary",
            record="Case",
            template="dummy_jurisdiction/case_summary.html",
        ),
    )

    roles = (
        Role("coordinator", "Coordinator", relations.has_role_at_school("coordinator")),
        Role("teacher", "Teacher", relations.teaches_student),
        Role(
            "own_subject",
            "Subject teacher",
            relations.teaches_subject("subject"),
            implies=("teacher",),
        ),
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
        allow("CaseDocument", "view", "coordinator"),
        allow("CaseDocument", "view", "teacher", when=flag("visible_to_teachers")),
        allow("CaseDocument", "download", "coordinator"),
        allow("CaseDocument", "download", "teacher", when=flag("visible_to_teachers")),
    )
    consents = (ConsentSpec("case-approval", "Approve the case", record="Case", unlocks="approve"),)
    workflows = (
        Workflow(
            record="Case",
            states=CaseStatus,
            initial=CaseStatus.DRAFT,
            transitions=(
                Transition(
                    "share",
                    CaseStatus.DRAFT,
                    CaseStatus.SHARED,
                    roles=("coordinator",),
                    effects=(
                        notify_effect(
                            "workflow",
                            "A case was shared with you",
                            recipients=guardians_of,
                            url=lambda case: reverse("dummy:case", args=[case.pk]),
                        ),
                    ),
                ),
                Transition(
                    "approve",
                    CaseStatus.SHARED,
                    CaseStatus.APPROVED,
                    roles=("guardian", "student"),
                    consent="case-approval",
                    guards=(
                        Guard("has summary", lambda c: bool(c.summary), "Write a summary first."),
                        consent_guard(
                            "case-approval",
                            approval_text,
                            label="case-approval signed",
                            message="The family has not signed the approval of this version yet.",
                        ),
                    ),
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

    def family_plans(self, student, user) -> list[dict]:
        cases = permitted(user, "view", Case.objects.filter(student=student, status__in=ACTIVE))
        return [
            {
                "title": f"Case {case.pk}",
                "url": reverse(f"{self.code}:case", args=[case.pk]),
                "status": case.get_status_display(),
            }
            for case in cases.order_by("pk")
        ]
