"""Bundles: many rendered and uploaded PDFs merged into one, with bookmarks.

``build_bundle(sections, out)`` takes one ``Section`` per student (its
bookmark) holding ``Rendered`` and ``Attachment`` items (one bookmark each
under the student) and writes one PDF to ``out``.

Two things keep it fast and flat:

- documents to render are rendered in parallel, in worker processes, while
  the merge goes on in order; every render is cached by content hash, so an
  unchanged document is never rendered twice;
- the merge streams: pypdf reads one input at a time and each of its objects
  is written to the output as soon as it is copied (renumbered, with scripts
  and actions stripped). Only object offsets and bookmark titles stay in
  memory, so memory does not grow with the number of students.

Pages are numbered across the whole bundle ("Page 3 of 48", in the bundle's
language): rendered documents leave out their own "page X of Y", and every
page of the bundle gets a small stamp in its bottom right corner. The stamp's
glyphs come from one tiny WeasyPrint render (cached like any render) whose
font is copied into the bundle once; each page's stamp is a few bytes that
use it, written when the number of pages is known.
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_noop
from pypdf.generic import PdfObject

from .rendering import (
    CACHE_VERSION,
    PreparedDocument,
    cached,
    html_to_pdf,
    prepare,
    store_in_cache,
    warm_up,
)

logger = logging.getLogger(__name__)


# -- what goes into a bundle -------------------------------------------------
@dataclass
class Rendered:
    """A document the portal renders from a template (see ``render_pdf``)."""

    template_name: str
    context: dict
    title: str
    student_name: str = ""
    confidentiality: str = ""
    language: str | None = None


@dataclass
class Attachment:
    """A PDF already stored: a ``Document``, or a file path (checked PDFs only)."""

    title: str
    document: object | None = None
    path: str | Path | None = None

    def file_path(self) -> Path:
        if self.path is not None:
            return Path(self.path)
        from .storage import private_storage

        return Path(private_storage().path(self.document.file))


@dataclass
class Section:
    """One student's part of a bundle: a bookmark with one child per item."""

    title: str
    items: list = field(default_factory=list)
    student_id: int | None = None


@dataclass
class BundleResult:
    pages: int
    size: int
    documents: int
    sections: int
    rendered: int  # documents rendered now (the rest came from the cache)


class BundleError(Exception):
    """A bundle could not be built; the message (an untranslated msgid) is safe to show."""


# -- parallel rendering ------------------------------------------------------
def _render_in_worker(html: str, css: str, key: str) -> str:
    """Runs in a worker process (forked: Django is already set up there)."""
    return str(store_in_cache(key, html_to_pdf(html, css)))


def render_workers(requested: int | None = None) -> int:
    from django.conf import settings

    if requested is not None:
        return max(0, int(requested))
    configured = getattr(settings, "PORTAL_RENDER_WORKERS", None)
    if configured is not None:
        return max(0, int(configured))
    return os.cpu_count() or 1


#: Documents a render worker renders before it is replaced by a fresh one:
#: WeasyPrint's caches grow a little with every document.
RENDERS_PER_WORKER = 25


class _Renderers:
    """Render worker processes, forked from a warmed-up parent and replaced in batches.

    A pool serves ``RENDERS_PER_WORKER`` documents per worker, then the next
    submission starts a fresh pool while the old one finishes its queue:
    worker memory stays the same whatever the size of the bundle.
    """

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = None
        self.used = 0
        self.retired: list = []

    @classmethod
    def start(cls, workers: int):
        if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return None
        warm_up()  # workers are forked from here: they inherit loaded fonts and modules
        return cls(workers)

    def submit(self, *args):
        if self.pool is None or self.used >= RENDERS_PER_WORKER * self.workers:
            if self.pool is not None:
                self.pool.shutdown(wait=False)
                self.retired.append(self.pool)
            self.pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("fork")
            )
            self.used = 0
        self.used += 1
        return self.pool.submit(_render_in_worker, *args)

    def close(self) -> None:
        for pool in [*self.retired, self.pool]:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)


