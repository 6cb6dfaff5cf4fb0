#!/usr/bin/env bash
# Benchmarks TorchBinding and MnistCompare against PyTorch (Debian's python3-torch: the same libtorch) on this
# machine, with the same number of threads on both sides. A benchmark, not a test: it prints figures next to their
# targets and fails only when something does not build or run. Nothing else should run on the machine meanwhile.
#
# Usage: scripts/bench.sh [--threads N] [--runs R] [--warmup W] [--iterations I] [--only SECTION[,SECTION...]]
#                         [--data DIR] [--train-limit N] [--activations LIST] [--sweep LIST] [--parallel N]
#   --threads N     torch threads on both sides (default: nproc)
#   --runs R        runs per side, alternating ours/PyTorch; figures are medians over runs (default 5; fewer than 3
#                   only to try the script out)
#   --warmup W      untimed training steps per run of the train section (default 5)
#   --iterations I  timed training steps per run of the train section (default 30)
#   --only S        run only these sections (repeatable or comma-separated); default: all
#   --data DIR      the MNIST folder both sides of epoch and sweep read (default: data/mnist)
#   --train-limit N training images of epoch and sweep (default 10000); validation uses the whole test set
#   --activations L the activations of the epoch section (default relu,selu,gelu)
#   --sweep L       the activations of the sweep section (default: the comparison's six)
#   --parallel N    the --parallel of the sweep's concurrent MnistCompare run (default 2)
# Sections:
#   train    one training step of the tutorial CNN (batch 128, random data): ms/step, images/s, ratio (target <= 1.05)
#   tiny-op  round trip of a one-element op through the binding (target <= 2 us)
#   activations  forward + backward of each custom activation vs libtorch's built-in on 128x64x24x24 float32
#                (target <= 1.5x for gelu, selu, elu, leaky-relu, sigmoid)
#   epoch    the comparison's real work per activation: one epoch on --train-limit images + one validation pass,
#            `MnistCompare compare` vs scripts/bench_reference.py epoch: training and validation seconds (timed inside
#            each process), wall-clock, images/s, GFLOP/s against the machine's peak, peak resident memory
#            (target: training time ours/PyTorch <= 1.0 for every activation)
#   sweep    all --sweep activations in one run, MnistCompare sequentially, with --parallel N, and PyTorch
#            sequentially: wall-clock and peak memory (target: ours <= 0.75x PyTorch's wall-clock)
#
# Noise: the "others" note after each run says how much CPU other processes took meanwhile. Page faults vary from
# run to run on both sides (glibc hands freed tensor memory back to the kernel and faults it in again, a few us per
# page here); the faults/step column shows them. To take them out on both sides:
#   MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_MMAP_THRESHOLD_=33554432 scripts/bench.sh
# (MnistCompare sets these thresholds itself, see src/MnistCompare/NativeMemory.cs; the reference does not.)
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
MEASURE="$ROOT/scripts/bench_measure.py"
APP_PROJECT="$ROOT/src/MnistCompare"
APP_DLL="$APP_PROJECT/bin/Release/net10.0/MnistCompare.dll"

SECTIONS=(train tiny-op activations epoch sweep)
EPOCH_RATIO_TARGET=1.0
SWEEP_RATIO_TARGET=0.75
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
data="$ROOT/data/mnist"
train_limit=10000
epoch_activations=relu,selu,gelu
sweep_activations=sigmoid,relu,elu,leaky-relu:0.2,selu,gelu
parallel=2
while (($#)); do
  case "$1" in
    --threads | --runs | --warmup | --iterations | --only | --data | --train-limit | --activations | --sweep | --parallel)
      (($# >= 2)) || die "$1 needs a value"
      case "$1" in
        --threads) positive_int "$1" "$2" 1; threads=$2 ;;
        --runs) positive_int "$1" "$2" 1; runs=$2 ;;
        --warmup) positive_int "$1" "$2" 0; warmup=$2 ;;
        --iterations) positive_int "$1" "$2" 1; iterations=$2 ;;
        --only) IFS=, read -r -a names <<<"$2"; only+=("${names[@]}") ;;
        --data) data=$(cd "$2" && pwd) || die "--data: no folder $2" ;;
        --train-limit) positive_int "$1" "$2" 1; train_limit=$2 ;;
        --activations) epoch_activations=$2 ;;
        --sweep) sweep_activations=$2 ;;
        --parallel) positive_int "$1" "$2" 1; parallel=$2 ;;
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
if ((runs < 3)); then
  printf 'bench: warning: --runs %d: the figures are not medians of at least 3 runs; use this only to try the script out\n' "$runs" >&2
