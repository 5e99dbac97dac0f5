"""Guidance page types: county site, guidance index, booklet, chapter, article.

The tree reads ``HomePage > CountySitePage > GuidanceIndexPage > BookletPage
> ChapterPage``; free articles sit under an index or a county site. Each
language is its own tree (Wagtail localisation); pages in different languages
share a ``translation_key``.
"""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from plugins.registry import registry

from .. import streams
from ..blocks import ContactStreamBlock, FormSectionsBlock, GuidanceStreamBlock
from ..caching import AnonymousPageCacheMixin
from ..routing import TranslatedRouteMixin
from ..serializers import RichTextHTMLField
from .snippets import LegalReference

INTRO_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def school_year_of(day: datetime.date) -> int:
    """The calendar year a school year starts in (it starts on 1 August)."""
    return day.year if day.month >= 8 else day.year - 1


def school_year_label(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def current_booklet(root: Page, today: datetime.date | None = None):
    """The live booklet below ``root`` (same language) for today's school year.

    Falls back to the most recent earlier school year when this year's
    booklet is not published yet.
    """
    today = today or timezone.localdate()
    return (
        BookletPage.objects.live()
        .descendant_of(root)
        .filter(locale_id=root.locale_id, school_year_start__lte=school_year_of(today))
        .order_by("-school_year_start", "path")
        .first()
    )


class GuidancePage(AnonymousPageCacheMixin, TranslatedRouteMixin, RoutablePageMixin, Page):
    """Shared base of every guidance page: a summary, cached for anonymous readers.

    The cache wraps everything a page serves (its own sub-routes too, such as
    a booklet's PDF, which it leaves uncached because it is not HTML), and the
    route falls back to the page's translations; both must come before
    RoutablePageMixin in the MRO, so every guidance page is routable.
    """

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown in lists, search results and the API."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    api_fields = [APIField("summary")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["translations"] = list(
            self.get_translations()
            .live()
            .select_related("locale")
            .order_by("locale__language_code")
        )
        return context

    @property
    def excerpt_source(self) -> str:
        """Text that search excerpts are cut from."""
        return streams.plain_text(self.summary)


class CountySitePage(GuidancePage):
    """The guidance home of one county or municipality.

    It may also be the root page of a separate Wagtail Site when a county
    runs its own host name on a shared instance.
    """

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("intro")]
    search_fields = [*GuidancePage.search_fields, index.SearchField("intro")]
    api_fields = [*GuidancePage.api_fields, APIField("intro", serializer=RichTextHTMLField())]

    parent_page_types = ["home.HomePage", "wagtailcore.Page"]
    subpage_types = [
        "guidance.GuidanceIndexPage",
        "guidance.GuidanceArticlePage",
        "guidance.FormTemplatePage",
    ]

    template = "guidance/county_site_page.html"

    class Meta:
        verbose_name = _("county or municipality site")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific().order_by("path")
        context["current_booklet"] = current_booklet(self)
        return context

    @property
    def excerpt_source(self) -> str:
        return streams.plain_text(self.summary, self.intro)


