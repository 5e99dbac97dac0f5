"""Find jurisdiction plugins before Django starts.

Runs while settings load, so it must not import Django models. A plugin is
any distribution that declares an entry point in the group
``portal.jurisdictions`` whose value is the import path of its Django app
(``jurisdictions.no_iskole`` or ``acme_portal_plugin``). Installing the
package with pip is enough to make it appear.
"""

from importlib.metadata import entry_points

ENTRY_POINT_GROUP = "portal.jurisdictions"


def discover_jurisdiction_apps(
    extra: list[str] | None = None, disabled: list[str] | None = None
) -> list[str]:
    """Return the app modules of every installed jurisdiction, in a stable order.

    ``disabled`` names entry points (plugin codes) or app modules an operator
    switched off, e.g. ``PORTAL_DISABLED_JURISDICTIONS=se-iup``.
    """
    found: list[str] = []
    off = set(disabled or [])
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        module = ep.value.split(":", 1)[0].strip()
        if ep.name in off or module in off:
            continue
        if module not in found:
            found.append(module)
    for module in extra or []:
        if module not in found:
            found.append(module)
    return found
