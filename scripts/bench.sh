#!/usr/bin/env bash
# Benchmarks MnistCompare (TorchSharp 0.107, libtorch 2.10) against PyTorch on this machine, with the same number of
# threads on both sides, and prints every figure next to its target (issue 16): "met" or "MISSED". A benchmark, not a
# test: it fails only when something does not build or run. Nothing else should run on the machine meanwhile.
#
# PyTorch is Debian's python3-torch (1.13), the only PyTorch our machines can install: older than the libtorch 2.10
# inside TorchSharp, so the two sides do not run the same kernels. scripts/bench_reference.py is our PyTorch version of
# the app's model and training loop; its bf16 side runs under torch.autocast("cpu", dtype=torch.bfloat16).
#
# Usage: scripts/bench.sh [--threads N] [--runs R] [--only SECTION[,SECTION...]] [--data DIR] [--train-limit N]
#                         [--activations LIST] [--sweep LIST] [--parallel LIST]
#   --threads N     torch threads on both sides (default: nproc)
#   --runs R        runs per side, the sides alternating; figures are medians over runs (default 3; fewer only to try
#                   the script out). The memory section runs once (peak memory hardly varies)
#   --only S        run only these sections (repeatable or comma-separated); default: all
#   --data DIR      the MNIST folder every section reads (default: data/mnist)
#   --train-limit N training images of epoch and sweep (default 10000); validation uses the whole test set
#   --activations L the activations of the epoch section (default relu,selu,gelu)
#   --sweep L       the activations of the sweep section (default: the comparison's six)
#   --parallel L    the --parallel settings tried in the sweep, besides sequential; each precision is judged at its
#                   best (default 2)
# Sections:
#   activations  forward + backward of each custom activation vs libtorch 2.10's built-in on 128x64x24x24 float32
#                (bench/Activations.Bench; target <= 1.5x)
#   epoch    one epoch on --train-limit images + one validation pass per activation: ours fp32 and bf16
#            (`compare --precision`) against PyTorch fp32 and bf16 (autocast). Training and validation seconds (timed
#            inside each process), wall-clock, images/s, GFLOP/s and share of the peak of that precision, peak memory.
#            Targets per activation: training ours fp32 / PyTorch fp32 <= 0.75; ours bf16 / ours fp32 <= 0.6;
#            ours bf16 / PyTorch bf16 <= 0.75
#   sweep    all --sweep activations, one epoch each in one run: ours fp32 and bf16, sequential and with each
#            --parallel, against PyTorch fp32 sequential. Targets: ours fp32 at its best / PyTorch <= 0.5, ours bf16 at
#            its best / PyTorch <= 0.3 (wall-clock)
#   memory   the default run (`compare` with no options but --data and --threads: every training image, the six
#            activations, one epoch each, fp32): peak resident memory (target <= 0.8 GB) and wall-clock
#
# Peaks (GFLOP/s) are physical cores x clock x FLOPs per cycle and core, from lscpu and /proc/cpuinfo; see
# peak_gflops below. PEAK_FP32_GFLOPS=X and PEAK_BF16_GFLOPS=Y replace the estimates.
#
# The full measurement, on an idle machine (about 75 minutes on 2 cores):
#   scripts/bench.sh --runs 3
# To try the script out in a few minutes (figures meaningless), on a cut-down MNIST folder DIR:
#   scripts/bench.sh --runs 1 --data DIR --train-limit 500 --activations relu,gelu --sweep relu,gelu
#
# A new section is a function section_<name> (dashes become underscores) plus its name in SECTIONS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# Debian's interpreter: python3-torch is installed for it, not for a python3 that may come first on PATH.
PYTHON=${PYTHON:-/usr/bin/python3}
ACTIVATIONS_PROJECT="$ROOT/bench/Activations.Bench"
ACTIVATIONS_DLL="$ACTIVATIONS_PROJECT/bin/Release/net10.0/Activations.Bench.dll"
REFERENCE="$ROOT/scripts/bench_reference.py"
MEASURE="$ROOT/scripts/bench_measure.py"
APP_PROJECT="$ROOT/src/MnistCompare"
APP_DLL="$APP_PROJECT/bin/Release/net10.0/MnistCompare.dll"

