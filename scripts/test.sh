#!/usr/bin/env bash
# Builds and runs the test suite: scripts/test.sh [dotnet test args]
# Setup runs first so a fresh checkout has libtorch, the compilers for the
# native shim and the MNIST files before anything builds.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

scripts/setup.sh

# dotnet test prints one result line per test project (and none at all when
# the build fails), so end with a single overall verdict; keep its exit code.
rc=0
dotnet test MnistCompare.sln -c Release "$@" || rc=$?
if ((rc == 0)); then
  echo "test: PASSED (dotnet test exit code 0)"
else
  echo "test: FAILED (dotnet test exit code $rc)" >&2
fi
exit "$rc"
