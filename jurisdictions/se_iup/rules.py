"""The IUP's domain rules: who is involved, the class circle, notices, the agreement,
bookings, new plans.

Views call these; each one that writes runs in one database transaction,
so nothing is half-saved.
"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plugins import audit, consent, notifications
from plugins.access import can, family_students, organisations_of, role_used
from plugins.access.relations import GuardianOf
from plugins.models import (
    Group,
    GuardianRelation,
    Organisation,
    Person,
    RoleAssignment,
    Student,
    TeachingAssignment,
)
from plugins.registry import registry
from plugins.workflow import fire

from .models import (
    CODE,
    GOALS_OPEN,
    Comment,
    DevelopmentPlan,
    Goal,
    Mentorship,
    PlanStatus,
    Profile,
    TalkBooking,
    TalkSlot,
    term_label,
)

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


# -- guards of the workflows ----------------------------------------------------------------------


def has_booking(plan) -> bool:
    return TalkBooking.objects.filter(plan=plan).exists()


def has_goal(plan) -> bool:
    return plan.goals.exists()


def has_evaluation(plan) -> bool:
    return bool(plan.evaluation.strip())


def goal_plan_open(goal) -> bool:
    return goal.plan.status in GOALS_OPEN


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
    audit.record(request, "create", record=plan, role=role_used(user, "edit", plan))
    return plan


def mentored_groups(user):
    person = getattr(user, "person", None)
    if person is None:
        return Group.objects.none()
    return Group.objects.filter(
        pk__in=Mentorship.objects.filter(mentor=person).values("group_id")
    ).select_related("school", "school_year")


# -- schools, classes and the class circle ---------------------------------------------------------


def iup_school_ids() -> list[int]:
    """Schools where this plugin's case work runs (``Organisation.jurisdictions``)."""
    kinds = [Organisation.Kind.SCHOOL, Organisation.Kind.PRESCHOOL]
    return list(organisations_of(CODE).filter(kind__in=kinds).values_list("pk", flat=True))


def current_year_q(prefix: str = "school_year") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}__starts__lte": today, f"{prefix}__ends__gte": today})


def teaching(person):
    """The person's teaching assignments of the current school year."""
    return TeachingAssignment.objects.filter(current_year_q(), teacher=person)


def teaching_of_group(group):
    """This school year's teaching of ``group`` or of some of its students."""
    return TeachingAssignment.objects.filter(current_year_q()).filter(
        Q(group=group) | Q(students__group=group)
    )


def circle_groups(user):
    """The classes whose circle ``user`` belongs to (a queryset of ``Group``)."""
    person = getattr(user, "person", None)
    if person is None or not user.is_active:
        return Group.objects.none()
    guarded = Student.objects.filter(GuardianOf().q(user, jurisdiction(), Student))
    taught = teaching(person)
    staff_at = RoleAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=timezone.localdate()),
        Q(valid_to__isnull=True) | Q(valid_to__gte=timezone.localdate()),
        person=person,
    ).values("organisation_id")
    return Group.objects.filter(
        Q(students__person=person)
        | Q(students__in=guarded)
        | Q(se_iup_mentorships__mentor=person)
        | Q(pk__in=taught.values("group_id"))
        | Q(students__teaching_assignments__in=taught)
        | Q(school_id__in=staff_at),
        school_id__in=iup_school_ids(),
    ).distinct()


def relations_of(user) -> dict:
    """A person's relations at the schools of this plugin, for the start page.

    ``children`` (students they are guardian of), ``own`` (their own student
    record), ``classes`` (mentored, taught, or a child's or their own class),
    ``mentored_ids`` and ``schools`` (of those classes, and where they hold a role).
    """
    person = getattr(user, "person", None)
    schools = iup_school_ids()
    children = (
        family_students(user)
        .filter(school_id__in=schools)
        .exclude(person=person)
        .select_related("person", "school", "group")
    )
    own = Student.objects.filter(person=person, school_id__in=schools)
    mentored = mentored_groups(user).filter(school_id__in=schools)
    taught_ids = set()
    if person is not None:
        for ta in teaching(person).prefetch_related("students"):
            if ta.group_id:
                taught_ids.add(ta.group_id)
            taught_ids |= {s.group_id for s in ta.students.all() if s.group_id}
    taught = Group.objects.filter(pk__in=taught_ids, school_id__in=schools).exclude(
        pk__in=mentored.values("pk")
    )
    family_groups = Group.objects.filter(
        Q(students__in=children) | Q(students__in=own), school_id__in=schools
    ).distinct()
    classes = (
        Group.objects.filter(
            Q(pk__in=mentored.values("pk"))
            | Q(pk__in=taught.values("pk"))
            | Q(pk__in=family_groups.values("pk"))
        )
        .select_related("school")
        .order_by("school__name", "name")
    )
    staff_schools = []
    if person is not None:
        staff_schools = RoleAssignment.objects.filter(
            person=person, organisation_id__in=schools
        ).values_list("organisation_id", flat=True)
    return {
        "schools": Organisation.objects.filter(
            Q(pk__in=classes.values("school_id")) | Q(pk__in=list(staff_schools))
        ).order_by("name"),
        "classes": classes,
        "mentored_ids": set(mentored.values_list("pk", flat=True)),
        "children": children,
        "own": own.select_related("school", "group").first(),
    }


def _card(person, role, profiles):
    prof = profiles.get(person.pk)
    shown = bool(prof and prof.show_contact)
    return {
        "person": person,
        "role": role,
        "about": prof.about if prof else "",
        "email": person.email if shown else "",
        "phone": person.phone if shown else "",
        "shown": shown,
    }


def circle_of(group, viewer) -> dict:
    """Who is in the circle of ``group``, as cards: contact details only where chosen.

    ``staff`` (mentors, then teachers), ``families`` (each student with the
    guardians who may follow them: not those of a student of age who granted
    nothing) and ``is_mentor`` (``viewer`` mentors the class).
    """
    mentors = list(Person.objects.filter(se_iup_mentorships__group=group).distinct())
    teachers = list(
        Person.objects.filter(pk__in=teaching_of_group(group).values("teacher_id"))
        .exclude(pk__in=[m.pk for m in mentors])
        .distinct()
    )
    students = list(group.students.select_related("person").order_by("person__family_name"))
    by_pk = {s.pk: s for s in students}
    cutoff_age = jurisdiction().age_of_majority
    guardians_of = {}
    for rel in GuardianRelation.objects.filter(student__in=students).select_related("guardian"):
        if by_pk[rel.student_id].is_of_age(cutoff_age) and not rel.access_granted_by_student:
            continue
        guardians_of.setdefault(rel.student_id, []).append(rel.guardian)
    everyone = mentors + teachers + [s.person for s in students]
    everyone += [g for gs in guardians_of.values() for g in gs]
    profiles = {p.person_id: p for p in Profile.objects.filter(person__in=everyone)}
    me = getattr(getattr(viewer, "person", None), "pk", None)
    return {
        "staff": [_card(p, _("Mentor"), profiles) for p in mentors]
        + [_card(p, _("Teacher"), profiles) for p in teachers],
        "families": [
            {
                "student": _card(s.person, _("Student"), profiles),
                "guardians": [
                    _card(g, _("Guardian"), profiles) for g in guardians_of.get(s.pk, [])
                ],
            }
            for s in students
        ],
        "is_mentor": any(m.pk == me for m in mentors),
    }
