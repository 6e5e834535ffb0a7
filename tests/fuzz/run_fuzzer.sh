#!/bin/sh
# run_fuzzer.sh TARGET SCRATCH CORPUS [libFuzzer flags...]: runs a posprop_fuzz_* target on the
# checked-in seed corpus CORPUS (read only) with the dictionary readers.dict, new inputs going to
# SCRATCH (emptied first: a run depends only on its flags, -seed included). A crash, a hang
# (-timeout, seconds per input) or a sanitizer report ends the run with the input saved as
# SCRATCH.artifacts/crash-* (or timeout-*, oom-*); `TARGET FILE` replays it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=$1 scratch=$2 corpus=$3
shift 3
rm -rf "$scratch"
mkdir -p "$scratch" "$scratch.artifacts"
set -- "$@" -dict="$here/readers.dict" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$scratch.artifacts/" "$scratch" "$corpus"
echo "reproduce: $target $*"
exec "$target" "$@"
