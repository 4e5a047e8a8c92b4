/*
 * config: .prodready.yml reader (see config.h). Strict on purpose: unknown
 * keys and bad values are errors with file and line.
 */
#include "config/config.h"
#include "rules/registry.h"
#include "score/score.h"
#include "util/file.h"
#include "util/xalloc.h"
#include "util/yaml.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool config_parse_size(const char *text, uint64_t *out)
{
    if (!text || !isdigit((unsigned char)text[0]))
        return false;
    errno = 0;
    char *end = NULL;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno)
        return false;
    unsigned shift = 0;
    if (*end) {
        switch (tolower((unsigned char)*end)) {
        case 'k':
            shift = 10;
            break;
        case 'm':
            shift = 20;
            break;
        case 'g':
            shift = 30;
            break;
        default:
            return false;
        }
        end++;
        if (tolower((unsigned char)*end) == 'i')
            end++;
        if (tolower((unsigned char)*end) == 'b')
            end++;
        if (*end)
            return false;
    }
    if (value == 0 || value > (UINT64_MAX >> shift))
        return false;
    *out = (uint64_t)value << shift;
    return true;
}

void config_release(struct config *config)
{
    if (!config)
        return;
    free(config->path);
    for (size_t i = 0; i < config->exclude_count; i++)
        free(config->exclude[i]);
    free(config->exclude);
    for (size_t i = 0; i < config->disable_count; i++)
        free(config->disable[i]);
    free(config->disable);
    for (size_t i = 0; i < config->severity_count; i++)
        free(config->severities[i].rule);
    free(config->severities);
    for (size_t i = 0; i < config->ignore_count; i++) {
        struct config_ignore *ignore = &config->ignores[i];
        free(ignore->rule);
        for (size_t k = 0; k < ignore->path_count; k++)
            free(ignore->paths[k]);
        free(ignore->paths);
        free(ignore->reason);
    }
    free(config->ignores);
    for (size_t i = 0; i < config->rule_pack_count; i++)
        free(config->rule_packs[i]);
    free(config->rule_packs);
    free(config->advisories);
    for (size_t i = 0; i < config->target_check_count; i++)
        free(config->target_checks[i]);
    free(config->target_checks);
    memset(config, 0, sizeof(*config));
}

/* Collects "FILE:LINE: problem" lines; the first error decides nothing, so
 * a user sees every mistake of the file at once. */
struct config_errors {
    const char *path;
    struct strbuf *out;
    int count;
    int fallback_line; /* the setting's key: for a value with no line of its own */
};

