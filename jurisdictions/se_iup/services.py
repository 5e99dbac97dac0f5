"""What happens around the plan: who is involved, notices, the agreement, bookings, new plans.

Views call these; each one that writes runs in one database transaction,
so nothing is half-saved.
"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plugins import audit, consent, notifications
from plugins.access import can, role_used
from plugins.models import GuardianRelation
from plugins.registry import registry
from plugins.workflow import fire

from .models import (
    Comment,
    DevelopmentPlan,
    Goal,
    Mentorship,
    PlanStatus,
    TalkBooking,
    TalkSlot,
    term_label,
)

CODE = "se-iup"

#: Notice kinds: a goal's status changed (shared with the portal), a new comment.
GOAL_CHANGED = "goal-changed"
COMMENTED = "iup-comment"
AGREEMENT_ASKED = "consent-requested"

GOAL_CHANGED_TITLE = gettext_lazy("A goal in an individual development plan changed status")
GOAL_COMMENT_TITLE = gettext_lazy("A new comment on a goal in an individual development plan")
PLAN_COMMENT_TITLE = gettext_lazy("A new comment on an individual development plan")
AGREEMENT_TITLE = gettext_lazy("Please confirm an individual development plan")

SPEC_MENTOR = "iup-agreement-mentor"
SPEC_STUDENT = "iup-agreement-student"
SPEC_GUARDIANS = "iup-agreement-guardians"


def jurisdiction():
    return registry.get(CODE)


# -- people ---------------------------------------------------------------------------------------


def _active_user(person):
    user = getattr(person, "user", None) if person is not None else None
    return user if user is not None and user.is_active else None


def mentors_of(student):
    """The people who are mentors of the student's class now."""
    from plugins.models import Person

    if student.group_id is None:
        return Person.objects.none()
    return Person.objects.filter(se_iup_mentorships__group_id=student.group_id).distinct()


def is_mentor_of(user, student) -> bool:
    from .relations import mentor_of_student

    return mentor_of_student.test(user, student, jurisdiction())


def _candidates(plan, extra_people=(), extra_users=()):
    student = plan.student
    people = [student.person, plan.mentor, *mentors_of(student), *extra_people]
    people += [
        r.guardian
        for r in GuardianRelation.objects.filter(student=student).select_related("guardian__user")
    ]
    users = [_active_user(p) for p in people]
    users += [u for u in extra_users if u is not None and u.is_active]
    seen, unique = set(), []
    for user in users:
        if user is not None and user.pk not in seen:
            seen.add(user.pk)
            unique.append(user)
    return unique


def involved_in_goal(goal, *, actor=None) -> list:
    """Who is told about a goal: exactly these people, and only if they may see the goal.

    The student, the student's guardians, the mentors of the student's class
    and the plan's mentor, the goal's owner, and everyone who commented on
    this goal; then only those the role matrix lets view the goal (a guardian
    of a student of age without access is dropped, so is a teacher who no
    longer teaches the student). The actor is not told of their own step.
    """
    authors = get_user_model().objects.filter(
        pk__in=Comment.objects.filter(goal=goal).values("author_id")
    )
    users = _candidates(goal.plan, extra_people=[goal.owner], extra_users=authors)
    return [u for u in users if u.pk != getattr(actor, "pk", None) and can(u, "view", goal)]


def involved_in_plan(plan, *, actor=None) -> list:
    """As ``involved_in_goal``, for the plan: student, guardians, mentors, plan commenters."""
    authors = get_user_model().objects.filter(
        pk__in=Comment.objects.filter(plan=plan, goal__isnull=True).values("author_id")
    )
    users = _candidates(plan, extra_users=authors)
    return [u for u in users if u.pk != getattr(actor, "pk", None) and can(u, "view", plan)]


def goal_changed_effect(*, record, transition, user, log):
    """Workflow effect of every goal status change: tell everyone involved."""
    return notifications.notify(
        involved_in_goal(record, actor=user),
        GOAL_CHANGED,
        GOAL_CHANGED_TITLE,
        record.get_absolute_url(),
        jurisdiction=CODE,
    )


# -- comments -------------------------------------------------------------------------------------


