/*
 * ci_yaml: YAML helpers and shared rules of the CI analyzers (see ci_yaml.h).
 * Nothing here follows an alias or resolves a merge key: CI files are
 * untrusted input, and what an alias hides is simply not judged.
 */
#include "analyzers/ci_yaml.h"
#include "analyzers/content_scan.h"
#include "util/hash.h"
#include "util/text.h"
#include "util/yaml.h"

#include <string.h>

static void ci_yaml_diag_ignore(struct fy_diag *diag, void *user, const char *buffer, size_t length)
{
    (void)diag;
    (void)user;
    (void)buffer;
    (void)length;
}

struct fy_document *ci_yaml_parse(const char *text, size_t length, struct strbuf *error,
                                  int *error_line)
{
    struct fy_document *document = yaml_parse(text, length, error, error_line);
    /* Only errors of the parser itself are retried: a text util/yaml.c
     * refused before parsing (encoding, control characters, tabs with
     * explicit keys) never reaches libfyaml. */
    if (document || !error || !strstr(error->data, "flow") || strstr(error->data, "UTF-8") ||
        strstr(error->data, "control character") || strstr(error->data, "explicit keys"))
        return document;
    struct fy_diag_cfg diag_config;
    fy_diag_cfg_default(&diag_config);
    diag_config.fp = NULL;
    diag_config.output_fn = ci_yaml_diag_ignore;
    diag_config.colorize = false;
    struct fy_diag *diag = fy_diag_create(&diag_config);
    struct fy_parse_cfg parse_config;
    memset(&parse_config, 0, sizeof(parse_config));
    parse_config.flags = FYPCF_QUIET | FYPCF_JSON_NONE | FYPCF_SLOPPY_FLOW_INDENTATION;
    parse_config.diag = diag;
    document = fy_document_build_from_string(&parse_config, text, length);
    if (diag)
        fy_diag_unref(diag);
    if (document && !fy_document_root(document)) {
        fy_document_destroy(document);
        document = NULL;
    }
    if (document) {
        strbuf_reset(error);
        if (error_line)
            *error_line = 0;
    }
    return document;
}

static bool ci_yaml_is_alias(struct fy_node *node)
{
    return node && fy_node_get_style(node) == FYNS_ALIAS;
}

struct fy_node *ci_yaml_get(struct fy_node *mapping, const char *key, int *key_line)
{
    if (!mapping || ci_yaml_is_alias(mapping) || fy_node_get_type(mapping) != FYNT_MAPPING)
        return NULL;
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(mapping, &iterator)) != NULL) {
        struct fy_node *name = fy_node_pair_key(pair);
        if (ci_yaml_is_alias(name) || !yaml_scalar_equals(name, key))
            continue;
        struct fy_node *value = fy_node_pair_value(pair);
        if (key_line)
            *key_line = yaml_node_line(name);
        return ci_yaml_is_alias(value) ? NULL : value;
    }
    return NULL;
}

bool ci_yaml_has(struct fy_node *mapping, const char *key, int *key_line)
{
    if (!mapping || ci_yaml_is_alias(mapping) || fy_node_get_type(mapping) != FYNT_MAPPING)
        return false;
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(mapping, &iterator)) != NULL) {
        struct fy_node *name = fy_node_pair_key(pair);
        if (!ci_yaml_is_alias(name) && yaml_scalar_equals(name, key)) {
            if (key_line)
                *key_line = yaml_node_line(name);
            return true;
        }
    }
    return false;
}

const char *ci_yaml_scalar(struct fy_node *node, size_t *length)
{
    if (!node || ci_yaml_is_alias(node) || fy_node_get_type(node) != FYNT_SCALAR)
        return NULL;
    size_t size = 0;
    const char *text = fy_node_get_scalar(node, &size);
    if (!text)
        return NULL;
    if (length)
        *length = size;
    return text;
}

const char *ci_yaml_scalar_copy(struct arena *arena, struct fy_node *node)
{
    size_t length = 0;
    const char *text = ci_yaml_scalar(node, &length);
    return text ? arena_strndup(arena, text, length) : NULL;
}

bool ci_yaml_is_true(struct fy_node *node)
{
    size_t length = 0;
    const char *text = ci_yaml_scalar(node, &length);
    return text &&
           (text_equals_nocase(text, length, "true") || text_equals_nocase(text, length, "yes") ||
            text_equals_nocase(text, length, "on"));
}

bool ci_yaml_source(struct fy_node *node, const struct source_file *file, const char **text,
                    size_t *length, int *line)
{
    if (!node || ci_yaml_is_alias(node) || fy_node_get_type(node) != FYNT_SCALAR)
        return false;
    struct fy_token *token = fy_node_get_scalar_token(node);
    const struct fy_mark *start = token ? fy_token_start_mark(token) : NULL;
    const struct fy_mark *end = token ? fy_token_end_mark(token) : NULL;
    if (!start || !end || start->input_pos > end->input_pos || end->input_pos > file->length)
        return false;
    *text = file->content + start->input_pos;
    *length = end->input_pos - start->input_pos;
    *line = start->line + 1;
    return true;
}

