# ruff: noqa: S101 (pytest tests assert)
"""Consent before contact, what the upper-secondary school sees, refusal and handover."""

import pytest

from jurisdictions.no_troms_transition import consents, services
from jurisdictions.no_troms_transition.models import PlanStatus, TransitionPlan
from plugins.access import can, permitted
from plugins.consent import ConsentRequest
from plugins.models import TransitionLog
from plugins.registry import registry
from plugins.sdk import builders as b
from plugins.workflow import GuardFailed, fire

from .conftest import answer_consents, plan_for, screened_row

pytestmark = pytest.mark.django_db
BASE = "/j/no-troms-transition"


def step(plan, code):
    return plan.steps.get(code=code)


def test_making_a_plan_asks_student_and_guardian(verified_client, area):
    row = screened_row(area, status="decided", decision="transition")
    client = verified_client(area.counsellor)
    assert client.get(f"{BASE}/rows/{row.pk}/plan/").status_code == 200
    response = client.post(f"{BASE}/rows/{row.pk}/plan/", {"upper_school": area.upper.pk})
    assert response.status_code == 302
    plan = TransitionPlan.objects.get(screening=row)
    assert plan.status == PlanStatus.AWAITING_CONSENT
    asked = consents.current(plan)
    assert asked[consents.GUARDIAN].signers == "any_guardian"
    assert asked[consents.STUDENT].named_signer == row.student.person
    assert area.upper.name in asked[consents.GUARDIAN].text
    assert [s.code for s in plan.steps.all()][:3] == ["screened", "contact", "meeting"]
    assert step(plan, "contact").due.month == 10 and step(plan, "contact").due.day == 1
    # An undecided row gets no plan.
    open_row = screened_row(area)
    assert client.get(f"{BASE}/rows/{open_row.pk}/plan/").status_code == 403


def test_no_contact_step_before_consent(verified_client, area):
    plan = plan_for(area)
    contact = step(plan, "contact")
    with pytest.raises(services.StepError, match="before both the student and a guardian"):
        services.set_step_done(plan, contact, area.rektor)
    # Only the guardian signed: still no contact.
    answer_consents(area, plan, student="wait")
    assert consents.consent_state(plan) == consents.PENDING
    with pytest.raises(GuardFailed):
        fire(plan, "start", area.rektor)
    client = verified_client(area.rektor)
    client.post(f"{BASE}/plans/{plan.pk}/steps/{contact.pk}/done/")
    contact.refresh_from_db()
    assert contact.done_at is None
    assert not can(area.rektor, "edit", plan)  # waiting for consent: nothing to edit


def test_upper_secondary_staff_see_the_student_only_after_consent(verified_client, area):
    plan = plan_for(area)
    client = verified_client(area.upper_staff)
    assert client.get(f"{BASE}/plans/{plan.pk}/").status_code == 404
    assert area.students[0].name not in client.get(f"{BASE}/").content.decode()
    answer_consents(area, plan, student="wait")
    assert client.get(f"{BASE}/plans/{plan.pk}/").status_code == 404  # one of two is not enough
    answer_consents(area, plan, guardian="skip", student="sign")
    assert consents.is_given(plan)
    response = client.get(f"{BASE}/plans/{plan.pk}/")
    assert response.status_code == 200
    assert plan.student.name in client.get(f"{BASE}/").content.decode()
    # Staff of another upper-secondary school never see it.
    other_upper = b.school()
    stranger = b.role_holder("upper_staff", other_upper)
    assert verified_client(stranger).get(f"{BASE}/plans/{plan.pk}/").status_code == 404


