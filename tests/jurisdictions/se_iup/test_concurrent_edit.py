# ruff: noqa: S101 (pytest tests assert)
"""Two people saving the same plan or goal at once: the second is told and keeps their text.

The pages answer a refused form with 400, as for any other form error here.
"""

import pytest

from jurisdictions.se_iup.models import Goal, Mentorship, PlanStatus
from plugins.sdk import builders as b
from tests.conftest import posted_form as posted

from .conftest import make_goal, make_plan

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved this while you were writing."


def co_mentor(world):
    other = b.user()
    Mentorship.objects.create(mentor=other.person, group=world.group)
    return other


def material(world):
    plan = make_plan(world.ada, PlanStatus.PREPARING, mentor=world.mentor)
    return f"/j/se-iup/plans/{plan.pk}/edit/", "material", plan, world.mentor, co_mentor(world)


def evaluation(world):
    plan = make_plan(world.ada, PlanStatus.FOLLOW_UP, mentor=world.mentor)
    return (
        f"/j/se-iup/plans/{plan.pk}/evaluation/",
        "evaluation",
        plan,
        world.mentor,
        co_mentor(world),
    )


def goal(world):
    plan = make_plan(world.ada, PlanStatus.PREPARING, mentor=world.mentor)
    item = make_goal(plan, criteria="Tre böcker.")
    return f"/j/se-iup/goals/{item.pk}/edit/", "criteria", item, world.mentor, co_mentor(world)


def home(world):
    """Both guardians write the preparation at home."""
    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    return f"/j/se-iup/plans/{plan.pk}/home/", "home_notes", plan, world.ada_mum, world.ada_dad


def self_assessment(world):
    """The student in two browser tabs."""
    plan = make_plan(world.ada, PlanStatus.SELF_ASSESSMENT, mentor=world.mentor)
    url = f"/j/se-iup/plans/{plan.pk}/self-assessment/"
    return url, "self_now", plan, world.ada_user, world.ada_user


@pytest.mark.parametrize("make", [material, evaluation, goal, home, self_assessment])
def test_a_late_save_is_refused_and_keeps_the_text(world, verified_client, make):
    url, name, record, first_user, second_user = make(world)
    first, second = verified_client(first_user), verified_client(second_user)

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
    assert late.status_code == 400
    html = late.content.decode()
    assert html.count(CONFLICT) == 1
    assert late.context["form"][name].value() == "Second words"
    assert "Second words" in html  # their text is kept in the form
    assert stored() == "First words"

    # After reloading, the second one saves on top of the first.
    fresh = second.get(url)
    assert fresh.context["form"]["version"].value() != version
    assert second.post(url, posted(fresh, **{name: "Second words"})).status_code == 302
    assert stored() == "Second words"


def test_the_version_is_the_whole_plan(world, verified_client):
    """A guardian saved the home notes while the mentor wrote the material: the mentor is told.

    One version covers the whole plan, so a save of another section also counts.
    """
    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    mentor, guardian = verified_client(world.mentor), verified_client(world.ada_mum)
    material_url = f"/j/se-iup/plans/{plan.pk}/edit/"
    home_url = f"/j/se-iup/plans/{plan.pk}/home/"
    page = mentor.get(material_url)
    home = guardian.get(home_url)
    assert guardian.post(home_url, posted(home, home_notes="Vi pratade")).status_code == 302
    late = mentor.post(material_url, posted(page, material="Late words"))
    assert late.status_code == 400 and CONFLICT in late.content.decode()
    plan.refresh_from_db()
    assert (plan.material, plan.home_notes) == ("", "Vi pratade")


def test_a_new_goal_saves_without_a_version(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.PREPARING, mentor=world.mentor)
    url = f"/j/se-iup/plans/{plan.pk}/goals/new/"
    client = verified_client(world.mentor)
    page = client.get(url)
    assert page.context["form"]["version"].value() in (None, "")
    response = client.post(url, posted(page, title="Läsa mer", criteria="En bok i veckan."))
    assert response.status_code == 302
    assert Goal.objects.get(plan=plan).criteria == "En bok i veckan."


MISSING = "Your changes were not saved: the form did not say which version of the record"


@pytest.mark.parametrize("make", [material, evaluation, goal, home, self_assessment])
def test_an_edit_without_the_version_is_refused(world, verified_client, make):
    url, name, record, user, _other = make(world)
    client = verified_client(user)
    before = getattr(record, name)
    page = client.get(url)
    data = posted(page, **{name: "Sneaked in"})
    del data["version"]
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.content.decode().count(MISSING) == 1
    assert getattr(type(record).objects.get(pk=record.pk), name) == before
