#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer + ASan + UBSan) and runs each.
#
#   tests/fuzz/run.sh SECONDS [TARGET...]      TARGET: load brand rich layout image (default: all, one after another)
#                                              SECONDS 0: build only
#
# Build: build/fuzz/fuzz_TARGET from every src/**/*.c but src/main.c and the
# build-time src/text/hyph_compile.c, plus the patterns it compiled and the starter files (make) and
# tests/fuzz/fuzz_TARGET.c. With ARENA=exact (the default) src/base/arena.c
# is replaced by tests/fuzz/arena_exact.c, one malloc per arena allocation,
# so ASan catches overflows inside arena memory; ARENA=src keeps the real one.
# Run: SECONDS each (-max_total_time), at nice 10, with the dictionary
# (yaml.dict for load and brand, rich.dict for rich and layout, none for image), reading the
# checked-in corpus tests/fuzz/corpus/TARGET/ and tests/fuzz/regressions/TARGET/
# and writing new inputs only to build/fuzz/corpus/TARGET/ (scratch).
# Crashes, timeouts (> FUZZ_TIMEOUT s per input, default 10), leaks and
# out-of-memory go to build/fuzz/crashes/TARGET-*; logs to build/fuzz/TARGET.log.
# Exit status: 1 if any target found something, 2 on a usage or build error.
#
# Environment:
#   FUZZ_OUT             instead of build/fuzz (e.g. outside a tree that `make clean` may
#                        wipe during a long run)
#   CC                   default clang; ARENA exact|src (above)
#   FUZZ_TIMEOUT         seconds per input before it counts as a hang (default 10)
#   FUZZ_RSS_MB          memory limit (default 2048)
#   FUZZ_ARGS            extra libFuzzer flags (e.g. -fork=2 -ignore_crashes=1)
#   FUZZ_CFLAGS          extra compile flags
#   FUZZ_NO_REGRESSIONS=1  do not seed with regressions/ (while some still fail)
#   NO_BUILD=1           reuse the binaries
#   ASAN_/UBSAN_/LSAN_OPTIONS are kept if set; LSan gets tests/fuzz/lsan.supp
#   (fontconfig's one-time configuration) by default.
#   The targets read GP_FUZZ_BRAND_NO_LAYOUT, GP_FUZZ_AVOID_KNOWN and
#   GP_FUZZ_IGNORE_RIGHT_EDGE (see fuzz_brand.c, fuzz_layout.c, fuzz_util.h).
# Two runs of this script may go at once (the build step is locked); give them
# different targets and the same flags.
#
# To fuzz past a known, not yet fixed UBSan report, make that check
# recoverable and suppress it, e.g.:
#   FUZZ_CFLAGS=-fsanitize-recover=float-cast-overflow \
#   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$PWD/my-ubsan.supp tests/fuzz/run.sh 600 layout
# with my-ubsan.supp holding lines like `float-cast-overflow:notes_area`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

usage() { echo "usage: $0 SECONDS [load|brand|rich|layout|image ...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
secs=$1; shift
case $secs in '' | *[!0-9]*) usage ;; esac
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load brand rich layout image)
for t in "${targets[@]}"; do
  case $t in load | brand | rich | layout | image) ;; *) echo "unknown target: $t" >&2; usage ;; esac
done

