"""Check one uploaded PDF, and rewrite it clean, in a separate, resource-limited process.

Run as ``python -I plugins/documents/pdfcheck.py --max-pages N ...`` with the
file's bytes on standard input; prints one JSON object on one line of standard
output: ``{"ok": false, "code": "encrypted"}``, or ``{"ok": true, "pages": 12,
"version": "1.7", "length": 5120, "sha256": "..."}`` followed, after the newline,
by exactly ``length`` bytes: the clean copy that is stored instead of the upload.

The clean copy keeps what the pages show (content, resources, page boxes,
annotations that only draw, plain web links, optional-content layers, bookmark
titles and targets, the document information) and nothing that acts: no
document, page, annotation or form actions, no JavaScript, no embedded or
attached files, no forms (AcroForm, XFA), no structure tree, no bytes after
``%%EOF``. Everything is rebuilt from a whitelist, then every object written is
walked once more and anything active left in it removed.

This file imports neither Django nor the project: a hostile file is parsed
by pypdf alone, in a process that limits itself (address space, CPU time,
no file writes) before it reads a byte, that dies with its parent (Linux
``PR_SET_PDEATHSIG``), and that the parent kills after a wall-clock timeout.
The limits are set here rather than in ``preexec_fn``, which is unsafe in a
threaded server.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import logging
import os
import sys

#: Codes the parent turns into user-facing messages (plugins.documents.validation).
CODES = (
    "encrypted",
    "too_many_pages",
    "no_pages",
    "decompression_bomb",
    "circular_outline",
    "circular_xref",
    "truncated",
    "damaged",
    "too_many_objects",
    "not_rewritable",
)


class Rejected(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code = code
        self.detail = detail


class _Warnings(logging.Handler):
    """Collects pypdf's warnings: some describe faults it repairs silently."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def die_with_parent(parent_pid: int | None) -> None:
    """Be killed when the process that started us dies (a killed web worker leaves no checker).

    Linux only (``prctl(PR_SET_PDEATHSIG, SIGKILL)``). A parent that died before
    the call is noticed by our new parent id, and we stop at once. The signal
    follows the parent *thread*: the request thread that started us waits for
    us, so it cannot end first unless the whole worker dies.
    """
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        if libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if parent_pid and os.getppid() != parent_pid:
        os._exit(3)


def limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _walk_outline(reader, max_entries: int) -> int:
    """Visit every bookmark once; a bookmark reached twice is a cycle."""
    from pypdf.generic import IndirectObject

    root = reader.trailer["/Root"].get_object()
    outlines = root.get("/Outlines")
    if outlines is None:
        return 0
    seen: set[tuple[int, int]] = set()
    todo = [outlines.get_object().get("/First")]
    count = 0
    while todo:
        ref = todo.pop()
        while ref is not None:
            if not isinstance(ref, IndirectObject):
                raise Rejected("damaged", "outline item is not an indirect object")
            key = (ref.idnum, ref.generation)
            if key in seen:
                raise Rejected("circular_outline")
            seen.add(key)
            count += 1
            if count > max_entries:
                raise Rejected("damaged", "too many bookmarks")
            node = ref.get_object()
            if not hasattr(node, "get"):
                raise Rejected("damaged", "outline item is not a dictionary")
            child = node.get("/First")
            if child is not None:
                todo.append(child)
            ref = node.get("/Next")
    return count


def _stream_refs(reader):
    """Every indirect object number of the file (classic and compressed xref)."""
    from pypdf.generic import IndirectObject

    for generation, entries in reader.xref.items():
        for idnum in entries:
            yield IndirectObject(idnum, generation, reader)
    for idnum in getattr(reader, "xref_objStm", {}):
        yield IndirectObject(idnum, 0, reader)


def _limits(max_stream: int) -> dict:
    return {
        "zlib_maximum_output_length": max_stream,
        "lzw_maximum_output_length": max_stream,
        "run_length_maximum_output_length": max_stream,
        "jbig2_maximum_output_length": max_stream,
        "brotli_maximum_output_length": max_stream,
        "array_based_stream_maximum_output_length": max_stream,
        "maximum_declared_stream_length": max_stream,
        "image_maximum_buffer_size": max_stream,
        "jbig2dec_binary": None,  # never start another program on a hostile file
    }


