"""Template side of the one permission check.

    {% load access_tags %}
    {% can "edit" record as may_edit %}{% if may_edit %}<a href="...">Edit</a>{% endif %}

It only decides what to *offer*; every view still checks again through
``plugins.access`` before it acts, so a hidden button is never the protection.
"""

from django import template

from plugins.access import can as _can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action, record):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return bool(user is not None and _can(user, action, record))