# -- streaming merge ---------------------------------------------------------
#: Keys never copied: automatic actions (scripts that run on open, close, focus...).
_DROP_KEYS = frozenset({"/AA"})
#: Keys of a page not copied: its old parent, article beads, the old structure tree.
_DROP_PAGE_KEYS = frozenset({"/AA", "/Parent", "/B", "/StructParents"})
#: Actions replaced by null wherever they appear: scripts, launching, forms, other files.
_DANGEROUS_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/ImportData",
        "/SubmitForm",
        "/ResetForm",
        "/GoToR",
        "/GoToE",
        "/Rendition",
        "/Movie",
        "/Sound",
        "/RichMediaExecute",
    }
)


class _Ref(PdfObject):
    """A reference to an object of the output file (written as ``n 0 R``)."""

    __slots__ = ("idnum",)

    def __init__(self, idnum: int):
        self.idnum = idnum

    def hash_bin(self) -> int:
        return hash((self.__class__, self.idnum))

    def write_to_stream(self, stream, *args, **kwargs):
        stream.write(b"%d 0 R" % self.idnum)


class StreamingPdfWriter:
    """Writes a PDF object by object; keeps only the offsets table in memory."""

    def __init__(self, fh):
        self.fh = fh
        self.offsets = array("q", [0])  # index = object number; 0 is the free head
        fh.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def alloc(self) -> int:
        self.offsets.append(-1)
        return len(self.offsets) - 1

    def write(self, num: int, obj) -> None:
        self.offsets[num] = self.fh.tell()
        self.fh.write(b"%d 0 obj\n" % num)
        obj.write_to_stream(self.fh)
        self.fh.write(b"\nendobj\n")

    def close(self, root: int, info: int | None = None) -> None:
        import hashlib

        xref = self.fh.tell()
        size = len(self.offsets)
        self.fh.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for num in range(1, size):
            off = self.offsets[num]
            self.fh.write(b"%010d 00000 n \n" % off if off >= 0 else b"0000000000 00000 f \n")
        file_id = hashlib.md5(b"%d-%d" % (xref, size), usedforsecurity=False).hexdigest().encode()
        trailer = b"trailer\n<< /Size %d /Root %d 0 R" % (size, root)
        if info is not None:
            trailer += b" /Info %d 0 R" % info
        trailer += b" /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (file_id, file_id, xref)
        self.fh.write(trailer)


class _Copier:
    """Copies the objects one input PDF's pages need, renumbered, into the output."""

    def __init__(self, out: StreamingPdfWriter, pages_root: int):
        from pypdf import generic

        self.g = generic
        self.out = out
        self.pages_root = pages_root
        self.numbers: dict[tuple[int, int], int] = {}
        self.todo: list = []

    def ref(self, ind):
        g = self.g
        key = (ind.idnum, ind.generation)
        num = self.numbers.get(key)
        if num is None:
            try:
                target = ind.get_object()
            except Exception:  # a dangling reference reads as null, as in any viewer
                target = None
            if target is None or (
                isinstance(target, g.DictionaryObject) and target.get("/Type") == "/Pages"
            ):
                return g.NullObject()
            num = self.out.alloc()
            self.numbers[key] = num
            self.todo.append((num, target))
        return _Ref(num)

    def copy(self, obj):
        g = self.g
        if isinstance(obj, g.IndirectObject):
            return self.ref(obj)
        if isinstance(obj, g.StreamObject):
            new = g.StreamObject()
            for key, value in obj.items():
                if key not in _DROP_KEYS and key != "/Length":
                    new[key] = self.copy(value)
            new._data = obj._data
            return new
        if isinstance(obj, g.DictionaryObject):
            if obj.get("/S") in _DANGEROUS_ACTIONS:
                return g.NullObject()
            new = g.DictionaryObject()
            for key, value in obj.items():
                if key not in _DROP_KEYS:
                    new[key] = self.copy(value)
            return new
        if isinstance(obj, g.ArrayObject):
            return g.ArrayObject([self.copy(v) for v in obj])
        return obj

    def drain(self) -> None:
        while self.todo:
            num, target = self.todo.pop()
            self.out.write(num, self.copy(target))

    def append(self, path: Path, numbering: _PageNumbers | None = None) -> list[int]:
        """Copy every page of ``path``; return the new page object numbers.

        With ``numbering``, every page gets the stamp of its number in the bundle.
        """
        from pypdf import PdfReader

        g = self.g
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            raise BundleError(gettext_noop("A document in the bundle is encrypted."))
        pages = list(reader.pages)
        new_numbers = []
        for page in pages:
            num = self.out.alloc()
            ref = page.indirect_reference
            if ref is not None:
                self.numbers[(ref.idnum, ref.generation)] = num
            new_numbers.append(num)
        for page, num in zip(pages, new_numbers, strict=True):
            kept = {k: v for k, v in page.items() if k not in _DROP_PAGE_KEYS}
            if numbering is not None:
                contents, resources = kept.pop("/Contents", None), kept.pop("/Resources", None)
            new = self.copy(g.DictionaryObject(kept))
            if numbering is not None:
                numbering.stamp(self, page, new, contents, resources)
            new[g.NameObject("/Parent")] = _Ref(self.pages_root)
            new[g.NameObject("/Type")] = g.NameObject("/Page")
            self.out.write(num, new)
            self.drain()
        self.numbers.clear()
        return new_numbers