static void config_error(struct config_errors *errors, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void config_error(struct config_errors *errors, int line, const char *format, ...)
{
    strbuf_printf(errors->out, "%s%s:%d: ", errors->count ? "\n" : "", errors->path,
                  line > 0 ? line : errors->fallback_line);
    va_list args;
    va_start(args, format);
    struct strbuf message = STRBUF_INIT;
    strbuf_vprintf(&message, format, args);
    va_end(args);
    strbuf_append_str(errors->out, message.data);
    strbuf_release(&message);
    errors->count++;
}

/* A rule id as the config names it: an exact registered id, or "family.*"
 * naming the rules whose id starts with "family." (at least one must). A
 * typo must be an error, never a setting that silently matches nothing. */
static bool config_rule_pattern_known(const char *pattern)
{
    size_t length = strlen(pattern);
    if (length > 2 && pattern[length - 2] == '.' && pattern[length - 1] == '*') {
        size_t count;
        const struct rule *rules = rule_registry_all(&count);
        for (size_t i = 0; i < count; i++)
            if (strncmp(rules[i].id, pattern, length - 1) == 0)
                return true;
        return false;
    }
    return rule_registry_find(pattern) != NULL;
}

static void config_unknown_rule(struct config_errors *errors, int line, const char *pattern)
{
    const char *suggestions[1];
    if (rule_registry_suggest(pattern, suggestions, 1) == 1)
        config_error(errors, line, "unknown rule '%s'; did you mean %s?", pattern, suggestions[0]);
    else
        config_error(errors, line,
                     "unknown rule '%s' (use a rule id from 'prodready rules' or a family "
                     "such as 'secrets.*')",
                     pattern);
}

/* A rule id setting: returns the malloc'd id, or NULL after an error. */
static char *config_rule_value(struct config_errors *errors, struct fy_node *node)
{
    char *pattern = yaml_scalar_dup(node);
    int line = yaml_node_line(node);
    if (!pattern || !*pattern) {
        config_error(errors, line, "a rule id must be plain text such as docs.no-adr");
        free(pattern);
        return NULL;
    }
    if (!config_rule_pattern_known(pattern)) {
        config_unknown_rule(errors, line, pattern);
        free(pattern);
        return NULL;
    }
    return pattern;
}

/* A list of plain strings (a single string is accepted as a one-entry
 * list). Returns the count of entries appended to *items. */
static void config_string_list(struct config_errors *errors, struct fy_node *node, const char *what,
                               bool rule_ids, char ***items, size_t *count)
{
    if (node && fy_node_get_type(node) == FYNT_SCALAR) {
        char *value = rule_ids ? config_rule_value(errors, node) : yaml_scalar_dup(node);
        if (value && !rule_ids && (!*value || strchr(value, '\n'))) {
            config_error(errors, yaml_node_line(node),
                         "%s: entries must be non-empty text on one line", what);
            free(value);
            value = NULL;
        }
        if (value) {
            *items = xrealloc(*items, (*count + 1) * sizeof(**items));
            (*items)[(*count)++] = value;
        }
        return;
    }
    if (!node || fy_node_get_type(node) != FYNT_SEQUENCE) {
        config_error(errors, node ? yaml_node_line(node) : 0, "%s must be a list", what);
        return;
    }
    void *iterator = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(node, &iterator)) != NULL) {
        char *value = NULL;
        if (rule_ids) {
            value = config_rule_value(errors, item);
        } else {
            value = yaml_scalar_dup(item);
            if (!value || !*value || strchr(value, '\n')) {
                config_error(errors, yaml_node_line(item),
                             "%s: entries must be non-empty text on one line", what);
                free(value);
                value = NULL;
            }
        }
        if (value) {
            *items = xrealloc(*items, (*count + 1) * sizeof(**items));
            (*items)[(*count)++] = value;
        }
    }
}

static void config_rules_severity(struct config_errors *errors, struct fy_node *node,
                                  struct config *config)
{
    if (!node || fy_node_get_type(node) != FYNT_MAPPING) {
        config_error(errors, node ? yaml_node_line(node) : 0,
                     "rules.severity must be a mapping of rule id to severity, e.g. "
                     "'docs.no-changelog: low'");
        return;
    }
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iterator)) != NULL) {
        char *rule = config_rule_value(errors, fy_node_pair_key(pair));
        char *value = yaml_scalar_dup(fy_node_pair_value(pair));
        enum severity severity;
        if (rule && (!value || !severity_parse(value, &severity))) {
            config_error(errors, yaml_node_line(fy_node_pair_value(pair)),
                         "rules.severity: %s needs one of critical, high, medium, low, info", rule);
            free(rule);
            rule = NULL;
        }
        if (rule) {
            config->severities = xrealloc(config->severities, (config->severity_count + 1) *
                                                                  sizeof(*config->severities));
            config->severities[config->severity_count++] = (struct config_severity){rule, severity};
        }
        free(value);
    }
}