def test_full_run_with_handover(verified_client, area):
    plan = plan_for(area)
    answer_consents(area, plan)
    rektor = verified_client(area.rektor)
    assert plan.status == PlanStatus.ACTIVE  # the second signature started it
    assert plan.responsible_school == area.school and plan.contributing_school == area.upper
    page = rektor.get(f"{BASE}/plans/{plan.pk}/").content.decode()
    assert f"<strong>{area.school.name}</strong>" in page
    # The contact step can be marked now.
    contact = step(plan, "contact")
    rektor.post(f"{BASE}/plans/{plan.pk}/steps/{contact.pk}/done/", {"done": "1"})
    contact.refresh_from_db()
    assert contact.done_at is not None and contact.done_by == area.rektor
    # The upper-secondary step waits for the handover.
    invitation = step(plan, "invitation")
    with pytest.raises(services.StepError):
        services.set_step_done(plan, invitation, area.rektor)
    # No handover before the application is sent.
    rektor.post(f"{BASE}/plans/{plan.pk}/step/", {"transition": "hand_over"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    services.set_step_done(plan, step(plan, "application"), area.counsellor)
    rektor.post(f"{BASE}/plans/{plan.pk}/step/", {"transition": "hand_over"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.HANDED_OVER and plan.handed_over_at is not None
    assert plan.responsible_school == area.upper and plan.contributing_school == area.school
    page = rektor.get(f"{BASE}/plans/{plan.pk}/").content.decode()
    assert f"<strong>{area.upper.name}</strong>" in page
    # Now the upper-secondary school runs it.
    upper = verified_client(area.upper_staff)
    upper.post(f"{BASE}/plans/{plan.pk}/steps/{invitation.pk}/done/", {"done": "1"})
    invitation.refresh_from_db()
    assert invitation.done_at is not None
    assert (
        upper.post(f"{BASE}/plans/{plan.pk}/step/", {"transition": "complete"}).status_code == 302
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COMPLETED


def test_family_reads_the_plan_once_consent_is_given(verified_client, area):
    plan = plan_for(area)
    guardian = area.guardians[plan.student_id]
    j = registry.get("no-troms-transition")
    assert verified_client(guardian).get(f"{BASE}/plans/{plan.pk}/").status_code == 404
    assert j.family_plans(plan.student, guardian) == []
    answer_consents(area, plan)
    assert verified_client(guardian).get(f"{BASE}/plans/{plan.pk}/").status_code == 200
    student_client = verified_client(plan.student.person.user)
    assert student_client.get(f"{BASE}/plans/{plan.pk}/").status_code == 200
    items = j.family_plans(plan.student, guardian)
    assert [i["url"] for i in items] == [f"{BASE}/plans/{plan.pk}/"]
    # Another family never.
    other = plan_for(area, area.add_student("Ylva", "Nordmo"))
    answer_consents(area, other)
    assert verified_client(guardian).get(f"{BASE}/plans/{other.pk}/").status_code == 404
    assert not permitted(guardian, "view", TransitionPlan.objects.filter(pk=other.pk)).exists()


def test_refusal_through_the_consent_page_stops_the_plan(verified_client, area):
    plan = plan_for(area)
    req = consents.current(plan)[consents.GUARDIAN]
    guardian = area.guardians[plan.student_id]
    response = verified_client(guardian).post(
        f"/family/consents/{req.pk}/answer/",
        {"decision": "refuse", "refuse-reason": "We manage ourselves."},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == ConsentRequest.Status.REFUSED
    plan.refresh_from_db()
    assert plan.status == PlanStatus.STOPPED
    log = TransitionLog.objects.get(record_type="TransitionPlan", record_id=str(plan.pk))
    assert log.transition == "stop" and log.actor == guardian and log.actor_role == "guardian"
    # Recorded in the screening table.
    page = verified_client(area.rektor).get(f"{BASE}/classes/{area.group.pk}/").content.decode()
    assert "Consent refused" in page
    # Nothing more can happen on the plan, and the student signing now changes nothing.
    with pytest.raises(services.StepError, match="stopped"):
        services.set_step_done(plan, step(plan, "contact"), area.rektor)
    answer_consents(area, plan, guardian="skip", student="sign")
    assert not consents.is_given(plan)
    assert verified_client(area.upper_staff).get(f"{BASE}/plans/{plan.pk}/").status_code == 404


def test_withdrawal_after_start_stops_and_hides_the_plan(verified_client, area):
    from jurisdictions.no_troms_transition.conformance import verified_request
    from plugins import consent

    plan = plan_for(area)
    answer_consents(area, plan)  # both consents start the plan
    assert plan.status == PlanStatus.ACTIVE
    upper = verified_client(area.upper_staff)
    assert upper.get(f"{BASE}/plans/{plan.pk}/").status_code == 200
    req = consents.current(plan)[consents.STUDENT]
    consent.withdraw(req, verified_request(plan.student.person.user), reason="Changed my mind")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.STOPPED
    assert upper.get(f"{BASE}/plans/{plan.pk}/").status_code == 404
    # The school may ask again; the plan then waits for consent.
    fire(plan, "resume", area.rektor)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AWAITING_CONSENT
    assert consents.consent_state(plan) == consents.PENDING


def test_state_changes_are_post_only(verified_client, area):
    plan = plan_for(area)
    client = verified_client(area.rektor)
    contact = step(plan, "contact")
    assert client.get(f"{BASE}/plans/{plan.pk}/step/?transition=start").status_code == 405
    assert client.get(f"{BASE}/plans/{plan.pk}/steps/{contact.pk}/done/").status_code == 405