fi

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

# ---- whole-epoch helpers (epoch and sweep) ----------------------------------------------------------------------

# The tutorial CNN's floating-point work per 28x28 image, counted from its layers (a multiply-add is 2 FLOPs):
#   conv1  1->32, 3x3, 26x26 outputs:  26*26*32*9*1  =    194,688 multiply-adds
#   conv2 32->64, 3x3, 24x24 outputs:  24*24*64*9*32 = 10,616,832
#   fc1 9216->128: 1,179,648;  fc2 128->10: 1,280     total 11,992,448 = 23.98 MFLOP forward
# A training step costs about 3x the forward pass (the backward pass computes the gradients of the inputs and of the
# weights, each about one forward's work): 71.95 MFLOP per image. Activations, pooling, dropout, the loss and Adam
# are elementwise, under 1% of the total, and not counted.
FORWARD_FLOP=$((2 * (26 * 26 * 32 * 9 + 24 * 24 * 64 * 9 * 32 + 9216 * 128 + 128 * 10)))
TRAIN_FLOP=$((3 * FORWARD_FLOP))

# The machine's peak float32 rate in GFLOP/s = physical cores x clock (GHz) x FLOPs per cycle and core. FLOPs per
# cycle come from the widest FMA that lscpu's flags list, assuming two FMA units per core (Intel's server cores since
# Skylake-SP; one-unit parts and AMD Zen 4, which splits AVX-512 into 256-bit halves, reach half): avx512f 2 units x
# 16 lanes x 2 (multiply + add) = 64; avx2 + fma 2 x 8 x 2 = 32; avx 16; otherwise 8. The clock is lscpu's
# "CPU max MHz", else the "cpu MHz" of /proc/cpuinfo (a VM's nominal clock); turbo is not counted. PEAK_GFLOPS=X
# replaces the estimate. Prints "GFLOPS|how it was estimated".
peak_gflops() {
  if [[ -n "${PEAK_GFLOPS:-}" ]]; then
    printf '%s|PEAK_GFLOPS from the environment\n' "$PEAK_GFLOPS"
    return
  fi
  local sockets cores mhz flags per_cycle
  sockets=$(lscpu | sed -n 's/^Socket(s):[[:space:]]*//p')
  cores=$(lscpu | sed -n 's/^Core(s) per socket:[[:space:]]*//p')
  mhz=$(lscpu | sed -n 's/^CPU max MHz:[[:space:]]*//p')
  [[ -n "$mhz" ]] || mhz=$(sed -n 's/^cpu MHz[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  flags=" $(sed -n 's/^flags[[:space:]]*: //p' /proc/cpuinfo | head -n 1) "
  if [[ "$flags" == *" avx512f "* ]]; then per_cycle=64
  elif [[ "$flags" == *" avx2 "* && "$flags" == *" fma "* ]]; then per_cycle=32
  elif [[ "$flags" == *" avx "* ]]; then per_cycle=16
  else per_cycle=8
  fi
  printf '%s|%d sockets x %d cores x %.2f GHz x %d FLOPs/cycle\n' \
    "$(calc '%.1f' "${sockets:-1} * ${cores:-$NCPU} * $mhz / 1000 * $per_cycle")" "${sockets:-1}" "${cores:-$NCPU}" \
    "$(calc '%.6f' "$mhz / 1000")" "$per_cycle"
}

# measure OUT CMD...: runs CMD under bench_measure.py (wall-clock, peak memory, CPU time) with its output in OUT, and
# sets LAST_OTHERS to the share of the CPUs that other processes used meanwhile (percent).
LAST_OTHERS=0
measure() {
  local out=$1 busy0 busy1 wall cpu
  shift
  printf '%s\n' "$*" >"$out.cmd"
  read -r busy0 _ < <(cpu_ticks)
  if ! "$PYTHON" "$MEASURE" "$out" -- "$@"; then
    tail -n 20 "$out" >&2
    die "failed: $*"
  fi
  read -r busy1 _ < <(cpu_ticks)
  wall=$(result "$out" wall_s)
  cpu=$(result "$out" cpu_s)
  LAST_OTHERS=$(calc '%d' "(($busy1 - $busy0) / $CLK_TCK - $cpu) * 100 / ($wall * $NCPU)")
  ((LAST_OTHERS > 0)) || LAST_OTHERS=0
  ((LAST_OTHERS <= OTHERS_MAX)) || OTHERS_MAX=$LAST_OTHERS
}

# ours_compare OUT FOLDER ARGS...: one `MnistCompare compare` of one epoch into the run folder FOLDER.
ours_compare() {
  local out=$1 folder=$2
  shift 2
  measure "$out" dotnet "$APP_DLL" compare --data "$data" --train-limit "$train_limit" --epochs 1 --threads "$threads" \
    --out "$folder" "$@"
}

# ref_epoch OUT ARGS...: the same in PyTorch.
ref_epoch() {
  local out=$1
  shift
  measure "$out" "$PYTHON" "$REFERENCE" epoch --data "$data" --train-limit "$train_limit" --epochs 1 --threads "$threads" "$@"
  [[ "$(result "$out" threads)" == "$threads" ]] || die "the reference ran with $(result "$out" threads) threads, not $threads"
}

# ours_seconds OUT FOLDER ACTIVATION: "epoch validation" seconds of ACTIVATION in a MnistCompare run: the epoch's
# from metrics.csv (full precision), its validation pass's from the progress line.
ours_seconds() {
  local epoch validation
  epoch=$(awk -F, -v a="$3" '$1 == a && $3 == 1 { print $8 }' "$2/metrics.csv")
  validation=$(awk -v p="$3 seed 1 epoch 1/1: " 'index($0, p) == 1 && match($0, /\(validation [0-9.]+ s\)$/) {
    print substr($0, RSTART + 12, RLENGTH - 15) }' "$1")
  [[ -n "$epoch" && -n "$validation" ]] || die "no timing for $3 in $1 and $2/metrics.csv"
  printf '%s %s\n' "$epoch" "$validation"
}

# The RESULT key of an activation in the reference's output: leaky-relu:0.2 -> leaky_relu_0_2.
result_key() { printf '%s\n' "${1//[^[:alnum:]]/_}"; }

mb() { calc '%.0f' "$1 / 1024"; }

# A warm-up run per side (untimed): brings the programs, libtorch and the data files into the page cache.
warm_up() {
  printf '  warm-up (untimed): %s on each side\n' "$1"
  ours_compare "$TMP_DIR/warm-ours-$2" "$TMP_DIR/warm-ours-$2.run" -a "$1"
  ref_epoch "$TMP_DIR/warm-ref-$2" -a "$1"
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

# shellcheck disable=SC2086  # the per-run lists are space-separated on purpose
section_epoch() {
  local -a acts order
  local -A o_train=() o_val=() o_wall=() o_rss=() p_train=() p_val=() p_wall=() p_rss=()
  local r a key side out folder epoch_s val_s train_s images peak how
  IFS=, read -r -a acts <<<"$epoch_activations"
  IFS='|' read -r peak how < <(peak_gflops)
  printf '\n== epoch: one epoch on %d training images + one validation pass, per activation (%d threads, %d runs per side) ==\n' \
    "$train_limit" "$threads" "$runs"
  warm_up "${acts[0]}" epoch
  images=$(result "$TMP_DIR/warm-ref-epoch" validation_images)
  for ((r = 1; r <= runs; r++)); do
    for a in "${acts[@]}"; do
      key=$(result_key "$a")
      order=(ours ref)
      ((r % 2)) || order=(ref ours)
      for side in "${order[@]}"; do
        out="$TMP_DIR/epoch-$side-$r-$key"
        if [[ $side == ours ]]; then
          folder="$out.run"
          ours_compare "$out" "$folder" -a "$a"
          read -r epoch_s val_s < <(ours_seconds "$out" "$folder" "$a")
          train_s=$(calc '%.6f' "$epoch_s - $val_s")
          o_train[$a]+=" $train_s"
          o_val[$a]+=" $val_s"
          o_wall[$a]+=" $(result "$out" wall_s)"
          o_rss[$a]+=" $(result "$out" peak_rss_kb)"
        else
          ref_epoch "$out" -a "$a"
          train_s=$(result "$out" "train_s_$key")
          val_s=$(result "$out" "val_s_$key")
          p_train[$a]+=" $train_s"
          p_val[$a]+=" $val_s"
          p_wall[$a]+=" $(result "$out" wall_s)"
          p_rss[$a]+=" $(result "$out" peak_rss_kb)"
        fi
        printf '  run %d/%d %-15s %-7s training %7.2f s, validation %6.2f s, wall %7.2f s (other processes used %d%% of the CPUs)\n' \
          "$r" "$runs" "$a" "${side/ref/PyTorch}" "$train_s" "$val_s" "$(result "$out" wall_s)" "$LAST_OTHERS"
      done
    done
  done

  printf '\n  Medians. GFLOP/s: %.2f MFLOP per training image, %.2f per validation image; peak %s GFLOP/s (%s).\n' \
    "$(calc '%.6f' "$TRAIN_FLOP / 1e6")" "$(calc '%.6f' "$FORWARD_FLOP / 1e6")" "$peak" "$how"
  printf '  %-15s %-13s %9s %9s %9s %11s %21s %11s %9s\n' activation side "train s" "val s" "wall s" "train img/s" \
    "train GFLOP/s (peak)" "val GFLOP/s" "peak MB"
  local ot ov ow pt pv pw verdict
  for a in "${acts[@]}"; do
    ot=$(median ${o_train[$a]}); ov=$(median ${o_val[$a]}); ow=$(median ${o_wall[$a]})
    pt=$(median ${p_train[$a]}); pv=$(median ${p_val[$a]}); pw=$(median ${p_wall[$a]})
    for side in ours ref; do
      local t v w rss label
      if [[ $side == ours ]]; then t=$ot v=$ov w=$ow rss=$(median ${o_rss[$a]}) label=MnistCompare
      else t=$pt v=$pv w=$pw rss=$(median ${p_rss[$a]}) label=PyTorch
      fi
      printf '  %-15s %-13s %9.2f %9.2f %9.2f %11.0f %13.1f (%4.1f%%) %11.1f %9s\n' "$([[ $side == ours ]] && echo "$a")" "$label" \
        "$t" "$v" "$w" "$(calc '%.6f' "$train_limit / $t")" "$(calc '%.6f' "$train_limit * $TRAIN_FLOP / $t / 1e9")" \
        "$(calc '%.6f' "$train_limit * $TRAIN_FLOP / $t / 1e9 * 100 / $peak")" "$(calc '%.6f' "$images * $FORWARD_FLOP / $v / 1e9")" \
        "$(mb "$rss")"
    done
    verdict=$(awk -v r="$(calc '%.6f' "$ot / $pt")" -v t="$EPOCH_RATIO_TARGET" 'BEGIN { print (r <= t) ? "met" : "NOT met" }')
    printf '  %-15s %-13s %9.3f %9.3f %9.3f   (training ours/PyTorch <= %s: %s)\n' "" "ours/PyTorch" "$(calc '%.6f' "$ot / $pt")" \
      "$(calc '%.6f' "$ov / $pv")" "$(calc '%.6f' "$ow / $pw")" "$EPOCH_RATIO_TARGET" "$verdict"
  done
}

# shellcheck disable=SC2086  # the per-run lists are space-separated on purpose
section_sweep() {
  local -a acts order
  local -A wall=() epochs=() rss=() tree=() per=()
  local r a key side out folder epoch_s val_s sum
  local -A label=([seq]="MnistCompare" [par]="MnistCompare --parallel $parallel" [ref]="PyTorch")
  IFS=, read -r -a acts <<<"$sweep_activations"
  printf '\n== sweep: %s on %d training images, one epoch each, all in one run (%d threads, %d runs per side) ==\n' \
    "$sweep_activations" "$train_limit" "$threads" "$runs"
  warm_up "${acts[0]}" sweep
  for ((r = 1; r <= runs; r++)); do
    order=(seq par ref)
    ((r % 2)) || order=(ref par seq)
    for side in "${order[@]}"; do
      out="$TMP_DIR/sweep-$side-$r"
      folder="$out.run"
      sum=0
      case $side in
        seq | par)
          if [[ $side == seq ]]; then ours_compare "$out" "$folder" -a "$sweep_activations"
          else ours_compare "$out" "$folder" -a "$sweep_activations" --parallel "$parallel"
          fi
          for a in "${acts[@]}"; do
            read -r epoch_s val_s < <(ours_seconds "$out" "$folder" "$a")
            per[$side:$a]+=" $epoch_s"
            sum=$(calc '%.6f' "$sum + $epoch_s")
          done
          ;;
        ref)
          ref_epoch "$out" -a "$sweep_activations"
          for a in "${acts[@]}"; do
            key=$(result_key "$a")
            epoch_s=$(calc '%.6f' "$(result "$out" "train_s_$key") + $(result "$out" "val_s_$key")")
            per[$side:$a]+=" $epoch_s"
            sum=$(calc '%.6f' "$sum + $epoch_s")
          done
          ;;
      esac
      wall[$side]+=" $(result "$out" wall_s)"
      epochs[$side]+=" $sum"
      rss[$side]+=" $(result "$out" peak_rss_kb)"
      tree[$side]+=" $(result "$out" tree_peak_rss_kb)"
      printf '  run %d/%d %-28s wall %8.2f s, epochs %8.2f s (other processes used %d%% of the CPUs)\n' "$r" "$runs" "${label[$side]}" \
        "$(result "$out" wall_s)" "$sum" "$LAST_OTHERS"
    done
  done

  local ref_wall best verdict
  ref_wall=$(median ${wall[ref]})
  printf '\n  Medians. "epochs": the sum of the per-activation epoch seconds (training + validation) each process timed;\n'
  printf '  with --parallel they overlap. Peak memory: the largest single process, and all processes of the run together.\n'
  printf '  %-30s %9s %9s %13s %14s %18s\n' side "wall s" "epochs s" "wall/PyTorch" "peak MB (one)" "peak MB (together)"
  for side in seq par ref; do
    printf '  %-30s %9.2f %9.2f %13.3f %14s %18s\n' "${label[$side]}" "$(median ${wall[$side]})" "$(median ${epochs[$side]})" \
      "$(calc '%.6f' "$(median ${wall[$side]}) / $ref_wall")" "$(mb "$(median ${rss[$side]})")" "$(mb "$(median ${tree[$side]})")"
  done
  best=$(printf '%s\n' "$(median ${wall[seq]})" "$(median ${wall[par]})" | sort -g | head -n 1)
  verdict=$(awk -v r="$(calc '%.6f' "$best / $ref_wall")" -v t="$SWEEP_RATIO_TARGET" 'BEGIN { print (r <= t) ? "met" : "NOT met" }')
  printf '  MnistCompare'"'"'s best wall-clock / PyTorch'"'"'s: %.3f (target <= %s: %s)\n' "$(calc '%.6f' "$best / $ref_wall")" \
    "$SWEEP_RATIO_TARGET" "$verdict"
  printf '\n  %-15s %14s %22s %10s %14s\n' "epoch s" MnistCompare "--parallel $parallel" PyTorch "ours/PyTorch"
  for a in "${acts[@]}"; do
    printf '  %-15s %14.2f %22.2f %10.2f %14.3f\n' "$a" "$(median ${per[seq:$a]})" "$(median ${per[par:$a]})" \
      "$(median ${per[ref:$a]})" "$(calc '%.6f' "$(median ${per[seq:$a]}) / $(median ${per[ref:$a]})")"
  done
}

# ---- main -------------------------------------------------------------------------------------------------------

if [[ -x "$ROOT/scripts/setup.sh" ]]; then
  EXTRA_PACKAGES="python3-torch" "$ROOT/scripts/setup.sh"
fi
[[ -x "$PYTHON" ]] || die "$PYTHON not found: install python3-torch (or set PYTHON)"
"$PYTHON" -c 'import torch' 2>/dev/null || die "$PYTHON cannot import torch: install python3-torch"

# Only what the chosen sections run is built. No build servers: nothing of the build stays behind to compete with the
# runs.
projects=()
for name in "${only[@]}"; do
  case "$name" in
    train | tiny-op) project="$BENCH_PROJECT" ;;
    activations) project="$ACTIVATIONS_PROJECT" ;;
    epoch | sweep) project="$APP_PROJECT" ;;
  esac
  [[ " ${projects[*]} " == *" $project "* ]] || projects+=("$project")
done
for project in "${projects[@]}"; do
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
