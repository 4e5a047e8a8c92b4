/*
 * yaml_walk: multi-document YAML streams and tolerant lookups for the
 * compose and Kubernetes analyzers (see yaml_walk.h). Must stay free of any
 * knowledge of what the YAML means.
 */
#include "analyzers/yaml_walk.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* More documents than this in one file are not read: nothing real comes
 * close, and it bounds the work a hostile file can ask for. */
enum { YWALK_MAX_DOCUMENTS = 4096, YWALK_MERGE_DEPTH = 4 };

/* Whether the line at `p` (up to `end`) is a document start marker. */
static bool ywalk_is_marker(const char *p, const char *end)
{
    if (end - p < 3 || memcmp(p, "---", 3) != 0)
        return false;
    return end - p == 3 || p[3] == ' ' || p[3] == '\t' || p[3] == '\r' || p[3] == '\n';
}

/* Whether the part holds anything but blank lines, comments and markers.
 * Any '#' reached here follows only blanks or a marker, so it starts a
 * comment. */
static bool ywalk_has_content(const char *text, const char *end)
{
    for (const char *p = text; p < end; p++) {
        bool line_start = p == text || p[-1] == '\n';
        if (line_start && (ywalk_is_marker(p, end) || (end - p >= 3 && memcmp(p, "...", 3) == 0))) {
            p += 2;
            continue;
        }
        if (*p == '#') {
            const char *newline = memchr(p, '\n', (size_t)(end - p));
            if (!newline)
                return false;
            p = newline - 1;
            continue;
        }
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            return true;
    }
    return false;
}

static void ywalk_add(struct arena *arena, struct ywalk_stream *stream, size_t *capacity,
                      const char *start, const char *end, int first_line)
{
    if (stream->count >= YWALK_MAX_DOCUMENTS || !ywalk_has_content(start, end))
        return;
    if (stream->count == *capacity) {
        size_t grown = *capacity ? *capacity * 2 : 4;
        struct ywalk_document *copy = arena_alloc(arena, grown * sizeof(*copy));
        if (stream->count)
            memcpy(copy, stream->documents, stream->count * sizeof(*copy));
        stream->documents = copy;
        *capacity = grown;
    }
    struct ywalk_document *document = &stream->documents[stream->count++];
    memset(document, 0, sizeof(*document));
    document->first_line = first_line;
    struct strbuf error = STRBUF_INIT;
    int error_line = 0;
    document->document = yaml_parse(start, (size_t)(end - start), &error, &error_line);
    if (!document->document) {
        stream->failed++;
        /* An error at the end of input (an unclosed bracket) is reported on
         * the line after the last; keep it on a line that exists. */
        int last_line = 1;
        for (const char *p = start; p + 1 < end; p++)
            last_line += *p == '\n';
        if (error_line > last_line)
            error_line = last_line;
        document->error_line = error_line > 0 ? first_line + error_line - 1 : 0;
        /* yaml_parse writes "LINE: message": keep the message. */
        const char *message = error.data ? error.data : " not valid YAML";
        const char *colon = strchr(message, ':');
        if (error_line > 0 && colon)
            message = colon + 1;
        while (*message == ' ')
            message++;
        document->error = arena_strdup(arena, message);
    }
    strbuf_release(&error);
}

void ywalk_parse_stream(struct arena *arena, const char *text, size_t length,
                        struct ywalk_stream *stream)
{
    memset(stream, 0, sizeof(*stream));
    size_t capacity = 0;
    const char *end = text + length, *start = text, *p = text;
    int line = 1, start_line = 1;
    while (p < end) {
        if (p != start && ywalk_is_marker(p, end)) {
            ywalk_add(arena, stream, &capacity, start, p, start_line);
            start = p;
            start_line = line;
        }
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        if (!newline)
            break;
        p = newline + 1;
        line++;
    }
    ywalk_add(arena, stream, &capacity, start, end, start_line);
}

void ywalk_stream_release(struct ywalk_stream *stream)
{
    for (size_t i = 0; i < stream->count; i++)
        if (stream->documents[i].document)
            fy_document_destroy(stream->documents[i].document);
    stream->count = 0;
}

