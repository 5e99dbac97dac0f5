# ruff: noqa: S101 (pytest tests assert)
"""Issue 16, finding 14: the plan's status follows the consents; a withdrawal is not a refusal;
after the handover the lower-secondary steps are locked against upper-secondary staff."""

import pytest
from django.utils import timezone

from jurisdictions.no_troms_transition import consents, services
from jurisdictions.no_troms_transition.conformance import verified_request
from jurisdictions.no_troms_transition.models import PlanStatus, PlanStep
from plugins import consent
from plugins.access import can
from plugins.models import TransitionLog
from plugins.workflow import fire

from .conftest import answer_consents, plan_for

pytestmark = pytest.mark.django_db
BASE = "/j/no-troms-transition"


def _log(plan):
    return list(TransitionLog.objects.filter(record_type="TransitionPlan", record_id=str(plan.pk)))


def _running(area, plan):
    """Both consents signed and the plan running (however it got there)."""
    answer_consents(area, plan)
    if plan.status == PlanStatus.AWAITING_CONSENT:
        fire(plan, "start", area.rektor)
        plan.refresh_from_db()
    return plan


def test_plan_runs_as_soon_as_the_second_consent_is_signed(verified_client, area):
    plan = plan_for(area)
    answer_consents(area, plan, student="wait")
    assert plan.status == PlanStatus.AWAITING_CONSENT  # one of two is not enough
    assert _log(plan) == []

    answer_consents(area, plan, guardian="skip", student="sign")
    assert plan.status == PlanStatus.ACTIVE
    [log] = _log(plan)
    assert log.transition == "start" and log.to_state == PlanStatus.ACTIVE
    assert log.actor == plan.student.person.user and log.actor_role == "student"

    # What staff read agrees with the records, and no extra click is offered.
    client = verified_client(area.counsellor)
    page = client.get(f"{BASE}/plans/{plan.pk}/").content.decode()
    assert "Consent given" in page
    assert "Waiting for consent" not in page
    assert 'value="start"' not in page  # no button to start it by hand
    assert "Start the plan (Student)" in page  # the history names the step and who fired it
    assert "Run by the lower-secondary school" in page
    # The first step that involves upper secondary can be marked straight away.
    contact = plan.steps.get(code="contact")
    client.post(f"{BASE}/plans/{plan.pk}/steps/{contact.pk}/done/", {"done": "1"})
    contact.refresh_from_db()
    assert contact.done_at is not None


def test_guardian_signing_last_starts_the_plan_as_guardian(area):
    plan = plan_for(area)
    answer_consents(area, plan, guardian="wait", student="sign")
    assert plan.status == PlanStatus.AWAITING_CONSENT
    answer_consents(area, plan, guardian="sign", student="skip")
    assert plan.status == PlanStatus.ACTIVE
    [log] = _log(plan)
    assert log.actor == area.guardians[plan.student_id] and log.actor_role == "guardian"


def test_consent_asked_again_after_a_withdrawal_restarts_the_plan_when_signed(area):
    plan = _running(area, plan_for(area))
    student_user = plan.student.person.user
    req = consents.current(plan)[consents.STUDENT]
    consent.withdraw(req, verified_request(student_user), reason="Not sure")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.STOPPED
    fire(plan, "resume", area.rektor)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AWAITING_CONSENT
    consent.sign(consents.current(plan)[consents.STUDENT], verified_request(student_user))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE


def test_withdrawn_consent_shows_as_withdrawn_with_its_date(verified_client, area):
    withdrawn = _running(area, plan_for(area))
    req = consents.current(withdrawn)[consents.STUDENT]
    consent.withdraw(req, verified_request(withdrawn.student.person.user), reason="Changed my mind")
    req.refresh_from_db()
    refused = plan_for(area, area.add_student("Ylva", "Nordmo"))
    answer_consents(area, refused, guardian="refuse", student="wait")

    assert consents.consent_state(withdrawn) == consents.WITHDRAWN
    assert consents.consent_state(refused) == consents.REFUSED
    assert consents.is_refused(withdrawn)  # both still stop the plan
    day = timezone.localtime(req.decided_at).date()
    shown = f"{day.day}.{day.month}.{day.year}"

    page = verified_client(area.rektor).get(f"{BASE}/classes/{area.group.pk}/").content.decode()
    rows = {name: page.split(name, 1)[1].split("</tr>", 1)[0] for name in ("Tiril", "Ylva")}
    assert "Consent withdrawn" in rows["Tiril"] and shown in rows["Tiril"]
    assert "Consent refused" not in rows["Tiril"]
    assert "Consent refused" in rows["Ylva"] and "withdrawn" not in rows["Ylva"]

    plan_page = verified_client(area.rektor).get(f"{BASE}/plans/{withdrawn.pk}/").content.decode()
    assert "Consent withdrawn" in plan_page and shown in plan_page


def test_lower_secondary_steps_are_locked_against_upper_staff_after_handover(verified_client, area):
    plan = _running(area, plan_for(area))
    for code in ("contact", "application"):
        services.set_step_done(plan, plan.steps.get(code=code), area.counsellor)
    fire(plan, "hand_over", area.rektor)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.HANDED_OVER

    upper = verified_client(area.upper_staff)
    for code in ("contact", "application", "meeting"):
        step = plan.steps.get(code=code)
        assert not can(area.upper_staff, "edit", step)
        before = step.done_at
        response = upper.post(
            f"{BASE}/plans/{plan.pk}/steps/{step.pk}/done/",
            {"done": "0" if before else "1"},
        )
        assert response.status_code == 403
        step.refresh_from_db()
        assert step.done_at == before
        edit = upper.post(
            f"{BASE}/plans/{plan.pk}/steps/{step.pk}/",
            {"due": "2027-01-01", "responsible": "x", "contributor": "y", "note": "changed"},
        )
        assert edit.status_code == 403
        assert PlanStep.objects.get(pk=step.pk).note == ""
        # The page offers no button for it either.
        page = upper.get(f"{BASE}/plans/{plan.pk}/").content.decode()
        assert f"/steps/{step.pk}/done/" not in page

    # Their own steps after the handover are theirs to mark.
    invitation = plan.steps.get(code="invitation")
    assert can(area.upper_staff, "edit", invitation)
    upper.post(f"{BASE}/plans/{plan.pk}/steps/{invitation.pk}/done/", {"done": "1"})
    invitation.refresh_from_db()
    assert invitation.done_at is not None
    # The lower-secondary school still answers for its own steps.
    assert can(area.counsellor, "edit", plan.steps.get(code="contact"))
