#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each one
# from its seed corpus in tests/fuzz/corpus/<target>/, either for a bounded
# time (FUZZ_SECONDS, default 20: exploration by hand) or, with FUZZ_RUNS=N,
# for N inputs from a fixed seed — reproducible, which is what CI uses so a
# run never fails by chance. A crash fails the run and leaves the input in
# build-fuzz/; add it to the corpus as a regression once fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${FUZZ_SECONDS:-20}"
if [ -n "${FUZZ_RUNS:-}" ]; then
    budget=(-runs="$FUZZ_RUNS" -seed=1)
    described="$FUZZ_RUNS inputs (seed 1)"
else
    budget=(-max_total_time="$seconds")
    described="${seconds}s"
fi
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DPRODREADY_FUZZ=ON \
    -DPRODREADY_WERROR=ON >/dev/null
cmake --build build-fuzz -j "$(nproc)" >/dev/null
# Leaks inside third-party libraries, each explained in the file.
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
status=0
for target in build-fuzz/fuzz_*; do
    [ -x "$target" ] || continue
    name="$(basename "$target")"
    work="build-fuzz/corpus-$name"
    mkdir -p "$work"
    seeds="tests/fuzz/corpus/$name"
    [ -d "$seeds" ] || seeds=""
    echo "fuzzing $name: $described"
    if ! (cd build-fuzz && "./$name" "${budget[@]}" -timeout=10 -max_len=4096 \
            -artifact_prefix="./$name-" "corpus-$name" ${seeds:+"../$seeds"} >"$name.log" 2>&1); then
        echo "FAIL $name: see build-fuzz/$name.log" >&2
        tail -40 "build-fuzz/$name.log" >&2
        status=1
    else
        grep -E "Done [0-9]+ runs" "build-fuzz/$name.log" | tail -1 || true
    fi
done
exit $status