struct fy_node *ywalk_deref(struct fy_node *node)
{
    if (node && fy_node_is_alias(node))
        return fy_node_resolve_alias(node);
    return node;
}

static bool ywalk_key_is(struct fy_node *key, const char *text)
{
    if (!key || fy_node_get_type(key) != FYNT_SCALAR || fy_node_is_alias(key))
        return false;
    size_t length = 0;
    const char *scalar = fy_node_get_scalar(key, &length);
    return scalar && strlen(text) == length && memcmp(scalar, text, length) == 0;
}

static struct fy_node *ywalk_get_depth(struct fy_node *map, const char *key,
                                       struct fy_node **key_node, int depth)
{
    map = ywalk_deref(map);
    if (!map || fy_node_get_type(map) != FYNT_MAPPING)
        return NULL;
    void *iterator = NULL;
    struct fy_node_pair *pair;
    struct fy_node *merge = NULL;
    while ((pair = fy_node_mapping_iterate(map, &iterator)) != NULL) {
        struct fy_node *k = fy_node_pair_key(pair);
        if (ywalk_key_is(k, key)) {
            if (key_node)
                *key_node = k;
            return ywalk_deref(fy_node_pair_value(pair));
        }
        if (ywalk_key_is(k, "<<"))
            merge = fy_node_pair_value(pair);
    }
    if (!merge || depth >= YWALK_MERGE_DEPTH)
        return NULL;
    /* `<<: *a` or `<<: [*a, *b]`: the first mapping that has the key wins. */
    merge = ywalk_deref(merge);
    if (merge && fy_node_get_type(merge) == FYNT_SEQUENCE) {
        void *item_iterator = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(merge, &item_iterator)) != NULL) {
            struct fy_node *found = ywalk_get_depth(item, key, key_node, depth + 1);
            if (found)
                return found;
        }
        return NULL;
    }
    return ywalk_get_depth(merge, key, key_node, depth + 1);
}

struct fy_node *ywalk_get(struct fy_node *map, const char *key, struct fy_node **key_node)
{
    if (key_node)
        *key_node = NULL;
    return ywalk_get_depth(map, key, key_node, 0);
}

int ywalk_line(const struct ywalk_document *document, struct fy_node *node)
{
    int line = yaml_node_line(node);
    return line > 0 ? document->first_line + line - 1 : 0;
}

int ywalk_column(struct fy_node *node)
{
    if (!node || fy_node_get_type(node) != FYNT_SCALAR)
        return 0;
    struct fy_token *token = fy_node_get_scalar_token(node);
    const struct fy_mark *mark = token ? fy_token_start_mark(token) : NULL;
    return mark ? mark->column + 1 : 0;
}

const char *ywalk_scalar(struct arena *arena, struct fy_node *node)
{
    node = ywalk_deref(node);
    if (!node || fy_node_get_type(node) != FYNT_SCALAR)
        return NULL;
    size_t length = 0;
    const char *text = fy_node_get_scalar(node, &length);
    return text ? arena_strndup(arena, text, length) : arena_strdup(arena, "");
}

