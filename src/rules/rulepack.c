/*
 * rulepack: YAML rule pack reader and validator (format: docs/rules.md).
 *
 * Validation is strict on purpose: an unknown key is almost always a typo
 * that would silently drop a rule's meaning, so it is an error. Every error
 * carries the pack file and the line of the offending node. This file must
 * not keep state between calls.
 */
#include "rules/rulepack.h"
#include "util/xalloc.h"
#include "util/yaml.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

struct rulepack_parser {
    const char *file;
    struct arena *arena;
    struct strbuf *errors;
    int error_count;
};

static void rulepack_error(struct rulepack_parser *parser, struct fy_node *node, const char *format,
                           ...) __attribute__((format(printf, 3, 4)));

static void rulepack_error(struct rulepack_parser *parser, struct fy_node *node, const char *format,
                           ...)
{
    va_list args;
    va_start(args, format);
    strbuf_printf(parser->errors, "%s:%d: ", parser->file, yaml_node_line(node));
    strbuf_vprintf(parser->errors, format, args);
    strbuf_append_char(parser->errors, '\n');
    va_end(args);
    parser->error_count++;
}

/* A scalar's text in the arena, or NULL (with an error) when not a scalar. */
static const char *rulepack_string(struct rulepack_parser *parser, struct fy_node *node,
                                   const char *key)
{
    if (!node || fy_node_get_type(node) != FYNT_SCALAR) {
        rulepack_error(parser, node, "'%s' must be a text value", key);
        return NULL;
    }
    size_t length = 0;
    const char *text = fy_node_get_scalar(node, &length);
    return arena_strndup(parser->arena, text ? text : "", text ? length : 0);
}

static bool rulepack_nonblank(const char *text)
{
    for (; text && *text; text++)
        if (!isspace((unsigned char)*text))
            return true;
    return false;
}

static bool rulepack_id_valid(const char *id)
{
    /* namespace.slug: [a-z0-9-]+ segments joined by '.', at least two. */
    int dots = 0;
    size_t segment = 0;
    for (const char *p = id; *p; p++) {
        if (*p == '.') {
            if (segment == 0)
                return false;
            dots++;
            segment = 0;
        } else if (islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-') {
            segment++;
        } else {
            return false;
        }
    }
    return dots > 0 && segment > 0;
}

/* A sequence of text values into a NULL-terminated arena array. */
static const char *const *rulepack_string_list(struct rulepack_parser *parser, struct fy_node *node,
                                               const char *key, size_t *count)
{
    *count = 0;
    if (!node || fy_node_get_type(node) != FYNT_SEQUENCE) {
        rulepack_error(parser, node, "'%s' must be a list", key);
        return NULL;
    }
    size_t total = (size_t)fy_node_sequence_item_count(node);
    const char **list = arena_alloc(parser->arena, (total + 1) * sizeof(*list));
    void *iterator = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(node, &iterator)) != NULL) {
        const char *text = rulepack_string(parser, item, key);
        if (text)
            list[(*count)++] = text;
    }
    list[*count] = NULL;
    return list;
}

/* Checks that `regex` compiles with PCRE2 as the content scanner will
 * compile it (8-bit, no UTF); returns its capture count, or -1 after an
 * error naming the offset. vectorscan's own check runs in tools/rulegen.c. */
static int rulepack_check_regex(struct rulepack_parser *parser, struct fy_node *node,
                                const char *key, const char *regex)
{
    int code = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code *compiled = pcre2_compile((PCRE2_SPTR)regex, PCRE2_ZERO_TERMINATED,
                                         PCRE2_NEVER_UTF | PCRE2_NEVER_UCP, &code, &offset, NULL);
    if (!compiled) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(code, message, sizeof(message));
        rulepack_error(parser, node, "'%s' is not a valid regex: %s at offset %zu", key,
                       (const char *)message, (size_t)offset);
        return -1;
    }
    uint32_t groups = 0;
    pcre2_pattern_info(compiled, PCRE2_INFO_CAPTURECOUNT, &groups);
    pcre2_code_free(compiled);
    return (int)groups;
}

/* A list of non-empty text values (keywords, globs, regexes). */
static const char *const *rulepack_nonempty_list(struct rulepack_parser *parser,
                                                 struct fy_node *node, const char *key,
                                                 size_t *count)
{
    const char *const *list = rulepack_string_list(parser, node, key, count);
    for (size_t i = 0; list && i < *count; i++)
        if (!list[i][0])
            rulepack_error(parser, node, "'%s' entries must not be empty", key);
    if (list && *count == 0)
        list = NULL; /* an empty list means "none", as if the key were absent */
    return list;
}

