"""Fixtures of the Serbian IOP plugin's tests: a school, its staff and a parent."""

import pytest

from jurisdictions.rs_pravilnik import CODE
from jurisdictions.rs_pravilnik import conformance as f
from plugins.models import Organisation
from plugins.sdk import builders as b


class World:
    def __init__(self, preschool=False):
        kind = Organisation.Kind.PRESCHOOL if preschool else Organisation.Kind.SCHOOL
        self.school = b.school(kind=kind, jurisdiction=CODE)
        self.student = b.student(school_org=self.school, age=5 if preschool else 10)
        self.team = b.role_holder("inclusive_team", self.school, jurisdiction=CODE)
        self.director = b.role_holder("director", self.school, jurisdiction=CODE)
        self.collegium = b.role_holder("collegium", self.school, jurisdiction=CODE)
        self.parent = b.guardian_of(self.student)


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def preschool_world(db):
    return World(preschool=True)


def fire_as(record, name, user, note=""):
    """Fire a step with a fresh second factor, as the pages do."""
    from plugins.workflow import fire

    return fire(record, name, user, note=note, request=f.verified_request(user))


@pytest.fixture(autouse=True)
def english_messages():
    """Start each test in English: a page shown in Serbian must not leak into the next test."""
    from django.utils import translation

    with translation.override("en"):
        yield