bool ywalk_scalar_is(struct fy_node *node, const char *text)
{
    node = ywalk_deref(node);
    if (!node || fy_node_get_type(node) != FYNT_SCALAR)
        return false;
    size_t length = 0;
    const char *scalar = fy_node_get_scalar(node, &length);
    if (!scalar || strlen(text) != length)
        return false;
    for (size_t i = 0; i < length; i++) {
        char a = scalar[i], b = text[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

bool ywalk_is_true(struct fy_node *node)
{
    return ywalk_scalar_is(node, "true") || ywalk_scalar_is(node, "yes") ||
           ywalk_scalar_is(node, "on") || ywalk_scalar_is(node, "y");
}

bool ywalk_is_false(struct fy_node *node)
{
    return ywalk_scalar_is(node, "false") || ywalk_scalar_is(node, "no") ||
           ywalk_scalar_is(node, "off") || ywalk_scalar_is(node, "n");
}

bool ywalk_is_mapping(struct fy_node *node)
{
    node = ywalk_deref(node);
    return node && fy_node_get_type(node) == FYNT_MAPPING;
}

bool ywalk_is_sequence(struct fy_node *node)
{
    node = ywalk_deref(node);
    return node && fy_node_get_type(node) == FYNT_SEQUENCE;
}

bool ywalk_is_null(struct fy_node *node)
{
    node = ywalk_deref(node);
    if (!node)
        return true;
    if (fy_node_get_type(node) != FYNT_SCALAR)
        return false;
    size_t length = 0;
    const char *scalar = fy_node_get_scalar(node, &length);
    enum fy_node_style style = fy_node_get_style(node);
    if (style != FYNS_PLAIN && style != FYNS_ANY)
        return false;
    return !scalar || length == 0 || ywalk_scalar_is(node, "null") || ywalk_scalar_is(node, "~");
}

static char ywalk_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

bool ywalk_secret_name(const char *name)
{
    enum { MAX_WORDS = 16, MAX_WORD = 32 };
    char words[MAX_WORDS][MAX_WORD];
    size_t count = 0, length = 0;
    /* Words split at '_', '-', '.' and camelCase humps, upper-cased. */
    for (const char *p = name;; p++) {
        bool hump = p > name && *p >= 'A' && *p <= 'Z' && p[-1] >= 'a' && p[-1] <= 'z';
        bool separator = *p == '\0' || *p == '_' || *p == '-' || *p == '.';
        if ((separator || hump) && length) {
            if (count == MAX_WORDS)
                return false;
            words[count++][length] = '\0';
            length = 0;
        }
        if (*p == '\0')
            break;
        if (separator)
            continue;
        if (count == MAX_WORDS || length + 1 >= MAX_WORD)
            return false;
        words[count][length++] = ywalk_upper(*p);
    }
    if (!count)
        return false;
    /* The last word says what the value is: a file, a path, a name of a
     * secret is not the secret. */
    static const char *const reference[] = {
        "FILE",    "PATH",     "DIR",  "URL",    "URI",    "ID",       "NAME",
        "LENGTH",  "TTL",      "TYPE", "HEADER", "EXPIRY", "EXPIRES",  "TIMEOUT",
        "ENABLED", "ENDPOINT", "REF",  "SIZE",   "PREFIX", "ALGORITHM"};
    for (size_t i = 0; i < sizeof(reference) / sizeof(*reference); i++)
        if (strcmp(words[count - 1], reference[i]) == 0)
            return false;
    static const char *const secret[] = {"PASSWORD",    "PASSWD",     "PASSPHRASE",
                                         "SECRET",      "TOKEN",      "APIKEY",
                                         "CREDENTIALS", "CREDENTIAL", "PRIVATEKEY"};
    static const char *const keyed[] = {"API",    "PRIVATE", "ACCESS",    "AUTH",
                                        "SECRET", "SIGNING", "ENCRYPTION"};
    for (size_t w = 0; w < count; w++) {
        for (size_t i = 0; i < sizeof(secret) / sizeof(*secret); i++)
            if (strcmp(words[w], secret[i]) == 0)
                return true;
        for (size_t i = 0; w + 1 < count && i < sizeof(keyed) / sizeof(*keyed); i++)
            if (strcmp(words[w], keyed[i]) == 0 && strcmp(words[w + 1], "KEY") == 0)
                return true;
    }
    /* DB_PASS, MYSQL_PWD; a lone PWD is the working directory. */
    return count > 1 &&
           (strcmp(words[count - 1], "PASS") == 0 || strcmp(words[count - 1], "PWD") == 0);
}

bool ywalk_image_floats(const char *image)
{
    size_t length = strlen(image);
    while (length && (image[length - 1] == ' ' || image[length - 1] == '\t'))
        length--;
    if (!length || memchr(image, '@', length))
        return false;
    if (length >= 7 && memcmp(image + length - 7, ":latest", 7) == 0)
        return true;
    for (size_t i = 0; i < length; i++)
        if (image[i] == '$' || image[i] == '{' || image[i] == '}' || image[i] == ' ')
            return false;
    const char *slash = NULL;
    for (size_t i = 0; i < length; i++)
        if (image[i] == '/')
            slash = image + i;
    const char *from = slash ? slash : image;
    return !memchr(from, ':', length - (size_t)(from - image));
}
