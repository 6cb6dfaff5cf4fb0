#!/usr/bin/env bash
# Trains and compares the activations: scripts/compare.sh [MnistCompare args]
# Setup runs first so a fresh checkout works with one command; it is silent
# when nothing is missing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

scripts/setup.sh
# exec: the app's exit code and signals reach the caller directly.
exec dotnet run -c Release --project src/MnistCompare -- "$@"
