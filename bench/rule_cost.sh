#!/usr/bin/env bash
# Leave-one-out cost of every pattern rule on a corpus (bench/rule_cost.c):
# builds the driver against the build's static library, lists the files
# prodready would audit (`prodready files --paths-only`), and prints the
# table, most expensive rule first.
# Usage: bench/rule_cost.sh DIR [BUILD] [REPEAT]   e.g. bench/rule_cost.sh /usr/lib/python3.11
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
dir=$(cd "$1" && pwd)
build=$(cd "${2:-$root/build}" && pwd)
repeat=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
libs=$(pkg-config --libs libhs libpcre2-8 yaml-0.1 libfyaml jansson libxml-2.0 sqlite3 libgit2 2>/dev/null ||
    pkg-config --libs libhs libpcre2-8 libfyaml jansson libxml-2.0 sqlite3 libgit2)
cc -std=c17 -O2 -Wall -Wextra -Werror -I"$root/src" "$here/rule_cost.c" \
    "$build/libprodready_core.a" $libs -lpthread -lm -o "$work/rule_cost"
(cd "$dir" && "$build/prodready" files . --paths-only) | sed "s|^|$dir/|" >"$work/files"
echo "corpus $dir; $(wc -l <"$work/files") files; $(nproc) CPUs; best of $repeat; one thread"
"$work/rule_cost" --repeat "$repeat" --max-bytes "${MAX_BYTES:-268435456}" <"$work/files"
