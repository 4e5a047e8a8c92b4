#!/usr/bin/env bash
# The content-scanning benchmark of issue 3, side by side on one corpus:
#   prodready audit         every analyzer and every pattern rule (a full audit)
#   prodready secrets       the secret rules alone (the engine compiled from them)
#   rg                      ripgrep with the same secret regexes as a pattern file,
#                           each wrapped in (?:…) (../shared/PERFORMANCE.md explains why)
#   secretlint              secretlint 13 with its recommended preset, --no-gitignore
#                           (SECRETLINT_DIR=dir with node_modules; skipped when absent)
# For each: wall and CPU seconds (median of RUNS, default 3), MB/s over the
# bytes of the files prodready reads, peak RSS, and the ratio to ripgrep.
#
# Usage: bench/secrets_bench.sh DIR [BUILD]      e.g. bench/secrets_bench.sh /tmp/linux-6.1
# Needs: rg, /usr/bin/time, python3; optional secretlint (see above).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
dir=$(cd "$1" && pwd)
build=$(cd "${2:-$root/build}" && pwd)
runs=${RUNS:-3}
binary="$build/prodready"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Rust's regex syntax refuses the escapes \" and \' that PCRE accepts (the
# same characters, unescaped, mean the same in both).
"$binary" rules --format json | python3 -c '
import json, sys
for rule in json.load(sys.stdin):
    if "pattern" in rule and rule["id"].startswith("secrets."):
        pattern = rule["pattern"].replace(chr(92) + chr(34), chr(34)).replace(chr(92) + chr(39), chr(39))
        print("(?:%s)" % pattern)' >"$work/patterns.txt"
(cd "$dir" && "$binary" files . --paths-only) >"$work/files"
files=$(wc -l <"$work/files")
bytes=$(cd "$dir" && tr '\n' '\0' <"$work/files" | xargs -0 cat | wc -c)
echo "corpus: $dir — $files files, $bytes bytes (as prodready lists them); $(nproc) CPUs"
echo "secret patterns: $(wc -l <"$work/patterns.txt"); $(rg --version | head -1)"
echo

measure() { # name, command...
    local name=$1
    shift
    local results=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
        results+=("$(tail -1 "$work/time")")
    done
    printf '%s\n' "${results[@]}" | python3 -c '
import sys, statistics
name, size = sys.argv[1], int(sys.argv[2])
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] + r[2] for r in rows)
rss = max(r[3] for r in rows) / 1024
print("%s\t%.2f\t%.2f\t%.0f\t%.0f" % (name, wall, cpu, size / 1e6 / wall if wall else 0, rss))
' "$name" "$bytes" >>"$work/table"
}

: >"$work/table"
measure "prodready audit (all rules)" "$binary" audit "$dir" --no-save --quiet --format json --output /dev/null
measure "prodready secrets (secret rules)" "$binary" secrets "$dir"
measure "rg (same secret regexes)" rg -c -f "$work/patterns.txt" "$dir"
if [ -n "${SECRETLINT_DIR:-}" ] && [ -x "$SECRETLINT_DIR/node_modules/.bin/secretlint" ]; then
    cat >"$work/.secretlintrc.json" <<'JSON'
{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}
JSON
    measure "secretlint 13 (recommended)" "$SECRETLINT_DIR/node_modules/.bin/secretlint" \
        --secretlintrc "$work/.secretlintrc.json" --no-gitignore "$dir/**/*"
fi
python3 - "$work/table" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
rg = next(float(r[1]) for r in rows if r[0].startswith("rg"))
print("| tool | wall s | CPU s | MB/s | peak RSS MiB | wall / rg |")
print("| --- | --- | --- | --- | --- | --- |")
for name, wall, cpu, rate, rss in rows:
    print("| %s | %s | %s | %s | %s | %.2f |" % (name, wall, cpu, rate, rss, float(wall) / rg))
PY
