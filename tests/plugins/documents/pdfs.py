"""PDFs for the tests, good and hostile, built by hand or with pypdf."""

from __future__ import annotations

import io
import zlib

from pypdf import PdfWriter


def raw_pdf(
    objects: list[bytes], *, trailer_extra: bytes = b"", header: bytes = b"%PDF-1.7\n"
) -> bytes:
    """A classic PDF of ``objects`` (numbered 1..n, object 1 the catalog) with a correct xref."""
    out = io.BytesIO()
    out.write(header)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, trailer_extra, xref)
    )
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(
    pages: list[str] | int = 1, *, extra_page_keys: bytes = b"", extra_objects=()
) -> bytes:
    """A PDF whose pages show the given ASCII lines in Helvetica (text pypdf can extract)."""
    if isinstance(pages, int):
        pages = [f"Page {i + 1}" for i in range(pages)]
    n = len(pages)
    font = 3 + 2 * n
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
    ]
    for i, text in enumerate(pages):
        safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        content = b"BT /F1 14 Tf 72 720 Td (%s) Tj ET" % safe
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> %s>>" % (4 + 2 * i, font, extra_page_keys)
        )
        objects.append(_stream(content))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.extend(extra_objects)
    return raw_pdf(objects)


def blank_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(user_password: str = "secret") -> bytes:  # noqa: S107
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf(2)))
    writer.encrypt(user_password, "owner-password")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    data = text_pdf(3)
    return data[: len(data) // 2]


def bomb_pdf(megabytes: int = 400) -> bytes:
    """One page whose content stream inflates to ``megabytes`` MB of zeros (about 0.4 MB on disk)."""
    compressor = zlib.compressobj(9)
    chunk = b"\0" * (1024 * 1024)
    data = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            _stream(data, b"/Filter /FlateDecode "),
        ]
    )


def circular_outline_pdf() -> bytes:
    """A bookmark whose /Next and /First point back at itself."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Outlines 4 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            b"<< /Type /Outlines /First 5 0 R /Last 5 0 R /Count 1 >>",
            b"<< /Title (Loop) /Parent 4 0 R /First 5 0 R /Last 5 0 R /Next 5 0 R /Dest [3 0 R /Fit] >>",
        ]
    )


def circular_xref_pdf() -> bytes:
    """A trailer whose /Prev points at its own cross-reference table."""
    blank = raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        ]
    )
    xref = int(blank.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    data = blank.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % xref)
    assert data != blank
    return data


def padded_pdf(size: int) -> bytes:
    """A valid one-page PDF of more than ``size`` bytes (a long comment after the header)."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        ],
        header=b"%PDF-1.7\n%" + b"x" * size + b"\n",
    )


HTML_PAGE = b"<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
