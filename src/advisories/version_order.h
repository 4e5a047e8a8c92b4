/*
 * version_order: how each package ecosystem orders its version strings, so
 * that an advisory's affected ranges can be compared with a locked version.
 *
 *   pypi       PEP 440 (epochs, pre/post/dev releases, local versions)
 *   npm, cargo Semantic Versioning 2.0.0 (pre-releases, build metadata ignored)
 *   go         SemVer with the leading "v" and pseudo-versions
 *   maven      Maven's ComparableVersion ordering
 *   rubygems   Gem::Version ordering
 *   nuget, packagist  their documented orderings, where implemented
 *
 * The ecosystem names are the ones the dependency analyzers record
 * (analyzers/deps_common.h), not OSV's spellings; version_order_ecosystem
 * maps OSV's "ecosystem" field ("PyPI", "crates.io", "Go" …) to them.
 *
 * Pure functions over strings: no I/O, no allocation that outlives a call,
 * safe from any thread. A string the ecosystem's grammar does not accept is
 * reported (VERSION_ORDER_INVALID), never guessed at, so a malformed
 * advisory cannot make a safe version look vulnerable or the reverse.
 */
#ifndef PRODREADY_ADVISORIES_VERSION_ORDER_H
#define PRODREADY_ADVISORIES_VERSION_ORDER_H

#include <stdbool.h>

enum version_order_result {
    VERSION_ORDER_LESS = -1,
    VERSION_ORDER_EQUAL = 0,
    VERSION_ORDER_GREATER = 1,
    VERSION_ORDER_INVALID = 2,     /* either string is not a version of this ecosystem */
    VERSION_ORDER_UNSUPPORTED = 3, /* no ordering implemented for this ecosystem */
};

/* Compares `left` with `right` under `ecosystem`'s rules (a name as in
 * deps_common.h: "pypi", "npm", "cargo", "go", "maven", "rubygems",
 * "nuget", "packagist"). */
enum version_order_result version_order_compare(const char *ecosystem, const char *left,
                                                const char *right);

/* True when `version` is a valid version string of `ecosystem`. */
bool version_order_valid(const char *ecosystem, const char *version);

/* The deps_common.h name of an OSV ecosystem ("PyPI" -> "pypi",
 * "crates.io" -> "cargo", "Go" -> "go", "npm", "Maven", "RubyGems",
 * "NuGet", "Packagist"); NULL when prodready records no such ecosystem.
 * A suffix after ':' (OSV's "Debian:12") is not supported: NULL. */
const char *version_order_ecosystem(const char *osv_ecosystem);

#endif
