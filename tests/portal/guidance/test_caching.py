"""Anonymous readers get pages from a cache cleared on publish; signed-in readers never do."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.guidance import caching
from portal.guidance.models import LegalReference

from .conftest import chapters_of, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300


def token_of(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_second_anonymous_read_comes_from_the_cache(make_booklet):
    booklet = make_booklet(chapters=3)
    first_reader, second_reader = Client(), Client()

    with CaptureQueriesContext(connection) as miss_queries:
        miss = first_reader.get(booklet.url)
    with CaptureQueriesContext(connection) as hit_queries:
        hit = second_reader.get(booklet.url)

    assert miss["X-Portal-Cache"] == "miss" and hit["X-Portal-Cache"] == "hit"
    assert len(hit_queries) < len(miss_queries)
    # Same page, but each reader gets a CSRF token of their own, with its cookie.
    miss_html, hit_html = miss.content.decode(), hit.content.decode()
    assert token_of(miss_html) != token_of(hit_html)
    assert caching.CSRF_PLACEHOLDER.decode() not in hit_html
    assert re.sub(r'value="[^"]{64}"', "", miss_html) == re.sub(r'value="[^"]{64}"', "", hit_html)
    assert "csrftoken" in hit.cookies


def test_the_language_form_works_on_a_cached_page(make_booklet):
    booklet = make_booklet(chapters=1)
    Client().get(booklet.url)  # fills the cache
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(booklet.url)
    assert page["X-Portal-Cache"] == "hit"
    response = reader.post(
        "/i18n/setlang/",
        {
            "language": "nb",
            "next": booklet.url,
            "csrfmiddlewaretoken": token_of(page.content.decode()),
        },
    )
    assert response.status_code == 302


def test_publishing_clears_the_cache(make_booklet):
    booklet = make_booklet(chapters=3)
    reader = Client()
    reader.get(booklet.url)
    assert reader.get(booklet.url)["X-Portal-Cache"] == "hit"

    chapter = chapters_of(booklet)[0]
    chapter.title = "A renamed chapter"
    publish(chapter)  # publishing a chapter changes the booklet's contents list

    fresh = reader.get(booklet.url)
    assert fresh["X-Portal-Cache"] == "miss"
    assert "A renamed chapter" in fresh.content.decode()


def test_saving_a_legal_reference_clears_the_cache(make_booklet, legal_refs):
    booklet = make_booklet(chapters=1)
    chapter = chapters_of(booklet)[0]
    reader = Client()
    reader.get(chapter.url)
    reference = LegalReference.objects.get(pk=legal_refs["5-1"].pk)
    reference.title = "Right to special education, reworded"
    reference.save()
    fresh = reader.get(chapter.url)
    assert fresh["X-Portal-Cache"] == "miss"
    assert "reworded" in fresh.content.decode()


def test_signed_in_readers_bypass_the_cache_and_see_their_own_header(make_booklet, verified_client):
    booklet = make_booklet(chapters=1)
    Client().get(booklet.url)
    user = get_user_model().objects.create_user("reader", password="x")
    response = verified_client(user).get(booklet.url)

    assert "X-Portal-Cache" not in response
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "accounts/logout" in html
    # ... and their header never reaches the cache for others.
    anonymous = Client().get(booklet.url)
    assert anonymous["X-Portal-Cache"] == "hit"
    assert "accounts/logout" not in anonymous.content.decode()


def test_readers_with_a_session_are_not_served_from_the_cache(make_booklet):
    booklet = make_booklet(chapters=1)
    Client().get(booklet.url)
    reader = Client()
    reader.cookies["sessionid"] = "some-session"
    assert "X-Portal-Cache" not in reader.get(booklet.url)


def test_languages_are_cached_apart(make_booklet):
    booklet = make_booklet(chapters=1)
    english, norwegian = Client(), Client()
    norwegian.cookies["django_language"] = "nb"
    english.cookies["django_language"] = "en"
    english.get(booklet.url)
    response = norwegian.get(booklet.url)
    assert response["X-Portal-Cache"] == "miss"
    assert 'lang="nb"' in response.content.decode()


def test_cache_can_be_switched_off(make_booklet, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    booklet = make_booklet(chapters=1)
    reader = Client()
    reader.get(booklet.url)
    assert "X-Portal-Cache" not in reader.get(booklet.url)


def test_query_strings_are_not_cached(make_booklet):
    booklet = make_booklet(chapters=1)
    reader = Client()
    reader.get(booklet.url + "?utm=1")
    assert "X-Portal-Cache" not in reader.get(booklet.url + "?utm=1")
    assert reader.get(booklet.url)["X-Portal-Cache"] == "miss"