@transaction.atomic
def add_comment(request, target, text: str) -> Comment:
    """``target`` is a plan or a goal the caller loaded with ``fetch(..., "comment")``."""
    user = request.user
    goal = target if isinstance(target, Goal) else None
    plan = goal.plan if goal else target
    comment = Comment.objects.create(
        plan=plan,
        goal=goal,
        author=user,
        author_name=audit.display_name(user),
        author_role=role_used(user, "comment", target),
        text=text.strip(),
    )
    if goal is not None:
        notifications.notify(
            involved_in_goal(goal, actor=user),
            COMMENTED,
            GOAL_COMMENT_TITLE,
            goal.get_absolute_url(),
            jurisdiction=CODE,
        )
    else:
        notifications.notify(
            involved_in_plan(plan, actor=user),
            COMMENTED,
            PLAN_COMMENT_TITLE,
            plan.get_absolute_url() + f"#comment-{comment.pk}",
            jurisdiction=CODE,
        )
    return comment


# -- the agreement --------------------------------------------------------------------------------


def agreement_text(plan, language: str | None = None) -> str:
    """The document student, mentor and guardians confirm, in ``language``.

    Default: the jurisdiction's official language (Swedish). Goal statuses
    are left out: they change during the term without changing what was
    agreed. Any change to the agreement, a goal, its criteria, owner or due
    term changes the fingerprint, and earlier confirmations stop counting.
    """
    with translation.override(language or jurisdiction().official_language_code()):
        lines = [
            _("Individual development plan"),
            f"{_('Student')}: {plan.student.name}",
            f"{_('Term')}: {term_label(plan.term)}",
            f"{_('Mentor')}: {plan.mentor.full_name if plan.mentor else '-'}",
            "",
            f"{_('What we agreed')}:",
            plan.agreement.strip(),
            "",
            f"{_('Goals')}:",
        ]
        for n, goal in enumerate(plan.goals.select_related("owner").order_by("position", "pk"), 1):
            lines += [
                f"{n}. {goal.title}",
                f"   {_('Criteria')}: {goal.criteria.strip() or '-'}",
                f"   {_('Owner')}: {goal.owner.full_name if goal.owner else '-'}",
                f"   {_('Due term')}: {term_label(goal.due_term)}",
            ]
    return "\n".join(lines) + "\n"


def agreement_document(plan):
    """The agreement as the consent service asks it: one text per signing language."""
    texts = {}

    def render(language):
        if language not in texts:
            texts[language] = agreement_text(plan, language)
        return texts[language]

    return render


def required_confirmations(plan) -> list[tuple[str, object]]:
    """(consent code, named person or None) for each party who must confirm.

    The mentor always; the student when they have a login; the guardians
    (every guardian with a login) while the student is under age and has one.
    """
    needed = [(SPEC_MENTOR, plan.mentor)]
    student = plan.student
    if _active_user(student.person) is not None:
        needed.append((SPEC_STUDENT, student.person))
    if (
        not student.is_of_age(jurisdiction().age_of_majority)
        and GuardianRelation.objects.filter(
            student=student, guardian__user__is_active=True
        ).exists()
    ):
        needed.append((SPEC_GUARDIANS, None))
    return needed


def confirmations(plan) -> list[dict]:
    """For the plan page: each party, its current request and whether it counts."""
    text = agreement_document(plan)
    labels = {
        SPEC_MENTOR: _("Mentor"),
        SPEC_STUDENT: _("Student"),
        SPEC_GUARDIANS: _("Guardians"),
    }
    rows = []
    for code, _person in required_confirmations(plan):
        req = consent.current_request(plan, code)
        rows.append(
            {
                "code": code,
                "party": labels[code],
                "request": req,
                "granted": consent.is_granted(plan, code, content=text),
                "outdated": req is not None and not consent.matches(req, text),
            }
        )
    return rows


def agreement_confirmed(plan) -> bool:
    """Guard of "agree": the agreement is written and every party confirmed this version."""
    if not plan.agreement.strip() or plan.mentor_id is None:
        return False
    text = agreement_document(plan)
    return all(
        consent.is_granted(plan, code, content=text) for code, _p in required_confirmations(plan)
    )


@transaction.atomic
def ask_for_confirmation(plan, user) -> list:
    """Ask every party to confirm the agreement as it reads now; tell them."""
    if plan.mentor_id is None:
        plan.mentor = user.person
        plan.save(update_fields=["mentor"])
    text = agreement_document(plan)
    asked = []
    for code, person in required_confirmations(plan):
        before = consent.current_request(plan, code)
        req = consent.request_consent(
            plan, code, content=text, requested_by=user, named_signer=person
        )
        if before is None or before.pk != req.pk:
            asked.append(req)
            if person is not None:
                signers = [person]
            else:
                signers = [
                    r.guardian
                    for r in GuardianRelation.objects.filter(student=plan.student).select_related(
                        "guardian__user"
                    )
                ]
            signers = [p for p in signers if _active_user(p) and _active_user(p).pk != user.pk]
            notifications.notify(
                signers,
                AGREEMENT_ASKED,
                AGREEMENT_TITLE,
                plan.get_absolute_url() + "#agreement",
                jurisdiction=CODE,
            )
    return asked


