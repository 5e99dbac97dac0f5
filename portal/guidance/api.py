"""The headless API: Wagtail's pages endpoint at ``/api/v2/pages/``.

Guidance pages expose their fields and StreamField blocks as JSON
(``api_fields`` on each page type), e.g.
``/api/v2/pages/?type=guidance.BookletPage&fields=*`` or
``/api/v2/pages/<id>/`` for one chapter with its blocks.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
