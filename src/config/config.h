/*
 * config: the configuration file (.prodready.yml at the audited root, or
 * --config FILE): gate and limit settings, `exclude` path globs and the
 * `rules:` settings (disable, severity, ignore; docs/configuration.md).
 * Every other key is rejected with file:line so that a setting is never
 * silently ignored. Command-line options override the file.
 */
#ifndef PRODREADY_CONFIG_CONFIG_H
#define PRODREADY_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "util/strbuf.h"

/* rules.severity: one rule's (or family's) severity replaced. */
struct config_severity {
    char *rule; /* "rule.id" or "family.*" */
    enum severity severity;
};

/* rules.ignore: findings of a rule suppressed, with the reason why. */
struct config_ignore {
    char *rule;   /* "rule.id" or "family.*" */
    char **paths; /* globs as in `exclude`; none = every finding of the rule */
    size_t path_count;
    char *reason;
    int line; /* where the entry starts in the config file */
};

struct config {
    bool has_fail_under;
    int fail_under; /* 0..100 */
    bool has_fail_on;
    enum severity fail_on;
    uint64_t max_file_size; /* 0 = not set */
    unsigned jobs;          /* 0 = not set */

    /* Suppression (malloc'd; config_release frees them). */
    char *path;     /* the file these came from */
    char **exclude; /* gitignore-style globs: files not audited at all */
    size_t exclude_count;
    char **disable; /* rule ids or "family.*": their findings are dropped */
    size_t disable_count;
    struct config_severity *severities;
    size_t severity_count;
    struct config_ignore *ignores;
    size_t ignore_count;

    /* Scoring and the plan (docs/scoring.md). */
    double weights[CATEGORY_COUNT]; /* 0 = the default weight of that category */
    int grade_bounds[4];            /* lowest score of A, B, C, D; zeros = defaults */
    struct plan_settings plan;      /* zeros = not set */
    /* Success criteria (`targets:`); targets.configured false = defaults. */
    struct target_settings targets;
    char **target_checks; /* owned; targets.checks points here */
    size_t target_check_count;
    /* advisories: an OSV export (a directory or all.zip), resolved against
     * the config file's directory; NULL when not set. */
    char *advisories;
    /* Extra rule packs, resolved against the config file's directory. */
    char **rule_packs;
    size_t rule_pack_count;
};

/* Loads `path`. Returns 0, or -1 with "FILE:LINE: problem" lines in
 * `error` (the file is unreadable, not YAML, or has a bad setting). */
int config_load(const char *path, struct config *config, struct strbuf *error);
/* The `rule_packs:` of a config file, resolved against its directory
 * (malloc'd list of malloc'd paths; caller frees), read before the full
 * load so the packs' rules can be named in `rules:`. 0 when none. */
size_t config_peek_rule_packs(const char *path, char ***packs);
/* A positive decimal number ("40", "7.5") no larger than max; shared by the
 * config file and the command line. */
bool config_parse_positive(const char *text, double max, double *out);
/* Parses sizes such as 5242880, 512k, 5M, 1G (powers of 1024). */
bool config_parse_size(const char *text, uint64_t *out);
/* Frees what config_load allocated (safe on a zeroed config). */
void config_release(struct config *config);

#endif
