"""Search over guidance pages, with excerpts that show where the words were found."""

import pytest
from django.utils import translation

from portal.guidance.views import excerpt

from .conftest import chapters_of, publish, stream

pytestmark = pytest.mark.django_db


def test_search_finds_a_chapter_by_words_in_its_blocks(client, make_booklet):
    booklet = make_booklet(chapters=3)
    response = client.get("/search/", {"q": "chapter02"})
    html = response.content.decode()
    assert response.status_code == 200
    second = chapters_of(booklet)[1]
    assert f'href="{second.url}"' in html
    assert "<mark>chapter02</mark>" in html
    assert "Chapter title 01" not in html


def test_search_result_count_and_pagination(client, make_booklet):
    make_booklet(chapters=12)
    html = client.get("/search/", {"q": "unique body words"}).content.decode()
    assert html.count('<p class="excerpt">') == 10
    assert 'rel="next"' in html
    second_page = client.get("/search/", {"q": "unique body words", "page": 2}).content.decode()
    assert second_page.count('<p class="excerpt">') == 2


def test_search_skips_unpublished_pages(client, make_booklet):
    booklet = make_booklet(chapters=2)
    chapters_of(booklet)[1].unpublish()
    html = client.get("/search/", {"q": "chapter02"}).content.decode()
    assert "Chapter title 02" not in html


def test_search_answers_in_the_readers_language(client, make_booklet, other_locale):
    booklet = make_booklet(chapters=1)
    chapter = chapters_of(booklet)[0]
    translated_booklet = booklet.copy_for_translation(other_locale, copy_parents=True)
    publish(translated_booklet)
    translated = chapter.copy_for_translation(other_locale)
    translated.title = "Oversatt kapittel"
    translated.body = stream(("rich_text", "<p>Unique body words chapter01 på norsk.</p>"))
    publish(translated)

    default_html = client.get("/search/", {"q": "chapter01"}).content.decode()
    assert "Chapter title 01" in default_html and "Oversatt kapittel" not in default_html

    client.cookies["django_language"] = other_locale.language_code
    other_html = client.get("/search/", {"q": "chapter01"}).content.decode()
    assert "Oversatt kapittel" in other_html and "Chapter title 01" not in other_html


def test_search_escapes_what_it_echoes(client, make_booklet):
    make_booklet(chapters=1)
    html = client.get("/search/", {"q": '<script>alert("x")</script> chapter01'}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_search_form_is_labelled_and_empty_query_lists_nothing(client, db):
    with translation.override("en"):
        html = client.get("/search/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<label for="search-q">' in html and 'id="search-q"' in html
    assert 'role="search"' in html
    assert "search-results" not in html


def test_excerpt_marks_the_words_and_escapes_the_text():
    text = "Intro. " * 40 + "Apply by 1 February <b>before</b> the deadline. " + "Tail. " * 40
    html = excerpt(text, "february deadline")
    assert "<mark>February</mark>" in html and "<mark>deadline</mark>" in html
    assert "&lt;b&gt;before&lt;/b&gt;" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 400
    assert excerpt("Nothing here", "zzz") == "Nothing here"
