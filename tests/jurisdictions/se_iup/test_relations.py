"""The start page, the profile and the class circle."""

import pytest

from jurisdictions.se_iup.models import PlanStatus, Profile
from plugins.sdk import builders as b

from .conftest import make_plan

pytestmark = pytest.mark.django_db


def test_start_page_shows_school_classes_and_children(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    make_plan(world.bo, PlanStatus.HOME, mentor=world.mentor)  # another family's plan
    elsewhere = b.student()  # a child at a school of another jurisdiction
    b.guardian_of(elsewhere).delete()
    from plugins.models import GuardianRelation

    GuardianRelation.objects.create(guardian=world.ada_mum.person, student=elsewhere)
    response = verified_client(world.ada_mum).get("/j/se-iup/")
    assert response.status_code == 200
    ctx = response.context
    assert list(ctx["schools"]) == [world.school]
    assert list(ctx["classes"]) == [world.group]
    assert list(ctx["children"]) == [world.ada]
    assert list(ctx["plans"]) == [plan]
    html = response.content.decode()
    assert f'href="/j/se-iup/classes/{world.group.pk}/"' in html
    assert f'href="/j/se-iup/plans/{plan.pk}/"' in html


def test_start_page_of_a_mentor_and_a_teacher(world, verified_client):
    ctx = verified_client(world.mentor).get("/j/se-iup/").context
    assert list(ctx["classes"]) == [world.group] and world.group.pk in ctx["mentored_ids"]
    assert list(ctx["schools"]) == [world.school]
    ctx = verified_client(world.teacher).get("/j/se-iup/").context
    assert list(ctx["classes"]) == [world.group] and not ctx["mentored_ids"]


def test_start_page_of_a_student(world, verified_client):
    ctx = verified_client(world.ada_user).get("/j/se-iup/").context
    assert ctx["own"] == world.ada
    assert list(ctx["classes"]) == [world.group]
    assert list(ctx["children"]) == []


def test_profile_is_saved_and_the_choice_starts_unticked(world, verified_client):
    client = verified_client(world.ada_mum)
    page = client.get("/j/se-iup/profile/")
    assert page.status_code == 200
    assert 'name="show_contact"' in page.content.decode()
    assert "checked" not in page.content.decode().split('name="show_contact"')[1].split(">")[0]
    response = client.post(
        "/j/se-iup/profile/",
        {
            "about": "Mamma till Ada",
            "email": "mamma@example.org",
            "phone": "070-123 45 67",
            "show_contact": "on",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(person=world.ada_mum.person)
    assert profile.show_contact and profile.about == "Mamma till Ada"
    world.ada_mum.person.refresh_from_db()
    assert world.ada_mum.person.phone == "070-123 45 67"
    bad = client.post("/j/se-iup/profile/", {"email": "not an address"})
    assert bad.status_code == 400 and "Enter a valid email address." in bad.content.decode()


def _set_profile(user, show, phone):
    person = user.person
    person.email, person.phone = f"{user.username}@example.org", phone
    person.save()
    Profile.objects.update_or_create(person=person, defaults={"show_contact": show, "about": "Hej"})


def test_class_circle_shows_contact_details_only_by_choice(world, verified_client):
    _set_profile(world.ada_mum, True, "070-111 11 11")
    _set_profile(world.bo_guardian, False, "070-222 22 22")
    _set_profile(world.mentor, True, "08-333 33 33")
    _set_profile(world.teacher, False, "08-444 44 44")
    response = verified_client(world.ada_dad).get(f"/j/se-iup/classes/{world.group.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    # Shown: they chose it.
    assert "070-111 11 11" in html and f"{world.ada_mum.username}@example.org" in html
    assert "08-333 33 33" in html
    # Hidden: they did not.
    assert "070-222 22 22" not in html and f"{world.bo_guardian.username}@example.org" not in html
    assert "08-444 44 44" not in html
    # Everyone in the circle is listed by name.
    for user in (world.ada_mum, world.bo_guardian, world.mentor, world.teacher):
        assert user.person.full_name in html
    assert world.ada.name in html and world.bo.name in html
    # The other class is not part of this circle.
    assert world.cleo.name not in html and world.other_mentor.person.full_name not in html


def test_turning_the_choice_off_hides_the_details_again(world, verified_client):
    _set_profile(world.ada_mum, True, "070-111 11 11")
    client = verified_client(world.bo_guardian)
    assert "070-111 11 11" in client.get(f"/j/se-iup/classes/{world.group.pk}/").content.decode()
    verified_client(world.ada_mum).post(
        "/j/se-iup/profile/", {"about": "", "phone": "070-111 11 11"}
    )
    assert not Profile.objects.get(person=world.ada_mum.person).show_contact
    assert (
        "070-111 11 11" not in client.get(f"/j/se-iup/classes/{world.group.pk}/").content.decode()
    )


@pytest.mark.parametrize("who", ["ada_user", "ada_mum", "mentor", "teacher", "bo_guardian"])
def test_the_circle_is_open_to_its_members(world, verified_client, who):
    response = verified_client(getattr(world, who)).get(f"/j/se-iup/classes/{world.group.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["cleo_guardian", "other_mentor", "stranger"])
def test_the_circle_answers_404_to_outsiders(world, verified_client, who):
    user = b.user() if who == "stranger" else getattr(world, who)
    assert verified_client(user).get(f"/j/se-iup/classes/{world.group.pk}/").status_code == 404


def test_profile_form_never_preticks_the_choice(world):
    from jurisdictions.se_iup.forms import ProfileForm

    form = ProfileForm(person=world.ada_mum.person)
    assert "checked" not in str(form["show_contact"])
    assert not Profile().show_contact


@pytest.mark.parametrize(
    "url",
    [
        "/j/se-iup/",
        "/j/se-iup/profile/",
        "/j/se-iup/classes/1/",
        "/j/se-iup/plans/1/",
    ],
)
def test_pages_need_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_pages_are_never_cached(world, verified_client):
    response = verified_client(world.ada_mum).get("/j/se-iup/")
    assert "no-store" in response["Cache-Control"]


def test_pages_speak_swedish(world, verified_client):
    from jurisdictions.se_iup.models import PlanStatus

    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    client = verified_client(world.ada_mum)
    html = client.get(f"/j/se-iup/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert (
        "Förberett hemma" in html and "aktuellt steg" in html and "Vilka mål har jag nått?" in html
    )
    html = client.get("/j/se-iup/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Mina relationer" in html
