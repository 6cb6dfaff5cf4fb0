#!/usr/bin/env bash
# Benchmarks TorchBinding against PyTorch (Debian's python3-torch: the same libtorch) on this machine, with the
# same number of threads on both sides. A benchmark, not a test: it prints figures next to their targets and
# fails only when something does not build or run. Nothing else should run on the machine meanwhile.
#
# Usage: scripts/bench.sh [--threads N] [--runs R] [--warmup W] [--iterations I] [--only SECTION[,SECTION...]]
#   --threads N     torch threads on both sides (default: nproc)
#   --runs R        runs per side, alternating ours/PyTorch; figures are medians over runs (default 5, at least 3)
#   --warmup W      untimed training steps per run (default 5)
#   --iterations I  timed training steps per run (default 30)
#   --only S        run only these sections (repeatable or comma-separated); default: all
# Sections:
#   train    one training step of the tutorial CNN (batch 128, random data): ms/step, images/s, ratio (target <= 1.05)
#   tiny-op  round trip of a one-element op through the binding (target <= 2 us)
#   activations  forward + backward of each custom activation vs libtorch's built-in on 128x64x24x24 float32
#                (target <= 1.5x for gelu, selu, elu, leaky-relu, sigmoid)
#
# Noise: the "others" note after each run says how much CPU other processes took meanwhile. Page faults vary from
# run to run on both sides (glibc hands freed tensor memory back to the kernel and faults it in again, a few us per
# page here); the faults/step column shows them. To take them out on both sides:
#   MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_MMAP_THRESHOLD_=33554432 scripts/bench.sh
#
# A new section is a function section_<name> (dashes become underscores) plus its name in SECTIONS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# Debian's interpreter: python3-torch is installed for it, not for a python3 that may come first on PATH.
PYTHON=${PYTHON:-/usr/bin/python3}
BENCH_PROJECT="$ROOT/bench/TorchBinding.Bench"
BENCH_DLL="$BENCH_PROJECT/bin/Release/net10.0/TorchBinding.Bench.dll"
ACTIVATIONS_PROJECT="$ROOT/bench/Activations.Bench"
ACTIVATIONS_DLL="$ACTIVATIONS_PROJECT/bin/Release/net10.0/Activations.Bench.dll"
REFERENCE="$ROOT/scripts/bench_reference.py"

SECTIONS=(train tiny-op activations)
TRAIN_RATIO_TARGET=1.05
TINY_OP_TARGET_NS=2000
BATCH=128
TINY_OP_ITERATIONS=200000

die() {
  printf 'bench: %s\n' "$*" >&2
  exit 1
}

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"; }

positive_int() {
  if [[ ! "$2" =~ ^[0-9]+$ ]] || (($2 < $3)); then die "$1 needs an integer >= $3, got '$2'"; fi
}

threads=$(nproc)
runs=5
warmup=5
iterations=30
only=()
while (($#)); do
  case "$1" in
    --threads | --runs | --warmup | --iterations | --only)
      (($# >= 2)) || die "$1 needs a value"
      case "$1" in
        --threads) positive_int "$1" "$2" 1; threads=$2 ;;
        --runs) positive_int "$1" "$2" 3; runs=$2 ;;
        --warmup) positive_int "$1" "$2" 0; warmup=$2 ;;
        --iterations) positive_int "$1" "$2" 1; iterations=$2 ;;
        --only) IFS=, read -r -a names <<<"$2"; only+=("${names[@]}") ;;
      esac
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done
for name in "${only[@]}"; do
  [[ " ${SECTIONS[*]} " == *" $name "* ]] || die "unknown section: $name (sections: ${SECTIONS[*]})"
