#!/usr/bin/env bash
# Time versus corpus size: the generated corpus (bench/gen_secrets_corpus.py,
# fixed seed) at 1x, 2x and 4x its base file count, audited and
# secret-scanned; prints bytes, seconds and seconds per 100 MB, which stay
# flat when time grows linearly with bytes.
# Usage: bench/scaling.sh [BUILD] [BASE_FILES]   (default 5000 files at 1x)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=$(cd "${1:-$root/build}" && pwd)
base=${2:-5000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| corpus | files | MB | audit s | audit s/100MB | secrets s | secrets s/100MB |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for factor in 1 2 4; do
    corpus="$work/x$factor"
    python3 "$here/gen_secrets_corpus.py" "$corpus" --files $((base * factor)) --seed 1 \
        --filler-lines 400 >/dev/null
    bytes=$(du -sb "$corpus" | cut -f1)
    best() {
        local fastest=
        for _ in 1 2 3; do
            local start end
            start=$(date +%s.%N)
            "$@" >/dev/null 2>&1 || true
            end=$(date +%s.%N)
            fastest=$(python3 -c "a='$fastest'; t=$end-$start; print(t if not a else min(float(a), t))")
        done
        echo "$fastest"
    }
    audit=$(best "$build/prodready" audit "$corpus" --no-save --quiet --format json --output /dev/null)
    secrets=$(best "$build/prodready" secrets "$corpus")
    python3 -c "
b=$bytes/1e6; a=$audit; s=$secrets
print('| %dx | %d | %.0f | %.2f | %.2f | %.2f | %.2f |' % ($factor, $base*$factor, b, a, a/b*100, s, s/b*100))"
done
