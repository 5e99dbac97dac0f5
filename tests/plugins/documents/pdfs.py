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


# -- hostile but well-formed PDFs (they pass the parse; the stored copy must be clean) -----------
def _written(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _js(code: str):
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(code),
        }
    )


def _launch(program: str = "cmd.exe"):
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject(program),
            NameObject("/Win"): DictionaryObject({NameObject("/F"): TextStringObject(program)}),
        }
    )


def _link(action, rect=(72, 600, 300, 640)):
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(FloatObject(v) for v in rect),
            NameObject("/A"): action,
        }
    )


def _add_js_name_tree(writer, code: str) -> None:
    """Document-level JavaScript in /Names /JavaScript (run by viewers when the file opens)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    names = writer._root_object.setdefault(NameObject("/Names"), DictionaryObject())
    names[NameObject("/JavaScript")] = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [TextStringObject("init"), writer._add_object(_js(code))]
            )
        }
    )


def hostile_writer(pages: int = 2):
    """A PdfWriter holding ``pages`` text pages, ready to be made hostile."""
    return PdfWriter(clone_from=io.BytesIO(text_pdf(pages)))


def open_action_js_pdf() -> bytes:
    """The document runs JavaScript when opened (/OpenAction) and names a /JavaScript tree."""
    from pypdf.generic import NameObject

    writer = hostile_writer()
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_js("app.alert('open')"))
    _add_js_name_tree(writer, "app.alert('names tree');")
    return _written(writer)


def page_aa_pdf() -> bytes:
    """A page runs JavaScript when opened and closed (/AA /O, /AA /C); the document on close."""
    from pypdf.generic import DictionaryObject, NameObject

    writer = hostile_writer()
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): _js("app.alert('page open')"), NameObject("/C"): _launch()}
    )
    writer._root_object[NameObject("/AA")] = DictionaryObject(
        {NameObject("/WC"): _js("app.alert('closing')")}
    )
    return _written(writer)


def launch_annotation_pdf() -> bytes:
    """Link annotations whose actions launch a program or run JavaScript; one plain web link."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = hostile_writer()
    writer.add_annotation(0, _link(_launch("calc.exe")))
    js_link = _link(_js("app.launchURL('http://evil.example')"), rect=(72, 500, 300, 540))
    js_link[NameObject("/AA")] = DictionaryObject({NameObject("/E"): _js("app.alert('hover')")})
    writer.add_annotation(0, js_link)
    uri = DictionaryObject(
        {
            NameObject("/S"): NameObject("/URI"),
            NameObject("/URI"): TextStringObject("https://www.udir.no/"),
            NameObject("/Next"): _js("app.alert('chained')"),
        }
    )
    writer.add_annotation(1, _link(uri, rect=(72, 400, 300, 440)))
    return _written(writer)


def embedded_file_pdf() -> bytes:
    """An attachment in /Names /EmbeddedFiles and a /FileAttachment annotation carrying another."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    writer = hostile_writer()
    writer.add_attachment("invoice.html", HTML_PAGE)
    payload = DecodedStreamObject()
    payload.set_data(b"MZ\x90\x00 not really a program")
    payload[NameObject("/Type")] = NameObject("/EmbeddedFile")
    filespec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject("setup.exe"),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(payload)}),
        }
    )
    writer.add_annotation(
        0,
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/FileAttachment"),
                NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (72, 72, 90, 90)),
                NameObject("/FS"): writer._add_object(filespec),
            }
        ),
    )
    return _written(writer)


def form_script_pdf() -> bytes:
    """An AcroForm with an XFA packet, a calculate script on a field, and a JavaScript outline item."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = hostile_writer()
    xfa = DecodedStreamObject()
    xfa.set_data(b"<xdp:xdp><script>xfa.host.messageBox('x')</script></xdp:xdp>")
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("total"),
            NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (72, 300, 300, 320)),
            NameObject("/F"): NumberObject(4),
            NameObject("/AA"): DictionaryObject({NameObject("/C"): _js("event.value = 1;")}),
            NameObject("/A"): _js("app.alert('field')"),
        }
    )
    field_ref = writer._add_object(field)
    writer.pages[0][NameObject("/Annots")] = ArrayObject([field_ref])
    field[NameObject("/P")] = writer.pages[0].indirect_reference
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject([field_ref]),
            NameObject("/XFA"): writer._add_object(xfa),
        }
    )
    writer.add_outline_item(title="Chapter 2", page_number=1)
    bad = writer.add_outline_item(title="Run me", page_number=0).get_object()
    bad[NameObject("/A")] = _js("app.alert('outline')")
    return _written(writer)


def trailing_html_pdf() -> bytes:
    """A valid PDF with a web page appended after its %%EOF (a PDF/HTML polyglot)."""
    return text_pdf(2) + HTML_PAGE


def kitchen_sink_pdf() -> bytes:
    """Every trick above in one file, and HTML after the end."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter(clone_from=io.BytesIO(form_script_pdf()))

    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_js("app.alert(1)"))
    _add_js_name_tree(writer, "app.alert(2);")
    writer.add_attachment("a.html", HTML_PAGE)
    writer.pages[1][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _launch()})
    writer.add_annotation(1, _link(_launch("sh")))
    data = _written(writer) + HTML_PAGE
    assert len(PdfReader(io.BytesIO(data)).pages) == 2
    return data
