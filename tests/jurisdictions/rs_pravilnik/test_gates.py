# ruff: noqa: S101 (pytest tests assert)
"""The rulebook's gates, through the workflow the pages use."""

import datetime

import pytest
from django.utils import timezone

from jurisdictions.rs_pravilnik import conformance as f
from jurisdictions.rs_pravilnik import rules
from jurisdictions.rs_pravilnik.models import (
    CaseStatus,
    Decision,
    Evaluation,
    EvaluationStatus,
    IopKind,
    IopStatus,
    SupportCase,
    TransitionKind,
    TransitionPlan,
    TransitionStatus,
)
from plugins import consent
from plugins.sdk import builders as b
from plugins.workflow import GuardFailed, fire, history

from .conftest import fire_as

pytestmark = pytest.mark.django_db


def _case(world, status=CaseStatus.OBSERVATION, **kw):
    return SupportCase.objects.create(student=world.student, status=status, **kw)


def _groundwork(case):
    case.proposal_reasons, case.proposal_evidence = "Разлози.", "Докази."
    case.save()
    f.fill_profile(case)
    f.evaluated_measure(case)


def test_no_proposal_without_evaluated_measures_and_profile(world):
    case = _case(world)
    case.proposal_reasons, case.proposal_evidence = "Разлози.", "Докази."
    case.save()
    with pytest.raises(GuardFailed):
        fire_as(case, "propose", world.team)
    f.fill_profile(case)
    measure = f.evaluated_measure(case)
    measure.effect, measure.evaluated_on = "", None
    measure.save()
    assert any("evaluated" in p for p in rules.proposal_problems(case))
    with pytest.raises(GuardFailed):
        fire_as(case, "propose", world.team)
    f.evaluated_measure(case)
    fire_as(case, "propose", world.team)
    case.refresh_from_db()
    assert case.status == CaseStatus.PROPOSED
    assert case.parent_informed_on == timezone.localdate()


def test_proposal_informs_the_parent_in_writing_and_asks_form_6(world):
    case = _case(world)
    _groundwork(case)
    fire_as(case, "propose", world.team)
    req = consent.current_request(case, "iop-consent")
    assert req is not None and req.status == "pending"
    assert "Разлози." in bytes(req.content).decode()
    assert consent.may_sign(world.parent, req)


def test_no_team_before_written_consent(world):
    case = _case(world, CaseStatus.ACCEPTED)
    f.complete_team(case)
    with pytest.raises(GuardFailed):
        fire_as(case, "appoint", world.director)
    consent.request_consent(case, "iop-consent", content="Обавештење.")
    with pytest.raises(GuardFailed):  # asked, not yet signed
        fire_as(case, "appoint", world.director)
    f.decide_consent(case, "iop-consent", signer=world.parent)
    fire_as(case, "appoint", world.director)
    case.refresh_from_db()
    assert case.status == CaseStatus.TEAM and case.team_appointed_on


def test_team_composition_is_checked_at_appointment(world):
    case = _case(world, CaseStatus.ACCEPTED)
    f.decide_consent(case, "iop-consent", signer=world.parent)
    with pytest.raises(GuardFailed):
        fire_as(case, "appoint", world.director)
    assert case.status == CaseStatus.ACCEPTED


def test_no_drafting_before_consent(world, verified_client):
    case = _case(world, CaseStatus.TEAM)
    assert "The parent has not given consent on form 6 yet." in rules.drafting_problems(case)
    client = verified_client(world.team)
    response = client.post(f"/j/rs-pravilnik/cases/{case.pk}/iops/new/", {"kind": "iop1"})
    assert response.status_code == 400  # refused, with the reason in the form's errors
    assert "The parent has not given consent on form 6 yet." in response.content.decode()
    assert not case.iops.exists()
    f.decide_consent(case, "iop-consent", signer=world.parent)
    response = client.post(f"/j/rs-pravilnik/cases/{case.pk}/iops/new/", {"kind": "iop1"})
    assert response.status_code == 302
    assert case.iops.get().kind == IopKind.IOP1


def test_an_iop_cannot_be_proposed_when_consent_was_withdrawn(world):
    case = f.case_ready_for_iop()
    iop = f.ready_iop(case)
    assert rules.propose_problems(iop) == []
    req = consent.current_request(case, "iop-consent")
    signer = req.receipts.first().signer
    consent.withdraw(req, f.verified_request(signer))
    with pytest.raises(GuardFailed):
        fire_as(iop, "propose", b.role_holder("inclusive_team", case.student.school))
    iop.refresh_from_db()
    assert iop.status == IopStatus.DRAFT


