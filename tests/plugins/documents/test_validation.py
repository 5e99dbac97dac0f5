"""Uploads: only real PDFs within the limits; each refusal names its reason and stores nothing."""

import hashlib

import pytest
from pypdf import PdfReader

from plugins.documents import Document, RejectedUpload, safe_filename, store_upload, validate_pdf
from plugins.documents.validation import MESSAGES, hidden_type

from . import pdfs
from .conftest import stored_files

pytestmark = pytest.mark.django_db

MB = 1024 * 1024

BAD_UPLOADS = {
    # case: (bytes factory, file name, content type, expected code, words the message must hold)
    "png renamed .pdf": (
        lambda: pdfs.PNG_BYTES,
        "scan.pdf",
        "application/pdf",
        "not_pdf",
        "not a PDF",
    ),
    "empty file": (lambda: b"", "empty.pdf", "application/pdf", "empty", "empty"),
    "truncated": (pdfs.truncated_pdf, "cut.pdf", "application/pdf", "truncated", "incomplete"),
    "encrypted": (pdfs.encrypted_pdf, "locked.pdf", "application/pdf", "encrypted", "password"),
    "encrypted, empty password": (
        lambda: pdfs.encrypted_pdf(""),
        "locked.pdf",
        "application/pdf",
        "encrypted",
        "encrypted",
    ),
    "over the size limit": (
        lambda: pdfs.padded_pdf(21 * MB),
        "big.pdf",
        "application/pdf",
        "too_large",
        "too large",
    ),
    "over the page limit": (
        lambda: pdfs.blank_pdf(301),
        "long.pdf",
        "application/pdf",
        "too_many_pages",
        "301 pages",
    ),
    "decompression bomb": (
        pdfs.bomb_pdf,
        "bomb.pdf",
        "application/pdf",
        "decompression_bomb",
        "decompression bomb",
    ),
    "circular bookmarks": (
        pdfs.circular_outline_pdf,
        "loop.pdf",
        "application/pdf",
        "circular_outline",
        "bookmarks loop",
    ),
    "circular xref chain": (
        pdfs.circular_xref_pdf,
        "xref.pdf",
        "application/pdf",
        "circular_xref",
        "cross-reference",
    ),
    "html with a pdf content type": (
        lambda: pdfs.HTML_PAGE,
        "page.pdf",
        "application/pdf",
        "html",
        "web page (HTML)",
    ),
    "double extension": (
        lambda: pdfs.text_pdf(1),
        "x.php.pdf",
        "application/pdf",
        "hidden_type",
        "“.php”",
    ),
}


@pytest.fixture(scope="module")
def bad_bytes():
    cache = {}

    def get(case):
        if case not in cache:
            cache[case] = BAD_UPLOADS[case][0]()
        return cache[case]

    return get


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_bad_upload_is_rejected_with_its_reason_and_nothing_is_stored(
    case, bad_bytes, upload, student, private_root
):
    _, name, content_type, code, words = BAD_UPLOADS[case]
    data = bad_bytes(case)
    with pytest.raises(RejectedUpload) as caught:
        store_upload(
            upload(data, name, content_type), student=student, owner="dummy", title="Report"
        )
    assert caught.value.reason == code
    assert words in caught.value.text
    assert Document.objects.count() == 0
    assert stored_files(private_root) == []


def test_each_reason_has_its_own_message():
    texts = [str(message) for message in MESSAGES.values()]
    assert len(set(texts)) == len(texts)


def test_a_real_pdf_is_accepted_whatever_its_content_type(upload, student, private_root):
    data = pdfs.text_pdf(["Hello", "World", "Again"])
    info = validate_pdf(upload(data, "Kari's plan.pdf", "application/octet-stream"))
    assert (info.pages, info.original_size, info.filename) == (3, len(data), "Kari's plan.pdf")
    assert stored_files(private_root) == []  # checking writes nothing

    doc = store_upload(upload(data, "plan.pdf"), student=student, owner="dummy", title="Plan")
    files = stored_files(private_root)
    # What is stored is the clean copy the checker wrote: the same pages, the same text.
    assert len(files) == 1 and files[0].read_bytes() != data
    stored = PdfReader(files[0])
    assert [page.extract_text() for page in stored.pages] == ["Hello", "World", "Again"]
    assert doc.pages == 3 and doc.sha256 == info.sha256 and doc.record_type == "CaseDocument"
    assert doc.sha256 == hashlib.sha256(files[0].read_bytes()).hexdigest()
    assert doc.size == info.size == files[0].stat().st_size
    assert doc.original_sha256 == info.original_sha256 == hashlib.sha256(data).hexdigest()
    assert str(files[0]).startswith(str(private_root)) and doc.file in str(files[0])