static void config_rules_ignore(struct config_errors *errors, struct fy_node *node,
                                struct config *config)
{
    if (!node || fy_node_get_type(node) != FYNT_SEQUENCE) {
        config_error(errors, node ? yaml_node_line(node) : 0,
                     "rules.ignore must be a list of entries with rule, reason and "
                     "optional paths");
        return;
    }
    void *iterator = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(node, &iterator)) != NULL) {
        int line = yaml_node_line(item);
        if (fy_node_get_type(item) != FYNT_MAPPING) {
            config_error(errors, line, "rules.ignore: each entry needs rule and reason");
            continue;
        }
        struct config_ignore ignore = {.line = line};
        bool has_rule = false;
        void *pair_iterator = NULL;
        struct fy_node_pair *pair;
        while ((pair = fy_node_mapping_iterate(item, &pair_iterator)) != NULL) {
            struct fy_node *key_node = fy_node_pair_key(pair);
            struct fy_node *value_node = fy_node_pair_value(pair);
            if (yaml_scalar_equals(key_node, "rule")) {
                has_rule = true;
                free(ignore.rule);
                ignore.rule = config_rule_value(errors, value_node);
            } else if (yaml_scalar_equals(key_node, "reason")) {
                free(ignore.reason);
                ignore.reason = yaml_scalar_dup(value_node);
            } else if (yaml_scalar_equals(key_node, "paths")) {
                config_string_list(errors, value_node, "rules.ignore paths", false, &ignore.paths,
                                   &ignore.path_count);
            } else {
                char *key = yaml_scalar_dup(key_node);
                config_error(errors, yaml_node_line(key_node),
                             "rules.ignore: unknown key '%s' (known: rule, paths, reason)",
                             key ? key : "?");
                free(key);
            }
        }
        if (!has_rule)
            config_error(errors, line, "rules.ignore: the entry needs a rule");
        if (!ignore.reason || !*ignore.reason)
            config_error(errors, line,
                         "rules.ignore: the entry needs a reason (why these findings do not "
                         "apply)");
        config->ignores =
            xrealloc(config->ignores, (config->ignore_count + 1) * sizeof(*config->ignores));
        config->ignores[config->ignore_count++] = ignore;
        /* A broken entry is kept too, for config_release to free: the load
         * fails anyway. */
    }
}

static void config_rules(struct config_errors *errors, struct fy_node *node, struct config *config)
{
    if (!node || fy_node_get_type(node) != FYNT_MAPPING) {
        config_error(errors, node ? yaml_node_line(node) : 0,
                     "rules must be a mapping with disable, severity and ignore");
        return;
    }
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iterator)) != NULL) {
        struct fy_node *key_node = fy_node_pair_key(pair);
        struct fy_node *value_node = fy_node_pair_value(pair);
        if (yaml_scalar_equals(key_node, "disable")) {
            config_string_list(errors, value_node, "rules.disable", true, &config->disable,
                               &config->disable_count);
        } else if (yaml_scalar_equals(key_node, "severity")) {
            config_rules_severity(errors, value_node, config);
        } else if (yaml_scalar_equals(key_node, "ignore")) {
            config_rules_ignore(errors, value_node, config);
        } else {
            char *key = yaml_scalar_dup(key_node);
            config_error(errors, yaml_node_line(key_node),
                         "unknown setting 'rules.%s' (known: disable, severity, ignore)",
                         key ? key : "?");
            free(key);
        }
    }
}

bool config_parse_positive(const char *text, double max, double *out)
{
    /* Digits with at most one '.', no sign, exponent, "inf" or "nan":
     * strtod alone accepts all of those. */
    if (!text || !isdigit((unsigned char)text[0]))
        return false;
    size_t dots = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '.')
            dots++;
        else if (!isdigit((unsigned char)*p))
            return false;
    }
    if (dots > 1)
        return false;
    errno = 0;
    char *end = NULL;
    double value = strtod(text, &end);
    if (errno || *end || !(value > 0) || value > max)
        return false;
    *out = value;
    return true;
}

/* weights: {security: 3, testing: 2, ...} — each category's weight in the
 * overall score; 0 leaves a category out. */
