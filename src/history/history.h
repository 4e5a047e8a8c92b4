/*
 * history: the git history secret scan (`prodready audit --history`).
 *
 * It walks every commit reachable from HEAD, diffs each against its first
 * parent (a root commit against the empty tree) and runs the secret rules
 * — every rule whose id starts with "secrets." — over the lines each commit
 * added, so a secret deleted since is still found: it must be rotated.
 * Nothing is checked out; one commit's diff is in memory at a time.
 *
 * It must never hold or print a secret in full (findings carry the content
 * scanner's redaction), must not scan the work tree (the normal audit does),
 * and must not print: progress goes through a callback.
 */
#ifndef PRODREADY_HISTORY_HISTORY_H
#define PRODREADY_HISTORY_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "checks/check.h"
#include "model/model.h"
#include "util/strbuf.h"

/* Called now and then (about four times a second) with the commits scanned. */
typedef void (*history_progress_fn)(void *user, size_t commits, double elapsed_seconds);

struct history_options {
    const char *root;       /* the audit root: a directory inside a git work tree */
    uint64_t max_file_size; /* added text of a file larger than this is not scanned; 0 = 5 MiB */
    history_progress_fn progress; /* may be NULL */
    void *progress_user;
};

struct history_summary {
    bool checked;       /* false: the scan could not run (see reason) */
    const char *reason; /* why not, in the arena; NULL when checked */
    size_t commits;     /* commits scanned */
    size_t findings;    /* distinct secrets found only in history */
    size_t in_tree;     /* history hits skipped because the tree still holds them */
};

/* Scans the history of the repository holding options->root and appends one
 * finding per distinct secret (rule and secret hash; the oldest commit that
 * added it) to *findings (an xgrow array; see count and capacity), every string
 * in `arena`. A secret whose rule and hash a finding of `current` (the
 * audited tree's findings) already has is not added: the normal scan
 * reports it. Paths are relative to the audit root; changes outside it are
 * ignored. Never fails: a problem (not a git repository, no commits) sets
 * summary->checked = false with a reason. */
void history_scan(const struct history_options *options, const struct finding *current,
                  size_t current_count, struct arena *arena, struct finding **findings,
                  size_t *count, size_t *capacity, struct history_summary *summary);

/* Records the check security.no-secrets-in-history: not checked without
 * --history (`summary` NULL) or when the scan could not run, else pass or
 * fail with the history findings among context->findings as evidence. */
void history_add_check(struct check_context *context, const struct history_summary *summary);

#endif
