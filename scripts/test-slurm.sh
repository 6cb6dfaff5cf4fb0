#!/usr/bin/env bash
# A sweep on a real Slurm: starts a one-node cluster on this machine (munge, slurmctld, slurmd, a temporary
# configuration with ports of its own), submits a 3-shard sweep with scripts/slurm/compare.sbatch, waits for its
# merge, and checks that the merged metrics.csv equals the same sweep run in one process (every column but the
# seconds). Every daemon it started is stopped by its process id on every way out.
#
#   scripts/test-slurm.sh [--no-build]     (--no-build: use the Release build already there, as scripts/test.sh does)
#
# Needs root on Debian (it installs slurmctld, slurmd, slurm-client and munge when missing). Exit codes: 0 passed,
# 1 failed, 77 skipped (with the reason); the last line says which.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DLL="$ROOT/src/MnistCompare/bin/Release/net10.0/MnistCompare.dll"
BUILD=1
[[ "${1:-}" == "--no-build" ]] && BUILD=0

skip() {
  echo "test-slurm: SKIPPED ($*)"
  exit 77
}
fail() {
  echo "test-slurm: FAIL ($*)"
  exit 1
}

((EUID == 0)) || skip "needs root to install Slurm and start its daemons"
[[ -f /etc/debian_version ]] && command -v apt-get >/dev/null || skip "installs Slurm with apt-get, so runs on Debian only"
[[ -f "$ROOT/data/mnist/t10k-images-idx3-ubyte" ]] || skip "MNIST is not in data/mnist (scripts/setup.sh fetches it)"

START=$SECONDS
# The whole test, daemons included, must end well inside three minutes.
DEADLINE=170

# --- packages -------------------------------------------------------------------------------------------------

