from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from plugins import retention
from plugins.registry import registry
from plugins.sdk.declarations import MenuItem


def _menu(user) -> list:
    """The plugins' menu entries this person has a use for (by the roles they hold).

    This only tidies the menu; every page behind an entry checks access itself.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    from plugins.access.family import held_role_codes

    held = held_role_codes(user)
    items = [
        item for j in registry.all() for item in j.menu if not item.roles or held & set(item.roles)
    ]
    if held & retention.keeper_role_names():
        items.append(MenuItem(_("Cases of students who left"), "retention:list"))
    return items


def portal(request):
    lang = get_language() or settings.LANGUAGE_CODE
    user = getattr(request, "user", None)
    return {
        "LANGUAGE_TAG": settings.LANGUAGE_TAGS.get(lang, lang),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "installed_jurisdictions": registry.all(),
        "plugin_menu": SimpleLazyObject(lambda: _menu(user)),
    }
