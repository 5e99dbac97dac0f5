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


#: Name of the module-level constant in a plugin's package that adds UI languages,
#: e.g. ``UI_LANGUAGES = [("da", "Dansk")]`` in ``acme_portal_plugin/__init__.py``.
UI_LANGUAGES_NAME = "UI_LANGUAGES"


def plugin_ui_languages(app_modules: list[str]) -> list[tuple[str, str]]:
    """The interface languages installed plugins add, as ``(code, own name)`` pairs.

    Read from each plugin package's ``UI_LANGUAGES`` constant (the package's
    ``__init__`` must not import models; it runs while settings load). Codes
    are lower case, e.g. ``da`` or ``sr-latn``; the name is the language's
    name in that language. Bad declarations stop the start-up with a message.
    """
    import importlib
    import re

    from django.core.exceptions import ImproperlyConfigured

    found: list[tuple[str, str]] = []
    for module in app_modules:
        package = importlib.import_module(module)
        declared = getattr(package, UI_LANGUAGES_NAME, ())
        for item in declared:
            if (
                not isinstance(item, (tuple, list))
                or len(item) != 2
                or not all(isinstance(x, str) and x.strip() for x in item)
            ):
                raise ImproperlyConfigured(
                    f"{module}.{UI_LANGUAGES_NAME} must list (code, name) pairs, got {item!r}."
                )
            code, name = item
            if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", code):
                raise ImproperlyConfigured(
                    f"{module}.{UI_LANGUAGES_NAME}: {code!r} is not a lower-case language "
                    "code such as 'da' or 'sr-latn'."
                )
            found.append((code, name))
    return found


def with_plugin_languages(
    portal_languages: list[tuple[str, str]], app_modules: list[str]
) -> list[tuple[str, str]]:
    """The portal's languages, then each language a plugin adds (once, in plugin order)."""
    languages = list(portal_languages)
    known = {code for code, _name in languages}
    for code, name in plugin_ui_languages(app_modules):
        if code not in known:
            languages.append((code, name))
            known.add(code)
    return languages