static void rulepack_parse_rule(struct rulepack_parser *parser, struct fy_node *node,
                                const char *pack_name, struct rule *rule,
                                const char *const **examples, const char *const **counter_examples)
{
    static const char *const empty[] = {NULL};
    memset(rule, 0, sizeof(*rule));
    rule->confidence = CONFIDENCE_HIGH;
    rule->kinds = PROJECT_KIND_ALL;
    rule->pack = parser->file;
    rule->pack_line = yaml_node_line(node);
    *examples = empty;
    *counter_examples = empty;
    (void)pack_name;
    if (fy_node_get_type(node) != FYNT_MAPPING) {
        rulepack_error(parser, node, "each rule must be a mapping of keys to values");
        return;
    }
    bool have_category = false, have_severity = false;
    /* Pattern fields on a rule without a pattern are an error: the first one
     * seen is remembered for its line. */
    struct fy_node *pattern_only = NULL, *pattern_node = NULL;
    int pattern_groups = -1;
    rule->redact = true;
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iterator)) != NULL) {
        struct fy_node *key_node = fy_node_pair_key(pair);
        struct fy_node *value = fy_node_pair_value(pair);
        char *key = yaml_scalar_dup(key_node);
        if (!key) {
            rulepack_error(parser, key_node, "rule keys must be plain text");
            continue;
        }
        if (strcmp(key, "id") == 0) {
            rule->id = rulepack_string(parser, value, key);
            rule->pack_line = yaml_node_line(value);
            if (rule->id && !rulepack_id_valid(rule->id))
                rulepack_error(parser, value,
                               "rule id '%s' must look like namespace.slug "
                               "(lowercase letters, digits, '-', joined by '.')",
                               rule->id);
        } else if (strcmp(key, "category") == 0) {
            const char *text = rulepack_string(parser, value, key);
            if (text && !category_parse(text, &rule->category))
                rulepack_error(parser, value, "unknown category '%s'", text);
            have_category = text != NULL;
        } else if (strcmp(key, "severity") == 0) {
            const char *text = rulepack_string(parser, value, key);
            if (text && !severity_parse(text, &rule->severity))
                rulepack_error(parser, value,
                               "unknown severity '%s' (expected critical, high, medium, low or "
                               "info)",
                               text);
            have_severity = text != NULL;
        } else if (strcmp(key, "confidence") == 0) {
            const char *text = rulepack_string(parser, value, key);
            if (text && !confidence_parse(text, &rule->confidence))
                rulepack_error(parser, value,
                               "unknown confidence '%s' (expected high, medium or low)", text);
        } else if (strcmp(key, "effort_minutes") == 0) {
            const char *text = rulepack_string(parser, value, key);
            char *end = NULL;
            errno = 0;
            long minutes = text ? strtol(text, &end, 10) : 0;
            if (text && (errno || end == text || *end || minutes <= 0 || minutes > 100000))
                rulepack_error(parser, value,
                               "effort_minutes must be a positive whole number of minutes");
            else
                rule->effort_minutes = (int)minutes;
        } else if (strcmp(key, "kinds") == 0) {
            size_t count = 0;
            const char *const *kinds = rulepack_string_list(parser, value, key, &count);
            rule->kinds = 0;
            for (size_t i = 0; i < count; i++) {
                enum project_kind kind;
                if (project_kind_parse(kinds[i], &kind))
                    rule->kinds |= PROJECT_KIND_BIT(kind);
                else
                    rulepack_error(parser, value, "unknown project kind '%s'", kinds[i]);
            }
            if (kinds && count == 0)
                rulepack_error(parser, value, "kinds must name at least one project kind");
        } else if (strcmp(key, "title") == 0) {
            rule->title = rulepack_string(parser, value, key);
        } else if (strcmp(key, "why") == 0) {
            rule->why = rulepack_string(parser, value, key);
        } else if (strcmp(key, "fix") == 0) {
            rule->fix = rulepack_string(parser, value, key);
        } else if (strcmp(key, "references") == 0) {
            rule->references = rulepack_string_list(parser, value, key, &rule->reference_count);
        } else if (strcmp(key, "pattern") == 0) {
            rule->pattern = rulepack_string(parser, value, key);
            pattern_node = value;
            if (rule->pattern && !rule->pattern[0])
                rulepack_error(parser, value, "'pattern' must not be empty");
            else if (rule->pattern)
                pattern_groups = rulepack_check_regex(parser, value, key, rule->pattern);
        } else if (strcmp(key, "secret_group") == 0) {
            const char *text = rulepack_string(parser, value, key);
            char *end = NULL;
            errno = 0;
            long group = text ? strtol(text, &end, 10) : 0;
            if (text && (errno || end == text || *end || group < 0 || group > 99))
                rulepack_error(parser, value, "secret_group must be a capture group number 0-99");
            else
                rule->secret_group = (int)group;
            pattern_only = pattern_only ? pattern_only : value;
        } else if (strcmp(key, "redact") == 0) {
            const char *text = rulepack_string(parser, value, key);
            if (text && strcmp(text, "true") == 0)
                rule->redact = true;
            else if (text && strcmp(text, "false") == 0)
                rule->redact = false;
            else if (text)
                rulepack_error(parser, value, "redact must be true or false");
            pattern_only = pattern_only ? pattern_only : value;
        } else if (strcmp(key, "generic") == 0) {
            const char *text = rulepack_string(parser, value, key);
            if (text && strcmp(text, "true") == 0)
                rule->generic = true;
            else if (text && strcmp(text, "false") == 0)
                rule->generic = false;
            else if (text)
                rulepack_error(parser, value, "generic must be true or false");
            pattern_only = pattern_only ? pattern_only : value;
        } else if (strcmp(key, "context") == 0) {
            const char *text = rulepack_string(parser, value, key);
            if (text && strcmp(text, "code") == 0)
                rule->context = RULE_CONTEXT_CODE;
            else if (text && strcmp(text, "any") == 0)
                rule->context = RULE_CONTEXT_ANY;
            else if (text)
                rulepack_error(parser, value, "context must be code or any");
            pattern_only = pattern_only ? pattern_only : value;
        } else if (strcmp(key, "entropy_min") == 0) {
            const char *text = rulepack_string(parser, value, key);
            char *end = NULL;
            errno = 0;
            double bits = text ? strtod(text, &end) : 0;
            if (text && (errno || end == text || *end || !isfinite(bits) || bits < 0 || bits > 8))
                rulepack_error(parser, value,
                               "entropy_min must be a number of bits per character, 0 to 8");
            else
                rule->entropy_min = bits;
            pattern_only = pattern_only ? pattern_only : value;
        } else if (strcmp(key, "keywords") == 0) {
            rule->keywords = rulepack_nonempty_list(parser, value, key, &rule->keyword_count);
            pattern_only = pattern_only ? pattern_only : value;
        } else if (strcmp(key, "paths") == 0) {
            rule->paths = rulepack_nonempty_list(parser, value, key, &rule->path_count);
            pattern_only = pattern_only ? pattern_only : value;
        } else if (strcmp(key, "exclude_paths") == 0) {
            rule->exclude_paths =
                rulepack_nonempty_list(parser, value, key, &rule->exclude_path_count);
            pattern_only = pattern_only ? pattern_only : value;
        } else if (strcmp(key, "allow") == 0) {
            rule->allow = rulepack_nonempty_list(parser, value, key, &rule->allow_count);
            for (size_t i = 0; i < rule->allow_count; i++)
                rulepack_check_regex(parser, value, key, rule->allow[i]);
            pattern_only = pattern_only ? pattern_only : value;
        } else if (strcmp(key, "examples") == 0) {
            size_t count;
            const char *const *list = rulepack_string_list(parser, value, key, &count);
            if (list)
                *examples = list;
        } else if (strcmp(key, "counter_examples") == 0) {
            size_t count;
            const char *const *list = rulepack_string_list(parser, value, key, &count);
            if (list)
                *counter_examples = list;
        } else {
            rulepack_error(parser, key_node,
                           "unknown key '%s' (see docs/rules.md for the rule format)", key);
        }
        free(key);
    }
    const char *label = rule->id ? rule->id : "rule";
    if (!rule->id)
        rulepack_error(parser, node, "rule has no 'id'");
    if (!have_category)
        rulepack_error(parser, node, "%s: missing 'category'", label);
    if (!have_severity)
        rulepack_error(parser, node, "%s: missing 'severity'", label);
    if (rule->effort_minutes <= 0)
        rulepack_error(parser, node, "%s: missing 'effort_minutes'", label);
    if (!rulepack_nonblank(rule->title))
        rulepack_error(parser, node, "%s: 'title' must not be empty", label);
    if (!rulepack_nonblank(rule->why))
        rulepack_error(parser, node, "%s: 'why' must not be empty", label);
    if (!rulepack_nonblank(rule->fix))
        rulepack_error(parser, node, "%s: 'fix' must not be empty", label);
    if (rule->reference_count == 0)
        rulepack_error(parser, node, "%s: 'references' needs at least one entry", label);
    if (!rule->pattern) {
        if (pattern_only)
            rulepack_error(parser, pattern_only,
                           "%s: secret_group, redact, generic, context, entropy_min, "
                           "keywords, paths, exclude_paths and allow only apply to rules "
                           "with a 'pattern'",
                           label);
        return;
    }
    if (pattern_groups >= 0 && rule->secret_group > pattern_groups)
        rulepack_error(parser, pattern_node,
                       "%s: secret_group %d but the pattern has only %d capture group(s)", label,
                       rule->secret_group, pattern_groups);
    if (!(*examples)[0])
        rulepack_error(parser, node, "%s: a pattern rule needs at least one 'examples' entry",
                       label);
    if (!(*counter_examples)[0])
        rulepack_error(parser, node,
                       "%s: a pattern rule needs at least one 'counter_examples' entry", label);
}

