"""Records in every state and actors in every role, for the core's conformance suite."""

from django.test import RequestFactory
from django.utils import timezone

from plugins.accounts import mark_second_factor_verified
from plugins.consent import request_consent, sign
from plugins.sdk import ConformanceFactory
from plugins.sdk import builders as b

from .models import (
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
)
from .services import approval_text

A = ApplicationStatus
STAGE_VARIANTS = [{"iop_stage": s} for s in STAGE_ORDER]


def verified_request(user):
    """A POST request by ``user`` with a fresh second factor, as signing needs."""
    user.is_verified = lambda: True
    http = RequestFactory().post("/")
    http.user, http.session = user, {}
    mark_second_factor_verified(http)
    return http


def sign_application(app, signer=None, *, fire=True):
    """The family approves ``app`` as it reads now (a guardian, or the student of age)."""
    from plugins.consent.models import ConsentReceipt
    from plugins.consent.service import _decide

    st = app.student
    if signer is None:
        signer = b.student_login(st) if st.is_of_age(18) else b.guardian_of(st)
    user = type(signer).objects.get(pk=signer.pk)
    req = request_consent(app, "application-approval", content=approval_text(app))
    if fire:
        return sign(req, verified_request(user))
    # Only the signature, so that the suite itself fires "approve".
    return _decide(req, verified_request(user), ConsentReceipt.Decision.SIGNED)


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
                owner="no-iskole",
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
            sign_application(app, fire=False)
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
