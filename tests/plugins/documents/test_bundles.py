"""Bundles: one PDF, a bookmark per student and per document, streamed, cached, parallel."""

import io

import pytest
from pypdf import PdfReader

from plugins.documents import Attachment, Rendered, Section, build_bundle
from plugins.documents import bundles as bundles_module
from plugins.documents import rendering as r

from . import pdfs

pytestmark = pytest.mark.django_db

NAMES = ["Kari Solvang", "Ола Нордман", "Mia Åsheim"]


@pytest.fixture
def attachments(tmp_path):
    """Three 5-page attachments per student, each page naming its student and document."""
    paths = {}
    for s in range(len(NAMES)):
        for a in range(3):
            path = tmp_path / f"att-{s}-{a}.pdf"
            path.write_bytes(
                pdfs.text_pdf([f"Attachment {a} of student {s} page {p}" for p in range(5)])
            )
            paths[(s, a)] = path
    return paths


def sections(attachments, *, note="Goals"):
    out = []
    for s, name in enumerate(NAMES):
        items = [
            Rendered(
                "documents_test/letter.html",
                {
                    "note": f"{note} for {name}",
                    "paragraphs": ["Plan text for the school year. " * 40] * 5,
                },
                title="Application",
                student_name=name,
                confidentiality="Confidential",
                language="en",
            )
        ]
        items += [Attachment(f"Attachment {a}", path=attachments[(s, a)]) for a in range(3)]
        out.append(Section(name, items, student_id=s + 1))
    return out


def outline_tree(reader):
    tree = []
    for entry in reader.outline:
        if isinstance(entry, list):
            tree[-1][2].extend((c.title, reader.get_destination_page_number(c)) for c in entry)
        else:
            tree.append((entry.title, reader.get_destination_page_number(entry), []))
    return tree


def test_bundle_pages_bookmarks_and_text(test_templates, attachments, tmp_path):
    out = tmp_path / "bundle.pdf"
    progress = []
    result = build_bundle(
        sections(attachments),
        out,
        title="School application",
        progress=lambda d, t: progress.append((d, t)),
        workers=0,
    )
    reader = PdfReader(str(out), strict=True)
    rendered_pages = (result.pages - 3 * 15) // 3
    assert rendered_pages == 2, "the test application should fill two pages"
    assert len(reader.pages) == result.pages == 3 * (2 + 15)
    assert (result.documents, result.sections, result.rendered) == (12, 3, 3)
    assert progress[-1] == (12, 12) and [d for d, _ in progress] == sorted(d for d, _ in progress)

    tree = outline_tree(reader)
    assert [t[0] for t in tree] == NAMES
    for s, (name, first, children) in enumerate(tree):
        start = s * 17
        assert first == start
        assert children == [
            ("Application", start),
            ("Attachment 0", start + 2),
            ("Attachment 1", start + 7),
            ("Attachment 2", start + 12),
        ]
        section_text = "".join(reader.pages[i].extract_text() for i in range(start, start + 17))
        assert name in section_text
        assert f"Attachment 2 of student {s} page 4" in section_text
        assert (
            reader.pages[start + 12]
            .extract_text()
            .startswith(f"Attachment 2 of student {s} page 0")
        )
    assert reader.page_labels[:3] == ["1", "2", "3"]
    assert reader.metadata.title == "School application"


def test_unchanged_documents_are_not_rendered_again(
    test_templates, attachments, tmp_path, monkeypatch
):
    build_bundle(sections(attachments), tmp_path / "a.pdf", workers=0)
    calls = []
    real = bundles_module.html_to_pdf
    monkeypatch.setattr(
        bundles_module, "html_to_pdf", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    warm = build_bundle(sections(attachments), tmp_path / "b.pdf", workers=0)
    assert warm.rendered == 0 and calls == []
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    changed = build_bundle(sections(attachments, note="New goals"), tmp_path / "c.pdf", workers=0)
    assert changed.rendered == 3 and len(calls) == 3


@pytest.mark.slow
def test_parallel_rendering_gives_the_same_bundle(
    test_templates, attachments, tmp_path, private_root
):
    serial = build_bundle(sections(attachments), tmp_path / "serial.pdf", workers=0)
    for path in (private_root / "cache").rglob("*.pdf"):
        path.unlink()
    parallel = build_bundle(sections(attachments), tmp_path / "parallel.pdf", workers=2)
    assert parallel.rendered == 3 and parallel.pages == serial.pages
    a, b = PdfReader(str(tmp_path / "serial.pdf")), PdfReader(str(tmp_path / "parallel.pdf"))
    assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages]


def test_scripts_and_actions_are_not_copied(tmp_path):
    hostile = pdfs.raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /JavaScript 6 0 R >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 7 0 R >> >> >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /AA << /O 5 0 R >> /Annots [8 0 R 9 0 R] >>",
            b"<< /Length 36 >>\nstream\nBT /F1 12 Tf 72 720 Td (Inherited) Tj ET\nendstream",
            b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",
            b"<< /Names [(x) 5 0 R] >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (calc.exe) >> >>",
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://example.org/) >> >>",
        ]
    )
    source = tmp_path / "hostile.pdf"
    source.write_bytes(hostile)
    out = io.BytesIO()
    build_bundle([Section("Kari", [Attachment("Scan", path=source)])], out)
    data = out.getvalue()
    for needle in (b"/JavaScript", b"/JS", b"/Launch", b"calc.exe", b"/AA", b"/OpenAction"):
        assert needle not in data, needle
    reader = PdfReader(out, strict=True)
    page = reader.pages[0]
    assert (
        "Inherited" in page.extract_text()
    )  # resources inherited from the old page tree came along
    links = [a.get_object() for a in page["/Annots"]]
    actions = [a.get("/A") for a in links]
    assert [x.get("/URI") if isinstance(x, dict) else None for x in actions] == [
        None,
        "https://example.org/",
    ]


def test_memory_holds_offsets_not_documents(tmp_path):
    """The writer writes every object as it is copied: the file grows while documents are merged."""
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdfs.text_pdf(5))
    sizes = []

    class Spy(io.BytesIO):
        pass

    out = Spy()
    build_bundle(
        [Section(f"Student {i}", [Attachment("Doc", path=source)]) for i in range(20)],
        out,
        progress=lambda d, t: sizes.append(len(out.getvalue())),
    )
    assert all(b > a for a, b in zip(sizes, sizes[1:], strict=False)), sizes
    assert len(PdfReader(out).pages) == 100


def test_empty_bundle_is_an_error(tmp_path):
    with pytest.raises(bundles_module.BundleError):
        build_bundle([Section("Nobody", [])], tmp_path / "x.pdf")


def test_render_cache_key_covers_template_and_html(test_templates):
    a = r.prepare("documents_test/letter.html", {"note": "x"}, title="T")
    b = r.prepare("documents_test/letter.html", {"note": "y"}, title="T")
    c = r.prepare("documents_test/static_link.html", {"note": "x"}, title="T")
    assert len({a.key, b.key, c.key}) == 3
    assert a.key == r.prepare("documents_test/letter.html", {"note": "x"}, title="T").key
