#!/usr/bin/env bash
# Installs the system packages prodready needs to build (and, with --test, to
# run its tests; with --ci, the CI extras). Installs only what is missing, so
# it is cheap to run before every build. On systems without apt-get it names
# the packages and exits 1 instead of guessing.
set -euo pipefail

build_packages=(gcc make cmake pkg-config git libpcre2-dev libfyaml-dev libjansson-dev
                libxml2-dev libsqlite3-dev libgit2-dev libzip-dev libcmocka-dev)
test_packages=(python3 python3-jsonschema python3-pil chromium)
# libclang-rt-dev carries libFuzzer and the sanitizer runtimes: clang only
# recommends it, and recommendations are not installed below.
ci_packages=(clang libclang-rt-dev clang-format cppcheck cloc)

wanted=("${build_packages[@]}")
for argument in "$@"; do
    case "$argument" in
        --test) wanted+=("${test_packages[@]}") ;;
        --ci) wanted+=("${test_packages[@]}" "${ci_packages[@]}") ;;
        *) echo "install-deps.sh: unknown option '$argument' (use --test or --ci)" >&2; exit 2 ;;
    esac
done

if ! command -v apt-get >/dev/null 2>&1; then
    if pkg-config --exists libhs libpcre2-8 libfyaml jansson libxml-2.0 sqlite3 libgit2 libzip cmocka 2>/dev/null; then
        exit 0
    fi
    echo "install-deps.sh: no apt-get here; install these (or your system's equivalents) and rerun:" >&2
    echo "  vectorscan or hyperscan (pkg-config libhs) ${wanted[*]}" >&2
    exit 1
fi

is_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

missing=()
for package in "${wanted[@]}"; do
    is_installed "$package" || missing+=("$package")
done
# The Hyperscan API: Debian and Ubuntu ship vectorscan (all CPUs) and, on
# some releases, Intel's hyperscan; either provides pkg-config 'libhs'.
if ! is_installed libvectorscan-dev && ! is_installed libhyperscan-dev; then
    missing+=(HYPERSCAN)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

run_as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "install-deps.sh: need root to install: ${missing[*]}" >&2; exit 1; fi
}

echo "install-deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
run_as_root apt-get update -qq
resolved=()
for package in "${missing[@]}"; do
    if [ "$package" = libclang-rt-dev ] && ! apt-cache show libclang-rt-dev >/dev/null 2>&1; then
        # Releases without the unversioned name: take the default clang's.
        version=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p')
        resolved+=("libclang-rt-${version:-14}-dev")
    elif [ "$package" = HYPERSCAN ]; then
        if apt-cache show libvectorscan-dev >/dev/null 2>&1; then
            resolved+=(libvectorscan-dev)
        else
            resolved+=(libhyperscan-dev)
        fi
    else
        resolved+=("$package")
    fi
done
run_as_root apt-get install -y -qq --no-install-recommends "${resolved[@]}" >/dev/null
