"""Accepted uploads are stored as a clean rewrite: no actions, scripts, attachments or trailing bytes.

Each hostile PDF here passes the parse (it is a well-formed PDF); the copy that
is stored, and later served, must carry none of its active content.
"""

import hashlib
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from plugins.audit.models import AuditEvent
from plugins.documents import Document, RejectedUpload, store_upload, validate_pdf
from plugins.documents.storage import private_storage
from plugins.documents.validation import MESSAGES
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case

from . import pdfs
from .conftest import stored_files

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]

#: Keys that make a PDF act (run, launch, attach, submit) rather than show.
FORBIDDEN_KEYS = {
    "/JavaScript",
    "/JS",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/EF",
    "/OpenAction",
    "/AA",
    "/XFA",
    "/AcroForm",
}
FORBIDDEN_VALUES = {"/JavaScript", "/Launch", "/EmbeddedFile", "/FileAttachment", "/Filespec"}

HOSTILE = {
    "open action and document JavaScript": pdfs.open_action_js_pdf,
    "page and document additional actions": pdfs.page_aa_pdf,
    "launch and JavaScript link annotations": pdfs.launch_annotation_pdf,
    "embedded files and a file attachment": pdfs.embedded_file_pdf,
    "form with XFA, field scripts and a script bookmark": pdfs.form_script_pdf,
    "HTML after %%EOF": pdfs.trailing_html_pdf,
    "everything at once": pdfs.kitchen_sink_pdf,
}


def every_object(reader: PdfReader):
    """Every object of the file, indirect ones by their number and everything nested in them."""
    todo = [
        IndirectObject(idnum, generation, reader)
        for generation, entries in reader.xref.items()
        for idnum in entries
    ]
    todo += [IndirectObject(idnum, 0, reader) for idnum in reader.xref_objStm]
    todo.append(reader.trailer)
    seen = set()
    while todo:
        obj = todo.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            yield obj
            todo.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            todo.extend(obj)


def assert_clean(data: bytes, pages: int):
    assert data.rstrip(b"\r\n").endswith(b"%%EOF"), data[-200:]
    assert data.count(b"%%EOF") == 1
    assert b"<script" not in data.lower() and b"<html" not in data.lower()
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == pages
    for obj in every_object(reader):
        assert not FORBIDDEN_KEYS & set(obj.keys()), dict(obj)
        for key in ("/S", "/Type", "/Subtype"):
            assert obj.get(key) not in FORBIDDEN_VALUES, dict(obj)
        action = obj.get("/A")
        if action is not None:
            assert action.get_object().get("/S") == "/URI", dict(obj)
    return reader


@pytest.fixture(scope="module")
def hostile_bytes():
    cache = {}

    def get(case):
        if case not in cache:
            cache[case] = HOSTILE[case]()
        return cache[case]

    return get


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_pdf_is_stored_only_as_a_clean_copy(
    case, hostile_bytes, upload, student, private_root
):
    data = hostile_bytes(case)
    original = PdfReader(io.BytesIO(data))
    doc = store_upload(upload(data, "hostile.pdf"), student=student, owner="dummy", title="x")
    [path] = stored_files(private_root)
    stored = path.read_bytes()
    assert stored != data
    reader = assert_clean(stored, len(original.pages))
    # The pages still show what they showed.
    for before, after in zip(original.pages, reader.pages, strict=True):
        assert after.extract_text() == before.extract_text()
        assert [float(v) for v in after.mediabox] == [float(v) for v in before.mediabox]
    assert doc.pages == len(original.pages)
    assert doc.size == len(stored) and doc.sha256 == hashlib.sha256(stored).hexdigest()
    assert doc.original_sha256 == hashlib.sha256(data).hexdigest()


def test_plain_web_links_stay_and_lose_what_was_chained_to_them(upload, student, private_root):
    store_upload(upload(pdfs.launch_annotation_pdf()), student=student, owner="dummy", title="x")
    [path] = stored_files(private_root)
    reader = PdfReader(path)
    assert "/Annots" not in reader.pages[0]  # the launch and the JavaScript links are gone
    [link] = [annot.get_object() for annot in reader.pages[1]["/Annots"]]
    assert link["/Subtype"] == "/Link"
    assert dict(link["/A"]) == {"/S": "/URI", "/URI": "https://www.udir.no/"}


def test_bookmarks_keep_their_titles_and_pages_but_not_their_scripts(upload, student):
    doc = store_upload(upload(pdfs.form_script_pdf()), student=student, owner="dummy", title="x")
    reader = PdfReader(private_storage().path(doc.file))
    titles = {item.title: reader.get_destination_page_number(item) for item in reader.outline}
    assert titles["Chapter 2"] == 1 and "Run me" in titles
    script_item = reader.trailer["/Root"]["/Outlines"]["/Last"]
    assert script_item["/Title"] == "Run me" and "/A" not in script_item


def test_a_clean_pdf_is_stored_with_the_same_pages_and_text(upload, student, private_root):
    data = pdfs.text_pdf(["Hello", "World", "Again"])
    info = validate_pdf(upload(data))
    assert info.original_size == len(data)
    assert info.original_sha256 == hashlib.sha256(data).hexdigest()
    store_upload(upload(data), student=student, owner="dummy", title="Plan")
    [path] = stored_files(private_root)
    reader = assert_clean(path.read_bytes(), 3)
    assert [page.extract_text() for page in reader.pages] == ["Hello", "World", "Again"]


def test_a_circular_xref_chain_is_refused_and_nothing_is_stored(upload, student, private_root):
    with pytest.raises(RejectedUpload) as caught:
        store_upload(upload(pdfs.circular_xref_pdf()), student=student, owner="dummy", title="x")
    assert caught.value.reason == "circular_xref"
    assert not Document.objects.exists() and stored_files(private_root) == []


