#!/usr/bin/env bash
# Times a whole `prodready audit` (inventory, line counts, every analyzer —
# the secret scanner among them — and the report) against peers that only
# search for secrets, on the same directory:
#   - ripgrep with prodready's own secret regexes (taken from
#     `prodready rules --format json`, each wrapped in (?:…) — see
#     ../shared/PERFORMANCE.md for why), default filtering (.gitignore,
#     hidden and binary files skipped, as prodready does);
#   - secretlint with its recommended preset (SECRETLINT=1 to include it:
#     slow on large trees; install with
#     `npm install secretlint @secretlint/secretlint-rule-preset-recommend`
#     in the directory named by SECRETLINT_DIR).
# Usage: bench/secrets_vs_peers.sh DIR [BINARY]   (needs hyperfine, rg, python3)
set -euo pipefail
dir="$(cd "$1" && pwd)"
binary="$(cd "$(dirname "${2:-build/prodready}")" && pwd)/$(basename "${2:-build/prodready}")"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$binary" rules --format json | /usr/bin/python3 -c '
import json, sys
for rule in json.load(sys.stdin):
    if "pattern" in rule:
        print("(?:%s)" % rule["pattern"])' >"$work/patterns.txt"
echo "$(wc -l <"$work/patterns.txt") secret patterns; $(rg --version | head -1); $(hyperfine --version)"

commands=(
    "$binary audit $dir --format json --quiet --no-progress --output /dev/null"
    "rg -c -f $work/patterns.txt $dir"
)
if [ -n "${SECRETLINT:-}" ]; then
    cat >"$work/.secretlintrc.json" <<'JSON'
{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}
JSON
    commands+=("${SECRETLINT_DIR:-.}/node_modules/.bin/secretlint --secretlintrc $work/.secretlintrc.json --no-gitignore '$dir/**/*'")
fi
# rg and secretlint exit 1 when they find nothing: that is not a failure here.
hyperfine --warmup 1 --runs "$runs" -i --export-markdown "$work/time.md" "${commands[@]}" >/dev/null
cat "$work/time.md"
echo
/usr/bin/time -f "prodready peak RSS %M KiB" "$binary" audit "$dir" --format json --quiet \
    --no-progress --output /dev/null
/usr/bin/time -f "rg peak RSS %M KiB" rg -c -f "$work/patterns.txt" "$dir" >/dev/null || true
