# ruff: noqa: S101 (pytest tests assert)
"""Demo schools, subjects and classes are named in their country's language (issue 17, item 5).

A database loaded before the names changed (English names, Roman class numerals,
the Norwegian subject taught in Serbia and Sweden) is renamed in place when the
demo is loaded again: nothing is made twice.
"""

import pytest
from django.core.management import call_command

from jurisdictions.no_iskole.models import SchoolApplication
from plugins.models import Group, Organisation, Subject, TeachingAssignment

pytestmark = pytest.mark.django_db

ORGANISATIONS = {
    # slug: (name now, name before)
    "nordvik-county": ("Nordvik fylkeskommune (demo)", "Nordvik County (demo)"),
    "elvdal": ("Elvdal kommune", "Elvdal Municipality"),
    "bjorkas": ("Bjørkås kommune", "Bjørkås Municipality"),
    "elvdal-lower-secondary": ("Elvdal ungdomsskole", "Elvdal Lower Secondary School"),
    "bjorkas-school": (
        "Bjørkås barne- og ungdomsskole",
        "Bjørkås Primary and Lower Secondary School",
    ),
    "nordvik-upper-secondary": ("Nordvik videregående skole", "Nordvik Upper Secondary School"),
    "sandvaer": ("Sandvær kommune (demo)", "Sandvær Municipality (demo)"),
    "sandvaer-lower-secondary": ("Sandvær ungdomsskole", "Sandvær Lower Secondary School"),
    "kvitnes-school": ("Kvitnes ungdomsskole", "Kvitnes Lower Secondary School"),
    "granbyskolan": ("Granbyskolan", "Granbyskolan"),
    "os-javorov-list": ("ОШ „Јаворов лист“ Јаворовац", "ОШ „Јаворов лист“ Јаворовац"),
}
SUBJECTS = {
    "NOR": ("Norsk", "Norwegian"),
    "MAT": ("Matematikk", "Mathematics"),
    "ENG": ("Engelsk", "English"),
    "NAT": ("Naturfag", "Science"),
    "SAF": ("Samfunnsfag", "Social studies"),
    "KRO": ("Kroppsøving", "Physical education"),
}
APPLICATIONS = {
    "Nordvik fylkeskommune (demo)": "Nordvik County (demo)",
    "Elvdal kommune (demo)": "Elvdal Municipality (demo)",
}
SERBIAN_CLASSES = {"3-1": "III-1", "5-2": "V-2", "7-1": "VII-1"}


def taught_by(username):
    return set(
        TeachingAssignment.objects.filter(teacher__user__username=username).values_list(
            "subject__code", "subject__name", "group__name"
        )
    )


def test_names_are_in_the_language_of_each_country(demo):
    names = dict(Organisation.objects.values_list("slug", "name"))
    for slug, (name, _before) in ORGANISATIONS.items():
        assert names[slug] == name, slug
    assert dict(Subject.objects.filter(code__in=SUBJECTS).values_list("code", "name")) == {
        code: name for code, (name, _before) in SUBJECTS.items()
    }
    # Serbia and Sweden teach their own subjects, named in their own language.
    assert taught_by("demo-rs-teacher") == {("RS-MAT", "Математика", "3-1")}
    assert taught_by("demo-se-teacher") == {("SE-MA", "Matematik", "7B")}
    serbian = Group.objects.filter(school__slug="os-javorov-list")
    assert set(serbian.values_list("name", flat=True)) == set(SERBIAN_CLASSES)
    assert set(
        SchoolApplication.objects.filter(school__slug="elvdal-lower-secondary").values_list(
            "name", flat=True
        )
    ) == set(APPLICATIONS)


def _counts():
    return {
        "organisations": Organisation.objects.count(),
        "subjects": Subject.objects.count(),
        "groups": Group.objects.count(),
        "teaching": TeachingAssignment.objects.count(),
        "school applications": SchoolApplication.objects.count(),
    }


def _as_loaded_before_the_names_changed():
    """The database as the earlier demo left it: English names, III-1, "MAT" everywhere."""
    for slug, (_now, before) in ORGANISATIONS.items():
        Organisation.objects.filter(slug=slug).update(name=before)
    for code, (_now, before) in SUBJECTS.items():
        Subject.objects.filter(code=code).update(name=before)
    for now, before in APPLICATIONS.items():
        SchoolApplication.objects.filter(name=now).update(name=before)
    for now, before in SERBIAN_CLASSES.items():
        Group.objects.filter(school__slug="os-javorov-list", name=now).update(name=before)
    mat = Subject.objects.get(code="MAT")
    TeachingAssignment.objects.filter(subject__code__in=["RS-MAT", "SE-MA"]).update(subject=mat)
    Subject.objects.filter(code__in=["RS-MAT", "SE-MA"]).delete()


def test_loading_again_over_the_old_names_renames_in_place(settings):
    settings.DEBUG = True
    call_command("load_demo")
    loaded = _counts()
    _as_loaded_before_the_names_changed()
    assert Organisation.objects.get(slug="elvdal-lower-secondary").name == (
        "Elvdal Lower Secondary School"
    )
    call_command("load_demo")
    assert _counts() == loaded
    assert Organisation.objects.get(slug="elvdal-lower-secondary").name == "Elvdal ungdomsskole"
    assert Subject.objects.get(code="MAT").name == "Matematikk"
    assert taught_by("demo-rs-teacher") == {("RS-MAT", "Математика", "3-1")}
    assert taught_by("demo-se-teacher") == {("SE-MA", "Matematik", "7B")}
    assert set(
        Group.objects.filter(school__slug="os-javorov-list").values_list("name", flat=True)
    ) == set(SERBIAN_CLASSES)
    assert set(SchoolApplication.objects.values_list("name", flat=True)) == set(APPLICATIONS)
