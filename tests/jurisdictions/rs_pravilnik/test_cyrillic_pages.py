# ruff: noqa: S101 (pytest tests assert)
"""A reader of Serbian Cyrillic sees no Latin script on the portal's pages (issue 17, item 5).

The start page, the menu and the family pages show what every installed plugin
registers: jurisdiction names, statuses, role names, schools and classes. For a
reader in sr-cyrl none of it may come out in Latin letters, whether it comes
from a catalogue or from data.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

#: Latin letters, with the accented ones of Serbian Latin and of the other portal languages.
LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ][\w.@/:-]*")

#: What may stay in Latin on a Cyrillic page, and why.
ALLOWED = [
    re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$"),  # e-mail addresses (demo-…@example.org)
    re.compile(r"^(https?://|www\.)\S+$"),  # addresses of web pages
    re.compile(r"^Wagtail$"),  # the CMS the portal is built on, a product name
]

#: Elements whose content is not shown as text.
HIDDEN = {"script", "style", "template", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class _Text(HTMLParser):
    """Collects the text a reader sees in Serbian Cyrillic.

    Left out: script and style, and what the page marks as another language with
    ``lang`` (the language switcher names each language in that language:
    "Norsk bokmål", "Svenska", "English").
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its content left out?
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        lang = (dict(attrs).get("lang") or "").lower()
        other_language = bool(lang) and lang not in ("sr", "sr-cyrl")
        skipped = bool(self.stack and self.stack[-1]) or tag in HIDDEN or other_language
        self.stack.append(skipped)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(page: str) -> str:
    """The text a reader sees: no markup, no script, no style, no text in another language."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    return " ".join(parser.parts)


def latin_words(text: str) -> list[str]:
    words = []
    for token in text.split():
        token = token.strip("()[]{},;:!?«»„“”\"'")
        if not LATIN_WORD.search(token):
            continue
        if any(rule.match(token) for rule in ALLOWED):
            continue
        words.append(token)
    return words


def test_visible_text_drops_markup_script_and_style():
    page = (
        '<p title="Latin">Ћао <b>свете</b>&nbsp;&amp;</p><script>var a = "x";</script>'
        '<style>p{}</style><select><option lang="nb">Norsk <b>bokmål</b></option>'
        '<option lang="sr-Cyrl">Српски</option></select><br><img alt="x"> крај'
    )
    assert visible_text(page).split() == ["Ћао", "свете", "&", "Српски", "крај"]
    assert latin_words("Ћао demo-rs-parent@example.org https://example.org/x Wagtail") == []
    assert latin_words("ОШ „Јаворов лист“ III-1 Mathematics") == ["III-1", "Mathematics"]


@pytest.mark.parametrize("username", ["demo-rs-parent", "demo-rs-team"])
@pytest.mark.parametrize("path", ["/start/", "/family/"])
def test_serbian_cyrillic_pages_show_no_latin(demo, verified_client, username, path):
    """A parent and the inclusive-education team (the coordinators) of the Serbian plugin."""
    client = verified_client(get_user_model().objects.get(username=username))
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="sr-cyrl", follow=True)
    assert response.status_code == 200
    assert response["Content-Language"] == "sr-cyrl"
    words = latin_words(visible_text(response.content.decode()))
    assert not words, f"{path} for {username} (ended at {response.request['PATH_INFO']}): {words}"


def test_the_start_chooser_names_other_plugins_in_cyrillic(demo, verified_client):
    """Work in three jurisdictions: the chooser and the menu name every plugin and entry."""
    from plugins.models import Organisation, RoleAssignment

    team = get_user_model().objects.get(username="demo-rs-team")
    for role, slug, code in (
        ("coordinator", "elvdal-lower-secondary", "no-iskole"),
        ("principal", "granbyskolan", "se-iup"),
    ):
        org = Organisation.objects.get(slug=slug)
        RoleAssignment.objects.create(
            person=team.person, role=role, organisation=org, jurisdiction=code
        )
    response = verified_client(team).get("/start/", HTTP_ACCEPT_LANGUAGE="sr-cyrl")
    assert response.status_code == 200
    assert len(response.context["places"]) >= 3
    words = latin_words(visible_text(response.content.decode()))
    assert not words, words


def test_the_curriculum_form_offers_only_the_schools_subjects_in_cyrillic(demo, verified_client):
    """The subject table is shared: Norwegian and Swedish subjects are no choice in Serbia."""
    from jurisdictions.rs_pravilnik.models import CurriculumItem, Iop

    team = verified_client(get_user_model().objects.get(username="demo-rs-team"))
    iop = Iop.objects.get(case__student__person__given_name="Никола")  # being drafted
    page = team.get(
        f"/j/rs-pravilnik/iops/{iop.pk}/curriculum/new/", HTTP_ACCEPT_LANGUAGE="sr-cyrl"
    )
    assert page.status_code == 200
    choices = [label for value, label in page.context["form"].fields["subject"].choices if value]
    assert choices == ["Математика"]
    assert not latin_words(visible_text(page.content.decode()))
    item = CurriculumItem.objects.filter(iop=iop).first()
    page = team.get(f"/j/rs-pravilnik/curriculum/{item.pk}/", HTTP_ACCEPT_LANGUAGE="sr-cyrl")
    assert page.status_code == 200
    assert [label for value, label in page.context["form"].fields["subject"].choices if value] == [
        "Математика"
    ]
