/*
 * check: repository-level rules evaluated over the inventory and the facts
 * the analyzers gathered. A check passes with evidence (file and line) or
 * fails saying what was searched; a failed check that matters raises a
 * finding of a registered rule.
 *
 * Checks see only what the context hands them: they must not read files.
 */
#ifndef PRODREADY_CHECKS_CHECK_H
#define PRODREADY_CHECKS_CHECK_H

#include <stddef.h>

#include "model/model.h"

struct osv_database;

struct check_file {
    const char *path;     /* relative, '/'-separated */
    const char *language; /* NULL when unknown */
    enum file_role role;
};

struct check_context {
    struct arena *arena;            /* the result arena: owns what checks add */
    const struct check_file *files; /* sorted by path */
    size_t file_count;
    const struct fact *facts; /* sorted by (file, line, key) */
    size_t fact_count;
    enum project_kind kind;
    const struct testing_metrics *testing; /* tests, coverage and results; may be NULL */
    /* --advisories: the OSV export loaded for the dependencies
     * (advisories/osv.h) and its path as given; both NULL without one. */
    struct osv_database *advisories;
    const char *advisories_path;

    struct check *checks;
    size_t check_count, check_capacity;
    struct finding *findings;
    size_t finding_count, finding_capacity;
};

/* Records a check. Evidence is copied; `summary` is copied. Returns the check
 * so a caller can add evidence with check_add_evidence. */
struct check *check_add(struct check_context *context, const char *id, enum category category,
                        enum check_status status, const char *title, const char *summary,
                        const char *rule_id);
void check_add_evidence(struct check_context *context, struct check *check, const char *file,
                        int line, const char *note);
/* Raises a finding of a registered rule (abort on an unknown id). `file`
 * may be NULL for a repository-level absence. */
void check_add_finding(struct check_context *context, const char *rule_id, const char *file,
                       int line, const char *format, ...) __attribute__((format(printf, 5, 6)));

/* Lookup helpers over the context. */
const struct fact *check_find_fact(const struct check_context *context, const char *key,
                                   const char *file);
const struct check_file *check_find_file(const struct check_context *context, const char *path);

struct check_family {
    const char *name;
    void (*run)(struct check_context *context);
};

/* Every check family, in a fixed order (checks.c). */
const struct check_family *const *check_family_table(size_t *count);

#endif
