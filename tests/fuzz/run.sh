#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each one for
# a bounded time (FUZZ_SECONDS, default 20) from its seed corpus in
# tests/fuzz/corpus/<target>/. A crash fails the run and leaves the input in
# build-fuzz/. Used briefly in CI; run longer by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${FUZZ_SECONDS:-20}"
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DPRODREADY_FUZZ=ON \
    -DPRODREADY_WERROR=ON >/dev/null
cmake --build build-fuzz -j "$(nproc)" >/dev/null
status=0
for target in build-fuzz/fuzz_*; do
    [ -x "$target" ] || continue
    name="$(basename "$target")"
    work="build-fuzz/corpus-$name"
    mkdir -p "$work"
    seeds="tests/fuzz/corpus/$name"
    [ -d "$seeds" ] || seeds=""
    echo "fuzzing $name for ${seconds}s"
    if ! (cd build-fuzz && "./$name" -max_total_time="$seconds" -timeout=10 -max_len=65536 \
            -artifact_prefix="./$name-" "corpus-$name" ${seeds:+"../$seeds"} >"$name.log" 2>&1); then
        echo "FAIL $name: see build-fuzz/$name.log" >&2
        tail -40 "build-fuzz/$name.log" >&2
        status=1
    else
        grep -E "Done [0-9]+ runs" "build-fuzz/$name.log" | tail -1 || true
    fi
done
exit $status
