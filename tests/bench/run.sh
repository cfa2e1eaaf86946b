#!/usr/bin/env bash
# Performance benchmark for guidepress (`make bench`).
#
# usage: tests/bench/run.sh GUIDEPRESS [BENCH_LINEBREAK]
#
# Builds the fixtures in a temporary folder (a batch of 200 lightly varied
# copies of the samples, a batch of 20, and guides 1x, 10x and 100x as long
# as Last Train Home), then tests/bench/bench.py measures and prints one
# table: figure, value, target, PASS/MISS. Timings are medians of repeated
# runs, and everything compared is measured in the same run, because the
# machine may be shared and noisy. A missed target prints MISS and never
# fails the run; only a broken setup or a guide that fails to build does.
# Needs bash, sed, awk and python3 (standard library only); node and npm for
# the Typst peer measured beside guidepress; qpdf 11+ (image
# bytes in the PDF) and valgrind (instruction count) are used if present.
set -euo pipefail

die() { echo "bench: $*" >&2; exit 2; }

[[ $# -ge 1 && $# -le 2 ]] || die "usage: $0 GUIDEPRESS [BENCH_LINEBREAK]"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

abspath() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
gp=$(abspath "$1")
[[ -x $gp && -f $gp ]] || die "$1: not an executable (build it with make)"
lb=
if [ $# -ge 2 ] && [ -n "$2" ]; then
    lb=$(abspath "$2")
    [[ -x $lb && -f $lb ]] || die "$2: not an executable"
fi
py=/usr/bin/python3
[[ -x $py ]] || py=$(command -v python3) || die "python3 is needed"

work=$(mktemp -d "${TMPDIR:-/tmp}/guidepress-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# Snapshots, so that a rebuild or an edit in the tree while the benchmark
# runs cannot mix two versions into one table: the binary (it finds the
# bundled fonts at ../fonts beside itself, hence the link) and the content.
[ -d "$root/fonts" ] || die "$root/fonts: bundled fonts missing"
mkdir -p "$work/bin"
cp "$gp" "$work/bin/guidepress"
ln -s "$root/fonts" "$work/fonts"
gp=$work/bin/guidepress
if [ -n "$lb" ]; then cp "$lb" "$work/bin/bench_linebreak" && lb=$work/bin/bench_linebreak; fi
# the dictionary line breakers (bench_dictbreak), if given
db=${BENCH_DICTBREAK:-}
if [ -n "$db" ]; then cp "$(abspath "$db")" "$work/bin/bench_dictbreak" && db=$work/bin/bench_dictbreak; fi
cp -R "$root/content" "$work/content"
content=$work/content
brand=$content/brands/influence.yaml
sample=$content/last-train-home.yaml
[[ -f $brand && -f $sample && -d $content/images ]] || die "$root/content: samples missing"
samples=("$content"/*.yaml)

# A batch folder of N guides: the samples in turn, each copy's film title
# made unique (an unquoted `  title:` at the film level; quoted titles are
# left alone), with the images the content files refer to.
make_batch() { # DIR N
    local dir=$1 n=$2 i src
    mkdir -p "$dir"
    cp -R "$content/images" "$dir/images"
    for ((i = 0; i < n; i++)); do
        src=${samples[i % ${#samples[@]}]}
        sed -E "s/^(  title: )([^\"'].*)\$/\\1\\2 — copy $i/" "$src" >"$(printf '%s/guide-%03d.yaml' "$dir" "$i")"
    done
}
make_batch "$work/batch200" 200
make_batch "$work/batch20" 20

# Last Train Home with its whole `sections:` list repeated K times (every
# section type, so the guide grows in proportion; cover and back page once).
mkdir -p "$work/long"
cp -R "$content/images" "$work/long/images"
for k in 1 10 100; do
    awk -v k="$k" '
        function flush(  i) { for (i = 0; i < k; i++) printf "%s", buf; buf = ""; in_sections = 0 }
        in_sections && NF && /^[^ #]/ { flush() }
        in_sections { buf = buf $0 "\n"; next }
        { print }
        /^sections:/ { in_sections = 1 }
        END { if (in_sections) flush() }
    ' "$sample" >"$work/long/x$k.yaml"
done
grep -q '^sections:' "$work/long/x10.yaml" || die "could not build the long guides"


# The Typst peer (PEERS, default ../shared/peers beside the repository; see
# its README), copied because shared/ is read-only, its npm packages
# installed from the registry. Without it the table says why it is skipped.
peers=${PEERS:-$root/../shared/peers}
typst=(--typst-skip "")
if [ ! -f "$peers/typst/build.js" ]; then
    typst=(--typst-skip "no Typst peer at $peers (set PEERS=)")
elif ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    typst=(--typst-skip "node and npm are needed for the Typst peer")
else
    cp -R "$peers" "$work/peers" && chmod -R u+w "$work/peers"
    if (cd "$work/peers/typst" && npm ci --no-audit --no-fund --silent >"$work/npm.log" 2>&1); then
        typst=(--typst "$work/peers/typst")
    else
        typst=(--typst-skip "npm ci failed in the Typst peer: $(tail -1 "$work/npm.log")")
    fi
fi

"$py" "$here/bench.py" --guidepress "$gp" --linebreak "$lb" --dictbreak "$db" --brand "$brand" --sample "$sample" \
    --images "$content/images" --work "$work" "${typst[@]}"
