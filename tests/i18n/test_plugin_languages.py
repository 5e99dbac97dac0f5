"""Plugins can add an interface language; the portal's six stay, and bad declarations stop start-up."""

import sys
import textwrap

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from plugins.discovery import with_plugin_languages


@pytest.fixture
def plugin_package(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))

    def make(name, body):
        package = tmp_path / name
        package.mkdir()
        (package / "__init__.py").write_text(textwrap.dedent(body))
        monkeypatch.delitem(sys.modules, name, raising=False)
        return name

    return make


def test_the_portal_offers_its_six_languages():
    assert [code for code, _ in settings.LANGUAGES][:6] == [
        "nb",
        "nn",
        "sv",
        "sr-cyrl",
        "sr-latn",
        "en",
    ]


def test_a_plugin_adds_danish(plugin_package):
    danish = plugin_package("danish_plugin", 'UI_LANGUAGES = [("da", "Dansk")]\n')
    plain = plugin_package("plain_plugin", '"""No languages."""\n')
    languages = with_plugin_languages(settings.PORTAL_LANGUAGES, [plain, danish])
    assert languages == [*settings.PORTAL_LANGUAGES, ("da", "Dansk")]


def test_a_language_two_plugins_add_is_listed_once(plugin_package):
    one = plugin_package("one_plugin", 'UI_LANGUAGES = [("da", "Dansk")]\n')
    two = plugin_package("two_plugin", 'UI_LANGUAGES = [("da", "Dansk"), ("nb", "Bokmål")]\n')
    languages = with_plugin_languages(settings.PORTAL_LANGUAGES, [one, two])
    assert [code for code, _ in languages].count("da") == 1
    assert [code for code, _ in languages].count("nb") == 1


@pytest.mark.parametrize(
    "declaration",
    ['UI_LANGUAGES = ["da"]', 'UI_LANGUAGES = [("DA", "Dansk")]', 'UI_LANGUAGES = [("da", "")]'],
)
def test_a_bad_declaration_stops_start_up(plugin_package, declaration):
    bad = plugin_package("bad_plugin", declaration + "\n")
    with pytest.raises(ImproperlyConfigured, match="UI_LANGUAGES"):
        with_plugin_languages(settings.PORTAL_LANGUAGES, [bad])


def test_start_up_warns_about_a_jurisdiction_without_catalogues(settings):
    from plugins.languages import check_catalogues

    settings.LANGUAGES = [*settings.PORTAL_LANGUAGES, ("da", "Dansk")]
    warnings = check_catalogues()
    assert any("'da'" in w.msg or "da" in w.msg.split("for ")[-1] for w in warnings)
    assert {w.id for w in warnings} == {"portal.W101"}
