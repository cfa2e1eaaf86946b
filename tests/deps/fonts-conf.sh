#!/usr/bin/env bash
# Writes a fontconfig configuration that sees only the font files of the
# font packages the Makefile installs (the repository's fonts/ are found by
# path, as on a user's machine, never through fontconfig), so that a
# font present on this machine by accident cannot make a test pass (the
# tests run with FONTCONFIG_FILE set to it; tests/tests.mk). Packages share
# folders (fonts-dejavu-core and -extra), so the files are linked one by one
# into OUT's folder, fonts.d/PACKAGE/, rather than their folders listed.
# Usage: fonts-conf.sh OUT.conf PACKAGE...   (packages not named fonts-* are skipped)
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 OUT.conf PACKAGE..." >&2; exit 2; }
out=$1; shift
mkdir -p "$(dirname "$out")"
here=$(cd "$(dirname "$out")" && pwd)
rm -rf "$here/fonts.d"
dirs=()
for p in "$@"; do
  case $p in fonts-*) ;; *) continue ;; esac
  files=$(dpkg -L "$p" 2>/dev/null | grep -E '\.(ttf|otf|ttc|otc|pfb)$') ||
    { echo "$0: $p is in DEB_PACKAGES but has no font files installed (make deps)" >&2; exit 1; }
  mkdir -p "$here/fonts.d/$p"
  ln -s $files "$here/fonts.d/$p/"
  dirs+=("$here/fonts.d/$p")
done
{
  echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
  echo "<!-- made by tests/deps/fonts-conf.sh from DEB_PACKAGES; do not edit -->"
  echo '<fontconfig>'
  printf '  <dir>%s</dir>\n' "${dirs[@]}"
  echo "  <cachedir>$here/fontconfig-cache</cachedir>"
  echo '</fontconfig>'
} >"$out.tmp"
mv "$out.tmp" "$out"
