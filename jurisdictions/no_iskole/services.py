"""What the IOP module does beyond storing records: approval texts, workflow effects, lists.

Imported by the declaration, so models load lazily inside the functions.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone


def attachments_of(app):
    """The documents attached to a student application, oldest first."""
    from .models import CODE, IopDocument

    return IopDocument.objects.filter(
        owner=CODE, student_id=app.student_id, attached_to=app.attached_key
    ).order_by("created_at", "pk")


def approval_text(app, language: str | None = None) -> str:
    """Exactly what the family approves: the application as it is now, attachments by hash.

    Rendered from translatable strings in ``language`` (default: the active
    language). Any change to a field, a subject or an attachment changes this
    text, so a signature on an earlier version no longer counts.
    """
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language or translation.get_language()):
        return render_to_string(
            "no_iskole/consent/approval.txt",
            {
                "app": app,
                "subjects": ", ".join(sorted(s.name for s in app.subjects.all())) or "-",
                "expert_assessment": app.expert_assessment.strip() or "-",
                "goals": app.goals.strip() or "-",
                "other_information": app.other_information.strip() or "-",
                "docs": list(attachments_of(app)),
            },
        )


def approval_document(app):
    """The application as the consent service asks it: one text per signing language."""
    return lambda language: approval_text(app, language)


def ask_family_to_approve(*, record, transition, user, log):
    """Workflow effect: open a consent request for the application as it now reads."""
    from plugins.consent import request_consent

    request_consent(
        record, "application-approval", content=approval_document(record), requested_by=user
    )


def make_special_education(*, record, transition, user, log):
    """Workflow effect of "granted": the student gets the status special education."""
    from .models import SpecialEducation

    SpecialEducation.objects.update_or_create(
        student=record.student,
        defaults={"application": record, "since": timezone.localdate()},
    )


def record_decision_date(*, record, transition, user, log):
    """Workflow effect of "granted" and "refused": the date the decision was recorded."""
    type(record).objects.filter(pk=record.pk).update(decided_on=timezone.localdate())
    record.decided_on = timezone.localdate()


def iop_url(iop) -> str:
    return reverse("no-iskole:iop", args=[iop.pk])


def teachers_of_iop(iop) -> list:
    """Users who teach the IOP's student this school year."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from plugins.models import TeachingAssignment

    today = timezone.localdate()
    st = iop.student
    person_ids = TeachingAssignment.objects.filter(
        Q(students=st) | Q(group_id=st.group_id),
        school_year__starts__lte=today,
        school_year__ends__gte=today,
    ).values("teacher_id")
    return list(get_user_model().objects.filter(is_active=True, person__in=person_ids).distinct())


def enrolled_students(school):
    """Students currently at ``school``: a class this school year, and their case not closed."""
    from plugins.models import Student

    today = timezone.localdate()
    return Student.objects.filter(
        school=school,
        left_on__isnull=True,
        group__school_year__starts__lte=today,
        group__school_year__ends__gte=today,
    )


def students_without_iop(school):
    """Students enrolled at ``school`` with neither an open application nor an IOP."""
    from .models import ApplicationStatus

    return (
        enrolled_students(school)
        .exclude(no_iskole_applications__status__in=_open_statuses(ApplicationStatus))
        .exclude(no_iskole_iops__isnull=False)
        .select_related("person", "group")
        .order_by("person__family_name", "person__given_name")
    )


def _open_statuses(statuses):
    return [s for s in statuses.values if s != statuses.REFUSED]


@transaction.atomic
def start_iop(student, *, school_year, subjects):
    """Create IOP part 1 for a student, with a part 2 (and its assessments) per subject."""
    from .models import AnnualReport, CertificateAppendix, Iop

    iop, _ = Iop.objects.get_or_create(student=student, school_year=school_year)
    for subject in subjects:
        ensure_subject_plan(iop, subject)
    AnnualReport.objects.get_or_create(iop=iop)
    CertificateAppendix.objects.get_or_create(iop=iop)
    return iop


def ensure_subject_plan(iop, subject):
    from .models import AssessmentKind, SubjectAssessment, SubjectPlan

    plan, _ = SubjectPlan.objects.get_or_create(iop=iop, subject=subject)
    for kind in AssessmentKind.values:
        SubjectAssessment.objects.get_or_create(
            subject_plan=plan, kind=kind, defaults={"subject": subject, "iop": iop}
        )
    return plan


def special_education_subjects(student):
    """The subjects of the student's granted application, else none."""
    from .models import ApplicationStatus, StudentApplication

    app = (
        StudentApplication.objects.filter(student=student, status=ApplicationStatus.GRANTED)
        .order_by("-decided_on", "-pk")
        .first()
    )
    return list(app.subjects.all()) if app else []


@transaction.atomic
def register_outside_decision(student, *, decided_on, reference, subjects, school_year, person):
    """A decision made outside the portal: the status special education and IOP part 1."""
    from .models import SpecialEducation

    status, _ = SpecialEducation.objects.update_or_create(
        student=student,
        defaults={
            "since": decided_on,
            "application": None,
            "decided_on": decided_on,
            "reference": reference,
            "registered_by": person,
        },
    )
    iop = start_iop(student, school_year=school_year, subjects=subjects)
    return status, iop
