/*
 * model: the vocabulary every pipeline stage shares — categories, severities,
 * project kinds, file roles, rules, findings, facts, checks and the audit
 * result — plus their stable string ids (part of the JSON contract).
 *
 * This header holds data definitions and tiny helpers only; it must not know
 * how anything is detected, scored or rendered.
 */
#ifndef PRODREADY_MODEL_MODEL_H
#define PRODREADY_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

/* ---- categories (DESIGN.md "audit areas"; ids are public) ---- */
enum category {
    CATEGORY_SECURITY,
    CATEGORY_DEPENDENCIES,
    CATEGORY_CONTAINER,
    CATEGORY_INFRASTRUCTURE,
    CATEGORY_CI,
    CATEGORY_TESTING,
    CATEGORY_OBSERVABILITY,
    CATEGORY_RELIABILITY,
    CATEGORY_CONFIGURATION,
    CATEGORY_DATA,
    CATEGORY_DOCUMENTATION,
    CATEGORY_QUALITY,
    CATEGORY_DELIVERY,
    CATEGORY_COUNT
};

const char *category_id(enum category category);
const char *category_title(enum category category);
bool category_parse(const char *text, enum category *out);

/* ---- severity and confidence (ordered: higher value = worse/surer) ---- */
enum severity {
    SEVERITY_INFO,
    SEVERITY_LOW,
    SEVERITY_MEDIUM,
    SEVERITY_HIGH,
    SEVERITY_CRITICAL,
    SEVERITY_COUNT
};

const char *severity_id(enum severity severity);
bool severity_parse(const char *text, enum severity *out);

enum confidence { CONFIDENCE_LOW, CONFIDENCE_MEDIUM, CONFIDENCE_HIGH };

const char *confidence_id(enum confidence confidence);
bool confidence_parse(const char *text, enum confidence *out);

/* ---- project kinds (a rule applies to a set of them) ---- */
enum project_kind {
    PROJECT_KIND_SERVICE,
    PROJECT_KIND_LIBRARY,
    PROJECT_KIND_CLI,
    PROJECT_KIND_INFRASTRUCTURE,
    PROJECT_KIND_DOCUMENTATION,
    PROJECT_KIND_UNKNOWN,
    PROJECT_KIND_COUNT
};
#define PROJECT_KIND_BIT(kind) (1u << (kind))
#define PROJECT_KIND_ALL       ((1u << PROJECT_KIND_COUNT) - 1u)

const char *project_kind_id(enum project_kind kind);
bool project_kind_parse(const char *text, enum project_kind *out);

/* ---- file roles (inventory classification) ---- */
enum file_role {
    FILE_ROLE_SOURCE,
    FILE_ROLE_TEST,
    FILE_ROLE_DOCS,
    FILE_ROLE_CONFIG,
    FILE_ROLE_CI,
    FILE_ROLE_CONTAINER,
    FILE_ROLE_IAC,
    FILE_ROLE_MIGRATION,
    FILE_ROLE_DATA,
    FILE_ROLE_BUILD,
    FILE_ROLE_COUNT
};

const char *file_role_id(enum file_role role);

/* Where a pattern rule's match may lie (docs/rules.md "context"). */
enum rule_context { RULE_CONTEXT_ANY, RULE_CONTEXT_CODE };

/* ---- rules (DESIGN.md "Rules are data") ----
 * Rules are immutable after registry load; every string is owned by the
 * registry (static data for built-in packs). */
struct rule {
    const char *id; /* namespace.slug */
    enum category category;
    enum severity severity;
    enum confidence confidence;
    int effort_minutes; /* to fix one occurrence */
    unsigned kinds;     /* PROJECT_KIND_BIT set the rule applies to */
    const char *title;
    const char *why;
    const char *fix;
    const char *const *references;
    size_t reference_count;
    const char *pack; /* pack file the rule came from, e.g. rules/documentation.yml */
    int pack_line;    /* line of the rule's id in that pack */

    /* Pattern rules only (pattern != NULL); the content scanner reads these
     * (docs/rules.md "Pattern rules"). Lists are NULL when empty. */
    const char *pattern;         /* PCRE syntax vectorscan also accepts; matches within a line */
    int secret_group;            /* capture group holding the secret; 0 = whole match */
    bool redact;                 /* false: the match marks a secret but is not one (PEM header) */
    double entropy_min;          /* minimum Shannon entropy (bits/byte) of the secret; 0 = none */
    const char *const *keywords; /* case-insensitive; the match's line must contain one */
    size_t keyword_count;
    const char *const *paths; /* globs on the relative path; none = every file */
    size_t path_count;
    const char *const *exclude_paths;
    size_t exclude_path_count;
    const char *const *allow; /* regexes: a secret matching any is ignored */
    size_t allow_count;
    /* true: a catch-all rule (a secret-like name assigned a literal) that
     * yields to any specific rule reporting an overlapping secret on the
     * same line, so one secret is reported once, by its provider's rule. */
    bool generic;
    /* RULE_CONTEXT_CODE: the match's anchor (the first byte of its
     * secret_group) must lie in code, not in a comment, string or docstring
     * (src/analyzers/lexer.h); such a match is code, not a secret. */
    enum rule_context context;
};

