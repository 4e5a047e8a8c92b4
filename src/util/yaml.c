/*
 * yaml: libfyaml helpers (see yaml.h). Must stay free of any knowledge of
 * what the YAML means.
 */
#include "util/yaml.h"
#include "util/text.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <string.h>

/* The first error libfyaml reports, captured from its formatted output
 * ("<input>:LINE:COLUMN: error: MESSAGE"). Collect-errors mode would be
 * simpler, but libfyaml 0.7 leaks the collected errors (found by fuzzing). */
struct yaml_first_error {
    bool found;
    int line;
    char message[200];
};

static void yaml_diag_capture(struct fy_diag *diag, void *user, const char *buffer, size_t length)
{
    (void)diag;
    struct yaml_first_error *first = user;
    static const char marker[] = ": error: ";
    if (first->found)
        return;
    const char *hit = NULL;
    for (size_t i = 0; i + sizeof(marker) - 1 <= length; i++)
        if (memcmp(buffer + i, marker, sizeof(marker) - 1) == 0) {
            hit = buffer + i;
            break;
        }
    if (!hit)
        return;
    first->found = true;
    /* Walk back over ":COLUMN" then ":LINE". */
    const char *p = hit;
    int colons = 0;
    const char *line_start = NULL;
    while (p > buffer && colons < 2) {
        p--;
        if (*p == ':') {
            colons++;
            if (colons == 2)
                line_start = p + 1;
        } else if (*p < '0' || *p > '9') {
            break;
        }
    }
    if (line_start) {
        int line = 0;
        for (const char *d = line_start; *d >= '0' && *d <= '9' && line < 100000000; d++)
            line = line * 10 + (*d - '0');
        first->line = line;
    }
    const char *text = hit + sizeof(marker) - 1;
    size_t remaining = length - (size_t)(text - buffer);
    size_t used = 0;
    for (size_t i = 0; i < remaining && used + 1 < sizeof(first->message); i++) {
        char c = text[i];
        if (c == '\n' || c == '\r')
            break;
        first->message[used++] = (c >= 0x20 && c != 0x7f) ? c : '?';
    }
    first->message[used] = '\0';
}

/* Assumes valid UTF-8 (checked first). */
static bool yaml_text_is_printable(const char *text, size_t length, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = p[i];
        bool bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
        /* U+0080..U+009F are C2 80..C2 9F; U+0085 (NEL) is allowed. */
        if (c == 0xc2 && i + 1 < length && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f && p[i + 1] != 0x85)
            bad = true;
        /* U+FFFE and U+FFFF are EF BF BE / EF BF BF. */
        if (c == 0xef && i + 2 < length && p[i + 1] == 0xbf && p[i + 2] >= 0xbe)
            bad = true;
        if (bad) {
            *bad_offset = i;
            return false;
        }
    }
    return true;
}

/* Whether the text uses a block-context explicit key ("? key" as the first
 * thing on a line, possibly after "- " entries) and also holds a tab; the
 * offset of the first such tab goes to *offset. libfyaml 0.7 crashes on
 * tabs inside explicit keys ("? a:<TAB>?", seven bytes, found by fuzzing).
 * Explicit keys are rare in real files and tabs rarer still, so documents
 * with both are refused rather than risk the crash. */
static bool yaml_find_tab_with_explicit_key(const char *text, size_t length, size_t *offset)
{
    const char *tab = memchr(text, '\t', length);
    if (!tab)
        return false;
    bool line_start = true;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '\n') {
            line_start = true;
            continue;
        }
        if (!line_start)
            continue;
        size_t k = i;
        /* Skip indentation and "- " sequence entries. */
        for (;;) {
            while (k < length && (text[k] == ' ' || text[k] == '\t'))
                k++;
            if (k + 1 < length && text[k] == '-' && (text[k + 1] == ' ' || text[k + 1] == '\t'))
                k += 2;
            else
                break;
        }
        if (k < length && text[k] == '?' && (k + 1 == length || strchr(" \t\r\n", text[k + 1]))) {
            *offset = (size_t)(tab - text);
            return true;
        }
        line_start = false;
    }
    return false;
}

struct fy_document *yaml_parse(const char *text, size_t length, struct strbuf *error,
                               int *error_line)
{
    size_t bad_offset = 0;
    if (!utf8_validate(text, length, &bad_offset)) {
        int line = text_line_of(text, bad_offset);
        if (error)
            strbuf_printf(error, "%d: not valid UTF-8 (byte %zu); YAML files must be UTF-8", line,
                          bad_offset + 1);
        if (error_line)
            *error_line = line;
        return NULL;
    }
    /* YAML allows only printable characters (YAML 1.2, section 5.1): C0
     * controls but tab and newlines, DEL, and C1 controls but NEL are
     * errors. Refusing them here is what the spec asks, and it keeps them
     * away from libfyaml 0.7, which crashes on some (found by fuzzing). */
    size_t bad_character = 0;
    if (!yaml_text_is_printable(text, length, &bad_character)) {
        int line = text_line_of(text, bad_character);
        if (error)
            strbuf_printf(error, "%d: control character 0x%02x is not allowed in YAML", line,
                          (unsigned char)text[bad_character] == 0xc2
                              ? (unsigned char)text[bad_character + 1]
                              : (unsigned char)text[bad_character]);
        if (error_line)
            *error_line = line;
        return NULL;
    }
    size_t tab_offset = 0;
    if (yaml_find_tab_with_explicit_key(text, length, &tab_offset)) {
        int line = text_line_of(text, tab_offset);
        if (error)
            strbuf_printf(error,
                          "%d: a tab in a document with explicit keys ('? '); use spaces "
                          "(libfyaml 0.7 cannot parse this safely)",
                          line);
        if (error_line)
            *error_line = line;
        return NULL;
    }
    struct yaml_first_error first = {0};
    struct fy_diag_cfg diag_config;
    fy_diag_cfg_default(&diag_config);
    diag_config.fp = NULL;
    diag_config.output_fn = yaml_diag_capture;
    diag_config.user = &first;
    diag_config.colorize = false;
    struct fy_diag *diag = fy_diag_create(&diag_config);

    struct fy_parse_cfg parse_config;
    memset(&parse_config, 0, sizeof(parse_config));
    parse_config.flags = FYPCF_QUIET | FYPCF_JSON_NONE;
    parse_config.diag = diag;
    struct fy_document *document = fy_document_build_from_string(&parse_config, text, length);
    if (error_line)
        *error_line = 0;
    if (!document || fy_document_root(document) == NULL) {
        const char *message = "not a valid YAML document";
        if (first.found && first.message[0])
            message = first.message;
        else if (document)
            message = "empty document";
        if (error && first.line > 0)
            strbuf_printf(error, "%d: %s", first.line, message);
        else if (error)
            strbuf_printf(error, " %s", message);
        if (error_line)
            *error_line = first.line;
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
