#!/usr/bin/env bash
# Does bf16 mixed precision change the science? Trains relu, gelu and selu on full MNIST, 3 seeds x 5 epochs, once in
# fp32 and once with --precision bf16, then prints per activation the mean final validation accuracy of each
# precision, their difference (target: within 0.15 point) and the two rankings (target: the same). Issue 16.
# Takes about an hour (2 x 45 epochs of full MNIST; on the 2-core machine with --parallel 2, 41 min for fp32 while sharing
# the CPU, 24 min for bf16).
#
# Usage: scripts/bf16-check.sh [--out DIR] [--parallel N] [--resume]
#   --out DIR      where the two runs go: DIR/fp32 and DIR/bf16 (default runs/bf16-check)
#   --parallel N   passed to compare (default 2)
#   --resume       continue runs that were interrupted (each run folder is resumed if it exists)
# The table is also written to DIR/table.md, and both runs' curves are drawn together into DIR/plots.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

ACTIVATIONS=relu,gelu,selu
SEEDS=3
EPOCHS=5
DIFFERENCE_TARGET=0.15

die() {
  printf 'bf16-check: %s\n' "$*" >&2
  exit 2
}

out=runs/bf16-check
parallel=2
resume=0
while (($#)); do
  case "$1" in
    --out) (($# >= 2)) || die "--out needs a folder"; out=$2; shift 2 ;;
    --parallel) (($# >= 2)) && [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--parallel needs a positive integer"; parallel=$2; shift 2 ;;
    --resume) resume=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done

for precision in fp32 bf16; do
  folder="$out/$precision"
  if ((resume)) && [[ -f "$folder/config.json" ]]; then
    scripts/compare.sh --resume --out "$folder" --parallel "$parallel"
  else
    # --insist-precision: on a CPU without fast bf16 the check is slow, but still a check of bf16.
    scripts/compare.sh -a "$ACTIVATIONS" --seeds "$SEEDS" --epochs "$EPOCHS" --precision "$precision" --insist-precision \
      --parallel "$parallel" --out "$folder"
  fi
done

# Mean over seeds of the last epoch's validation accuracy, per activation, from each run's metrics.csv.
final_means() {
  awk -F, -v epochs="$EPOCHS" 'NR > 1 && $3 == epochs { sum[$1] += $7; n[$1]++ }
    END { for (a in sum) printf "%s %.6f %d\n", a, sum[a] / n[a] * 100, n[a] }' "$1/metrics.csv" | sort
}

declare -A fp32=() bf16=() count=()
while read -r a mean n; do fp32[$a]=$mean; count[$a]=$n; done < <(final_means "$out/fp32")
while read -r a mean n; do bf16[$a]=$mean; count[$a]="${count[$a]:-0}/$n"; done < <(final_means "$out/bf16")

ranking() {
  local -n means=$1
  for a in "${!means[@]}"; do printf '%s %s\n' "${means[$a]}" "$a"; done | sort -gr | awk '{ printf "%s%s", (NR > 1 ? " > " : ""), $2 } END { print "" }'
}

{
  printf '| activation | fp32 mean final val acc | bf16 mean final val acc | bf16 − fp32 (points) | within %s? | seeds (fp32/bf16) |\n' "$DIFFERENCE_TARGET"
  printf '| --- | ---: | ---: | ---: | --- | --- |\n'
  IFS=, read -r -a acts <<<"$ACTIVATIONS"
  for a in "${acts[@]}"; do
    [[ -n "${fp32[$a]:-}" && -n "${bf16[$a]:-}" ]] || die "no final epoch for $a in $out/fp32 or $out/bf16 (did both runs finish?)"
    diff=$(awk -v b="${bf16[$a]}" -v f="${fp32[$a]}" 'BEGIN { printf "%+.3f", b - f }')
    ok=$(awk -v d="$diff" -v t="$DIFFERENCE_TARGET" 'BEGIN { print ((d < 0 ? -d : d) <= t) ? "yes" : "NO" }')
    printf '| %s | %.3f%% | %.3f%% | %s | %s | %s |\n' "$a" "${fp32[$a]}" "${bf16[$a]}" "$diff" "$ok" "${count[$a]}"
  done
  fp32_rank=$(ranking fp32)
  bf16_rank=$(ranking bf16)
  printf '\nRanking fp32: %s\nRanking bf16: %s\nSame ranking: %s\n' "$fp32_rank" "$bf16_rank" \
    "$([[ "$fp32_rank" == "$bf16_rank" ]] && echo yes || echo NO)"
} | tee "$out/table.md"

# The two runs differ in their precision, so each series is named after its run ("ReLU · fp32").
scripts/compare.sh plot "$out/fp32" "$out/bf16" --label-runs --out "$out/plots" >/dev/null
printf '\nBoth runs drawn together: %s/plots (val_accuracy.png, report.html)\n' "$out"