/* ---- per-file classification, line counts ---- */
struct line_counts {
    uint64_t code;
    uint64_t comment;
    uint64_t blank;
};

/* ---- evidence: a file and line that proves something ---- */
struct evidence {
    const char *file; /* relative, '/'-separated; NULL for repository-wide */
    int line;         /* 1-based; 0 = no line */
    const char *note;
};

/* ---- suppressions: why a finding does not count (src/audit/suppress.h) ---- */
struct suppression {
    const char *kind;   /* "inline" (a prodready:ignore comment) or "config" (rules.ignore) */
    const char *file;   /* where the suppression is written */
    int line;           /* its line there */
    const char *reason; /* NULL when none was given */
};

/* ---- the commit a finding was found in (git history scan only) ---- */
struct finding_commit {
    const char *sha;       /* full hex id */
    const char *short_sha; /* its first 12 digits */
    const char *author;    /* "Name <email>" */
    const char *date;      /* author date, ISO 8601 UTC */
};

/* ---- findings: a rule hit at a location ---- */
struct finding {
    const struct rule *rule;
    enum severity severity; /* the rule's, unless overridden by config */
    const char *file;       /* NULL = repository-level */
    int line;               /* 0 = none */
    int column;             /* 0 = none */
    const char *message;
    const char *snippet; /* already redacted where it concerns a secret */
    const char *match;   /* content the fingerprint hashes; NULL = message */
    char fingerprint[17];
    bool baseline; /* its fingerprint is in the --baseline report: not new */
    const struct suppression *suppression; /* set only on result->suppressed entries */
    /* NULL: found in the audited tree. Set: found only in the lines a past
     * commit added (prodready audit --history); file and line are that
     * commit's. */
    const struct finding_commit *commit;
};

/* ---- facts: observations analyzers make for repository-level checks ---- */
struct fact {
    const char *key; /* e.g. "doc.heading", "license.spdx" */
    const char *file;
    int line;
    const char *value;
};

/* ---- checks: repository-level rules evaluated over facts ---- */
enum check_status { CHECK_PASS, CHECK_FAIL, CHECK_NOT_CHECKED };

const char *check_status_id(enum check_status status);

struct check {
    const char *id; /* e.g. "docs.readme" */
    enum category category;
    enum check_status status;
    const char *title;   /* what the check asks, e.g. "README present" */
    const char *summary; /* what proved it, or for an absence what was searched */
    struct evidence *evidence;
    size_t evidence_count;
    const char *rule_id; /* finding raised when this check fails, or NULL */
};

/* ---- language statistics ---- */
struct language_stats {
    const char *name;
    uint64_t files;
    struct line_counts lines;
};

/* ---- one audited file (the inventory after reading) ---- */
struct audited_file {
    const char *path;     /* relative, '/'-separated */
    const char *language; /* NULL when unknown */
    enum file_role role;
    uint64_t bytes;
    struct line_counts lines;
};

/* ---- test metrics (src/metrics/test_metrics.c) ---- */
struct coverage_file_percent {
    const char *file; /* as the coverage report names it */
    double percent;   /* line coverage, to 0.1 */
    uint64_t covered, total;
};

struct testing_metrics {
    /* from the inventory and the testing.* facts */
    uint64_t test_code_lines, source_files, source_code_lines;
    uint64_t test_cases; /* test definitions found in the code */
    uint64_t skipped;    /* skipped or disabled tests found in the code (with conditional ones) */
    /* coverage reports read (found in the repository or --coverage) */
    bool coverage_measured, branch_measured;
    double line_percent, branch_percent; /* to 0.1; meaningless unless measured */
    uint64_t lines_covered, lines_total, branches_covered, branches_total;
    struct coverage_file_percent *least_covered; /* at most 10, least covered first */
    size_t least_covered_count;
    const char **coverage_sources; /* report files read, in order */
    size_t coverage_source_count;
    double coverage_target; /* percent the testing.coverage-below-target rule wants */
    /* JUnit results read (--junit) */
    bool results_read;
    uint64_t tests, failures, errors, results_skipped;
    double time_seconds;
    const char **result_sources;
    size_t result_source_count;
    /* "file: reason" for each report that could not be read */
    const char **problems;
    size_t problem_count;
};

/* ---- the audit result: everything reports render, owned by `arena` ---- */
struct skipped_counts {
    uint64_t binary;
    uint64_t too_large;
    uint64_t vendored;
    uint64_t generated;
    uint64_t unreadable;
    uint64_t symlink;  /* links that leave the root, loop, or dangle */
    uint64_t excluded; /* matched the config's `exclude` globs */
    uint64_t unparsed; /* read, but its structured analyzer could not parse it */
};

struct category_result {
    int score; /* 0..100; meaningless when !applicable */
    char grade[3];
    bool applicable;
    bool checked; /* prodready has rules for this category (false: not checked at all) */
    size_t findings;
    int deductions; /* points lost */
};

struct plan_phase {
    int id;
    const char *name;
    double hours;
    size_t finding_count;
    const char **fingerprints; /* finding_count entries */
};

