import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from plugins.models import GuardianRelation, Organisation, Person, Student

pytestmark = pytest.mark.django_db


def counts():
    return (
        get_user_model().objects.count(),
        Person.objects.count(),
        Student.objects.count(),
        Organisation.objects.count(),
        GuardianRelation.objects.count(),
    )


def test_load_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first[2] >= 8


def test_load_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to load when DEBUG is off"):
        call_command("load_demo")
    assert Student.objects.count() == 0


def test_demo_world(demo):
    # The shared world; jurisdiction demos add their own organisations beside it.
    shared = {
        "nordvik-county": "county",
        "elvdal": "municipality",
        "bjorkas": "municipality",
        "elvdal-lower-secondary": "school",
        "bjorkas-school": "school",
        "nordvik-upper-secondary": "school",
    }
    found = dict(Organisation.objects.filter(slug__in=shared).values_list("slug", "kind"))
    assert found == shared
    assert Organisation.objects.filter(kind="county").count() >= 1
    guardian = Person.objects.get(user__username="demo-guardian")
    schools = {r.student.school.slug for r in guardian.wards.all()}
    assert {"elvdal-lower-secondary", "bjorkas-school"} <= schools
    adult = Student.objects.get(person__user__username="demo-student")
    assert adult.is_of_age(18)
    assert any(not s.is_of_age(18) for s in Student.objects.all())
    User = get_user_model()
    for name in (
        "demo-guardian",
        "demo-student",
        "demo-teacher",
        "demo-coordinator",
        "demo-leader",
        "demo-editor",
        "demo-county",
    ):
        user = User.objects.get(username=name)
        assert user.check_password("demo-pass-2026")
        assert user.totpdevice_set.filter(confirmed=True).exists()
