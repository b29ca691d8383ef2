#!/usr/bin/env bash
# One-command set-up on Debian 12: install missing packages, configure and build DStream Lab.
#
# Usage: scripts/setup.sh [--build-dir DIR] [-- EXTRA_CMAKE_ARGS...]
#
# Idempotent: packages already installed are skipped (apt-get update runs only when
# something is missing), an existing build tree is reconfigured and built incrementally.
# DIR defaults to build/ at the repository root; a relative DIR is taken from the current
# directory.
set -euo pipefail

usage() {
  sed -n '4,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${repo_root}/build"
cmake_extra=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --build-dir)
      [[ $# -ge 2 && -n "$2" ]] || { echo "setup.sh: --build-dir needs a directory" >&2; exit 2; }
      build_dir="$2"
      shift 2
      ;;
    --build-dir=*)
      build_dir="${1#--build-dir=}"
      shift
      ;;
    -h|--help)
      usage
      exit 0
      ;;
    --)
      shift
      cmake_extra=("$@")
      break
      ;;
    *)
      echo "setup.sh: unknown argument '$1' (extra CMake arguments go after --)" >&2
      usage >&2
      exit 2
      ;;
  esac
done

# Make the build directory absolute before leaving the caller's directory.
case "${build_dir}" in
  /*) ;;
  *) build_dir="${PWD}/${build_dir}" ;;
esac

log() { printf '==> %s\n' "$*"; }

# --- Debian packages --------------------------------------------------------------------
# Every name checked against Debian 12 (bookworm) main with `apt-cache policy`.
packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6sql6-sqlite libqt6sql6-mysql
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libgl-dev
  fonts-noto-cjk
  python3-dev pybind11-dev python3-cloudpickle python3-pymysql
  libbenchmark-dev
  xvfb imagemagick
  mariadb-server librdkafka-dev kcat python3-confluent-kafka
  netcat-openbsd telnet
  clang-14 libclang-rt-14-dev
)

missing=()
for pkg in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null || true)"
  if [[ "${status}" != "install ok installed" ]]; then
    missing+=("${pkg}")
  fi
done

if [[ ${#missing[@]} -gt 0 ]]; then
  log "Installing missing Debian packages: ${missing[*]}"
  as_root=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "setup.sh: not root and sudo is not installed; as root, run:" >&2
      echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
    as_root=(sudo)
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y "${missing[@]}"
else
  log "All Debian packages present"
fi

# --- Configure and build ----------------------------------------------------------------
cd "${repo_root}"

configure_args=(
  -S "${repo_root}" -B "${build_dir}"
  -DCMAKE_BUILD_TYPE=RelWithDebInfo
  -DPython3_ROOT_DIR=/usr
  -DPython3_FIND_STRATEGY=LOCATION
)
# A tree configured earlier keeps its generator; asking for another one would be an error.
if [[ ! -f "${build_dir}/CMakeCache.txt" ]]; then
  configure_args+=(-G Ninja)
fi
# Extra arguments come last so that they override the defaults above (e.g. a build type).
configure_args+=("${cmake_extra[@]}")

log "Configuring ${build_dir}"
cmake "${configure_args[@]}"

log "Building ${build_dir}"
cmake --build "${build_dir}"

log "Build ready in ${build_dir}"
