from django.conf import settings
from django.utils.translation import get_language

from plugins.registry import registry


def portal(request):
    lang = get_language() or settings.LANGUAGE_CODE
    return {
        "LANGUAGE_TAG": settings.LANGUAGE_TAGS.get(lang, lang),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "installed_jurisdictions": registry.all(),
    }
