"""Fill the catalogues from translation files, then Serbian Latin from Serbian Cyrillic.

    .venv/bin/python scripts/fill_translations.py FILE.json [FILE.json ...]

Each FILE is JSON in one of two shapes, as translators deliver them:

- ``{"locale_dir": "...", "translations": {"<msgid>": {"nb": "...", ...}}}``
- ``{"<locale dir>": {"<msgid>": {"nb": "...", ...}}}``

A key may carry a context as ``"<msgctxt>\\x04<msgid>"``; plural entries give a
list of forms (such a key may also be ``"<msgid>||<msgid_plural>"``). Only entries that are untranslated or fuzzy are filled (a
translation already reviewed is never overwritten). Where a msgid has no
translation in the files, one made for the same msgid in another catalogue of
the project is used. Serbian Latin (``sr_Latn``) is always transliterated from
Serbian Cyrillic with cyrtranslit, so the two scripts never drift apart.
Run ``scripts/update_translations.sh`` first (extract) and
``scripts/update_translations.sh --compile`` after.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cyrtranslit
import polib

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("nb", "nn", "sv", "sr_Cyrl", "sr_Latn")


def catalogues():
    dirs = [
        ROOT / "portal" / "locale",
        *sorted(ROOT.glob("plugins/*/locale")),
        *sorted(ROOT.glob("jurisdictions/*/locale")),
    ]
    for d in dirs:
        for lang in LANGS:
            po = d / lang / "LC_MESSAGES" / "django.po"
            if po.is_file():
                yield d.relative_to(ROOT).as_posix(), lang, po


def load(files):
    """{locale_dir or "": {key: {lang: text}}}"""
    found: dict[str, dict] = {}
    for name in files:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
        if "translations" in data:
            data = {data.get("locale_dir", ""): data["translations"]}
        for where, entries in data.items():
            bucket = found.setdefault(where.rstrip("/"), {})
            for key, langs in entries.items():
                bucket.setdefault(key, {}).update(langs)
    return found


def key_of(entry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def memory():
    """Translations already in the project's catalogues: {lang: {key: entry}}."""
    mem: dict[str, dict] = {lang: {} for lang in LANGS}
    for _where, lang, po in catalogues():
        for e in polib.pofile(str(po)):
            if e.obsolete or "fuzzy" in e.flags or not e.translated():
                continue
            mem[lang].setdefault(key_of(e), e)
            mem[lang].setdefault(e.msgid, e)
    return mem


def _set(entry, value) -> bool:
    if value in (None, "", []):
        return False
    if entry.msgid_plural:
        if isinstance(value, str):
            return False
        entry.msgstr_plural = dict(enumerate(value))
    else:
        if not isinstance(value, str):
            return False
        entry.msgstr = value
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = None
    entry.previous_msgid_plural = None
    entry.previous_msgctxt = None
    return True


def _from_entry(entry, other):
    if entry.msgid_plural:
        if not other.msgid_plural:
            return None
        return [other.msgstr_plural[k] for k in sorted(other.msgstr_plural)]
    return other.msgstr if not other.msgid_plural else None


def _latin(value):
    if isinstance(value, list):
        return [cyrtranslit.to_latin(v, "sr") for v in value]
    return cyrtranslit.to_latin(value, "sr")


def fill(files) -> None:
    given = load(files)
    mem = memory()
    for where, lang, po_path in catalogues():
        po = polib.pofile(str(po_path), wrapwidth=0)
        changed = filled = left = 0
        for entry in po:
            if entry.obsolete:
                continue
            if lang == "sr_Latn":
                continue  # from sr_Cyrl below
            if entry.translated() and "fuzzy" not in entry.flags:
                continue
            value = None
            for bucket in (given.get(where, {}), given.get("", {})):
                keys = [key_of(entry), entry.msgid]
                if entry.msgid_plural:
                    keys.insert(0, f"{entry.msgid}||{entry.msgid_plural}")
                for key in keys:
                    if key in bucket and bucket[key].get(lang) not in (None, ""):
                        value = bucket[key][lang]
                        break
                if value is not None:
                    break
            if value is None:
                other = mem[lang].get(key_of(entry)) or mem[lang].get(entry.msgid)
                if other is not None:
                    value = _from_entry(entry, other)
            if _set(entry, value):
                filled += 1
                changed += 1
            else:
                left += 1
        if changed:
            po.save(str(po_path))
        if lang != "sr_Latn":
            print(f"{where:45} {lang:8} filled {filled:4}  left {left}")
    # Serbian Latin follows Serbian Cyrillic, entry by entry.
    for where, lang, po_path in catalogues():
        if lang != "sr_Cyrl":
            continue
        latin_path = po_path.parent.parent.parent / "sr_Latn" / "LC_MESSAGES" / "django.po"
        if not latin_path.is_file():
            continue
        cyr = {key_of(e): e for e in polib.pofile(str(po_path)) if not e.obsolete}
        latin = polib.pofile(str(latin_path), wrapwidth=0)
        filled = left = 0
        for entry in latin:
            if entry.obsolete:
                continue
            source = cyr.get(key_of(entry))
            if source is None or not source.translated() or "fuzzy" in source.flags:
                left += 1
                continue
            value = _from_entry(entry, source)
            if value is None:
                left += 1
                continue
            value = _latin(value)
            current = _from_entry(entry, entry) if entry.translated() else None
            if current != value or "fuzzy" in entry.flags:
                _set(entry, value)
                filled += 1
        latin.save(str(latin_path))
        print(f"{where:45} sr_Latn  from sr_Cyrl {filled:4}  left {left}")


if __name__ == "__main__":
    fill(sys.argv[1:])
