"""Template tags for pages outside the consent app (the family start page).

``{% consent_reminder %}`` renders the "Consents waiting for you" box;
``{% pending_consents request.user as items %}`` gives the same items to lay
out yourself. Load them with ``{% load consent_tags %}``.
"""

from django import template
from django.urls import reverse

from plugins.consent import service

register = template.Library()


def _items(user) -> list[dict]:
    items = []
    for req in service.pending_for(user):
        spec = service.spec_of(req)
        items.append({"consent": req, "label": str(spec.label) if spec else req.spec_code})
    return items


@register.simple_tag
def pending_consents(user) -> list[dict]:
    """Requests waiting for ``user``'s answer: dicts with ``consent`` and ``label``."""
    return _items(user)


@register.inclusion_tag("consent/_reminder.html", takes_context=True)
def consent_reminder(context):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {"pending": _items(user), "consents_url": reverse("consent:mine")}
