#!/usr/bin/env bash
# cloc_compare.sh: holds prodready's line counts (src/inventory/language.c and
# linecount.c) against cloc's on one directory tree.
#
#   bench/cloc_compare.sh DIR [TOP]
#
# Runs `cloc --json --quiet --by-file DIR`, counts the very files cloc counted
# (cloc skips duplicates and files it cannot classify) with
# bench/linecount_driver.c, and prints per language (cloc's classification)
# code/comment/blank for both and the ratio ours/cloc, the files whose language
# we name differently, and the TOP (default 15) files that disagree most.
# With EXCLUDE_RE set (a Python regular expression), it also prints the
# totals without the files whose path matches it: for files where cloc is
# shown to misparse (see bench/RESULTS.md).
# Needs gcc, cloc, jq and python3. Writes only to a temporary directory.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 DIR [TOP]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
dir=$(cd "$1" && pwd)
top=${2:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gcc -std=c17 -O2 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -I"$root/src" \
    "$here/linecount_driver.c" "$root/src/inventory/language.c" \
    "$root/src/inventory/linecount.c" "$root/src/util/xalloc.c" -o "$work/driver"

echo "cloc $(cloc --version); corpus $dir"
cloc --json --quiet --by-file "$dir" > "$work/cloc.json"
jq -r 'to_entries[] | select(.key != "header" and .key != "SUM") | .key' \
    "$work/cloc.json" > "$work/files"
start=$(date +%s.%N)
"$work/driver" --files < "$work/files" > "$work/ours.tsv"
end=$(date +%s.%N)
files=$(wc -l < "$work/files")
awk -v s="$start" -v e="$end" -v n="$files" \
    'BEGIN { printf "driver time: %.3f s for %d files (reading included)\n", e - s, n }'

python3 - "$work/cloc.json" "$work/ours.tsv" "$top" "${EXCLUDE_RE:-}" <<'PY'
import json, re, sys
cloc = json.load(open(sys.argv[1]))
top = int(sys.argv[3])
exclude = re.compile(sys.argv[4]) if sys.argv[4] else None
ours = {}
for row in open(sys.argv[2], encoding="utf-8", errors="surrogateescape"):
    path, lang, blank, comment, code = row.rstrip("\n").split("\t")
    ours[path] = (lang, int(blank), int(comment), int(code))

per_lang = {}
mismatched_lang = []
diffs = []
for path, entry in cloc.items():
    if path in ("header", "SUM"):
        continue
    lang = entry["language"]
    mine = ours.get(path)
    if mine is None:
        print("missing from driver output:", path)
        continue
    t = per_lang.setdefault(lang, [0] * 7)
    t[0] += 1
    t[1] += entry["code"]; t[2] += mine[3]
    t[3] += entry["comment"]; t[4] += mine[2]
    t[5] += entry["blank"]; t[6] += mine[1]
    if mine[0] != lang:
        mismatched_lang.append((path, lang, mine[0]))
    diffs.append((abs(mine[3] - entry["code"]), path, lang, entry, mine))

def ratio(a, b):
    return "%.4f" % (b / a) if a else "-"

fmt = "%-22s %6s %9s %9s %7s %9s %9s %7s %8s %8s %7s"
print(fmt % ("language (cloc)", "files", "code cloc", "code ours", "ratio",
             "cmnt cloc", "cmnt ours", "ratio", "blnk cloc", "blnk ours", "ratio"))
total = [0] * 7
for lang, t in sorted(per_lang.items(), key=lambda kv: -kv[1][1]):
    print(fmt % (lang[:22], t[0], t[1], t[2], ratio(t[1], t[2]), t[3], t[4],
                 ratio(t[3], t[4]), t[5], t[6], ratio(t[5], t[6])))
    total = [a + b for a, b in zip(total, t)]
print(fmt % ("TOTAL", total[0], total[1], total[2], ratio(total[1], total[2]), total[3],
             total[4], ratio(total[3], total[4]), total[5], total[6], ratio(total[5], total[6])))
same = sum(1 for d in diffs if d[0] == 0)
print("files with identical code count: %d of %d" % (same, len(diffs)))
print("sum of |per-file code difference|: %d (%.2f%% of cloc's code)"
      % (sum(d[0] for d in diffs), 100.0 * sum(d[0] for d in diffs) / max(total[1], 1)))
if exclude:
    kept = [d for d in diffs if not exclude.search(d[1])]
    theirs = sum(d[3]["code"] for d in kept)
    ours_code = sum(d[4][3] for d in kept)
    print("without the %d files matching EXCLUDE_RE: code cloc %d, ours %d, ratio %s; "
          "sum of |difference| %d" % (len(diffs) - len(kept), theirs, ours_code,
                                      ratio(theirs, ours_code), sum(d[0] for d in kept)))
print("files whose language we name differently: %d" % len(mismatched_lang))
for path, theirs, mine in mismatched_lang[:top]:
    print("   %s: cloc %s, ours %s" % (path, theirs, mine))
print("largest per-file code differences (cloc blank/comment/code -> ours):")
for delta, path, lang, entry, mine in sorted(diffs, key=lambda d: -d[0])[:top]:
    if delta == 0:
        break
    print("  %+6d %s [%s] %d/%d/%d -> %d/%d/%d" % (mine[3] - entry["code"], path, lang,
          entry["blank"], entry["comment"], entry["code"], mine[1], mine[2], mine[3]))
PY
