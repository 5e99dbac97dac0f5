"""Bundles carry one page numbering, "Page k of N" over the whole bundle (issue 16, item 18).

Each rendered document has its own "Page x of y" footer when it is downloaded
alone; inside a bundle that footer would restart on every document (a 6-page
bundle read "Page 1 of 1" on every page). The bundle stamps its own numbers,
in the bundle's language, and the rendered parts leave theirs out.
"""

import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject

from plugins.documents import Attachment, Rendered, Section, build_bundle

from . import pdfs

pytestmark = pytest.mark.django_db

NAMES = ["Kari Solvang", "Ола Нордман", "Mia Åsheim"]

#: "Page k of N" as the catalogues say it, with the numbers to find.
PATTERNS = {
    "en": r"Page (\d+) of (\d+)",
    "nb": r"Side (\d+) av (\d+)",
    "sr-cyrl": r"Страна (\d+) од (\d+)",
}


def letter(name, *, language=None, paragraphs=5):
    return Rendered(
        "documents_test/letter.html",
        {
            "note": f"Goals for {name}",
            "paragraphs": ["Plan text for the school year. " * 40] * paragraphs,
        },
        title="Application",
        student_name=name,
        confidentiality="Confidential",
        language=language,
    )


@pytest.fixture
def attachment_paths(tmp_path):
    paths = []
    for s in range(len(NAMES)):
        path = tmp_path / f"att-{s}.pdf"
        path.write_bytes(pdfs.text_pdf([f"Attachment of student {s} page {p}" for p in range(3)]))
        paths.append(path)
    return paths


def several_students(attachment_paths, *, language=None):
    return [
        Section(
            name,
            [letter(name, language=language), Attachment("Attachment", path=attachment_paths[s])],
            student_id=s + 1,
        )
        for s, name in enumerate(NAMES)
    ]


def numbers_on(reader, pattern):
    return [
        [tuple(int(n) for n in m) for m in re.findall(pattern, page.extract_text())]
        for page in reader.pages
    ]


@pytest.mark.parametrize("language", ["en", "nb", "sr-cyrl"])
def test_every_page_says_its_place_in_the_whole_bundle(
    test_templates, attachment_paths, tmp_path, language
):
    out = tmp_path / "bundle.pdf"
    result = build_bundle(
        several_students(attachment_paths, language=language), out, workers=0, language=language
    )
    reader = PdfReader(str(out), strict=True)
    total = len(reader.pages)
    assert total == result.pages == 3 * (2 + 3), "two rendered and three attached pages each"
    found = numbers_on(reader, PATTERNS[language])
    # Exactly one numbering per page (the rendered parts print none of their own),
    # and it counts through the whole bundle.
    assert found == [[(k, total)] for k in range(1, total + 1)]
    assert not any((1, 1) in page for page in found)
    # The attachments' and the rendered documents' own text is still there, under the stamp.
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Attachment of student 2 page 2" in text and "Goals for Mia Åsheim" in text
    # Bookmarks still lead to each student's first page.
    firsts = [
        reader.get_destination_page_number(o) for o in reader.outline if not isinstance(o, list)
    ]
    assert firsts == [0, 5, 10]


def test_the_bundle_language_defaults_to_its_documents_or_the_active_one(
    test_templates, attachment_paths, tmp_path
):
    # Documents all in Serbian Cyrillic: the numbering follows them.
    with translation.override("en"):
        build_bundle(several_students(attachment_paths, language="sr-cyrl"), tmp_path / "a.pdf")
    reader = PdfReader(str(tmp_path / "a.pdf"))
    assert numbers_on(reader, PATTERNS["sr-cyrl"])[3] == [(4, 15)]
    # Documents in the reader's language (none named): the active language.
    with translation.override("nb"):
        build_bundle(several_students(attachment_paths), tmp_path / "b.pdf")
    reader = PdfReader(str(tmp_path / "b.pdf"))
    assert numbers_on(reader, PATTERNS["nb"])[14] == [(15, 15)]


def test_a_rendered_document_alone_keeps_its_own_page_numbers(test_templates):
    from plugins.documents import render_pdf

    data = render_pdf(
        "documents_test/letter.html",
        {"note": "x", "paragraphs": ["Plan text for the school year. " * 40] * 5},
        title="Application",
        language="en",
    )
    reader = PdfReader(io.BytesIO(data))
    assert numbers_on(reader, PATTERNS["en"]) == [[(1, 2)], [(2, 2)]]


