#!/bin/sh
# Runs a command and checks its exit code, stdout and stderr against extended regexes
# (grep -E, line by line). POSIX sh, so the many small CLI tests start fast.
#
# usage: expect.sh EXIT [--stdout RE]... [--stderr RE]... [--stdout-json] [--env K=V]... -- CMD...
# An expected exit code of 2 also requires exactly one 'posprop: error: ' line, first on stderr,
# and an empty stdout. RapidCheck's banner and crashes never appear on stderr. RC_PARAMS from the
# caller's environment is removed (tests are deterministic); --env sets variables for the command.
set -u
expected_exit=$1
shift
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/stdout_res"
: >"$tmp/stderr_res"
: >"$tmp/env"
json=0
while [ $# -gt 0 ]; do
  case $1 in
    --stdout) printf '%s\n' "$2" >>"$tmp/stdout_res"; shift 2 ;;
    --stderr) printf '%s\n' "$2" >>"$tmp/stderr_res"; shift 2 ;;
    --env) printf '%s\n' "$2" >>"$tmp/env"; shift 2 ;;
    --stdout-json) json=1; shift ;;
    --) shift; break ;;
    *) echo "expect.sh: unknown option $1" >&2; exit 1 ;;
  esac
done

(
  unset RC_PARAMS
  while IFS= read -r kv; do export "$kv"; done <"$tmp/env"
  exec "$@"
) >"$tmp/out" 2>"$tmp/err"
code=$?

fail() {
  echo "FAIL: $1" >&2
  echo "--- exit code: $code" >&2
  echo "--- stdout:" >&2
  cat "$tmp/out" >&2
  echo "--- stderr:" >&2
  cat "$tmp/err" >&2
  exit 1
}

[ "$code" -eq "$expected_exit" ] || fail "exit code $code, expected $expected_exit"
while IFS= read -r re; do
  grep -E -q -e "$re" "$tmp/out" || fail "stdout does not match /$re/"
done <"$tmp/stdout_res"
while IFS= read -r re; do
  grep -E -q -e "$re" "$tmp/err" || fail "stderr does not match /$re/"
done <"$tmp/stderr_res"
for banned in "terminate called" "Using configuration" "Segmentation" "internal error"; do
  if grep -F -q -e "$banned" "$tmp/err"; then fail "stderr contains '$banned'"; fi
done
if [ "$expected_exit" -eq 2 ]; then
  head -n 1 "$tmp/err" | grep -q '^posprop: error: ' || fail "stderr must start with the error"
  [ "$(grep -c 'posprop: error: ' "$tmp/err")" -eq 1 ] || fail "exactly one error line expected"
  [ ! -s "$tmp/out" ] || fail "stdout must stay empty on an input error"
fi
if [ "$json" -eq 1 ]; then
  python3 -c 'import json, sys; json.load(sys.stdin)' <"$tmp/out" || fail "stdout is not JSON"
fi
echo ok
