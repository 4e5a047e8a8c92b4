#!/usr/bin/env bash
# Fails when C sources call functions that are easy to misuse (after curl's
# checksrc): unbounded string writes, strtok's hidden state, atoi's silent
# failure. Use snprintf/strbuf, strtol with end checks, strtok_r-free parsing.
set -euo pipefail
cd "$(dirname "$0")/.."
banned='\b(sprintf|vsprintf|strcat|strncat|strcpy|strtok|atoi|atol|atof|gets|tmpnam|mktemp)\s*\('
if matches=$(git ls-files '*.c' '*.h' | xargs grep -nE "$banned" 2>/dev/null); then
    echo "banned functions used:" >&2
    echo "$matches" >&2
    exit 1
fi
echo "no banned functions"
