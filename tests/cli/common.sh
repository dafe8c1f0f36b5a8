# common.sh - set-up shared by the CLI tests (sourced)
# SPDX-License-Identifier: MIT
#
# make check exports TEXTKG (the built binary), top_srcdir and
# TEXTKG_DATADIR; running a test by hand from the top of a built tree works
# too. Every test works in its own temporary directory, removed on exit.
set -u
LC_ALL=C
export LC_ALL
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TEXTKG:=$PWD/textkg}"
: "${TEXTKG_DATADIR:=$top_srcdir}"
export TEXTKG_DATADIR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/textkg-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0

ok() { passed=$((passed + 1)); printf 'ok - %s\n' "$1"; }
not_ok() { failed=$((failed + 1)); printf 'not ok - %s\n' "$1"; }
check() { # check NAME COMMAND...: passes when COMMAND succeeds
  _check_name=$1; shift
  if "$@"; then ok "$_check_name"; else not_ok "$_check_name"; fi
}
finish() {
  printf '%d passed, %d failed\n' "$passed" "$failed"
  [ "$failed" -eq 0 ]
}
