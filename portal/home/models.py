from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.guidance import streams
from portal.guidance.caching import AnonymousPageCacheMixin
from portal.guidance.routing import TranslatedRouteMixin


class HomePage(AnonymousPageCacheMixin, TranslatedRouteMixin, Page):
    """The site's front page: what the portal is and where to go next.

    It shows the upcoming deadlines of the current school year's booklet
    below it, and is served from the page cache to anonymous readers.
    """

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count_per_parent = 1
    subpage_types = [
        "guidance.CountySitePage",
        "guidance.GuidanceIndexPage",
        "guidance.GuidanceArticlePage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from portal.guidance.models import current_booklet

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        booklet = current_booklet(self, today)
        rows = booklet.deadlines_in(booklet.live_chapters()) if booklet else []
        context["guidance_sections"] = (
            self.get_children().live().public().specific().order_by("path")
        )
        context["deadline_booklet"] = booklet
        context["upcoming_deadlines"] = streams.upcoming(rows, today)
        return context