SECTIONS=(activations epoch sweep memory)
# Issue 16's targets.
OURS_FP32_VS_PYTORCH=0.75
OURS_BF16_VS_FP32=0.6
OURS_BF16_VS_PYTORCH_BF16=0.75
SWEEP_FP32_VS_PYTORCH=0.5
SWEEP_BF16_VS_PYTORCH=0.3
MEMORY_TARGET_MB=800

die() {
  printf 'bench: %s\n' "$*" >&2
  exit 1
}

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"; }

positive_int() {
  if [[ ! "$2" =~ ^[0-9]+$ ]] || (($2 < $3)); then die "$1 needs an integer >= $3, got '$2'"; fi
}

threads=$(nproc)
runs=3
only=()
data="$ROOT/data/mnist"
train_limit=10000
epoch_activations=relu,selu,gelu
sweep_activations=sigmoid,relu,elu,leaky-relu:0.2,selu,gelu
parallels=2
while (($#)); do
  case "$1" in
    --threads | --runs | --only | --data | --train-limit | --activations | --sweep | --parallel)
      (($# >= 2)) || die "$1 needs a value"
      case "$1" in
        --threads) positive_int "$1" "$2" 1; threads=$2 ;;
        --runs) positive_int "$1" "$2" 1; runs=$2 ;;
        --only) IFS=, read -r -a names <<<"$2"; only+=("${names[@]}") ;;
        --data) data=$(cd "$2" && pwd) || die "--data: no folder $2" ;;
        --train-limit) positive_int "$1" "$2" 1; train_limit=$2 ;;
        --activations) epoch_activations=$2 ;;
        --sweep) sweep_activations=$2 ;;
        --parallel)
          IFS=, read -r -a names <<<"$2"
          for n in "${names[@]}"; do positive_int "$1" "$n" 2; done
          parallels=$2
          ;;
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

# verdict VALUE TARGET: "met" when VALUE <= TARGET, else "MISSED".
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "MISSED" }'; }

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

