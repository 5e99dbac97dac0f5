"""Access questions a plugin asks before a record exists, and about places and people.

``can(user, "create", Type, within=...)``, ``organisations_where``,
``organisations_of`` (SQLite and PostgreSQL alike) and ``person_id_of``.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from plugins import access
from plugins.models import Organisation, RoleAssignment
from plugins.registry import registry
from plugins.sdk import allow
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case, CaseStatus, SubjectNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def creating(monkeypatch):
    """The dummy plugin, with create cells: notes by coordinators and teachers, cases by
    coordinators, and a conditional cell that needs the record."""
    dummy = registry.get("dummy")
    extra = (
        allow("SubjectNote", "create", "coordinator", "teacher"),
        allow("Case", "create", "coordinator"),
        allow("Case", "create", "guardian", when=lambda case: True),
    )
    monkeypatch.setattr(dummy, "matrix", (*type(dummy).matrix, *extra))
    return dummy


@pytest.fixture
def place(db):
    school = b.school(jurisdiction="dummy")
    student = b.student(school_org=school)
    case = Case.objects.create(student=student, status=CaseStatus.SHARED)
    return school, student, case


def test_create_within_a_record_follows_the_roles_towards_it(creating, place):
    school, student, case = place
    coordinator = b.role_holder("coordinator", school)
    teacher = b.teacher_of(student)
    guardian = b.guardian_of(student)
    stranger = b.role_holder("coordinator", b.school(jurisdiction="dummy"))
    assert access.can(coordinator, "create", SubjectNote, within=case)
    assert access.can(teacher, "create", SubjectNote, within=case)
    assert access.can(teacher, "create", "SubjectNote", within=case)  # by type name
    assert not access.can(guardian, "create", SubjectNote, within=case)
    assert not access.can(stranger, "create", SubjectNote, within=case)
    # Nothing is created: the question is asked before any note exists.
    assert not SubjectNote.objects.exists()


def test_create_within_a_student(creating, place):
    school, student, _case = place
    assert access.can(b.role_holder("coordinator", school), "create", Case, within=student)
    assert not access.can(b.teacher_of(student), "create", Case, within=student)


def test_create_at_an_organisation_needs_a_role_held_there(creating, place):
    school, student, _case = place
    coordinator = b.role_holder("coordinator", school)
    assert access.can(coordinator, "create", Case, within=school)
    assert access.can(coordinator, "create", "Case", within=school)
    # A teacher or guardian relation needs a student: no answer at a school.
    assert not access.can(b.teacher_of(student), "create", Case, within=school)
    # A school that does not run the plugin.
    elsewhere = b.school()
    there = b.role_holder("coordinator", elsewhere)
    assert not access.can(there, "create", "Case", within=elsewhere)
    # A role for another jurisdiction only.
    other = b.user()
    RoleAssignment.objects.create(
        person=other.person, role="coordinator", organisation=school, jurisdiction="elsewhere"
    )
    assert not access.can(other, "create", Case, within=school)


def test_a_conditional_cell_grants_nothing_before_the_record_exists(creating, place):
    _school, student, case = place
    guardian = b.guardian_of(student)
    assert access.can(guardian, "view", case)  # the guardian does see the case
    assert not access.can(guardian, "create", Case, within=student)


def test_create_on_a_type_is_refused_without_a_place_or_for_other_actions(creating, place):
    school, _student, case = place
    coordinator = b.role_holder("coordinator", school)
    assert not access.can(coordinator, "create", SubjectNote)
    assert not access.can(coordinator, "edit", SubjectNote, within=case)
    assert not access.can(coordinator, "create", "Nothing", within=case)
    assert not access.can(AnonymousUser(), "create", SubjectNote, within=case)
    coordinator.is_active = False
    coordinator.save()
    assert not access.can(coordinator, "create", SubjectNote, within=case)


def test_create_without_a_create_cell_is_refused(place):
    school, _student, case = place
    assert not access.can(b.role_holder("coordinator", school), "create", SubjectNote, within=case)


def test_organisations_where_a_user_holds_a_role(db):
    a, c = b.school(jurisdiction="dummy"), b.school(jurisdiction="dummy")
    user = b.role_holder("coordinator", a)
    RoleAssignment.objects.create(person=user.person, role="leader", organisation=c)
    RoleAssignment.objects.create(
        person=user.person, role="coordinator", organisation=a.parent, jurisdiction="other"
    )
    today = timezone.localdate()
    RoleAssignment.objects.create(
        person=user.person,
        role="coordinator",
        organisation=c,
        valid_to=today - datetime.timedelta(days=1),
    )
    assert list(access.organisations_where(user, ["coordinator"])) == sorted(
        [a, a.parent], key=lambda o: o.name
    )
    assert list(access.organisations_where(user, "coordinator", jurisdiction="dummy")) == [a]
    assert set(access.organisations_where(user, ("coordinator", "leader"), kind="school")) == {
        a,
        c,
    }
    assert not access.organisations_where(AnonymousUser(), ["coordinator"]).exists()


def test_organisations_of_a_jurisdiction_on_this_database(db):
    mine = b.school(jurisdiction="dummy")
    both = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name="Both", slug="both", jurisdictions=["x", "dummy"]
    )
    prefix = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name="Prefix", slug="prefix", jurisdictions=["dummy-2"]
    )
    b.school(jurisdiction="other")
    found = access.organisations_of("dummy")
    assert set(found) == {mine, both}
    assert prefix not in found
    assert list(found.filter(pk=mine.pk)) == [mine]  # a queryset, to filter further
    assert set(access.organisations_of("dummy", kind=Organisation.Kind.MUNICIPALITY)) == set()
    assert access.runs_at(mine, "dummy") and not access.runs_at(mine, "other")


def test_person_id_of(db):
    user = b.user()
    assert access.person_id_of(user) == user.person.pk
    assert access.person_id_of(AnonymousUser()) is None
    user.is_active = False
    assert access.person_id_of(user) is None
