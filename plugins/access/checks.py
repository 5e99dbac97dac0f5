"""The one permission check every view, list and download goes through."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from plugins.registry import permission_name, registry

#: Actions on whole records declared by a service above access (e.g. closing
#: and deleting a case, declared by ``plugins.retention`` from its
#: ``AppConfig.ready``): action -> RecordActions. Access imports no such service.
_record_actions: dict[str, RecordActions] = {}


class RecordActions:
    """Who may do a set of actions on one model, decided by the service that owns them.

    ``allowed(user, action, record)`` answers for one record,
    ``narrow(user, action, queryset)`` for a queryset of ``model``, and
    ``seen`` is the action that makes such a record visible (404 otherwise).
    """

    def __init__(self, actions, *, model, allowed, narrow, seen):
        self.actions = tuple(actions)
        self.model = model
        self.allowed = allowed
        self.narrow = narrow
        self.seen = seen


def register_record_actions(actions, *, model, allowed, narrow, seen) -> RecordActions:
    """Declare actions on whole records of ``model`` that the matrix does not describe.

    Called by the owning service from its ``AppConfig.ready``; registering
    the same actions again replaces the earlier declaration.
    """
    entry = RecordActions(actions, model=model, allowed=allowed, narrow=narrow, seen=seen)
    for action in entry.actions:
        _record_actions[action] = entry
    return entry


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


def can(user, action: str, record, *, within=None) -> bool:
    """May ``user`` do ``action`` on ``record``? Answers False for anything undeclared.

    Before a record exists, ask for its type: ``can(user, "create", Plan,
    within=case_or_school)`` (a model class, or a record type name of the
    jurisdiction of ``within``). See ``may_create`` for how it is answered.

    Superusers get no shortcut: case data follows the matrix for everyone.
    Closing and deleting a whole case (``close_case``, ``delete_case`` on a
    ``Student``) follow the jurisdictions' retention roles (``plugins.retention``).
    """
    if isinstance(record, type | str):
        return action == "create" and may_create(user, record, within=within)
    declared = _record_actions.get(action)
    if declared is not None:
        return isinstance(record, declared.model) and declared.allowed(user, action, record)
    try:
        jurisdiction, name = registry.for_record(record)
    except LookupError:
        return False
    perm = permission_name(jurisdiction.code, name, action)
    if not rules.perm_exists(perm):
        return False
    return rules.has_perm(perm, user, record)


def _creation_targets(record_type, within):
    """[(jurisdiction, record type name)] a new ``record_type`` within ``within`` may belong to."""
    from plugins.models import Organisation

    if isinstance(record_type, type):
        try:
            return [registry.for_record(record_type)]
        except LookupError:
            return []
    if isinstance(within, Organisation):
        from .organisations import runs_at

        return [
            (j, record_type)
            for j in registry.all()
            if record_type in j.record_types and runs_at(within, j.code)
        ]
    try:
        jurisdiction, _name = registry.for_record(within)
    except LookupError:
        return []
    return [(jurisdiction, record_type)] if record_type in jurisdiction.record_types else []


def may_create(user, record_type, *, within) -> bool:
    """May ``user`` create a record of ``record_type`` within ``within``, before it exists?

    ``record_type`` is a model class or a record type name; ``within`` the
    record the new one belongs to (e.g. the case of a new plan) or the
    organisation it is made at. The matrix cells ``allow(<type>, "create",
    roles...)`` decide: a role counts when its relation holds towards
    ``within`` (the new record will have the same student and school), or,
    for an organisation, when it is a role held at that place
    (``has_role_at_school``) and the organisation runs the jurisdiction. A
    cell with a ``when`` condition needs the record itself, so it grants
    nothing before the record exists. Without ``within`` the answer is False.
    """
    from plugins.models import Organisation

    if within is None or not getattr(user, "is_active", False):
        return False
    if getattr(within, "pk", None) is None:
        return False
    at_place = isinstance(within, Organisation)
    for jurisdiction, name in _creation_targets(record_type, within):
        if not at_place:
            try:
                if registry.for_record(within)[0] is not jurisdiction:
                    continue
            except LookupError:
                if not getattr(type(within), "portal_student_path", None):
                    continue
        for cell in jurisdiction.cells(name, "create"):
            if cell.when is not None:
                continue
            for role in cell.roles:
                relation = jurisdiction.role(role).relation
                if at_place:
                    if relation.at_organisation(user, jurisdiction, within):
                        return True
                elif relation.test(user, within, jurisdiction):
                    return True
    return False


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
    declared = _record_actions.get(action)
    if declared is not None:
        if model is not declared.model:
            return queryset.none()
        return declared.narrow(user, action, queryset)
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
    declared = _record_actions.get(action)
    seen = declared.seen if declared is not None else "view"
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
