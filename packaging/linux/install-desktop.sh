#!/usr/bin/env bash
# Register pathmapper with a Linux desktop: the menu entry, the map file type (so a double-clicked
# .pathmap.json opens in pathmapper) and the icons; or take them away again.
#   install-desktop.sh install     (make install-desktop)
#   install-desktop.sh uninstall   (make uninstall-desktop)
# Where: $PREFIX/share when PREFIX is set (e.g. PREFIX=/usr/local, as root), else the user's
# ${XDG_DATA_HOME:-~/.local/share}. Which program the menu entry starts: $PATHMAPPER_BIN if set,
# else the built folder (dist/pathmapper/pathmapper), else `pathmapper` on the PATH, else the
# project's .venv/bin/pathmapper. Every change is printed.
set -euo pipefail

action=${1:-install}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/../.." && pwd)
resources="$project/resources"
if [ -n "${PREFIX:-}" ]; then
  data_home="$PREFIX/share"
  per_user=false
else
  data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
  per_user=true
fi
mime_type="application/x-pathmapper+json"
map_icon="application-x-pathmapper+json"
sizes="16 32 48 64 128 256"

installed_files() {
  echo "$data_home/applications/pathmapper.desktop"
  echo "$data_home/mime/packages/pathmapper.xml"
  echo "$data_home/icons/hicolor/scalable/apps/pathmapper.svg"
  echo "$data_home/icons/hicolor/scalable/mimetypes/$map_icon.svg"
  for size in $sizes; do
    echo "$data_home/icons/hicolor/${size}x${size}/apps/pathmapper.png"
    echo "$data_home/icons/hicolor/${size}x${size}/mimetypes/$map_icon.png"
  done
}

put() {  # put SOURCE DESTINATION
  install -D -m 0644 "$1" "$2"
  echo "installed $2"
}

refresh_caches() {
  if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$data_home/mime" && echo "ran update-mime-database $data_home/mime"
  else
    echo "update-mime-database not found (package shared-mime-info): the file type is known after the next login"
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$data_home/applications" \
      && echo "ran update-desktop-database $data_home/applications"
  else
    echo "update-desktop-database not found (package desktop-file-utils): skipped"
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data_home/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache --force --quiet "$data_home/icons/hicolor" \
      && echo "ran gtk-update-icon-cache $data_home/icons/hicolor"
  fi
}

find_program() {
  if [ -n "${PATHMAPPER_BIN:-}" ]; then
    echo "$PATHMAPPER_BIN"
  elif [ -x "$project/dist/pathmapper/pathmapper" ]; then
    echo "$project/dist/pathmapper/pathmapper"
  elif command -v pathmapper >/dev/null 2>&1; then
    command -v pathmapper
  elif [ -x "$project/.venv/bin/pathmapper" ]; then
    echo "$project/.venv/bin/pathmapper"
  else
    echo "pathmapper"
  fi
}

install_desktop() {
  local program quoted
  program=$(find_program)
  # Desktop entry Exec quoting: a path with spaces goes in double quotes.
  case "$program" in
    *" "*) quoted="\"$program\"" ;;
    *) quoted="$program" ;;
  esac
  mkdir -p "$data_home/applications"
  sed -e "s|^Exec=pathmapper %f$|Exec=$quoted %f|" -e "s|^TryExec=pathmapper$|TryExec=$program|" \
    "$resources/linux/pathmapper.desktop" >"$data_home/applications/pathmapper.desktop"
  chmod 0644 "$data_home/applications/pathmapper.desktop"
  echo "installed $data_home/applications/pathmapper.desktop (starts $program)"
  put "$resources/linux/pathmapper-mime.xml" "$data_home/mime/packages/pathmapper.xml"
  put "$resources/icons/pathmapper.svg" "$data_home/icons/hicolor/scalable/apps/pathmapper.svg"
  put "$resources/icons/$map_icon.svg" "$data_home/icons/hicolor/scalable/mimetypes/$map_icon.svg"
  for size in $sizes; do
    for context in apps mimetypes; do
      name=pathmapper
      [ "$context" = mimetypes ] && name=$map_icon
      put "$resources/icons/hicolor/${size}x${size}/$context/$name.png" \
        "$data_home/icons/hicolor/${size}x${size}/$context/$name.png"
    done
  done
  refresh_caches
  if $per_user && command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default pathmapper.desktop "$mime_type" \
      && echo "ran xdg-mime default pathmapper.desktop $mime_type (maps open in pathmapper)"
  elif $per_user; then
    echo "xdg-mime not found (package xdg-utils): choose pathmapper once with Open With"
  fi
  echo "pathmapper is registered with the desktop; remove it again with: make uninstall-desktop"
}

uninstall_desktop() {
  while read -r file; do
    if [ -e "$file" ]; then
      rm -f "$file"
      echo "removed $file"
    fi
  done < <(installed_files)
  local choices="${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list"
  if $per_user && [ -f "$choices" ] && grep -q "^$mime_type=pathmapper.desktop;*$" "$choices"; then
    sed -i "\|^$mime_type=pathmapper.desktop;*$|d" "$choices"
    echo "removed the pathmapper default for $mime_type from $choices"
  fi
  [ -d "$data_home/mime/packages" ] && refresh_caches
  echo "pathmapper is no longer registered with the desktop"
}

case "$action" in
  install) install_desktop ;;
  uninstall) uninstall_desktop ;;
  *) echo "usage: $0 install|uninstall" >&2; exit 2 ;;
esac
