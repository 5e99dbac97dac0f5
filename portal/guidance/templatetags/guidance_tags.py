from django import template
from django.conf import settings
from django.utils import formats

register = template.Library()


@register.filter
def language_tag(code: str) -> str:
    """The BCP 47 tag for a language code of the portal ("sr-latn" -> "sr-Latn")."""
    code = str(code or "")
    return settings.LANGUAGE_TAGS.get(code, code)


@register.filter
def stat_number(value):
    """A figure as readers write it: 73, 51.5 (51,5 in Norwegian), never 51.50."""
    if value is None or value == "":
        return "–"
    number = float(value)
    if number.is_integer():
        return formats.number_format(int(number))
    return formats.number_format(round(number, 2))
