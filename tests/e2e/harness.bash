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
# status N CMD...: runs CMD (stderr to $tmp/err), checks its exit status
status() {
  local want=$1; shift
  "$@" 2>"$tmp/err"
  local got=$?
  if [ "$got" = "$want" ]; then ok; else bad "exit status $got, expected $want: $* ($(head -3 "$tmp/err"))"; fi
}
# said TEXT: the last command's stderr has this line (a fixed string)
said() { if grep -qxF -- "$1" "$tmp/err"; then ok; else bad "stderr lacks: $1"; echo "  stderr was:"; sed 's/^/  | /' "$tmp/err"; fi; }
# summary NAME: the closing line, and the script's exit status
summary() { echo "$1: $pass passed, $fail failed"; [ "$fail" = 0 ]; }
