#!/usr/bin/env bash
# Shared set-up for the two quick-start commands: install what is missing (Debian packages
# only), configure a Release build in ./build once, then build incrementally. Idempotent and
# quick when nothing changed. Sourced by ./run-check and ./run-tests.
set -euo pipefail

POSPROP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POSPROP_BUILD="${POSPROP_BUILD:-$POSPROP_ROOT/build}"
POSPROP_PACKAGES=(cmake g++ ninja-build pkg-config python3 libeigen3-dev libboost-dev
  librapidcheck-dev catch2 libmpfr-dev libgmp-dev libmpfi-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev
  chromium chromium-driver
  python3-numpy python3-mpmath)

posprop_install_missing() {
  local missing=()
  for p in "${POSPROP_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "posprop: installing missing packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

posprop_build() {
  if [ ! -f "$POSPROP_BUILD/CMakeCache.txt" ]; then
    cmake -S "$POSPROP_ROOT" -B "$POSPROP_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
  fi
  cmake --build "$POSPROP_BUILD" -j "$(nproc)" >&2
}

posprop_install_missing
posprop_build
