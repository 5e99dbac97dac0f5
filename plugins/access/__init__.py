"""Public API of roles and access: ``can``, ``permitted``, ``get_permitted_or_404``."""

from .checks import can, get_permitted_or_404, permitted, roles_of

__all__ = ["can", "get_permitted_or_404", "permitted", "roles_of"]