PACKAGES=(slurmctld slurmd slurm-client munge)
missing=()
for pkg in "${PACKAGES[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" == *"ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  # The packages' own init scripts would start system daemons; a policy-rc.d that says "no" keeps them down, so
  # every daemon here is one this test started.
  policy=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy"
  fi
  candidate=$(apt-cache policy slurmctld 2>/dev/null | awk '/Candidate:/ {print $2}')
  if [[ -z "$candidate" || "$candidate" == "(none)" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || { [[ -n "$policy" ]] && rm -f "$policy"; fail "apt-get update failed"; }
  fi
  installed=0
  apt_log=$(mktemp)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$apt_log" 2>&1 && installed=1
  [[ -n "$policy" ]] && rm -f "$policy"
  ((installed)) || { tail -n 5 "$apt_log"; rm -f "$apt_log"; fail "apt-get install ${missing[*]} failed"; }
  rm -f "$apt_log"
  echo "test-slurm: installed ${missing[*]}"
fi

if ((BUILD)); then
  dotnet build "$ROOT/src/MnistCompare" -c Release -v quiet -nologo >/dev/null || fail "dotnet build src/MnistCompare failed"
fi
[[ -f "$DLL" ]] || fail "$DLL does not exist (build with dotnet build -c Release)"

# --- a private cluster --------------------------------------------------------------------------------------------

WORK=$(mktemp -d /tmp/test-slurm.XXXXXX)
chmod 755 "$WORK"
PIDS=()
export SLURM_CONF="$WORK/slurm.conf"

stop_all() {
  local rc=$?
  # Jobs first, so no task outlives the daemons that would reap it.
  if ((${#PIDS[@]})); then
    scancel --quiet --user=root 2>/dev/null || true
    sleep 0.5
  fi
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf -- "$WORK"
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_logs() {
  local f
  for f in "$WORK"/sweep/logs/*.out "$WORK"/log/*.log; do
    [[ -f "$f" ]] || continue
    echo "--- $f (last lines)"
    tail -n 15 "$f"
  done
}
fail_with_logs() {
  show_logs
  fail "$*"
}

mkdir -p "$WORK/munge" "$WORK/state" "$WORK/spool" "$WORK/log" "$WORK/run"
chmod 755 "$WORK/munge"
head -c 1024 /dev/urandom >"$WORK/munge.key"
chmod 400 "$WORK/munge.key"
SOCKET="$WORK/munge/munge.socket"
munged -F -f -S "$SOCKET" --key-file="$WORK/munge.key" --pid-file="$WORK/run/munged.pid" \
  --log-file="$WORK/log/munged.log" --seed-file="$WORK/munge/seed" >>"$WORK/log/munged.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do
  munge -n -S "$SOCKET" 2>/dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1 && break
  sleep 0.1
done
munge -n -S "$SOCKET" 2>/dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1 || fail_with_logs "munged did not start"

# Ports of this test's own, so neither a system Slurm nor a leftover test cluster can block it.
PORT=$((20000 + RANDOM % 20000))
cat >"$SLURM_CONF" <<CONF
ClusterName=mnistcompare-test
SlurmctldHost=localhost
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerParameters=batch_sched_delay=0,sched_min_interval=100000
MinJobAge=5
MailProg=/bin/true
ReturnToService=2
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -D -f "$SLURM_CONF" >"$WORK/log/slurmctld.stdout" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" -N localhost >"$WORK/log/slurmd.stdout" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 100); do
  state=$(sinfo -h -n localhost -o %T 2>/dev/null || true)
  [[ "$state" == idle ]] && break
  sleep 0.2
done
[[ "$state" == idle ]] || fail_with_logs "the node did not become idle (sinfo says '${state:-nothing}')"
echo "test-slurm: a one-node Slurm is up after $((SECONDS - START)) s (ports $PORT, $((PORT + 1)))"

# --- the sweep ----------------------------------------------------------------------------------------------------

# 600 training and 1,000 test images cut from MNIST: validation over all 10,000 would be most of the time.
mkdir -p "$WORK/data"
python3 - "$ROOT/data/mnist" "$WORK/data" <<'PY'
import os, struct, sys
source, target = sys.argv[1], sys.argv[2]
for name, count in [("train-images-idx3-ubyte", 600), ("train-labels-idx1-ubyte", 600),
                    ("t10k-images-idx3-ubyte", 1000), ("t10k-labels-idx1-ubyte", 1000)]:
    data = open(os.path.join(source, name), "rb").read()
    rank = data[3]
    dims = list(struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank]))
    item = 1
    for d in dims[1:]:
        item *= d
    dims[0] = count
    start = 4 + 4 * rank
    with open(os.path.join(target, name), "wb") as out:
        out.write(data[:4] + struct.pack(">" + "I" * rank, *dims) + data[start:start + count * item])
PY
SWEEP_ARGS=(-a relu,gelu,elu --seeds 1 --epochs 1 --train-limit 500 --data "$WORK/data")

left=$((DEADLINE - (SECONDS - START)))
timeout "$left" "$ROOT/scripts/slurm/compare.sbatch" --shards 3 --out "$WORK/sweep" --sbatch "--cpus-per-task=1" --wait \
  -- "${SWEEP_ARGS[@]}" || fail_with_logs "the sweep or its merge did not succeed within $left s"
echo "test-slurm: sweep of 3 shards submitted, trained and merged after $((SECONDS - START)) s"

# The same sweep in one process, with the thread count each task had (--cpus-per-task=1).
left=$((DEADLINE - (SECONDS - START)))
timeout "$left" dotnet "$DLL" compare "${SWEEP_ARGS[@]}" --threads 1 --out "$WORK/single" >"$WORK/log/single.log" 2>&1 \
  || { tail -n 5 "$WORK/log/single.log"; fail "the one-process sweep failed"; }

# Every column but seconds (the 8th).
without_seconds() { cut -d, -f1-7,9- "$1"; }
for f in metrics.csv val_accuracy.png val_loss.svg summary.md config.json models/gelu-seed1.weights; do
  [[ -f "$WORK/sweep/$f" ]] || fail_with_logs "the merged run lacks $f"
done
grep -q '"shard"' "$WORK/sweep/config.json" && fail "the merged config.json still records a shard"
if ! diff <(without_seconds "$WORK/single/metrics.csv") <(without_seconds "$WORK/sweep/metrics.csv") >"$WORK/diff"; then
  cat "$WORK/diff"
  fail "the merged metrics.csv differs from the one-process run's (above: < one process, > merged)"
fi
rows=$(($(wc -l <"$WORK/sweep/metrics.csv") - 1))
((rows == 3)) || fail "the merged metrics.csv has $rows rows, expected 3"
echo "test-slurm: PASS (3 shards on Slurm merged equal one process, all but seconds; $((SECONDS - START)) s)"