def test_the_upload_audit_row_carries_the_hash_of_what_was_uploaded(
    upload, verified_client, private_root
):
    school = b.school()
    case = Case.objects.create(student=b.student(school_org=school), summary="x")
    client = verified_client(b.role_holder("coordinator", school))
    data = pdfs.kitchen_sink_pdf()
    response = client.post(
        reverse("dummy:case-upload", args=[case.pk]),
        {"title": "Report", "file": upload(data, "report.pdf")},
    )
    assert response.status_code == 201, response.content
    doc = Document.objects.get()
    [path] = stored_files(private_root)
    stored_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    original_hash = hashlib.sha256(data).hexdigest()
    event = AuditEvent.objects.get(action="upload")
    assert event.record_id == str(doc.pk)
    # The audit row keeps the hash of what was uploaded; so does the document.
    assert event.detail == f"original sha256 {original_hash}"
    assert doc.original_sha256 == original_hash != stored_hash == doc.sha256


def test_a_file_that_cannot_be_rewritten_is_refused_with_a_reason(
    upload, student, private_root, monkeypatch
):
    from plugins.documents import pdfcheck, validation

    # The checker is a child process: give it a rewrite that fails (as pypdf's writer may).
    source = Path(pdfcheck.__file__).read_text()
    broken = "def rewrite(reader):\n    raise ValueError('cannot write this')\n\n\n"
    checker = private_root.parent / "pdfcheck.py"
    checker.write_text(source.replace("def main(", broken + "def main(", 1))
    monkeypatch.setattr(validation, "CHECKER", checker)
    with pytest.raises(RejectedUpload) as caught:
        store_upload(upload(pdfs.text_pdf(1)), student=student, owner="dummy", title="x")
    assert caught.value.reason == "not_rewritable"
    assert caught.value.text == str(MESSAGES["not_rewritable"])
    assert not Document.objects.exists() and stored_files(private_root) == []


def test_too_many_objects_are_refused_before_they_are_parsed(settings, upload):
    settings.PORTAL_PDF_MAX_OBJECTS = 20
    extra = [b"<< /N %d >>" % i for i in range(40)]
    with pytest.raises(RejectedUpload) as caught:
        validate_pdf(upload(pdfs.text_pdf(1, extra_objects=extra)))
    assert caught.value.reason == "too_many_objects"
    assert "20" in caught.value.text


def test_running_out_of_wall_time_is_a_clear_refusal(settings, upload):
    settings.PORTAL_PDF_CHECK_TIMEOUT = 0.05
    with pytest.raises(RejectedUpload) as caught:
        validate_pdf(upload(pdfs.kitchen_sink_pdf()))
    assert caught.value.reason == "too_complex"
    assert caught.value.text == str(MESSAGES["too_complex"])


# -- the checker dies with the web worker that started it --------------------------------------
PARENT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from django.conf import settings
    settings.configure(
        PORTAL_PDF_MAX_OBJECTS=0,  # no early refusal: the checker must be busy for seconds
        PORTAL_PDF_CHECK_TIMEOUT=600,
        PORTAL_PDF_CHECK_CPU_SECONDS=600,
        PORTAL_PDF_CHECK_MEMORY_BYTES=2 * 1024**3,
    )
    from plugins.documents import validation
    from tests.plugins.documents import pdfs

    slow = pdfs.text_pdf(1, extra_objects=[b"<< /N %d >>" % i for i in range(400_000)])

    class Popen(validation.subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            print(self.pid, flush=True)

    validation.subprocess.Popen = Popen
    validation._run_checker(slow)  # the real path: the web worker waits here
    """
)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux-only")
def test_the_checker_dies_when_its_parent_is_killed():
    parent = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", PARENT.format(root=str(ROOT))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        line = parent.stdout.readline()
        assert line.strip().isdigit(), parent.stderr.read().decode()[-2000:]
        child = int(line)
        time.sleep(1)  # the checker has its input and is parsing 400,000 objects
        assert _alive(child)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=5)
        deadline = time.monotonic() + 5
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child), "the checker outlived the web worker that started it"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def test_inherited_page_attributes_and_drawing_annotations_keep_their_look(upload, student):
    """Boxes, rotation and resources from the page tree, and an annotation's appearance, stay."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, FloatObject

    data = pdfs.raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 300 400] /Rotate 90 "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
            pdfs._stream(b"BT /F1 14 Tf 72 300 Td (Inherited) Tj ET"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )
    writer = PdfWriter(clone_from=io.BytesIO(data))
    look = DecodedStreamObject()
    look.set_data(b"1 0 0 RG 0 0 50 50 re S")
    look.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(v) for v in (0, 0, 50, 50)),
        }
    )
    writer.add_annotation(
        0,
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Square"),
                NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (10, 10, 60, 60)),
                NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(look)}),
                NameObject("/AA"): DictionaryObject({NameObject("/E"): pdfs._js("x")}),
            }
        ),
    )
    out = io.BytesIO()
    writer.write(out)
    doc = store_upload(upload(out.getvalue()), student=student, owner="dummy", title="x")
    reader = assert_clean(Path(private_storage().path(doc.file)).read_bytes(), 1)
    page = reader.pages[0]
    assert page.extract_text() == "Inherited"
    assert [float(v) for v in page.mediabox] == [0, 0, 300, 400] and page.rotation == 90
    [square] = [annot.get_object() for annot in page["/Annots"]]
    assert square["/Subtype"] == "/Square"
    assert square["/AP"]["/N"].get_data() == b"1 0 0 RG 0 0 50 50 re S"
