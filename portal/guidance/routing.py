"""Routing help for translated page trees.

Wagtail routes a request through the site root's translation in the active
language, so ``/nordvik/guidance/`` serves the English tree to an English
reader and the bokmål tree to a bokmål reader. When a page has not been
translated yet (or its slug differs), the reader should still reach it: a
page that cannot route a path in its own tree tries its translations.
"""

from __future__ import annotations

from django.http import Http404

_FALLBACK_FLAG = "_guidance_route_fallback"


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
                    return other.specific.route(request, path_components)
                except Http404:
                    continue
        finally:
            setattr(request, _FALLBACK_FLAG, False)
        raise Http404
