"""Demo cases of the IOP module at Elvdal ungdomsskole (all fictional).

Every stage has a student, so each demo account sees something real:

- Sofie Haugen: application registered (being written by the coordinator);
- Ola Solvang: application awaiting approval from ``demo-guardian``;
- Jakob Moen: application approved, not yet in a school application;
- Amir Nilsen: under consideration in a school application sent to the county;
- Lea Bakke: granted; IOP published to the family; ``demo-teacher`` teaches her mathematics;
- Emil Lindmo: granted; half-year assessment published; ``demo-teacher`` teaches him English;
- Mia Solvang (Bjørkås school): annual report published, for ``demo-guardian`` to read,
  with an uploaded expert assessment the family sees from the stage "published to student
  and guardians".
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from plugins.documents import store_upload
from plugins.models import Organisation, Student
from plugins.workflow import fire

from .models import (
    CODE,
    ApplicationStatus,
    AssessmentKind,
    Iop,
    IopDocument,
    LogEntry,
    SchoolApplication,
    SchoolApplicationStatus,
    SpecialEducation,
    Stage,
    StudentApplication,
    SubjectAssessment,
    WorkStatus,
)
from .services import start_iop

A = ApplicationStatus


#: Names of the demo's school applications before they were written in bokmål.
RENAMED_APPLICATIONS = {
    "Nordvik County (demo)": "Nordvik fylkeskommune (demo)",
    "Elvdal Municipality (demo)": "Elvdal kommune (demo)",
}


def demo_pdf(title: str) -> bytes:
    """A small, valid one-page PDF with ``title`` on it (ASCII), made without a renderer."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _attach(app, title: str, *, visible_to_teachers: bool = False):
    key = app.attached_key
    existing = IopDocument.objects.filter(student=app.student, owner=CODE, title=title)
    if existing.exists():
        return existing.first()
    upload = SimpleUploadedFile(
        f"{title.lower().replace(' ', '-')}.pdf", demo_pdf(title), "application/pdf"
    )
    return store_upload(
        upload,
        student=app.student,
        owner=CODE,
        title=title,
        record_type="IopDocument",
        visible_to_teachers=visible_to_teachers,
        attached_to=key,
    )


def _application(student, status, subjects, **texts):
    app, created = StudentApplication.objects.get_or_create(
        student=student,
        defaults={
            "status": status,
            "expert_assessment": texts.get(
                "expert",
                "The educational-psychological service finds that the student does not benefit "
                "satisfactorily from the ordinary teaching and recommends special education.",
            ),
            "goals": texts.get(
                "goals", "Build basic skills step by step, with more time and adapted material."
            ),
            "other_information": texts.get("other", ""),
        },
    )
    if created:
        app.subjects.set(subjects)
    return app, created


def _iop(student, year, subjects, stage, *, teacher_person=None, texts=None):
    iop = start_iop(student, school_year=year, subjects=subjects)
    if iop.mapping:
        return iop
    texts = texts or {}
    iop.mapping = texts.get(
        "mapping",
        "Reads slowly but with good understanding when given time. Works best in a small group.",
    )
    iop.overall_goals = texts.get(
        "goals", "Gain confidence in the subjects and take part in the class's work."
    )
    iop.organisation = "Four lessons a week in a small group with a special-needs teacher."
    iop.stage = stage
    iop.save()
    for plan in iop.subject_plans.all():
        plan.competence_goals = "Selected competence goals for the level, adapted."
        plan.learning_goals = "Short texts and tasks with support; weekly review."
        plan.work_status = (
            WorkStatus.IN_PROGRESS if stage != Stage.ANNUAL_REPORT_PUBLISHED else WorkStatus.DONE
        )
        plan.updated_by = teacher_person
        plan.save()
        if iop.stage_reached(Stage.HALF_YEAR_PUBLISHED):
            SubjectAssessment.objects.filter(
                subject_plan=plan, kind=AssessmentKind.HALF_YEAR
            ).update(text="Good progress this half-year; keep the small-group lessons.")
        if iop.stage_reached(Stage.ANNUAL_REPORT_PUBLISHED):
            SubjectAssessment.objects.filter(subject_plan=plan, kind=AssessmentKind.ANNUAL).update(
                text="Reached most of the year's learning goals."
            )
    if iop.stage_reached(Stage.ANNUAL_REPORT_PUBLISHED):
        report = iop.annual_report
        report.summary = "Special education was given as planned, four lessons a week."
        report.teaching_assessment = (
            "The small group worked well; the student asked for help more often."
        )
        report.continued_need = "A continued IOP is recommended for next year."
        report.save()
        appendix = iop.certificate_appendix
        appendix.content = "Mathematics: number sense and everyday calculation, adapted goals."
        appendix.save()
    return iop


