"""Admin view: create next year's edition of a booklet (confirm, then copy)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import editions
from .models import BookletPage
from .models.pages import school_year_label


def can_create_next_edition(booklet, user) -> bool:
    parent = booklet.get_parent()
    return bool(
        user.is_authenticated
        and booklet.permissions_for_user(user).can_copy_to(parent, recursive=True)
    )


class NextEditionView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "guidance/admin/next_edition.html"
    page_title = gettext_lazy("Create next year's edition")
    header_icon = "copy"

    def dispatch(self, request, page_id):
        self.booklet = get_object_or_404(BookletPage, pk=page_id)
        if not can_create_next_edition(self.booklet, request.user):
            raise PermissionDenied
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.booklet.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {
                "url": reverse("wagtailadmin_explore", args=[self.booklet.get_parent().pk]),
                "label": self.booklet.get_parent().get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booklet = self.booklet
        context.update(
            booklet=booklet,
            new_title=editions.next_edition_title(booklet),
            new_school_year=school_year_label(booklet.school_year_start + 1),
            chapter_count=booklet.get_children().count(),
            existing=editions.existing_next_edition(booklet),
        )
        return context

    def post(self, request):
        try:
            new = editions.create_next_edition(self.booklet, user=request.user)
        except editions.EditionExists as exc:
            messages.error(
                request,
                _("The edition for the next school year already exists: %(title)s.")
                % {"title": exc.existing.get_admin_display_title()},
            )
            return redirect("wagtailadmin_pages:edit", exc.existing.pk)
        messages.success(
            request,
            _(
                "Next year's edition '%(title)s' was created as a draft with %(count)s chapters. "
                "Every date in its blocks is one year later; check the text, then publish."
            )
            % {"title": new.title, "count": new.get_children().count()},
        )
        return redirect("wagtailadmin_pages:edit", new.pk)
