"""The IUP pages on the SDK's page layer: status codes, one audit row per save, downloads, step-up."""

import dataclasses
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from jurisdictions.se_iup.models import Goal, GoalStatus, PlanStatus
from plugins.accounts import VERIFIED_AT_KEY
from plugins.audit.models import AuditEvent
from plugins.models import TransitionLog
from plugins.registry import registry
from tests.conftest import posted_form as posted

from .conftest import make_goal, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path


def rows(record):
    return AuditEvent.objects.filter(
        jurisdiction="se-iup", record_type=type(record).__name__, record_id=str(record.pk)
    ).order_by("pk")


def save(client, url, **changes):
    """Open ``url`` and post its form back, changed as a person would."""
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, posted(page, **changes))


SECTIONS = [
    # (page, plan step, who writes, the role, a field)
    ("edit", PlanStatus.PREPARING, "mentor", "mentor", "material"),
    ("self-assessment", PlanStatus.SELF_ASSESSMENT, "ada_user", "student", "self_now"),
    ("home", PlanStatus.HOME, "ada_mum", "guardian", "home_notes"),
    ("evaluation", PlanStatus.FOLLOW_UP, "mentor", "mentor", "evaluation"),
]


@pytest.mark.parametrize("page,status,who,role,field", SECTIONS)
def test_one_save_of_a_section_writes_one_audit_row_with_the_role_used(
    world, verified_client, page, status, who, role, field
):
    plan = make_plan(world.ada, status, mentor=world.mentor)
    client = verified_client(getattr(world, who))
    url = f"/j/se-iup/plans/{plan.pk}/{page}/"
    opened = client.get(url)
    before = rows(plan).count()
    response = client.post(url, posted(opened, **{field: "Skrivet"}))
    assert response.status_code == 302
    new = list(rows(plan)[before:])
    assert len(new) == 1, [(r.action, r.role) for r in new]
    assert new[0].role == role and new[0].actor == getattr(world, who)


@pytest.mark.parametrize("page,status,who,role,field", SECTIONS)
def test_an_invalid_section_answers_400_and_saves_nothing(
    world, verified_client, page, status, who, role, field
):
    plan = make_plan(world.ada, status, mentor=world.mentor, evaluation="Före")
    client = verified_client(getattr(world, who))
    url = f"/j/se-iup/plans/{plan.pk}/{page}/"
    data = posted(client.get(url), **{field: "Skrivet"})
    data["version"] = "2000-01-01T00:00:00+00:00"  # someone else's save meanwhile
    response = client.post(url, data)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    plan.refresh_from_db()
    assert getattr(plan, field) in ("", "Före")


def test_a_goal_without_a_title_answers_400(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.PREPARING, mentor=world.mentor)
    goal = make_goal(plan)
    client = verified_client(world.mentor)
    for url in (f"/j/se-iup/plans/{plan.pk}/goals/new/", f"/j/se-iup/goals/{goal.pk}/edit/"):
        response = save(client, url, title="")
        assert response.status_code == 400, url
        assert "error-summary" in response.content.decode()
    assert list(Goal.objects.values_list("title", flat=True)) == [goal.title]


def test_a_goal_saved_and_a_goal_added_each_leave_one_row_with_the_role(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.PREPARING, mentor=world.mentor)
    goal = make_goal(plan)
    client = verified_client(world.mentor)
    url = f"/j/se-iup/goals/{goal.pk}/edit/"
    page = client.get(url)
    before = rows(goal).count()
    assert client.post(url, posted(page, title="Nytt mål")).status_code == 302
    assert [(r.action, r.role) for r in rows(goal)[before:]] == [("edit", "mentor")]

    response = save(client, f"/j/se-iup/plans/{plan.pk}/goals/new/", title="Ett till mål")
    added = Goal.objects.get(title="Ett till mål")
    assert response["Location"] == added.get_absolute_url()
    assert added.position == 2
    assert [(r.action, r.role) for r in rows(added)] == [("create", "mentor")]