class GuidanceIndexPage(GuidancePage):
    """Lists a county's booklets (newest school year first) and its articles."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("intro")]
    search_fields = [*GuidancePage.search_fields, index.SearchField("intro")]
    api_fields = [*GuidancePage.api_fields, APIField("intro", serializer=RichTextHTMLField())]

    parent_page_types = ["home.HomePage", "guidance.CountySitePage"]
    subpage_types = [
        "guidance.BookletPage",
        "guidance.GuidanceArticlePage",
        "guidance.FormTemplatePage",
    ]

    template = "guidance/guidance_index_page.html"

    class Meta:
        verbose_name = _("guidance index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["booklets"] = (
            BookletPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-school_year_start", "path")
        )
        context["articles"] = (
            GuidanceArticlePage.objects.child_of(self).live().public().order_by("path")
        )
        context["current_booklet"] = current_booklet(self)
        return context

    @property
    def excerpt_source(self) -> str:
        return streams.plain_text(self.summary, self.intro)


class BookletForm(WagtailAdminPageForm):
    """Refuses a second booklet for the same school year in one index and language."""

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("school_year_start")
        parent = getattr(self, "parent_page", None)
        if year and parent is not None:
            locale_id = self.instance.locale_id or parent.locale_id
            siblings = BookletPage.objects.child_of(parent).filter(
                school_year_start=year, locale_id=locale_id
            )
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            if siblings.exists():
                self.add_error(
                    "school_year_start",
                    _("This index already has a booklet for that school year."),
                )
        return cleaned


class BookletPage(GuidancePage):
    """One school year's booklet: introduction, contacts and ordered chapters.

    The chapters are the child pages in their tree order. The appendix of
    legal references is collected from the chapters automatically.
    """

    school_year_start = models.PositiveSmallIntegerField(
        _("school year starts in"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The calendar year the school year starts in: 2025 for 2025/26."),
    )
    subtitle = models.CharField(_("subtitle"), max_length=200, blank=True)
    introduction = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    contacts = StreamField(ContactStreamBlock(), blank=True, verbose_name=_("contacts"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("school_year_start"), FieldPanel("subtitle"), FieldPanel("summary")],
            heading=_("Edition"),
        ),
        FieldPanel("introduction"),
        FieldPanel("contacts"),
    ]
    search_fields = [
        *GuidancePage.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("introduction"),
        index.FilterField("school_year_start"),
    ]
    api_fields = [
        *GuidancePage.api_fields,
        APIField("school_year_start"),
        APIField("school_year"),
        APIField("subtitle"),
        APIField("introduction", serializer=RichTextHTMLField()),
        APIField("contacts"),
        APIField("chapter_list"),
        APIField("legal_references"),
        APIField("pdf_url"),
    ]

    parent_page_types = ["guidance.GuidanceIndexPage"]
    subpage_types = ["guidance.ChapterPage"]

    template = "guidance/booklet_page.html"
    base_form_class = BookletForm

    class Meta:
        verbose_name = _("booklet")

    @property
    def school_year(self) -> str:
        return school_year_label(self.school_year_start)

    def live_chapters(self):
        return ChapterPage.objects.child_of(self).live().public().order_by("path")

    @staticmethod
    def references_cited_in(chapters) -> list[LegalReference]:
        """Every legal reference the chapters cite, in the order of the law books."""
        ids: list[int] = []
        for chapter in chapters:
            for pk in streams.legal_reference_ids(streams.raw_stream(chapter.body)):
                if pk not in ids:
                    ids.append(pk)
        if not ids:
            return []
        return sorted(LegalReference.objects.filter(pk__in=ids), key=LegalReference.sort_key)

    @staticmethod
    def deadlines_in(chapters) -> list[streams.DeadlineEntry]:
        entries = []
        for chapter in chapters:
            entries.extend(streams.deadline_entries(streams.raw_stream(chapter.body), page=chapter))
        return entries

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chapters = list(self.live_chapters())
        context["chapters"] = chapters
        context["legal_references"] = self.references_cited_in(chapters)
        context["pdf_url"] = self.pdf_url
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from ..pdf import booklet_pdf_response

        return booklet_pdf_response(self, request)

    @property
    def pdf_url(self) -> str | None:
        url = self.url
        return f"{url}{self.reverse_subpage('pdf')}" if url else None

    # -- API --------------------------------------------------------------
    @property
    def chapter_list(self) -> list[dict]:
        return [
            {"id": c.pk, "title": c.title, "slug": c.slug, "summary": c.summary, "url": c.url}
            for c in self.live_chapters().defer_streamfields()
        ]

    @property
    def legal_references(self) -> list[dict]:
        return [ref.as_dict() for ref in self.references_cited_in(self.live_chapters())]

    @cached_property
    def county(self):
        return CountySitePage.objects.ancestor_of(self).live().last()

    @property
    def excerpt_source(self) -> str:
        return streams.plain_text(self.subtitle, self.summary, self.introduction)


class ChapterPage(GuidancePage):
    """A chapter of a booklet, built from guidance blocks."""

    body = StreamField(GuidanceStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*GuidancePage.search_fields, index.SearchField("body")]
    api_fields = [*GuidancePage.api_fields, APIField("body")]

    parent_page_types = ["guidance.BookletPage"]
    subpage_types: list[str] = []

    template = "guidance/chapter_page.html"

    class Meta:
        verbose_name = _("chapter")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        booklet = BookletPage.objects.filter(path=self.path[: -self.steplen]).first()
        siblings = list(booklet.live_chapters().defer_streamfields()) if booklet else []
        position = next((i for i, c in enumerate(siblings) if c.pk == self.pk), None)
        context["booklet"] = booklet
        context["chapters"] = siblings
        context["chapter_number"] = position + 1 if position is not None else None
        if position is not None:
            context["previous_chapter"] = siblings[position - 1] if position > 0 else None
            context["next_chapter"] = (
                siblings[position + 1] if position + 1 < len(siblings) else None
            )
        return context

    @property
    def excerpt_source(self) -> str:
        return streams.plain_text(self.summary, self.body)


class GuidanceArticlePage(GuidancePage):
    """A free-standing article, e.g. how one jurisdiction's process works for families."""

    jurisdiction = models.CharField(
        _("jurisdiction plugin"),
        max_length=60,
        blank=True,
        help_text=_(
            "Code of the jurisdiction plugin the article explains (e.g. 'no-iskole'); "
            "a link to the plugin's pages is shown while it is installed."
        ),
    )
    body = StreamField(GuidanceStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("jurisdiction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *GuidancePage.search_fields,
        index.SearchField("body"),
        index.FilterField("jurisdiction"),
    ]
    api_fields = [*GuidancePage.api_fields, APIField("jurisdiction"), APIField("body")]

    parent_page_types = ["guidance.GuidanceIndexPage", "guidance.CountySitePage", "home.HomePage"]
    subpage_types: list[str] = []

    template = "guidance/guidance_article_page.html"

    class Meta:
        verbose_name = _("guidance article")

    def installed_jurisdiction(self) -> dict | None:
        if not self.jurisdiction or self.jurisdiction not in registry:
            return None
        plugin = registry.get(self.jurisdiction)
        return {
            "code": plugin.code,
            "name": str(plugin.name),
            "url": f"/j/{plugin.code}/" if plugin.urls else None,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["jurisdiction"] = self.installed_jurisdiction()
        return context

    @property
    def excerpt_source(self) -> str:
        return streams.plain_text(self.summary, self.body)


class FormTemplatePage(GuidancePage):
    """A form template readers fill in on the page and download as a PDF, or print blank.

    The form (sections of fields) is content, so editors keep it up to date
    and translate it like any page. Anonymous use stores nothing: a POST
    renders the filled-in form to a PDF in memory and answers with it
    (``portal.guidance.fillable``). Chapters link to it with a form template
    block.
    """

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    confidentiality = models.CharField(
        _("marking on every page"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the exemption from public access, printed in the PDF's footer."),
    )
    sections = StreamField(FormSectionsBlock(), blank=True, verbose_name=_("form"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("confidentiality"),
        FieldPanel("sections"),
    ]
    search_fields = [
        *GuidancePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("sections"),
    ]
    api_fields = [
        *GuidancePage.api_fields,
        APIField("intro", serializer=RichTextHTMLField()),
        APIField("confidentiality"),
        APIField("sections"),
        APIField("blank_pdf_url"),
    ]

    parent_page_types = ["guidance.GuidanceIndexPage", "guidance.CountySitePage"]
    subpage_types: list[str] = []

    template = "guidance/form_template_page.html"

    class Meta:
        verbose_name = _("fillable form template")

    def form_sections(self) -> list[dict]:
        """The sections as plain values: heading, note and the field blocks' values."""
        out = []
        for block in self.sections:
            if block.block_type != "section":
                continue
            value = block.value
            out.append(
                {
                    "heading": value.get("heading") or "",
                    "note": value.get("note") or "",
                    "fields": [dict(f) for f in value.get("fields") or []],
                }
            )
        return out

    def make_form(self, data=None):
        from ..fillable import FillableForm

        return FillableForm(self.form_sections(), data)

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The form: GET shows it; POST answers with the filled-in PDF, or the form with errors."""
        from .. import fillable

        if request.method == "POST":
            form = self.make_form(request.POST)
            if form.is_valid():
                response = HttpResponse(
                    fillable.filled_pdf(self, form), content_type="application/pdf"
                )
                name = fillable.download_name(self, filled=True)
                response["Content-Disposition"] = f'attachment; filename="{name}"'
                add_never_cache_headers(response)
                patch_cache_control(response, no_store=True, private=True)
                return response
            response = self.render(request, context_overrides={"form": form})
            response.status_code = 400
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
            return response
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        return self.render(request, context_overrides={"form": self.make_form()})

    @path("blank/", name="blank_pdf")
    def blank_pdf(self, request):
        from .. import fillable

        response = HttpResponse(fillable.blank_pdf(self), content_type="application/pdf")
        name = fillable.download_name(self, filled=False)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @property
    def blank_pdf_url(self) -> str | None:
        url = self.url
        return f"{url}{self.reverse_subpage('blank_pdf')}" if url else None

    @property
    def excerpt_source(self) -> str:
        return streams.plain_text(self.summary, self.intro, self.sections)


#: Page types searched and served as guidance.
GUIDANCE_PAGE_TYPES = (
    CountySitePage,
    GuidanceIndexPage,
    BookletPage,
    ChapterPage,
    GuidanceArticlePage,
    FormTemplatePage,
)
