#!/usr/bin/python3
"""Measures the secret rules' recall and false positives on a corpus made by
bench/gen_secrets_corpus.py: audits it with prodready, then compares every
secrets.* finding with DIR/planted.tsv line by line.

Usage: bench/secrets_recall.py DIR [BINARY]
Prints recall per provider and overall, every missed secret, and every
finding on a look-alike or filler line (a false positive). Exit status 1
when recall is below 95 % or any false positive exists (the issue's target).
"""
import collections
import json
import os
import subprocess
import sys


def main():
    directory = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else "build/prodready"
    planted = []
    with open(os.path.join(directory, "planted.tsv")) as handle:
        next(handle)
        for line in handle:
            kind, provider, file, number = line.rstrip("\n").split("\t")
            planted.append((kind, provider, file, int(number)))
    result = subprocess.run([binary, "audit", directory, "--format", "json", "--quiet", "--no-save",
                             "--no-progress"], stdout=subprocess.PIPE, check=False)
    if result.returncode not in (0, 1):
        sys.exit("audit failed with status %d" % result.returncode)
    report = json.loads(result.stdout)
    found = collections.defaultdict(set)
    for finding in report["findings"]:
        if finding["rule"].startswith("secrets.") and finding["file"]:
            found[(finding["file"], finding["line"])].add(finding["rule"])

    per_provider = collections.defaultdict(lambda: [0, 0])
    missed, false_positives = [], []
    planted_lines = set()
    for kind, provider, file, line in planted:
        planted_lines.add((file, line))
        if kind == "secret":
            per_provider[provider][1] += 1
            if (file, line) in found:
                per_provider[provider][0] += 1
            else:
                missed.append("%s %s:%d" % (provider, file, line))
        elif (file, line) in found:
            false_positives.append("look-alike %s %s:%d -> %s"
                                   % (provider, file, line, ",".join(sorted(found[(file, line)]))))
    for (file, line), rules in sorted(found.items()):
        if (file, line) not in planted_lines:
            false_positives.append("filler %s:%d -> %s" % (file, line, ",".join(sorted(rules))))

    hits = sum(v[0] for v in per_provider.values())
    total = sum(v[1] for v in per_provider.values())
    print("%-28s %6s %6s %7s" % ("provider", "found", "total", "recall"))
    for provider, (got, count) in sorted(per_provider.items()):
        print("%-28s %6d %6d %6.1f%%" % (provider, got, count, 100.0 * got / count))
    recall = 100.0 * hits / total if total else 0.0
    print("overall: %d of %d planted secrets found (recall %.1f%%); %d false positives"
          % (hits, total, recall, len(false_positives)))
    for line in missed[:40]:
        print("missed: " + line)
    for line in false_positives[:40]:
        print("false positive: " + line)
    return 0 if recall >= 95.0 and not false_positives else 1


if __name__ == "__main__":
    sys.exit(main())
