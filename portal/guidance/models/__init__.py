from .pages import (
    BookletPage,
    ChapterPage,
    CountySitePage,
    FormTemplatePage,
    GuidanceArticlePage,
    GuidanceIndexPage,
    GuidancePage,
    current_booklet,
)
from .snippets import LegalReference

__all__ = [
    "BookletPage",
    "ChapterPage",
    "CountySitePage",
    "FormTemplatePage",
    "GuidanceArticlePage",
    "GuidanceIndexPage",
    "GuidancePage",
    "LegalReference",
    "current_booklet",
]