static void config_weights(struct config_errors *errors, struct fy_node *node,
                           struct config *config)
{
    if (fy_node_get_type(node) != FYNT_MAPPING) {
        config_error(errors, yaml_node_line(node),
                     "weights must map category ids to numbers (security: 3)");
        return;
    }
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iterator)) != NULL) {
        char *name = yaml_scalar_dup(fy_node_pair_key(pair));
        char *value = yaml_scalar_dup(fy_node_pair_value(pair));
        int line = yaml_node_line(fy_node_pair_key(pair));
        int category = -1;
        for (int c = 0; name && c < CATEGORY_COUNT; c++)
            if (strcmp(name, category_id((enum category)c)) == 0)
                category = c;
        double weight = 0;
        if (category < 0)
            config_error(errors, line,
                         "weights: unknown category '%s' (one of security, "
                         "dependencies, container, infrastructure, ci, testing, "
                         "observability, reliability, configuration, data, "
                         "documentation, quality, delivery)",
                         name ? name : "");
        else if (value && strcmp(value, "0") == 0)
            config->weights[category] = -1; /* explicitly left out */
        else if (!config_parse_positive(value, 100, &weight))
            config_error(errors, yaml_node_line(fy_node_pair_value(pair)),
                         "weights: %s must be a number from 0 to 100", name);
        else
            config->weights[category] = weight;
        free(name);
        free(value);
    }
}

static long config_whole(const char *text, long max);

/* grades: {A: 90, B: 80, C: 70, D: 60} — the lowest score of each grade;
 * unnamed grades keep their defaults, and the bounds must still fall from A
 * to D so every score has exactly one grade. */
static void config_grades(struct config_errors *errors, struct fy_node *node, struct config *config)
{
    static const int defaults[4] = {90, 80, 70, 60};
    if (fy_node_get_type(node) != FYNT_MAPPING) {
        config_error(errors, yaml_node_line(node),
                     "grades must map A, B, C and D to their lowest score (A: 90)");
        return;
    }
    int bounds[4] = {0, 0, 0, 0};
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iterator)) != NULL) {
        char *name = yaml_scalar_dup(fy_node_pair_key(pair));
        char *value = yaml_scalar_dup(fy_node_pair_value(pair));
        int grade =
            name && strlen(name) == 1 && name[0] >= 'A' && name[0] <= 'D' ? name[0] - 'A' : -1;
        long bound = config_whole(value, 100);
        if (grade < 0)
            config_error(errors, yaml_node_line(fy_node_pair_key(pair)),
                         "grades: unknown grade '%s' (one of A, B, C, D; F is what is left)",
                         name ? name : "");
        else if (bound < 1)
            config_error(errors, yaml_node_line(fy_node_pair_value(pair)),
                         "grades: %s must be a whole number from 1 to 100", name);
        else
            bounds[grade] = (int)bound;
        free(name);
        free(value);
    }
    for (int g = 0; g < 4; g++)
        config->grade_bounds[g] = bounds[g] ? bounds[g] : defaults[g];
    for (int g = 1; g < 4; g++)
        if (config->grade_bounds[g] >= config->grade_bounds[g - 1])
            config_error(errors, yaml_node_line(node), "grades: %c (%d) must be below %c (%d)",
                         'A' + g, config->grade_bounds[g], 'A' + g - 1,
                         config->grade_bounds[g - 1]);
}

