#!/usr/bin/env bash
# Runs every test of the solution; extra arguments go to `dotnet test` (e.g. --filter ...).
# Ends with one line "N passed, N failed, N skipped", counted from the TRX results, and exits
# non-zero when the build or any test fails.
set -uo pipefail
cd "$(dirname "$0")"

results="TestResults/run"
rm -rf "$results"

status=0
dotnet test UserOps.Automation.sln --logger trx --results-directory "$results" "$@" || status=$?

passed=0
failed=0
skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  # One outcome per test result: Passed, Failed or NotExecuted (skipped).
  outcomes=$(grep -o '<UnitTestResult [^>]*outcome="[A-Za-z]*"' "$trx" | grep -o 'outcome="[A-Za-z]*"' || true)
  passed=$((passed + $(grep -c '"Passed"' <<<"$outcomes" || true)))
  failed=$((failed + $(grep -c '"Failed"' <<<"$outcomes" || true)))
  skipped=$((skipped + $(grep -c '"NotExecuted"' <<<"$outcomes" || true)))
done

if [ "$status" -eq 0 ] && [ "$failed" -gt 0 ]; then
  status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
