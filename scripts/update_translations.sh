#!/usr/bin/env bash
# Refresh the UI translation catalogues after strings were added or changed.
#
#   scripts/update_translations.sh            extract, then compile
#   scripts/update_translations.sh --compile  only compile the .po files to .mo
#
# Extraction (makemessages) needs GNU gettext (xgettext, msgmerge); compiling
# needs msgfmt. New or changed strings arrive untranslated (or marked fuzzy),
# and show in English until someone translates them in
# portal/locale/<locale>/LC_MESSAGES/django.po and runs this again.
# Commit both the .po and the .mo files: the .mo files let a machine without
# gettext serve the translations.
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

"$PY" manage.py compilemessages "${IGNORE[@]}"

# Report what is left to translate, per locale.
for l in "${LOCALES[@]}"; do
  po="portal/locale/$l/LC_MESSAGES/django.po"
  [[ -f "$po" ]] || continue
  printf '%-8s ' "$l"
  msgfmt --statistics -o /dev/null "$po" 2>&1
done