def test_refusal_is_recorded_and_the_notice_to_social_welfare_kept(world, verified_client):
    case = _case(world)
    _groundwork(case)
    fire_as(case, "propose", world.team)
    with pytest.raises(GuardFailed):  # not refused yet
        fire_as(case, "record_refusal", world.team)
    f.decide_consent(case, "iop-consent", signer=world.parent, refuse=True)
    fire_as(case, "record_refusal", world.team)
    client = verified_client(world.team)
    url = f"/j/rs-pravilnik/cases/{case.pk}/welfare-notice/"
    response = client.post(url, {"institution": "", "sent_on": "2026-12-01"})
    assert response.status_code == 400 and not case.welfare_notices.exists()
    response = client.post(
        url,
        {
            "institution": "Центар за социјални рад",
            "sent_on": "2026-12-01",
            "why_unjustified": "Без образложења.",
        },
    )
    assert response.status_code == 302
    notice = case.welfare_notices.get()
    assert notice.recorded_by == world.team.person
    from plugins.audit.models import AuditEvent

    assert AuditEvent.objects.filter(
        record_type="SocialWelfareNotice", record_id=str(notice.pk), action="create"
    ).exists()


def test_preschool_adopts_only_iop1(preschool_world):
    case = f.case_ready_for_iop(student=preschool_world.student)
    assert rules.kind_problems(case, IopKind.IOP1) == []
    assert "A preschool adopts only IOP1." in rules.kind_problems(case, IopKind.IOP2)
    assert "A preschool adopts only IOP1." in rules.kind_problems(case, IopKind.IOP3)
    iop = f.ready_iop(case, kind=IopKind.IOP2)
    with pytest.raises(GuardFailed):
        fire_as(iop, "propose", preschool_world.team)
    # No form 4 needed at a preschool.
    iop1 = f.ready_iop(case, kind=IopKind.IOP1)
    assert not iop1.curriculum.exists()
    fire_as(iop1, "propose", preschool_world.team)


def test_preschool_form_offers_only_iop1(preschool_world, verified_client):
    case = f.case_ready_for_iop(student=preschool_world.student)
    client = verified_client(preschool_world.team)
    response = client.post(f"/j/rs-pravilnik/cases/{case.pk}/iops/new/", {"kind": "iop2"})
    assert response.status_code == 400 and not case.iops.exists()
    assert [c for c, _ in response.context["form"].fields["kind"].choices] == ["iop1"]


def test_iop3_only_for_gifted_students(world):
    case = f.case_ready_for_iop(student=world.student)
    assert rules.kind_problems(case, IopKind.IOP3)
    gifted = f.case_ready_for_iop(grounds="gifted")
    assert rules.kind_problems(gifted, IopKind.IOP3) == []
    assert rules.kind_problems(gifted, IopKind.IOP1)


def test_iop2_needs_an_evaluated_iop1_consent_and_the_commission(world):
    case = f.case_ready_for_iop(student=world.student)
    assert rules.kind_problems(case, IopKind.IOP2, None)
    iop1 = f.ready_iop(case, status=IopStatus.ADOPTED)
    assert "The IOP1 before an IOP2 must have been evaluated." in rules.kind_problems(
        case, IopKind.IOP2, iop1
    )
    f.decided_evaluation(iop1, Decision.NEW)
    fire_as(iop1, "supersede", world.collegium)
    assert rules.kind_problems(case, IopKind.IOP2, iop1) == []

    iop2 = f.ready_iop(case, kind=IopKind.IOP2, previous=iop1)
    problems = rules.propose_problems(iop2)
    assert "The parent has not consented to moving to IOP2." in problems
    assert "Record the opinion of the inter-sectoral commission and its date." in problems
    with pytest.raises(GuardFailed):
        fire_as(iop2, "propose", world.team)
    f.decide_consent(iop2, "iop2-consent", signer=world.parent)
    with pytest.raises(GuardFailed):  # still no opinion of the commission
        fire_as(iop2, "propose", world.team)
    iop2.commission_opinion = "Подржава прелазак."
    iop2.commission_opinion_on = timezone.localdate()
    iop2.save()
    fire_as(iop2, "propose", world.team)
    fire_as(iop2, "adopt", world.collegium)
    iop2.refresh_from_db()
    assert iop2.status == IopStatus.ADOPTED
    assert iop2.history == [iop1]


def test_iop2_after_an_unevaluated_iop1_is_refused(world):
    case = f.case_ready_for_iop(student=world.student)
    iop1 = f.ready_iop(case, status=IopStatus.ADOPTED)
    iop2 = f.ready_iop(
        case,
        kind=IopKind.IOP2,
        previous=iop1,
        commission_opinion="Мишљење.",
        commission_opinion_on=timezone.localdate(),
    )
    f.decide_consent(iop2, "iop2-consent", signer=world.parent)
    with pytest.raises(GuardFailed):
        fire_as(iop2, "propose", world.team)


