"""Next year's edition of a booklet, in one action.

The booklet is copied with all its chapters and blocks into a new draft for
the next school year. Every date in the copied blocks moves one year on
(29 February becomes 28 February), the school year in the title and slug
moves too, and editors only change what really changed.

Copies of booklets that are translations of each other stay translations of
each other: the new translation key is derived from the old one, so the
bokmål and English copies of the 2025/26 booklet both get the same key.
"""

from __future__ import annotations

import copy
import datetime
import re
import uuid

from django.db import transaction
from django.utils.text import slugify
from wagtail import blocks
from wagtail.coreutils import find_available_slug
from wagtail.fields import StreamField
from wagtail.log_actions import log

from .models import BookletPage

EDITION_NAMESPACE = uuid.UUID("6f1d3c52-4f0e-4d7e-9a57-2b8f4f1c9e10")
LOG_ACTION = "guidance.next_edition"


class EditionExists(Exception):
    """The next school year's booklet already exists next to this one."""

    def __init__(self, existing):
        super().__init__(f"{existing} already exists")
        self.existing = existing


def next_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def shift_year_labels(text: str, start: int) -> str:
    """'2025/26', '2025/2026', '2025-26' and '2025-2026' become next year's labels."""
    if not text:
        return text
    pairs = {
        f"{start}/{start + 1}": f"{start + 1}/{start + 2}",
        f"{start}/{(start + 1) % 100:02d}": f"{start + 1}/{(start + 2) % 100:02d}",
        f"{start}-{start + 1}": f"{start + 1}-{start + 2}",
        f"{start}-{(start + 1) % 100:02d}": f"{start + 1}-{(start + 2) % 100:02d}",
    }
    pattern = re.compile("|".join(re.escape(old) + r"(?!\d)" for old in pairs))
    return pattern.sub(lambda m: pairs[m.group(0)], text)


def shift_raw_dates(block, raw):
    """``raw`` (a block's stored JSON) with every DateBlock value one year later."""
    if raw is None:
        return raw
    if isinstance(block, blocks.DateBlock):
        try:
            return next_year(datetime.date.fromisoformat(raw)).isoformat()
        except (TypeError, ValueError):
            return raw
    if isinstance(block, blocks.StreamBlock):
        for child in raw:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                child["value"] = shift_raw_dates(child_block, child.get("value"))
        return raw
    if isinstance(block, blocks.ListBlock):
        shifted = []
        for item in raw:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item["value"] = shift_raw_dates(block.child_block, item["value"])
                shifted.append(item)
            else:
                shifted.append(shift_raw_dates(block.child_block, item))
        return shifted
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child_block in block.child_blocks.items():
            if name in raw:
                raw[name] = shift_raw_dates(child_block, raw[name])
        return raw
    return raw


def _shift_stream_fields(page) -> None:
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            raw = copy.deepcopy(list(value.raw_data))
            setattr(page, field.name, shift_raw_dates(field.stream_block, raw))


def next_edition_title(booklet) -> str:
    title = shift_year_labels(booklet.title, booklet.school_year_start)
    if title == booklet.title:
        from .models.pages import school_year_label

        title = f"{booklet.title} {school_year_label(booklet.school_year_start + 1)}"
    return title


def existing_next_edition(booklet):
    return (
        BookletPage.objects.child_of(booklet.get_parent())
        .filter(school_year_start=booklet.school_year_start + 1, locale_id=booklet.locale_id)
        .first()
    )


@transaction.atomic
def create_next_edition(booklet: BookletPage, user=None) -> BookletPage:
    """Copy ``booklet`` and its chapters into a draft for the next school year."""
    existing = existing_next_edition(booklet)
    if existing is not None:
        raise EditionExists(existing)
    parent = booklet.get_parent()
    start = booklet.school_year_start
    title = next_edition_title(booklet)
    slug = shift_year_labels(booklet.slug, start)
    if slug == booklet.slug:
        slug = slugify(f"{booklet.slug}-{start + 1}")
    slug = find_available_slug(parent, slug)

    new = booklet.copy(
        recursive=True,
        to=parent,
        update_attrs={
            "title": title,
            "draft_title": title,
            "slug": slug,
            "seo_title": shift_year_labels(booklet.seo_title, start),
            "school_year_start": start + 1,
            "subtitle": shift_year_labels(booklet.subtitle, start),
        },
        copy_revisions=False,
        keep_live=False,
        user=user,
        log_action=None,
    )

    sources = list(booklet.get_descendants(inclusive=True).order_by("path").specific())
    copies = list(new.get_descendants(inclusive=True).order_by("path").specific())
    if [p.slug for p in sources[1:]] != [p.slug for p in copies[1:]]:
        raise RuntimeError("The copied chapters do not match the booklet's chapters.")
    for source, page in zip(sources, copies, strict=True):
        page.translation_key = uuid.uuid5(
            EDITION_NAMESPACE, f"{source.translation_key}:{start + 1}"
        )
        _shift_stream_fields(page)
        page.save(clean=False)
        page.save_revision(user=user, clean=False, log_action=False)
    new.refresh_from_db()
    log(
        instance=new,
        action=LOG_ACTION,
        user=user,
        data={"source": {"id": booklet.pk, "title": booklet.title}},
    )
    return new
