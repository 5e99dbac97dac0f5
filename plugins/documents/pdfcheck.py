"""Check one uploaded PDF in a separate, resource-limited process.

Run as ``python -I plugins/documents/pdfcheck.py --max-pages N ...`` with the
file's bytes on standard input; prints one JSON object on standard output:
``{"ok": true, "pages": 12, "version": "1.7"}`` or ``{"ok": false, "code": "encrypted"}``.

This file imports neither Django nor the project: a hostile file is parsed
by pypdf alone, in a process that limits itself (address space, CPU time,
no file writes) before it reads a byte, and that the parent kills after a
wall-clock timeout. The limits are set here rather than in ``preexec_fn``,
which is unsafe in a threaded server.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
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


def check(data: bytes, *, max_pages: int, max_decompressed: int, max_stream: int) -> dict:
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import FileNotDecryptedError, LimitReachedError
    from pypdf.generic import StreamObject

    warnings = _Warnings()
    pypdf_log = logging.getLogger("pypdf")
    pypdf_log.addHandler(warnings)
    pypdf_log.propagate = False

    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise Rejected("truncated")

    limits = {
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
    with apply_configuration(**limits):
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if any("Circular xref" in m for m in warnings.messages):
                raise Rejected("circular_xref")
            if reader.is_encrypted:
                raise Rejected("encrypted")
            pages = len(reader.pages)
            if pages == 0:
                raise Rejected("no_pages")
            if pages > max_pages:
                return {"ok": False, "code": "too_many_pages", "pages": pages}
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
    return {"ok": True, "pages": pages, "version": reader.pdf_header.removeprefix("%PDF-")[:8]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-pages", type=int, required=True)
    parser.add_argument("--max-decompressed", type=int, required=True)
    parser.add_argument("--max-stream", type=int, required=True)
    parser.add_argument("--memory", type=int, required=True, help="address-space limit in bytes")
    parser.add_argument("--cpu", type=int, required=True, help="CPU-time limit in seconds")
    args = parser.parse_args(argv)
    limit_resources(args.memory, args.cpu)
    data = sys.stdin.buffer.read()
    try:
        result = check(
            data,
            max_pages=args.max_pages,
            max_decompressed=args.max_decompressed,
            max_stream=args.max_stream,
        )
    except Rejected as exc:
        result = {"ok": False, "code": exc.code, "detail": exc.detail}
    except MemoryError:
        result = {"ok": False, "code": "too_complex", "detail": "memory limit"}
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