/* A whole number from 0 to max, or -1. */
static long config_whole(const char *text, long max)
{
    if (!text || !*text)
        return -1;
    for (const char *p = text; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    char *end = NULL;
    long value = strtol(text, &end, 10);
    return *end || value > max ? -1 : value;
}

/* targets: {score: 80, categories: {security: 80}, max_findings: {critical: 0},
 *           coverage: 80, checks: [ci.runs-tests]} */
static void config_targets(struct config_errors *errors, struct fy_node *node,
                           struct config *config)
{
    struct target_settings *targets = &config->targets;
    target_settings_defaults(targets);
    targets->configured = true;
    if (fy_node_get_type(node) != FYNT_MAPPING) {
        config_error(errors, yaml_node_line(node),
                     "targets must be a mapping (score, categories, max_findings, coverage, "
                     "checks)");
        return;
    }
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iterator)) != NULL) {
        struct fy_node *value_node = fy_node_pair_value(pair);
        char *name = yaml_scalar_dup(fy_node_pair_key(pair));
        char *value = yaml_scalar_dup(value_node);
        int line = yaml_node_line(value_node);
        if (!name) {
            config_error(errors, line, "targets: setting names must be plain text");
        } else if (strcmp(name, "score") == 0) {
            if ((targets->score = (int)config_whole(value, 100)) < 0)
                config_error(errors, line, "targets.score must be a whole number from 0 to 100");
        } else if (strcmp(name, "coverage") == 0) {
            double percent = 0;
            if (value && strcmp(value, "0") == 0)
                targets->coverage = 0;
            else if (!config_parse_positive(value, 100, &percent))
                config_error(errors, line, "targets.coverage must be a percentage from 0 to 100");
            else
                targets->coverage = percent;
        } else if (strcmp(name, "categories") == 0 || strcmp(name, "max_findings") == 0) {
            bool categories = strcmp(name, "categories") == 0;
            if (fy_node_get_type(value_node) != FYNT_MAPPING) {
                config_error(errors, line, "targets.%s must be a mapping", name);
            } else {
                void *inner = NULL;
                struct fy_node_pair *entry;
                while ((entry = fy_node_mapping_iterate(value_node, &inner)) != NULL) {
                    char *key = yaml_scalar_dup(fy_node_pair_key(entry));
                    char *number = yaml_scalar_dup(fy_node_pair_value(entry));
                    int entry_line = yaml_node_line(fy_node_pair_key(entry));
                    int index = -1;
                    enum severity severity;
                    for (int c = 0; categories && key && c < CATEGORY_COUNT; c++)
                        if (strcmp(key, category_id((enum category)c)) == 0)
                            index = c;
                    if (!categories && key && severity_parse(key, &severity))
                        index = (int)severity;
                    long amount = config_whole(number, categories ? 100 : 1000000);
                    if (index < 0)
                        config_error(errors, entry_line, "targets.%s: unknown %s '%s'", name,
                                     categories ? "category" : "severity", key ? key : "");
                    else if (amount < 0)
                        config_error(errors, entry_line, "targets.%s.%s must be a whole number%s",
                                     name, key, categories ? " from 0 to 100" : "");
                    else if (categories)
                        targets->categories[index] = (int)amount;
                    else
                        targets->max_findings[index] = amount;
                    free(key);
                    free(number);
                }
            }
        } else if (strcmp(name, "checks") == 0) {
            config_string_list(errors, value_node, "targets.checks", false, &config->target_checks,
                               &config->target_check_count);
            targets->checks = (const char *const *)config->target_checks;
            targets->check_count = config->target_check_count;
        } else {
            config_error(errors, yaml_node_line(fy_node_pair_key(pair)),
                         "targets: unknown setting '%s' (known: score, categories, max_findings, "
                         "coverage, checks)",
                         name);
        }
        free(name);
        free(value);
    }
}

/* plan: {capacity_hours: 30, team: 2, hourly_rate: 95} */
static void config_plan(struct config_errors *errors, struct fy_node *node, struct config *config)
{
    if (fy_node_get_type(node) != FYNT_MAPPING) {
        config_error(errors, yaml_node_line(node),
                     "plan must be a mapping (capacity_hours, team, hourly_rate)");
        return;
    }
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iterator)) != NULL) {
        char *name = yaml_scalar_dup(fy_node_pair_key(pair));
        char *value = yaml_scalar_dup(fy_node_pair_value(pair));
        int line = yaml_node_line(fy_node_pair_value(pair));
        double number = 0;
        if (!name) {
            config_error(errors, line, "plan: setting names must be plain text");
        } else if (strcmp(name, "capacity_hours") == 0) {
            if (!config_parse_positive(value, 168, &number))
                config_error(errors, line,
                             "plan.capacity_hours must be hours a week, more "
                             "than 0 and at most 168");
            else
                config->plan.capacity_hours = number;
        } else if (strcmp(name, "team") == 0) {
            if (!config_parse_positive(value, 1000, &number) || number != (double)(int)number)
                config_error(errors, line, "plan.team must be a whole number of people, 1 to 1000");
            else
                config->plan.team = (unsigned)number;
        } else if (strcmp(name, "hourly_rate") == 0) {
            if (!config_parse_positive(value, 1e6, &number))
                config_error(errors, line, "plan.hourly_rate must be a positive amount");
            else
                config->plan.hourly_rate = number;
        } else {
            config_error(errors, yaml_node_line(fy_node_pair_key(pair)),
                         "plan: unknown setting '%s' (known: capacity_hours, team, hourly_rate)",
                         name);
        }
        free(name);
        free(value);
    }
}

