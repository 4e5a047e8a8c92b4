/*
 * suppress: what keeps a finding out of the gates without hiding it —
 * inline `prodready:ignore` comments, the config file's `exclude` globs and
 * `rules:` settings (disable, severity, ignore), and a baseline report whose
 * fingerprints mark findings as already known (docs/configuration.md).
 *
 * Suppressed findings move to a separate list that reports show but scores
 * and gates do not count. This module decides and marks only; it must not
 * score, render, print or read anything but the baseline file it is given.
 */
#ifndef PRODREADY_AUDIT_SUPPRESS_H
#define PRODREADY_AUDIT_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"
#include "model/model.h"
#include "util/arena.h"
#include "util/strbuf.h"

#define SUPPRESS_MARKER "prodready:ignore"

enum { SUPPRESS_IDS_MAX = 16, SUPPRESS_ID_MAX = 96, SUPPRESS_TEXT_MAX = 200 };

/* ---- inline comments ---- */

enum suppress_parse_status {
    SUPPRESS_PARSE_NONE,      /* the line holds no marker */
    SUPPRESS_PARSE_OK,        /* a directive (possibly naming unknown ids: the caller checks) */
    SUPPRESS_PARSE_MALFORMED, /* a marker whose bracket list cannot be read: `problem` says why */
};

struct suppress_directive {
    int column;      /* 1-based byte column of the marker */
    bool standalone; /* nothing but blanks and comment punctuation before the marker: it also
                        covers the next line */
    size_t id_count; /* 0: every rule */
    char ids[SUPPRESS_IDS_MAX][SUPPRESS_ID_MAX]; /* "rule.id" or "family.*" */
    char reason[SUPPRESS_TEXT_MAX + 4];          /* free text after the marker; "" when none */
    char problem[SUPPRESS_TEXT_MAX];             /* for SUPPRESS_PARSE_MALFORMED */
};

/* Reads the first marker on one line (`length` bytes, no newline needed;
 * may hold any bytes). Never reads past `length`. */
enum suppress_parse_status suppress_parse_line(const char *line, size_t length,
                                               struct suppress_directive *directive);

/* Whether the pattern ("rule.id" or "family.*", or "" for every rule)
 * covers rule_id. */
bool suppress_id_matches(const char *pattern, const char *rule_id);
/* Whether some registered rule matches the pattern. */
bool suppress_id_known(const char *pattern);

/* What one file's inline comments did. Arrays are malloc'd (the caller
 * frees them); strings live in the arena. */
struct suppress_file_output {
    struct finding *suppressed;
    size_t suppressed_count, suppressed_capacity;
    const char **warnings; /* "path:line: problem" for unknown ids and malformed markers */
    size_t warning_count, warning_capacity;
};

/* Applies the `prodready:ignore` comments of one file to that file's
 * findings: a suppressed finding moves from `findings` (compacted in
 * place, *count updated) to out->suppressed with its suppression set. */
void suppress_inline(const char *path, const char *content, size_t length, struct finding *findings,
                     size_t *count, struct suppress_file_output *out, struct arena *arena);

/* ---- config ---- */

/* The `exclude` globs compiled with gitignore semantics; NULL when none
 * (free with suppress_excludes_free). */
struct gitignore *suppress_excludes_compile(const struct config *config);
void suppress_excludes_free(struct gitignore *excludes);
/* Whether the relative path, or a directory above it, is excluded. */
bool suppress_path_excluded(const struct gitignore *excludes, const char *path);
/* Whether config disables the rule. */
bool suppress_rule_disabled(const struct config *config, const char *rule_id);

/* Applies `rules:` to findings: drops those of disabled rules, moves those
 * an `ignore` entry covers to the growing `suppressed` array (malloc'd),
 * and sets overridden severities (on both lists). */
void suppress_apply_config(const struct config *config, struct finding *findings, size_t *count,
                           struct finding **suppressed, size_t *suppressed_count,
                           size_t *suppressed_capacity, struct arena *arena);

/* ---- baseline ---- */

struct suppress_baseline {
    char *path;
    char (*fingerprints)[17]; /* sorted */
    size_t count;
};

/* Loads the fingerprints of an earlier `prodready audit --format json`
 * report. Returns 0, or -1 with one line in `error`. */
int suppress_baseline_load(const char *path, struct suppress_baseline *baseline,
                           struct strbuf *error);
void suppress_baseline_release(struct suppress_baseline *baseline);
/* Marks findings (sorted) whose fingerprint the baseline holds, occurrence
 * for occurrence: a fingerprint listed twice marks two findings, and a third
 * one is new. Returns how many baseline entries matched no finding (fixed). */
size_t suppress_baseline_mark(const struct suppress_baseline *baseline, struct finding *findings,
                              size_t count);

#endif
