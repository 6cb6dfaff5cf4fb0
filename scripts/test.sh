#!/usr/bin/env bash
# Builds and runs the test suite: scripts/test.sh [dotnet test args]
# Setup runs first so a fresh checkout has the datasets and fonts before
# anything builds; the build itself restores TorchSharp and libtorch.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# Chromium: the report test loads report.html in a real browser.
EXTRA_PACKAGES="chromium" scripts/setup.sh

# dotnet test prints one result line per test project (and none at all when
# the build fails), so end with one overall line that adds them up, in the
# plain "N passed, N failed" form CI reads; keep dotnet's exit code.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rc=0
dotnet test MnistCompare.sln -c Release "$@" 2>&1 | tee "$log" || rc=$?
count() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
# The sweep on a real one-node Slurm counts as one more test: passed, failed, or skipped where it cannot run
# (it needs root on Debian and says why it skipped) or was not asked for (dotnet test arguments such as --filter
# choose tests). It uses the build dotnet test just made, so it runs only when that build exists.
if (($#)); then
  echo "test-slurm: SKIPPED (dotnet test arguments given: $*)"
  skipped=$((skipped + 1))
elif [[ -f src/MnistCompare/bin/Release/net10.0/MnistCompare.dll ]]; then
  slurm_rc=0
  scripts/test-slurm.sh --no-build || slurm_rc=$?
  case "$slurm_rc" in
    0) passed=$((passed + 1)) ;;
    77) skipped=$((skipped + 1)) ;;
    *) failed=$((failed + 1)); rc=1 ;;
  esac
fi
if ((rc == 0 && passed == 0)); then
  echo "test: no test ran" >&2
  rc=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$rc"
