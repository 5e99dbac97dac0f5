from django import template
from django.conf import settings

register = template.Library()


@register.filter
def language_tag(code: str) -> str:
    """The BCP 47 tag for a language code of the portal ("sr-latn" -> "sr-Latn")."""
    code = str(code or "")
    return settings.LANGUAGE_TAGS.get(code, code)