# -- page numbers ------------------------------------------------------------
#: Where a page's number goes, in points from the bottom right corner of what a
#: viewer shows: where a rendered document prints its own "page X of Y"
#: (print.css: 18 mm from the right edge, baseline 14.2 mm above the bottom
#: edge), in the same type (8.5 pt DejaVu Sans, #333).
STAMP_RIGHT = 18 * 72 / 25.4
STAMP_BASELINE = 40.3
STAMP_SIZE = 8.5
STAMP_GRAY = 0.2
#: The stamp's name in a page's resources (another is chosen if the page uses this one).
STAMP_NAME = "/PortalPageNumber"
STAMP_VERSION = "1"
#: "Page k of N" when a translation cannot be used.
FALLBACK_TEXT = "%(page)s / %(pages)s"


def _resolve(obj):
    from pypdf import generic as g

    if isinstance(obj, g.IndirectObject):
        try:
            return obj.get_object()
        except Exception:  # a dangling reference reads as null
            return None
    return obj


def _num(value: float) -> bytes:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return (text if text not in ("", "-0") else "0").encode()


def page_number_text(language: str) -> str:
    """``"Page %(page)s of %(pages)s"`` in ``language``."""
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(language):
        text = gettext("Page %(page)s of %(pages)s")
    try:
        text % {"page": 1, "pages": 1}
    except (KeyError, ValueError, TypeError):
        return FALLBACK_TEXT
    return text


def _to_unicode(data: bytes) -> dict[str, int]:
    """Character -> code, from a ToUnicode CMap (single characters only)."""
    import re

    text = data.decode("latin-1")
    codes: dict[str, int] = {}

    def char(hex_text: str) -> str:
        try:
            return bytes.fromhex(hex_text).decode("utf-16-be")
        except (ValueError, UnicodeDecodeError):
            return ""

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, value in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            ch = char(value)
            if len(ch) == 1:
                codes.setdefault(ch, int(code, 16))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, value in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            ch = char(value)
            if len(ch) == 1:
                for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    codes.setdefault(chr(ord(ch) + offset), code)
    return codes


def _widths(descendant) -> tuple[dict[int, float], float]:
    """Glyph widths (1/1000 em) of a CID font: its /W array and /DW."""
    from pypdf import generic as g

    widths: dict[int, float] = {}
    items = [_resolve(v) for v in (_resolve(descendant.get("/W")) or [])]
    i = 0
    while i + 1 < len(items):
        first, second = items[i], items[i + 1]
        if isinstance(second, g.ArrayObject):
            for j, w in enumerate(second):
                widths[int(first) + j] = float(_resolve(w))
            i += 2
        elif i + 2 < len(items):
            for code in range(int(first), int(second) + 1):
                widths[code] = float(items[i + 2])
            i += 3
        else:
            break
    return widths, float(_resolve(descendant.get("/DW", 1000)))


