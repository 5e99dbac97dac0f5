"""The whole IUP staircase through the pages, and the archive that follows it."""

import pytest

from jurisdictions.se_iup import rules
from jurisdictions.se_iup.models import (
    Comment,
    DevelopmentPlan,
    GoalStatus,
    PlanStatus,
    TalkBooking,
    next_term,
    term_for,
)
from plugins.consent import ConsentRequest, current_request, sign
from plugins.notifications import Notice
from plugins.sdk.testing import verified_request
from plugins.workflow import GuardFailed, fire

from .conftest import make_goal, make_plan

pytestmark = pytest.mark.django_db


def step(client, plan, name):
    return client.post(f"/j/se-iup/plans/{plan.pk}/step/", {"step": name})


def confirm(client, plan, spec):
    req = current_request(plan, spec)
    response = client.post(f"/family/consents/{req.pk}/answer/", {"decision": "sign", "read": "on"})
    assert response.status_code == 302, response.content.decode()[:500]


def status_of(plan):
    plan.refresh_from_db()
    return plan.status


def edit(client, path, data):
    """Post ``data`` to an edit page with the version the page was opened at, as a browser does."""
    version = client.get(path).context["form"]["version"].value() or ""
    return client.post(path, {**data, "version": version})


def test_the_whole_staircase(world, verified_client):
    mentor = verified_client(world.mentor)
    ada = verified_client(world.ada_user)
    mum = verified_client(world.ada_mum)
    dad = verified_client(world.ada_dad)
    term = term_for()

    # The mentor starts the plan from the class page and prepares goals and material.
    response = mentor.post(f"/j/se-iup/students/{world.ada.pk}/plans/new/", {"term": term})
    plan = DevelopmentPlan.objects.get(student=world.ada)
    assert response["Location"] == f"/j/se-iup/plans/{plan.pk}/"
    assert plan.status == PlanStatus.PREPARING and plan.mentor == world.mentor.person
    # Not yet for the family's eyes.
    assert mum.get(f"/j/se-iup/plans/{plan.pk}/").status_code == 404
    assert step(mentor, plan, "open_self_assessment").status_code == 302
    assert status_of(plan) == PlanStatus.PREPARING  # guard: no goal yet
    response = mentor.post(
        f"/j/se-iup/plans/{plan.pk}/goals/new/",
        {
            "title": "Läsa en kapitelbok i veckan",
            "criteria": "Berättar om boken för klassen",
            "owner": world.ada.person_id,
            "due_term": term,
        },
    )
    assert response.status_code == 302
    goal = plan.goals.get()
    assert response["Location"] == f"/j/se-iup/plans/{plan.pk}/#goal-{goal.pk}"
    edit(
        mentor,
        f"/j/se-iup/plans/{plan.pk}/edit/",
        {"material": "Omdöme i svenska och matematik", "agreement": ""},
    )
    step(mentor, plan, "open_self_assessment")
    assert status_of(plan) == PlanStatus.SELF_ASSESSMENT

    # The student assesses themself; the guardians cannot write there.
    assert mum.get(f"/j/se-iup/plans/{plan.pk}/self-assessment/").status_code == 403
    response = edit(
        ada,
        f"/j/se-iup/plans/{plan.pk}/self-assessment/",
        {"self_now": "Jag läser varje dag", "self_reached": "Målet i matte"},
    )
    assert response.status_code == 302
    assert step(ada, plan, "finish_self_assessment").status_code == 302
    assert status_of(plan) == PlanStatus.HOME

    # The guardians prepare at home and comment.
    assert (
        edit(mum, f"/j/se-iup/plans/{plan.pk}/home/", {"home_notes": "Vi läser ihop"}).status_code
        == 302
    )
    dad.post(f"/j/se-iup/plans/{plan.pk}/comment/", {"text": "Vi vill prata om läxorna."})
    assert Comment.objects.filter(plan=plan, author=world.ada_dad).exists()

    # The mentor offers a time; a guardian books it.
    response = mentor.post(
        f"/j/se-iup/classes/{world.group.pk}/times/",
        {"day": "2999-11-12", "time": "14:00", "minutes": "30", "place": "Sal 12"},
    )
    assert response.status_code == 302
    slot = world.group.se_iup_slots.get()
    assert mum.post(f"/j/se-iup/plans/{plan.pk}/book/", {"slot": slot.pk}).status_code == 302
    assert status_of(plan) == PlanStatus.TALK_BOOKED
    assert TalkBooking.objects.get(plan=plan).slot == slot

    # The talk is held and the agreement written.
    step(mentor, plan, "hold_talk")
    assert status_of(plan) == PlanStatus.TALK_HELD
    edit(
        mentor,
        f"/j/se-iup/plans/{plan.pk}/edit/",
        {"material": "Omdöme i svenska och matematik", "agreement": "Ada läser varje dag."},
    )
    assert mentor.post(f"/j/se-iup/plans/{plan.pk}/confirm/").status_code == 302
    asked = ConsentRequest.objects.filter(record_id=str(plan.pk))
    assert set(asked.values_list("spec_code", flat=True)) == {
        rules.SPEC_MENTOR,
        rules.SPEC_STUDENT,
        rules.SPEC_GUARDIANS,
    }
    # The signers are told; the mentor asked, so is not.
    assert sorted(
        Notice.objects.filter(kind="consent-requested").values_list("recipient_id", flat=True)
    ) == sorted([world.ada_user.pk, world.ada_mum.pk, world.ada_dad.pk])

    # Nobody may call it agreed before every party confirmed.
    step(mentor, plan, "agree")
    assert status_of(plan) == PlanStatus.TALK_HELD
    confirm(mentor, plan, rules.SPEC_MENTOR)
    confirm(ada, plan, rules.SPEC_STUDENT)
    confirm(mum, plan, rules.SPEC_GUARDIANS)
    step(mentor, plan, "agree")
    assert status_of(plan) == PlanStatus.TALK_HELD  # the second guardian has not confirmed yet
    confirm(dad, plan, rules.SPEC_GUARDIANS)
    page = mum.get(f"/j/se-iup/plans/{plan.pk}/").content.decode()
    assert "Yes, this version" in page
    assert step(mum, plan, "agree").status_code == 302
    assert status_of(plan) == PlanStatus.AGREED

    # Goals followed up, then the plan evaluated.
    step(mentor, plan, "start_follow_up")
    assert status_of(plan) == PlanStatus.FOLLOW_UP
    ada.post(f"/j/se-iup/goals/{goal.pk}/status/", {"step": "complete"})
    goal.refresh_from_db()
    assert goal.status == GoalStatus.DONE
    assert (
        edit(mentor, f"/j/se-iup/plans/{plan.pk}/evaluation/", {"evaluation": " "}).status_code
        == 400
    )
    edit(mentor, f"/j/se-iup/plans/{plan.pk}/evaluation/", {"evaluation": "Målet nått."})
    step(mentor, plan, "evaluate")
    assert status_of(plan) == PlanStatus.EVALUATED

    # The next IUP archives this one.
    response = mentor.post(
        f"/j/se-iup/students/{world.ada.pk}/plans/new/", {"term": next_term(term)}
    )
    assert response.status_code == 302
    assert status_of(plan) == PlanStatus.ARCHIVED
    plan.refresh_from_db()
    assert plan.archived_at is not None
    new = DevelopmentPlan.objects.exclude(pk=plan.pk).get(student=world.ada)
    assert new.status == PlanStatus.PREPARING and new.term == next_term(term)