# The machine's peak rate in GFLOP/s for PRECISION (fp32 or bf16) = physical cores x clock (GHz) x FLOPs per cycle
# and core. fp32 FLOPs per cycle come from the widest FMA lscpu's flags list: avx512f 2 FMA units x 16 lanes x 2
# (multiply + add) = 64 on Intel's server cores since Skylake-SP, but 32 on AMD Zen 4 (family 25), which runs
# AVX-512 on two 256-bit units; avx2 + fma 32; avx 16; otherwise 8. bf16: with amx_bf16, one AMX tile multiply
# (16x16x32 multiply-adds) every 16 cycles = 1024; with avx512_bf16, VDPBF16PS does two multiply-adds per float32 lane,
# twice the fp32 rate; otherwise the fp32 rate (libtorch then converts to float32). The clock is lscpu's "CPU max MHz",
# else /proc/cpuinfo's "cpu MHz" (a VM's nominal clock); turbo is not counted. PEAK_FP32_GFLOPS / PEAK_BF16_GFLOPS
# replace the estimate. Prints "GFLOPS|how it was estimated".
peak_gflops() {
  local precision=$1 override sockets cores mhz flags family vendor per_cycle how
  override=$([[ $precision == bf16 ]] && echo "${PEAK_BF16_GFLOPS:-}" || echo "${PEAK_FP32_GFLOPS:-}")
  if [[ -n "$override" ]]; then
    printf '%s|from the environment\n' "$override"
    return
  fi
  sockets=$(lscpu | sed -n 's/^Socket(s):[[:space:]]*//p')
  cores=$(lscpu | sed -n 's/^Core(s) per socket:[[:space:]]*//p')
  mhz=$(lscpu | sed -n 's/^CPU max MHz:[[:space:]]*//p')
  [[ -n "$mhz" ]] || mhz=$(sed -n 's/^cpu MHz[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  flags=" $(sed -n 's/^flags[[:space:]]*: //p' /proc/cpuinfo | head -n 1) "
  vendor=$(sed -n 's/^vendor_id[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  family=$(sed -n 's/^cpu family[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  if [[ "$flags" == *" avx512f "* ]]; then
    if [[ $vendor == AuthenticAMD && $family == 25 ]]; then per_cycle=32 how="AVX-512 on Zen 4's two 256-bit FMA units"
    else per_cycle=64 how="AVX-512, two FMA units"
    fi
  elif [[ "$flags" == *" avx2 "* && "$flags" == *" fma "* ]]; then per_cycle=32 how="AVX2 FMA"
  elif [[ "$flags" == *" avx "* ]]; then per_cycle=16 how="AVX"
  else per_cycle=8 how="SSE"
  fi
  if [[ $precision == bf16 ]]; then
    if [[ "$flags" == *" amx_bf16 "* ]]; then per_cycle=1024 how="AMX bf16 tiles"
    elif [[ "$flags" == *" avx512_bf16 "* ]]; then per_cycle=$((per_cycle * 2)) how="avx512_bf16 dot products, 2x the fp32 rate of $how"
    else how="no bf16 hardware: the fp32 rate of $how"
    fi
  fi
  printf '%s|%d sockets x %d cores x %.2f GHz x %d FLOPs/cycle (%s)\n' \
    "$(calc '%.1f' "${sockets:-1} * ${cores:-$NCPU} * $mhz / 1000 * $per_cycle")" "${sockets:-1}" "${cores:-$NCPU}" \
    "$(calc '%.6f' "$mhz / 1000")" "$per_cycle" "$how"
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

# The arguments of a side: ours-fp32, ours-bf16 (`compare --precision bf16`), ref-fp32, ref-bf16 (autocast).
side_args() {
  case $1 in
    ours-fp32) echo "--precision fp32" ;;
    ours-bf16) echo "--precision bf16" ;;
    ref-fp32) echo "" ;;
    ref-bf16) echo "--autocast" ;;
  esac
}

declare -A SIDE_LABEL=([ours-fp32]="MnistCompare fp32" [ours-bf16]="MnistCompare bf16" [ref-fp32]="PyTorch fp32" [ref-bf16]="PyTorch bf16 (autocast)")



# ---- sections ---------------------------------------------------------------------------------------------------

# The custom modules against the built-ins, interleaved in one process (the program prints its own table).
section_activations() {
  printf '\n== activations: forward + backward, custom module vs libtorch 2.10 built-in ==\n'
  dotnet "$ACTIVATIONS_DLL" --threads "$threads" --runs $((runs * 5)) --warmup 3 | sed 's/^/  /'
}