@dataclass
class _StampFont:
    """An embedded font that holds every character of the page numbers of one language."""

    pdf: Path  # a one-page PDF holding it, rendered by WeasyPrint
    ref: tuple[int, int]  # the font object in that PDF
    codes: dict[str, int]
    widths: dict[int, float]
    default_width: float

    def show(self, text: str) -> tuple[bytes, float]:
        """``text`` as a TJ operation, and its width in points at STAMP_SIZE."""
        parts: list[bytes] = []
        run: list[int] = []
        total = 0.0

        def flush():
            if run:
                parts.append(b"<" + b"".join(b"%04x" % c for c in run) + b">")
                run.clear()

        space = self.codes.get(" ")
        for ch in text:
            code = self.codes.get(ch)
            if code is None and ch.isspace():
                code = space
            if code is None:  # not in the font: leave the room of a space
                gap = self.widths.get(space, 318.0) if space is not None else 318.0
                flush()
                parts.append(_num(-gap))
                total += gap
                continue
            run.append(code)
            total += self.widths.get(code, self.default_width)
        flush()
        return b"[" + b" ".join(parts) + b"] TJ", total * STAMP_SIZE / 1000


#: Stamp fonts read in this process, by cache key.
_stamp_fonts: dict[str, _StampFont] = {}


def _stamp_font(template: str, language: str) -> _StampFont:
    """The font for ``template``'s page numbers, rendered once and cached like any render."""
    import hashlib
    import html

    import weasyprint
    from pypdf import PdfReader
    from pypdf import generic as g

    from .rendering import _language_tag

    chars = sorted(set(template.replace("%(page)s", "").replace("%(pages)s", "") + "0123456789"))
    sample = (
        f'<!DOCTYPE html><html lang="{html.escape(_language_tag(language))}"><body>'
        "<p style=\"font: 8.5pt 'DejaVu Sans', sans-serif; white-space: pre\">"
        + html.escape(" ".join(c for c in chars if not c.isspace()) + " ")
        + "</p></body></html>"
    )
    digest = hashlib.sha256()
    for part in ("page-number-stamp", STAMP_VERSION, CACHE_VERSION, weasyprint.__version__, sample):
        digest.update(part.encode("utf-8") + b"\0")
    key = digest.hexdigest()
    path = cached(key)
    if path is None:
        path = store_in_cache(key, html_to_pdf(sample, ""))
        _stamp_fonts.pop(key, None)
    font = _stamp_fonts.get(key)
    if font is not None:
        return font
    reader = PdfReader(str(path))
    fonts = _resolve(_resolve(reader.pages[0].get("/Resources", {})).get("/Font")) or {}
    best = None
    for ref in fonts.values():
        obj = _resolve(ref)
        if (
            not isinstance(ref, g.IndirectObject)
            or obj.get("/Subtype") != "/Type0"
            or obj.get("/Encoding") != "/Identity-H"
        ):
            continue
        codes = _to_unicode(_resolve(obj["/ToUnicode"]).get_data())
        if best is None or len(codes) > len(best[1]):
            best = (ref, codes, _resolve(_resolve(obj["/DescendantFonts"])[0]))
    if best is None:  # pragma: no cover - WeasyPrint embeds its fonts this way
        raise BundleError(gettext_noop("The bundle could not be built."))
    ref, codes, descendant = best
    widths, default_width = _widths(descendant)
    if len(_stamp_fonts) > 32:
        _stamp_fonts.clear()
    font = _stamp_fonts[key] = _StampFont(
        pdf=path,
        ref=(ref.idnum, ref.generation),
        codes=codes,
        widths=widths,
        default_width=default_width,
    )
    return font