def test_a_changed_agreement_needs_confirming_again(world):
    plan = make_plan(world.ada, PlanStatus.TALK_HELD, mentor=world.mentor, agreement="A")
    make_goal(plan)
    rules.ask_for_confirmation(plan, world.mentor)
    for code, signer in (
        (rules.SPEC_MENTOR, world.mentor),
        (rules.SPEC_STUDENT, world.ada_user),
        (rules.SPEC_GUARDIANS, world.ada_mum),
        (rules.SPEC_GUARDIANS, world.ada_dad),
    ):
        sign(current_request(plan, code), verified_request(signer))
    assert rules.agreement_confirmed(plan)
    goal = plan.goals.get()
    goal.criteria = "Changed after signing"
    goal.save()
    assert not rules.agreement_confirmed(plan)
    with pytest.raises(GuardFailed):
        fire(plan, "agree", world.mentor)


def test_the_next_plan_waits_for_the_evaluation(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.FOLLOW_UP, mentor=world.mentor)
    response = verified_client(world.mentor).post(
        f"/j/se-iup/students/{world.ada.pk}/plans/new/", {"term": next_term(plan.term)}, follow=True
    )
    assert "Evaluate the current plan first" in response.content.decode()
    assert DevelopmentPlan.objects.filter(student=world.ada).count() == 1
    assert status_of(plan) == PlanStatus.FOLLOW_UP


@pytest.mark.parametrize("who", ["teacher", "other_mentor", "ada_mum", "ada_user"])
def test_only_the_mentor_creates_a_plan(world, verified_client, who):
    response = verified_client(getattr(world, who)).post(
        f"/j/se-iup/students/{world.ada.pk}/plans/new/", {"term": term_for()}
    )
    assert response.status_code == 404
    assert not DevelopmentPlan.objects.exists()


