"""Records in every state and actors in every role, for the core's conformance suite."""

from django.urls import reverse
from django.utils import timezone

from plugins.sdk import ConformanceFactory, testing
from plugins.sdk import builders as b

from .models import (
    CODE,
    STAGE_ORDER,
    AnnualReport,
    AnnualReportStatus,
    ApplicationStatus,
    AssessmentKind,
    CertificateAppendix,
    Iop,
    IopDocument,
    LogEntry,
    School,
    SchoolApplication,
    SchoolApplicationStatus,
    SpecialEducation,
    Stage,
    StudentApplication,
    SubjectAssessment,
    SubjectPlan,
    WorkStatus,
)
from .services import approval_text

A = ApplicationStatus
STAGE_VARIANTS = [{"iop_stage": s} for s in STAGE_ORDER]
#: A version the record never had: a VersionedModelForm refuses the post as a conflict.
STALE = "2000-01-01T00:00:00+00:00"


def _version(record) -> str:
    """The hidden ``version`` field a VersionedModelForm sends: the saved ``updated_at``."""
    saved = type(record)._default_manager.filter(pk=record.pk).values_list("updated_at", flat=True)
    return saved.get().isoformat()


def _url(name, *args) -> str:
    return reverse(f"{CODE}:{name}", args=args)


