#!/usr/bin/env bash
# Smoke test of a built pathmapper folder (make package runs it on dist/pathmapper):
# start the frozen binary offscreen, print its version, validate a bundled sample map, export it
# to PDF and to canonical JSON (which must validate), open the editor on it for a few seconds,
# and report the folder's size.
#   packaging/smoke_test.sh [FOLDER]     FOLDER defaults to dist/pathmapper
set -euo pipefail

folder=${1:-dist/pathmapper}
binary="$folder/pathmapper"
if [ ! -x "$binary" ]; then
  echo "smoke test: no built program at $binary; build it first with: make package" >&2
  exit 1
fi
export QT_QPA_PLATFORM=offscreen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf 'smoke test: %s ... ' "$1"; }
pass() { echo "ok${1:+ ($1)}"; }
fail() { echo "FAILED: $1" >&2; exit 1; }

# The sample maps must be inside the build (File > Open sample reads them from there).
sample=$(find "$folder" -path '*/sample_maps/community-cardiology-as-is.pathmap.json' | head -n 1)
[ -n "$sample" ] || sample=$(find "$folder" -path '*/sample_maps/*.pathmap.json' | sort | head -n 1)
[ -n "$sample" ] || fail "no sample maps in $folder (sample_maps/ missing from the build)"

step "--version"
version=$("$binary" --version 2>&1) || fail "pathmapper --version exited with status $?"
[[ "$version" == pathmapper\ * ]] || fail "unexpected version line: $version"
pass "$version"

step "validate $(basename "$sample")"
"$binary" validate "$sample" >"$work/validate.txt" 2>&1 || fail "$(cat "$work/validate.txt")"
pass

step "export --pdf --json"
"$binary" export "$sample" --pdf "$work/map.pdf" --json "$work/map.pathmap.json" \
  >"$work/export.txt" 2>&1 || fail "$(cat "$work/export.txt")"
[ "$(head -c 5 "$work/map.pdf")" = "%PDF-" ] || fail "the export is not a PDF"
"$binary" validate "$work/map.pathmap.json" >/dev/null 2>&1 || fail "the exported map is not valid"
pass "$(wc -c <"$work/map.pdf") bytes of PDF"

# The commands above never load Qt; opening the editor does (platform plugin, fonts, widgets).
# Still running after a few seconds means the window came up; a missing Qt piece aborts sooner.
step "editor opens the sample offscreen"
status=0
timeout 8 "$binary" "$sample" >"$work/editor.txt" 2>&1 || status=$?
if [ "$status" -ne 124 ]; then
  fail "the editor stopped with status $status: $(tail -n 5 "$work/editor.txt")"
fi
if grep -qi -e "could not load the qt platform plugin" -e "traceback" "$work/editor.txt"; then
  fail "$(tail -n 5 "$work/editor.txt")"
fi
pass

size=$(du -sh "$folder" | cut -f1)
echo "smoke test: passed; $folder is $size"
