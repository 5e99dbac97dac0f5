# ruff: noqa: S101 (pytest tests assert)
"""Two team members saving the same record at once: the second is told and keeps their text."""

import datetime

import pytest

from jurisdictions.rs_pravilnik import conformance as f
from jurisdictions.rs_pravilnik.models import (
    CaseStatus,
    CurriculumItem,
    EarlyLeavingPlan,
    Evaluation,
    Iop,
    IopKind,
    Scope,
    SupportCase,
    TransitionKind,
    TransitionPlan,
)
from plugins.sdk import builders as b
from tests.conftest import posted_form as posted

pytestmark = pytest.mark.django_db

CODE = "rs-pravilnik"
CONFLICT = "Someone else saved this while you were writing."


def _case(world, status=CaseStatus.OBSERVATION):
    return SupportCase.objects.create(student=world.student, status=status)


def _iop(world):
    return Iop.objects.create(case=_case(world, CaseStatus.TEAM), kind=IopKind.IOP1)


def proposal(world):
    case = _case(world)
    return f"/j/{CODE}/cases/{case.pk}/proposal/", "proposal_reasons", case


def profile(world):
    case = _case(world)
    return f"/j/{CODE}/cases/{case.pk}/profile/", "situation", f.fill_profile(case)


def measure(world):
    item = f.evaluated_measure(_case(world))
    return f"/j/{CODE}/measures/{item.pk}/", "evaluation", item


def form1(world):
    iop = _iop(world)
    return f"/j/{CODE}/iops/{iop.pk}/form1/", "goal", iop


def curriculum(world):
    item = CurriculumItem.objects.create(
        iop=_iop(world), scope=Scope.SUBJECT, subjects_text="Српски језик", outcomes="Исходи."
    )
    return f"/j/{CODE}/curriculum/{item.pk}/", "outcomes", item


def transition_plan(world):
    plan = TransitionPlan.objects.create(
        iop=_iop(world),
        kind=TransitionKind.LEVEL,
        receiving_institution="Гимназија",
        transfer_date=datetime.date(2027, 9, 1),
    )
    return f"/j/{CODE}/iops/{plan.iop_id}/transition-plan/", "activities", plan


def early_leaving(world):
    plan = EarlyLeavingPlan.objects.create(
        iop=_iop(world), risk_factors="Изостанци.", measures="Разговор."
    )
    return f"/j/{CODE}/iops/{plan.iop_id}/early-leaving/", "measures", plan


def evaluation(world):
    ev = Evaluation.objects.create(iop=_iop(world), notes="Белешке.")
    return f"/j/{CODE}/evaluations/{ev.pk}/", "notes", ev


@pytest.mark.parametrize(
    "make",
    [proposal, profile, measure, form1, curriculum, transition_plan, early_leaving, evaluation],
)
def test_a_late_save_is_refused_and_keeps_the_text(world, verified_client, make):
    url, name, record = make(world)
    colleague = b.role_holder("inclusive_team", world.school, jurisdiction=CODE)
    first, second = verified_client(world.team), verified_client(colleague)

    def stored():
        return getattr(type(record).objects.get(pk=record.pk), name)

    page_first, page_second = first.get(url), second.get(url)
    assert page_first.status_code == page_second.status_code == 200
    html = page_second.content.decode()
    version = page_second.context["form"]["version"].value()
    assert version and version == page_first.context["form"]["version"].value()
    assert f'type="hidden" name="version" value="{version}"' in html
    assert 'for="id_version"' not in html  # hidden, no visible label

    saved = first.post(url, posted(page_first, **{name: "First words"}))
    assert saved.status_code == 302
    late = second.post(url, posted(page_second, **{name: "Second words"}))
    assert late.status_code == 400  # refused: the form says why
    html = late.content.decode()
    assert html.count(CONFLICT) == 1  # told once, above the form
    assert late.context["form"][name].value() == "Second words"
    assert "Second words" in html  # their text is kept in the form
    assert stored() == "First words"

    # After reloading, the second one saves on top of the first.
    fresh = second.get(url)
    assert fresh.context["form"]["version"].value() != version
    assert second.post(url, posted(fresh, **{name: "Second words"})).status_code == 302
    assert stored() == "Second words"


def test_the_same_person_saving_twice_in_a_row_is_no_conflict(world, verified_client):
    url, name, record = proposal(world)
    client = verified_client(world.team)
    for text in ("One", "Two"):
        page = client.get(url)
        assert client.post(url, posted(page, **{name: text})).status_code == 302
    record.refresh_from_db()
    assert record.proposal_reasons == "Two"


def test_a_new_record_has_no_version_to_clash_with(world, verified_client):
    """Form 8 written for the first time: nothing to compare, it saves."""
    iop = _iop(world)
    url = f"/j/{CODE}/iops/{iop.pk}/early-leaving/"
    client = verified_client(world.team)
    page = client.get(url)
    assert page.context["form"]["version"].value() in (None, "")
    response = client.post(url, posted(page, risk_factors="Изостанци.", measures="Разговор."))
    assert response.status_code == 302
    assert EarlyLeavingPlan.objects.get(iop=iop).measures == "Разговор."


MISSING = "Your changes were not saved: the form did not say which version of the record"


@pytest.mark.parametrize(
    "make",
    [proposal, profile, measure, form1, curriculum, transition_plan, early_leaving, evaluation],
)
def test_an_edit_without_the_version_is_refused(world, verified_client, make):
    url, name, record = make(world)
    client = verified_client(world.team)
    before = getattr(record, name)
    page = client.get(url)
    data = posted(page, **{name: "Sneaked in"})
    del data["version"]
    response = client.post(url, data)
    assert response.status_code == 400  # a refused form is a 400 with the error summary
    assert response.content.decode().count(MISSING) == 1
    assert getattr(type(record).objects.get(pk=record.pk), name) == before