def check(
    data: bytes,
    *,
    max_pages: int,
    max_decompressed: int,
    max_stream: int,
    max_objects: int = 0,
    rewrite_to: list | None = None,
) -> dict:
    """Parse ``data`` within the limits; with ``rewrite_to`` (a list) append the clean copy to it."""
    from pypdf import apply_configuration

    with apply_configuration(**_limits(max_stream)):
        reader, result = _parse(
            data,
            max_pages=max_pages,
            max_decompressed=max_decompressed,
            max_objects=max_objects,
        )
        if rewrite_to is not None and result["ok"]:
            rewrite_to.append(_guarded(rewrite, reader))
    return result


def _guarded(function, *args):
    """``function(*args)``, with pypdf's failures turned into rejections."""
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    try:
        return function(*args)
    except Rejected:
        raise
    except LimitReachedError as exc:
        raise Rejected("decompression_bomb", str(exc)[:200]) from None
    except FileNotDecryptedError:
        raise Rejected("encrypted") from None
    except RecursionError:
        raise Rejected("not_rewritable", "nesting too deep") from None
    except MemoryError:
        raise
    except Exception as exc:
        raise Rejected("not_rewritable", f"{type(exc).__name__}: {exc}"[:200]) from None


def _parse(data: bytes, *, max_pages: int, max_decompressed: int, max_objects: int):
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError
    from pypdf.generic import StreamObject

    warnings = _Warnings()
    pypdf_log = logging.getLogger("pypdf")
    pypdf_log.addHandler(warnings)
    pypdf_log.propagate = False

    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise Rejected("truncated")

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if any("Circular xref" in m for m in warnings.messages):
            raise Rejected("circular_xref")
        if reader.is_encrypted:
            raise Rejected("encrypted")
        # Counted from the cross-reference data alone, before any object is parsed.
        objects = sum(len(entries) for entries in reader.xref.values())
        objects += len(getattr(reader, "xref_objStm", {}))
        if max_objects and objects > max_objects:
            return reader, {"ok": False, "code": "too_many_objects", "objects": objects}
        pages = len(reader.pages)
        if pages == 0:
            raise Rejected("no_pages")
        if pages > max_pages:
            return reader, {"ok": False, "code": "too_many_pages", "pages": pages}
        for page in reader.pages:
            page.mediabox  # noqa: B018  (reading it validates the page box)
            page.get("/Resources")
        _walk_outline(reader, max_entries=10 * max_pages + 1000)
        total = 0
        for ref in _stream_refs(reader):
            try:
                obj = ref.get_object()
            except LimitReachedError:
                raise
            except Exception:  # noqa: S112 - a dangling entry; pages and outline were read already  # nosec B112
                continue
            if isinstance(obj, StreamObject):
                try:
                    total += len(obj.get_data())
                except NotImplementedError:
                    total += len(obj._data or b"")  # a filter pypdf does not decode (images)
                if total > max_decompressed:
                    raise Rejected("decompression_bomb")
        if any("Circular xref" in m for m in warnings.messages):
            raise Rejected("circular_xref")
    except Rejected:
        raise
    except LimitReachedError as exc:
        raise Rejected("decompression_bomb", str(exc)[:200]) from None
    except FileNotDecryptedError:
        raise Rejected("encrypted") from None
    except RecursionError:
        raise Rejected("damaged", "nesting too deep") from None
    except MemoryError:
        raise
    except Exception as exc:
        raise Rejected("damaged", f"{type(exc).__name__}: {exc}"[:200]) from None
    version = reader.pdf_header.removeprefix("%PDF-")[:8]
    return reader, {"ok": True, "pages": pages, "version": version}


# -- the clean copy ------------------------------------------------------------------------------
#: Page keys that carry what a page shows. Everything else (/AA, /Annots as they were,
#: /AF, /Metadata, /PieceInfo, /Thumb, /B, /Trans, /StructParents, ...) is left behind.
PAGE_KEYS = frozenset(
    "/Type /MediaBox /CropBox /BleedBox /TrimBox /ArtBox /Rotate /Resources /Contents /UserUnit "
    "/Group".split()
)

#: Annotations that only draw (or are plain web links); kept with ANNOTATION_KEYS only.
ANNOTATION_TYPES = frozenset(
    "/Text /FreeText /Line /Square /Circle /Polygon /PolyLine /Highlight /Underline /Squiggly "
    "/StrikeOut /Stamp /Caret /Ink /Watermark /Widget /Link".split()
)
#: What an annotation may keep: its place, look and text. No /A (rebuilt for web links), /AA,
#: /Dest, /PA, /Popup, /Parent (form fields), /FS, /RC (rich text is XHTML), /IRT.
ANNOTATION_KEYS = frozenset(
    "/Type /Subtype /Rect /Contents /NM /M /F /AP /AS /Border /C /BS /BE /CA /T /Subj "
    "/CreationDate /Name /QuadPoints /InkList /Vertices /L /LE /IC /DA /Q /DS /RD /IT /CL /LL "
    "/LLE /LLO /Cap /CP /MK /H /Open /OC".split()
)

