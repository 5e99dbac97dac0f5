"""A small school for the IOP module's tests: coordinator, teachers, a family."""

from dataclasses import dataclass

import pytest

from jurisdictions.no_iskole.models import (
    ApplicationStatus,
    SchoolApplication,
    StudentApplication,
)
from jurisdictions.no_iskole.services import start_iop
from plugins.models import Student, Subject
from plugins.sdk import builders as b


@dataclass
class School:
    school: object
    coordinator: object
    leader: object
    student: Student
    guardian: object
    maths: Subject
    norwegian: Subject
    maths_teacher: object
    norwegian_teacher: object
    stranger_teacher: object


@pytest.fixture
def school(db):
    org = b.school()
    maths, norwegian = b.subject("MAT"), b.subject("NOR")
    student = b.student(school_org=org, age=13)
    student.subjects.set([maths, norwegian])
    maths_teacher = b.teacher_of(student, maths, via_group=True)
    norwegian_teacher = b.teacher_of(student, norwegian)
    other = b.student(school_org=org)
    stranger = b.teacher_of(other, maths)
    return School(
        school=org,
        coordinator=b.role_holder("coordinator", org),
        leader=b.role_holder("leader", org),
        student=student,
        guardian=b.guardian_of(student),
        maths=maths,
        norwegian=norwegian,
        maths_teacher=maths_teacher,
        norwegian_teacher=norwegian_teacher,
        stranger_teacher=stranger,
    )


def make_application(school, status=ApplicationStatus.REGISTERED, *, student=None, **fields):
    app = StudentApplication.objects.create(
        student=student or school.student,
        status=status,
        expert_assessment=fields.pop("expert_assessment", "PPT recommends special education."),
        **fields,
    )
    app.subjects.set([school.maths])
    return app


def make_iop(school, stage):
    iop = start_iop(
        school.student, school_year=b.school_year(), subjects=[school.maths, school.norwegian]
    )
    iop.stage = stage
    iop.save(update_fields=["stage"])
    return iop


def school_application(school, *, sent=False):
    from django.utils import timezone

    return SchoolApplication.objects.create(
        school=school.school,
        name="Test County",
        status="sent" if sent else "open",
        sent_on=timezone.localdate() if sent else None,
    )
