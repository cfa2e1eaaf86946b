#!/usr/bin/env bash
# Runs unit test binaries from the repository root; fails if any fails.
set -u
status=0
for t in "$@"; do
  echo "== $(basename "$t")"
  "$t" || status=1
done
exit $status
