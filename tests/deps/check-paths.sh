#!/usr/bin/env bash
# usage: tests/deps/check-paths.sh PACKAGE...   (the Makefile's DEB_PACKAGES)
#
# Proves that every system file the tests, the samples and the program's
# defaults name comes from a package the Makefile installs: each absolute
# file under /usr or /etc written in tests/, content/, schema/, src/ or the
# Makefile that exists here must belong (dpkg -S) to one of the packages or
# to something they depend on. A path that does not exist is left to the
# test that names it (tests of missing files name such paths on purpose);
# folders, and /etc files that the system writes itself (/etc/passwd, named
# in tests as a link target never opened), are not files a test installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { echo "usage: $0 PACKAGE..." >&2; exit 2; }

# The packages, everything they pull in (Depends and Pre-Depends), and the
# Essential packages every Debian system has.
closure=$({ apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
              --no-breaks --no-replaces --no-enhances "$@" 2>/dev/null | grep -v '^ '
            dpkg-query -W -f '${Package} ${Essential}\n' | awk '$2 == "yes" { print $1 }'
          } | sed 's/:.*//; s/[<>]//g' | sort -u)
[ -n "$closure" ] || { echo "deps-check: apt-cache knows none of the packages" >&2; exit 1; }

paths=$(grep -rhoE '(/usr|/etc)/[A-Za-z0-9._+@-]+(/[A-Za-z0-9._+@-]+)*' \
          tests content schema src Makefile 2>/dev/null | sed 's/[.]$//' | sort -u)
status=0 checked=0
for p in $paths; do
  [ -f "$p" ] || continue
  owners=$(dpkg -S "$p" 2>/dev/null | sed -n '1s/: .*//p' | tr -d ' ' | tr ',' '\n' | sed 's/:.*//') || true
  checked=$((checked + 1))
  if [ -z "$owners" ]; then
    case $p in /etc/*) continue ;; esac
    echo "deps-check: $p: no Debian package has it; a test must not need it" >&2
    status=1
  elif ! grep -qxF -f <(printf '%s\n' $owners) <<<"$closure"; then
    echo "deps-check: $p: from $(echo $owners | tr ' ' ','), which the Makefile does not install: add it to DEB_PACKAGES" >&2
    status=1
  fi
done
[ $status = 0 ] && echo "deps-check: $checked system paths, each from a package the Makefile installs"
exit $status
