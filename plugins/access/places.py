"""Where a person has something to do: menu entries and the start page after sign-in.

These only point the way. Every page behind an entry still decides access per
record through ``plugins.access.checks``; a person who follows a stale link
gets that page's answer, never more.

A role counts towards a jurisdiction where it is held at an organisation that
runs the jurisdiction's case work (the organisation itself, an organisation
above it, or a school below it) and the assignment is for that jurisdiction or
for every one. Teaching, guardianship and being a student count towards the
jurisdictions of the student's school.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext

from plugins.registry import registry

#: Role codes of families; every other held role is staff work.
FAMILY_ROLES = frozenset({"guardian", "student"})


@dataclass(frozen=True)
class Place:
    """One entry of the menu or the start-page chooser."""

    label: str
    url: str
    jurisdiction: str = ""
    family: bool = False
    #: The person holds a staff role there (not only guardian or student).
    staff: bool = False


def _codes_around(org, children_of) -> set[str]:
    """Jurisdiction codes of an organisation, the ones above it and the schools below it."""
    codes = set(org.jurisdictions or [])
    for node in org.ancestors():
        codes |= set(node.jurisdictions or [])
    stack, seen = list(children_of.get(org.pk, [])), {org.pk}
    while stack:
        node = stack.pop()
        if node.pk in seen:
            continue
        seen.add(node.pk)
        codes |= set(node.jurisdictions or [])
        stack.extend(children_of.get(node.pk, []))
    return codes


def held_roles_by_jurisdiction(user) -> dict[str, set[str]]:
    """``{jurisdiction code: role names held there today}`` for one person.

    Role names are ``RoleAssignment.role`` values plus ``teacher``/``own_subject``,
    ``guardian`` and ``student``, as ``plugins.access.family.held_role_codes``.
    """
    from plugins.models import (
        GuardianRelation,
        Organisation,
        RoleAssignment,
        Student,
        TeachingAssignment,
    )

    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None or not user.is_active:
        return {}
    installed = {j.code for j in registry.all()}
    held: dict[str, set[str]] = {}

    def add(codes, role):
        for code in set(codes) & installed:
            held.setdefault(code, set()).add(role)

    today = timezone.localdate()
    assignments = list(
        RoleAssignment.objects.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_to__isnull=True) | Q(valid_to__gte=today),
            person=person,
        ).select_related("organisation")
    )
    if assignments:
        children_of: dict = {}
        for org in Organisation.objects.only("pk", "parent_id", "jurisdictions"):
            children_of.setdefault(org.parent_id, []).append(org)
        for ra in assignments:
            codes = _codes_around(ra.organisation, children_of)
            if ra.jurisdiction:
                codes &= {ra.jurisdiction}
            add(codes, ra.role)
    teaching = TeachingAssignment.objects.filter(
        teacher=person, school_year__starts__lte=today, school_year__ends__gte=today
    )
    for codes in teaching.values_list("group__school__jurisdictions", flat=True):
        add(codes or [], "teacher")
        add(codes or [], "own_subject")
    for codes in Student.objects.filter(teaching_assignments__in=teaching).values_list(
        "school__jurisdictions", flat=True
    ):
        add(codes or [], "teacher")
        add(codes or [], "own_subject")
    for codes in GuardianRelation.objects.filter(guardian=person).values_list(
        "student__school__jurisdictions", flat=True
    ):
        add(codes or [], "guardian")
    for codes in Student.objects.filter(person=person).values_list(
        "school__jurisdictions", flat=True
    ):
        add(codes or [], "student")
    for jurisdiction in registry.all():
        own = jurisdiction.roles_held_here(person)
        if own:
            held.setdefault(jurisdiction.code, set()).update(own)
    return held


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def places_for(user) -> list[Place]:
    """The family pages (for families) and each jurisdiction's entries where a role is held."""
    from plugins.access.family import family_students

    if not getattr(user, "is_authenticated", False):
        return []
    places: list[Place] = []
    by_code = held_roles_by_jurisdiction(user)
    if family_students(user).exists():
        places.append(Place(gettext("My children"), reverse("family:index"), family=True))
    for jurisdiction in registry.all():
        held = by_code.get(jurisdiction.code, set())
        if not held:
            continue
        items = [
            item
            for item in jurisdiction.menu
            if not item.roles or held & set(_relation_roles(jurisdiction, item.roles))
        ]
        for item in items:
            url = _url(item.url_name)
            if url is None:
                continue
            label = str(jurisdiction.name)
            if len(items) > 1:
                label = gettext("%(jurisdiction)s: %(entry)s") % {
                    "jurisdiction": label,
                    "entry": item.label,
                }
            places.append(
                Place(label, url, jurisdiction=jurisdiction.code, staff=bool(held - FAMILY_ROLES))
            )
    return places


def _relation_roles(jurisdiction, role_codes) -> set[str]:
    """Role codes of a menu entry, with the school role names behind them."""
    names = set(role_codes)
    for code in role_codes:
        try:
            relation = jurisdiction.role(code).relation
        except (KeyError, LookupError):
            continue
        names.add(getattr(relation, "role", code))
    return names


def start_places(places: list[Place]) -> list[Place]:
    """Where a person may start: the family pages and every place of staff work.

    A family's entries of a jurisdiction are reached from the family pages, so
    they are no start of their own.
    """
    return [p for p in places if p.family or p.staff]