CC=${CC:-clang}
ARENA=${ARENA:-exact}
out=${FUZZ_OUT:-build/fuzz}
mkdir -p "$out/obj" "$out/crashes"
command -v "$CC" >/dev/null || { echo "$CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }

PKGS=$(sed -n 's/^PKGS := //p' Makefile) # the libraries the program links, from their one list
pkg_cflags=$(pkg-config --cflags $PKGS) || exit 2
pkg_libs=$(pkg-config --libs $PKGS) || exit 2
CFLAGS=(-std=c11 -D_GNU_SOURCE -O1 -g -fno-omit-frame-pointer -Isrc $pkg_cflags
  -DGP_VERSION='"fuzz"' -DGP_DATADIR='"/usr/share/guidepress"' -DGP_FUZZ_FONTS="\"$root/fonts\""
  -fsanitize=address,undefined -fno-sanitize-recover=all ${FUZZ_CFLAGS:-})
LIBS=($pkg_libs -lhpdf -lhyphen -lm -lpthread)

# The hyphenation patterns and the starter folder compiled at build time come from the Makefile.
generated=(build/gen/hyph_patterns.c build/gen/starter_files.c)
lib_sources() {
  find src -name '*.c' ! -path src/main.c ! -path src/text/hyph_compile.c | sort | while read -r f; do
    if [ "$ARENA" = exact ] && [ "$f" = src/base/arena.c ]; then echo tests/fuzz/arena_exact.c; else echo "$f"; fi
  done
  printf '%s\n' "${generated[@]}"
}

build() {
  local objs=() f o key
  make --no-print-directory -s "${generated[@]}" || return 1
  key=$(printf '%s ' "$CC" "$ARENA" "${CFLAGS[@]}" | md5sum | cut -c1-8) # objects per set of flags
  for f in $(lib_sources); do
    o=$out/obj/$key/${f//\//_}.o
    objs+=("$o")
    if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ "$(find src -name '*.h' -newer "$o" | head -1)" ]; then
      mkdir -p "$(dirname "$o")"
      echo "  CC   $f"
      "$CC" "${CFLAGS[@]}" -fsanitize=fuzzer-no-link -c -o "$o" "$f" || return 1
    fi
  done
  for t in "${targets[@]}"; do
    echo "  LD   $out/fuzz_$t"
    "$CC" "${CFLAGS[@]}" -fsanitize=fuzzer -Itests/fuzz -o "$out/fuzz_$t" "tests/fuzz/fuzz_$t.c" "${objs[@]}" \
      "${LIBS[@]}" || return 1
  done
}

if [ "${NO_BUILD:-0}" != 1 ]; then
  exec 9>"$out/.build-lock"
  flock 9
  build || { echo "build failed" >&2; exit 2; }
  flock -u 9
fi

[ "$secs" -eq 0 ] && exit 0

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
[ -f "$here/lsan.supp" ] && export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}
export GUIDEPRESS_FONTS=${GUIDEPRESS_FONTS:-$root/fonts}

status=0
for t in "${targets[@]}"; do
  case $t in
    load) max_len=20480; dict=yaml.dict ;;
    brand) max_len=8192; dict=yaml.dict ;;
    rich) max_len=4096; dict=rich.dict ;;
    layout) max_len=4097; dict=rich.dict ;;
    image) max_len=20480; dict= ;;
  esac
  scratch=$out/corpus/$t
  mkdir -p "$scratch"
  seeds=("$here/corpus/$t")
  # regression inputs are seeds too, so an unfixed one stops the run at once (FUZZ_NO_REGRESSIONS=1: leave them out)
  [ "${FUZZ_NO_REGRESSIONS:-0}" = 1 ] || [ ! -d "$here/regressions/$t" ] || seeds+=("$here/regressions/$t")
  dict_arg=()
  [ -f "$here/$dict" ] && dict_arg=(-dict="$here/$dict")
  before=$(ls "$out/crashes" | grep -c "^$t-" || true)
  echo "== fuzz_$t for ${secs}s (log: $out/$t.log)"
  # shellcheck disable=SC2086
  nice -n 10 "$out/fuzz_$t" -max_total_time="$secs" -max_len="$max_len" -timeout="${FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -artifact_prefix="$out/crashes/$t-" -print_final_stats=1 \
    "${dict_arg[@]}" ${FUZZ_ARGS:-} "$scratch" "${seeds[@]}" >"$out/$t.log" 2>&1
  rc=$?
  after=$(ls "$out/crashes" | grep -c "^$t-" || true)
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$out/$t.log" |
    sed "s/^/  $t /"
  grep -E '^#[0-9]+.*(DONE|cov:)' "$out/$t.log" | tail -1 | sed "s/^/  $t /"
  if [ $rc -ne 0 ] || [ "$after" -gt "$before" ]; then
    echo "  $t: FOUND SOMETHING (exit $rc); see $out/$t.log and $out/crashes/$t-*"
    grep -E 'ERROR: |SUMMARY: |fuzz invariant violated|runtime error' "$out/$t.log" | head -5 | sed 's/^/    /'
    status=1
  fi
done
exit $status
