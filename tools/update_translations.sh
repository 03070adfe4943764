#!/usr/bin/env bash
# Bring the interface translations up to date with the source, then compile them.
#
#   tools/update_translations.sh          update every resources/translations/*.ts, compile .qm
#   tools/update_translations.sh xx       also start a translation into language xx (new .ts)
#
# pyside6-lupdate collects the strings wrapped in tr()/translate() from the Python sources into
# the .ts files (keeping the translations already made; new strings are marked "unfinished");
# translate them with pyside6-linguist or any editor, then run this again so pyside6-lrelease
# compiles the .qm files the viewer loads. Commit both. See docs/translations.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BIN=${VENV_BIN:-.venv/bin}
DIR=resources/translations
CATALOGUE=archive-viewer

mapfile -t sources < <(find viewer -name '*.py' -not -path '*/__pycache__/*' | sort)
targets=("$DIR"/"$CATALOGUE"_*.ts)
[[ -e ${targets[0]} ]] || targets=()
for language in "$@"; do
  targets+=("$DIR/${CATALOGUE}_${language}.ts")
done
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "No translations yet: name a language to start one, e.g. $0 de" >&2
  exit 2
fi
mapfile -t targets < <(printf '%s\n' "${targets[@]}" | sort -u)

"$BIN/pyside6-lupdate" -locations relative -no-obsolete "${sources[@]}" -ts "${targets[@]}"
for ts in "${targets[@]}"; do
  "$BIN/pyside6-lrelease" -removeidentical "$ts" -qm "${ts%.ts}.qm"
done
