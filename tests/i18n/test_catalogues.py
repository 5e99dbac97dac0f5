"""Every shipped catalogue is complete in every UI language, and none is behind its source.

English is the source language (the msgids) and has no catalogue; every other
language in ``settings.LANGUAGES`` needs a complete catalogue in each locale
directory: the portal's (``portal/locale``, which also holds ``plugins/``) and
each jurisdiction's own. A string added to the code without a translation, a
fuzzy guess left behind by ``makemessages``, or a ``.mo`` file not compiled
from its ``.po`` fails here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIRS = [
    ROOT / "portal" / "locale",
    *sorted(ROOT.glob("plugins/*/locale")),
    *sorted(ROOT.glob("jurisdictions/*/locale")),
]
LANGUAGES = [to_locale(code) for code, _name in settings.LANGUAGES if code != "en"]
CATALOGUES = [(d, lang) for d in LOCALE_DIRS for lang in LANGUAGES]


def _id(value):
    if isinstance(value, tuple):
        d, lang = value
        return f"{d.relative_to(ROOT)}:{lang}"
    return None


def _po(d: Path, lang: str) -> Path:
    return d / lang / "LC_MESSAGES" / "django.po"


def _keys(catalogue) -> set[tuple]:
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in catalogue if not e.obsolete}


def test_every_jurisdiction_ships_its_own_catalogues():
    plugins = sorted(p.parent for p in ROOT.glob("jurisdictions/*/apps.py"))
    assert plugins
    for plugin in plugins:
        assert (plugin / "locale").is_dir(), f"{plugin.name} has no locale directory"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=_id)
def test_the_catalogue_exists_and_is_complete(catalogue):
    d, lang = catalogue
    po_path = _po(d, lang)
    assert po_path.is_file(), f"missing catalogue {po_path.relative_to(ROOT)}"
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries() if not e.obsolete]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:3]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"
    reference = _po(d, "nb")
    if lang != "nb" and reference.is_file():
        missing = _keys(polib.pofile(str(reference))) - _keys(po)
        assert not missing, (
            f"{len(missing)} msgids of nb are missing, e.g. {sorted(missing, key=str)[:3]}"
        )
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.is_file(), f"{mo_path.relative_to(ROOT)} is not compiled"
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(mo_path))
    }
    for entry in po.translated_entries():
        got = compiled.get((entry.msgctxt, entry.msgid))
        want = entry.msgstr or {int(k): v for k, v in entry.msgstr_plural.items()}
        if isinstance(got, dict):
            got = {int(k): v for k, v in got.items()}
        assert got == want, f"{mo_path.name} is older than its .po for {entry.msgid!r}"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=_id)
def test_plural_forms_and_placeholders_fit_the_language(catalogue):
    d, lang = catalogue
    po_path = _po(d, lang)
    if not po_path.is_file():
        pytest.fail(f"missing catalogue {po_path.relative_to(ROOT)}")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_makemessages_would_not_change_any_msgid(tmp_path):
    """Extract the strings from a copy of the source: every catalogue has exactly those msgids."""
    copy = tmp_path / "src"
    copy.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.mo", "static", "media", "node_modules")
    for name in ("portal", "plugins", "jurisdictions", "content"):
        shutil.copytree(ROOT / name, copy / name, ignore=skip)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "nb",
            "--add-location=file",
            "--no-obsolete",
            "--ignore=tests",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={
            "PATH": "/usr/bin:/bin:/usr/local/bin",
            "PYTHONPATH": str(copy),
            "HOME": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for d in LOCALE_DIRS:
        rel = d.relative_to(ROOT)
        fresh = _keys(polib.pofile(str(_po(copy / rel, "nb"))))
        shipped = _keys(polib.pofile(str(_po(d, "nb"))))
        added, gone = fresh - shipped, shipped - fresh
        assert not added and not gone, (
            f"{rel}: makemessages would add {len(added)} msgids (e.g. {sorted(added, key=str)[:3]}) "
            f"and drop {len(gone)} (e.g. {sorted(gone, key=str)[:3]}); "
            "run scripts/update_translations.sh and translate"
        )
