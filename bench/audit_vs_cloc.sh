#!/usr/bin/env bash
# Compares a whole `prodready audit` with cloc on the same files:
#   1. total code lines: the audit's JSON (target.languages) against
#      `cloc --list-file` over exactly the files the audit read
#      (`prodready files --paths-only`), so skipping rules do not blur the
#      comparison of the counting itself;
#   2. wall time: hyperfine, prodready's whole audit against cloc's count.
# Usage: bench/audit_vs_cloc.sh DIR [BINARY]   (needs cloc, hyperfine, python3)
set -euo pipefail
dir="$(cd "$1" && pwd)"
binary="${2:-build/prodready}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$binary" audit "$dir" --format json --quiet --no-progress >"$work/audit.json" || true
"$binary" files "$dir" --paths-only | sed "s#^#$dir/#" >"$work/files.txt"
cloc --quiet --json --list-file="$work/files.txt" >"$work/cloc.json"

/usr/bin/python3 - "$work/audit.json" "$work/cloc.json" <<'PY'
import json, sys
audit = json.load(open(sys.argv[1]))
cloc = json.load(open(sys.argv[2]))
ours = sum(l["code"] for l in audit["target"]["languages"])
theirs = cloc["SUM"]["code"]
print("files audited: %d (skipped: %s)" % (audit["target"]["files"], audit["target"]["skipped"]))
print("cloc 'SUM' over the same files: %d files, code %d" % (cloc["SUM"]["nFiles"], theirs))
print("prodready code lines: %d" % ours)
print("ratio prodready/cloc: %.4f (%+.2f %%)" % (ours / theirs, 100.0 * (ours - theirs) / theirs))
PY

hyperfine --warmup 1 --runs 5 --export-markdown "$work/time.md" \
    "$binary audit $dir --format json --quiet --no-progress --output /dev/null" \
    "cloc --quiet --list-file=$work/files.txt" >/dev/null
cat "$work/time.md"
