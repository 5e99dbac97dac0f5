"""Organisations for plugins: where a user holds a role, and which run a jurisdiction.

``Organisation.jurisdictions`` is a JSON list: PostgreSQL can filter it with
``__contains``, SQLite cannot. ``organisations_of`` answers the same on both.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from .relations import person_id_of


def _codes(jurisdiction) -> str | None:
    if jurisdiction is None:
        return None
    return getattr(jurisdiction, "code", jurisdiction)


def organisations_where(user, roles, kind=None, jurisdiction=None):
    """Organisations where ``user`` holds one of ``roles`` today, as a queryset ordered by name.

    ``roles`` are ``RoleAssignment.role`` names (one or several); ``kind`` an
    ``Organisation.Kind``; ``jurisdiction`` (a code or a jurisdiction) keeps
    only assignments valid for it (an assignment for every jurisdiction
    counts too).
    """
    from plugins.models import Organisation, RoleAssignment

    person_id = person_id_of(user)
    if person_id is None:
        return Organisation.objects.none()
    roles = [roles] if isinstance(roles, str) else list(roles)
    today = timezone.localdate()
    assignments = RoleAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_to__isnull=True) | Q(valid_to__gte=today),
        person_id=person_id,
        role__in=roles,
    )
    code = _codes(jurisdiction)
    if code is not None:
        assignments = assignments.filter(Q(jurisdiction="") | Q(jurisdiction=code))
    qs = Organisation.objects.filter(pk__in=assignments.values("organisation_id"))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name")


def organisations_of(jurisdiction_code, kind=None):
    """Organisations that list ``jurisdiction_code`` (e.g. a plugin's schools), ordered by name.

    A queryset on SQLite and PostgreSQL alike: where the database cannot
    filter inside the JSON list, the ids are found in Python first.
    """
    from plugins.models import Organisation

    code = _codes(jurisdiction_code)
    qs = Organisation.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if connection.features.supports_json_field_contains:
        qs = qs.filter(jurisdictions__contains=[code])
    else:
        ids = [
            pk
            for pk, codes in qs.values_list("pk", "jurisdictions")
            if isinstance(codes, list) and code in codes
        ]
        qs = Organisation.objects.filter(pk__in=ids)
    return qs.order_by("name")


def runs_at(organisation, jurisdiction_code) -> bool:
    """Does the organisation, or one above it, list ``jurisdiction_code``?"""
    code = _codes(jurisdiction_code)
    for org in (organisation, *organisation.ancestors()):
        if code in (org.jurisdictions or []):
            return True
    return False
