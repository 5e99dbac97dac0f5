"""The plugin SDK: everything a jurisdiction needs to declare itself.

from plugins.sdk import Jurisdiction, JurisdictionConfig, Role, allow, ...
"""

from .conformance import ConformanceFactory
from .declarations import (
    ACTIONS,
    Condition,
    ConsentSpec,
    Deadline,
    DocumentSpec,
    Guard,
    MenuItem,
    Permission,
    Role,
    Transition,
    Workflow,
    allow,
    flag,
    state_at_least,
    state_in,
)
from .jurisdiction import Jurisdiction, JurisdictionConfig


def __getattr__(name):
    # ``relations`` touches models, so it loads on first use: an AppConfig
    # module can import this package before the app registry is ready.
    if name == "relations":
        from plugins.access import relations

        return relations
    raise AttributeError(name)


__all__ = [
    "ACTIONS",
    "Condition",
    "ConformanceFactory",
    "ConsentSpec",
    "Deadline",
    "DocumentSpec",
    "Guard",
    "Jurisdiction",
    "JurisdictionConfig",
    "MenuItem",
    "Permission",
    "Role",
    "Transition",
    "Workflow",
    "allow",
    "flag",
    "relations",
    "state_at_least",
    "state_in",
]
