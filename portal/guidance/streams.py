"""Reading StreamField content from its stored JSON, without building blocks.

A booklet's appendix, the home page's deadlines and search excerpts need a
few facts from every chapter. Turning each chapter's stream into block values
would fetch its snippets and documents chapter by chapter (queries grow with
the booklet); the stored JSON already says which legal references and which
dated rows a chapter holds, so these helpers read that instead.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import unescape

from django.utils import formats
from django.utils.html import strip_tags

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def raw_stream(value) -> list:
    """The stored JSON of a StreamField value (a StreamValue, a list or None)."""
    if value is None:
        return []
    raw = getattr(value, "raw_data", value)
    return list(raw)


def iter_blocks(raw, block_type: str) -> Iterator[dict]:
    """Yield the stored value of every block named ``block_type``, nested ones too."""
    stack = [raw]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if "type" in node and "value" in node:
                if node["type"] == block_type:
                    yield node["value"]
                stack.append(node["value"])
            else:
                stack.extend(reversed(list(node.values())))


def list_items(raw_list) -> list:
    """Items of a stored ListBlock, in either of Wagtail's storage formats."""
    items = []
    for item in raw_list or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            items.append(item["value"])
        else:
            items.append(item)
    return items


def legal_reference_ids(raw) -> list[int]:
    """Primary keys of the legal references a stream cites, in order of first citation."""
    seen: list[int] = []
    for value in iter_blocks(raw, "legal_reference"):
        pk = value.get("reference") if isinstance(value, dict) else value
        if isinstance(pk, int) and pk not in seen:
            seen.append(pk)
    return seen


def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class DeadlineEntry:
    """One row of a deadline calendar, with the page it appears on."""

    action: str
    responsible: str
    starts: datetime.date | None
    ends: datetime.date | None
    when_text: str
    purpose: str
    page: object = None

    @property
    def last_day(self) -> datetime.date | None:
        return self.ends or self.starts

    @property
    def is_period(self) -> bool:
        return bool(self.starts and self.ends and self.ends != self.starts)


def deadline_entries(raw, page=None) -> list[DeadlineEntry]:
    entries = []
    for calendar in iter_blocks(raw, "deadline_calendar"):
        for row in list_items(calendar.get("rows")):
            if not isinstance(row, dict):
                continue
            entries.append(
                DeadlineEntry(
                    action=row.get("action") or "",
                    responsible=row.get("responsible") or "",
                    starts=parse_date(row.get("starts")),
                    ends=parse_date(row.get("ends")),
                    when_text=row.get("when_text") or "",
                    purpose=row.get("purpose") or "",
                    page=page,
                )
            )
    return entries


def upcoming(entries: Iterable[DeadlineEntry], today: datetime.date, limit: int = 6):
    """Dated rows not yet over, by the next day that matters to a reader.

    That is the first day of a step still ahead, or the last day of a
    period already running: "until 15 December" sorts before "1 February".
    """

    def next_day(entry: DeadlineEntry) -> datetime.date:
        if entry.starts and entry.starts >= today:
            return entry.starts
        return entry.last_day

    dated = [e for e in entries if e.last_day and e.last_day >= today]
    dated.sort(key=lambda e: (next_day(e), e.last_day))
    return dated[:limit]


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Text(str):
    """Text already made for the reader (a formatted date): yielded as it is."""


def reader_date(value) -> str:
    """A stored ISO date as the reader's language writes it ('1. februar 2026')."""
    day = parse_date(value)
    return formats.date_format(day, "DATE_FORMAT") if day else str(value)


def _dates(item: dict) -> _Text | None:
    """'starts – ends' of a deadline row (or any block with a date period), for the reader."""
    starts, ends = parse_date(item.get("starts")), parse_date(item.get("ends"))
    if starts is None:
        return None
    text = reader_date(starts)
    if ends and ends != starts:
        text += " – " + reader_date(ends)
    return _Text(text)


def _strings(node) -> Iterator[str]:
    """Every text of a stored stream; dates come out in the active language, never as ISO."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, _Text):
            yield item
        elif isinstance(item, str):
            if _UUID.match(item):
                continue
            yield reader_date(item) if _ISO_DATE.match(item) else item
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            period = _dates(item) if isinstance(item.get("starts"), str) else None
            for key, value in reversed(list(item.items())):
                if key in ("type", "id"):
                    continue
                if period is not None and key in ("starts", "ends"):
                    if key == "starts":
                        stack.append(period)
                    continue
                stack.append(value)


def plain_text(*parts) -> str:
    """Readable text of rich text, plain strings and stored streams, for excerpts."""
    pieces = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, str):
            pieces.append(part)
        else:
            pieces.extend(_strings(raw_stream(part)))
    text = unescape(strip_tags(" ".join(pieces)))
    return re.sub(r"\s+", " ", text).strip()
