#!/usr/bin/env bash
# Reruns a comparison from its run folder's config.json into a new folder beside it:
#   scripts/rerun.sh RUN_DIR [compare options that override the recorded ones]
# Same seed on the same device gives the same metrics, so the two metrics.csv files can be compared directly.
set -euo pipefail

if (($# < 1)) || [[ ! -d "$1" ]]; then
  echo "usage: scripts/rerun.sh RUN_DIR [options]   (RUN_DIR: a run folder holding config.json)" >&2
  exit 2
fi
run_dir=$(cd "$1" && pwd)
shift
if [[ ! -f "$run_dir/config.json" ]]; then
  echo "rerun: $run_dir/config.json does not exist; is $run_dir a run folder?" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="${run_dir}-rerun-$(date +%Y%m%d-%H%M%S)"
exec "$ROOT/scripts/compare.sh" compare --config "$run_dir/config.json" --out "$out" "$@"
