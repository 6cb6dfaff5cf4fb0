#!/usr/bin/env bash
# Trains and compares the activations: scripts/compare.sh [MnistCompare args]
# Setup runs first so a fresh checkout works with one command; it is silent
# when nothing is missing.
#
# Runs from the caller's directory, so relative paths (--out, --data, --config, plot's folders) are the caller's;
# without --out, runs go to runs/ in this repository, wherever the script is started from.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

"$ROOT/scripts/setup.sh"
# exec: the app's exit code and signals reach the caller directly.
exec dotnet run -c Release --project "$ROOT/src/MnistCompare" -- "$@"
