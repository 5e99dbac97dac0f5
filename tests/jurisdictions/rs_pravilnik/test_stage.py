# ruff: noqa: S101 (pytest tests assert)
"""The stage of a case is derived from its records, never stored beside them (issue 16, 15).

A case said "Proposal accepted, waiting for consent" after the parent had
signed, and a student with an adopted IOP2 showed "Support team appointed".
``stages.stage_of`` reads the consent requests, the IOPs, the team and the
evaluations; the case list and the case page show what it says.
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape

from jurisdictions.rs_pravilnik import conformance as f
from jurisdictions.rs_pravilnik import stages
from jurisdictions.rs_pravilnik.models import (
    CaseStatus,
    Decision,
    Evaluation,
    IopKind,
    IopStatus,
    SocialWelfareNotice,
    SupportCase,
)
from plugins import consent

from .conftest import fire_as

pytestmark = pytest.mark.django_db

#: What each demo student's case is at, by the story in the demo (README).
DEMO_STAGES = {
    "Лазар": "observation",
    "Милица": "proposed",
    "Стефан": "consented",
    "Јована": "welfare",
    "Никола": "iop_draft",
    "Ана": "iop_adopted",
    "Марко": "iop_adopted",
    "Теодора": "iop_adopted",
    "Дуња": "iop_adopted",
}


def _demo_cases():
    return SupportCase.objects.filter(student__school__slug__in=["os-javorov-list", "pu-suncica"])


def test_every_demo_case_has_the_stage_its_records_show(demo):
    found = {c.student.person.given_name: stages.stage_of(c).code for c in _demo_cases()}
    assert found == DEMO_STAGES


def test_the_two_reported_cases(demo):
    stefan = _demo_cases().get(student__person__given_name="Стефан")
    assert stefan.status == CaseStatus.ACCEPTED  # the workflow is where the director left it
    label = str(stages.stage_of(stefan).label)
    assert "waiting" not in label and "consented" in label and "appoint" in label
    marko = _demo_cases().get(student__person__given_name="Марко")
    label = str(stages.stage_of(marko).label)
    assert label == "IOP2 adopted and applied"


def test_the_list_computes_every_stage_in_a_bounded_number_of_queries(
    demo, django_assert_max_num_queries
):
    cases = list(_demo_cases())
    expected = {c.pk: stages.stage_of(c).code for c in cases}
    with django_assert_max_num_queries(6):
        rows = stages.with_stages(_demo_cases())
        assert {c.pk: c.stage.code for c in rows} == expected


@pytest.mark.parametrize("username", ["demo-rs-team", "demo-rs-director"])
def test_list_and_case_page_show_the_derived_stage(demo, verified_client, username):
    client = verified_client(get_user_model().objects.get(username=username))
    listing = client.get("/j/rs-pravilnik/").content.decode()
    for case in _demo_cases():
        label = escape(stages.stage_of(case).label)
        page = client.get(f"/j/rs-pravilnik/cases/{case.pk}/").content.decode()
        stage_row = page.split("<dt>Stage</dt>", 1)[1].split("</dd>", 1)[0]
        assert label in stage_row, (case.student.name, stage_row)
        row = listing.split(f"/j/rs-pravilnik/cases/{case.pk}/", 1)[1].split("</tr>", 1)[0]
        assert label in row, (case.student.name, row)
    assert "Proposal accepted, waiting for consent" not in listing


# -- hand-built cases, played through the workflow ---------------------------------------------
def _proposed(world):
    case = SupportCase.objects.create(student=world.student)
    case.proposal_reasons, case.proposal_evidence = "Разлози.", "Докази."
    case.save()
    f.fill_profile(case)
    f.evaluated_measure(case)
    fire_as(case, "propose", world.team)
    return case


def _code(case):
    case = SupportCase.objects.get(pk=case.pk)
    return stages.stage_of(case).code


def test_from_observation_to_an_appointed_team(world):
    case = SupportCase.objects.create(student=world.student)
    assert _code(case) == "observation"
    case = _proposed(world)
    assert _code(case) == "proposed"
    fire_as(case, "accept", world.director)
    assert _code(case) == "accepted"
    f.decide_consent(case, "iop-consent", signer=world.parent)
    assert _code(case) == "consented"
    f.complete_team(case)
    fire_as(case, "appoint", world.director)
    assert _code(case) == "team"


def test_the_parent_signs_before_the_director_accepts(world):
    case = _proposed(world)
    f.decide_consent(case, "iop-consent", signer=world.parent)
    assert _code(case) == "proposed_consented"


def test_a_refusal_shows_before_the_team_records_it_and_after_the_notice(world):
    case = _proposed(world)
    f.decide_consent(case, "iop-consent", signer=world.parent, refuse=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.PROPOSED
    assert _code(case) == "refused"
    fire_as(case, "record_refusal", world.team)
    assert _code(case) == "refused"
    SocialWelfareNotice.objects.create(
        case=case, institution="Центар за социјални рад", why_unjustified="Без разлога."
    )
    assert _code(case) == "welfare"


def test_a_withdrawn_consent_shows(world):
    case = _proposed(world)
    f.decide_consent(case, "iop-consent", signer=world.parent)
    req = consent.current_request(case, "iop-consent")
    consent.withdraw(req, f.verified_request(world.parent), reason="Предомислио сам се.")
    assert _code(case) == "withdrawn"


def test_the_iop_and_its_evaluations_decide_the_stage(world):
    case = f.make_case(CaseStatus.TEAM, student=world.student)
    f.fill_profile(case)
    f.evaluated_measure(case)
    f.complete_team(case)
    f.decide_consent(case, "iop-consent", signer=world.parent)
    assert _code(case) == "team"
    iop = f.ready_iop(case)
    assert _code(case) == "iop_draft"
    assert str(stages.stage_of(case).label) == "IOP1 being drafted by the support team"
    fire_as(iop, "propose", world.team)
    assert _code(case) == "iop_proposed"
    fire_as(iop, "adopt", world.collegium)
    assert _code(case) == "iop_adopted"
    ev = Evaluation.objects.create(
        iop=iop, effective_measures="Мере.", outcomes_reached="Исходи.", decision=Decision.END
    )
    assert _code(case) == "iop_adopted"  # a draft evaluation changes nothing yet
    fire_as(ev, "propose", world.team)
    assert _code(case) == "evaluation_consent"
    f.decide_consent(ev, "evaluation-decision", signer=world.parent)
    assert _code(case) == "evaluation_proposed"
    fire_as(ev, "decide", world.collegium)
    iop.refresh_from_db()
    assert iop.status == IopStatus.ENDED
    assert _code(case) == "returned"
    fire_as(SupportCase.objects.get(pk=case.pk), "close", world.director)
    assert _code(case) == "closed"


def test_an_iop2_waits_for_the_parents_consent_to_iop2(world):
    case = f.case_ready_for_iop(student=world.student)
    iop1 = f.ready_iop(case, status=IopStatus.ADOPTED)
    f.decided_evaluation(iop1, Decision.NEW)
    iop1.status = IopStatus.SUPERSEDED
    iop1.save()
    assert _code(case) == "new_iop"
    f.ready_iop(case, kind=IopKind.IOP2, previous=iop1)
    assert _code(case) == "iop2_consent"
    assert "IOP2" in str(stages.stage_of(SupportCase.objects.get(pk=case.pk)).label)
