"""Public API of roles and access.

``can``, ``permitted``, ``get_permitted_or_404``, ``fetch`` (load one record
and audit it), ``roles_of``, and for the family pages ``family_students``
and ``may_grant_access``.

Before a record exists: ``can(user, "create", Model_or_type_name, within=parent_or_organisation)``
(``may_create``). Places: ``organisations_where(user, roles, kind=None, jurisdiction=None)``,
``organisations_of(code, kind=None)`` (SQLite and PostgreSQL), ``runs_at(org, code)``.
People: ``person_id_of(user)``. Services above access declare actions on whole
records with ``register_record_actions`` (retention's ``close_case``/``delete_case``).
"""

from plugins.registry import registry as _registry

from .checks import (
    RecordActions,
    can,
    cell_predicate,
    fetch,
    get_permitted_or_404,
    may_create,
    permitted,
    register_record_actions,
    role_used,
    roles_of,
)
from .family import family_students, may_grant_access
from .organisations import organisations_of, organisations_where, runs_at
from .relations import person_id_of

# The registry (a foundation module) turns matrix cells into rules through
# the predicate access gives it: it never imports access itself.
_registry.use_predicates(cell_predicate)

__all__ = [
    "RecordActions",
    "can",
    "family_students",
    "fetch",
    "get_permitted_or_404",
    "may_create",
    "may_grant_access",
    "organisations_of",
    "organisations_where",
    "person_id_of",
    "permitted",
    "register_record_actions",
    "role_used",
    "roles_of",
    "runs_at",
]