# shellcheck disable=SC2086  # the per-run lists and side arguments are space-separated on purpose
section_epoch() {
  local -a acts order sides=(ours-fp32 ours-bf16 ref-fp32 ref-bf16)
  local -A train=() val=() wall=() rss=()
  local r a key side out folder epoch_s val_s train_s images
  local peak_fp32 how_fp32 peak_bf16 how_bf16
  IFS=, read -r -a acts <<<"$epoch_activations"
  IFS='|' read -r peak_fp32 how_fp32 < <(peak_gflops fp32)
  IFS='|' read -r peak_bf16 how_bf16 < <(peak_gflops bf16)
  printf '\n== epoch: one epoch on %d training images + one validation pass, per activation (%d threads, %d runs per side) ==\n' \
    "$train_limit" "$threads" "$runs"
  warm_up "${acts[0]}" epoch
  images=$(result "$TMP_DIR/warm-ref-epoch" validation_images)
  for ((r = 1; r <= runs; r++)); do
    for a in "${acts[@]}"; do
      key=$(result_key "$a")
      order=("${sides[@]}")
      ((r % 2)) || order=(ref-bf16 ref-fp32 ours-bf16 ours-fp32)
      for side in "${order[@]}"; do
        out="$TMP_DIR/epoch-$side-$r-$key"
        if [[ $side == ours-* ]]; then
          folder="$out.run"
          ours_compare "$out" "$folder" -a "$a" $(side_args "$side")
          read -r epoch_s val_s < <(ours_seconds "$out" "$folder" "$a")
          train_s=$(calc '%.6f' "$epoch_s - $val_s")
        else
          ref_epoch "$out" -a "$a" $(side_args "$side")
          train_s=$(result "$out" "train_s_$key")
          val_s=$(result "$out" "val_s_$key")
        fi
        train[$side:$a]+=" $train_s"
        val[$side:$a]+=" $val_s"
        wall[$side:$a]+=" $(result "$out" wall_s)"
        rss[$side:$a]+=" $(result "$out" peak_rss_kb)"
        printf '  run %d/%d %-15s %-24s training %7.2f s, validation %6.2f s, wall %7.2f s (other processes used %d%% of the CPUs)\n' \
          "$r" "$runs" "$a" "${SIDE_LABEL[$side]}" "$train_s" "$val_s" "$(result "$out" wall_s)" "$LAST_OTHERS"
      done
    done
  done

  printf '\n  Medians. GFLOP/s: %.2f MFLOP per training image, %.2f per validation image.\n' \
    "$(calc '%.6f' "$TRAIN_FLOP / 1e6")" "$(calc '%.6f' "$FORWARD_FLOP / 1e6")"
  printf '  Peak fp32: %s GFLOP/s (%s).\n  Peak bf16: %s GFLOP/s (%s).\n' "$peak_fp32" "$how_fp32" "$peak_bf16" "$how_bf16"
  printf '  %-15s %-24s %9s %9s %9s %11s %22s %11s %9s\n' activation side "train s" "val s" "wall s" "train img/s" \
    "train GFLOP/s (peak)" "val GFLOP/s" "peak MB"
  local t v w peak of pf ob pb
  for a in "${acts[@]}"; do
    for side in "${sides[@]}"; do
      t=$(median ${train[$side:$a]}); v=$(median ${val[$side:$a]}); w=$(median ${wall[$side:$a]})
      peak=$([[ $side == *bf16 ]] && echo "$peak_bf16" || echo "$peak_fp32")
      printf '  %-15s %-24s %9.2f %9.2f %9.2f %11.0f %13.1f (%5.1f%%) %11.1f %9s\n' "$([[ $side == ours-fp32 ]] && echo "$a")" \
        "${SIDE_LABEL[$side]}" "$t" "$v" "$w" "$(calc '%.6f' "$train_limit / $t")" \
        "$(calc '%.6f' "$train_limit * $TRAIN_FLOP / $t / 1e9")" "$(calc '%.6f' "$train_limit * $TRAIN_FLOP / $t / 1e9 * 100 / $peak")" \
        "$(calc '%.6f' "$images * $FORWARD_FLOP / $v / 1e9")" "$(mb "$(median ${rss[$side:$a]})")"
    done
    of=$(median ${train[ours-fp32:$a]}); pf=$(median ${train[ref-fp32:$a]})
    ob=$(median ${train[ours-bf16:$a]}); pb=$(median ${train[ref-bf16:$a]})
    printf '  %-15s training ours fp32 / PyTorch fp32 %6.3f (target <= %s: %s)\n' "" "$(calc '%.6f' "$of / $pf")" \
      "$OURS_FP32_VS_PYTORCH" "$(verdict "$(calc '%.6f' "$of / $pf")" "$OURS_FP32_VS_PYTORCH")"
    printf '  %-15s training ours bf16 / ours fp32    %6.3f (target <= %s: %s)\n' "" "$(calc '%.6f' "$ob / $of")" \
      "$OURS_BF16_VS_FP32" "$(verdict "$(calc '%.6f' "$ob / $of")" "$OURS_BF16_VS_FP32")"
    printf '  %-15s training ours bf16 / PyTorch bf16 %6.3f (target <= %s: %s)\n' "" "$(calc '%.6f' "$ob / $pb")" \
      "$OURS_BF16_VS_PYTORCH_BF16" "$(verdict "$(calc '%.6f' "$ob / $pb")" "$OURS_BF16_VS_PYTORCH_BF16")"
  done
}

