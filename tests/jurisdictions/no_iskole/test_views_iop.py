"""The IOP pages on the SDK page layer."""

import datetime
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from jurisdictions.no_iskole.models import AnnualReport, Iop, LogEntry, SpecialEducation, Stage
from plugins.accounts import VERIFIED_AT_KEY
from plugins.audit.models import AuditEvent

from .helpers import make_iop
from .test_rules import url, version_of

pytestmark = pytest.mark.django_db


def _rows(model, record):
    return AuditEvent.objects.filter(record_type=model, record_id=str(record.pk))


def test_part_1_saves_with_one_audit_row(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    client = verified_client(school.coordinator)
    edit = url("iop-edit", iop.pk)
    data = {
        "mapping": "Needs",
        "overall_goals": "",
        "organisation": "",
        "version": version_of(client, edit),
    }
    before = _rows("Iop", iop).count()
    assert client.post(edit, data).status_code == 302
    rows = list(_rows("Iop", iop).order_by("pk")[before:])
    assert [(r.action, r.role) for r in rows] == [("edit", "coordinator")]


def test_a_subject_teacher_saves_under_their_own_role(school, verified_client):
    iop = make_iop(school, Stage.PUBLISHED_TO_TEACHERS)
    plan = iop.subject_plans.get(subject=school.maths)
    client = verified_client(school.maths_teacher)
    page = url("subject", plan.pk)
    data = {
        "competence_goals": "Counts to 100",
        "learning_goals": "",
        "work_status": plan.work_status,
        "half_year_assessment": "Good progress",
        "annual_assessment": "",
        "version": version_of(client, page),
    }
    before = _rows("SubjectPlan", plan).count()
    assert client.post(page, data).status_code == 302
    rows = list(_rows("SubjectPlan", plan).order_by("pk")[before:])
    assert [(r.action, r.role) for r in rows] == [("edit", "own_subject")]
    assert plan.assessments.get(kind="half_year").text == "Good progress"


def test_an_invalid_subject_plan_answers_400(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    plan = iop.subject_plans.get(subject=school.maths)
    client = verified_client(school.coordinator)
    page = url("subject", plan.pk)
    data = {
        "competence_goals": "Never",
        "work_status": "nonsense",
        "version": version_of(client, page),
    }
    assert client.post(page, data).status_code == 400
    plan.refresh_from_db()
    assert plan.competence_goals != "Never"


def test_a_sent_annual_report_is_locked(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    client = verified_client(school.coordinator)
    today = timezone.localdate().isoformat()
    assert client.post(url("annual-report-send", iop.pk), {"sent_on": today}).status_code == 302
    report = AnnualReport.objects.get(iop=iop)
    assert report.is_sent and report.sent_by == school.coordinator.person
    assert client.get(url("annual-report", iop.pk)).status_code == 409
    assert client.post(url("annual-report-send", iop.pk), {"sent_on": today}).status_code == 409


def test_an_annual_report_sent_in_the_future_is_refused(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    client = verified_client(school.coordinator)
    client.post(url("annual-report-send", iop.pk), {"sent_on": tomorrow})
    report = AnnualReport.objects.get(iop=iop)
    assert report.sent_on is None and not report.is_sent


def test_a_stage_is_set_and_an_unknown_one_is_404(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    client = verified_client(school.coordinator)
    assert client.post(url("iop-stage", iop.pk), {"stage": "nonsense"}).status_code == 404
    done = client.post(
        url("iop-stage", iop.pk), {"stage": Stage.PUBLISHED_TO_TEACHERS}, follow=True
    )
    assert str(Stage.PUBLISHED_TO_TEACHERS.label) in done.content.decode()
    iop.refresh_from_db()
    assert iop.stage == Stage.PUBLISHED_TO_TEACHERS


def test_an_empty_log_entry_is_not_saved(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    client = verified_client(school.coordinator)
    client.post(url("iop-log", iop.pk), {"text": ""})
    assert not LogEntry.objects.filter(iop=iop).exists()
    client.post(url("iop-log", iop.pk), {"text": "Met the family."})
    assert LogEntry.objects.get(iop=iop).text == "Met the family."


def test_an_outside_decision_asks_for_the_code_and_is_then_registered(school, verified_client):
    client = verified_client(school.coordinator, fresh=False)
    page = url("decision", school.student.pk)
    post = {"decided_on": "2024-03-01", "reference": "2024/17", "subjects": [school.maths.pk]}
    asked = client.post(page, post)
    assert asked.status_code == 302 and urlsplit(asked["Location"]).path.endswith("/verify/")
    assert not Iop.objects.filter(student=school.student).exists()
    session = client.session
    session[VERIFIED_AT_KEY] = int(time.time())
    session.save()
    client.get(parse_qs(urlsplit(asked["Location"]).query)["next"][0])
    status = SpecialEducation.objects.get(student=school.student)
    assert status.reference == "2024/17"
    assert Iop.objects.get(student=school.student).subject_plans.get().subject == school.maths
