"""Relations between a signed-in person and a record's student.

Each relation is one database filter (``q``), so the same definition
answers "may this user see this record?" (``test``: one EXISTS query) and
"which records may this user list?" (a filter on the list's queryset).
A record model names the ORM path to its student in ``portal_student_path``.
A school-level record (a school's application to its county, say) has no
single student: it sets ``portal_student_path = None`` and names the path to
its school in ``portal_school_path``; then only school roles can reach it.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from plugins.models import (
    GuardianRelation,
    RoleAssignment,
    TeachingAssignment,
    majority_cutoff,
)

NOTHING = Q(pk__in=[])


def _has_student(model) -> bool:
    return bool(getattr(model, "portal_student_path", None))


def _school_path(model) -> str:
    return getattr(model, "portal_school_path", None) or _path(model, "school")


def _path(model_or_record, suffix: str = "") -> str:
    sp = model_or_record.portal_student_path
    if sp == "pk":
        return suffix or "pk"
    return f"{sp}__{suffix}" if suffix else sp


def person_id_of(user) -> int | None:
    """The person id of an active, signed-in user (None for anyone else or a user without a person).

    What every relation filters on; plugins use it instead of reading ``user.person`` by hand.
    """
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


_person_id = person_id_of


class Relation:
    """Base class. Subclasses implement ``q(user, jurisdiction, model)``."""

    label = "relation"

    def q(self, user, jurisdiction, model):  # pragma: no cover - abstract
        raise NotImplementedError

    def at_organisation(self, user, jurisdiction, organisation) -> bool:
        """Does ``user`` hold this relation at ``organisation`` itself (no record yet)?

        Used to answer ``can(user, "create", RecordType, within=organisation)``.
        Only relations to a place answer True (``has_role_at_school``); a
        relation to a student (guardian, teacher, the student) cannot hold
        before there is a student, so the default is False.
        """
        return False

    def test(self, user, record, jurisdiction) -> bool:
        if record.pk is None or _person_id(user) is None:
            return False
        model = type(record)
        return (
            model._default_manager.filter(pk=record.pk)
            .filter(self.q(user, jurisdiction, model))
            .exists()
        )

    def __str__(self):
        return self.label

    def __or__(self, other):
        return AnyOf(self, other)

    def __and__(self, other):
        return AllOf(self, other)


class AnyOf(Relation):
    def __init__(self, *relations):
        self.relations = relations
        self.label = " or ".join(str(r) for r in relations)

    def q(self, user, jurisdiction, model):
        result = NOTHING
        for rel in self.relations:
            result |= rel.q(user, jurisdiction, model)
        return result

    def at_organisation(self, user, jurisdiction, organisation) -> bool:
        return any(r.at_organisation(user, jurisdiction, organisation) for r in self.relations)


class AllOf(Relation):
    def __init__(self, *relations):
        self.relations = relations
        self.label = " and ".join(str(r) for r in relations)

    def q(self, user, jurisdiction, model):
        result = Q()
        for rel in self.relations:
            result &= rel.q(user, jurisdiction, model)
        return result

    def at_organisation(self, user, jurisdiction, organisation) -> bool:
        return all(r.at_organisation(user, jurisdiction, organisation) for r in self.relations)


class HasRoleAtSchool(Relation):
    """Holds ``role`` at the student's school, or (``include_owners``) at an organisation above it."""

    def __init__(self, role: str, include_owners: bool = False):
        self.role = role
        self.include_owners = include_owners
        self.label = f'has role "{role}" at the student\'s school' + (
            " or its owner" if include_owners else ""
        )

    def q(self, user, jurisdiction, model):
        person_id = _person_id(user)
        if person_id is None:
            return NOTHING
        today = timezone.localdate()
        school = _school_path(model)
        orgs = Q(organisation=OuterRef(school))
        if self.include_owners:
            orgs |= Q(organisation=OuterRef(f"{school}__parent"))
            orgs |= Q(organisation=OuterRef(f"{school}__parent__parent"))
        assignments = RoleAssignment.objects.filter(
            orgs,
            Q(jurisdiction="") | Q(jurisdiction=jurisdiction.code),
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_to__isnull=True) | Q(valid_to__gte=today),
            person_id=person_id,
            role=self.role,
        )
        return Q(Exists(assignments))

    def at_organisation(self, user, jurisdiction, organisation) -> bool:
        person_id = _person_id(user)
        if person_id is None or organisation is None or organisation.pk is None:
            return False
        places = [organisation.pk]
        if self.include_owners:
            places += [o.pk for o in organisation.ancestors()[:2]]
        today = timezone.localdate()
        return RoleAssignment.objects.filter(
            Q(jurisdiction="") | Q(jurisdiction=jurisdiction.code),
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_to__isnull=True) | Q(valid_to__gte=today),
            person_id=person_id,
            role=self.role,
            organisation_id__in=places,
        ).exists()


class TeachesStudent(Relation):
    """Teaches the record's student at least one subject (directly or through the class)."""

    label = "teaches the student at least one subject"

    def __init__(self, subject_path: str | None = None):
        self.subject_path = subject_path
        if subject_path:
            self.label = "teaches the record's subject to the student"

    def q(self, user, jurisdiction, model):
        person_id = _person_id(user)
        if person_id is None or not _has_student(model):
            return NOTHING
        student = _path(model)
        today = timezone.localdate()
        # Only this school year's teaching counts: last year's teacher loses access.
        assignments = TeachingAssignment.objects.filter(
            teacher_id=person_id, school_year__starts__lte=today, school_year__ends__gte=today
        ).filter(Q(students=OuterRef(student)) | Q(group=OuterRef(_path(model, "group"))))
        if self.subject_path:
            head = self.subject_path.split("__", 1)[0]
            if not any(f.name == head for f in model._meta.get_fields()):
                return NOTHING  # the record has no subject, so nobody teaches "its" subject
            assignments = assignments.filter(subject=OuterRef(self.subject_path))
        return Q(Exists(assignments))


class GuardianOf(Relation):
    """Guardian of the student while the student is under age, or after if the student allows."""

    label = "guardian of the student (under age, or access granted)"

    def q(self, user, jurisdiction, model):
        person_id = _person_id(user)
        if person_id is None or not _has_student(model):
            return NOTHING
        cutoff = majority_cutoff(jurisdiction.age_of_majority)
        relations = GuardianRelation.objects.filter(
            guardian_id=person_id, student=OuterRef(_path(model))
        ).filter(Q(student__birth_date__gt=cutoff) | Q(access_granted_by_student=True))
        return Q(Exists(relations))


class StudentSelf(Relation):
    """The record's own student (``of_age``: only once of age)."""

    def __init__(self, of_age: bool = False):
        self.of_age = of_age
        self.label = "the student, of age" if of_age else "the student"

    def q(self, user, jurisdiction, model):
        person_id = _person_id(user)
        if person_id is None or not _has_student(model):
            return NOTHING
        q = Q(**{_path(model, "person"): person_id})
        if self.of_age:
            q &= Q(
                **{_path(model, "birth_date__lte"): majority_cutoff(jurisdiction.age_of_majority)}
            )
        return q


#: Ready-made instances for the usual roles.
teaches_student = TeachesStudent()
guardian_of_student = GuardianOf()
student_self = StudentSelf()
student_of_age = StudentSelf(of_age=True)


def has_role_at_school(role: str, include_owners: bool = False) -> Relation:
    return HasRoleAtSchool(role, include_owners=include_owners)


def teaches_subject(subject_path: str = "subject") -> Relation:
    return TeachesStudent(subject_path=subject_path)
