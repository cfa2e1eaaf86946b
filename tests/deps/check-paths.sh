#!/usr/bin/env bash
# Every file a test uses comes from the repository or from a package the
# Makefile installs: each absolute path named in tests/, content/, schema/, src/ and
# the Makefile must belong (dpkg -S) to a package of DEB_PACKAGES, to one of
# their dependencies, or to an Essential package (on every Debian system).
# A path preceded by a word character, a slash or a variable ($stage/usr/..., file:///etc/...)
# is part of something else and not checked, and so is tests/deps/ (its own test
# names a stray path on purpose). Exit status 1 names each stray path.
# Usage: check-paths.sh [--root DIR] PACKAGE...    (the Makefile's DEB_PACKAGES;
# DIR: the tree to check, the repository by default)
set -euo pipefail
root=$(dirname "$0")/../..
if [ "${1:-}" = --root ]; then root=$2; shift 2; fi
[ $# -ge 1 ] || { echo "usage: $0 [--root DIR] PACKAGE..." >&2; exit 2; }
cd "$root"

# Named but never read: where `make install` puts things (PREFIX, GP_DATADIR).
not_read='^(/usr/local|/usr/share/guidepress)(/|$)'

allowed=$(mktemp)
trap 'rm -f "$allowed"' EXIT
{
  printf '%s\n' "$@"
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances "$@" 2>/dev/null | sed -nE 's/^ *(Pre)?Depends: <?([^ >]+)>?$/\2/p;s/^([a-z0-9][^ ]*)$/\1/p'
  dpkg-query -W -f '${Package} ${Essential}\n' | awk '$2 == "yes" { print $1 }'
} | sed 's/:.*//' | sort -u >"$allowed"

status=0
while IFS=: read -r file path; do
  path=${path%%[.,;:)\`\'\"]}
  [[ $path =~ $not_read ]] && continue
  owners=$(dpkg -S "$path" 2>/dev/null | grep -v '^diversion' | sed 's/: .*//' | tr -d ' ' | tr , '\n' | sed 's/:.*//') || owners=
  if [ -z "$owners" ]; then
    echo "$file: $path is in no installed package; put the file in the repository or add its package to DEB_PACKAGES" >&2
    status=1
  elif ! grep -qxFf <(printf '%s\n' $owners) "$allowed"; then
    echo "$file: $path comes from $(echo $owners | tr ' ' ,), which the Makefile does not install; add it to DEB_PACKAGES or use a file of the repository" >&2
    status=1
  fi
done < <(grep -rIoE '(^|[^[:alnum:]_./$})-])/(usr|etc|lib|lib64|opt|var|bin|sbin)/[[:alnum:]_.+/-]+' \
           $(ls -d tests content schema src Makefile 2>/dev/null) | grep -v '^tests/deps/' |
           sed -E 's/:[^/]?\//:\//' | sort -u)
[ $status = 0 ] && echo "deps-check: every absolute path the tests, content and sources name is from DEB_PACKAGES"
exit $status
