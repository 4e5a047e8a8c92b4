/*
 * gha_workflow: the GitHub Actions workflow analyzer's parsing helpers,
 * exposed for unit tests — classifying a `uses:` reference by how firmly it
 * is pinned, finding `${{ … }}` expressions with their exact lines inside a
 * script, and telling whether an expression reads attacker-controlled
 * context.
 *
 * Pure functions over text; they must not judge severity or raise findings
 * (gha_workflow.c does).
 */
#ifndef PRODREADY_ANALYZERS_GHA_WORKFLOW_H
#define PRODREADY_ANALYZERS_GHA_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>

enum gha_ref_kind {
    GHA_REF_LOCAL,         /* ./path in the same repository */
    GHA_REF_SHA,           /* owner/repo@<40 or 64 hex digits> */
    GHA_REF_DOCKER_DIGEST, /* docker://image@sha256:… */
    GHA_REF_DOCKER_TAG,    /* docker://image[:tag] */
    GHA_REF_TAG,           /* owner/repo@v4, @1.2.3 */
    GHA_REF_BRANCH,        /* owner/repo@main, @stable, or no ref at all */
    GHA_REF_INVALID        /* empty or an expression */
};

/* How `uses` is pinned; *first_party (may be NULL) is set when the owner is
 * GitHub itself (actions/…, github/…). */
enum gha_ref_kind gha_classify_uses(const char *uses, bool *first_party);

struct gha_expression {
    size_t offset; /* of the text inside ${{ }}, blanks trimmed */
    size_t length;
    int line; /* line of the "${{" */
};

/* Finds the ${{ … }} expressions of `text`, whose first byte is on line
 * `first_line`; writes at most `max` and returns how many were written. */
size_t gha_find_expressions(const char *text, size_t length, int first_line,
                            struct gha_expression *out, size_t max);

/* Whether an expression reads context an outsider controls: github.head_ref,
 * or github.event.* other than ids, numbers, SHAs and similar fixed-format
 * fields (a title, a body, a branch name, a commit message …). */
bool gha_expression_untrusted(const char *expression, size_t length);

/* Whether a path is a workflow GitHub runs: .github/workflows/NAME.yml|yaml. */
bool gha_is_workflow_path(const char *path);

#endif
