"""Page-tree rules of the guidance page types, with Wagtail's own assertions."""

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from portal.guidance.models import (
    BookletPage,
    ChapterPage,
    CountySitePage,
    FormTemplatePage,
    GuidanceArticlePage,
    GuidanceIndexPage,
)
from portal.home.models import HomePage


class GuidanceTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Site.objects.get(is_default_site=True).root_page.specific
        cls.county = cls.home.add_child(instance=CountySitePage(title="County", slug="county"))
        cls.index = cls.county.add_child(
            instance=GuidanceIndexPage(title="Guidance", slug="guidance")
        )
        cls.booklet = cls.index.add_child(
            instance=BookletPage(title="Booklet 2025/26", slug="booklet", school_year_start=2025)
        )
        cls.chapter = cls.booklet.add_child(
            instance=ChapterPage(
                title="Chapter one",
                slug="chapter-one",
                body=[{"type": "rich_text", "value": "<p>Hello chapter</p>", "id": "a"}],
            )
        )
        cls.article = cls.index.add_child(
            instance=GuidanceArticlePage(title="Article", slug="article", jurisdiction="no-iskole")
        )
        for page in (cls.county, cls.index, cls.booklet, cls.chapter, cls.article):
            page.save_revision().publish()

    def test_the_site_root_is_still_the_home_page(self):
        self.assertIsInstance(self.home, HomePage)
        self.assertEqual(Site.objects.get(is_default_site=True).root_page_id, self.home.pk)

    def test_where_each_type_can_be_created(self):
        self.assertCanCreateAt(HomePage, CountySitePage)
        self.assertCanCreateAt(HomePage, GuidanceIndexPage)
        self.assertCanCreateAt(CountySitePage, GuidanceIndexPage)
        self.assertCanCreateAt(GuidanceIndexPage, BookletPage)
        self.assertCanCreateAt(BookletPage, ChapterPage)
        self.assertCanCreateAt(GuidanceIndexPage, GuidanceArticlePage)
        self.assertCanCreateAt(CountySitePage, GuidanceArticlePage)
        self.assertCanCreateAt(Page, CountySitePage)

    def test_where_each_type_cannot_be_created(self):
        self.assertCanNotCreateAt(HomePage, BookletPage)
        self.assertCanNotCreateAt(HomePage, ChapterPage)
        self.assertCanNotCreateAt(GuidanceIndexPage, ChapterPage)
        self.assertCanNotCreateAt(CountySitePage, BookletPage)
        self.assertCanNotCreateAt(ChapterPage, ChapterPage)
        self.assertCanNotCreateAt(BookletPage, GuidanceArticlePage)

    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(BookletPage, {ChapterPage})
        self.assertAllowedSubpageTypes(ChapterPage, set())
        self.assertAllowedSubpageTypes(GuidanceArticlePage, set())
        self.assertAllowedSubpageTypes(
            GuidanceIndexPage, {BookletPage, GuidanceArticlePage, FormTemplatePage}
        )
        self.assertAllowedSubpageTypes(
            CountySitePage, {GuidanceIndexPage, GuidanceArticlePage, FormTemplatePage}
        )
        self.assertAllowedSubpageTypes(FormTemplatePage, set())
        self.assertAllowedSubpageTypes(
            HomePage, {CountySitePage, GuidanceIndexPage, GuidanceArticlePage}
        )

    def test_allowed_parent_types(self):
        self.assertAllowedParentPageTypes(ChapterPage, {BookletPage})
        self.assertAllowedParentPageTypes(BookletPage, {GuidanceIndexPage})
        self.assertAllowedParentPageTypes(GuidanceIndexPage, {HomePage, CountySitePage})
        self.assertAllowedParentPageTypes(FormTemplatePage, {GuidanceIndexPage, CountySitePage})

    def test_every_type_is_renderable(self):
        for page in (self.home, self.county, self.index, self.booklet, self.chapter, self.article):
            self.assertPageIsRenderable(page.specific)
            self.assertPageIsRoutable(page.specific)

    def test_the_booklet_pdf_route_is_routable(self):
        self.assertPageIsRoutable(self.booklet.specific, "pdf/")
