#!/usr/bin/env bash
# `make deps-check`: the repository names only files of DEB_PACKAGES
# (check-paths.sh), the check itself fails on a path from elsewhere, and the
# tests' fontconfig sees only the font packages' files.
# Usage: run.sh FONTS.CONF PACKAGE...
set -u
[ $# -ge 2 ] || { echo "usage: $0 FONTS.CONF PACKAGE..." >&2; exit 2; }
conf=$(realpath "$1"); shift
cd "$(dirname "$0")/../.."
. tests/e2e/harness.bash /bin/true   # for ok, bad, check, summary and $tmp; no program under test

check tests/deps/check-paths.sh "$@"

# a fixture naming a font of no package the Makefile installs fails the check, by name
mkdir -p "$tmp/tree/tests"
printf 'fonts:\n  body: /usr/share/fonts/truetype/no-such-package/X.ttf\n' >"$tmp/tree/tests/stray.yaml"
tests/deps/check-paths.sh --root "$tmp/tree" "$@" 2>"$tmp/err"
check test $? = 1
check grep -q "^tests/stray.yaml: /usr/share/fonts/truetype/no-such-package/X.ttf is in no installed package" "$tmp/err"

# every font the tests can find is linked from a package of the list
FONTCONFIG_FILE=$conf fc-list : file >"$tmp/fonts" 2>"$tmp/fc.err"
check test -s "$tmp/fonts"
check test ! -s "$tmp/fc.err"
check test -z "$(grep -v -e "^$(dirname "$conf")/fonts.d/" "$tmp/fonts")"
check grep -q "/fonts.d/fonts-lato/Lato-Regular.ttf:" "$tmp/fonts"
summary deps-check
