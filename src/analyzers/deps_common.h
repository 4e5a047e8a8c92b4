/*
 * deps_common: what the dependency analyzers (deps_python.c, deps_node.c,
 * deps_other.c) share — the facts they record, the shape of a version
 * specification, the per-line findings, and the line of a key in a JSON
 * document (jansson gives values, not positions).
 *
 * Facts (read by checks/dependencies.c and the JSON report):
 *   "deps.dependency"  line of the entry; value
 *                      "ECOSYSTEM\tNAME\tSPEC\tVERSION\tDIRECT" where VERSION
 *                      is the one exact version the spec allows ("" when it
 *                      allows several) and DIRECT is "1" or "0".
 *   "deps.manifest"    a manifest whose ranges need a lockfile; value
 *                      "ECOSYSTEM\tLOCK1,LOCK2…" (the lockfile names its tools write).
 *   "deps.automation"  a dependency-update configuration inside a manifest
 *                      (package.json "renovate").
 *
 * Nothing here may decide whether a project is an application or a
 * library: rules carry their kinds, and checks see the whole repository.
 */
#ifndef PRODREADY_ANALYZERS_DEPS_COMMON_H
#define PRODREADY_ANALYZERS_DEPS_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzers/analyzer.h"

/* Where a dependency comes from, as its spec says. */
enum deps_source {
    DEPS_SOURCE_REGISTRY, /* a name and a version spec for the package index */
    DEPS_SOURCE_VCS,      /* a version-control repository */
    DEPS_SOURCE_URL,      /* an archive at a URL */
    DEPS_SOURCE_LOCAL,    /* a path in the repository or a workspace alias */
};

struct deps_file {
    const struct source_file *file;
    struct analysis *analysis;
    const char *ecosystem;
};

/* Records one dependency as a fact. `version` is its exact version or NULL. */
void deps_record(struct deps_file *deps, int line, const char *name, const char *spec,
                 const char *version, bool direct);
/* Records that this manifest needs one of `lockfiles` (comma-separated). */
void deps_manifest(struct deps_file *deps, const char *lockfiles);
/* Raises `rule` on `line` with the line as snippet; `match` identifies the
 * dependency for the fingerprint. */
void deps_report(struct deps_file *deps, const char *rule, int line, const char *match,
                 const char *format, ...) __attribute__((format(printf, 5, 6)));
/* Raises deps.vcs-dependency or deps.url-dependency for a non-registry source. */
void deps_report_source(struct deps_file *deps, enum deps_source source, int line, const char *name,
                        const char *where);

/* Line-by-line reading of a text manifest or lockfile. */
struct deps_lines {
    const char *p, *end;
    int number; /* 1-based number of the line last returned */
};
/* The next line into `out` (without its newline or a '\r' before it, cut
 * to `size`); false at the end. */
bool deps_next_line(struct deps_lines *lines, char *out, size_t size);

/* URL classification shared by every ecosystem. */
bool deps_is_vcs_url(const char *text);
bool deps_is_http_url(const char *text);

/* Line numbers of JSON object keys, by path: the keys at the top level and
 * one and two levels down ("dependencies" / "express"). */
struct deps_json_lines;
struct deps_json_lines *deps_json_lines_build(struct arena *arena, const char *text, size_t length);
/* The line of key `inner` inside the top-level object `outer` (NULL:
 * `inner` itself at the top level), or `fallback` when unknown. */
int deps_json_line(const struct deps_json_lines *lines, const char *outer, const char *inner,
                   int fallback);
/* The same, one level deeper: outer / middle / inner. */
int deps_json_line3(const struct deps_json_lines *lines, const char *outer, const char *middle,
                    const char *inner, int fallback);

/* Lower-cased copy with runs of '-', '_' and '.' as one '-' (PEP 503), so
 * Python names compare as pip compares them. */
char *deps_python_normalize(struct arena *arena, const char *name);
/* The same folding of the `length` bytes at `name` (not NUL-terminated)
 * into `out`; false when the result and its NUL do not fit in `size`. */
bool deps_python_fold(const char *name, size_t length, char *out, size_t size);

/* Whether `path` is a lockfile (package-lock.json, yarn.lock, poetry.lock,
 * pnpm-lock.yaml, Cargo.lock…): what was resolved, not what was asked for. */
bool deps_is_lockfile(const char *path);

/* The direct dependencies the manifests declare, for the lockfiles beside
 * them: a lockfile does not always say which of its packages are direct
 * (poetry.lock, yarn.lock), the manifest in its directory does. Built from
 * the "deps.dependency" facts of the whole repository (never from files), so
 * the answer is the same on every run. */
struct deps_declared;
struct deps_declared *deps_declared_build(const struct fact *facts, size_t count);
/* True when a manifest in the directory of `lockfile` declares `name` of
 * `ecosystem` as a direct dependency (names compared as the ecosystem
 * compares them). */
bool deps_declared_has(const struct deps_declared *declared, const char *lockfile,
                       const char *ecosystem, const char *name);
void deps_declared_free(struct deps_declared *declared);

#endif