# shellcheck disable=SC2086  # the per-run lists and side arguments are space-separated on purpose
section_sweep() {
  local -a acts order sides=() pars
  local -A wall=() epochs=() rss=() tree=() label=()
  local r a key side out folder epoch_s val_s sum p precision
  IFS=, read -r -a acts <<<"$sweep_activations"
  IFS=, read -r -a pars <<<"$parallels"
  for precision in fp32 bf16; do
    sides+=("ours-$precision-1")
    label[ours-$precision-1]="MnistCompare $precision"
    for p in "${pars[@]}"; do
      sides+=("ours-$precision-$p")
      label[ours-$precision-$p]="MnistCompare $precision --parallel $p"
    done
  done
  sides+=(ref)
  label[ref]="PyTorch fp32"
  printf '\n== sweep: %s on %d training images, one epoch each, all in one run (%d threads, %d runs per side) ==\n' \
    "$sweep_activations" "$train_limit" "$threads" "$runs"
  warm_up "${acts[0]}" sweep
  for ((r = 1; r <= runs; r++)); do
    order=("${sides[@]}")
    if ((r % 2 == 0)); then
      order=()
      for ((p = ${#sides[@]} - 1; p >= 0; p--)); do order+=("${sides[$p]}"); done
    fi
    for side in "${order[@]}"; do
      out="$TMP_DIR/sweep-$side-$r"
      folder="$out.run"
      sum=0
      if [[ $side == ours-* ]]; then
        IFS=- read -r _ precision p <<<"$side"
        ours_compare "$out" "$folder" -a "$sweep_activations" --precision "$precision" --parallel "$p"
        for a in "${acts[@]}"; do
          read -r epoch_s val_s < <(ours_seconds "$out" "$folder" "$a")
          sum=$(calc '%.6f' "$sum + $epoch_s")
        done
      else
        ref_epoch "$out" -a "$sweep_activations"
        for a in "${acts[@]}"; do
          key=$(result_key "$a")
          sum=$(calc '%.6f' "$sum + $(result "$out" "train_s_$key") + $(result "$out" "val_s_$key")")
        done
      fi
      wall[$side]+=" $(result "$out" wall_s)"
      epochs[$side]+=" $sum"
      rss[$side]+=" $(result "$out" peak_rss_kb)"
      tree[$side]+=" $(result "$out" tree_peak_rss_kb)"
      printf '  run %d/%d %-32s wall %8.2f s, epochs %8.2f s (other processes used %d%% of the CPUs)\n' "$r" "$runs" "${label[$side]}" \
        "$(result "$out" wall_s)" "$sum" "$LAST_OTHERS"
    done
  done

  local ref_wall best best_side ratio
  ref_wall=$(median ${wall[ref]})
  printf '\n  Medians. "epochs": the sum of the per-activation epoch seconds (training + validation) each process timed;\n'
  printf '  with --parallel they overlap. Wall-clock includes start-up, data loading and (ours) the charts.\n'
  printf '  Peak memory: the largest single process, and all processes of the run together.\n'
  printf '  %-34s %9s %9s %13s %14s %18s\n' side "wall s" "epochs s" "wall/PyTorch" "peak MB (one)" "peak MB (together)"
  for side in "${sides[@]}"; do
    printf '  %-34s %9.2f %9.2f %13.3f %14s %18s\n' "${label[$side]}" "$(median ${wall[$side]})" "$(median ${epochs[$side]})" \
      "$(calc '%.6f' "$(median ${wall[$side]}) / $ref_wall")" "$(mb "$(median ${rss[$side]})")" "$(mb "$(median ${tree[$side]})")"
  done
  for precision in fp32 bf16; do
    best=""
    for side in "${sides[@]}"; do
      [[ $side == ours-$precision-* ]] || continue
      if [[ -z "$best" ]] || awk -v a="$(median ${wall[$side]})" -v b="$best" 'BEGIN { exit !(a < b) }'; then
        best=$(median ${wall[$side]}) best_side=$side
      fi
    done
    ratio=$(calc '%.6f' "$best / $ref_wall")
    local target=$([[ $precision == fp32 ]] && echo "$SWEEP_FP32_VS_PYTORCH" || echo "$SWEEP_BF16_VS_PYTORCH")
    printf '  ours %s at its best (%s) / PyTorch fp32 sequential: %.3f (target <= %s: %s)\n' "$precision" "${label[$best_side]}" \
      "$ratio" "$target" "$(verdict "$ratio" "$target")"
  done
}

section_memory() {
  local out="$TMP_DIR/memory" rss tree
  printf '\n== memory: the default run (every training image of %s, the six activations, one epoch each, fp32, %d threads), once ==\n' \
    "$data" "$threads"
  measure "$out" dotnet "$APP_DLL" compare --data "$data" --threads "$threads" --out "$out.run"
  rss=$(mb "$(result "$out" peak_rss_kb)")
  tree=$(mb "$(result "$out" tree_peak_rss_kb)")
  printf '  wall %.1f s, peak resident memory %s MB (all processes together %s MB; other processes used %d%% of the CPUs)\n' \
    "$(result "$out" wall_s)" "$rss" "$tree" "$LAST_OTHERS"
  printf '  peak resident memory of the default run: %s MB (target <= %s MB: %s)\n' "$rss" "$MEMORY_TARGET_MB" "$(verdict "$rss" "$MEMORY_TARGET_MB")"
}

# ---- main -------------------------------------------------------------------------------------------------------

needs_pytorch=0
for name in "${only[@]}"; do [[ $name == epoch || $name == sweep ]] && needs_pytorch=1; done
if ((needs_pytorch)); then
  if [[ -x "$ROOT/scripts/setup.sh" ]]; then
    # Debian's PyTorch runs its linear layers on the system BLAS: without OpenBLAS that is the reference BLAS, about
    # three times slower, and the reference would lose for a reason that is not PyTorch's.
    EXTRA_PACKAGES="libopenblas0-pthread" "$ROOT/scripts/setup.sh" --with-python-torch
  fi
  [[ -x "$PYTHON" ]] || die "$PYTHON not found: install python3-torch (or set PYTHON)"
  "$PYTHON" -c 'import torch' 2>/dev/null || die "$PYTHON cannot import torch: install python3-torch"
fi

# Only what the chosen sections run is built. No build servers: nothing of the build stays behind to compete with the
# runs.
projects=()
for name in "${only[@]}"; do
  case "$name" in
    activations) project="$ACTIVATIONS_PROJECT" ;;
    epoch | sweep | memory) project="$APP_PROJECT" ;;
  esac
  [[ " ${projects[*]} " == *" $project "* ]] || projects+=("$project")
done
for project in "${projects[@]}"; do
  if ! dotnet build "$project" -c Release --disable-build-servers -nologo -v q >"$TMP_DIR/build.log" 2>&1; then
    cat "$TMP_DIR/build.log" >&2
    die "building $project failed"
  fi
done

pytorch_version="not used"
((needs_pytorch)) && pytorch_version="$("$PYTHON" -c 'import torch; print(torch.__version__)') ($PYTHON; older than TorchSharp's libtorch 2.10)"
printf 'bench: %s; %d CPUs, %d threads per side; .NET %s; TorchSharp-cpu 0.107 (libtorch 2.10); PyTorch %s\n' \
  "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" "$(nproc)" "$threads" "$(dotnet --version)" "$pytorch_version"
check_idle

for name in "${only[@]}"; do
  "section_${name//-/_}"
done
report_disturbance
