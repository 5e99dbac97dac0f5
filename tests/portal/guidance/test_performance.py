"""Guidance pages render with a fixed number of queries, whatever the booklet's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import chapters_of

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def small_and_large(make_booklet):
    small = make_booklet(chapters=3, year=2024)
    large = make_booklet(chapters=30, year=2025)
    return small, large


def test_booklet_page_queries_do_not_grow_with_chapters(
    client, small_and_large, django_assert_max_num_queries
):
    small, large = small_and_large
    for booklet in (small, large):  # warm the per-process caches (content types, site roots)
        client.get(booklet.url)
    budget = count_queries(client, small.url)
    with django_assert_max_num_queries(budget):
        response = client.get(large.url)
    assert response.content.decode().count("Chapter title ") >= 30


def test_chapter_page_queries_do_not_grow_with_chapters(
    client, small_and_large, django_assert_max_num_queries
):
    small, large = small_and_large
    small_chapter, large_chapter = chapters_of(small)[1], chapters_of(large)[15]
    for chapter in (small_chapter, large_chapter):
        client.get(chapter.url)
    budget = count_queries(client, small_chapter.url)
    with django_assert_max_num_queries(budget):
        response = client.get(large_chapter.url)
    assert "Chapter 16 of 30" in response.content.decode()


def test_home_page_queries_do_not_grow_with_chapters(
    client, make_booklet, django_assert_max_num_queries
):
    booklet = make_booklet(chapters=3, year=2025)
    client.get("/")
    budget = count_queries(client, "/")
    for n in range(27):
        chapters_of(booklet)[0].copy(
            to=booklet, update_attrs={"slug": f"extra-{n}", "title": f"Extra {n}"}, keep_live=True
        )
    client.get("/")
    with django_assert_max_num_queries(budget):
        client.get("/")


def test_the_budget_is_small_enough_to_notice_an_n_plus_one(client, make_booklet):
    booklet = make_booklet(chapters=3)
    # A page that loaded each chapter separately would need well over this.
    assert count_queries(client, booklet.url) < 25
