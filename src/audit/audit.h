/*
 * audit: runs the pipeline end to end — inventory, the per-file analyzers on
 * a worker pool, the repository-level checks, scoring and the plan — and
 * returns one result that every report renders. This is the library entry
 * point the command line calls; it never prints (progress goes through a
 * callback) and never exits.
 */
#ifndef PRODREADY_AUDIT_AUDIT_H
#define PRODREADY_AUDIT_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audit/suppress.h"
#include "config/config.h"
#include "model/model.h"
#include "util/strbuf.h"

/* Called about ten times a second from a helper thread while files are
 * analysed; `done` of `total` files. */
typedef void (*audit_progress_fn)(void *user, size_t done, size_t total, double elapsed_seconds);

struct audit_options {
    const char *path;           /* what the user typed; "." by default */
    unsigned jobs;              /* 0 = number of online CPUs */
    uint64_t max_file_size;     /* 0 = inventory default */
    audit_progress_fn progress; /* may be NULL */
    void *progress_user;
    /* --history: also scan the lines every past commit added for secrets
     * (src/history/history.h); history_progress reports commits scanned and
     * gets progress_user. */
    bool history;
    void (*history_progress)(void *user, size_t commits, double elapsed_seconds);
    /* Suppression (src/audit/suppress.h); each may be NULL. */
    const struct config *config;              /* exclude and rules: settings */
    const struct suppress_baseline *baseline; /* marks findings already known */
    struct plan_settings plan;                /* zeros: the defaults */
    /* --coverage FILE / --junit FILE (repeatable): reports read besides
     * those found in the audited tree (src/metrics/test_metrics.h). */
    const char *const *coverage_files;
    size_t coverage_file_count;
    const char *const *junit_files;
    size_t junit_file_count;
    double coverage_target; /* percent; 0 = the default, 80 */
    /* --advisories PATH (or the config's advisories:): an OSV export, a
     * directory or all.zip (src/advisories/osv.h); NULL = not checked. */
    const char *advisories;
};

/* Returns 0 and a result (free with audit_result_free), or -1 when the
 * audit cannot run, with a one-line reason in `error`. */
int audit_run(const struct audit_options *options, struct audit_result **result,
              struct strbuf *error);
void audit_result_free(struct audit_result *result);

#endif
