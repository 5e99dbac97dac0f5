from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from plugins import retention
from plugins.registry import registry


def _current(path: str, url: str) -> str:
    """``aria-current``: "page" on the entry's own page, "true" below it."""
    if path == url:
        return "page"
    return "true" if path.startswith(url) else ""


def _menu(request) -> list:
    """The shell's menu: family pages and the jurisdictions where this person holds a role.

    This only tidies the menu; every page behind an entry checks access itself.
    """
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return []
    from plugins.access.family import held_role_codes
    from plugins.access.places import places_for

    path = request.path
    items = [
        {"label": p.label, "url": p.url, "current": _current(path, p.url)} for p in places_for(user)
    ]
    if held_role_codes(user) & retention.keeper_role_names():
        url = reverse("retention:list")
        items.append(
            {"label": _("Cases of students who left"), "url": url, "current": _current(path, url)}
        )
    return items


def portal(request):
    lang = get_language() or settings.LANGUAGE_CODE
    tag = settings.LANGUAGE_TAGS.get(lang, lang)
    return {
        "shell_language_tag": tag,
        "shell_site_name": settings.WAGTAIL_SITE_NAME,
        # Each language in its own name, never translated into the page's language.
        "shell_languages": settings.LANGUAGES,
        "LANGUAGE_TAG": tag,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "installed_jurisdictions": registry.all(),
        # The shell's own names start with ``shell_`` so that no page's context
        # (a plugin may pass anything, e.g. ``notices``) can shadow them.
        "shell_menu": SimpleLazyObject(lambda: _menu(request)),
    }
