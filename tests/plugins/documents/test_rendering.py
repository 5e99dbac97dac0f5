"""render_pdf: the shared print stylesheet, embedded fonts, a cache, and nothing fetched."""

import io

import pytest
from pypdf import PdfReader

from plugins.documents import render_pdf
from plugins.documents import rendering as r

pytestmark = pytest.mark.django_db

WORDS = {
    "nb": "Særskilt opplæring på skolen, ærlig og åpen",
    "sv": "Åtgärdsprogram för elevens lärande, höstterminen",
    "sr-cyrl": "Индивидуални образовни план ђака, љубав и њежност",
    "sr-latn": "Individualni obrazovni plan đaka, čas, ćuprija, šuma, život",
}


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def fonts_of(pdf: bytes) -> list[tuple[str, bool]]:
    """(BaseFont, has an embedded TrueType program) for every font the pages use."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found.append((str(font["/BaseFont"]), embedded))
    return found


def test_page_furniture(test_templates):
    pdf = render_pdf(
        "documents_test/letter.html",
        {"note": "A note", "paragraphs": ["Long paragraph about goals. " * 40] * 12},
        title="Half-year assessment",
        student_name="Kari Solvang",
        confidentiality="Unntatt offentlighet, offl. § 13",
        language="en",
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert "Kari Solvang" in text
        assert "Half-year assessment" in text
        assert "Unntatt offentlighet, offl. § 13" in text
        assert f"Page {number} of {len(reader.pages)}" in text


@pytest.mark.parametrize("language", list(WORDS))
def test_fonts_cover_norwegian_swedish_and_serbian(test_templates, language):
    words = WORDS[language]
    pdf = render_pdf(
        "documents_test/letter.html",
        {"note": words},
        title=words[:20],
        student_name="Ђорђе Чолић",
        language=language,
    )
    text = text_of(pdf)
    assert words in text
    assert "Ђорђе Чолић" in text
    fonts = fonts_of(pdf)
    assert fonts, "no fonts on the page"
    assert all(embedded for _, embedded in fonts), fonts
    assert all("DejaVu" in name for name, _ in fonts), fonts


def test_page_counter_follows_the_language(monkeypatch):
    monkeypatch.setattr(
        r, "gettext", lambda s: "Страна %(page)s од %(pages)s" if "Page" in s else s
    )
    assert r._page_counter_content() == '"Страна " counter(page) " од " counter(pages)'
    monkeypatch.setattr(r, "gettext", lambda s: "%(pages)s中%(page)s页" if "Page" in s else s)
    assert r._page_counter_content() == 'counter(pages) "中" counter(page) "页"'


def test_css_strings_cannot_break_out():
    hostile = 'Kari"; } @page { @top-left { content: url(file:///etc/passwd) } } /*\\'
    quoted = r.css_string(hostile)
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    assert '"' not in inner.replace("\\000022", "")
    assert "\\00005c" in inner  # the backslash itself is escaped
    import tinycss2

    css = r.page_css(title="t", student_name=hostile, confidentiality="")
    rules = list(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))
    assert [x.type for x in rules] == ["at-rule"]
    margins = list(tinycss2.parse_blocks_contents(rules[0].content, skip_whitespace=True))
    top_left = next(m for m in margins if m.type == "at-rule" and m.lower_at_keyword == "top-left")
    (declaration,) = tinycss2.parse_blocks_contents(top_left.content, skip_whitespace=True)
    values = [v for v in declaration.value if v.type != "whitespace"]
    assert [v.type for v in values] == ["string"] and values[0].value == hostile


@pytest.mark.parametrize(
    "note",
    [
        "file:///etc/passwd",
        "see http://{host}/leak.png and https://example.org/x.png",
        '<img src="http://{host}/img.png"><img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="http://{host}/x.css"><iframe src="file:///etc/passwd"></iframe>',
    ],
)
@pytest.mark.parametrize("template", ["documents_test/letter.html", "documents_test/unsafe.html"])
def test_text_from_users_never_fetches_anything(
    test_templates, http_server, template, note, monkeypatch
):
    host = http_server.url.removeprefix("http://")
    note = note.format(host=host)
    fetchers = []
    real = r.make_fetcher

    def spy():
        fetcher = real()
        fetchers.append(fetcher)
        return fetcher

    monkeypatch.setattr(r, "make_fetcher", spy)
    style = f"body {{ background: url(http://{host}/bg.png) }} @import url(file:///etc/passwd);"
    pdf = render_pdf(template, {"note": note, "style": style}, title="Notes", student_name="Ola")
    assert pdf.startswith(b"%PDF-")
    assert http_server.hits == []
    text = text_of(pdf)
    assert "root:x:0:0" not in text
    if template.endswith("letter.html"):
        assert (
            note in text.replace("\n", " ").replace("  ", " ") or "passwd" in text
        )  # shown as text
    else:
        refused = [u for f in fetchers for u in f.refused]
        assert any(host in u or u.startswith("file:") for u in refused), refused


def test_the_portal_static_files_load(test_templates, monkeypatch):
    fetchers = []
    real = r.make_fetcher
    monkeypatch.setattr(r, "make_fetcher", lambda: fetchers.append(real()) or fetchers[-1])
    pdf = render_pdf("documents_test/static_link.html", {"note": "x"}, title="Static")
    assert pdf.startswith(b"%PDF-")
    served = [u for f in fetchers for u in f.served]
    assert any(u.endswith("/static/documents/print.css") for u in served), served


@pytest.mark.parametrize(
    "url,allowed",
    [
        ("https://portal.invalid/static/documents/print.css", True),
        ("https://portal.invalid/static/documents/../../../../etc/passwd", False),
        ("https://portal.invalid/static/%2e%2e/%2e%2e/settings.py", False),
        ("https://portal.invalid/static//etc/passwd", False),
        ("https://portal.invalid/media/x.png", False),
        ("file:///etc/passwd", False),
        ("http://127.0.0.1/static/documents/print.css", False),
        ("data:text/css,body{}", False),
    ],
)
def test_fetcher(url, allowed):
    fetcher = r.make_fetcher()
    if allowed:
        response = fetcher(url)
        assert b"@page" in response.read()
        response.close()
    else:
        with pytest.raises(ValueError):
            fetcher(url)
        assert fetcher.refused == [url]


def test_an_unchanged_document_is_rendered_once(test_templates, monkeypatch, private_root):
    calls = []
    real = r.html_to_pdf
    monkeypatch.setattr(r, "html_to_pdf", lambda *a, **k: calls.append(1) or real(*a, **k))
    args = ("documents_test/letter.html", {"note": "same"})
    first = render_pdf(*args, title="T", student_name="Ola")
    second = render_pdf(*args, title="T", student_name="Ola")
    assert first == second and len(calls) == 1
    render_pdf("documents_test/letter.html", {"note": "changed"}, title="T", student_name="Ola")
    render_pdf(*args, title="T", student_name="Mia")
    assert len(calls) == 3
    cache_files = list((private_root / "cache").rglob("*.pdf"))
    assert len(cache_files) == 3
