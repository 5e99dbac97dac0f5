"""The one permission check every view, list and download goes through."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from plugins import retention
from plugins.models import Student
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
    Closing and deleting a whole case (``close_case``, ``delete_case`` on a
    ``Student``) follow the jurisdictions' retention roles (``plugins.retention``).
    """
    if action in retention.ACTIONS:
        return isinstance(record, Student) and retention.allowed(user, action, record)
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
    if action in retention.ACTIONS:
        if model is not Student:
            return queryset.none()
        narrowed = queryset.filter(retention.keepers_q(user))
        if action == retention.DELETE:
            due = [s.pk for s in narrowed.select_related("school") if retention.is_due(s)]
            narrowed = queryset.filter(pk__in=due)
        return narrowed
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
    # Whole cases: a student is "visible" to whoever may close their case.
    seen = retention.CLOSE if action in retention.ACTIONS else "view"
    if not can(user, seen, record):
        raise Http404
    if action != "view" and not can(user, action, record):
        raise PermissionDenied
    return record


def role_used(user, action: str, record) -> str:
    """The role under which ``user`` may do ``action`` on ``record`` (for the audit trail).

    The first role of ``roles_of`` that a matrix cell for the action grants
    on this record; else the first role the user holds at all; else "".
    """
    held = roles_of(user, record)
    try:
        jurisdiction, name = registry.for_record(record)
    except LookupError:
        return held[0] if held else ""
    for role in held:
        for cell in jurisdiction.cells(name, action):
            if role in cell.roles and (cell.when is None or cell.when(record)):
                return role
    return held[0] if held else ""


def _quiet_lookup(queryset, lookup):
    try:
        return queryset.filter(**lookup).first()
    except (ValueError, TypeError):
        return None


def fetch(request, action: str, queryset, **lookup):
    """Load one case record for ``action`` and write exactly one audit row.

    The call every view uses to load a record: ``get_permitted_or_404``
    decides, then the audit trail gets the action with the role used (a GET
    of a page that changes the record on save counts as ``view``), or a
    ``denied`` row (outcome "404" or "403") before the refusal is re-raised.
    """
    from plugins import audit

    user = request.user
    try:
        record = get_permitted_or_404(user, action, queryset, **lookup)
    except (Http404, PermissionDenied) as exc:
        outcome = "404" if isinstance(exc, Http404) else "403"
        target = _quiet_lookup(queryset, lookup)
        if target is not None:
            audit.record(
                request,
                "denied",
                record=target,
                role=role_used(user, action, target),
                outcome=outcome,
                attempted=action,
            )
        else:
            try:
                code = registry.for_record(queryset.model)[0].code
            except LookupError:
                code = ""
            asked = lookup.get("pk", lookup.get("id", ""))
            audit.record(
                request,
                "denied",
                jurisdiction=code,
                record_type=queryset.model.__name__,
                record_id=str(asked) if asked != "" else "",
                outcome=outcome,
                attempted=action,
            )
        raise
    # Opening a form (a GET of an edit or create page) only reads the record;
    # the change is written to the trail when it is saved.
    logged = action
    if request.method in ("GET", "HEAD") and action not in ("view", "download"):
        logged = "view"
    audit.record(request, logged, record=record, role=role_used(user, action, record))
    return record