def test_adoption_schedules_quarterly_then_term_evaluations(world):
    case = f.case_ready_for_iop(student=world.student)
    iop = f.ready_iop(case)
    fire_as(iop, "propose", world.team)
    fire_as(iop, "adopt", world.collegium)
    iop.refresh_from_db()
    today = timezone.localdate()
    assert iop.adopted_on == today
    kinds = list(iop.schedule.values_list("kind", flat=True))
    assert kinds[:4] == ["quarter"] * 4 and set(kinds[4:]) == {"term"}
    dates = list(iop.schedule.values_list("due_on", flat=True))
    assert dates[:4] == [rules.add_months(today, m) for m in (3, 6, 9, 12)]
    assert all(d.month in (1, 9) for d in dates[4:])


def test_form_7_needs_its_own_consent(world):
    case = f.case_ready_for_iop(student=world.student)
    iop = f.ready_iop(case, status=IopStatus.ADOPTED)
    plan = TransitionPlan.objects.create(
        iop=iop,
        kind=TransitionKind.LEVEL,
        receiving_institution="Гимназија",
        transfer_date=datetime.date(2027, 9, 1),
    )
    assert plan.cooperation_window == (datetime.date(2027, 6, 1), datetime.date(2027, 12, 1))
    assert rules.form6_signed(case)  # form 6 does not cover the transition plan
    with pytest.raises(GuardFailed):
        fire_as(plan, "start", world.team)
    f.decide_consent(plan, "transition-consent", signer=world.parent)
    fire_as(plan, "start", world.team)
    plan.refresh_from_db()
    assert plan.status == TransitionStatus.ACTIVE


def _proposed_evaluation(world, decision, **kw):
    case = f.case_ready_for_iop(student=world.student)
    iop = f.ready_iop(case, status=IopStatus.ADOPTED)
    ev = Evaluation.objects.create(
        iop=iop, effective_measures="Мере.", outcomes_reached="Исходи.", decision=decision, **kw
    )
    fire_as(ev, "propose", world.team)
    return ev


def test_ending_an_iop_needs_consent_and_returns_to_measures(world):
    ev = _proposed_evaluation(world, Decision.END)
    assert consent.current_request(ev, "evaluation-decision").status == "pending"
    with pytest.raises(GuardFailed):
        fire_as(ev, "decide", world.collegium)
    f.decide_consent(ev, "evaluation-decision", signer=world.parent)
    fire_as(ev, "decide", world.collegium)
    ev.refresh_from_db()
    ev.iop.refresh_from_db()
    case = ev.iop.case
    case.refresh_from_db()
    assert ev.status == EvaluationStatus.DECIDED and ev.decided_on
    assert ev.iop.status == IopStatus.ENDED
    assert case.status == CaseStatus.OBSERVATION
    assert [h.transition for h in history(case)][-1] == "return_to_measures"


def test_continuing_needs_no_consent(world):
    ev = _proposed_evaluation(world, Decision.CONTINUE)
    assert consent.current_request(ev, "evaluation-decision") is None
    fire_as(ev, "decide", world.collegium)
    ev.iop.refresh_from_db()
    assert ev.iop.status == IopStatus.ADOPTED


def test_extension_needs_consent_and_moves_the_end(world):
    until = timezone.localdate() + datetime.timedelta(days=800)
    ev = _proposed_evaluation(world, Decision.EXTEND, extend_until=until)
    with pytest.raises(GuardFailed):
        fire_as(ev, "decide", world.collegium)
    f.decide_consent(ev, "evaluation-decision", signer=world.parent)
    fire_as(ev, "decide", world.collegium)
    ev.iop.refresh_from_db()
    assert ev.iop.valid_until == until


def test_revision_reopens_the_iop(world):
    ev = _proposed_evaluation(world, Decision.REVISE)
    f.decide_consent(ev, "evaluation-decision", signer=world.parent)
    fire_as(ev, "decide", world.collegium)
    ev.iop.refresh_from_db()
    assert ev.iop.status == IopStatus.DRAFT


def test_iop_cannot_be_ended_without_such_a_decision(world):
    case = f.case_ready_for_iop(student=world.student)
    iop = f.ready_iop(case, status=IopStatus.ADOPTED)
    f.decided_evaluation(iop, Decision.CONTINUE)
    for step in ("end", "supersede", "revise"):
        with pytest.raises(GuardFailed):
            fire(iop, step, world.collegium)