class _PageNumbers:
    """Stamps "Page k of N" on every page of a bundle, N known only at the end.

    Each page's content is wrapped in ``q ... Q`` and followed by a small
    content stream that draws a form XObject at the page's bottom right corner
    (upright however the page is rotated). The form XObjects, "Page k of N"
    each, are written by ``finish``: until then only their object numbers are
    kept (8 bytes a page), so memory stays flat.
    """

    def __init__(self, out: StreamingPdfWriter, language: str):
        from pypdf import generic as g

        self.g = g
        self.out = out
        self.template = page_number_text(language)
        self.font = _stamp_font(self.template, language)
        self.forms = array("q")
        self.open = out.alloc()
        out.write(self.open, self._stream(b"q\n"))

    def _stream(self, data: bytes, entries: dict | None = None):
        stream = self.g.StreamObject()
        for key, value in (entries or {}).items():
            stream[self.g.NameObject(key)] = value
        stream._data = data
        return stream

    @staticmethod
    def placement(page) -> tuple[float, ...]:
        """The matrix putting the stamp's origin at the page's visible bottom right corner."""
        try:
            box = page.cropbox  # the media box when there is no crop box
            left, bottom, right, top = (
                float(v) for v in (box.left, box.bottom, box.right, box.top)
            )
        except Exception:  # a page without a usable box: US Letter, as viewers assume
            left, bottom, right, top = 0.0, 0.0, 612.0, 792.0
        left, right = min(left, right), max(left, right)
        bottom, top = min(bottom, top), max(bottom, top)
        try:
            rotation = int(round(float(_resolve(page.get("/Rotate", 0)) or 0) / 90)) * 90 % 360
        except (TypeError, ValueError):
            rotation = 0
        dx, dy = STAMP_RIGHT, STAMP_BASELINE
        # A page shown turned clockwise by /Rotate: the stamp is turned back, so it reads upright.
        return {
            0: (1, 0, 0, 1, right - dx, bottom + dy),
            90: (0, 1, -1, 0, right - dy, top - dx),
            180: (-1, 0, 0, -1, left + dx, top - dy),
            270: (0, -1, 1, 0, left + dy, bottom + dx),
        }[rotation]

    def stamp(self, copier: _Copier, page, new, contents, resources) -> None:
        """Give the copied page ``new`` its content and resources, and the next number's stamp."""
        g = self.g
        N = g.NameObject
        own = _resolve(resources)
        new_resources = g.DictionaryObject()
        xobjects = g.DictionaryObject()
        if isinstance(own, g.DictionaryObject):
            for key, value in own.items():
                if key == "/XObject":
                    listed = _resolve(value)
                    if isinstance(listed, g.DictionaryObject):
                        for name, xobject in listed.items():
                            xobjects[N(name)] = copier.copy(xobject)
                elif key not in _DROP_KEYS:
                    new_resources[N(key)] = copier.copy(value)
        name = STAMP_NAME
        while name in xobjects:
            name += "_"
        form = self.out.alloc()
        self.forms.append(form)
        xobjects[N(name)] = _Ref(form)
        new_resources[N("/XObject")] = xobjects
        new[N("/Resources")] = new_resources

        parts = [_Ref(self.open)]
        listed = _resolve(contents)
        for ref in listed if isinstance(listed, g.ArrayObject) else [contents]:
            if isinstance(ref, g.IndirectObject):
                copied = copier.copy(ref)
                if isinstance(copied, _Ref):
                    parts.append(copied)
        close = self.out.alloc()
        matrix = b" ".join(_num(v) for v in self.placement(page))
        self.out.write(
            close, self._stream(b"\nQ q %s cm %s Do Q\n" % (matrix, name.encode("latin-1")))
        )
        parts.append(_Ref(close))
        new[N("/Contents")] = g.ArrayObject(parts)

    def finish(self, total: int) -> None:
        """Write every page's stamp, now that the number of pages is known."""
        from pypdf import PdfReader

        g = self.g
        N = g.NameObject
        copier = _Copier(self.out, pages_root=0)
        reader = PdfReader(str(self.font.pdf))
        font = copier.ref(g.IndirectObject(*self.font.ref, reader))
        copier.drain()
        resources = self.out.alloc()
        self.out.write(
            resources,
            g.DictionaryObject({N("/Font"): g.DictionaryObject({N("/F1"): font})}),
        )
        for page, num in enumerate(self.forms, 1):
            shown, width = self.font.show(self.template % {"page": page, "pages": total})
            content = (
                b"/Artifact << /Type /Pagination /Subtype /Footer >> BDC q %s g BT /F1 %s Tf"
                b" %s 0 Td %s ET Q EMC\n"
                % (_num(STAMP_GRAY), _num(STAMP_SIZE), _num(-width), shown)
            )
            self.out.write(
                num,
                self._stream(
                    content,
                    {
                        "/Type": N("/XObject"),
                        "/Subtype": N("/Form"),
                        "/BBox": g.ArrayObject([g.FloatObject(v) for v in (-width - 1, -3, 1, 10)]),
                        "/Resources": _Ref(resources),
                    },
                ),
            )