def load(world: dict) -> None:
    year = world["school_year"]
    subjects = world["subjects"]
    county = world["county"]
    elvdal_school, bjorkas_school, _upper = world["schools"]
    accounts = world["accounts"]
    coordinator = accounts["coordinator"]
    teacher = accounts["teacher"]
    for org in (elvdal_school, bjorkas_school):
        if CODE not in org.jurisdictions:
            Organisation.objects.filter(pk=org.pk).update(jurisdictions=[*org.jurisdictions, CODE])

    def pupil(given):
        return Student.objects.get(person__given_name=given, school=elvdal_school)

    nor, mat, eng = subjects["NOR"], subjects["MAT"], subjects["ENG"]
    today = timezone.localdate()

    # Registered: still being written.
    _application(pupil("Sofie"), A.REGISTERED, [nor], goals="")

    # Awaiting approval from demo-guardian: published through the workflow, so the
    # consent request and the notice exist as in real use.
    ola = world["students"]["ola"]
    app, created = _application(ola, A.REGISTERED, [nor, mat])
    if created:
        _attach(app, "Expert assessment from PPT")
        fire(app, "publish", coordinator.user, note="Demo")

    # Approved by the family; ready for the school application.
    _application(pupil("Jakob"), A.APPROVED, [mat])

    # The school applications are found by name: one loaded under its earlier
    # English name is renamed in place, never made twice.
    for old, new in RENAMED_APPLICATIONS.items():
        if not SchoolApplication.objects.filter(school=elvdal_school, name=new).exists():
            SchoolApplication.objects.filter(school=elvdal_school, name=old).update(name=new)

    # The county application, sent two weeks ago.
    sent, _ = SchoolApplication.objects.get_or_create(
        school=elvdal_school,
        name="Nordvik fylkeskommune (demo)",
        defaults={
            "addressee": county,
            "status": SchoolApplicationStatus.SENT,
            "sent_on": today - datetime.timedelta(days=14),
            "created_by": coordinator,
        },
    )
    SchoolApplication.objects.get_or_create(
        school=elvdal_school,
        name="Elvdal kommune (demo)",
        defaults={"addressee": world["municipalities"]["elvdal"], "created_by": coordinator},
    )
    amir, created = _application(pupil("Amir"), A.UNDER_CONSIDERATION, [nor, eng])
    if created:
        amir.school_application = sent
        amir.save(update_fields=["school_application"])
        _attach(amir, "Expert assessment Amir Nilsen")

    # Granted, with IOPs at later stages that demo-teacher works on.
    for student, subject_list, stage in (
        (pupil("Lea"), [mat, nor], Stage.PUBLISHED_TO_FAMILY),
        (world["students"]["emil"], [eng], Stage.HALF_YEAR_PUBLISHED),
    ):
        granted, created = _application(student, A.GRANTED, subject_list)
        if created:
            granted.school_application = sent
            granted.decided_on = today - datetime.timedelta(days=3)
            granted.save(update_fields=["school_application", "decided_on"])
        SpecialEducation.objects.get_or_create(student=student, defaults={"application": granted})
        iop = _iop(student, year, subject_list, stage, teacher_person=teacher)
        if not iop.log_entries.exists():
            LogEntry.objects.create(
                iop=iop,
                author=coordinator.user,
                author_name=str(coordinator),
                text="Meeting with the family; agreed on the plan for the autumn.",
            )

    # Mia at Bjørkås: the whole year is published.
    mia = world["students"]["mia"]
    SpecialEducation.objects.get_or_create(student=mia)
    _iop(mia, year, [mat], Stage.ANNUAL_REPORT_PUBLISHED)
    Iop.objects.filter(student=mia).update(stage=Stage.ANNUAL_REPORT_PUBLISHED)
    # An uploaded IOP document: published to the family with the IOP, so demo-guardian reads it.
    title = "Expert assessment from PPT (Mia)"
    if not IopDocument.objects.filter(student=mia, owner=CODE, title=title).exists():
        store_upload(
            SimpleUploadedFile("expert-assessment-mia.pdf", demo_pdf(title), "application/pdf"),
            student=mia,
            owner=CODE,
            title=title,
            record_type="IopDocument",
        )
