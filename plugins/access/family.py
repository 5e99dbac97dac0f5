"""Which children a family member may follow on the family pages.

One function decides it for every family page: ``family_students``. It is
built from the same relations the jurisdictions use (``GuardianOf`` and
``StudentSelf``), read against the portal's default age of majority: a
guardian follows a child under age, or a child of age who granted access;
a student follows themself.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings

from plugins.models import Student

from .relations import GuardianOf, StudentSelf

#: Guardian of the child (under age, or granted), or the student themself.
FAMILY = GuardianOf() | StudentSelf()


def family_context():
    """Stands in for a jurisdiction: the portal-wide age of majority, no code."""
    return SimpleNamespace(code="", age_of_majority=settings.PORTAL_DEFAULT_AGE_OF_MAJORITY)


def family_students(user):
    """The students ``user`` may see on the family pages (a queryset, one query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Student.objects.none()
    return Student.objects.filter(FAMILY.q(user, family_context(), Student))


def may_grant_access(user, student) -> bool:
    """Only a student of age, themself, decides which guardians keep access."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return (
        person is not None
        and user.is_active
        and student.person_id == person.pk
        and student.is_of_age(settings.PORTAL_DEFAULT_AGE_OF_MAJORITY)
    )


def held_role_codes(user) -> set[str]:
    """Role codes a person holds anywhere today (school roles, teaching, guardian, student).

    For menus and start pages only: what a person may open is decided per record.
    """
    from django.db.models import Q
    from django.utils import timezone

    from plugins.models import GuardianRelation, RoleAssignment, TeachingAssignment

    person = getattr(user, "person", None)
    if person is None:
        return set()
    today = timezone.localdate()
    held = set(
        RoleAssignment.objects.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_to__isnull=True) | Q(valid_to__gte=today),
            person=person,
        ).values_list("role", flat=True)
    )
    if TeachingAssignment.objects.filter(
        teacher=person, school_year__starts__lte=today, school_year__ends__gte=today
    ).exists():
        held |= {"teacher", "own_subject"}
    if GuardianRelation.objects.filter(guardian=person).exists():
        held.add("guardian")
    if Student.objects.filter(person=person).exists():
        held.add("student")
    return held
