# The shared start of every tests/e2e/*.sh script (sourced): the program
# under test as $bin, the repository as the working folder, a scratch
# folder $tmp removed on exit, and pass/fail counting (ok, bad, check,
# summary). Usage: . tests/e2e/harness.bash GUIDEPRESS
set -u
bin=$(realpath "$1")
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok()    { pass=$((pass + 1)); }
bad()   { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if "$@"; then ok; else bad "$*"; fi; }
# summary NAME: the closing line, and the script's exit status
summary() { echo "$1: $pass passed, $fail failed"; [ "$fail" = 0 ]; }
