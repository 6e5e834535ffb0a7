#!/usr/bin/env bash
# Shared set-up of the two quick-start commands, sourced by ./run-check and ./run-tests:
# install what is missing (Debian packages only), configure a Release build in ./build once,
# then build incrementally. Idempotent and quick when nothing changed.
#   ./run-check: POSPROP_PACKAGES, then only the `posprop` target and what it links;
#   ./run-tests: also POSPROP_TEST_PACKAGES, then every target (tests, test executables).
set -euo pipefail

POSPROP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POSPROP_BUILD="${POSPROP_BUILD:-$POSPROP_ROOT/build}"
# What configuring the tree and building `posprop` need (catch2, python3 and libbenchmark-dev are
# small and looked for at configure time, so the one build directory serves both commands).
POSPROP_PACKAGES=(cmake g++ ninja-build pkg-config python3 libeigen3-dev libboost-dev
  librapidcheck-dev catch2 libmpfr-dev libgmp-dev libmpfi-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev)
# What only some tests need: Chromium renders the HTML report (gate/report_renders_in_chromium),
# numpy and mpmath run the independent precision check (precision/independent-check).
POSPROP_TEST_PACKAGES=(chromium chromium-driver python3-numpy python3-mpmath)
# Only the libFuzzer build (scripts/fuzz, -DPOSPROP_FUZZ=ON): clang and its sanitizer runtimes.
POSPROP_FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev)

# posprop_install_missing PACKAGE...: apt-get install those not installed yet.
posprop_install_missing() {
  local missing=()
  for p in "$@"; do
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

# posprop_build [TARGET...]: configure once, then build the targets (every target by default).
posprop_build() {
  if [ ! -f "$POSPROP_BUILD/CMakeCache.txt" ]; then
    cmake -S "$POSPROP_ROOT" -B "$POSPROP_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
  fi
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$POSPROP_BUILD" -j "$(nproc)" "${targets[@]}" >&2
}
