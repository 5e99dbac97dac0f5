"""The demo guidance in six languages: PO files complete and current, loaded as wagtail-localize
translations, and a page without a translation says which language it is shown in."""

import re
import shutil

import cyrtranslit
import polib
import pytest
from django.conf import settings as django_settings
from wagtail.models import Page
from wagtail_localize.models import Translation

from content import guidance_demo, page_translations
from portal.guidance.models import ChapterPage, FormTemplatePage, LegalReference

pytestmark = pytest.mark.django_db

Y0 = 2026
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@pytest.fixture
def source(db):
    """The bokmål demo guidance only, as (name, instance) in tree order."""
    result = guidance_demo.load(Y0, languages=())
    return result, guidance_demo.sources(result, Y0)


def test_every_language_has_a_complete_and_current_po_file_per_page(source):
    _, items = source
    problems = []
    for name, instance in items:
        current = page_translations.source_po(instance)
        for language in guidance_demo.TRANSLATIONS:
            path = page_translations.po_path(language, name)
            if not path.exists():
                problems.append(f"{path}: missing")
                continue
            aligned = page_translations.aligned(current, polib.pofile(str(path)))
            for entry in aligned:
                if not entry.msgstr:
                    problems.append(f"{path}: untranslated {entry.msgid[:60]!r}")
                elif sorted(TAG.findall(entry.msgid)) != sorted(TAG.findall(entry.msgstr)):
                    problems.append(f"{path}: markup differs in {entry.msgid[:60]!r}")
    assert not problems, "\n".join(problems[:40])


def test_serbian_latin_files_are_the_cyrillic_ones_transliterated():
    cyrillic_dir = page_translations.TRANSLATIONS_DIR / "sr_Cyrl"
    latin_dir = page_translations.TRANSLATIONS_DIR / "sr_Latn"
    names = sorted(p.name for p in cyrillic_dir.glob("*.po"))
    assert names == sorted(p.name for p in latin_dir.glob("*.po"))
    for name in names:
        cyrillic = polib.pofile(str(cyrillic_dir / name))
        latin = polib.pofile(str(latin_dir / name))
        for c, latn in zip(cyrillic, latin, strict=True):
            assert (c.msgctxt, c.msgid) == (latn.msgctxt, latn.msgid)
            if c.msgctxt != "slug":
                assert latn.msgstr == cyrtranslit.to_latin(c.msgstr, "sr"), (name, c.msgid)


def test_a_language_is_loaded_as_published_translations_of_the_source(source):
    result = guidance_demo.load(Y0, languages=("sv",))
    booklet = result["booklets"]["sv"]
    nb_booklet = result["booklets"]["nb"]
    assert booklet.live and booklet.locale.language_code == "sv"
    assert booklet.translation_key == nb_booklet.translation_key
    assert booklet.title.startswith("Särskild antagning till gymnasieskolan")
    sv_chapters = list(ChapterPage.objects.child_of(booklet).live().order_by("path"))
    nb_chapters = list(ChapterPage.objects.child_of(nb_booklet).order_by("path"))
    assert [c.translation_key for c in sv_chapters] == [c.translation_key for c in nb_chapters]
    # Made as an editor's "Translate" makes them: a synced wagtail-localize translation.
    assert Translation.objects.filter(
        source__object_id=nb_booklet.translation_key, target_locale__language_code="sv"
    ).exists()
    # The legal references the chapters cite are translated too.
    reference = LegalReference.objects.get(
        translation_key=result["legal_references"][("act-5-1", "nb")].translation_key,
        locale__language_code="sv",
    )
    assert "specialundervisning" in reference.title.lower()
    # Loading again creates nothing.
    before = Page.objects.count()
    guidance_demo.load(Y0, languages=("sv",))
    assert Page.objects.count() == before


def _get(client, url, language):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url, follow=True)


def test_readers_get_their_translation_and_untranslated_pages_say_so(client, source):
    result = guidance_demo.load(Y0, languages=("sv",))
    nb_booklet, sv_booklet = result["booklets"]["nb"], result["booklets"]["sv"]

    # The bokmål address of a translated page takes a Swedish reader to the Swedish page.
    response = _get(client, nb_booklet.url, "sv")
    assert response.redirect_chain and response.redirect_chain[-1][0] == sv_booklet.url
    html = response.content.decode()
    assert sv_booklet.title in html
    assert "content-language" not in html

    # A chapter added in bokmål and not yet translated: shown in bokmål, and said so.
    new = ChapterPage(title="Nytt kapittel om skoleskyss", slug="skoleskyss", summary="Kort.")
    nb_booklet.add_child(instance=new)
    new.save_revision().publish()
    response = _get(client, new.url, "sv")
    assert response.status_code == 200
    html = response.content.decode()
    notice = re.search(r'<p class="notice content-language"[^>]*>(.*?)</p>', html, re.S)
    assert notice, "no notice that the page is shown in another language"
    assert "norskt bokmål" in notice.group(1)
    assert re.search(r'<div class="page-content" lang="nb">', html)
    assert '<html lang="sv">' in html

    # The same page for a bokmål reader: no notice, no language switch inside the page.
    html = _get(client, new.url, "nb").content.decode()
    assert "content-language" not in html
    assert '<div class="page-content">' in html


def test_a_chapter_links_the_form_page_in_the_readers_language(client, source):
    result = guidance_demo.load(Y0, languages=("sv",))
    sv_form = result["forms"][("attachment", "sv")]
    assert isinstance(sv_form, FormTemplatePage) and sv_form.locale.language_code == "sv"
    applying = result["chapters"][("applying", "sv")]
    html = _get(client, applying.url, "sv").content.decode()
    assert f'href="{sv_form.url}"' in html


def test_an_incomplete_po_file_is_not_loaded(tmp_path, monkeypatch, source):
    copy = tmp_path / "translations"
    shutil.copytree(page_translations.TRANSLATIONS_DIR, copy)
    chapter_po = copy / "nn" / "chapter-applying.po"
    po = polib.pofile(str(chapter_po))
    po[len(po) // 2].msgstr = ""
    po.save(str(chapter_po))
    monkeypatch.setattr(page_translations, "TRANSLATIONS_DIR", copy)

    result = guidance_demo.load(Y0, languages=("nn",))

    assert ("applying", "nn") not in result["chapters"]
    assert ("categories", "nn") in result["chapters"]
    nb_applying = result["chapters"][("applying", "nb")]
    assert nb_applying.get_translation_or_none(result["booklets"]["nn"].locale) is None


def test_translations_follow_the_school_year_of_the_source():
    stored = polib.POFile()
    stored.append(
        polib.POEntry(
            msgctxt="body.old",
            msgid="Skoleåret 2026/27 starter 15. august 2026.",
            msgstr="The 2026/27 school year starts on 15 August 2026.",
        )
    )
    stored.append(polib.POEntry(msgctxt="title", msgid="Søknad", msgstr="Application"))
    current = polib.POFile()
    current.append(
        polib.POEntry(msgctxt="body.new", msgid="Skoleåret 2027/28 starter 15. august 2027.")
    )
    current.append(polib.POEntry(msgctxt="title", msgid="Søknad"))

    aligned = page_translations.aligned(current, stored)

    assert [e.msgstr for e in aligned] == [
        "The 2027/28 school year starts on 15 August 2027.",
        "Application",
    ]
    # A source string that changed in its words is not translated from the old one.
    current[1].msgid = "Søknad om plass"
    assert page_translations.aligned(current, stored)[1].msgstr == ""
