/*
 * analyzer: the one small interface every per-file analyzer implements, and
 * the per-file output (findings and facts) it fills.
 *
 * Analyzers run in parallel worker threads, one file at a time. An analyzer
 * must only read the source_file it is given and write to the analysis it is
 * given; it must not touch global state, other files, or the clock.
 */
#ifndef PRODREADY_ANALYZERS_ANALYZER_H
#define PRODREADY_ANALYZERS_ANALYZER_H

#include <stdbool.h>
#include <stddef.h>

#include "inventory/language.h"
#include "model/model.h"

struct source_file {
    const char *path;    /* relative to the audit root, '/'-separated */
    const char *content; /* NUL-terminated; may contain invalid UTF-8 */
    size_t length;
    const struct language *language; /* NULL when unknown */
    enum file_role role;
    struct line_counts lines;
};

struct analysis {
    struct arena *arena; /* per-file; owns every string added below */
    struct finding *findings;
    size_t finding_count, finding_capacity;
    struct fact *facts;
    size_t fact_count, fact_capacity;
    const char *path; /* the file these belong to (arena copy) */
};

void analysis_init(struct analysis *analysis, struct arena *arena, const char *path);
/* Frees the arrays (not the arena, which the caller owns). */
void analysis_release(struct analysis *analysis);

/* Adds a finding of a registered rule at line/column of the analysed file.
 * `snippet` is the offending line (trimmed here to a readable length) and
 * `match` the content the fingerprint hashes (NULL: the message). The rule id
 * must exist in the registry: an unknown id is a programming error (abort). */
void analysis_add_finding(struct analysis *analysis, const char *rule_id, int line, int column,
                          const char *snippet, const char *match, const char *format, ...)
    __attribute__((format(printf, 7, 8)));
void analysis_add_fact(struct analysis *analysis, const char *key, int line, const char *value);

struct analyzer {
    const char *name;
    bool (*applies)(const struct source_file *file);
    void (*run)(const struct source_file *file, struct analysis *analysis);
};

/* The table of every analyzer, in a fixed order (analyzers.c). */
const struct analyzer *const *analyzer_table(size_t *count);

/* Small helpers shared by analyzers. */
/* Copies the text of 1-based line `line` (without the newline, at most 200
 * bytes, invalid UTF-8 replaced) into the arena. */
const char *analysis_line_text(struct analysis *analysis, const struct source_file *file, int line);

#endif
