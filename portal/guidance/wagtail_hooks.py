"""Admin additions for the guidance portal (and nothing else lives here).

- "Create next year's edition" on booklets: a button in the page listing's
  "more" menu and in the page header, leading to a confirmation view;
- legal references as a snippet with their own menu entry;
- the log entry written when an edition is created.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .editions import LOG_ACTION
from .models import BookletPage, LegalReference
from .views_admin import NextEditionView, can_create_next_edition


class LegalReferenceViewSet(SnippetViewSet):
    model = LegalReference
    icon = "openquote"
    menu_label = _("Legal references")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["citation", "title", "locale"]
    search_fields = ["law", "section", "title", "explanation"]


register_snippet(LegalReferenceViewSet)


@hooks.register("register_admin_urls")
def register_next_edition_url():
    return [
        path(
            "guidance/booklets/<int:page_id>/next-edition/",
            NextEditionView.as_view(),
            name="guidance_next_edition",
        )
    ]


def _next_edition_button(page, user, priority):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, BookletPage):
        return None
    if not can_create_next_edition(page, user):
        return None
    return Button(
        _("Create next year's edition"),
        url=reverse("guidance_next_edition", args=[page.pk]),
        icon_name="copy",
        priority=priority,
        attrs={"data-guidance-action": "next-edition"},
    )


@hooks.register("register_page_listing_more_buttons")
def next_edition_listing_button(page, user, next_url=None):
    button = _next_edition_button(page, user, priority=25)
    if button:
        yield button


@hooks.register("register_page_header_buttons")
def next_edition_header_button(page, user, view_name, next_url=None):
    button = _next_edition_button(page, user, priority=35)
    if button:
        yield button


@hooks.register("register_log_actions")
def register_guidance_log_actions(actions):
    actions.register_action(
        LOG_ACTION, _("Create next year's edition"), _("Created as next year's edition")
    )