def _text(value: str):
    from pypdf.generic import TextStringObject

    return TextStringObject(value)


def _outline(out: StreamingPdfWriter, tree: list[tuple[str, int, list[tuple[str, int]]]]) -> int:
    """Write the bookmarks: one per section, with one child per document."""
    from pypdf import generic as g

    N = g.NameObject
    root = out.alloc()
    section_nums = [out.alloc() for _ in tree]
    for i, (title, first_page, children) in enumerate(tree):
        num = section_nums[i]
        child_nums = [out.alloc() for _ in children]
        item = g.DictionaryObject(
            {
                N("/Title"): _text(title),
                N("/Parent"): _Ref(root),
                N("/Dest"): g.ArrayObject([_Ref(first_page), N("/Fit")]),
                N("/Count"): g.NumberObject(len(children)),
            }
        )
        if i > 0:
            item[N("/Prev")] = _Ref(section_nums[i - 1])
        if i < len(tree) - 1:
            item[N("/Next")] = _Ref(section_nums[i + 1])
        if children:
            item[N("/First")] = _Ref(child_nums[0])
            item[N("/Last")] = _Ref(child_nums[-1])
        out.write(num, item)
        for j, (child_title, page) in enumerate(children):
            child = g.DictionaryObject(
                {
                    N("/Title"): _text(child_title),
                    N("/Parent"): _Ref(num),
                    N("/Dest"): g.ArrayObject([_Ref(page), N("/Fit")]),
                }
            )
            if j > 0:
                child[N("/Prev")] = _Ref(child_nums[j - 1])
            if j < len(children) - 1:
                child[N("/Next")] = _Ref(child_nums[j + 1])
            out.write(child_nums[j], child)
    outlines = g.DictionaryObject(
        {N("/Type"): N("/Outlines"), N("/Count"): g.NumberObject(len(tree))}
    )
    if tree:
        outlines[N("/First")] = _Ref(section_nums[0])
        outlines[N("/Last")] = _Ref(section_nums[-1])
    out.write(root, outlines)
    return root


# -- building ----------------------------------------------------------------
def _bundle_language(items) -> str:
    """The language its rendered documents all name, else the active one."""
    from django.conf import settings
    from django.utils import translation

    named = {item.language for item in items if isinstance(item, Rendered)}
    if len(named) == 1 and None not in named and "" not in named:
        return named.pop()
    return translation.get_language() or settings.LANGUAGE_CODE


