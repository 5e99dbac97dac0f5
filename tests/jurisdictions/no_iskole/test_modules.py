"""The plugin's modules below the pages: forms, services, documents, demo, conformance."""

import datetime

import pytest
from django.utils import timezone

from jurisdictions.no_iskole import documents, forms
from jurisdictions.no_iskole.models import (
    CODE,
    ApplicationStatus,
    AssessmentKind,
    Iop,
    Stage,
    SubjectAssessment,
)
from jurisdictions.no_iskole.services import (
    ensure_subject_plan,
    students_without_iop,
)
from plugins.registry import registry

from .helpers import make_application, make_iop

pytestmark = pytest.mark.django_db


def test_the_sent_date_of_an_annual_report_is_not_in_the_future():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert not forms.AnnualReportSentForm({"sent_on": tomorrow.isoformat()}).is_valid()
    assert forms.AnnualReportSentForm({"sent_on": "2024-06-20"}).is_valid()


def test_an_application_offers_only_the_students_subjects(school):
    app = make_application(school)
    form = forms.StudentApplicationForm(instance=app)
    assert set(form.fields["subjects"].queryset) == {school.maths, school.norwegian}


def test_a_student_with_an_application_or_iop_is_no_candidate(school):
    assert school.student in students_without_iop(school.school)
    app = make_application(school)
    assert school.student not in students_without_iop(school.school)
    app.status = ApplicationStatus.REFUSED
    app.save()
    assert school.student in students_without_iop(school.school)


def test_a_subject_is_added_once_with_both_assessments(school):
    iop = make_iop(school, Stage.IN_PREPARATION)
    plan = iop.subject_plans.get(subject=school.maths)
    assert ensure_subject_plan(iop, school.maths) == plan
    kinds = SubjectAssessment.objects.filter(subject_plan=plan).values_list("kind", flat=True)
    assert sorted(kinds) == sorted(AssessmentKind.values)


def test_the_family_pdf_shows_only_published_assessments(school):
    iop = make_iop(school, Stage.PUBLISHED_TO_FAMILY)
    SubjectAssessment.objects.filter(iop=iop).update(text="Written")
    family = documents.iop_pdf_context(school.guardian, iop)
    assert all(p.half_year is None and p.annual is None for p in family["plans"])
    assert family["report"] is None and family["appendix"] is None
    staff = documents.iop_pdf_context(school.coordinator, iop)
    assert all(p.half_year is not None for p in staff["plans"])


def test_the_document_actions_name_matrix_actions():
    j = registry.get(CODE)
    for spec in j.documents:
        action = documents.download_action(spec.code)
        assert any(j.cells(spec.record, action)), (spec.code, action)


def test_the_conformance_pages_post_a_version_the_form_accepts(school):
    factory = registry.get(CODE).conformance_factory()
    iop = factory.make_record("Iop")
    url, valid, invalid = factory.edit_page("Iop", iop)
    assert valid["version"] == Iop.objects.get(pk=iop.pk).updated_at.isoformat()
    assert invalid["version"] != valid["version"]
    assert factory.edit_page("SchoolApplication", factory.make_record("SchoolApplication")) is None


def test_the_demo_documents_are_pdfs_with_their_title():
    from jurisdictions.no_iskole.demo import demo_pdf

    pdf = demo_pdf("Expert assessment")
    assert (
        pdf.startswith(b"%PDF-") and b"Expert assessment" in pdf and pdf.rstrip().endswith(b"%%EOF")
    )