/* One unit of remediation work: the findings of one rule in one file (or
 * the repository), fixed together (docs/scoring.md "Remediation plan"). */
struct plan_item {
    const struct rule *rule;
    const char *file;       /* NULL: repository-level */
    int line;               /* first finding's line; 0 = none */
    enum severity severity; /* the most severe of its findings */
    int phase;              /* 1..8 */
    size_t finding_count;
    double hours;
};

enum { PLAN_PHASE_COUNT = 8 };

/* One week of the schedule: hours planned per phase (index 0 unused). */
struct plan_week {
    int week; /* 1-based */
    double hours;
    double phase_hours[PLAN_PHASE_COUNT + 1];
};

/* How the schedule is laid out: the CLI and the config set these. */
struct plan_settings {
    double capacity_hours; /* per person per week; 0 = the default, 40 */
    unsigned team;         /* people; 0 = the default, 1 */
    double hourly_rate;    /* 0 = no cost estimate */
};

/* One success criterion (docs/scoring.md "Targets"): what is wanted, what
 * the audit measured, and whether it is met. */
enum target_status { TARGET_MET, TARGET_UNMET, TARGET_NOT_CHECKED };

struct target {
    const char *id; /* "score", "category.security", "findings.critical", "coverage", "check.ID" */
    const char *text;   /* e.g. "overall score at least 70" */
    const char *actual; /* what was measured, e.g. "58"; "not measured" */
    enum target_status status;
};

/* Targets from the config (config.h fills them; zeros mean "use the default"). */
struct target_settings {
    bool configured;                   /* a `targets:` section was given */
    int score;                         /* -1: none */
    int categories[CATEGORY_COUNT];    /* -1: none */
    long max_findings[SEVERITY_COUNT]; /* -1: none */
    double coverage;                   /* -1: none */
    const char *const *checks;         /* must pass */
    size_t check_count;
};

struct audit_result {
    struct arena arena; /* owns every pointer below */

    /* target */
    const char *path;
    const char *commit; /* NULL when not a git repository */
    uint64_t files;
    uint64_t bytes;
    enum project_kind kind;
    struct evidence *kind_evidence;
    size_t kind_evidence_count;
    struct skipped_counts skipped;
    struct language_stats *languages; /* sorted by code lines, descending */
    size_t language_count;
    struct audited_file *audited_files; /* every audited file, sorted by path */
    size_t audited_file_count;

    /* verdict */
    int score;
    char grade[3];
    const char *verdict; /* "ready", "ready-with-conditions", "not-ready" */
    /* Category weights in the overall score, from the config: 0 = the
     * default weight, negative = left out (docs/scoring.md). */
    double weights[CATEGORY_COUNT];
    /* Lowest score of grades A, B, C and D, from the config's `grades:`;
     * zeros = the defaults 90, 80, 70, 60 (docs/scoring.md). */
    int grade_bounds[4];
    /* The findings that decide the verdict: the critical ones for not-ready,
     * the high ones for ready-with-conditions; none for ready. */
    const struct finding **verdict_reasons;
    size_t verdict_reason_count;
    const char *risk; /* "critical", "high", "medium" or "low" (docs/scoring.md) */
    struct category_result categories[CATEGORY_COUNT];

    struct finding *findings; /* sorted (file, line, rule) */
    size_t finding_count;
    /* Findings a prodready:ignore comment or the config's rules.ignore
     * suppressed: shown, never scored or gated; sorted like findings. */
    struct finding *suppressed;
    size_t suppressed_count;
    /* --baseline: the report compared against (NULL: none), how many
     * findings are new or already in it, and how many of its entries no
     * longer occur. */
    const char *baseline_file;
    size_t baseline_new, baseline_known, baseline_fixed;
    struct check *checks; /* sorted by id */
    size_t check_count;
    struct fact *facts;
    size_t fact_count;

    /* metrics */
    uint64_t test_files;
    struct testing_metrics testing; /* tests, coverage and test results */
    uint64_t todo_count;
    size_t rules_run;

    /* plan */
    double plan_total_hours;
    struct plan_phase *phases;
    size_t phase_count;
    struct plan_item *plan_items; /* in the order to work on them */
    size_t plan_item_count;
    struct plan_week *plan_weeks;
    size_t plan_week_count;
    struct plan_settings plan_settings; /* as used (defaults filled in) */
    double plan_cost;                   /* total hours × hourly rate; 0 without a rate */
    struct target *targets;             /* success criteria, in a fixed order */
    size_t target_count;
    const struct plan_item *next_step; /* the first item; NULL when nothing to do */

    /* warnings gathered while auditing (file: reason), in file order */
    const char **warnings;
    size_t warning_count;

    /* timing (the only fields allowed to differ between identical runs) */
    double duration_seconds;
    const char *timestamp; /* ISO 8601 UTC */
};

/* Fingerprint: hash of rule id, file and matched content (or message), so a
 * finding keeps its identity when unrelated edits shift its line. */
void finding_fingerprint(struct finding *finding);
/* Order used for deterministic output: file (NULL first), line, column, rule id, message. */
int finding_compare(const void *a, const void *b);

#endif