done
((${#only[@]})) || only=("${SECTIONS[@]}")

TMP_DIR=$(mktemp -d)
trap 'rm -rf -- "$TMP_DIR"' EXIT

# ---- helpers ----------------------------------------------------------------------------------------------------

# The value of "RESULT key=value" in a run's output file.
result() {
  local value
  value=$(sed -n "s/^RESULT $2=//p" "$1" | tail -n 1)
  [[ -n "$value" ]] || die "no RESULT $2 in the output of $(head -c 200 "$1.cmd")"
  printf '%s\n' "$value"
}

# The median of the arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# calc FORMAT EXPR: floating-point arithmetic with awk, printed with the printf FORMAT.
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# "busy total" CPU ticks of the whole machine so far (/proc/stat: user nice system idle iowait irq softirq steal).
cpu_ticks() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
}

CLK_TCK=$(getconf CLK_TCK)
NCPU=$(nproc)
# The highest share of the CPUs that other processes used during a run, over all runs so far (percent).
OTHERS_MAX=0

# run OUT CMD...: runs one benchmark process, keeps its output in OUT, checks that it used the requested number of
# threads, and shows its human-readable lines, then how much of the machine other processes used meanwhile (the
# run's own CPU time taken out).
run() {
  local out=$1 busy0 busy1 real user sys others TIMEFORMAT='%R %U %S'
  shift
  printf '%s\n' "$*" >"$out.cmd"
  read -r busy0 _ < <(cpu_ticks)
  if ! { time "$@" >"$out" 2>&1; } 2>"$out.time"; then
    cat "$out" >&2
    die "failed: $*"
  fi
  read -r busy1 _ < <(cpu_ticks)
  [[ "$(result "$out" threads)" == "$threads" ]] || die "$* ran with $(result "$out" threads) threads, not $threads"
  read -r real user sys <"$out.time"
  others=$(calc '%d' "(($busy1 - $busy0) / $CLK_TCK - $user - $sys) * 100 / ($real * $NCPU)")
  ((others > 0)) || others=0
  ((others <= OTHERS_MAX)) || OTHERS_MAX=$others
  grep -v '^RESULT ' "$out" | sed 's/^/    /'
  printf '      (other processes used %d%% of the CPUs during this run)\n' "$others"
}

ours() { run "$1" dotnet "$BENCH_DLL" "${@:2}" --threads "$threads"; }
pytorch() { run "$1" "$PYTHON" "$REFERENCE" "${@:2}" --threads "$threads"; }

# Warns when the CPUs are busy before the runs start: other work skews both sides' figures.
check_idle() {
  local busy0 total0 busy1 total1 busy
  read -r busy0 total0 < <(cpu_ticks)
  sleep 1
  read -r busy1 total1 < <(cpu_ticks)
  busy=$(calc '%d' "($busy1 - $busy0) * 100 / ($total1 - $total0 + 0.000001)")
  if ((busy > 10)); then
    printf 'bench: warning: the CPUs were %d%% busy before the runs; the figures will be noisy (load average: %s)\n' \
      "$busy" "$(cut -d' ' -f1-3 /proc/loadavg)" >&2
  fi
}

# Says at the end whether other processes disturbed the runs.
report_disturbance() {
  if ((OTHERS_MAX > 10)); then
    printf '\nbench: warning: other processes used up to %d%% of the CPUs during the runs: the figures above are not reliable;\n' "$OTHERS_MAX"
    printf '       rerun on an otherwise idle machine.\n'
  else
    printf '\nbench: other processes used at most %d%% of the CPUs during the runs.\n' "$OTHERS_MAX"
  fi
}

# ---- sections ---------------------------------------------------------------------------------------------------

# shellcheck disable=SC2086  # the per-phase lists are space-separated on purpose
section_train() {
  local phases=(data zero_grad forward loss backward clip step release)
  local -a ours_ms=() ref_ms=() ours_faults=() ref_faults=()
  local -A ours_phase=() ref_phase=()
  local r p
  printf '\n== train: one training step of the tutorial CNN (batch %d, %d threads, %d warm-up + %d timed steps, %d runs per side) ==\n' \
    "$BATCH" "$threads" "$warmup" "$iterations" "$runs"
  for ((r = 1; r <= runs; r++)); do
    printf '  run %d/%d\n' "$r" "$runs"
    ours "$TMP_DIR/train-ours-$r" train-step --warmup "$warmup" --iterations "$iterations" --batch "$BATCH"
    pytorch "$TMP_DIR/train-ref-$r" train-step --warmup "$warmup" --iterations "$iterations" --batch "$BATCH"
    ours_ms+=("$(result "$TMP_DIR/train-ours-$r" train_step_ms_median)")
    ref_ms+=("$(result "$TMP_DIR/train-ref-$r" train_step_ms_median)")
    ours_faults+=("$(result "$TMP_DIR/train-ours-$r" page_faults_per_step)")
    ref_faults+=("$(result "$TMP_DIR/train-ref-$r" page_faults_per_step)")
    for p in "${phases[@]}"; do
      ours_phase[$p]+=" $(result "$TMP_DIR/train-ours-$r" "phase_${p}_ms")"
      ref_phase[$p]+=" $(result "$TMP_DIR/train-ref-$r" "phase_${p}_ms")"
    done
  done

  local ours_med ref_med ratio verdict
  ours_med=$(median "${ours_ms[@]}")
  ref_med=$(median "${ref_ms[@]}")
  ratio=$(calc '%.3f' "$ours_med / $ref_med")
  verdict=$(awk -v r="$ratio" -v t="$TRAIN_RATIO_TARGET" 'BEGIN { print (r <= t) ? "met" : "NOT met" }')
  printf '\n  %-14s %10s %10s %12s   %s\n' side ms/step images/s faults/step "per-run medians (ms)"
  printf '  %-14s %10.2f %10.1f %12.0f   %s\n' TorchBinding "$ours_med" "$(calc '%.6f' "$BATCH * 1000 / $ours_med")" \
    "$(median "${ours_faults[@]}")" "${ours_ms[*]}"
  printf '  %-14s %10.2f %10.1f %12.0f   %s\n' PyTorch "$ref_med" "$(calc '%.6f' "$BATCH * 1000 / $ref_med")" \
    "$(median "${ref_faults[@]}")" "${ref_ms[*]}"
  printf '  ratio TorchBinding/PyTorch: %s (target <= %s: %s)\n' "$ratio" "$TRAIN_RATIO_TARGET" "$verdict"
  printf '\n  %-10s %12s %12s\n' "phase (ms)" TorchBinding PyTorch
  for p in "${phases[@]}"; do
    printf '  %-10s %12.3f %12.3f\n' "$p" "$(median ${ours_phase[$p]})" "$(median ${ref_phase[$p]})"
  done
}

# shellcheck disable=SC2086  # the per-op lists are space-separated on purpose
section_tiny_op() {
  local ops=(neg add_)
  local -A ours_ns=() ref_ns=()
  local r op
  printf '\n== tiny-op: round trip of a one-element op (%d calls per run, %d runs per side) ==\n' "$TINY_OP_ITERATIONS" "$runs"
  for ((r = 1; r <= runs; r++)); do
    printf '  run %d/%d\n' "$r" "$runs"
    ours "$TMP_DIR/tiny-ours-$r" tiny-op --iterations "$TINY_OP_ITERATIONS"
    pytorch "$TMP_DIR/tiny-ref-$r" tiny-op --iterations "$TINY_OP_ITERATIONS"
    for op in "${ops[@]}"; do
      ours_ns[$op]+=" $(result "$TMP_DIR/tiny-ours-$r" "tiny_${op}_ns")"
      ref_ns[$op]+=" $(result "$TMP_DIR/tiny-ref-$r" "tiny_${op}_ns")"
    done
  done

  local ours_med ref_med verdict label
  printf '\n  %-32s %14s %14s   %s\n' op "TorchBinding" "PyTorch (ctx)" "target (ours)"
  for op in "${ops[@]}"; do
    ours_med=$(median ${ours_ns[$op]})
    ref_med=$(median ${ref_ns[$op]})
    verdict=$(awk -v v="$ours_med" -v t="$TINY_OP_TARGET_NS" 'BEGIN { print (v <= t) ? "met" : "NOT met" }')
    case "$op" in
      neg) label="t.neg() + dispose (new tensor)" ;;
      add_) label="a.add_(b) (in place)" ;;
    esac
    printf '  %-32s %11.3f us %11.3f us   <= %s us: %s\n' "$label" "$(calc '%.6f' "$ours_med / 1000")" \
      "$(calc '%.6f' "$ref_med / 1000")" "$(calc '%g' "$TINY_OP_TARGET_NS / 1000")" "$verdict"
  done
}

