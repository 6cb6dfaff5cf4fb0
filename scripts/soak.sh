#!/usr/bin/env bash
# Soak test, kept out of the unit suite because it takes minutes: trains one activation for 30 epochs on a
# 2,000-image subset and checks that the process neither grows nor leaks file descriptors. Resident memory
# (VmRSS) and the count of open descriptors are sampled the moment the app reports each epoch; it fails when
# the figures after epoch 5 and after epoch 30 differ by 5% or more, or when descriptors were added.
#
# Usage: scripts/soak.sh [--epochs N] [--early N] [--train-limit N] [--activation NAME] [--tolerance PERCENT]
#   Prints every sample and the comparison; exit 0 when the checks pass, 1 when one fails or the run fails.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

EPOCHS=30
EARLY=5
TRAIN_LIMIT=2000
ACTIVATION=relu
TOLERANCE=5

die() {
  printf 'soak: %s\n' "$*" >&2
  exit 1
}

while (($#)); do
  case "$1" in
    --epochs) EPOCHS=${2:?}; shift ;;
    --early) EARLY=${2:?}; shift ;;
    --train-limit) TRAIN_LIMIT=${2:?}; shift ;;
    --activation) ACTIVATION=${2:?}; shift ;;
    --tolerance) TOLERANCE=${2:?}; shift ;;
    -h | --help)
      sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
  shift
done
((EARLY >= 1 && EARLY < EPOCHS)) || die "--early must lie between 1 and --epochs − 1"

scripts/setup.sh
dotnet build src/MnistCompare -c Release -nologo -v quiet >/dev/null || die "the build failed (run: dotnet build src/MnistCompare -c Release)"
BUILT="$ROOT/src/MnistCompare/bin/Release/net10.0"
[[ -f $BUILT/MnistCompare.dll ]] || die "$BUILT/MnistCompare.dll is missing after the build"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mnistcompare-soak.XXXXXX")
APP_PID=""
cleanup() {
  # Only the app this script started, by its PID.
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    kill -CONT "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The app runs from a copy, so that a build during the soak cannot rewrite the libraries it has mapped.
cp -r "$BUILT" "$WORK/app"
APP="$WORK/app/MnistCompare.dll"

# The app's output comes through a FIFO so that each epoch line is seen the moment the app flushes it: the sample
# after the last epoch must be taken before the app moves on to saving and plotting. `dotnet app.dll` runs the app
# in this very process, so $! is the PID to measure (`dotnet run` would put a build host in between).
mkfifo "$WORK/output"
# One epoch more than measured: "after epoch N" is then the start of epoch N+1's training for both samples, rather
# than, for the last one, the moment the app saves the weights (an open file) and draws the plots.
RUN_EPOCHS=$((EPOCHS + 1))
dotnet "$APP" compare -a "$ACTIVATION" --train-limit "$TRAIN_LIMIT" --epochs "$RUN_EPOCHS" --out "$WORK/run" >"$WORK/output" 2>&1 &
APP_PID=$!

# "VmRSS RssAnon RssFile" in KiB: a leak of tensors or managed objects shows as anonymous memory, code and
# libraries mapped late as file-backed.
memory_kib() {
  local key value rest total="" anon="" file=""
  while read -r key value rest; do
    case $key in
      VmRSS:) total=$value ;;
      RssAnon:) anon=$value ;;
      RssFile:) file=$value ;;
    esac
  done <"/proc/$APP_PID/status"
  printf '%s %s %s\n' "$total" "$anon" "$file"
}
fd_count() {
  local fds=("/proc/$APP_PID/fd/"*)
  printf '%s' "${#fds[@]}"
}

# Every epoch is sampled, so that a failure shows whether memory climbs steadily (a leak) or steps once. The app is
# stopped while it is measured, so that the figures and the descriptor list describe one moment.
declare -A RSS ANON FILE FDS
while IFS= read -r line; do
  printf '%s\n' "$line"
  if [[ $line =~ \ epoch\ ([0-9]+)/$RUN_EPOCHS:\  ]]; then
    epoch=${BASH_REMATCH[1]}
    ((epoch <= EPOCHS)) || continue
    kill -STOP "$APP_PID" 2>/dev/null || continue
    read -r RSS[$epoch] ANON[$epoch] FILE[$epoch] < <(memory_kib)
    FDS[$epoch]=$(fd_count)
    if ((epoch == EARLY || epoch == EPOCHS)); then ls -l "/proc/$APP_PID/fd" 2>/dev/null | awk 'NR > 1 { print $9, $10, $11 }' | sort -n >"$WORK/fds-$epoch" || true; fi
    kill -CONT "$APP_PID" 2>/dev/null || true
    printf 'soak: epoch %d: RSS %d KiB (anonymous %d, file-backed %d), %d open file descriptors\n' \
      "$epoch" "${RSS[$epoch]}" "${ANON[$epoch]}" "${FILE[$epoch]}" "${FDS[$epoch]}"
  fi
done <"$WORK/output"
rc=0
wait "$APP_PID" || rc=$?
APP_PID=""

((rc == 0)) || die "the run failed with exit code $rc"
[[ -n ${RSS[$EARLY]:-} && -n ${RSS[$EPOCHS]:-} ]] || die "did not see the lines for epochs $EARLY and $EPOCHS"
if grep -q ',true,' "$WORK/run/metrics.csv"; then die "the run diverged, so it did not train for $EPOCHS epochs"; fi

early_rss=${RSS[$EARLY]} late_rss=${RSS[$EPOCHS]} early_fds=${FDS[$EARLY]} late_fds=${FDS[$EPOCHS]}
failed=0
change=$(awk -v a="$early_rss" -v b="$late_rss" 'BEGIN { printf "%+.2f", (b - a) * 100 / a }')
printf '\nsoak: after epoch %d: RSS %d KiB, %d open file descriptors\n' "$EARLY" "$early_rss" "$early_fds"
printf 'soak: after epoch %d: RSS %d KiB, %d open file descriptors\n' "$EPOCHS" "$late_rss" "$late_fds"
printf 'soak: RSS changed by %s%% (limit ±%s%%: anonymous %+d KiB, file-backed %+d KiB), descriptors by %+d\n' "$change" "$TOLERANCE" \
  "$((ANON[$EPOCHS] - ANON[$EARLY]))" "$((FILE[$EPOCHS] - FILE[$EARLY]))" "$((late_fds - early_fds))"
if awk -v c="$change" -v t="$TOLERANCE" 'BEGIN { exit !((c < 0 ? -c : c) >= t) }'; then
  echo "soak: FAILED: resident memory changed by ${change}%" >&2
  failed=1
fi
if ((late_fds > early_fds)); then
  echo "soak: FAILED: $((late_fds - early_fds)) more open file descriptors; what changed:" >&2
  diff "$WORK/fds-$EARLY" "$WORK/fds-$EPOCHS" >&2 || true
  failed=1
fi
((failed == 0)) && echo "soak: passed"
exit "$failed"
