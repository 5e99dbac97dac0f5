"""Builds records and actors for the core's conformance suite.

``make_actor`` gives the user exactly the one role asked for, towards
exactly the one record given: a mentor has a ``Mentorship`` of the
student's class and teaches nothing; a teacher teaches and mentors nothing.
"""

import datetime

from django.test import RequestFactory
from django.utils import timezone

from plugins.accounts import mark_second_factor_verified
from plugins.consent import request_consent, sign
from plugins.models import Person
from plugins.sdk import ConformanceFactory
from plugins.sdk import builders as b

from . import services
from .models import (
    DevelopmentPlan,
    Goal,
    GoalStatus,
    Mentorship,
    PlanStatus,
    TalkBooking,
    TalkSlot,
    term_for,
)


def _verified_request(user):
    user = type(user).objects.get(pk=user.pk)  # a copy: the caller's object stays untouched
    user.is_verified = lambda: True
    http = RequestFactory().post("/")
    http.user, http.session = user, {}
    mark_second_factor_verified(http)
    return http


def confirm_agreement(plan, mentor_user):
    """Ask every party and sign as each of them, so "agree" may be fired."""
    services.ask_for_confirmation(plan, mentor_user)
    text = services.agreement_text(plan)
    for code, person in services.required_confirmations(plan):
        if person is not None:
            signers = [person.user]
        else:
            signers = [
                r.guardian.user for r in plan.student.guardianships.select_related("guardian__user")
            ]
        req = request_consent(
            plan, code, content=text, named_signer=person, requested_by=mentor_user
        )
        for user in signers:
            sign(req, _verified_request(user))
            req.refresh_from_db()


def mentor_user(student):
    """A new person with a login who is mentor of the student's class."""
    user = b.user()
    Mentorship.objects.create(mentor=user.person, group=student.group)
    return user


class SeIupFactory(ConformanceFactory):
    variants = {
        "Goal": [
            {"plan_status": PlanStatus.PREPARING},
            {"plan_status": PlanStatus.SELF_ASSESSMENT},
            {"plan_status": PlanStatus.TALK_HELD},
            {"plan_status": PlanStatus.FOLLOW_UP},
            {"plan_status": PlanStatus.EVALUATED},
            {"plan_status": PlanStatus.ARCHIVED},
        ],
    }

    def _plan(self, state, **fields):
        st = b.student(school_org=b.school(jurisdiction=self.jurisdiction.code))
        fields.setdefault("mentor", Person.objects.create(given_name="Mentor", family_name="Test"))
        return DevelopmentPlan.objects.create(
            student=st, term=term_for(), status=state or PlanStatus.PREPARING, **fields
        )

    def make_record(self, record_type, state=None, for_transition=None, **traits):
        if record_type == "Goal":
            plan = self._plan(traits.pop("plan_status", PlanStatus.FOLLOW_UP))
            return Goal.objects.create(
                plan=plan,
                title="Read a chapter book",
                due_term=plan.term,
                status=state or GoalStatus.NOT_STARTED,
            )
        if record_type != "DevelopmentPlan":
            raise KeyError(record_type)
        plan = self._plan(state, evaluation="Evaluated", agreement="We agreed", **traits)
        Goal.objects.create(plan=plan, title="Read a chapter book", due_term=plan.term)
        if for_transition == "book_talk":
            mentor = mentor_user(plan.student)
            slot = TalkSlot.objects.create(
                mentor=mentor.person,
                group=plan.student.group,
                starts_at=timezone.now() + datetime.timedelta(days=3),
            )
            TalkBooking.objects.create(slot=slot, plan=plan)
        if for_transition == "agree":
            mentor = mentor_user(plan.student)
            plan.mentor = mentor.person
            plan.save(update_fields=["mentor"])
            b.student_login(plan.student)
            b.guardian_of(plan.student)
            confirm_agreement(plan, mentor)
        return plan

    def make_actor(self, role, record):
        st = record.student if isinstance(record, DevelopmentPlan) else record.plan.student
        if role == "mentor":
            return mentor_user(st)
        if role == "teacher":
            return b.teacher_of(st)
        if role == "guardian":
            return b.guardian_of(st)
        if role == "student":
            return b.student_login(st)
        if role == "principal":
            return b.role_holder("principal", st.school)
        raise KeyError(role)
