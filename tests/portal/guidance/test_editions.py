"""Next year's edition: one action copies the booklet, its chapters and blocks, a year later."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import PageLogEntry

from portal.guidance import editions
from portal.guidance.models import BookletPage, ChapterPage
from portal.guidance.streams import deadline_entries, legal_reference_ids, raw_stream

from .conftest import chapters_of, publish

pytestmark = pytest.mark.django_db


def dates_of(page):
    return [(e.action, e.starts, e.ends) for e in deadline_entries(raw_stream(page.body))]


def test_next_edition_is_a_draft_one_year_later_with_every_chapter(make_booklet):
    booklet = make_booklet(chapters=3, year=2025)
    sources = chapters_of(booklet)

    new = editions.create_next_edition(booklet)

    assert isinstance(new, BookletPage)
    assert new.get_parent().pk == booklet.get_parent().pk
    assert new.school_year_start == 2026
    assert new.title == "Special intake 2026/27"
    assert new.slug == "special-intake-2026-27"
    assert not new.live and new.has_unpublished_changes
    assert new.introduction == booklet.introduction
    assert list(new.contacts.raw_data) == list(booklet.contacts.raw_data)

    copies = chapters_of(new)
    assert [c.title for c in copies] == [c.title for c in sources]
    assert all(not c.live for c in copies)
    for source, copy in zip(sources, copies, strict=True):
        assert [b["type"] for b in copy.body.raw_data] == [b["type"] for b in source.body.raw_data]
        assert legal_reference_ids(raw_stream(copy.body)) == legal_reference_ids(
            raw_stream(source.body)
        )
        assert dates_of(copy) == [
            ("Apply for extension", datetime.date(2027, 1, 15), None),
            ("Special intake", datetime.date(2027, 2, 1), datetime.date(2027, 2, 28)),
            ("Continuous follow-up", None, None),
        ]
        # The source keeps its dates.
        assert dates_of(source)[0][1] == datetime.date(2026, 1, 15)
        # Editors open the latest revision: it has the new dates too.
        draft = copy.get_latest_revision_as_object()
        assert dates_of(draft) == dates_of(copy)


def test_29_february_becomes_28_february(make_booklet):
    booklet = make_booklet(chapters=1, year=2027)  # its period ends on 29 February 2028
    assert dates_of(chapters_of(booklet)[0])[1][2] == datetime.date(2028, 2, 29)
    new = editions.create_next_edition(booklet)
    assert dates_of(chapters_of(new)[0])[1] == (
        "Special intake",
        datetime.date(2029, 2, 1),
        datetime.date(2029, 2, 28),
    )


def test_the_same_edition_cannot_be_created_twice(make_booklet):
    booklet = make_booklet(chapters=1, year=2025)
    new = editions.create_next_edition(booklet)
    with pytest.raises(editions.EditionExists) as excinfo:
        editions.create_next_edition(booklet)
    assert excinfo.value.existing.pk == new.pk
    assert BookletPage.objects.filter(school_year_start=2026).count() == 1


def test_year_labels_move_on():
    assert (
        editions.shift_year_labels("Intake 2025/26 and 2025/2026", 2025)
        == "Intake 2026/27 and 2026/2027"
    )
    assert editions.shift_year_labels("special-intake-2025-26", 2025) == "special-intake-2026-27"
    assert editions.shift_year_labels("Founded 2025", 2025) == "Founded 2025"
    assert editions.shift_year_labels("2099/00", 2099) == "2100/01"


def test_title_without_a_year_gets_one(make_booklet):
    booklet = make_booklet(chapters=1, year=2025, title="Special intake", slug="special-intake")
    new = editions.create_next_edition(booklet)
    assert new.title == "Special intake 2026/27"
    assert new.slug == "special-intake-2026"


def test_translations_of_a_booklet_stay_translations_in_the_next_edition(
    make_booklet, other_locale
):
    booklet = make_booklet(chapters=2, year=2025)
    translated = booklet.copy_for_translation(other_locale, copy_parents=True)
    publish(translated)
    for chapter in chapters_of(booklet):
        publish(chapter.copy_for_translation(other_locale))

    new = editions.create_next_edition(booklet)
    new_translated = editions.create_next_edition(BookletPage.objects.get(pk=translated.pk))

    assert new.translation_key == new_translated.translation_key
    assert new.translation_key not in (booklet.translation_key, translated.translation_key)
    assert [c.translation_key for c in chapters_of(new)] == [
        c.translation_key for c in chapters_of(new_translated)
    ]
    assert new.get_translations().get().pk == new_translated.pk


# -- the admin action -------------------------------------------------------


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_admin_action_confirms_then_creates_the_edition(make_booklet, editor, verified_client):
    booklet = make_booklet(chapters=2, year=2025)
    client = verified_client(editor)
    url = reverse("guidance_next_edition", args=[booklet.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "2026/27" in confirm.content.decode()
    assert not BookletPage.objects.filter(school_year_start=2026).exists()

    response = client.post(url)
    new = BookletPage.objects.get(school_year_start=2026)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[new.pk])
    assert ChapterPage.objects.child_of(new).count() == 2
    assert new.owner == editor
    assert PageLogEntry.objects.filter(page=new, action=editions.LOG_ACTION, user=editor).exists()

    again = client.post(url)
    assert again["Location"] == reverse("wagtailadmin_pages:edit", args=[new.pk])
    assert BookletPage.objects.filter(school_year_start=2026).count() == 1


def test_admin_action_needs_permission_to_add_pages(make_booklet, verified_client, db):
    booklet = make_booklet(chapters=1)
    admin_only = Group.objects.create(name="Admin access only")
    admin_only.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user("reader", password="x")
    user.groups.add(admin_only)
    client = verified_client(user)
    url = reverse("guidance_next_edition", args=[booklet.pk])

    # Wagtail's admin turns the refusal into a redirect to the dashboard with a message.
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not BookletPage.objects.filter(school_year_start=2026).exists()
    listing = client.get(reverse("wagtailadmin_explore", args=[booklet.get_parent().pk]))
    assert url not in listing.content.decode()


def test_admin_action_is_offered_on_booklets_only(make_booklet, editor, verified_client):
    booklet = make_booklet(chapters=1)
    chapter = chapters_of(booklet)[0]
    client = verified_client(editor)
    url = reverse("guidance_next_edition", args=[booklet.pk])

    listing = client.get(reverse("wagtailadmin_explore", args=[booklet.get_parent().pk]))
    assert url in listing.content.decode()
    header = client.get(reverse("wagtailadmin_pages:edit", args=[booklet.pk]))
    assert url in header.content.decode()
    chapter_listing = client.get(reverse("wagtailadmin_explore", args=[booklet.pk]))
    assert (
        reverse("guidance_next_edition", args=[chapter.pk]) not in chapter_listing.content.decode()
    )
    assert client.get(reverse("guidance_next_edition", args=[chapter.pk])).status_code == 404