def build_bundle(
    sections: Sequence[Section],
    out,
    *,
    title: str = "",
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    language: str | None = None,
) -> BundleResult:
    """Write one PDF of every section's documents to ``out`` (a path or binary file).

    ``progress(done, total)`` is called as documents are merged (``total``:
    the number of documents). ``workers``: render processes (default
    ``settings.PORTAL_RENDER_WORKERS`` or the number of cores; 0 or 1 renders
    in this process). Pages are numbered "Page k of N" across the bundle in
    ``language`` (default: the language of its rendered documents when they
    all name the same one, else the active language).
    """
    from pypdf import generic as g

    if isinstance(out, str | Path):
        with open(out, "wb") as fh:
            return build_bundle(
                sections, fh, title=title, progress=progress, workers=workers, language=language
            )

    items = [item for section in sections for item in section.items]
    language = language or _bundle_language(items)
    total = len(items)
    prepared: dict[int, PreparedDocument] = {}
    for index, item in enumerate(items):
        if isinstance(item, Rendered):
            prepared[index] = prepare(
                item.template_name,
                item.context,
                title=item.title,
                student_name=item.student_name,
                confidentiality=item.confidentiality,
                language=item.language,
                page_numbers=False,  # the bundle numbers its pages itself
            )
        elif not isinstance(item, Attachment):
            raise TypeError(f"Bundle items are Rendered or Attachment, not {type(item).__name__}")
    to_render = {i: doc for i, doc in prepared.items() if cached(doc.key) is None}
    # The same document twice in one bundle is rendered once.
    first_of_key: dict[str, int] = {}
    for i, doc in to_render.items():
        first_of_key.setdefault(doc.key, i)

    writer = StreamingPdfWriter(out)
    pages_root = writer.alloc()
    numbering = _PageNumbers(writer, language)
    page_numbers: list[int] = []
    tree: list[tuple[str, int, list[tuple[str, int]]]] = []
    pool = _Renderers.start(render_workers(workers)) if len(first_of_key) > 1 else None
    futures: dict[str, concurrent.futures.Future] = {}
    ahead = 4 * (pool.workers if pool else 1)
    pending_keys = [doc.key for i, doc in sorted(to_render.items()) if first_of_key[doc.key] == i]

    def submit_until(limit: int):
        while pool and pending_keys and len([f for f in futures.values() if not f.done()]) < limit:
            key = pending_keys.pop(0)
            doc = to_render[first_of_key[key]]
            futures[key] = pool.submit(doc.html, doc.css, doc.key)

    def pdf_path(index: int) -> Path:
        doc = prepared[index]
        hit = cached(doc.key)
        if hit is not None:
            return hit
        future = futures.pop(doc.key, None)
        if future is None:
            if doc.key in pending_keys:
                pending_keys.remove(doc.key)
            return store_in_cache(doc.key, html_to_pdf(doc.html, doc.css))
        return Path(future.result())

    done = 0
    try:
        submit_until(ahead)
        index = 0
        for section in sections:
            children = []
            first_page = None
            for item in section.items:
                path = pdf_path(index) if index in prepared else item.file_path()
                submit_until(ahead)
                numbers = _Copier(writer, pages_root).append(path, numbering)
                if numbers:
                    page_numbers.extend(numbers)
                    children.append((item.title, numbers[0]))
                    first_page = first_page or numbers[0]
                index += 1
                done += 1
                if progress:
                    progress(done, total)
            if first_page is not None:
                tree.append((section.title, first_page, children))
    finally:
        if pool:
            pool.close()

    if not page_numbers:
        raise BundleError(gettext_noop("The bundle has no pages."))
    numbering.finish(len(page_numbers))
    N = g.NameObject
    writer.write(
        pages_root,
        g.DictionaryObject(
            {
                N("/Type"): N("/Pages"),
                N("/Kids"): g.ArrayObject([_Ref(n) for n in page_numbers]),
                N("/Count"): g.NumberObject(len(page_numbers)),
            }
        ),
    )
    outline = _outline(writer, tree)
    catalog = writer.alloc()
    writer.write(
        catalog,
        g.DictionaryObject(
            {
                N("/Type"): N("/Catalog"),
                N("/Pages"): _Ref(pages_root),
                N("/Outlines"): _Ref(outline),
                N("/PageMode"): N("/UseOutlines"),
                N("/PageLabels"): g.DictionaryObject(
                    {
                        N("/Nums"): g.ArrayObject(
                            [g.NumberObject(0), g.DictionaryObject({N("/S"): N("/D")})]
                        )
                    }
                ),
            }
        ),
    )
    info = writer.alloc()
    writer.write(
        info,
        g.DictionaryObject(
            {N("/Title"): _text(title), N("/Producer"): _text("IOP portal (pypdf)")}
        ),
    )
    writer.close(catalog, info)
    size = out.tell()
    return BundleResult(
        pages=len(page_numbers),
        size=size,
        documents=total,
        sections=len(tree),
        rendered=len(first_of_key),
    )
