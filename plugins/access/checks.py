"""The one permission check every view, list and download goes through."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from plugins.registry import permission_name, registry


def cell_predicate(jurisdiction, record: str, action: str):
    """A ``rules`` predicate for one (record type, action) of a jurisdiction's matrix."""
    cells = jurisdiction.cells(record, action)

    @rules.predicate
    def allowed(user, obj):
        if obj is None or not getattr(user, "is_active", False):
            return False
        for cell in cells:
            if cell.when is not None and not cell.when(obj):
                continue
            for role in cell.roles:
                if jurisdiction.role(role).relation.test(user, obj, jurisdiction):
                    return True
        return False

    return allowed


def can(user, action: str, record) -> bool:
    """May ``user`` do ``action`` on ``record``? Answers False for anything undeclared.

    Superusers get no shortcut: case data follows the matrix for everyone.
    """
    try:
        jurisdiction, name = registry.for_record(record)
    except LookupError:
        return False
    perm = permission_name(jurisdiction.code, name, action)
    if not rules.perm_exists(perm):
        return False
    return rules.has_perm(perm, user, record)


def roles_of(user, record) -> list[str]:
    """Every role of the record's jurisdiction that ``user`` holds towards it."""
    try:
        jurisdiction, _ = registry.for_record(record)
    except LookupError:
        return []
    return [r.code for r in jurisdiction.roles if r.relation.test(user, record, jurisdiction)]


def permitted(user, action: str, queryset):
    """Narrow ``queryset`` to the records ``user`` may ``action``, in one query."""
    model = queryset.model
    try:
        jurisdiction, name = registry.for_record(model)
    except LookupError:
        return queryset.none()
    if not getattr(user, "is_active", False):
        return queryset.none()
    combined = Q(pk__in=[])
    for cell in jurisdiction.cells(name, action):
        who = Q(pk__in=[])
        for role in cell.roles:
            who |= jurisdiction.role(role).relation.q(user, jurisdiction, model)
        if cell.when is not None:
            who &= cell.when.q()
        combined |= who
    return queryset.filter(combined)


def get_permitted_or_404(user, action: str, queryset, **lookup):
    """Fetch one record for ``action``.

    A record the user may not view answers 404 (no hint that it exists); a
    visible record on which the action is not allowed answers 403.
    """
    try:
        record = queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can(user, "view", record):
        raise Http404
    if action != "view" and not can(user, action, record):
        raise PermissionDenied
    return record