# -- archived plans: readable, read-only ------------------------------------------------


@pytest.fixture
def archived(world):
    plan = make_plan(
        world.ada,
        PlanStatus.ARCHIVED,
        mentor=world.mentor,
        term="VT2000",
        material="Gammalt underlag",
        evaluation="Utvärderad",
    )
    goal = make_goal(plan, status=GoalStatus.IN_PROGRESS)
    return plan, goal


@pytest.mark.parametrize("who", ["ada_user", "ada_mum", "mentor", "teacher"])
def test_archived_plan_stays_readable(world, verified_client, archived, who):
    plan, goal = archived
    client = verified_client(getattr(world, who))
    response = client.get(f"/j/se-iup/plans/{plan.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This plan is archived." in html and "Gammalt underlag" in html
    ctx = response.context
    assert not any(
        ctx[k]
        for k in (
            "may_edit",
            "may_self_assess",
            "may_prepare_home",
            "may_book",
            "may_request_agreement",
            "may_evaluate",
            "may_comment",
        )
    )
    assert ctx["steps"] == []
    assert all(not g["steps"] and not g["may_edit"] and not g["may_comment"] for g in ctx["goals"])
    assert client.get(f"/j/se-iup/plans/{plan.pk}/iup.pdf").status_code == 200


@pytest.mark.parametrize("who", ["ada_user", "ada_mum", "mentor", "teacher"])
def test_archived_plan_is_read_only(world, verified_client, archived, who):
    plan, goal = archived
    client = verified_client(getattr(world, who))
    attempts = [
        (f"/j/se-iup/plans/{plan.pk}/edit/", {"material": "x", "agreement": "x"}),
        (f"/j/se-iup/plans/{plan.pk}/self-assessment/", {"self_now": "x", "self_reached": "x"}),
        (f"/j/se-iup/plans/{plan.pk}/home/", {"home_notes": "x"}),
        (f"/j/se-iup/plans/{plan.pk}/evaluation/", {"evaluation": "x"}),
        (f"/j/se-iup/plans/{plan.pk}/comment/", {"text": "x"}),
        (f"/j/se-iup/plans/{plan.pk}/goals/new/", {"title": "x", "due_term": plan.term}),
        (f"/j/se-iup/goals/{goal.pk}/edit/", {"title": "x", "due_term": plan.term}),
        (f"/j/se-iup/goals/{goal.pk}/delete/", {}),
        (f"/j/se-iup/goals/{goal.pk}/comment/", {f"goal-{goal.pk}-text": "x"}),
        (f"/j/se-iup/plans/{plan.pk}/book/", {}),
        (f"/j/se-iup/plans/{plan.pk}/confirm/", {}),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    for name in ("complete", "reopen", "start"):
        client.post(f"/j/se-iup/goals/{goal.pk}/status/", {"step": name})
    for name in ("evaluate", "archive", "open_self_assessment", "agree"):
        client.post(f"/j/se-iup/plans/{plan.pk}/step/", {"step": name})
    plan.refresh_from_db()
    goal.refresh_from_db()
    assert plan.status == PlanStatus.ARCHIVED
    assert (plan.material, plan.evaluation, plan.self_now, plan.home_notes) == (
        "Gammalt underlag",
        "Utvärderad",
        "",
        "",
    )
    assert (goal.title, goal.status) == ("Läsa en kapitelbok i veckan", GoalStatus.IN_PROGRESS)
    assert plan.goals.count() == 1 and not Comment.objects.exists()


def test_the_family_sees_archived_plans_listed_on_the_current_plan(
    world, verified_client, archived
):
    old, _goal = archived
    current = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    page = verified_client(world.ada_mum).get(f"/j/se-iup/plans/{current.pk}/")
    assert list(page.context["earlier"]) == [old]


def test_staircase_marks_the_current_step_in_words(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    html = verified_client(world.ada_mum).get(f"/j/se-iup/plans/{plan.pk}/").content.decode()
    assert html.count('aria-current="step"') == 1
    assert html.count("✓ done") == 2 and "current step" in html and html.count("to come") == 6


def test_family_start_page_lists_the_current_plan(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    from plugins.registry import registry

    items = registry.get("se-iup").family_plans(world.ada, world.ada_mum)
    assert [i["url"] for i in items] == [f"/j/se-iup/plans/{plan.pk}/"]
    assert registry.get("se-iup").family_plans(world.ada, world.bo_guardian) == []