/* Name parts that make a variable a credential, and endings that make it
 * only a pointer to one or a setting about one. */
static const char *const ci_yaml_secret_parts[] = {
    "password", "passwd",     "secret",      "token",      "api_key",
    "apikey",   "access_key", "private_key", "credential", NULL};
static const char *const ci_yaml_reference_endings[] = {
    "_file",   "_path", "_dir",    "_name",    "_id",  "_url", "_type",   "_header",
    "_length", "_ttl",  "_expiry", "_expires", "_env", "_var", "_key_id", NULL};

static bool ci_yaml_contains_nocase(const char *text, size_t length, const char *part)
{
    size_t part_length = strlen(part);
    for (size_t i = 0; i + part_length <= length; i++)
        if (text_equals_nocase(text + i, part_length, part))
            return true;
    return false;
}

bool ci_yaml_secret_name(const char *name, size_t length)
{
    bool secret = false;
    for (size_t i = 0; ci_yaml_secret_parts[i] && !secret; i++)
        secret = ci_yaml_contains_nocase(name, length, ci_yaml_secret_parts[i]);
    if (!secret)
        return false;
    for (size_t i = 0; ci_yaml_reference_endings[i]; i++) {
        size_t ending = strlen(ci_yaml_reference_endings[i]);
        if (length >= ending &&
            text_equals_nocase(name + length - ending, ending, ci_yaml_reference_endings[i]))
            return false;
    }
    return true;
}

bool ci_yaml_secret_value(const char *value, size_t length)
{
    /* References and placeholders: $VAR, ${VAR}, ${{ secrets.X }}, <token>. */
    if (length < 8 || memchr(value, '$', length) || memchr(value, ' ', length) ||
        (value[0] == '<' && value[length - 1] == '>'))
        return false;
    /* A lower-case word (`postgres`, `testpassword`) is a throwaway value for
     * a service container, not a credential anyone could abuse. */
    bool lower_word = true;
    for (size_t i = 0; i < length && lower_word; i++)
        lower_word = (value[i] >= 'a' && value[i] <= 'z') || value[i] == '_' || value[i] == '-';
    if (lower_word)
        return false;
    /* Values that say they are not real: CI test databases and test
     * settings (`SECRET_KEY: test_secret_key_123`) are throwaway. */
    static const char *const placeholders[] = {
        "changeme", "change_me", "example", "dummy",    "placeholder", "xxxxxx", "redacted",
        "test",     "fake",      "sample",  "insecure", "password",    "secret", NULL};
    for (size_t i = 0; placeholders[i]; i++)
        if (ci_yaml_contains_nocase(value, length, placeholders[i]))
            return false;
    return content_scan_entropy(value, length) >= 3.0;
}

/* The line with the value redacted, or "NAME: redacted" when the value is
 * not on the line whole (written with escapes, or cut by the snippet limit),
 * so no part of it is ever shown. */
static const char *ci_yaml_redacted_line(struct analysis *analysis, const struct source_file *file,
                                         int line, const char *name, const char *value,
                                         size_t value_length, const char *redacted)
{
    const char *text = analysis_line_text(analysis, file, line);
    const char *at = text && *value && strlen(value) == value_length ? strstr(text, value) : NULL;
    if (!at)
        return arena_printf(analysis->arena, "%s: %s", name, redacted);
    return arena_printf(analysis->arena, "%.*s%s%s", (int)(at - text), text, redacted,
                        at + strlen(value));
}

void ci_yaml_check_variables(struct analysis *analysis, const struct source_file *file,
                             struct fy_node *variables)
{
    if (!variables || ci_yaml_is_alias(variables) || fy_node_get_type(variables) != FYNT_MAPPING)
        return;
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(variables, &iterator)) != NULL) {
        size_t name_length = 0;
        const char *name = ci_yaml_scalar(fy_node_pair_key(pair), &name_length);
        if (!name || !ci_yaml_secret_name(name, name_length))
            continue;
        struct fy_node *value = fy_node_pair_value(pair);
        /* GitLab's long form: NAME: {value: …, description: …}. */
        struct fy_node *long_form = ci_yaml_get(value, "value", NULL);
        if (long_form)
            value = long_form;
        size_t value_length = 0;
        const char *text = ci_yaml_scalar(value, &value_length);
        if (!text || !ci_yaml_secret_value(text, value_length))
            continue;
        const char *name_copy = arena_strndup(analysis->arena, name, name_length);
        const char *value_copy = arena_strndup(analysis->arena, text, value_length);
        char redacted[CONTENT_SCAN_REDACTED_MAX];
        content_scan_redact(text, value_length, redacted);
        int line = yaml_node_line(value);
        char digest[17];
        hash_hex64(hash_fnv64(HASH_FNV64_INIT, text, value_length), digest);
        const char *match = arena_printf(analysis->arena, "%s:%s", name_copy, digest);
        analysis_add_finding(analysis, "ci.plaintext-secret", line, 0,
                             ci_yaml_redacted_line(analysis, file, line, name_copy, value_copy,
                                                   value_length, redacted),
                             match, "plaintext secret in CI variable %s: %s", name_copy, redacted);
    }
}
