"""Builds records and actors for the core's conformance suite.

``make_actor`` gives the user exactly the one role asked for, towards
exactly the one record given: a mentor has a ``Mentorship`` of the
student's class and teaches nothing; a teacher teaches and mentors nothing.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from plugins.models import Person
from plugins.sdk import ConformanceFactory, testing
from plugins.sdk import builders as b

from . import rules
from .forms import GoalForm, MaterialForm
from .models import (
    CODE,
    EDITABLE,
    DevelopmentPlan,
    Goal,
    GoalStatus,
    Mentorship,
    PlanStatus,
    TalkBooking,
    TalkSlot,
    term_for,
)
from .views import OWN_PAGE_STEPS

#: A version no record has: the edit form refuses it as someone else's save.
STALE_VERSION = "2000-01-01T00:00:00+00:00"


def confirm_agreement(plan, mentor_user):
    """Ask every party and sign as each of them, so "agree" may be fired."""
    rules.ask_for_confirmation(plan, mentor_user)
    for code, person in rules.required_confirmations(plan):
        if person is not None:
            signers = [person.user]
        else:
            signers = [
                r.guardian.user for r in plan.student.guardianships.select_related("guardian__user")
            ]
        for user in signers:
            testing.sign_consent(plan, code, signer=user)


def _version(form_class, record, **kwargs) -> str:
    return form_class(instance=record, **kwargs)["version"].value()


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
            # By default in a step where goals change status and the school may still edit them.
            plan = self._plan(traits.pop("plan_status", PlanStatus.TALK_HELD))
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

    # -- the plugin's pages ------------------------------------------------------------------

    def edit_page(self, record_type, record):
        """The material and agreement of a plan, or a goal, while the school may still change them."""
        if record_type == "DevelopmentPlan" and record.status in EDITABLE:
            url = reverse(f"{CODE}:plan-edit", args=[record.pk])
            valid = {"material": "Omdöme", "agreement": "Vi läser varje dag."}
            valid["version"] = _version(MaterialForm, record)
            return url, valid, {**valid, "version": STALE_VERSION}
        if record_type == "Goal" and record.plan.status in EDITABLE:
            url = reverse(f"{CODE}:goal-edit", args=[record.pk])
            valid = {"title": "Läsa två böcker", "criteria": "", "owner": ""}
            valid["due_term"] = record.plan.term
            valid["version"] = _version(GoalForm, record, plan=record.plan)
            return url, valid, {**valid, "title": ""}
        return None

    def step_page(self, transition, record):
        """Plan steps from the plan page's step button, goal steps from the goal's buttons."""
        if isinstance(record, Goal):
            return reverse(f"{CODE}:goal-status", args=[record.pk]), {"step": transition.name}
        if transition.name in OWN_PAGE_STEPS:
            return None  # booking a time and creating the next plan have pages of their own
        return reverse(f"{CODE}:plan-step", args=[record.pk]), {"step": transition.name}

    def document_page(self, spec, record):
        if spec.code == "iup":
            return reverse(f"{CODE}:plan-pdf", args=[record.pk])
        return None
