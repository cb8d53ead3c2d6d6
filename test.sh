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

# The operator console's unit tests (Vitest); its packages were installed by the host's build.
console="src/UserOps.Automation.Console"
if [ -d "$console/node_modules" ]; then
  vitest_log=$(mktemp)
  (cd "$console" && NO_COLOR=1 npx vitest run --reporter=default) 2>&1 | tee "$vitest_log" || status=1
  summary=$(grep -E '^ +Tests +' "$vitest_log" | tail -n 1)
  passed=$((passed + $(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)))
  failed=$((failed + $(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)))
  skipped=$((skipped + $(grep -oE '[0-9]+ skipped' <<<"$summary" | grep -oE '[0-9]+' || echo 0)))
  rm -f "$vitest_log"
else
  echo "console tests not run: $console/node_modules is missing (build the host with Node.js available)" >&2
  status=1
fi

if [ "$status" -eq 0 ] && [ "$failed" -gt 0 ]; then
  status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