# -- booking a talk -------------------------------------------------------------------------------


class BookingError(Exception):
    """The talk was not booked; ``str()`` says why, for the person."""


class SlotTaken(BookingError):
    pass


def free_slots(plan):
    """Future slots offered to the student's class by its current mentors, not yet booked."""
    student = plan.student
    return (
        TalkSlot.objects.filter(
            group_id=student.group_id,
            starts_at__gt=timezone.now(),
            booking__isnull=True,
            mentor__se_iup_mentorships__group_id=student.group_id,
        )
        .select_related("mentor")
        .distinct()
        .order_by("starts_at", "pk")
    )


def _book_once(plan_pk, slot_pk, user, request):
    with transaction.atomic():
        # Lock the slot first: a second family choosing it waits here (PostgreSQL)
        # and then finds it taken; the unique constraint below holds in any case.
        slot = TalkSlot.objects.select_for_update().filter(pk=slot_pk).first()
        plan = DevelopmentPlan.objects.select_related("student").get(pk=plan_pk)
        if slot is None or not free_slots(plan).filter(pk=slot.pk).exists():
            if slot is not None and TalkBooking.objects.filter(slot=slot).exists():
                raise SlotTaken(_("Someone else booked this time a moment ago. Choose another."))
            raise BookingError(_("This time cannot be booked. Choose one of the times shown."))
        if TalkBooking.objects.filter(plan=plan).exists():
            raise BookingError(_("A talk is already booked for this plan."))
        try:
            with transaction.atomic():
                booking = TalkBooking.objects.create(slot=slot, plan=plan, booked_by=user)
        except IntegrityError:
            raise SlotTaken(
                _("Someone else booked this time a moment ago. Choose another.")
            ) from None
        fire(plan, "book_talk", user, note=str(slot), request=request)
    return booking


def book_slot(plan, slot_pk, user, *, request=None) -> TalkBooking:
    """Book ``slot_pk`` for ``plan`` as ``user`` (checked with ``fetch(..., "book")`` first).

    Exactly one booking per slot and per plan, enforced by the database;
    SQLite answers a concurrent writer with "locked", so the attempt is
    repeated a few times before giving up.
    """
    attempts = 8 if connection.vendor == "sqlite" else 1
    for attempt in range(attempts):
        try:
            return _book_once(plan.pk, slot_pk, user, request)
        except OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise BookingError(_("The booking could not be saved. Please try again."))  # pragma: no cover


def cancel_booking_effect(*, record, transition, user, log):
    """Workflow effect of "cancel_booking": the slot is free again."""
    TalkBooking.objects.filter(plan=record).delete()


def has_booking(plan) -> bool:
    return TalkBooking.objects.filter(plan=plan).exists()


# -- the next plan --------------------------------------------------------------------------------


class PlanError(Exception):
    pass


@transaction.atomic
def create_plan(student, term: str, user, *, request=None) -> DevelopmentPlan:
    """Start the student's IUP for ``term``; the current plan, once evaluated, is archived."""
    current = (
        DevelopmentPlan.objects.select_for_update()
        .filter(student=student)
        .exclude(status=PlanStatus.ARCHIVED)
        .first()
    )
    if DevelopmentPlan.objects.filter(student=student, term=term).exists():
        raise PlanError(_("There is already a plan for this term."))
    if current is not None:
        if current.status != PlanStatus.EVALUATED:
            raise PlanError(
                _("Evaluate the current plan first: it is archived when the next one is created.")
            )
        fire(current, "archive", user, note=term, request=request)
        DevelopmentPlan.objects.filter(pk=current.pk).update(archived_at=timezone.now())
    plan = DevelopmentPlan.objects.create(
        student=student, term=term, mentor=user.person, created_by=user
    )
    audit.record(request, "create", record=plan, role="mentor")
    return plan


def mentored_groups(user):
    from plugins.models import Group

    person = getattr(user, "person", None)
    if person is None:
        return Group.objects.none()
    return Group.objects.filter(
        pk__in=Mentorship.objects.filter(mentor=person).values("group_id")
    ).select_related("school", "school_year")
