"""Public API of roles and access.

``can``, ``permitted``, ``get_permitted_or_404``, ``fetch`` (load one record
and audit it), ``roles_of``, and for the family pages ``family_students``
and ``may_grant_access``.
"""

from .checks import can, fetch, get_permitted_or_404, permitted, role_used, roles_of
from .family import family_students, may_grant_access

__all__ = [
    "can",
    "family_students",
    "fetch",
    "get_permitted_or_404",
    "may_grant_access",
    "permitted",
    "role_used",
    "roles_of",
]