/* Rule packs are named relative to the config file, so a repository's
 * .prodready.yml works from any directory. */
static void config_resolve_packs(const char *config_path, struct config *config)
{
    const char *slash = strrchr(config_path, '/');
    if (!slash)
        return;
    for (size_t i = 0; i < config->rule_pack_count; i++) {
        if (config->rule_packs[i][0] == '/')
            continue;
        struct strbuf resolved = STRBUF_INIT;
        strbuf_append(&resolved, config_path, (size_t)(slash - config_path) + 1);
        strbuf_append_str(&resolved, config->rule_packs[i]);
        free(config->rule_packs[i]);
        config->rule_packs[i] = strbuf_detach(&resolved, NULL);
    }
}

int config_load(const char *path, struct config *config, struct strbuf *error)
{
    size_t length = 0;
    char *text = file_read_all(path, 1024 * 1024, &length);
    if (!text) {
        strbuf_printf(error, "%s: cannot read the config file: %s", path, strerror(errno));
        return -1;
    }
    /* An empty file (or one with only comments) sets nothing. */
    bool blank = true;
    for (size_t i = 0, line_start = 1; i < length && blank; i++) {
        if (text[i] == '\n') {
            line_start = 1;
        } else if (line_start && text[i] == '#') {
            while (i < length && text[i] != '\n')
                i++;
        } else if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') {
            blank = false;
        }
    }
    if (blank) {
        free(text);
        return 0;
    }
    struct strbuf yaml_error = STRBUF_INIT;
    /* libfyaml parses `text` in place: it must outlive the document. */
    struct fy_document *document = yaml_parse(text, length, &yaml_error, NULL);
    if (!document) {
        free(text);
        strbuf_printf(error, "%s:%s", path, yaml_error.data);
        strbuf_release(&yaml_error);
        return -1;
    }
    strbuf_release(&yaml_error);
    int errors = 0;
    struct config_errors collected = {path, error, 0, 0};
    free(config->path);
    config->path = xstrdup(path);
    struct fy_node *root = fy_document_root(document);
    if (fy_node_get_type(root) != FYNT_MAPPING) {
        strbuf_printf(error, "%s:%d: the config must be a mapping of settings", path,
                      yaml_node_line(root));
        fy_document_destroy(document);
        free(text);
        return -1;
    }
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(root, &iterator)) != NULL) {
        struct fy_node *key_node = fy_node_pair_key(pair);
        struct fy_node *value_node = fy_node_pair_value(pair);
        char *key = yaml_scalar_dup(key_node);
        char *value = yaml_scalar_dup(value_node);
        int line = yaml_node_line(value_node ? value_node : key_node);
        const char *problem = NULL;
        collected.count = errors;
        collected.fallback_line = yaml_node_line(key_node);
        if (!key) {
            problem = "setting names must be plain text";
        } else if (strcmp(key, "exclude") == 0) {
            config_string_list(&collected, value_node, "exclude", false, &config->exclude,
                               &config->exclude_count);
            errors = collected.count;
        } else if (strcmp(key, "rules") == 0) {
            config_rules(&collected, value_node, config);
            errors = collected.count;
        } else if (strcmp(key, "weights") == 0) {
            config_weights(&collected, value_node, config);
            errors = collected.count;
        } else if (strcmp(key, "grades") == 0) {
            config_grades(&collected, value_node, config);
            errors = collected.count;
        } else if (strcmp(key, "targets") == 0) {
            config_targets(&collected, value_node, config);
            errors = collected.count;
        } else if (strcmp(key, "plan") == 0) {
            config_plan(&collected, value_node, config);
            errors = collected.count;
        } else if (strcmp(key, "rule_packs") == 0) {
            config_string_list(&collected, value_node, "rule_packs", false, &config->rule_packs,
                               &config->rule_pack_count);
            config_resolve_packs(path, config);
            errors = collected.count;
        } else if (strcmp(key, "advisories") == 0) {
            if (!value || !*value) {
                problem = "advisories must be the path of an OSV export (a directory or all.zip)";
            } else {
                /* Relative to the config file, as rule_packs are. */
                const char *slash = strrchr(path, '/');
                struct strbuf resolved = STRBUF_INIT;
                if (value[0] != '/' && slash)
                    strbuf_append(&resolved, path, (size_t)(slash - path) + 1);
                strbuf_append_str(&resolved, value);
                free(config->advisories);
                config->advisories = strbuf_detach(&resolved, NULL);
            }
        } else if (strcmp(key, "fail_under") == 0) {
            char *end = NULL;
            long score = value ? strtol(value, &end, 10) : -1;
            if (!value || !*value || *end || score < 0 || score > 100)
                problem = "fail_under must be a whole number from 0 to 100";
            else {
                config->has_fail_under = true;
                config->fail_under = (int)score;
            }
        } else if (strcmp(key, "fail_on") == 0) {
            if (!value || !severity_parse(value, &config->fail_on))
                problem = "fail_on must be one of critical, high, medium, low, info";
            else
                config->has_fail_on = true;
        } else if (strcmp(key, "max_file_size") == 0) {
            if (!config_parse_size(value, &config->max_file_size))
                problem = "max_file_size must be a size such as 5242880, 512k or 5M";
        } else if (strcmp(key, "jobs") == 0) {
            char *end = NULL;
            long jobs = value ? strtol(value, &end, 10) : -1;
            if (!value || !*value || *end || jobs < 1 || jobs > 256)
                problem = "jobs must be a whole number from 1 to 256";
            else
                config->jobs = (unsigned)jobs;
        } else {
            strbuf_printf(error,
                          "%s%s:%d: unknown setting '%s' (known: fail_under, fail_on, "
                          "max_file_size, jobs, exclude, rules, weights, grades, plan, targets, "
                          "rule_packs, advisories)",
                          errors ? "\n" : "", path, yaml_node_line(key_node), key);
            errors++;
        }
        if (problem) {
            strbuf_printf(error, "%s%s:%d: %s", errors ? "\n" : "", path, line, problem);
            errors++;
        }
        free(key);
        free(value);
    }
    fy_document_destroy(document);
    free(text);
    return errors ? -1 : 0;
}

