"""The editing interface for every guidance page type and the legal-reference snippets."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.guidance.models import BookletPage, ChapterPage, GuidanceArticlePage

from .conftest import chapters_of, items, publish, stream

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(verified_client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    return verified_client(user)


@pytest.fixture
def every_block(make_booklet, legal_refs):
    """A chapter that uses every kind of block."""
    booklet = make_booklet(chapters=1)
    chapter = chapters_of(booklet)[0]
    chapter.body = list(chapter.body.raw_data) + stream(
        ("tip", {"heading": "", "text": "<p>Tip</p>"}),
        (
            "form_template",
            {"title": "Form", "description": "", "plugin_form": "", "document": None},
        ),
        (
            "statistics",
            {
                "caption": "Figures",
                "row_heading": "Group",
                "columns": items("2024/25"),
                "rows": items({"label": "A", "values": items(3.0), "is_total": False}),
                "note": "",
                "show_chart": True,
            },
        ),
        (
            "contact",
            {"name": "N", "role": "", "organisation": "", "phone": "", "email": "", "note": ""},
        ),
    )
    publish(chapter)
    return booklet, chapter


def test_edit_views_render_for_every_page_type(admin_client, every_block, guidance_index):
    booklet, chapter = every_block
    article = guidance_index.add_child(
        instance=GuidanceArticlePage(title="Article", slug="article", body=chapter.body.raw_data)
    )
    for page in (booklet, chapter, article, guidance_index, guidance_index.get_parent()):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    for model, parent in ((BookletPage, guidance_index), (ChapterPage, booklet)):
        url = reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
        assert admin_client.get(url).status_code == 200


def test_legal_references_are_managed_as_snippets(admin_client, legal_refs):
    listing = admin_client.get(reverse("wagtailsnippets_guidance_legalreference:list"))
    assert listing.status_code == 200
    assert "Sign language" in listing.content.decode()
    edit = admin_client.get(
        reverse("wagtailsnippets_guidance_legalreference:edit", args=[legal_refs["3-9"].pk])
    )
    assert edit.status_code == 200


def test_editors_may_manage_legal_references(db):
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_legalreference", "change_legalreference", "delete_legalreference"} <= codenames
    assert "submit_translation" in codenames


def test_an_editor_translates_a_booklet_with_its_chapters(
    make_booklet, other_locale, verified_client
):
    from django.contrib.auth.models import Group

    booklet = make_booklet(chapters=3)
    editor = get_user_model().objects.create_user("translator", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = verified_client(editor)
    # Wagtail translates a page under its parent's translation: start from the site root.
    home = booklet.get_ancestors().get(depth=2)
    url = reverse("wagtail_localize:submit_page_translation", args=[home.pk])

    response = client.post(url, {"locales": [other_locale.pk], "include_subtree": "on"})

    assert response.status_code == 302
    translated = BookletPage.objects.get(
        translation_key=booklet.translation_key, locale=other_locale
    )
    assert translated.get_parent().specific.locale == other_locale
    assert [c.translation_key for c in chapters_of(translated)] == [
        c.translation_key for c in chapters_of(booklet)
    ]
    assert not translated.live  # a draft until the translator publishes it
