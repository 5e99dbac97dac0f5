"""A small Swedish class for the IUP tests: a mentor, a teacher, two families."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from jurisdictions.se_iup.models import (
    CODE,
    DevelopmentPlan,
    Goal,
    Mentorship,
    PlanStatus,
    TalkSlot,
    term_for,
)
from plugins.models import Group
from plugins.sdk import builders as b


def make_plan(student, status=PlanStatus.FOLLOW_UP, *, mentor=None, term=None, **fields):
    return DevelopmentPlan.objects.create(
        student=student,
        term=term or term_for(),
        status=status,
        mentor=mentor.person if mentor is not None else None,
        **fields,
    )


def make_goal(plan, title="Läsa en kapitelbok i veckan", **fields):
    fields.setdefault("due_term", plan.term)
    return Goal.objects.create(plan=plan, title=title, **fields)


def make_slot(mentor, group, days=5, **fields):
    return TalkSlot.objects.create(
        mentor=mentor.person,
        group=group,
        starts_at=timezone.now() + datetime.timedelta(days=days),
        **fields,
    )


@pytest.fixture
def school(db):
    return b.school(jurisdiction=CODE)


@pytest.fixture
def world(school):
    """Class 7B with two students (with logins), their guardians, a mentor and a teacher.

    Also a class 7C at the same school with its own mentor and family, and a
    student at a school of another jurisdiction.
    """
    ada = b.student(school_org=school, with_user=True)
    group = ada.group
    bo = b.student(school_org=school, with_user=True)
    bo.group = group
    bo.save()
    mentor = b.user()
    Mentorship.objects.create(mentor=mentor.person, group=group)
    teacher = b.teacher_of(ada)  # teaches Ada one subject, mentors nothing
    other_group = Group.objects.create(school=school, school_year=group.school_year, name="7C")
    cleo = b.student(school_org=school, with_user=True)
    cleo.group = other_group
    cleo.save()
    other_mentor = b.user()
    Mentorship.objects.create(mentor=other_mentor.person, group=other_group)
    return SimpleNamespace(
        school=school,
        group=group,
        other_group=other_group,
        ada=ada,
        ada_user=ada.person.user,
        ada_mum=b.guardian_of(ada),
        ada_dad=b.guardian_of(ada),
        bo=bo,
        bo_user=bo.person.user,
        bo_guardian=b.guardian_of(bo),
        cleo=cleo,
        cleo_guardian=b.guardian_of(cleo),
        mentor=mentor,
        teacher=teacher,
        other_mentor=other_mentor,
        other_teacher=b.teacher_of(bo),
    )
