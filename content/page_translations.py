"""Translations of the demo guidance, as wagtail-localize translations from PO files.

The bokmål tree is the source (``content/guidance_texts.py``). Every other
language is a PO file per page or legal reference under
``content/translations/<language>/``: the same format wagtail-localize
exports for translators ("Download PO file" in the editor), with the
source segment as ``msgid`` and its place in the page as ``msgctxt``.

Loading creates each translation the way an editor's "Translate" would
(a ``Translation`` of the source, its strings imported from the PO file,
the translated page published), so editors can later change the bokmål
page and "Sync translated pages", and translators can export and import
PO files from the admin. Whatever has no PO file, or no translation of a
segment, keeps the bokmål text; the page then says it is shown in bokmål.

The booklet is written for the current school year, so its years move
every August. Entries are therefore matched to the current source by
position within each context path's order, and years that differ between
the stored ``msgid`` and the current one are changed in the translation
the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import polib
from django.db import transaction
from wagtail.models import Locale, Page

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
#: Wagtail locale code -> directory of PO files (gettext's names for the languages).
LANGUAGE_DIRS = {
    "en": "en",
    "nn": "nn",
    "sv": "sv",
    "sr-cyrl": "sr_Cyrl",
    "sr-latn": "sr_Latn",
}
SOURCE_LANGUAGE = "nb"
_NUMBER = re.compile(r"\d+")


def file_name(name: str) -> str:
    """The PO file name of a demo object named ``name`` (its school year left out)."""
    stem = re.sub(r":\d{4}$", "", name)
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") + ".po"


def po_path(language: str, name: str) -> Path:
    return TRANSLATIONS_DIR / LANGUAGE_DIRS[language] / file_name(name)


def _entries_by_position(po: Iterable[polib.POEntry]) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def _year_changes(stored: str, current: str) -> dict[str, str] | None:
    """Numbers that changed between two versions of one source string, or None if more changed."""
    if _NUMBER.sub("#", stored) != _NUMBER.sub("#", current):
        return None
    changes = {}
    for old, new in zip(_NUMBER.findall(stored), _NUMBER.findall(current), strict=True):
        if old != new:
            if changes.get(old, new) != new:
                return None
            changes[old] = new
    return changes


def _replace_numbers(text: str, changes: dict[str, str]) -> str:
    if not changes:
        return text
    return _NUMBER.sub(lambda m: changes.get(m.group(0), m.group(0)), text)


def aligned(current: polib.POFile, stored: polib.POFile) -> polib.POFile:
    """``current`` (the source as it is now) with the translations of ``stored`` filled in.

    A stored entry translates the current entry at the same position when the two
    source strings are equal, or differ only in numbers (the school year); the
    same numbers are then changed in the translation.
    """
    result = polib.POFile(wrapwidth=200)
    result.metadata = {"Content-Type": "text/plain; charset=utf-8"}
    old = _entries_by_position(stored)
    new = _entries_by_position(current)
    same_shape = len(old) == len(new)
    by_text = {(e.msgctxt, e.msgid): e.msgstr for e in old if e.msgstr}
    for index, entry in enumerate(new):
        translated = by_text.get((entry.msgctxt, entry.msgid), "")
        if not translated and same_shape:
            candidate = old[index]
            if entry.msgctxt == "slug" == candidate.msgctxt:
                # A page's address in the translation does not follow the source's spelling
                # (a copied root is "home-1" where the demo's is "home").
                translated = candidate.msgstr
            else:
                changes = _year_changes(candidate.msgid, entry.msgid) if candidate.msgstr else None
                if changes is not None:
                    translated = _replace_numbers(candidate.msgstr, changes)
        result.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=translated))
    return result


def source_po(instance) -> polib.POFile:
    """The translatable strings of ``instance`` as wagtail-localize exports them."""
    from wagtail_localize.models import TranslationSource

    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    return source.export_po()


def _override_documents(source, locale: Locale, documents: dict) -> None:
    """Point the translation's form-template blocks at the documents in its own language."""
    from wagtail.documents import get_document_model
    from wagtail_localize.models import OverridableSegment, SegmentOverride

    by_source = {}
    for (name, code), document in documents.items():
        by_source.setdefault(name, {})[code] = document
    source_documents = {
        by_code[SOURCE_LANGUAGE].pk: by_code.get(locale.language_code)
        for by_code in by_source.values()
        if SOURCE_LANGUAGE in by_code
    }
    Document = get_document_model()
    segments = OverridableSegment.objects.filter(
        source=source, context__path__endswith=".document"
    ).select_related("context")
    for segment in segments:
        try:
            data = json.loads(segment.data_json)
        except (TypeError, ValueError):
            continue
        target = source_documents.get(data) if isinstance(data, int) else None
        if isinstance(target, Document):
            SegmentOverride.objects.update_or_create(
                locale=locale,
                context=segment.context,
                defaults={"data_json": json.dumps(target.pk)},
            )