int rulepack_parse(const char *file, const char *text, size_t length, struct arena *arena,
                   struct rulepack *out, struct strbuf *errors)
{
    memset(out, 0, sizeof(*out));
    /* Rules keep the pack's name (rule->pack): the arena copy, so it lives
     * as long as they do, whoever owns `file`. */
    out->file = arena_strdup(arena, file);
    struct rulepack_parser parser = {.file = out->file, .arena = arena, .errors = errors};

    struct strbuf yaml_error = STRBUF_INIT;
    int error_line = 0;
    struct fy_document *document = yaml_parse(text, length, &yaml_error, &error_line);
    if (!document) {
        strbuf_printf(errors, "%s:%s\n", file, yaml_error.data);
        strbuf_release(&yaml_error);
        return 1;
    }
    strbuf_release(&yaml_error);

    struct fy_node *root = fy_document_root(document);
    struct fy_node *rules_node = NULL;
    if (fy_node_get_type(root) != FYNT_MAPPING) {
        rulepack_error(&parser, root, "a rule pack must be a mapping with 'pack' and 'rules'");
    } else {
        void *iterator = NULL;
        struct fy_node_pair *pair;
        while ((pair = fy_node_mapping_iterate(root, &iterator)) != NULL) {
            struct fy_node *key = fy_node_pair_key(pair);
            if (yaml_scalar_equals(key, "pack"))
                out->name = rulepack_string(&parser, fy_node_pair_value(pair), "pack");
            else if (yaml_scalar_equals(key, "rules"))
                rules_node = fy_node_pair_value(pair);
            else
                rulepack_error(&parser, key, "unknown top-level key (expected 'pack' or 'rules')");
        }
        if (!out->name)
            rulepack_error(&parser, root, "missing 'pack' (the pack's name)");
        if (!rules_node || fy_node_get_type(rules_node) != FYNT_SEQUENCE)
            rulepack_error(&parser, rules_node ? rules_node : root, "'rules' must be a list");
    }
    if (rules_node && fy_node_get_type(rules_node) == FYNT_SEQUENCE) {
        size_t total = (size_t)fy_node_sequence_item_count(rules_node);
        out->rules = arena_alloc(arena, (total ? total : 1) * sizeof(*out->rules));
        out->examples = arena_alloc(arena, (total ? total : 1) * sizeof(*out->examples));
        out->counter_examples =
            arena_alloc(arena, (total ? total : 1) * sizeof(*out->counter_examples));
        void *iterator = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(rules_node, &iterator)) != NULL) {
            size_t index = out->rule_count++;
            rulepack_parse_rule(&parser, item, out->name, &out->rules[index], &out->examples[index],
                                &out->counter_examples[index]);
        }
        /* Duplicate ids inside one pack; across packs the caller checks. */
        for (size_t i = 0; i < out->rule_count; i++)
            for (size_t j = i + 1; j < out->rule_count; j++)
                if (out->rules[i].id && out->rules[j].id &&
                    strcmp(out->rules[i].id, out->rules[j].id) == 0) {
                    strbuf_printf(errors, "%s:%d: duplicate rule id '%s' (first at line %d)\n",
                                  file, out->rules[j].pack_line, out->rules[j].id,
                                  out->rules[i].pack_line);
                    parser.error_count++;
                }
    }
    fy_document_destroy(document);
    return parser.error_count;
}
