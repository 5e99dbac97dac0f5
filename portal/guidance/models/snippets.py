from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class LegalReference(TranslatableMixin, index.Indexed, models.Model):
    """A section of a law or regulation, explained in plain language.

    Written once and cited from any chapter; a booklet collects every
    reference its chapters cite into an appendix. Translatable, so a Swedish
    booklet cites the Swedish wording of the same section.
    """

    law = models.CharField(
        _("law or regulation"),
        max_length=200,
        help_text=_("Short name of the act, e.g. 'Education Act'."),
    )
    section = models.CharField(
        _("section"), max_length=60, blank=True, help_text=_("E.g. '§ 5-1' or 'chapter 5'.")
    )
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("official link"), max_length=500, blank=True)
    explanation = models.TextField(
        _("plain-language explanation"),
        help_text=_("Two or three sentences a family understands without legal training."),
    )

    panels = [
        FieldPanel("law"),
        FieldPanel("section"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("explanation"),
    ]

    search_fields = [
        index.SearchField("law"),
        index.SearchField("section"),
        index.SearchField("title"),
        index.SearchField("explanation"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("legal reference")
        verbose_name_plural = _("legal references")
        ordering = ["law", "section"]

    def __str__(self) -> str:
        return f"{self.citation} – {self.title}"

    @property
    def citation(self) -> str:
        return f"{self.law} {self.section}".strip()

    def sort_key(self) -> tuple:
        """Law, then section in natural order (§ 3-9 before § 3-10)."""
        numbers = tuple(int(n) for n in re.findall(r"\d+", self.section))
        return (self.law.casefold(), numbers, self.section)

    def as_dict(self) -> dict:
        return {
            "id": self.pk,
            "law": self.law,
            "section": self.section,
            "title": self.title,
            "url": self.url,
            "explanation": self.explanation,
        }
