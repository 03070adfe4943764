#!/usr/bin/env bash
# Bring the interface translations up to date with the source, then compile them.
#
#   tools/update_translations.sh          update every resources/translations/*.ts, compile .qm
#   tools/update_translations.sh xx       also start a translation into language xx (new .ts)
#
# Translations of strings whose code moved to another class are carried over (see
# tools/carry_translations.py); CARRY_FROM="other.ts ..." names more catalogues to draw them from
# (say, the other side's .ts after a merge).
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
read -r -a CARRY_FROM <<< "${CARRY_FROM:-}"

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

# lupdate drops a message whose code moved to another class and adds it again, unfinished;
# carry the translation the same text had before across, then let lupdate write its own format.
before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
for ts in "${targets[@]}"; do
  [[ -e $ts ]] && cp "$ts" "$before/"
done
"$BIN/pyside6-lupdate" -silent -locations relative -no-obsolete "${sources[@]}" -ts "${targets[@]}"
for ts in "${targets[@]}"; do
  "$BIN/python" tools/carry_translations.py "$ts" "$before/$(basename "$ts")" "${CARRY_FROM[@]}"
done
"$BIN/pyside6-lupdate" -locations relative -no-obsolete "${sources[@]}" -ts "${targets[@]}"
for ts in "${targets[@]}"; do
  "$BIN/pyside6-lrelease" -removeidentical "$ts" -qm "${ts%.ts}.qm"
done
