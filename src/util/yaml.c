/*
 * yaml: libfyaml helpers (see yaml.h). Must stay free of any knowledge of
 * what the YAML means.
 */
#include "util/yaml.h"
#include "util/xalloc.h"

#include <string.h>

static void yaml_diag_discard(struct fy_diag *diag, void *user, const char *buffer, size_t length)
{
    (void)diag;
    (void)user;
    (void)buffer;
    (void)length;
}

struct fy_document *yaml_parse(const char *text, size_t length, struct strbuf *error,
                               int *error_line)
{
    struct fy_diag_cfg diag_config;
    fy_diag_cfg_default(&diag_config);
    diag_config.fp = NULL;
    diag_config.output_fn = yaml_diag_discard;
    diag_config.colorize = false;
    struct fy_diag *diag = fy_diag_create(&diag_config);
    if (diag)
        fy_diag_set_collect_errors(diag, true);

    struct fy_parse_cfg parse_config;
    memset(&parse_config, 0, sizeof(parse_config));
    parse_config.flags = FYPCF_QUIET | FYPCF_JSON_NONE;
    parse_config.diag = diag;
    struct fy_document *document = fy_document_build_from_string(&parse_config, text, length);
    if (error_line)
        *error_line = 0;
    if (!document || fy_document_root(document) == NULL) {
        const char *message = "not a valid YAML document";
        int line = 0;
        void *iterator = NULL;
        struct fy_diag_error *first = diag ? fy_diag_errors_iterate(diag, &iterator) : NULL;
        if (first) {
            message = first->msg ? first->msg : message;
            line = first->line + 1;
        }
        if (document && fy_document_root(document) == NULL && !first)
            message = "empty document";
        if (error)
            strbuf_printf(error, "%d: %s", line, message);
        if (error_line)
            *error_line = line;
        if (document)
            fy_document_destroy(document);
        document = NULL;
    }
    if (diag)
        fy_diag_unref(diag);
    return document;
}

int yaml_node_line(struct fy_node *node)
{
    if (!node)
        return 0;
    switch (fy_node_get_type(node)) {
    case FYNT_SCALAR: {
        struct fy_token *token = fy_node_get_scalar_token(node);
        const struct fy_mark *mark = token ? fy_token_start_mark(token) : NULL;
        return mark ? mark->line + 1 : 0;
    }
    case FYNT_MAPPING: {
        void *iterator = NULL;
        struct fy_node_pair *pair = fy_node_mapping_iterate(node, &iterator);
        return pair ? yaml_node_line(fy_node_pair_key(pair)) : 0;
    }
    case FYNT_SEQUENCE: {
        void *iterator = NULL;
        struct fy_node *item = fy_node_sequence_iterate(node, &iterator);
        return yaml_node_line(item);
    }
    }
    return 0;
}

char *yaml_scalar_dup(struct fy_node *node)
{
    if (!node || fy_node_get_type(node) != FYNT_SCALAR)
        return NULL;
    size_t length = 0;
    const char *text = fy_node_get_scalar(node, &length);
    return text ? xstrndup(text, length) : xstrdup("");
}

bool yaml_scalar_equals(struct fy_node *node, const char *text)
{
    if (!node || fy_node_get_type(node) != FYNT_SCALAR)
        return false;
    size_t length = 0;
    const char *scalar = fy_node_get_scalar(node, &length);
    return scalar && strlen(text) == length && memcmp(scalar, text, length) == 0;
}