class NoIskoleFactory(ConformanceFactory):
    variants = {
        "SubjectPlan": STAGE_VARIANTS,
        "AnnualReport": STAGE_VARIANTS,
        "CertificateAppendix": STAGE_VARIANTS,
        "LogEntry": STAGE_VARIANTS,
        "SubjectAssessment": [
            {"iop_stage": s, "kind": k} for s in STAGE_ORDER for k in AssessmentKind.values
        ],
        "IopDocument": [
            {"visible_to_teachers": v, "attached_to": a, "student_iop_stage": s}
            for v in (True, False)
            for a in ("", "StudentApplication:0")
            for s in (None, Stage.PUBLISHED_TO_TEACHERS, Stage.PUBLISHED_TO_FAMILY)
        ],
    }

    def _iop(self, stage=None):
        return Iop.objects.create(
            student=b.student(), school_year=b.school_year(), stage=stage or STAGE_ORDER[0]
        )

    def make_record(self, record_type, state=None, for_transition=None, **traits):
        if record_type == "School":
            return School.objects.get(pk=b.school().pk)
        if record_type == "SchoolApplication":
            sa = SchoolApplication.objects.create(
                school=b.school(), name="County", status=state or SchoolApplicationStatus.OPEN
            )
            if for_transition == "send" or sa.status == SchoolApplicationStatus.SENT:
                sa.sent_on = timezone.localdate()
                sa.save(update_fields=["sent_on"])
                StudentApplication.objects.create(
                    student=b.student(school_org=sa.school),
                    status=A.UNDER_CONSIDERATION,
                    school_application=sa,
                )
            return sa
        if record_type == "StudentApplication":
            return self._application(state or A.REGISTERED, for_transition)
        if record_type == "SpecialEducation":
            return SpecialEducation.objects.create(student=b.student())
        if record_type == "Iop":
            return self._iop(state)
        if record_type == "IopDocument":
            st = b.student()
            stage = traits.pop("student_iop_stage", None)
            if stage:
                Iop.objects.create(student=st, school_year=b.school_year(), stage=stage)
            return IopDocument.objects.create(
                student=st,
                owner=CODE,
                record_type="IopDocument",
                title="Expert assessment",
                file="documents/conformance-has-no-file.pdf",
                sha256="0" * 64,
                **traits,
            )
        iop = self._iop(traits.pop("iop_stage", None))
        if record_type == "SubjectPlan":
            return SubjectPlan.objects.create(iop=iop, subject=b.subject())
        if record_type == "SubjectAssessment":
            subject = b.subject()
            plan = SubjectPlan.objects.create(iop=iop, subject=subject)
            return SubjectAssessment.objects.create(
                subject_plan=plan, subject=subject, iop=iop, kind=traits.get("kind", "half_year")
            )
        if record_type == "AnnualReport":
            status = state or AnnualReportStatus.OPEN
            sent = for_transition == "send" or status == AnnualReportStatus.SENT
            return AnnualReport.objects.create(
                iop=iop, status=status, sent_on=timezone.localdate() if sent else None
            )
        if record_type == "CertificateAppendix":
            return CertificateAppendix.objects.create(iop=iop)
        if record_type == "LogEntry":
            return LogEntry.objects.create(
                iop=iop, author_name="Coordinator", text="Met the family."
            )
        raise KeyError(record_type)

    def _application(self, state, for_transition):
        st = b.student()
        app = StudentApplication.objects.create(
            student=st, status=state, expert_assessment="The expert assessment recommends an IOP."
        )
        app.subjects.add(b.subject())
        linked = {
            A.UNDER_CONSIDERATION: SchoolApplicationStatus.SENT,
            A.GRANTED: SchoolApplicationStatus.SENT,
            A.REFUSED: SchoolApplicationStatus.SENT,
        }.get(state)
        if for_transition in ("add_to_school_application", "remove_from_school_application"):
            linked = SchoolApplicationStatus.OPEN
        if linked:
            app.school_application = SchoolApplication.objects.create(
                school=st.school,
                name="County",
                status=linked,
                sent_on=timezone.localdate() if linked == SchoolApplicationStatus.SENT else None,
            )
            app.save(update_fields=["school_application"])
        if for_transition == "approve":
            content = approval_text(app)
            testing.sign_consent(app, "application-approval", content=content, fire=False)
        return app

    @staticmethod
    def _student_and_school(record):
        if isinstance(record, School):
            return None, record
        if isinstance(record, SchoolApplication):
            return None, record.school
        st = record.student if hasattr(record, "student_id") else record.iop.student
        return st, st.school

    def make_actor(self, role, record):
        st, school = self._student_and_school(record)
        if role in ("coordinator", "leader"):
            return b.role_holder(role, school)
        if st is None:
            # A school-level record: people tied to a student of that school, nothing more.
            st = b.student(school_org=school)
        if role == "teacher":
            return b.teacher_of(st)  # teaches the student another subject than the record's
        if role == "own_subject":
            return b.teacher_of(st, getattr(record, "subject", None), via_group=True)
        if role == "guardian":
            return b.guardian_of(st)
        if role == "student":
            return b.student_login(st)
        raise KeyError(role)

    # -- the plugin's pages (tests/conformance/test_pages.py) ------------------------------

    def edit_page(self, record_type, record):
        texts = ("mapping", "overall_goals", "organisation")
        if record_type == "StudentApplication":
            if record.status not in (A.REGISTERED, A.AWAITING_APPROVAL, A.APPROVED):
                return None
            # Only the student's subjects can be chosen: the ones applied for are among them.
            subjects = list(record.subjects.all())
            record.student.subjects.add(*subjects)
            # Once published, a change asks the family again: the valid post keeps the text.
            goals = "Read and write with support." if record.status == A.REGISTERED else ""
            valid = {
                "expert_assessment": record.expert_assessment,
                "goals": goals or record.goals,
                "other_information": record.other_information,
                "subjects": [
                    s.pk for s in record.subjects.all() if s in record.student.subjects.all()
                ],
                "version": _version(record),
            }
            return _url("application-edit", record.pk), valid, {**valid, "subjects": ["0"]}
        if record_type == "Iop":
            valid = dict.fromkeys(texts, "Written by the coordinator.")
            url = _url("iop-edit", record.pk)
            return url, {**valid, "version": _version(record)}, {**valid, "version": STALE}
        if record_type == "AnnualReport":
            if record.status != AnnualReportStatus.OPEN:
                return None
            valid = {"summary": "A good year.", "teaching_assessment": "", "continued_need": ""}
            url = _url("annual-report", record.iop_id)
            return url, {**valid, "version": _version(record)}, {**valid, "version": STALE}
        if record_type == "CertificateAppendix":
            valid = {"content": "Assessed in the goals of the IOP."}
            url = _url("appendix", record.iop_id)
            return url, {**valid, "version": _version(record)}, {**valid, "version": STALE}
        if record_type == "SubjectPlan":
            valid = {
                "competence_goals": "Counts to 100.",
                "learning_goals": "Numbers.",
                "work_status": WorkStatus.values[0],
                "half_year_assessment": "",
                "annual_assessment": "",
                "version": _version(record),
            }
            return _url("subject", record.pk), valid, {**valid, "work_status": "nonsense"}
        if record_type == "IopDocument":
            valid = {"title": "Expert assessment, 2nd version", "visible_to_teachers": "on"}
            return _url("document-edit", record.uuid), valid, {**valid, "title": ""}
        return None  # SchoolApplication: fields are set on its page; assessments: the subject's

    def step_page(self, transition, record):
        if isinstance(record, StudentApplication):
            if transition.name in ("publish", "reopen", "grant", "refuse"):
                return _url("application-step", record.pk, transition.name), {
                    "note": "Decided by the county."
                }
            if transition.name == "add_to_school_application":
                sa = record.school_application
                return _url("school-application-add", sa.pk), {"application": record.pk}
            if transition.name == "remove_from_school_application":
                sa = record.school_application
                return _url("school-application-remove", sa.pk, record.pk), {}
            return None  # "approve": the family signs on the consent page
        if isinstance(record, Iop):
            return _url("iop-stage", record.pk), {"stage": transition.target}
        sent_on = {"sent_on": timezone.localdate().isoformat()}
        if isinstance(record, SchoolApplication):
            return _url("school-application-send", record.pk), sent_on
        if isinstance(record, AnnualReport):
            return _url("annual-report-send", record.iop_id), sent_on
        return None

    def document_page(self, spec, record):
        if isinstance(record, StudentApplication):
            return _url("application-pdf", record.pk)
        if isinstance(record, CertificateAppendix):
            return _url("iop-pdf", record.iop_id, spec.code)
        return _url("iop-pdf", record.pk, spec.code)
