/*
 * osv: an offline OSV advisory export — the per-ecosystem all.zip that
 * osv.dev publishes, or a directory of OSV JSON documents (searched
 * recursively, .zip files inside it read too) — loaded for the packages a
 * repository depends on, and matched against their exact versions by the
 * evaluation algorithm of the OSV schema
 * (https://ossf.github.io/osv-schema/#evaluation).
 *
 * Loading is lazy: callers first name the packages they want
 * (osv_database_want); a document is parsed only when one of its
 * "name" values names one of them (a byte scan before any JSON parsing), so
 * a 15 000-advisory export costs the decompression and little else.
 *
 * This module knows nothing of the command line or the audit beyond the
 * shape of the dependency facts (osv_database_want_facts); it never
 * prints. A bad document is a warning naming its file (and zip entry) and
 * the reason; loading goes on. Version ordering comes from
 * advisories/version_order.h; a version it cannot order is never taken as
 * affected or as safe: the match says it was undetermined.
 */
#ifndef PRODREADY_ADVISORIES_OSV_H
#define PRODREADY_ADVISORIES_OSV_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

/* Documents and zip entries larger than this are refused (and counted). */
#define OSV_DOCUMENT_MAX (16u * 1024u * 1024u)

struct osv_database;

struct osv_advisory {
    const char *id;      /* "GHSA-…", "PYSEC-…" */
    const char *summary; /* "" when the advisory has none */
    const char *const *aliases;
    size_t alias_count;
    enum severity severity;
    /* How `severity` was decided: "CVSS:3.1 base score 9.8", "database
     * severity HIGH", or why the default (medium) was used. */
    const char *severity_basis;
    const char *source; /* the file it was read from ("all.zip!X.json" inside a zip) */
};

struct osv_match {
    const struct osv_advisory *advisory;
    /* The fixed versions above the matched one, ", "-separated; "" when the
     * advisory names none. */
    const char *fixed;
};

struct osv_stats {
    size_t documents;  /* JSON documents seen (files and zip entries) */
    size_t parsed;     /* of those, parsed because they name a wanted package */
    size_t advisories; /* advisories kept (parsed, valid, not withdrawn) */
    size_t withdrawn;  /* parsed advisories skipped because withdrawn */
    size_t malformed;  /* documents refused: unreadable, not JSON, or not an OSV advisory */
    size_t too_large;  /* documents over OSV_DOCUMENT_MAX, refused */
    size_t git_ranges; /* GIT ranges skipped (they need the repository's history) */
};

struct osv_database *osv_database_new(void);
void osv_database_free(struct osv_database *database);

/* Names a package to load advisories for. `ecosystem` is a deps_common.h
 * name ("pypi", "npm", "go", "cargo", "maven", "rubygems", "nuget",
 * "packagist"); names compare as the ecosystem compares them (PEP 503 for
 * PyPI, case-insensitive for NuGet and Packagist, exact otherwise). */
void osv_database_want(struct osv_database *database, const char *ecosystem, const char *name);

/* Names the package of every "deps.dependency" fact (analyzers/
 * deps_common.h) that has an exact version: the ones matching can look up. */
void osv_database_want_facts(struct osv_database *database, const struct fact *facts, size_t count);

/* Loads the export at `path` (a .zip, a .json, or a directory). False when
 * `path` itself cannot be read (a warning says why); problems with single
 * documents are warnings and loading goes on. */
bool osv_database_load(struct osv_database *database, const char *path);

/* Adds one JSON document (not NUL-terminated; `source` names it in
 * warnings). Skipped without parsing when it names no wanted package. */
void osv_database_add_json(struct osv_database *database, const char *text, size_t length,
                           const char *source);

/* The advisories affecting `name` at `version`: an array valid until the
 * next call or osv_database_free, each advisory once (aliases of one
 * another reported once), ordered by id. `undetermined` (may be NULL)
 * receives how many advisories of the package could not be evaluated at
 * this version (a version or range the ecosystem's ordering refused). */
size_t osv_database_match(struct osv_database *database, const char *ecosystem, const char *name,
                          const char *version, const struct osv_match **matches,
                          size_t *undetermined);

const struct osv_stats *osv_database_stats(const struct osv_database *database);
/* "FILE: reason" lines, at most OSV_WARNINGS_MAX of them (then one line
 * counting the rest). */
#define OSV_WARNINGS_MAX 50
const char *const *osv_database_warnings(struct osv_database *database, size_t *count);

#endif
