/*
 * deps_common: the helpers the dependency analyzers share (deps_common.h).
 * The JSON key scanner only tracks strings, brackets and colons; it is not a
 * validator (jansson has already accepted the document) and never reads
 * past `length`.
 */
#include "analyzers/deps_common.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Tabs separate the fields of a fact value, so none may hide in a field. */
static void deps_append_field(struct strbuf *buffer, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++)
        strbuf_append_char(buffer, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

void deps_record(struct deps_file *deps, int line, const char *name, const char *spec,
                 const char *version, bool direct)
{
    struct strbuf value = STRBUF_INIT;
    deps_append_field(&value, deps->ecosystem);
    strbuf_append_char(&value, '\t');
    deps_append_field(&value, name);
    strbuf_append_char(&value, '\t');
    deps_append_field(&value, spec);
    strbuf_append_char(&value, '\t');
    deps_append_field(&value, version);
    strbuf_append_str(&value, direct ? "\t1" : "\t0");
    analysis_add_fact(deps->analysis, "deps.dependency", line, value.data);
    strbuf_release(&value);
}

void deps_manifest(struct deps_file *deps, const char *lockfiles)
{
    struct strbuf value = STRBUF_INIT;
    strbuf_printf(&value, "%s\t%s", deps->ecosystem, lockfiles);
    analysis_add_fact(deps->analysis, "deps.manifest", 0, value.data);
    strbuf_release(&value);
}

void deps_report(struct deps_file *deps, const char *rule, int line, const char *match,
                 const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *message = arena_vprintf(deps->analysis->arena, format, args);
    va_end(args);
    analysis_add_finding(deps->analysis, rule, line, 0,
                         analysis_line_text(deps->analysis, deps->file, line), match, "%s",
                         message);
}

void deps_report_source(struct deps_file *deps, enum deps_source source, int line, const char *name,
                        const char *where)
{
    if (source == DEPS_SOURCE_VCS)
        deps_report(deps, "deps.vcs-dependency", line, name,
                    "%s is installed from a version-control repository: %s", name, where);
    else if (source == DEPS_SOURCE_URL)
        deps_report(deps, "deps.url-dependency", line, name, "%s is downloaded from a URL: %s",
                    name, where);
}

bool deps_next_line(struct deps_lines *lines, char *out, size_t size)
{
    if (lines->p >= lines->end)
        return false;
    size_t available = (size_t)(lines->end - lines->p);
    const char *newline = memchr(lines->p, '\n', available);
    size_t length = newline ? (size_t)(newline - lines->p) : available;
    size_t consumed = newline ? length + 1 : length;
    if (length > 0 && lines->p[length - 1] == '\r')
        length--;
    size_t copied = length < size ? length : size - 1;
    memcpy(out, lines->p, copied);
    out[copied] = '\0';
    lines->p += consumed;
    lines->number++;
    return true;
}

bool deps_is_vcs_url(const char *text)
{
    static const char *const prefixes[] = {"git+",  "git://",  "hg+",       "svn+",
                                           "bzr+",  "github:", "gitlab:",   "bitbucket:",
                                           "gist:", "git@",    "ssh://git@"};
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++)
        if (text_prefix_nocase(text, prefixes[i]))
            return true;
    /* A plain https URL to a repository. */
    if (deps_is_http_url(text)) {
        const char *path = strstr(text, "://");
        path = path ? path + 3 : text;
        size_t length = strcspn(path, "#?");
        return (length > 4 && memcmp(path + length - 4, ".git", 4) == 0) ||
               ((text_prefix_nocase(path, "github.com/") ||
                 text_prefix_nocase(path, "gitlab.com/") ||
                 text_prefix_nocase(path, "bitbucket.org/")) &&
                !strstr(path, "/archive/") && !strstr(path, "/releases/") &&
                !strstr(path, "/tarball/") && !strstr(path, "/zipball/"));
    }
    return false;
}

bool deps_is_http_url(const char *text)
{
    return text_prefix_nocase(text, "https://") || text_prefix_nocase(text, "http://");
}

/* ---- JSON key lines ---- */

struct deps_json_entry {
    const char *path; /* keys joined with '\x01' */
    int line;
};

struct deps_json_lines {
    struct deps_json_entry *entries;
    size_t count;
};

enum { DEPS_JSON_LEVELS = 3 };

