"""The booklet as a PDF: contents with true page numbers, appendix, cache, safe fetching."""

import io
import re
import urllib.request
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from pypdf import PdfReader

from portal.guidance import pdf as booklet_pdf_module
from portal.guidance.pdf import FetchRefused, StaticOnlyURLFetcher, static_file_for

from .conftest import chapters_of, publish, stream

pytestmark = pytest.mark.django_db


def page_texts(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [page.extract_text() or "" for page in reader.pages]


def make_long(chapter, paragraphs=70):
    """Give a chapter enough text to run over several pages."""
    text = "".join(
        f"<p>Paragraph {n} of a long chapter about applications, deadlines and rights, "
        "written to fill the page so that the next chapter starts later.</p>"
        for n in range(paragraphs)
    )
    chapter.body = stream(("rich_text", text)) + list(chapter.body.raw_data)
    return publish(chapter)


@pytest.fixture
def long_booklet(make_booklet):
    booklet = make_booklet(chapters=5)
    chapters = chapters_of(booklet)
    make_long(chapters[1])
    make_long(chapters[3], paragraphs=120)
    booklet.refresh_from_db()
    return booklet


def test_pdf_contents_page_numbers_point_at_the_chapter_headings(long_booklet):
    data = booklet_pdf_module.render_booklet_pdf(long_booklet)
    texts = page_texts(data)
    assert texts[0].count("Special intake 2025/26") >= 1  # the cover
    toc = texts[1]

    expected = {c.title: None for c in chapters_of(long_booklet)}
    for title in expected:
        match = re.search(re.escape(title) + r"[\s.]*?(\d+)\s*$", toc, re.MULTILINE)
        assert match, f"{title} is missing from the contents"
        expected[title] = int(match.group(1))

    numbers = list(expected.values())
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    # The long chapters push the later ones several pages on.
    assert numbers[2] - numbers[1] >= 2 and numbers[4] - numbers[3] >= 3
    for title, number in expected.items():
        page = texts[number - 1]
        assert title in page, f"{title} not on page {number}"
        # ... and it starts there: the page before belongs to another chapter.
        if number - 2 > 1:
            assert title not in texts[number - 2], f"{title} already on page {number - 1}"

    # The appendix is in the contents too, with its own true page number.
    appendix_titles = re.findall(
        r"^(.*legal.*?)[\s.]*?(\d+)\s*$", toc, re.MULTILINE | re.IGNORECASE
    )
    assert appendix_titles, toc
    heading, number = appendix_titles[-1][0].strip(" ."), int(appendix_titles[-1][1])
    assert heading in texts[number - 1]
    assert "Braille" in texts[number - 1] and "Sign language" in texts[number - 1]

    # Every page but the cover is numbered "Page n of N" in the booklet's language.
    total = len(texts)
    with translation.override(long_booklet.locale.language_code):
        footer = translation.gettext("Page %(page)s of %(pages)s")
    for number in (2, 3, total):
        assert footer % {"page": number, "pages": total} in texts[number - 1]
    assert footer % {"page": 1, "pages": total} not in texts[0]
    # Pages inside chapter 4 carry the booklet's and the chapter's titles as running headers.
    inside = [n for n, text in enumerate(texts) if "Chapter title 04" in text and n > 1]
    assert len(inside) >= 3
    assert all("Special intake 2025/26" in texts[n] for n in inside)


def test_pdf_is_cached_until_the_booklet_or_a_chapter_is_published_again(make_booklet):
    long_booklet = make_booklet(chapters=2)
    cache.clear()

    def fake_render(booklet):
        return b"%PDF-1.7 " + booklet_pdf_module.edition_key(booklet).encode()

    with mock.patch.object(
        booklet_pdf_module, "render_booklet_pdf", side_effect=fake_render
    ) as render:
        first_key = booklet_pdf_module.cache_key(long_booklet)
        first = booklet_pdf_module.booklet_pdf(long_booklet)
        again = booklet_pdf_module.booklet_pdf(long_booklet)
        assert render.call_count == 1 and first == again

        publish(long_booklet)
        second_key = booklet_pdf_module.cache_key(long_booklet)
        assert second_key != first_key
        assert str(long_booklet.live_revision_id) in second_key
        booklet_pdf_module.booklet_pdf(long_booklet)
        assert render.call_count == 2

        publish(chapters_of(long_booklet)[0])
        assert booklet_pdf_module.cache_key(long_booklet) != second_key
        booklet_pdf_module.booklet_pdf(long_booklet)
        assert render.call_count == 3


def test_pdf_download_from_the_booklet_page(client, make_booklet):
    booklet = make_booklet(chapters=2)
    response = client.get(f"{booklet.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{booklet.slug}.pdf"'
    assert PdfReader(io.BytesIO(response.content)).pages


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.com/tracker.png",
        "http://portal.invalid/static/guidance/booklet-pdf.css",
        "https://portal.invalid/media/documents/x.pdf",
        "https://portal.invalid/static/../../../etc/passwd",
        "https://portal.invalid/static/guidance/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "https://portal.invalid/static/guidance/booklet-pdf.css?x=1",
        "data:text/plain,hello",
        "ftp://portal.invalid/static/guidance/booklet-pdf.css",
    ],
)
def test_fetcher_refuses_everything_but_static_files(url):
    fetcher = StaticOnlyURLFetcher()
    with pytest.raises(FetchRefused):
        fetcher(url)
    assert fetcher.refused == [url]
    assert static_file_for(url) is None


def test_fetcher_serves_the_portals_static_files():
    fetcher = StaticOnlyURLFetcher()
    response = fetcher("https://portal.invalid/static/guidance/booklet-pdf.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"
    assert fetcher.served == ["https://portal.invalid/static/guidance/booklet-pdf.css"]


def test_rich_text_cannot_make_the_renderer_read_files_or_call_hosts(make_booklet):
    booklet = make_booklet(chapters=1)
    chapter = chapters_of(booklet)[0]
    chapter.body = stream(
        (
            "rich_text",
            '<p>Before</p><img src="file:///etc/passwd" alt="x">'
            '<img src="https://example.com/tracker.png" alt="y">'
            '<p style="background: url(file:///etc/hostname)">After</p>',
        )
    )
    publish(chapter)
    fetcher = StaticOnlyURLFetcher()
    with mock.patch.object(urllib.request.OpenerDirector, "open") as opener:
        data = booklet_pdf_module.render_booklet_pdf(booklet, fetcher=fetcher)
    opener.assert_not_called()  # nothing went through urllib: no file read, no request made
    assert "file:///etc/passwd" in fetcher.refused
    assert "https://example.com/tracker.png" in fetcher.refused
    assert "file:///etc/hostname" in fetcher.refused
    assert fetcher.served == ["https://portal.invalid/static/guidance/booklet-pdf.css"]
    text = "".join(page_texts(data))
    assert "Before" in text and "After" in text
    assert "root:" not in text


def test_the_booklet_pdf_is_tagged_with_language_and_title(make_booklet):
    from tests.pdf_structure import assert_accessible_pdf

    booklet = make_booklet(chapters=2)
    data = booklet_pdf_module.render_booklet_pdf(booklet)
    language = booklet.locale.language_code
    roles = assert_accessible_pdf(data, language=settings.LANGUAGE_TAGS.get(language, language))
    assert roles.count("/H2") + roles.count("/H1") >= 2