# The custom modules against the built-ins, interleaved in one process (the program prints its own table).
section_activations() {
  printf '\n== activations: forward + backward, custom module vs libtorch built-in ==\n'
  dotnet "$ACTIVATIONS_DLL" --threads "$threads" --runs $((runs * 5)) --warmup 3 | sed 's/^/  /'
}

# ---- main -------------------------------------------------------------------------------------------------------

if [[ -x "$ROOT/scripts/setup.sh" ]]; then
  EXTRA_PACKAGES="python3-torch" "$ROOT/scripts/setup.sh"
fi
[[ -x "$PYTHON" ]] || die "$PYTHON not found: install python3-torch (or set PYTHON)"
"$PYTHON" -c 'import torch' 2>/dev/null || die "$PYTHON cannot import torch: install python3-torch"

# No build servers: nothing of the build stays behind to compete with the runs.
for project in "$BENCH_PROJECT" "$ACTIVATIONS_PROJECT"; do
  if ! dotnet build "$project" -c Release --disable-build-servers -nologo -v q >"$TMP_DIR/build.log" 2>&1; then
    cat "$TMP_DIR/build.log" >&2
    die "building $project failed"
  fi
done

printf 'bench: %s; %d CPUs, %d threads per side; .NET %s; PyTorch %s (%s)\n' \
  "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" "$(nproc)" "$threads" \
  "$(dotnet --version)" "$("$PYTHON" -c 'import torch; print(torch.__version__)')" "$PYTHON"
check_idle

for name in "${only[@]}"; do
  "section_${name//-/_}"
done
report_disturbance
