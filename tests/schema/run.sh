#!/usr/bin/env bash
# Checks the JSON Schemas in schema/ against the samples and the error fixtures.
# Run from the repository root: tests/schema/run.sh
#
#  - every content/*.yaml (and the all-sections fixture) validates against
#    schema/content.schema.json, every content/brands/*.yaml against
#    schema/brand.schema.json;
#  - every fixture in tests/errors/ whose problem is schema-level (SCHEMA_ERRORS
#    below) is rejected by the matching schema (brand-*.yaml are brands), with
#    errors at the same LINE:COLUMN positions as the fixture's .err file;
#  - the fixtures whose only problems are about files the schema cannot see
#    (FILE_ERRORS) are accepted, so the schema is no stricter than guidepress.
# Fixtures about invalid YAML, encodings, empty files or YAML limits are left out.
set -u

PY=/usr/bin/python3
CHECK=tests/schema/check.py
CONTENT_SCHEMA=schema/content.schema.json
BRAND_SCHEMA=schema/brand.schema.json
SEASON_SCHEMA=schema/season.schema.json

SCHEMA_ERRORS=(
    brand-bad-features    # an unknown role, malformed feature tags
    brand-bad-values      # bad colours, unknown page size, margin without a unit, unknown footer placeholder
    brand-unknown-keys    # unknown keys in the brand, labels and fonts
    many-errors           # wrong types, empty list, missing keys, unknown section type
    missing-required      # missing `sections` and `title`
    notes-bad             # `notes` neither boolean nor a number
    unknown-key           # misspelt key in `film`
    unknown-type          # unknown section type
    wrong-types           # mapping/list/string in the wrong places
)
FILE_ERRORS=(
    brand-missing-files   # missing logo and fonts
    brand-font-formats    # web fonts, not a font, a missing .ttc face
    brand-font-weight     # weights the fonts do not have
    poster-corrupt poster-directory poster-huge poster-missing poster-random
)

if [ ! -f "$CHECK" ] || [ ! -d content ]; then
    echo "run tests/schema/run.sh from the repository root" >&2
    exit 2
fi
if ! "$PY" -c 'import yaml, jsonschema' 2>/dev/null; then
    echo "schema: $PY needs python3-yaml and python3-jsonschema (apt-get install python3-yaml python3-jsonschema)" >&2
    exit 2
fi

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    # shellcheck disable=SC2001 # indent every line of the output
    if [ -n "${2:-}" ]; then sed 's/^/    /' <<<"$2"; fi
}

schema_for() {
    case "$(basename "$1")" in
        brand-*) echo "$BRAND_SCHEMA" ;;
        season*.yaml) echo "$SEASON_SCHEMA" ;;
        *) case "$1" in */brands/* | src/starter/club.yaml) echo "$BRAND_SCHEMA" ;; *) echo "$CONTENT_SCHEMA" ;; esac ;;
    esac
}

# Valid: the schema must accept the file.
expect_valid() {
    local file=$1 schema out rc
    schema=$(schema_for "$file")
    out=$("$PY" "$CHECK" "$schema" "$file" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ]; then
        pass "valid: $file ($(basename "$schema"))"
    else
        fail "valid: $file ($(basename "$schema")) was rejected (exit $rc)" "$out"
    fi
}

# Invalid: the schema must reject the file (exit 1: validation errors, not a crash or usage error).
expect_invalid() {
    local file=$1 schema out rc
    schema=$(schema_for "$file")
    out=$("$PY" "$CHECK" "$schema" "$file" 2>&1)
    rc=$?
    if [ "$rc" -eq 1 ] && grep -q ': error: ' <<<"$out"; then
        pass "rejected: $file ($(basename "$schema")): $(grep -c ': error: ' <<<"$out") error(s)"
    else
        fail "rejected: $file ($(basename "$schema")) was accepted (exit $rc)" "$out"
        return
    fi
    # The schema finds the same problems as guidepress: the same LINE:COLUMN
    # positions as the `error:` lines of the fixture's expected output.
    local expected=${file%.yaml}.err mine theirs
    [ -f "$expected" ] || return
    mine=$(positions <<<"$out")
    theirs=$(grep ': error: ' "$expected" | positions)
    if [ "$mine" = "$theirs" ]; then
        pass "same places as guidepress: $file"
    else
        fail "same places as guidepress: $file: schema at [${mine//$'\n'/ }], $expected at [${theirs//$'\n'/ }]" "$out"
    fi
}
positions() { sed -nE 's/^.*:([0-9]+):([0-9]+): error: .*$/\1:\2/p' | sort -t: -k1,1n -k2,2n; }

for schema in "$CONTENT_SCHEMA" "$BRAND_SCHEMA" "$SEASON_SCHEMA"; do
    if "$PY" -c 'import json, sys, jsonschema
s = json.load(open(sys.argv[1]))
jsonschema.validators.validator_for(s).check_schema(s)' "$schema" 2>/dev/null; then
        pass "schema: $schema is a valid JSON Schema"
    else
        fail "schema: $schema is not a valid JSON Schema"
    fi
done

# The schema's section types are the table's (src/load/section_types.def), names and aliases in order.
table_types=$(sed -nE 's/^GP_SECTION\([A-Z]+, "([a-z]+)", (NULL|"([a-z]+)"),.*/\1 \3/p' src/load/section_types.def | xargs)
schema_types=$("$PY" -c 'import json, sys
print(" ".join(json.load(open(sys.argv[1]))["$defs"]["sectionType"]["enum"]))' "$CONTENT_SCHEMA" 2>&1)
if [ -n "$table_types" ] && [ "$table_types" = "$schema_types" ]; then
    pass "schema: section types are the table's ($table_types)"
else
    fail "schema: section types [$schema_types] differ from src/load/section_types.def's [$table_types]"
fi

for f in content/*.yaml content/season/*.yaml content/season/films/*.yaml tests/fixtures/all-sections.yaml src/starter/guide.yaml; do
    expect_valid "$f"
done
for f in content/brands/*.yaml src/starter/club.yaml; do
    expect_valid "$f"
done
for name in "${SCHEMA_ERRORS[@]}"; do
    f=tests/errors/$name.yaml
    if [ -f "$f" ]; then expect_invalid "$f"; else fail "rejected: $f is missing"; fi
done
for name in "${FILE_ERRORS[@]}"; do
    f=tests/errors/$name.yaml
    if [ -f "$f" ]; then expect_valid "$f"; else fail "valid: $f is missing"; fi
done

echo "schema: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
