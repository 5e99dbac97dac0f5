"""Small builders for people and relations, used by conformance factories and tests.

They create fresh, uniquely named objects every call, so actors made for
one record never hold a relation to another record by accident.
"""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from plugins.models import Group as SchoolGroup
from plugins.models import (
    GuardianRelation,
    Organisation,
    Person,
    RoleAssignment,
    SchoolYear,
    Student,
    Subject,
    TeachingAssignment,
)

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def school_year() -> SchoolYear:
    today = timezone.localdate()
    start = today.year if today.month >= 8 else today.year - 1
    year, _ = SchoolYear.objects.get_or_create(
        name=SchoolYear.name_for(today),
        defaults={"starts": datetime.date(start, 8, 1), "ends": datetime.date(start + 1, 7, 31)},
    )
    return year


def school(kind: str = Organisation.Kind.SCHOOL, jurisdiction: str = "") -> Organisation:
    n = _n()
    owner = Organisation.objects.create(
        kind=Organisation.Kind.MUNICIPALITY, name=f"Municipality {n}", slug=f"t-muni-{n}"
    )
    return Organisation.objects.create(
        kind=kind,
        name=f"School {n}",
        slug=f"t-school-{n}",
        parent=owner,
        jurisdictions=[jurisdiction] if jurisdiction else [],
    )


def subject(code: str | None = None) -> Subject:
    n = _n()
    code = code or f"S{n}"
    return Subject.objects.get_or_create(code=code, defaults={"name": f"Subject {code}"})[0]


def user(username: str | None = None, *, password: str = "test-pass-2026"):
    n = _n()
    username = username or f"user{n}"
    u = get_user_model().objects.create_user(username=username, password=password)
    Person.objects.create(user=u, given_name="Given", family_name=f"Family{n}")
    return u


def student(
    *, school_org: Organisation | None = None, age: int = 12, with_user: bool = False
) -> Student:
    n = _n()
    school_org = school_org or school()
    year = school_year()
    group = SchoolGroup.objects.create(school=school_org, school_year=year, name=f"G{n}")
    today = timezone.localdate()
    birth = today.replace(year=today.year - age) - datetime.timedelta(days=30)
    if with_user:
        person = user(f"student{n}").person
        person.given_name, person.family_name = "Pupil", f"Number{n}"
        person.save()
    else:
        person = Person.objects.create(given_name="Pupil", family_name=f"Number{n}")
    return Student.objects.create(person=person, birth_date=birth, school=school_org, group=group)


def role_holder(role: str, organisation: Organisation, jurisdiction: str = ""):
    u = user()
    RoleAssignment.objects.create(
        person=u.person, role=role, organisation=organisation, jurisdiction=jurisdiction
    )
    return u


def teacher_of(st: Student, subj: Subject | None = None, *, via_group: bool = False):
    u = user()
    ta = TeachingAssignment.objects.create(
        teacher=u.person,
        subject=subj or subject(),
        school_year=school_year(),
        group=st.group if via_group else None,
    )
    if not via_group:
        ta.students.add(st)
    return u


def guardian_of(st: Student, *, granted: bool = False):
    u = user()
    GuardianRelation.objects.create(
        guardian=u.person, student=st, access_granted_by_student=granted
    )
    return u


def student_login(st: Student):
    """Give the student a login (if missing) and return it."""
    if st.person.user_id:
        return st.person.user
    n = _n()
    u = get_user_model().objects.create_user(username=f"pupil{n}", password="test-pass-2026")  # nosec B106 - test accounts
    st.person.user = u
    st.person.save(update_fields=["user"])
    return u
