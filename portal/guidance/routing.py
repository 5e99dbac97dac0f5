"""Routing help for translated page trees.

Wagtail routes a request through the site root's translation in the active
language, so ``/nordvik/guidance/`` serves the English tree to an English
reader and the bokmål tree to a bokmål reader. When a page has not been
translated yet (or its slug differs), the reader should still reach it: a
page that cannot route a path in its own tree tries its translations, and
when the page it finds there is translated into the reader's language, the
reader is sent to that translation.

A page served in another language than the reader's (it has no translation
yet) tells the reader so, and its content carries its own ``lang``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import pgettext_lazy

_FALLBACK_FLAG = "_guidance_route_fallback"
_REDIRECT = "_guidance_translation_redirect"


def _send_to_reader_language(request, page) -> None:
    """When a path of another language's tree names a page translated into the reader's, go there."""
    from wagtail.models import Locale

    try:
        locale = Locale.get_active()
    except (Locale.DoesNotExist, LookupError):
        return
    if page.locale_id == locale.pk or request.path != page.get_url(request):
        return
    translated = page.get_translations().live().filter(locale=locale).first()
    if translated is not None:
        setattr(request, _REDIRECT, translated.specific.get_url(request))


class TranslatedRouteMixin:
    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or getattr(request, _FALLBACK_FLAG, False):
                raise
        setattr(request, _FALLBACK_FLAG, True)
        try:
            for other in self.get_translations().live().order_by("locale_id"):
                try:
                    result = other.specific.route(request, path_components)
                except Http404:
                    continue
                _send_to_reader_language(request, result[0])
                return result
        finally:
            setattr(request, _FALLBACK_FLAG, False)
        raise Http404

    def serve(self, request, *args, **kwargs):
        target = getattr(request, _REDIRECT, None)
        if target:
            return redirect(target)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content_language"] = content_language(self)
        return context


#: Names of the content languages, for the notice on a page shown in another language.
LANGUAGE_NAMES = {
    "nb": pgettext_lazy("language name, after 'shown in'", "Norwegian bokmål"),
    "nn": pgettext_lazy("language name, after 'shown in'", "Norwegian nynorsk"),
    "sv": pgettext_lazy("language name, after 'shown in'", "Swedish"),
    "sr-cyrl": pgettext_lazy("language name, after 'shown in'", "Serbian (Cyrillic)"),
    "sr-latn": pgettext_lazy("language name, after 'shown in'", "Serbian (Latin)"),
    "en": pgettext_lazy("language name, after 'shown in'", "English"),
}


def content_language(page) -> dict | None:
    """The language of ``page`` when it is not the reader's (the page has no translation yet)."""
    code = page.locale.language_code
    reading = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    if code.lower() == reading:
        return None
    return {
        "code": code,
        "tag": settings.LANGUAGE_TAGS.get(code, code),
        "name": LANGUAGE_NAMES.get(code, code),
    }
