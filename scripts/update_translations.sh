#!/usr/bin/env bash
# Refresh the UI translation catalogues after strings were added or changed.
#
#   scripts/update_translations.sh            extract, then compile
#   scripts/update_translations.sh --compile  only compile the .po files to .mo
#
# Extraction (makemessages) needs GNU gettext (xgettext, msgmerge); compiling
# needs msgfmt. Strings go to portal/locale/, except those of an app that has
# its own locale/ directory (a plugin shipped as a package), which go there.
# New or changed strings arrive untranslated (or marked fuzzy) and show in
# English until someone translates them in <locale dir>/<locale>/LC_MESSAGES/
# django.po and runs this again. Commit both the .po and the .mo files: the
# .mo files let a machine without gettext serve the translations.
#
# Locale directory names are what django.utils.translation.to_locale() makes
# of the codes in settings.LANGUAGES: sr-cyrl -> sr_Cyrl (gettext falls back
# from there to Django's own "sr" catalogue), sr-latn -> sr_Latn. English is
# the source language and has no catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
LOCALES=(nb nn sv sr_Cyrl sr_Latn)
# Directories that are not our source: the virtualenv, tests, build output.
IGNORE=(--ignore=.venv --ignore=tests --ignore='*.egg-info' --ignore=build
        --ignore=staticfiles --ignore=media --ignore=private --ignore=node_modules)

if [[ "${1:-}" != "--compile" ]]; then
  locale_args=()
  for l in "${LOCALES[@]}"; do locale_args+=(-l "$l"); done
  # --add-location=file keeps line numbers out of the catalogues, so unrelated
  # edits do not rewrite every .po file.
  "$PY" manage.py makemessages "${locale_args[@]}" "${IGNORE[@]}" \
    --add-location=file --no-obsolete
fi

# makemessages copies the Plural-Forms header from Django's own catalogue of
# the same name. Django has none called sr_Cyrl, so a new sr_Cyrl catalogue
# keeps xgettext's placeholder "nplurals=INTEGER; plural=EXPRESSION", which
# makes every page in Serbian (Cyrillic) fail. Put Serbian's rule there.
"$PY" - <<'PYTHON'
import pathlib
import re

SERBIAN = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
for po in pathlib.Path(".").glob("**/locale/sr_Cyrl/LC_MESSAGES/*.po"):
    if ".venv" in po.parts:
        continue
    text = po.read_text(encoding="utf-8")
    fixed = text.replace(
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
        f'"Plural-Forms: {SERBIAN}\\n"',
    )
    fixed = re.sub(r'^"Language: \\n"$', r'"Language: sr\\n"', fixed, flags=re.M)
    if fixed != text:
        po.write_text(fixed, encoding="utf-8")
        print(f"fixed the Serbian plural rule in {po}")
PYTHON

"$PY" manage.py compilemessages "${IGNORE[@]}"

# Report what is left to translate, per catalogue.
find . -path ./.venv -prune -o -path '*/locale/*/LC_MESSAGES/django.po' -print | sort |
  while read -r po; do
    printf '%-55s ' "${po#./}"
    msgfmt --check --statistics -o /dev/null "$po" 2>&1 | tail -n 1
  done
