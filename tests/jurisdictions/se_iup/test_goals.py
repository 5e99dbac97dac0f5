"""Goals: who may change a status, and who is told about changes and comments."""

import pytest

from jurisdictions.se_iup import rules
from jurisdictions.se_iup.models import Comment, GoalStatus, PlanStatus
from plugins.notifications import Notice
from plugins.sdk import builders as b
from plugins.workflow import GuardFailed, TransitionDenied, fire

from .conftest import make_goal, make_plan

pytestmark = pytest.mark.django_db


def recipients(kind=None):
    qs = Notice.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    return sorted(qs.values_list("recipient_id", flat=True))


def ids(*users):
    return sorted(u.pk for u in users)


def test_status_change_notifies_exactly_the_people_involved(world, verified_client):
    plan = make_plan(world.ada, mentor=world.mentor)
    owner = b.teacher_of(world.ada)  # a teacher who owns the goal
    goal = make_goal(plan, owner=owner.person)
    other_goal = make_goal(plan, title="Another goal")
    commenter = b.teacher_of(world.ada)
    Comment.objects.create(
        plan=plan, goal=goal, author=commenter, author_name="T", author_role="teacher", text="Bra!"
    )
    # A teacher who commented on another goal of the same plan is not involved in this one.
    Comment.objects.create(
        plan=plan,
        goal=other_goal,
        author=world.teacher,
        author_name="T",
        author_role="teacher",
        text="x",
    )
    # A guardian of the student who lost access (the student granted nothing, but is of age) is
    # tested separately; here everybody outside the goal must stay untold.
    client = verified_client(world.ada_user)
    response = client.post(f"/j/se-iup/goals/{goal.pk}/status/", {"step": "start"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == GoalStatus.IN_PROGRESS
    # Told: both guardians, the mentor, the owner and the commenter. Not told: the student
    # (who acted), the other teacher, the other family, the other class's mentor, anyone else.
    assert recipients("goal-changed") == ids(
        world.ada_mum, world.ada_dad, world.mentor, owner, commenter
    )
    notice = Notice.objects.filter(recipient=world.ada_mum).get()
    assert notice.url == f"/j/se-iup/plans/{plan.pk}/#goal-{goal.pk}"
    assert notice.jurisdiction == "se-iup"
    assert "Läsa" not in notice.title  # what happened, never the content


def test_the_mentors_change_tells_the_student_and_not_the_mentor(world):
    plan = make_plan(world.ada, mentor=world.mentor)
    goal = make_goal(plan)
    fire(goal, "complete", world.mentor)
    assert recipients("goal-changed") == ids(world.ada_user, world.ada_mum, world.ada_dad)


def test_a_guardian_without_access_is_not_told(world):
    adult = b.student(school_org=world.school, age=19, with_user=True)
    adult.group = world.group
    adult.save()
    parent = b.guardian_of(adult)  # the student is of age and granted nothing
    granted = b.guardian_of(adult, granted=True)
    goal = make_goal(make_plan(adult, mentor=world.mentor))
    fire(goal, "start", world.mentor)
    assert recipients() == ids(adult.person.user, granted)
    assert parent.pk not in recipients()


def test_unread_count_and_opening_the_notice_leads_to_the_goal(world, verified_client):
    goal = make_goal(make_plan(world.ada, mentor=world.mentor))
    fire(goal, "start", world.mentor)
    client = verified_client(world.ada_mum)
    page = client.get("/notifications/")
    assert page.context["unread"] == 1
    notice = Notice.objects.get(recipient=world.ada_mum)
    response = client.get(f"/notifications/{notice.pk}/")
    assert response.status_code == 302
    assert response["Location"] == goal.get_absolute_url()
    page = client.get(goal.get_absolute_url())
    assert f'id="goal-{goal.pk}"' in page.content.decode()
    assert client.get("/notifications/").context["unread"] == 0


@pytest.mark.parametrize("who", ["ada_mum", "teacher", "other_mentor", "bo_user"])
def test_only_student_and_mentor_change_a_goal_status(world, verified_client, who):
    goal = make_goal(make_plan(world.ada, mentor=world.mentor))
    client = verified_client(getattr(world, who))
    response = client.post(f"/j/se-iup/goals/{goal.pk}/status/", {"step": "complete"})
    # The guardian and the teacher see the goal (403); the others do not (404).
    assert response.status_code == (403 if who in ("ada_mum", "teacher") else 404)
    goal.refresh_from_db()
    assert goal.status == GoalStatus.NOT_STARTED
    assert not Notice.objects.exists()


@pytest.mark.parametrize("who", ["ada_user", "mentor"])
def test_student_and_mentor_change_a_goal_status(world, verified_client, who):
    goal = make_goal(make_plan(world.ada, mentor=world.mentor))
    client = verified_client(getattr(world, who))
    assert (
        client.post(f"/j/se-iup/goals/{goal.pk}/status/", {"step": "complete"}).status_code == 302
    )
    goal.refresh_from_db()
    assert goal.status == GoalStatus.DONE
    client.post(f"/j/se-iup/goals/{goal.pk}/status/", {"step": "reopen"})
    goal.refresh_from_db()
    assert goal.status == GoalStatus.IN_PROGRESS


def test_the_status_cannot_be_changed_with_a_get(world, verified_client):
    goal = make_goal(make_plan(world.ada, mentor=world.mentor))
    response = verified_client(world.mentor).get(f"/j/se-iup/goals/{goal.pk}/status/?step=complete")
    assert response.status_code == 405
    goal.refresh_from_db()
    assert goal.status == GoalStatus.NOT_STARTED


def test_guardian_cannot_fire_the_goal_workflow_directly(world):
    goal = make_goal(make_plan(world.ada, mentor=world.mentor))
    with pytest.raises(TransitionDenied):
        fire(goal, "start", world.ada_mum)


def test_goal_comment_notifies_the_involved_and_links_to_the_goal(world, verified_client):
    plan = make_plan(world.ada, mentor=world.mentor)
    goal = make_goal(plan)
    client = verified_client(world.teacher)
    response = client.post(
        f"/j/se-iup/goals/{goal.pk}/comment/", {f"goal-{goal.pk}-text": "Bra jobbat <b>Ada</b>!"}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.goal == goal and comment.author_role == "teacher"
    assert recipients("iup-comment") == ids(
        world.ada_user, world.ada_mum, world.ada_dad, world.mentor
    )
    assert set(Notice.objects.values_list("url", flat=True)) == {goal.get_absolute_url()}
    # Having commented, the teacher is now involved in this goal.
    Notice.objects.all().delete()
    fire(goal, "start", world.ada_user)
    assert recipients() == ids(world.ada_mum, world.ada_dad, world.mentor, world.teacher)
    # Free text is escaped on the page.
    page = verified_client(world.ada_mum).get(plan.get_absolute_url()).content.decode()
    assert "Bra jobbat &lt;b&gt;Ada&lt;/b&gt;!" in page


def test_plan_comment_by_a_guardian(world, verified_client):
    plan = make_plan(world.ada, mentor=world.mentor)
    response = verified_client(world.ada_mum).post(
        f"/j/se-iup/plans/{plan.pk}/comment/", {"text": "Vi har pratat hemma."}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.goal is None and comment.author_role == "guardian"
    assert recipients("iup-comment") == ids(world.ada_user, world.ada_dad, world.mentor)
    assert Notice.objects.first().url == f"/j/se-iup/plans/{plan.pk}/#comment-{comment.pk}"


def test_an_empty_comment_is_refused_with_a_message(world, verified_client):
    plan = make_plan(world.ada, mentor=world.mentor)
    response = verified_client(world.ada_mum).post(
        f"/j/se-iup/plans/{plan.pk}/comment/", {"text": "   "}
    )
    assert response.status_code == 400
    assert "Write a comment first." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_goal_of_another_family_answers_404(world, verified_client):
    goal = make_goal(make_plan(world.bo, mentor=world.mentor))
    client = verified_client(world.ada_mum)
    assert (
        client.post(
            f"/j/se-iup/goals/{goal.pk}/comment/", {f"goal-{goal.pk}-text": "x"}
        ).status_code
        == 404
    )
    assert client.post(f"/j/se-iup/goals/{goal.pk}/status/", {"step": "start"}).status_code == 404
    assert not Comment.objects.exists()


def test_goal_status_is_closed_once_the_plan_is_evaluated(world):
    goal = make_goal(make_plan(world.ada, PlanStatus.EVALUATED, mentor=world.mentor))
    with pytest.raises(GuardFailed):
        fire(goal, "complete", world.mentor)
    assert rules.involved_in_goal(goal)  # still readable by everyone involved