def test_a_step_leaves_no_edit_row(world, verified_client):
    """Firing a step writes the transition log and the ``view`` row of loading the plan, no more."""
    plan = make_plan(world.ada, PlanStatus.TALK_BOOKED, mentor=world.mentor)
    client = verified_client(world.mentor)
    before = rows(plan).count()
    response = client.post(f"/j/se-iup/plans/{plan.pk}/step/", {"step": "hold_talk"})
    assert response.status_code == 302
    assert [(r.action, r.role) for r in rows(plan)[before:]] == [("view", "mentor")]
    goal = make_goal(plan)
    before = rows(goal).count()
    client.post(f"/j/se-iup/goals/{goal.pk}/status/", {"step": "complete"})
    goal.refresh_from_db()
    assert goal.status == GoalStatus.DONE
    assert [(r.action, r.role) for r in rows(goal)[before:]] == [("view", "mentor")]


def test_a_refused_step_is_403_with_a_denied_row(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.TALK_BOOKED, mentor=world.mentor)
    response = verified_client(world.teacher).post(
        f"/j/se-iup/plans/{plan.pk}/step/", {"step": "hold_talk"}
    )
    assert response.status_code == 403
    assert rows(plan).filter(action="denied", attempted="hold_talk").exists()


def disposition_name(response) -> str:
    return response["Content-Disposition"].rsplit("filename=", 1)[-1].strip('"')


def test_the_plan_downloads_with_one_pdf_suffix(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.FOLLOW_UP, mentor=world.mentor)
    response = verified_client(world.ada_mum).get(f"/j/se-iup/plans/{plan.pk}/iup.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert disposition_name(response) == f"iup-{plan.term}-{plan.pk}.pdf"
    assert [(r.action, r.role) for r in rows(plan)] == [("download", "guardian")]


def test_the_term_summary_downloads_with_one_pdf_suffix_and_the_role_used(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.FOLLOW_UP, mentor=world.mentor)
    response = verified_client(world.mentor).get(
        f"/j/se-iup/classes/{world.group.pk}/summary.pdf?term={plan.term}"
    )
    assert response.status_code == 200
    assert disposition_name(response) == f"iup-summary-{world.group.pk}-{plan.term}.pdf"
    assert [(r.action, r.role) for r in rows(plan)] == [("download", "mentor")]


@pytest.fixture
def hold_talk_needs_step_up(monkeypatch):
    """The "hold_talk" step as if declared with ``step_up=True``."""
    jurisdiction = registry.get("se-iup")
    workflows = tuple(
        dataclasses.replace(
            wf,
            transitions=tuple(
                dataclasses.replace(t, step_up=True) if t.name == "hold_talk" else t
                for t in wf.transitions
            ),
        )
        for wf in jurisdiction.workflows
    )
    monkeypatch.setattr(jurisdiction, "workflows", workflows)


def test_a_step_that_needs_a_fresh_code_is_done_after_the_code(
    world, verified_client, hold_talk_needs_step_up
):
    plan = make_plan(world.ada, PlanStatus.TALK_BOOKED, mentor=world.mentor)
    client = verified_client(world.mentor, fresh=False)
    asked = client.post(f"/j/se-iup/plans/{plan.pk}/step/", {"step": "hold_talk"})
    assert asked.status_code == 302
    target = urlsplit(asked["Location"])
    assert target.path == "/accounts/verify/"
    resume = parse_qs(target.query)["next"][0]
    assert urlsplit(resume).path == f"/j/se-iup/plans/{plan.pk}/step/" and "_resume=" in resume
    plan.refresh_from_db()
    assert plan.status == PlanStatus.TALK_BOOKED

    session = client.session  # the code is given
    session[VERIFIED_AT_KEY] = int(time.time())
    session.save()
    done = client.get(resume)
    assert done.status_code == 302 and done["Location"] == f"/j/se-iup/plans/{plan.pk}/"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.TALK_HELD  # the posted step, not another
    assert TransitionLog.objects.filter(record_id=str(plan.pk), transition="hold_talk").count() == 1