#: Web links that may stay clickable.
LINK_SCHEMES = ("http://", "https://", "mailto:")

#: Keys removed wherever they appear in the copy (a second line behind the whitelists).
ACTIVE_KEYS = frozenset(
    "/JS /JavaScript /AA /OpenAction /EmbeddedFile /EmbeddedFiles /EF /RF /XFA /AcroForm "
    "/Launch /Names /AF /RichMediaContent /RichMediaSettings /Dests /URI /A /PA".split()
)
#: Dictionaries that are (or carry) actions or files: emptied wherever they appear.
ACTIVE_TYPES = frozenset(
    "/JavaScript /Launch /SubmitForm /ImportData /ResetForm /GoToR /GoToE /Rendition /Sound "
    "/Movie /Hide /Named /RichMediaExecute /Thread /SetOCGState /Trans /GoTo3DView /ECMAScript "
    "/EmbeddedFile /Filespec /FileAttachment /RichMedia /Screen /3D /Action".split()
)
#: Document information entries copied (as text).
INFO_KEYS = ("/Title", "/Author", "/Subject", "/Keywords", "/CreationDate", "/ModDate")


def _text(value, limit: int = 2000) -> str:
    return str(value)[:limit] if value is not None else ""


def _web_link(annotation):
    """A plain URI action for a link whose action is a web address, else None."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    action = annotation.get("/A")
    action = action.get_object() if action is not None else None
    if not isinstance(action, DictionaryObject) or action.get("/S") != "/URI":
        return None
    uri = action.get("/URI")
    uri = uri.get_object() if uri is not None else None
    if isinstance(uri, bytes):
        uri = uri.decode("latin-1")
    uri = str(uri or "").strip()
    if len(uri) > 2000 or not uri.lower().startswith(LINK_SCHEMES):
        return None
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in uri):
        return None
    return DictionaryObject(
        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(uri)}
    )


def _safe_annotations(page) -> list:
    """New annotation dictionaries (values still the reader's) for what the page may keep."""
    from pypdf.generic import DictionaryObject, NameObject

    kept = []
    annots = page.get("/Annots")
    annots = annots.get_object() if annots is not None else None
    for ref in annots if isinstance(annots, list) else ():
        try:
            annotation = ref.get_object()
        except Exception:  # noqa: BLE001, S112 - a dangling annotation is left behind  # nosec B112
            continue
        if not isinstance(annotation, DictionaryObject):
            continue
        subtype = annotation.get("/Subtype")
        if subtype not in ANNOTATION_TYPES:
            continue
        clean = DictionaryObject(
            {NameObject(k): v for k, v in annotation.items() if k in ANNOTATION_KEYS}
        )
        clean[NameObject("/Type")] = NameObject("/Annot")
        if subtype == "/Link":
            action = _web_link(annotation)
            if action is None:
                continue  # a link that launches, runs, submits or jumps elsewhere: dropped
            clean[NameObject("/A")] = action
        if "/Rect" not in clean:
            continue
        kept.append(clean)
    return kept


def _copy_outline(reader, writer, items, parent, budget: list[int]) -> None:
    """Bookmarks again, as titles and target pages only (their actions are not copied)."""
    from pypdf.generic import ArrayObject, NameObject

    last = None
    for item in items:
        if budget[0] <= 0:
            return
        if isinstance(item, list):
            if last is not None:
                _copy_outline(reader, writer, item, last, budget)
            continue
        budget[0] -= 1
        try:
            page = reader.get_destination_page_number(item)
        except Exception:  # noqa: BLE001 - a bookmark without a page keeps its title
            page = None
        last = writer.add_outline_item(
            title=_text(getattr(item, "title", ""), 500), page_number=None, parent=parent
        )
        if page is not None and 0 <= page < len(writer.pages):
            # A plain destination, not the /GoTo action pypdf would write: no actions at all.
            last.get_object()[NameObject("/Dest")] = ArrayObject(
                [writer.pages[page].indirect_reference, NameObject("/Fit")]
            )


def _scrub(writer) -> None:
    """Walk every object reachable from the catalog; remove anything active; drop the rest."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    roots = [writer._root_object.indirect_reference]
    info = getattr(writer, "_info", None)  # pypdf 5: a reference; 6 and later: the dictionary
    if isinstance(info, IndirectObject):
        roots.append(info)
    elif getattr(info, "indirect_reference", None) is not None:
        roots.append(info.indirect_reference)
    reachable: set[int] = set()
    todo: list = list(roots)
    while todo:
        obj = todo.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in reachable:
                continue
            reachable.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            keep_uri = obj.get("/S") == "/URI" and set(obj.keys()) <= {"/S", "/URI", "/Type"}
            link = obj.get("/Subtype") == "/Link" and isinstance(obj.get("/A"), DictionaryObject)
            if any(obj.get(key) in ACTIVE_TYPES for key in ("/S", "/Type", "/Subtype")):
                obj.clear()
                if isinstance(obj, StreamObject):
                    obj._data = b""
                    if hasattr(obj, "decoded_self"):
                        obj.decoded_self = None
            if "/S" in obj and "/Next" in obj:
                del obj["/Next"]  # a chained action (outline items keep their /Next sibling)
            for key in list(obj.keys()):
                if key in ACTIVE_KEYS and not (key == "/URI" and keep_uri):
                    if key == "/A" and link and _web_link(obj) is not None:
                        continue
                    del obj[key]
            todo.extend(obj.raw_get(key) for key in obj.keys())
        elif isinstance(obj, ArrayObject):
            todo.extend(obj)
    for index in range(len(writer._objects)):
        if index + 1 not in reachable:
            writer._objects[index] = None


def rewrite(reader) -> bytes:
    """A new PDF with ``reader``'s pages as they look, and nothing that acts."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    for page in reader.pages:
        annotations = _safe_annotations(page)
        for key in [k for k in page.keys() if k not in PAGE_KEYS]:
            del page[key]
        copy = writer.add_page(page)
        for annotation in annotations:
            writer.add_annotation(copy, annotation.clone(writer))
    catalog = reader.trailer["/Root"].get_object()
    layers = catalog.get("/OCProperties")  # layers keep content hidden that was hidden
    if isinstance(layers, DictionaryObject):
        writer._root_object[NameObject("/OCProperties")] = layers.clone(writer)
    if "/Lang" in catalog:
        writer._root_object[NameObject("/Lang")] = TextStringObject(_text(catalog["/Lang"], 40))
    try:
        outline = reader.outline
    except Exception:  # noqa: BLE001 - bookmarks are a convenience; the pages are what counts
        outline = []
    if outline:
        _copy_outline(reader, writer, outline, None, [10 * len(reader.pages) + 1000])
    info = reader.metadata or {}
    metadata = {key: _text(info.get(key)) for key in INFO_KEYS if info.get(key) is not None}
    if metadata:
        writer.add_metadata(metadata)
    _scrub(writer)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    # Read the copy back: it must be a PDF of the same pages, or nothing is stored.
    again = PdfReader(io.BytesIO(data), strict=True)
    if len(again.pages) != len(reader.pages):
        raise Rejected("not_rewritable", "the copy lost pages")
    return data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--parent-pid", type=int, default=0)
    parser.add_argument("--max-pages", type=int, required=True)
    parser.add_argument("--max-decompressed", type=int, required=True)
    parser.add_argument("--max-stream", type=int, required=True)
    parser.add_argument("--max-objects", type=int, default=0)
    parser.add_argument("--memory", type=int, required=True, help="address-space limit in bytes")
    parser.add_argument("--cpu", type=int, required=True, help="CPU-time limit in seconds")
    args = parser.parse_args(argv)
    die_with_parent(args.parent_pid)  # before anything else: never outlive the web worker
    limit_resources(args.memory, args.cpu)
    data = sys.stdin.buffer.read()
    clean: list[bytes] = []
    try:
        result = check(
            data,
            max_pages=args.max_pages,
            max_decompressed=args.max_decompressed,
            max_stream=args.max_stream,
            max_objects=args.max_objects,
            rewrite_to=clean,
        )
    except Rejected as exc:
        result = {"ok": False, "code": exc.code, "detail": exc.detail}
    except MemoryError:
        result = {"ok": False, "code": "too_complex", "detail": "memory limit"}
    body = clean[0] if result.get("ok") and clean else b""
    if result.get("ok"):
        result.update(length=len(body), sha256=hashlib.sha256(body).hexdigest())
    out = sys.stdout.buffer
    out.write(json.dumps(result).encode("ascii") + b"\n")
    out.write(body)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