@transaction.atomic
def translate(
    sources: list[tuple[str, object]], languages: Iterable[str], documents: dict | None = None
) -> dict:
    """Create the missing translations of ``sources`` in ``languages`` from the PO files.

    ``sources`` are (demo name, bokmål instance) in tree order, parents first.
    Objects already translated into a language are left as editors made them.
    Returns {(name, language): translated instance}.
    """
    from wagtail_localize.models import Translation, TranslationSource

    made = {}
    current_po: dict[int, polib.POFile] = {}  # the source's strings, read once per object
    for language in languages:
        locale = Locale.objects.get_or_create(language_code=language)[0]
        for name, instance in sources:
            existing = instance.get_translation_or_none(locale)
            if existing is not None:
                made[(name, language)] = (
                    existing.specific if isinstance(existing, Page) else existing
                )
                continue
            path = po_path(language, name)
            if not path.exists():
                continue
            if id(instance) not in current_po:
                current_po[id(instance)] = source_po(instance)
            po = aligned(current_po[id(instance)], polib.pofile(str(path)))
            if any(not entry.msgstr for entry in po):
                # Half a translation would put bokmål sentences under another language's
                # name; until the PO file is complete the reader gets the bokmål page,
                # marked as such.
                continue
            source = TranslationSource.objects.get_for_instance(instance)
            translation, _ = Translation.objects.get_or_create(
                source=source, target_locale=locale, defaults={"enabled": True}
            )
            translation.import_po(po, tool_name="demo")
            if documents:
                _override_documents(source, locale, documents)
            # As "Translate" and "Publish" in the editor. wagtail-localize publishes on commit,
            # from the page as it was before its children were added; publishing here, from
            # the stored page, keeps the tree intact inside one transaction (and in tests).
            source.create_or_update_translation(
                locale,
                publish=not isinstance(instance, Page),
                fallback=True,
                copy_parent_pages=True,
            )
            target = instance.get_translation(locale)
            if isinstance(target, Page):
                target = Page.objects.get(pk=target.pk).specific
                target.get_latest_revision().publish(log_action=False)
                target = Page.objects.get(pk=target.pk).specific
            made[(name, language)] = target
    if made:
        from wagtail.models import Site

        Site.clear_site_root_paths_cache()
    # Pages as stored now: a page fetched when it was made has no children in memory
    # (treebeard's ``get_children`` trusts the instance's ``numchild``).
    return {
        key: Page.objects.get(pk=obj.pk).specific if isinstance(obj, Page) else obj
        for key, obj in made.items()
    }


def write_po(path: Path, current: polib.POFile, stored: polib.POFile | None) -> int:
    """Write ``current`` to ``path`` keeping the translations of ``stored``; the untranslated count."""
    po = aligned(current, stored) if stored is not None else current
    po.metadata = {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    po.wrapwidth = 100
    po.save(str(path))
    return sum(1 for entry in po if not entry.msgstr)


def latin_from_cyrillic(names: Iterable[str] | None = None) -> list[Path]:
    """Write the Serbian Latin PO files from the Cyrillic ones (cyrtranslit), slugs kept.

    The two scripts are one language: translators keep only the Cyrillic files,
    and the Latin ones follow them.
    """
    import cyrtranslit

    source_dir = TRANSLATIONS_DIR / LANGUAGE_DIRS["sr-cyrl"]
    target_dir = TRANSLATIONS_DIR / LANGUAGE_DIRS["sr-latn"]
    written = []
    for path in sorted(source_dir.glob("*.po")):
        if names is not None and path.name not in names:
            continue
        po = polib.pofile(str(path))
        for entry in po:
            if entry.msgctxt == "slug":
                # Sibling root pages need distinct slugs; below the root each script has its own tree.
                if path.name == "home.po":
                    entry.msgstr = entry.msgstr + "-latinica"
                continue
            entry.msgstr = cyrtranslit.to_latin(entry.msgstr, "sr")
        target = target_dir / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        po.wrapwidth = 100
        po.save(str(target))
        written.append(target)
    return written
