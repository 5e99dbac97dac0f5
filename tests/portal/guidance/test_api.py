"""Headless use: the guidance pages and their blocks as JSON at /api/v2/pages/."""

import pytest

from .conftest import chapters_of

pytestmark = pytest.mark.django_db


def test_booklets_are_listed_with_their_fields(client, make_booklet):
    booklet = make_booklet(chapters=3)
    response = client.get("/api/v2/pages/", {"type": "guidance.BookletPage", "fields": "*"})
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["id"] == booklet.pk
    assert item["school_year_start"] == 2025 and item["school_year"] == "2025/26"
    assert item["introduction"] == "<p>Welcome to the intake year.</p>"
    assert [c["title"] for c in item["chapter_list"]] == [
        "Chapter title 01",
        "Chapter title 02",
        "Chapter title 03",
    ]
    assert [r["section"] for r in item["legal_references"]] == ["§ 3-9", "§ 3-10", "§ 5-1"]
    assert item["pdf_url"].endswith(f"{booklet.slug}/pdf/")
    assert item["contacts"][0]["value"]["name"] == "Kari Contact"


def test_a_chapter_serves_its_blocks_as_structured_json(client, make_booklet, legal_refs):
    booklet = make_booklet(chapters=1)
    chapter = chapters_of(booklet)[0]
    data = client.get(f"/api/v2/pages/{chapter.pk}/").json()

    assert data["meta"]["type"] == "guidance.ChapterPage"
    assert data["meta"]["parent"]["id"] == booklet.pk
    blocks = {block["type"]: block["value"] for block in data["body"]}
    assert set(blocks) == {"rich_text", "deadline_calendar", "legal_reference", "info"}
    rows = blocks["deadline_calendar"]["rows"]
    assert rows[0]["action"] == "Apply for extension"
    assert rows[0]["starts"] == "2026-01-15" and rows[0]["ends"] is None
    assert rows[2]["when_text"] == "continuously"
    reference = blocks["legal_reference"]["reference"]
    assert reference == legal_refs["5-1"].as_dict()
    assert blocks["legal_reference"]["comment"] == "Applies here."
    assert blocks["info"]["heading"] == "Good to know"


def test_chapters_of_a_booklet_come_in_reading_order(client, make_booklet):
    booklet = make_booklet(chapters=3)
    first, second, third = chapters_of(booklet)
    third.move(first, pos="left")
    data = client.get(
        "/api/v2/pages/",
        {"child_of": booklet.pk, "type": "guidance.ChapterPage", "fields": "summary"},
    ).json()
    assert [item["title"] for item in data["items"]] == [
        "Chapter title 03",
        "Chapter title 01",
        "Chapter title 02",
    ]
    assert data["items"][0]["summary"] == "Summary of chapter 3."


def test_unpublished_pages_are_not_served(client, make_booklet):
    booklet = make_booklet(chapters=2)
    hidden = chapters_of(booklet)[1]
    hidden.unpublish()
    listed = client.get("/api/v2/pages/", {"type": "guidance.ChapterPage"}).json()
    assert hidden.pk not in [item["id"] for item in listed["items"]]
    assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404


def test_pages_can_be_filtered_by_language(client, make_booklet, other_locale):
    booklet = make_booklet(chapters=1)
    translated = booklet.copy_for_translation(other_locale, copy_parents=True)
    translated.save_revision().publish()
    data = client.get(
        "/api/v2/pages/", {"type": "guidance.BookletPage", "locale": other_locale.language_code}
    ).json()
    assert [item["id"] for item in data["items"]] == [translated.pk]
    both = client.get("/api/v2/pages/", {"translation_of": booklet.pk}).json()
    assert [item["id"] for item in both["items"]] == [translated.pk]
