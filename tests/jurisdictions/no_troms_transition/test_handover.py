# ruff: noqa: S101 (pytest tests assert)
"""Issue 16, finding 21: the screening information reaches the receiving upper-secondary
school inside the portal, for that one student, after consent and after the handover."""

import datetime

import pytest

from jurisdictions.no_troms_transition import consents, services
from jurisdictions.no_troms_transition.conformance import verified_request
from jurisdictions.no_troms_transition.models import PlanStatus, ScreeningRow, TransitionPlan
from plugins import consent
from plugins.models import AuditEvent, SchoolYear
from plugins.sdk import builders as b
from plugins.workflow import fire

from .conftest import answer_consents, screened_row

pytestmark = pytest.mark.django_db
BASE = "/j/no-troms-transition"


def _plan(area, given="Tiril", family="Strandvik", **fields):
    student = area.add_student(given, family)
    row = screened_row(area, student, status="decided", decision="transition", **fields)
    plan = services.create_plan(row, area.upper, area.rektor)
    return plan


def _start(area, plan):
    answer_consents(area, plan)
    if plan.status == PlanStatus.AWAITING_CONSENT:
        fire(plan, "start", area.rektor)
        plan.refresh_from_db()
    return plan


def _hand_over(area, plan):
    _start(area, plan)
    services.set_step_done(plan, plan.steps.get(code="application"), area.counsellor)
    fire(plan, "hand_over", area.rektor)
    plan.refresh_from_db()
    return plan


def _url(plan):
    return f"{BASE}/plans/{plan.pk}/screening/"


def _openings(area, plan):
    return AuditEvent.objects.filter(
        actor=area.upper_staff,
        action="view",
        record_type="ScreeningHandover",
        record_id=str(plan.screening_id),
    )


def test_upper_staff_read_the_students_screening_after_handover(verified_client, area):
    plan = _plan(
        area,
        earlier_measures=True,
        activity_plan=True,
        large_deviation="Weak relations to classmates. Very shy.",
        expressed_need="The mother asks for close follow-up.",
        assessment="Transition follow-up is started.",
    )
    other = _plan(
        area,
        "Ylva",
        "Nordmo",
        national_test_level1=True,
        large_deviation="Long absence after an illness.",
        expressed_need="Wants a quiet place to work.",
    )
    _hand_over(area, other)
    upper = verified_client(area.upper_staff)

    # Not before consent, and not before the handover.
    assert upper.get(_url(plan)).status_code == 404
    _start(area, plan)
    assert plan.status == PlanStatus.ACTIVE
    assert upper.get(_url(plan)).status_code == 404
    assert AuditEvent.objects.filter(
        actor=area.upper_staff, outcome="404", record_type="ScreeningHandover"
    ).exists()

    services.set_step_done(plan, plan.steps.get(code="application"), area.counsellor)
    fire(plan, "hand_over", area.rektor)
    response = upper.get(_url(plan))
    assert response.status_code == 200
    assert response["Cache-Control"].count("no-store") == 1
    page = response.content.decode()
    assert plan.student.name in page
    assert "Weak relations to classmates. Very shy." in page
    assert "The mother asks for close follow-up." in page
    assert "Transition follow-up is started." in page
    assert "Earlier measures" in page and "Current activity plan" in page
    assert "2 of 7" in page
    # Nothing about any other student.
    for text in ("Ylva", "Nordmo", "Long absence after an illness.", "Wants a quiet place"):
        assert text not in page
    # Read-only: no form on the page.
    assert "<form" not in page.split('id="main"', 1)[1]
    # Linked from the plan the upper-secondary school runs now.
    assert _url(plan) in upper.get(f"{BASE}/plans/{plan.pk}/").content.decode()

    # One audit row for each opening, seen in the family's access log.
    assert _openings(area, plan).count() == 1
    upper.get(_url(plan))
    assert _openings(area, plan).count() == 2
    assert {e.role for e in _openings(area, plan)} == {"upper_staff"}
    guardian = verified_client(area.guardians[plan.student_id])
    log = guardian.get(f"/family/children/{plan.student_id}/access-log/").content.decode()
    assert area.upper_staff.person.full_name in log
    assert "screening handed over to upper secondary" in log
    assert "Upper-secondary contact" in log


def test_screening_reaches_upper_secondary_on_15_march_without_the_handover(verified_client, area):
    plan = _plan(area, large_deviation="Absence of 15 %.")
    _start(area, plan)
    upper = verified_client(area.upper_staff)
    assert upper.get(_url(plan)).status_code == 404
    # A school year whose 15 March has passed: the date alone makes it available.
    past, _ = SchoolYear.objects.get_or_create(
        name="2024/25",
        defaults={"starts": datetime.date(2024, 8, 1), "ends": datetime.date(2025, 7, 31)},
    )
    ScreeningRow.objects.filter(pk=plan.screening_id).update(school_year=past)
    TransitionPlan.objects.filter(pk=plan.pk).update(school_year=past)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    page = upper.get(_url(plan))
    assert page.status_code == 200 and "Absence of 15 %." in page.content.decode()


def test_nobody_else_reads_the_handover_and_withdrawal_closes_it(verified_client, area):
    plan = _hand_over(area, _plan(area, large_deviation="Very shy."))
    assert verified_client(area.upper_staff).get(_url(plan)).status_code == 200
    stranger = b.role_holder("upper_staff", b.school())
    for user in (stranger, area.owner, area.county_officer, b.teacher_of(plan.student)):
        assert verified_client(user).get(_url(plan)).status_code == 404
    # The lower-secondary staff and the family have the screening elsewhere, not as a handover.
    assert verified_client(area.rektor).get(_url(plan)).status_code == 404
    # A withdrawn consent takes it back at once.
    req = consents.current(plan)[consents.GUARDIAN]
    consent.withdraw(req, verified_request(area.guardians[plan.student_id]), reason="No more")
    assert verified_client(area.upper_staff).get(_url(plan)).status_code == 404


def test_form_handover_step_is_not_a_checkbox(verified_client, area):
    plan = _start(area, _plan(area))
    step = plan.steps.get(code="form-handover")
    with pytest.raises(services.StepError):
        services.set_step_done(plan, step, area.counsellor)
    page = verified_client(area.counsellor).get(f"{BASE}/plans/{plan.pk}/").content.decode()
    assert f"/steps/{step.pk}/done/" not in page
    assert "15.3." in page.split(f"/steps/{step.pk}/", 1)[0].rsplit("<tr", 1)[1]
    services.set_step_done(plan, plan.steps.get(code="application"), area.counsellor)
    fire(plan, "hand_over", area.rektor)
    page = verified_client(area.counsellor).get(f"{BASE}/plans/{plan.pk}/").content.decode()
    row = page.split(f"/steps/{step.pk}/", 1)[0].rsplit("<tr", 1)[1]
    assert "Handed over in the portal" in row
