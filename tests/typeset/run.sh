#!/bin/sh
# Typesetting quality report: renders every sample guide twice, with the
# total-fit (Knuth-Plass) line breaker and with first-fit (--greedy), and
# prints tests/typeset/report.py's measurements side by side, ending with
# one PASS/FAIL line per target (computed on the total-fit renders).
#
# usage: tests/typeset/run.sh [--check] [GUIDEPRESS]     (from the repo root)
#   GUIDEPRESS  the guidepress binary (default build/guidepress)
#   --check     exit 1 when a target fails (for CI); without it the exit
#               status is 0 whatever the numbers, 2 if something could not
#               be rendered or read.
set -eu

check=
bin=
for a in "$@"; do
    case $a in
    --check) check=--check ;;
    -h | --help)
        sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "run.sh: unknown option $a" >&2
        exit 2
        ;;
    *)
        if [ -n "$bin" ]; then
            echo "run.sh: one binary only" >&2
            exit 2
        fi
        bin=$a
        ;;
    esac
done
bin=${bin:-build/guidepress}

if [ ! -x "$bin" ]; then
    echo "run.sh: $bin: no such executable (run make first, from the repo root)" >&2
    exit 2
fi
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
for f in content tests/typeset/report.py; do
    if [ ! -e "$f" ]; then
        echo "run.sh: $f not found: run from the repo root" >&2
        exit 2
    fi
done
command -v pdftotext >/dev/null || {
    echo "run.sh: pdftotext (poppler-utils) is needed" >&2
    exit 2
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/typeset.XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
mkdir "$tmp/total-fit" "$tmp/greedy"

films="last-train-home honeyland jiro-dreams-of-sushi"
brands="influence riverside cinemateca"
for film in $films; do
    for brand in $brands; do
        out=$film-$brand.pdf
        for mode in total-fit greedy; do
            flag=
            [ "$mode" = greedy ] && flag=--greedy
            if ! "$bin" -q $flag -b "content/brands/$brand.yaml" -o "$tmp/$mode/$out" "content/$film.yaml" \
                2>"$tmp/err"; then
                echo "run.sh: guidepress failed on content/$film.yaml with $brand ($mode):" >&2
                cat "$tmp/err" >&2
                exit 2
            fi
        done
    done
done

echo "guidepress typesetting report: $bin"
echo "samples: {$(echo $films | tr ' ' ,)} x brands {$(echo $brands | tr ' ' ,)}"
echo
set +e
/usr/bin/python3 tests/typeset/report.py $check --compare "total-fit=$tmp/total-fit" "greedy=$tmp/greedy"
rc=$?
# page fullness and blank pages (a report, no target yet), on each brand's page and on A5
echo
for film in $films; do
    for brand in $brands; do
        for paper in "" a5; do
            "$bin" -q -b "content/brands/$brand.yaml" ${paper:+--paper $paper} --dump-dlist "$tmp/$film-$brand${paper:+-$paper}.dl" \
                -o "$tmp/fill.pdf" "content/$film.yaml" 2>/dev/null || rc=2
        done
    done
done
/usr/bin/python3 tests/typeset/fullness.py "$tmp"/*.dl || rc=2
exit $rc
