from .pages import (
    BookletPage,
    ChapterPage,
    CountySitePage,
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
    "GuidanceArticlePage",
    "GuidanceIndexPage",
    "GuidancePage",
    "LegalReference",
    "current_booklet",
]
