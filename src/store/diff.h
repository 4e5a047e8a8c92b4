/*
 * diff: compares two JSON reports (from files or from the history
 * database): score, grade, verdict and category deltas, plan hours delta,
 * findings new, fixed and unchanged by fingerprint, and the targets (success
 * criteria) newly met or no longer met. Reports from any
 * version of the prodready/report/v1 schema compare; this module reads only
 * fields the contract promises (DESIGN.md). It must not re-score anything.
 */
#ifndef PRODREADY_STORE_DIFF_H
#define PRODREADY_STORE_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/model.h"
#include "util/strbuf.h"

/* One finding as a report lists it; pointers into the parsed reports. */
struct diff_finding {
    const char *fingerprint;
    const char *rule;
    const char *severity;
    const char *file; /* NULL: repository-level */
    int line;         /* 0: none */
    const char *message;
};

struct diff_side {
    const char *label; /* what the user named: a file, or "audit 12" */
    const char *commit;
    const char *created_at;
    int score;
    const char *grade;
    const char *verdict;
    double hours;
    int category_scores[CATEGORY_COUNT]; /* -1: null (not applicable / not checked) */
    size_t finding_count;
};

/* A target whose status changed between the reports, matched by id; a
 * target only one report has counts as "not-checked" in the other. */
struct diff_target {
    const char *id;
    const char *target; /* what the newer report asks (the older one's if absent) */
    const char *old_status, *new_status; /* "met", "unmet", "not-checked" */
    const char *old_actual, *new_actual; /* what was measured; NULL when absent */
};

struct diff_result {
    struct diff_side old_side, new_side;
    struct diff_finding *added; /* in the new report, not the old */
    size_t added_count;
    struct diff_finding *fixed; /* in the old report, gone from the new */
    size_t fixed_count;
    size_t unchanged_count;
    struct diff_target *newly_met; /* met now, not met before */
    size_t newly_met_count;
    struct diff_target *no_longer_met; /* met before, not now */
    size_t no_longer_met_count;
    void *reports[2]; /* the parsed JSON (json_t *) every pointer above points into */
};

/* Parses both reports and compares them. Returns 0, or -1 with a one-line
 * reason in `error` (not JSON, not a prodready report). Labels are copied. */
int diff_reports(const char *old_json, const char *old_label, const char *new_json,
                 const char *new_label, struct diff_result *out, struct strbuf *error);
void diff_release(struct diff_result *diff);

/* Renderings: a readable summary, one JSON object, or Markdown for a pull
 * request comment. Return 0, or -1 on a write error. */
int diff_write_text(const struct diff_result *diff, FILE *out);
int diff_write_json(const struct diff_result *diff, FILE *out);
int diff_write_markdown(const struct diff_result *diff, FILE *out);

#endif
