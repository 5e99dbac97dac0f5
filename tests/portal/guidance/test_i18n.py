"""Languages: Wagtail locales for every UI language, and the switcher finds a page's counterpart."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .conftest import chapters_of, publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_ui_language_is_a_wagtail_content_language(code):
    assert get_supported_content_language_variant(code) == code
    locale = Locale.objects.get_or_create(language_code=code)[0]
    with translation.override(code):
        assert Locale.get_active() == locale
    assert locale.get_display_name() == dict(settings.WAGTAIL_CONTENT_LANGUAGES)[code]


@pytest.fixture
def translated(make_booklet, other_locale):
    """A booklet with its first chapter translated under a different slug."""
    booklet = make_booklet(chapters=2)
    booklet_t = booklet.copy_for_translation(other_locale, copy_parents=True)
    booklet_t.title = "Særskilt inntak 2025/26"
    publish(booklet_t)
    first = chapters_of(booklet)[0]
    first_t = first.copy_for_translation(other_locale)
    first_t.title = "Kapittel én"
    first_t.slug = "kapittel-en"
    publish(first_t)
    return {
        "booklet": booklet,
        "booklet_t": booklet_t,
        "first": first,
        "first_t": first_t,
        "code": other_locale.language_code,
    }


def test_the_language_switcher_lands_on_the_translated_page(translated):
    reader = Client()
    first, first_t = translated["first"], translated["first_t"]
    page = reader.get(first.url).content.decode()
    next_url = re.search(r'<input name="next" type="hidden" value="([^"]+)">', page).group(1)
    assert next_url == f"/i18n/page/{first.pk}/"

    response = reader.post(
        "/i18n/setlang/", {"language": translated["code"], "next": next_url}, follow=True
    )
    assert response.redirect_chain[-1][0] == first_t.url
    html = response.content.decode()
    assert "Kapittel én" in html
    assert f'lang="{translated["code"]}"' in html


def test_switching_to_a_language_without_translation_stays_on_the_page(translated):
    reader = Client()
    second = chapters_of(translated["booklet"])[1]
    response = reader.post(
        "/i18n/setlang/",
        {"language": translated["code"], "next": f"/i18n/page/{second.pk}/"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Chapter title 02" in response.content.decode()


def test_pages_list_their_translations(client, translated):
    html = client.get(translated["first"].url).content.decode()
    block = html[html.index('class="translations"') :]
    assert f'<input type="hidden" name="language" value="{translated["code"]}">' in block
    assert f'<input type="hidden" name="next" value="{translated["first_t"].url}">' in block


def test_counterpart_view_refuses_unpublished_pages(client, translated):
    draft = translated["first"]
    draft.unpublish()
    assert client.get(f"/i18n/page/{draft.pk}/").status_code == 404


def test_the_language_form_keeps_the_path_outside_the_page_tree(client, db):
    html = client.get("/search/?q=x").content.decode()
    assert '<input name="next" type="hidden" value="/search/?q=x">' in html


def test_an_untranslated_chapter_is_reachable_in_the_other_language(translated):
    reader = Client()
    reader.cookies["django_language"] = translated["code"]
    # The booklet exists in both languages; its second chapter only in the first.
    second = chapters_of(translated["booklet"])[1]
    response = reader.get(second.url)
    assert response.status_code == 200
    assert "Chapter title 02" in response.content.decode()
    # The translated booklet itself is what this reader gets at the booklet's address.
    booklet_html = reader.get(translated["booklet"].url).content.decode()
    assert "Særskilt inntak 2025/26" in booklet_html
    assert reader.get(translated["booklet"].url + "no-such-chapter/").status_code == 404