static int deps_json_entry_compare(const void *a, const void *b)
{
    const struct deps_json_entry *left = a, *right = b;
    int order = strcmp(left->path, right->path);
    return order ? order : (left->line > right->line) - (left->line < right->line);
}

struct deps_json_lines *deps_json_lines_build(struct arena *arena, const char *text, size_t length)
{
    struct deps_json_entry *entries = NULL;
    size_t count = 0, capacity = 0;
    /* Per level (1-based, up to DEPS_JSON_LEVELS): an object whose ancestors
     * are all objects, and the key being read in it. */
    bool object_chain[DEPS_JSON_LEVELS + 1] = {true};
    const char *keys[DEPS_JSON_LEVELS + 1] = {0};
    size_t key_lengths[DEPS_JSON_LEVELS + 1] = {0};
    int depth = 0, line = 1;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (c == '\n') {
            line++;
        } else if (c == '{' || c == '[') {
            depth++;
            if (depth <= DEPS_JSON_LEVELS) {
                object_chain[depth] =
                    c == '{' && object_chain[depth - 1] && (depth == 1 || keys[depth - 1] != NULL);
                keys[depth] = NULL;
            }
        } else if (c == '}' || c == ']') {
            if (depth > 0)
                depth--;
            if (depth >= 1 && depth <= DEPS_JSON_LEVELS)
                keys[depth] = NULL;
        } else if (c == '"') {
            size_t start = ++i;
            while (i < length && text[i] != '"') {
                if (text[i] == '\\')
                    i++;
                else if (text[i] == '\n')
                    line++;
                i++;
            }
            if (i >= length)
                break;
            size_t end = i;
            size_t next = i + 1;
            while (next < length && strchr(" \t\r\n", text[next]))
                next++;
            bool is_key = next < length && text[next] == ':';
            if (!is_key || depth < 1 || depth > DEPS_JSON_LEVELS || !object_chain[depth])
                continue;
            keys[depth] = text + start;
            key_lengths[depth] = end - start;
            struct strbuf path = STRBUF_INIT;
            for (int level = 1; level <= depth; level++) {
                if (level > 1)
                    strbuf_append_char(&path, '\x01');
                strbuf_append(&path, keys[level] ? keys[level] : "",
                              keys[level] ? key_lengths[level] : 0);
            }
            entries = xgrow(entries, &capacity, count + 1, sizeof(*entries));
            entries[count].path = arena_strdup(arena, path.data ? path.data : "");
            entries[count].line = line;
            count++;
            strbuf_release(&path);
        }
    }
    struct deps_json_lines *lines = arena_alloc(arena, sizeof(*lines));
    lines->entries = arena_alloc(arena, (count ? count : 1) * sizeof(*entries));
    if (count) {
        memcpy(lines->entries, entries, count * sizeof(*entries));
        qsort(lines->entries, count, sizeof(*entries), deps_json_entry_compare);
    }
    lines->count = count;
    free(entries);
    return lines;
}

static int deps_json_lookup(const struct deps_json_lines *lines, const char *path, int fallback)
{
    size_t low = 0, high = lines->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (strcmp(lines->entries[middle].path, path) < 0)
            low = middle + 1;
        else
            high = middle;
    }
    if (low < lines->count && strcmp(lines->entries[low].path, path) == 0)
        return lines->entries[low].line;
    return fallback;
}

int deps_json_line(const struct deps_json_lines *lines, const char *outer, const char *inner,
                   int fallback)
{
    return deps_json_line3(lines, outer, NULL, inner, fallback);
}

int deps_json_line3(const struct deps_json_lines *lines, const char *outer, const char *middle,
                    const char *inner, int fallback)
{
    if (!lines || !inner)
        return fallback;
    struct strbuf path = STRBUF_INIT;
    if (outer) {
        strbuf_append_str(&path, outer);
        strbuf_append_char(&path, '\x01');
    }
    if (middle) {
        strbuf_append_str(&path, middle);
        strbuf_append_char(&path, '\x01');
    }
    strbuf_append_str(&path, inner);
    int line = deps_json_lookup(lines, path.data, fallback);
    strbuf_release(&path);
    return line;
}

bool deps_python_fold(const char *name, size_t length, char *out, size_t size)
{
    size_t used = 0;
    for (size_t i = 0; i < length; i++) {
        char c = name[i];
        if (c == '-' || c == '_' || c == '.') {
            if (used && out[used - 1] == '-')
                continue;
            c = '-';
        } else {
            c = text_lower(c);
        }
        if (used + 1 >= size)
            return false;
        out[used++] = c;
    }
    out[used] = '\0';
    return true;
}

