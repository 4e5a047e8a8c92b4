#!/usr/bin/env bash
# Runs every test against one build directory: the cmocka unit tests (ctest)
# and the end-to-end tests (tests/e2e/run_e2e.py), then prints one summary
# line "N passed, N failed". Exit status is non-zero if anything failed.
set -uo pipefail
build="${1:-build}"
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"

if [ ! -x "$build/prodready" ]; then
    echo "tests/run.sh: $build/prodready is missing; run 'make' first" >&2
    exit 2
fi

unit_log="$(mktemp)"
trap 'rm -f "$unit_log"' EXIT
ctest --test-dir "$build" --output-on-failure 2>&1 | tee "$unit_log"
unit_status=${PIPESTATUS[0]}
unit_total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p' "$unit_log" | tail -1)
unit_failed=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1/p' "$unit_log" | tail -1)
unit_total=${unit_total:-0}
unit_failed=${unit_failed:-0}
if [ "$unit_status" -ne 0 ] && [ "$unit_failed" -eq 0 ]; then unit_failed=1; fi

e2e_log="$(mktemp)"
/usr/bin/python3 tests/e2e/run_e2e.py --binary "$build/prodready" 2>&1 | tee "$e2e_log"
e2e_status=${PIPESTATUS[0]}
e2e_passed=$(sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$e2e_log")
e2e_failed=$(sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$e2e_log")
rm -f "$e2e_log"
e2e_passed=${e2e_passed:-0}
e2e_failed=${e2e_failed:-0}
if [ "$e2e_status" -ne 0 ] && [ "$e2e_failed" -eq 0 ]; then e2e_failed=1; fi

passed=$((unit_total - unit_failed + e2e_passed))
failed=$((unit_failed + e2e_failed))
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
