#!/usr/bin/env bash
# Run the same integration test(s) N times, one run at a time, and count the runs that passed: for flaky-fault hunts
# by hand, not part of `make test`. Usage: tests/loop.sh N PYTEST-ARGS...  (logs under ${LOOP_DIR:-/tmp/newswire-loop})
set -uo pipefail
cd "$(dirname "$0")/.."
runs=$1; shift
dir=${LOOP_DIR:-/tmp/newswire-loop}
mkdir -p "$dir"
passed=0
for n in $(seq 1 "$runs"); do
  start=$(date +%s)
  if .venv/bin/pytest -q -p no:cacheprovider --basetemp="$dir/run-$n" "$@" >"$dir/run-$n.log" 2>&1; then
    passed=$((passed + 1)); verdict=passed
  else
    verdict=FAILED
  fi
  echo "run $n: $verdict in $(( $(date +%s) - start )) s"
done
echo "$passed of $runs runs passed"