char *deps_python_normalize(struct arena *arena, const char *name)
{
    size_t length = strlen(name);
    char *out = arena_alloc(arena, length + 1);
    deps_python_fold(name, length, out, length + 1); /* never longer than `name` */
    return out;
}

bool deps_is_lockfile(const char *path)
{
    const char *base = text_basename(path);
    size_t length = strlen(base);
    return strcmp(base, "package-lock.json") == 0 || strcmp(base, "npm-shrinkwrap.json") == 0 ||
           strcmp(base, "pnpm-lock.yaml") == 0 || strcmp(base, "Pipfile.lock") == 0 ||
           (length > 5 && strcmp(base + length - 5, ".lock") == 0);
}

struct deps_declared {
    struct arena arena;
    const char **keys; /* "ECOSYSTEM\tDIRECTORY/\tNAME", sorted */
    size_t count;
};

/* The key of `name` of `ecosystem` in the directory of `file`: Python names
 * as pip compares them (PEP 503), NuGet and Composer names case-blind. */
static const char *deps_declared_key(struct arena *arena, const char *file, const char *ecosystem,
                                     size_t ecosystem_length, const char *name, size_t name_length)
{
    const char *base = text_basename(file);
    char *copy = arena_alloc(arena, name_length + 1);
    memcpy(copy, name, name_length);
    copy[name_length] = '\0';
    bool pypi = ecosystem_length == 4 && strncmp(ecosystem, "pypi", 4) == 0;
    bool blind = (ecosystem_length == 5 && strncmp(ecosystem, "nuget", 5) == 0) ||
                 (ecosystem_length == 9 && strncmp(ecosystem, "packagist", 9) == 0);
    if (pypi)
        copy = deps_python_normalize(arena, copy);
    else if (blind)
        for (char *p = copy; *p; p++)
            *p = text_lower(*p);
    return arena_printf(arena, "%.*s\t%.*s\t%s", (int)ecosystem_length, ecosystem,
                        (int)(base - file), file, copy);
}

static int deps_declared_compare(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct deps_declared *deps_declared_build(const struct fact *facts, size_t count)
{
    struct deps_declared *declared = xcalloc(1, sizeof(*declared));
    arena_init(&declared->arena);
    size_t capacity = 0;
    for (size_t i = 0; i < count; i++) {
        const struct fact *fact = &facts[i];
        if (strcmp(fact->key, "deps.dependency") != 0 || !fact->file || !fact->value ||
            deps_is_lockfile(fact->file))
            continue;
        /* ECOSYSTEM \t NAME \t SPEC \t VERSION \t DIRECT, DIRECT "1" */
        const char *ecosystem = fact->value;
        size_t ecosystem_length = strcspn(ecosystem, "\t");
        if (!ecosystem[ecosystem_length])
            continue;
        const char *name = ecosystem + ecosystem_length + 1;
        size_t name_length = strcspn(name, "\t");
        const char *direct = strrchr(fact->value, '\t');
        if (!name[name_length] || !direct || strcmp(direct, "\t1") != 0)
            continue;
        declared->keys =
            xgrow(declared->keys, &capacity, declared->count + 1, sizeof(*declared->keys));
        declared->keys[declared->count++] = deps_declared_key(
            &declared->arena, fact->file, ecosystem, ecosystem_length, name, name_length);
    }
    if (declared->count)
        qsort(declared->keys, declared->count, sizeof(*declared->keys), deps_declared_compare);
    return declared;
}

bool deps_declared_has(const struct deps_declared *declared, const char *lockfile,
                       const char *ecosystem, const char *name)
{
    if (!declared || !declared->count || !lockfile)
        return false;
    struct arena scratch;
    arena_init(&scratch);
    const char *key =
        deps_declared_key(&scratch, lockfile, ecosystem, strlen(ecosystem), name, strlen(name));
    bool found = bsearch(&key, declared->keys, declared->count, sizeof(*declared->keys),
                         deps_declared_compare) != NULL;
    arena_destroy(&scratch);
    return found;
}

void deps_declared_free(struct deps_declared *declared)
{
    if (!declared)
        return;
    arena_destroy(&declared->arena);
    free(declared->keys);
    free(declared);
}
