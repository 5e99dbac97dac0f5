"""The Norwegian IOP module as data: roles, role matrix, workflows, consent, documents.

The registry validates this at start-up, ``manage.py jurisdictions`` lists it
and the conformance suite (``pytest tests/conformance -k no-iskole``) tests
every matrix cell and every transition of it.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plugins.access import permitted
from plugins.consent import consent_guard
from plugins.notifications import family_of, notify_effect
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
    flag,
    relations,
    state_at_least,
    state_in,
)

from .models import (
    CODE,
    STAGE_ORDER,
    AnnualReportStatus,
    ApplicationStatus,
    AssessmentKind,
    Iop,
    SchoolApplicationStatus,
    Stage,
)
from .services import (
    approval_text,
    ask_family_to_approve,
    iop_url,
    make_special_education,
    record_decision_date,
    teachers_of_iop,
)

A = ApplicationStatus
APPLICATION_ORDER = A.values
EDITABLE = (A.REGISTERED, A.AWAITING_APPROVAL, A.APPROVED)
family_sees_application = state_at_least(A.AWAITING_APPROVAL, APPLICATION_ORDER)


def stage_at_least(stage: str, path: str = "") -> Condition:
    """The IOP (the record itself, or the one at ``path``) reached ``stage``."""
    reached = tuple(STAGE_ORDER[STAGE_ORDER.index(str(stage)) :])
    field = f"{path}__stage" if path else "stage"

    def test(record):
        iop = record
        for hop in path.split("__") if path else ():
            iop = getattr(iop, hop)
        return iop.stage in reached

    return Condition(
        label=f"{field} >= {stage}", test=test, q=lambda: Q(**{f"{field}__in": reached})
    )


def _assessment_published(record) -> bool:
    if record.kind == AssessmentKind.HALF_YEAR:
        return record.iop.stage_reached(Stage.HALF_YEAR_PUBLISHED)
    return record.iop.stage_reached(Stage.ANNUAL_REPORT_PUBLISHED)


ASSESSMENT_PUBLISHED = Condition(
    label="assessment's own stage published (half-year / annual report)",
    test=_assessment_published,
    q=lambda: (
        Q(
            kind=AssessmentKind.HALF_YEAR,
            iop__stage__in=(Stage.HALF_YEAR_PUBLISHED, Stage.ANNUAL_REPORT_PUBLISHED),
        )
        | Q(kind=AssessmentKind.ANNUAL, iop__stage=Stage.ANNUAL_REPORT_PUBLISHED)
    ),
)


def _family_stage_reached() -> tuple[str, ...]:
    return tuple(STAGE_ORDER[STAGE_ORDER.index(Stage.PUBLISHED_TO_FAMILY) :])


def _student_iop_published_to_family(doc) -> bool:
    return Iop.objects.filter(student_id=doc.student_id, stage__in=_family_stage_reached()).exists()


#: Uploaded IOP documents reach the family with the IOP's stage "published to student
#: and guardians" (all of them, as the stage help on the IOP page says).
STUDENT_IOP_PUBLISHED_TO_FAMILY = Condition(
    label="the student's IOP >= published_to_family",
    test=_student_iop_published_to_family,
    q=lambda: Q(
        student_id__in=Iop.objects.filter(stage__in=_family_stage_reached()).values("student_id")
    ),
)

REPORT_OPEN = state_in(AnnualReportStatus.OPEN)

NOT_ATTACHED = Condition(
    label="not attached to an application",
    test=lambda doc: not doc.attached_to,
    q=lambda: Q(attached_to=""),
)

SA_OPEN = state_in(SchoolApplicationStatus.OPEN)


def _linked_open(app) -> bool:
    sa = app.school_application
    return sa is not None and sa.status == SchoolApplicationStatus.OPEN


def _linked_sent(app) -> bool:
    sa = app.school_application
    return sa is not None and sa.status == SchoolApplicationStatus.SENT


def _ready_to_publish(app) -> bool:
    return bool(app.expert_assessment.strip()) and app.subjects.exists()


def _ready_to_send(sa) -> bool:
    return sa.sent_on is not None and sa.student_applications.exists()


def _application_url(app) -> str:
    return reverse("no-iskole:application", args=[app.pk])


def _stage_transition(stage) -> Transition:
    effects = ()
    if stage == Stage.PUBLISHED_TO_TEACHERS:
        effects = (
            notify_effect(
                "workflow",
                _("An IOP was published to you as a subject teacher"),
                recipients=teachers_of_iop,
                url=iop_url,
            ),
        )
    elif stage in (
        Stage.PUBLISHED_TO_FAMILY,
        Stage.HALF_YEAR_PUBLISHED,
        Stage.ANNUAL_REPORT_PUBLISHED,
    ):
        titles = {
            Stage.PUBLISHED_TO_FAMILY: _("Your child's IOP is ready to read"),
            Stage.HALF_YEAR_PUBLISHED: _("A half-year assessment in your child's IOP"),
            Stage.ANNUAL_REPORT_PUBLISHED: _("The annual report of your child's IOP"),
        }
        effects = (notify_effect("workflow", titles[stage], recipients=family_of, url=iop_url),)
    return Transition(
        f"to_{stage}",
        tuple(s for s in STAGE_ORDER if s != stage),
        stage,
        roles=("coordinator",),
        label=Stage(stage).label,
        effects=effects,
    )


class NoIskoleJurisdiction(Jurisdiction):
    code = CODE
    name = _("IOP (Norway)")
    description = _(
        "Individual education plans under the Norwegian Education Act: the student's "
        "application, the school's application to the county or municipality, the IOP in two "
        "parts with publication stages, assessments and the annual report."
    )
    version = "1.0.0"
    languages = ("nb", "nn", "en")
    age_of_majority = 18
    confidentiality = "Unntatt offentlighet, offl. § 13, jf. fvl. § 13"
    urls = "jurisdictions.no_iskole.urls"
    conformance = "jurisdictions.no_iskole.conformance.NoIskoleFactory"
    demo = "jurisdictions.no_iskole.demo.load"
    extra_actions = ("download_half_year", "download_annual", "history")

    #: Close a case when the student leaves; delete it after the retention period.
    retention_roles = ("coordinator", "leader")

    roles = (
        Role(
            "coordinator",
            _("IOP coordinator"),
            relations.has_role_at_school("coordinator"),
        ),
        Role("leader", _("School leader"), relations.has_role_at_school("leader")),
        Role("teacher", _("Subject teacher"), relations.teaches_student),
        Role(
            "own_subject",
            _("Teacher of this subject"),
            relations.teaches_subject("subject"),
            implies=("teacher",),
        ),
        Role("guardian", _("Guardian"), relations.guardian_of_student),
        Role("student", _("Student"), relations.student_self),
    )

    matrix = (
        # The school: its lists, and who holds the coordinator role there.
        allow("School", "view", "coordinator", "leader"),
        allow("School", "create", "coordinator"),
        allow("School", "manage", "leader"),
        # The school's joint application.
        allow("SchoolApplication", "view", "coordinator"),
        allow("SchoolApplication", "download", "coordinator"),
        allow("SchoolApplication", "edit", "coordinator", when=SA_OPEN),
        # The student's application.
        allow("StudentApplication", "view", "coordinator"),
        allow("StudentApplication", "view", "guardian", "student", when=family_sees_application),
        allow("StudentApplication", "download", "coordinator"),
        allow(
            "StudentApplication",
            "download",
            "guardian",
            "student",
            when=family_sees_application,
        ),
        allow("StudentApplication", "history", "coordinator"),
        allow("StudentApplication", "edit", "coordinator", when=state_in(*EDITABLE)),
        allow("StudentApplication", "delete", "coordinator", when=state_in(A.REGISTERED)),
        allow(
            "StudentApplication",
            "approve",
            "guardian",
            "student",
            when=state_in(A.AWAITING_APPROVAL),
        ),
        allow("StudentApplication", "decide", "coordinator", when=state_in(A.UNDER_CONSIDERATION)),
        allow("SpecialEducation", "view", "coordinator", "teacher", "guardian", "student"),
        # IOP part 1.
        allow("Iop", "view", "coordinator"),
        allow("Iop", "view", "teacher", when=stage_at_least(Stage.PUBLISHED_TO_TEACHERS)),
        allow("Iop", "view", "guardian", "student", when=stage_at_least(Stage.PUBLISHED_TO_FAMILY)),
        allow("Iop", "edit", "coordinator"),
        allow("Iop", "publish", "coordinator"),
        allow("Iop", "comment", "coordinator"),
        allow("Iop", "upload", "coordinator"),
        allow("Iop", "download", "coordinator"),
        allow(
            "Iop", "download", "guardian", "student", when=stage_at_least(Stage.PUBLISHED_TO_FAMILY)
        ),
        allow("Iop", "download_half_year", "coordinator"),
        allow(
            "Iop",
            "download_half_year",
            "guardian",
            "student",
            when=stage_at_least(Stage.HALF_YEAR_PUBLISHED),
        ),
        allow("Iop", "download_annual", "coordinator"),
        allow(
            "Iop",
            "download_annual",
            "guardian",
            "student",
            when=stage_at_least(Stage.ANNUAL_REPORT_PUBLISHED),
        ),
        # IOP part 2: every teacher of the student reads all subjects, writes only their own.
        allow("SubjectPlan", "view", "coordinator"),
        allow(
            "SubjectPlan",
            "view",
            "teacher",
            when=stage_at_least(Stage.PUBLISHED_TO_TEACHERS, "iop"),
        ),
        allow(
            "SubjectPlan",
            "view",
            "guardian",
            "student",
            when=stage_at_least(Stage.PUBLISHED_TO_FAMILY, "iop"),
        ),
        allow("SubjectPlan", "edit", "coordinator"),
        allow(
            "SubjectPlan",
            "edit",
            "own_subject",
            when=stage_at_least(Stage.PUBLISHED_TO_TEACHERS, "iop"),
        ),
        allow("SubjectAssessment", "view", "coordinator"),
        allow(
            "SubjectAssessment",
            "view",
            "teacher",
            when=stage_at_least(Stage.PUBLISHED_TO_TEACHERS, "iop"),
        ),
        allow("SubjectAssessment", "view", "guardian", "student", when=ASSESSMENT_PUBLISHED),
        allow("SubjectAssessment", "edit", "coordinator"),
        allow(
            "SubjectAssessment",
            "edit",
            "own_subject",
            when=stage_at_least(Stage.PUBLISHED_TO_TEACHERS, "iop"),
        ),
        allow("AnnualReport", "view", "coordinator"),
        allow(
            "AnnualReport",
            "view",
            "teacher",
            when=stage_at_least(Stage.PUBLISHED_TO_TEACHERS, "iop"),
        ),
        allow(
            "AnnualReport",
            "view",
            "guardian",
            "student",
            when=stage_at_least(Stage.ANNUAL_REPORT_PUBLISHED, "iop"),
        ),
        allow("AnnualReport", "edit", "coordinator", when=REPORT_OPEN),
        allow("CertificateAppendix", "view", "coordinator"),
        allow("CertificateAppendix", "edit", "coordinator"),
        allow("CertificateAppendix", "download", "coordinator"),
        allow(
            "CertificateAppendix",
            "view",
            "guardian",
            "student",
            when=stage_at_least(Stage.ANNUAL_REPORT_PUBLISHED, "iop"),
        ),
        allow(
            "CertificateAppendix",
            "download",
            "guardian",
            "student",
            when=stage_at_least(Stage.ANNUAL_REPORT_PUBLISHED, "iop"),
        ),
        allow("LogEntry", "view", "coordinator"),
        allow(
            "LogEntry", "view", "teacher", when=stage_at_least(Stage.PUBLISHED_TO_TEACHERS, "iop")
        ),
        # Uploaded documents: teachers only those made visible to them.
        allow("IopDocument", "view", "coordinator"),
        allow("IopDocument", "view", "teacher", when=flag("visible_to_teachers")),
        allow("IopDocument", "download", "coordinator"),
        allow("IopDocument", "download", "teacher", when=flag("visible_to_teachers")),
        # ... and the family every uploaded document once the IOP is published to them.
        allow("IopDocument", "view", "guardian", "student", when=STUDENT_IOP_PUBLISHED_TO_FAMILY),
        allow(
            "IopDocument",
            "download",
            "guardian",
            "student",
            when=STUDENT_IOP_PUBLISHED_TO_FAMILY,
        ),
        allow("IopDocument", "edit", "coordinator"),
        allow("IopDocument", "delete", "coordinator", when=NOT_ATTACHED),
    )

    consents = (
        ConsentSpec(
            "application-approval",
            _("Approval of the application for special education"),
            record="StudentApplication",
            signers="guardian_or_student",
            unlocks="approve",
            withdrawable=False,
            fire_on_sign=True,
        ),
    )

    workflows = (
        Workflow(
            record="StudentApplication",
            states=ApplicationStatus,
            initial=A.REGISTERED,
            transitions=(
                Transition(
                    "publish",
                    A.REGISTERED,
                    A.AWAITING_APPROVAL,
                    roles=("coordinator",),
                    label=_("Publish to the family for approval"),
                    guards=(
                        Guard(
                            "has expert assessment and subjects",
                            _ready_to_publish,
                            _(
                                "Fill in the summary of the expert assessment and choose at "
                                "least one subject before publishing."
                            ),
                        ),
                    ),
                    effects=(
                        ask_family_to_approve,
                        notify_effect(
                            "workflow",
                            _("An application for special education awaits your approval"),
                            recipients=family_of,
                            url=_application_url,
                            urgent=True,
                        ),
                    ),
                ),
                Transition(
                    "approve",
                    A.AWAITING_APPROVAL,
                    A.APPROVED,
                    roles=("guardian", "student"),
                    label=_("Approve"),
                    consent="application-approval",
                    guards=(
                        consent_guard(
                            "application-approval",
                            approval_text,
                            label="approval signed for this version",
                            message=_("The family has not approved this version yet."),
                        ),
                    ),
                ),
                Transition(
                    "reopen",
                    A.APPROVED,
                    A.AWAITING_APPROVAL,
                    roles=("coordinator",),
                    label=_("Reopen for changes (asks for approval again)"),
                    effects=(
                        ask_family_to_approve,
                        notify_effect(
                            "workflow",
                            _("A changed application for special education awaits your approval"),
                            recipients=family_of,
                            url=_application_url,
                            urgent=True,
                        ),
                    ),
                ),
                Transition(
                    "add_to_school_application",
                    A.APPROVED,
                    A.UNDER_CONSIDERATION,
                    roles=("coordinator",),
                    label=_("Add to the school application"),
                    guards=(
                        Guard(
                            "linked to a school application not yet sent",
                            _linked_open,
                            _(
                                "Only an approved application can join a school application not yet sent."
                            ),
                        ),
                    ),
                ),
                Transition(
                    "remove_from_school_application",
                    A.UNDER_CONSIDERATION,
                    A.APPROVED,
                    roles=("coordinator",),
                    label=_("Remove from the school application"),
                    guards=(
                        Guard(
                            "school application not yet sent",
                            _linked_open,
                            _("The school application has been sent: it can no longer change."),
                        ),
                    ),
                ),
                Transition(
                    "grant",
                    A.UNDER_CONSIDERATION,
                    A.GRANTED,
                    roles=("coordinator",),
                    label=_("Record: granted"),
                    step_up=True,
                    guards=(
                        Guard(
                            "school application sent",
                            _linked_sent,
                            _("Record the sent date of the school application first."),
                        ),
                    ),
                    effects=(
                        record_decision_date,
                        make_special_education,
                        notify_effect(
                            "workflow",
                            _("A decision on your child's application for special education"),
                            recipients=family_of,
                            url=_application_url,
                        ),
                    ),
                ),
                Transition(
                    "refuse",
                    A.UNDER_CONSIDERATION,
                    A.REFUSED,
                    roles=("coordinator",),
                    label=_("Record: refused"),
                    step_up=True,
                    guards=(
                        Guard(
                            "school application sent",
                            _linked_sent,
                            _("Record the sent date of the school application first."),
                        ),
                    ),
                    effects=(
                        record_decision_date,
                        notify_effect(
                            "workflow",
                            _("A decision on your child's application for special education"),
                            recipients=family_of,
                            url=_application_url,
                        ),
                    ),
                ),
            ),
        ),
        Workflow(
            record="SchoolApplication",
            states=SchoolApplicationStatus,
            initial=SchoolApplicationStatus.OPEN,
            transitions=(
                Transition(
                    "send",
                    SchoolApplicationStatus.OPEN,
                    SchoolApplicationStatus.SENT,
                    roles=("coordinator",),
                    label=_("Record as sent"),
                    guards=(
                        Guard(
                            "has a sent date and students",
                            _ready_to_send,
                            _("Give the sent date, and add at least one student first."),
                        ),
                    ),
                ),
            ),
        ),
        Workflow(
            record="AnnualReport",
            states=AnnualReportStatus,
            initial=AnnualReportStatus.OPEN,
            transitions=(
                Transition(
                    "send",
                    AnnualReportStatus.OPEN,
                    AnnualReportStatus.SENT,
                    roles=("coordinator",),
                    label=_("Record as sent to the county or municipality"),
                    guards=(
                        Guard(
                            "has a sent date",
                            lambda report: report.sent_on is not None,
                            _("Give the date the annual report was sent."),
                        ),
                    ),
                ),
            ),
        ),
        Workflow(
            record="Iop",
            states=Stage,
            initial=Stage.IN_PREPARATION,
            field="stage",
            transitions=tuple(_stage_transition(s) for s in STAGE_ORDER),
        ),
    )

    documents = (
        DocumentSpec("iop", _("IOP"), record="Iop", template="no_iskole/pdf/iop.html"),
        DocumentSpec(
            "half-year",
            _("Half-year assessment"),
            record="Iop",
            template="no_iskole/pdf/half_year.html",
        ),
        DocumentSpec(
            "annual-report",
            _("Annual report"),
            record="Iop",
            template="no_iskole/pdf/annual_report.html",
        ),
        DocumentSpec(
            "certificate-appendix",
            _("Appendix to the certificate of competence"),
            record="CertificateAppendix",
            template="no_iskole/pdf/certificate_appendix.html",
        ),
        DocumentSpec(
            "student-application",
            _("Application for special education"),
            record="StudentApplication",
            template="no_iskole/pdf/student_application.html",
        ),
    )

    deadlines = (
        Deadline(
            "extension-of-right",
            _("Applications for extended right to upper secondary education"),
            month=1,
            day=15,
            responsible="coordinator",
            purpose=_("The county decides on extended time before the intake."),
        ),
        Deadline(
            "special-intake",
            _("Applications for special intake to upper secondary school"),
            month=2,
            day=1,
            responsible="coordinator",
            purpose=_("Students with special needs are admitted before the ordinary intake."),
        ),
        Deadline(
            "half-year-assessment",
            _("Half-year assessments published to families"),
            month=1,
            day=31,
            responsible="coordinator",
        ),
        Deadline(
            "annual-report",
            _("Annual report written and sent to the school owner"),
            month=6,
            day=20,
            responsible="coordinator",
        ),
    )

    menu = (MenuItem(_("IOP"), "no-iskole:index", roles=("coordinator", "teacher", "leader")),)

    def family_plans(self, student, user) -> list[dict]:
        from .models import Iop, StudentApplication

        items = []
        apps = permitted(user, "view", StudentApplication.objects.filter(student=student))
        for app in apps.order_by("-created_at"):
            items.append(
                {
                    "title": str(_("Application for special education")),
                    "url": reverse("no-iskole:application", args=[app.pk]),
                    "status": app.get_status_display(),
                }
            )
        iops = permitted(user, "view", Iop.objects.filter(student=student))
        for iop in iops.select_related("school_year").order_by("-school_year__starts"):
            items.append(
                {
                    "title": str(_("IOP %(year)s") % {"year": iop.school_year}),
                    "url": reverse("no-iskole:iop", args=[iop.pk]),
                    "status": iop.get_stage_display(),
                }
            )
        return items