def stamp_geometry(page):
    """Where the page's number is drawn: its start and end in page space, from the content."""
    from pypdf.generic import ContentStream

    matrix, name = None, None
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"cm":
            last_cm = [float(v) for v in operands]
        elif operator == b"Do":
            form = page["/Resources"]["/XObject"][operands[0]].get_object()
            inner = ContentStream(form, page.pdf).operations
            if any(op == b"Tj" or op == b"TJ" for _, op in inner):
                matrix, name = last_cm, operands[0]
                start = next(float(o[0]) for o, op in inner if op == b"Td")
    assert matrix is not None, "no stamp drawn"
    a, b, c, d, e, f = matrix

    def place(x, y):
        return (a * x + c * y + e, b * x + d * y + f)

    return place(start, 0), place(0, 0), name


def test_odd_pages_get_their_number_upright_in_the_visible_corner(tmp_path):
    """Rotated and cropped pages: the number lands inside what a viewer shows, upright."""
    writer = PdfWriter(clone_from=io.BytesIO(pdfs.text_pdf(["Rotated", "Cropped", "Plain"])))
    writer.pages[0][NameObject("/Rotate")] = NumberObject(90)
    writer.pages[1].cropbox.lower_left = (100, 200)
    writer.pages[1].cropbox.upper_right = (400, 600)
    source = tmp_path / "odd.pdf"
    with open(source, "wb") as fh:
        writer.write(fh)
    out = tmp_path / "bundle.pdf"
    build_bundle([Section("Kari", [Attachment("Scan", path=source)])], out, language="en")
    reader = PdfReader(str(out))
    assert numbers_on(reader, PATTERNS["en"]) == [[(1, 3)], [(2, 3)], [(3, 3)]]
    for k, page in enumerate(reader.pages, 1):
        (x0, y0), (x1, y1), _ = stamp_geometry(page)
        box = page.cropbox
        for x, y in ((x0, y0), (x1, y1)):
            assert box.left < x < box.right and box.bottom < y < box.top
        if k == 1:
            # Shown turned a quarter clockwise: the text runs up the page, along its right
            # edge, ending near the top (the corner a viewer shows bottom right).
            assert x0 == x1 and y1 > y0 and x0 > box.right - 60 and y1 > box.top - 60
        else:  # left to right, near the visible box's bottom right corner
            assert y0 == y1 and x1 > x0 and y0 < box.bottom + 60 and x1 > box.right - 60
    # The pages' own text is still there.
    assert [p.extract_text().splitlines()[0] for p in reader.pages] == [
        "Rotated",
        "Cropped",
        "Plain",
    ]


def test_one_page_bundle_says_page_1_of_1(tmp_path):
    source = tmp_path / "one.pdf"
    source.write_bytes(pdfs.text_pdf(["Only page"]))
    out = io.BytesIO()
    build_bundle([Section("Kari", [Attachment("Scan", path=source)])], out, language="en")
    reader = PdfReader(out)
    assert numbers_on(reader, PATTERNS["en"]) == [[(1, 1)]]


def test_a_background_bundle_is_numbered_in_the_language_of_who_asked(upload):
    """The worker builds in the requester's language, not in whatever its process has active."""
    from plugins.documents import BundleJob, start_bundle
    from plugins.documents.storage import private_storage
    from plugins.documents.tasks import run_bundle_job
    from plugins.sdk import builders as b
    from tests.dummy_jurisdiction.models import Case

    from .test_views import make_document

    school = b.school()
    student = b.student(school_org=school)
    case = Case.objects.create(student=student, summary="Reading support")
    make_document(upload, student, case=case)
    coordinator = b.role_holder("coordinator", school)
    with translation.override("sr-cyrl"):
        job = start_bundle(
            coordinator,
            title="Bundle",
            builder="tests.dummy_jurisdiction.bundles.case_bundle",
            params={"case_ids": [case.pk]},
        )
    # As a worker whose process runs in another language picks it up later:
    BundleJob.objects.filter(pk=job.pk).update(status=BundleJob.Status.QUEUED)
    with translation.override("en"):
        assert run_bundle_job(job.pk) == BundleJob.Status.DONE
    job.refresh_from_db()
    with private_storage().open(job.file, "rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    total = len(reader.pages)
    assert total == job.pages > 1
    assert numbers_on(reader, PATTERNS["sr-cyrl"]) == [[(k, total)] for k in range(1, total + 1)]
    assert numbers_on(reader, PATTERNS["en"]) == [[] for _ in range(total)]