def test_limits_are_settings(settings, upload):
    settings.PORTAL_DOCUMENT_MAX_PAGES = 2
    with pytest.raises(RejectedUpload) as caught:
        validate_pdf(upload(pdfs.text_pdf(3)))
    assert caught.value.reason == "too_many_pages" and "limit is 2" in caught.value.text
    settings.PORTAL_DOCUMENT_MAX_BYTES = 100
    with pytest.raises(RejectedUpload) as caught:
        validate_pdf(upload(pdfs.text_pdf(1)))
    assert caught.value.reason == "too_large" and "limit is 100\xa0byte" in caught.value.text


def test_the_check_is_bounded_in_time(settings, upload):
    """A parse that outlives the wall-clock limit is killed and the upload refused."""
    settings.PORTAL_PDF_CHECK_TIMEOUT = 0.01
    with pytest.raises(RejectedUpload) as caught:
        validate_pdf(upload(pdfs.text_pdf(1)))
    assert caught.value.reason == "too_complex"


def test_the_check_is_bounded_in_memory(settings, upload):
    """With too little address space the checker fails, and the file is refused, not accepted."""
    settings.PORTAL_PDF_CHECK_MEMORY_BYTES = 64 * MB
    with pytest.raises(RejectedUpload) as caught:
        validate_pdf(upload(pdfs.bomb_pdf(60)))
    assert caught.value.reason in {"too_complex", "decompression_bomb"}


def test_total_decompressed_bytes_are_capped(settings, upload):
    """Many streams each under pypdf's per-stream limit still count against the total."""
    settings.PORTAL_PDF_MAX_DECOMPRESSED_BYTES = 5 * MB
    with pytest.raises(RejectedUpload) as caught:
        validate_pdf(upload(pdfs.bomb_pdf(8)))
    assert caught.value.reason == "decompression_bomb"
    settings.PORTAL_PDF_MAX_DECOMPRESSED_BYTES = 16 * MB
    assert validate_pdf(upload(pdfs.bomb_pdf(8))).pages == 1


def test_rejection_is_a_validation_error_for_forms(upload):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        validate_pdf(upload(b"hello", "notes.pdf"))
    assert caught.value.code == "not_pdf"


@pytest.mark.parametrize(
    "name,hidden",
    [
        ("x.php.pdf", "php"),
        ("report.exe.pdf", "exe"),
        ("Plan.HTML.pdf", "html"),
        ("a.docx.pdf", "docx"),
        ("scan.pdf", None),
        ("Ola.Nordmann.pdf", None),
        ("IOP v1.2.pdf", None),
        ("plan", None),
    ],
)
def test_hidden_types(name, hidden):
    assert hidden_type(name) == hidden


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\kari\\plan.pdf", "plan.pdf"),
        ('a"b;c.pdf', "a_b_c.pdf"),
        ("evil\u202etxt.pdf", "eviltxt.pdf"),
        ("Søknad – Ћирилица.pdf", "Søknad – Ћирилица.pdf"),
        ("", "document.pdf"),
        ("...", "document.pdf"),
        ("line\r\nbreak.pdf", "linebreak.pdf"),
    ],
)
def test_safe_filename(raw, expected):
    assert safe_filename(raw) == expected


def test_a_broken_checker_is_a_server_error_not_a_rejection(upload, monkeypatch, tmp_path):
    """If the checker cannot even start, uploads fail loudly instead of being called damaged."""
    from plugins.documents import validation

    broken = tmp_path / "pdfcheck.py"
    broken.write_text("import no_such_module_for_pdf_checks\n")
    monkeypatch.setattr(validation, "CHECKER", broken)
    with pytest.raises(RuntimeError, match="cannot start"):
        validate_pdf(upload(pdfs.text_pdf(1)))
