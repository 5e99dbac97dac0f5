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

from .rendering import PreparedDocument, cached, html_to_pdf, prepare, store_in_cache, warm_up

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

    def append(self, path: Path) -> list[int]:
        """Copy every page of ``path``; return the new page object numbers."""
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
            new = self.copy(
                g.DictionaryObject({k: v for k, v in page.items() if k not in _DROP_PAGE_KEYS})
            )
            new[g.NameObject("/Parent")] = _Ref(self.pages_root)
            new[g.NameObject("/Type")] = g.NameObject("/Page")
            self.out.write(num, new)
            self.drain()
        self.numbers.clear()
        return new_numbers


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
def build_bundle(
    sections: Sequence[Section],
    out,
    *,
    title: str = "",
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> BundleResult:
    """Write one PDF of every section's documents to ``out`` (a path or binary file).

    ``progress(done, total)`` is called as documents are merged (``total``:
    the number of documents). ``workers``: render processes (default
    ``settings.PORTAL_RENDER_WORKERS`` or the number of cores; 0 or 1 renders
    in this process).
    """
    from pypdf import generic as g

    if isinstance(out, str | Path):
        with open(out, "wb") as fh:
            return build_bundle(sections, fh, title=title, progress=progress, workers=workers)

    items = [item for section in sections for item in section.items]
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
                numbers = _Copier(writer, pages_root).append(path)
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
