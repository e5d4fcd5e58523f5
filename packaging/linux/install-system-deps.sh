#!/usr/bin/env bash
# Install the Debian/Ubuntu packages pathmapper needs, only those that are missing.
#   install-system-deps.sh run    Qt offscreen + a real window (the xcb set), python venv
#   install-system-deps.sh test   Qt offscreen, python venv, poppler (PDF checks in the tests)
#   install-system-deps.sh bench  the test set, a virtual screen (xvfb) and Graphviz (the peer)
# On a machine without apt-get it lists what to install and carries on.
set -euo pipefail

purpose=${1:-run}
qt_offscreen="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3"
qt_window="libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1"
case "$purpose" in
  run) wanted="$qt_offscreen $qt_window" ;;
  test) wanted="$qt_offscreen poppler-utils" ;;
  bench) wanted="$qt_offscreen $qt_window xvfb poppler-utils graphviz" ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac
# A fresh Debian python3 has no venv module until python3-venv is installed.
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  wanted="$wanted python3-venv"
fi

if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "pathmapper: not a Debian-like system; make sure these (or your system's equivalents) are installed: $wanted"
  exit 0
fi

missing=""
for package in $wanted; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done
[ -z "$missing" ] && exit 0

echo "pathmapper: installing system libraries:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
