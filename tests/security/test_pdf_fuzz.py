"""Upload fuzzing of the PDF check: accept a real PDF or raise RejectedUpload, nothing else."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.documents import validate_pdf
from plugins.documents.validation import PdfInfo, RejectedUpload


def minimal_pdf() -> bytes:
    """A valid one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length 21 >>\nstream\nBT /F1 12 Tf ET \nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


REAL = minimal_pdf()


class Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str = "upload.pdf"):
        super().__init__(data)
        self.name = name
        self.size = len(data)


def check(data: bytes, name: str = "upload.pdf"):
    """validate_pdf's answer: a PdfInfo or a RejectedUpload; any other exception fails."""
    try:
        info = validate_pdf(Upload(data, name))
    except RejectedUpload as exc:
        assert exc.reason
        assert exc.text
        return exc
    assert isinstance(info, PdfInfo) and info.pages >= 1, info
    return info


def test_the_real_pdf_is_accepted():
    info = check(REAL)
    assert isinstance(info, PdfInfo), info
    assert info.pages == 1


#: Examples that reach the parser run a child process each: fewer of those.
PARSED = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data):
    result = check(data)
    if not data.startswith(b"%PDF-"):
        assert isinstance(result, RejectedUpload)


@PARSED
@given(st.integers(min_value=0, max_value=len(REAL) - 1))
def test_truncated_real_pdf(cut):
    check(REAL[:cut])


@PARSED
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(REAL) - 1), st.binary(min_size=1, max_size=8)
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_real_pdf(edits):
    data = bytearray(REAL)
    for at, chunk in edits:
        data[at : at + len(chunk)] = chunk
    check(bytes(data))


@PARSED
@given(
    st.binary(max_size=512),
    st.sampled_from(["a.pdf", "a.php.pdf", "x.html", "../../etc/passwd", "a\x00.pdf", ""]),
)
def test_pdf_prefixed_noise_and_hostile_names(tail, name):
    result = check(b"%PDF-1.7\n" + tail, name)
    if name in ("a.php.pdf", "x.html"):
        assert isinstance(result, RejectedUpload) and result.reason == "hidden_type"


def test_oversized_upload_is_rejected_before_parsing(settings):
    settings.PORTAL_DOCUMENT_MAX_BYTES = 1024
    result = check(REAL + b"%" * 2048)
    assert isinstance(result, RejectedUpload) and result.reason == "too_large"


def test_html_disguised_as_pdf_is_rejected():
    result = check(b"<!DOCTYPE html><script>alert(1)</script>", "report.pdf")
    assert isinstance(result, RejectedUpload) and result.reason == "html"