size_t config_peek_rule_packs(const char *path, char ***packs)
{
    /* Only rule_packs, so a user rule can be named in the rest of the file
     * (rules.disable …), which config_load validates against the registry
     * once the packs are loaded. Problems are left to config_load. */
    *packs = NULL;
    size_t length = 0, count = 0;
    char *text = file_read_all(path, 1024 * 1024, &length);
    if (!text)
        return 0;
    struct strbuf ignored = STRBUF_INIT;
    struct fy_document *document = yaml_parse(text, length, &ignored, NULL);
    strbuf_release(&ignored);
    struct fy_node *root = document ? fy_document_root(document) : NULL;
    struct fy_node *list = root && fy_node_get_type(root) == FYNT_MAPPING
                               ? fy_node_mapping_lookup_by_string(root, "rule_packs", (size_t)-1)
                               : NULL;
    if (list) {
        struct config scratch = {0};
        struct strbuf errors = STRBUF_INIT;
        struct config_errors collected = {path, &errors, 0, 0};
        config_string_list(&collected, list, "rule_packs", false, &scratch.rule_packs,
                           &scratch.rule_pack_count);
        config_resolve_packs(path, &scratch);
        *packs = scratch.rule_packs;
        count = scratch.rule_pack_count;
        strbuf_release(&errors);
    }
    if (document)
        fy_document_destroy(document);
    free(text);
    return count;
}
