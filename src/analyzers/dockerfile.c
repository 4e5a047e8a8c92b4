/*
 * dockerfile: the Dockerfile parser (see dockerfile.h) and the analyzer that
 * raises the `docker.*` rules of rules/docker.yml on Dockerfile, Dockerfile.*,
 * *.Dockerfile, *.dockerfile and Containerfile*, and reads .dockerignore
 * files for the repository-level check in checks/container.c.
 *
 * Where a finding goes: on the line of the instruction, except inside RUN
 * scripts, where it goes on the physical line of the offending command's
 * first word (the `apt-get` of a multi-line RUN, a heredoc's line), and for
 * ENV/ARG secrets on the line of the variable's name. What is missing from
 * the final stage (a USER, a HEALTHCHECK) goes on that stage's FROM line; a
 * final `USER root` on its own line. The snippet is that line; a secret
 * value in it is shortened to its first four characters.
 *
 * Layer-size rules (apt lists, apk and pip caches) only look at the final
 * stage and the stages it is built FROM: files of a stage that is only
 * copied from never reach the shipped image.
 *
 * Like every analyzer it reads only its own file and writes only its own
 * analysis; it must not look at other files (the .dockerignore next to a
 * Dockerfile is matched by checks/container.c from facts).
 */
#include "analyzers/content_scan.h"
#include "analyzers/dockerfile.h"
#include "util/text.h"

#include "analyzers/analyzer.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define DF_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* ---- small helpers ---- */

/* Grows an arena array to hold `needed` items; the old block is abandoned in
 * the arena (at most doubling the memory, and parsing is per file). */
static void *df_grow(struct arena *arena, void *array, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return array;
    size_t grown = *capacity ? *capacity * 2 : 8;
    while (grown < needed)
        grown *= 2;
    void *copy = arena_alloc(arena, grown * size);
    if (*capacity)
        memcpy(copy, array, *capacity * size);
    *capacity = grown;
    return copy;
}

static char df_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static bool df_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool df_equals_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (text_lower(*a) != text_lower(*b))
            return false;
    return *a == *b;
}

static bool df_prefix(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

static bool df_suffix(const char *text, const char *suffix)
{
    size_t length = strlen(text), suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

/* ---- variables ---- */

void dockerfile_vars_set(struct arena *arena, struct dockerfile_vars *vars, const char *name,
                         const char *value)
{
    vars->items =
        df_grow(arena, vars->items, &vars->capacity, vars->count + 1, sizeof(*vars->items));
    vars->items[vars->count++] = (struct dockerfile_var){name, value};
}

const struct dockerfile_var *dockerfile_vars_get(const struct dockerfile_vars *vars,
                                                 const char *name)
{
    for (size_t i = vars ? vars->count : 0; i > 0; i--)
        if (strcmp(vars->items[i - 1].name, name) == 0)
            return &vars->items[i - 1];
    return NULL;
}

static bool df_name_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

char *dockerfile_expand(struct arena *arena, const struct dockerfile_vars *vars, const char *text,
                        char escape, bool *unresolved)
{
    struct strbuf out = STRBUF_INIT;
    for (const char *p = text; *p;) {
        if (*p == escape && p[1] == '$') {
            strbuf_append_char(&out, '$');
            p += 2;
            continue;
        }
        if (*p != '$' || !(p[1] == '{' || df_name_byte(p[1]))) {
            strbuf_append_char(&out, *p++);
            continue;
        }
        bool braced = p[1] == '{';
        const char *name = p + (braced ? 2 : 1), *end = name;
        while (df_name_byte(*end))
            end++;
        const char *modifier = NULL, *word = NULL, *word_end = NULL;
        if (braced) {
            const char *close = strchr(end, '}');
            if (!close || end == name) { /* not a variable: keep the text */
                strbuf_append_char(&out, *p++);
                continue;
            }
            if (end[0] == ':' && (end[1] == '-' || end[1] == '+')) {
                modifier = end + 1;
                word = end + 2;
                word_end = close;
            }
            p = close + 1;
        } else {
            p = end;
        }
        char *key = arena_strndup(arena, name, (size_t)(end - name));
        const struct dockerfile_var *var = dockerfile_vars_get(vars, key);
        bool set = var && var->value;
        if (modifier && *modifier == '-') {
            if (set && *var->value)
                strbuf_append_str(&out, var->value);
            else
                strbuf_append(&out, word, (size_t)(word_end - word));
        } else if (modifier) {
            if (set && *var->value)
                strbuf_append(&out, word, (size_t)(word_end - word));
        } else if (set) {
            strbuf_append_str(&out, var->value);
        } else if (unresolved) {
            *unresolved = true;
        }
    }
    char *result = arena_strndup(arena, out.data, out.length);
    strbuf_release(&out);
    return result;
}

/* ---- physical lines ---- */

struct df_line {
    const char *text;
    size_t length; /* without the newline and a trailing '\r' */
    int number;
};

static size_t df_split_lines(struct arena *arena, const char *content, size_t length,
                             struct df_line **lines_out)
{
    size_t count = 0, capacity = 0;
    struct df_line *lines = NULL;
    const char *p = content, *end = content + length;
    int number = 1;
    while (p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        size_t line_length = newline ? (size_t)(newline - p) : (size_t)(end - p);
        if (line_length && p[line_length - 1] == '\r')
            line_length--;
        lines = df_grow(arena, lines, &capacity, count + 1, sizeof(*lines));
        lines[count++] = (struct df_line){p, line_length, number++};
        if (!newline)
            break;
        p = newline + 1;
    }
    *lines_out = lines;
    return count;
}

/* Blank, or a comment ('#' as the first non-blank byte). */
static bool df_line_skippable(const struct df_line *line)
{
    size_t i = 0;
    while (i < line->length && df_blank(line->text[i]))
        i++;
    return i == line->length || line->text[i] == '#';
}

/* Parses "# key=value" into key and value (arena copies); false when the
 * line is not a directive. */
static bool df_directive(struct arena *arena, const struct df_line *line, char **key, char **value)
{
    const char *p = line->text, *end = line->text + line->length;
    while (p < end && df_blank(*p))
        p++;
    if (p == end || *p != '#')
        return false;
    p++;
    while (p < end && df_blank(*p))
        p++;
    const char *key_start = p;
    while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        p++;
    const char *key_end = p;
    while (p < end && df_blank(*p))
        p++;
    if (key_end == key_start || p == end || *p != '=')
        return false;
    p++;
    while (p < end && df_blank(*p))
        p++;
    const char *value_end = end;
    while (value_end > p && df_blank(value_end[-1]))
        value_end--;
    *key = arena_strndup(arena, key_start, (size_t)(key_end - key_start));
    for (char *k = *key; *k; k++)
        *k = text_lower(*k);
    *value = arena_strndup(arena, p, (size_t)(value_end - p));
    return true;
}

/* ---- text with a line per byte ---- */

struct df_text {
    char *data;
    int *lines;
    size_t length, capacity;
};

static void df_text_append(struct arena *arena, struct df_text *text, const char *bytes,
                           size_t length, int line)
{
    size_t old_capacity = text->capacity;
    if (text->length + length + 1 > text->capacity) {
        size_t capacity = old_capacity;
        char *data = df_grow(arena, text->data, &capacity, text->length + length + 1, 1);
        size_t line_capacity = old_capacity;
        text->lines = df_grow(arena, text->lines, &line_capacity, text->length + length + 1,
                              sizeof(*text->lines));
        text->data = data;
        text->capacity = capacity < line_capacity ? capacity : line_capacity;
    }
    if (length)
        memcpy(text->data + text->length, bytes, length);
    for (size_t i = 0; i < length; i++)
        text->lines[text->length + i] = line;
    text->length += length;
    text->data[text->length] = '\0';
    text->lines[text->length] = line;
}

/* ---- JSON (exec) form ---- */

/* Parses a JSON array of strings starting at text[*at] == '['. Returns false
 * (and nothing is kept) when it is not one, so the instruction is shell form,
 * as BuildKit decides. */
static bool df_parse_json_array(struct arena *arena, const char *text, const int *lines,
                                size_t length, size_t at, struct dockerfile_word **words_out,
                                size_t *count_out)
{
    size_t count = 0, capacity = 0;
    struct dockerfile_word *words = NULL;
    size_t i = at + 1;
    bool expect_value = true, first = true;
    for (;;) {
        while (i < length && (df_blank(text[i]) || text[i] == '\n'))
            i++;
        if (i == length)
            return false;
        if (text[i] == ']') {
            if (expect_value && !first)
                return false; /* a trailing comma */
            i++;
            break;
        }
        if (!expect_value) {
            if (text[i] != ',')
                return false;
            i++;
            expect_value = true;
            continue;
        }
        if (text[i] != '"')
            return false;
        int line = lines[i];
        struct strbuf value = STRBUF_INIT;
        i++;
        while (i < length && text[i] != '"') {
            if (text[i] == '\\' && i + 1 < length) {
                char c = text[i + 1];
                i += 2;
                switch (c) {
                case 'n':
                    strbuf_append_char(&value, '\n');
                    break;
                case 't':
                    strbuf_append_char(&value, '\t');
                    break;
                case 'u': /* keep \uXXXX as written: only ASCII matters here */
                    strbuf_append(&value, "\\u", 2);
                    break;
                default:
                    strbuf_append_char(&value, c);
                    break;
                }
                continue;
            }
            strbuf_append_char(&value, text[i++]);
        }
        if (i == length) {
            strbuf_release(&value);
            return false;
        }
        i++;
        words = df_grow(arena, words, &capacity, count + 1, sizeof(*words));
        words[count++] =
            (struct dockerfile_word){arena_strndup(arena, value.data, value.length), line};
        strbuf_release(&value);
        expect_value = false;
        first = false;
    }
    while (i < length && (df_blank(text[i]) || text[i] == '\n'))
        i++;
    if (i != length)
        return false;
    *words_out = words;
    *count_out = count;
    return true;
}

/* ---- word splitting (ENV, ARG, FROM, …) ---- */

size_t dockerfile_split_words(struct arena *arena, const char *text, const int *lines,
                              size_t length, struct dockerfile_word **words_out)
{
    size_t count = 0, capacity = 0;
    struct dockerfile_word *words = NULL;
    size_t i = 0;
    while (i < length) {
        while (i < length && (df_blank(text[i]) || text[i] == '\n'))
            i++;
        if (i == length)
            break;
        int line = lines ? lines[i] : 1;
        struct strbuf word = STRBUF_INIT;
        char quote = 0;
        while (i < length && (quote || !(df_blank(text[i]) || text[i] == '\n'))) {
            char c = text[i];
            if (quote) {
                if (c == quote)
                    quote = 0;
                else if (c == '\\' && quote == '"' && i + 1 < length &&
                         (text[i + 1] == '"' || text[i + 1] == '\\'))
                    strbuf_append_char(&word, text[++i]);
                else
                    strbuf_append_char(&word, c);
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '\\' && i + 1 < length) {
                strbuf_append_char(&word, text[++i]);
            } else {
                strbuf_append_char(&word, c);
            }
            i++;
        }
        words = df_grow(arena, words, &capacity, count + 1, sizeof(*words));
        words[count++] =
            (struct dockerfile_word){arena_strndup(arena, word.data, word.length), line};
        strbuf_release(&word);
    }
    *words_out = words;
    return count;
}

/* ---- shell commands ---- */

struct df_commands {
    struct arena *arena;
    struct dockerfile_command *items;
    size_t count, capacity;
    struct dockerfile_word *words;
    size_t word_count, word_capacity;
};

static void df_commands_end(struct df_commands *list, bool pipe)
{
    if (!list->word_count) {
        return;
    }
    list->items =
        df_grow(list->arena, list->items, &list->capacity, list->count + 1, sizeof(*list->items));
    list->items[list->count++] = (struct dockerfile_command){list->words, list->word_count, pipe};
    list->words = NULL;
    list->word_count = list->word_capacity = 0;
}

static void df_commands_word(struct df_commands *list, struct strbuf *word, int line)
{
    list->words = df_grow(list->arena, list->words, &list->word_capacity, list->word_count + 1,
                          sizeof(*list->words));
    list->words[list->word_count++] =
        (struct dockerfile_word){arena_strndup(list->arena, word->data, word->length), line};
    strbuf_reset(word);
}

size_t dockerfile_shell_commands(struct arena *arena, const char *text, const int *lines,
                                 size_t length, struct dockerfile_command **commands)
{
    struct df_commands list = {.arena = arena};
    struct strbuf word = STRBUF_INIT;
    bool in_word = false;
    int word_line = 0;
    size_t i = 0;
    while (i < length) {
        char c = text[i];
        if (!in_word && (df_blank(c) || c == '\r')) {
            i++;
            continue;
        }
        if (!in_word && c == '#') { /* a comment to the end of the line */
            while (i < length && text[i] != '\n')
                i++;
            continue;
        }
        bool operator= c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')';
        if (df_blank(c) || c == '\r' || operator) {
            if (in_word) {
                df_commands_word(&list, &word, word_line);
                in_word = false;
            }
            if (!operator) {
                i++;
                continue;
            }
            bool pipe = c == '|' && !(i + 1 < length && text[i + 1] == '|');
            if ((c == '|' || c == '&') && i + 1 < length && text[i + 1] == c)
                i++;
            df_commands_end(&list, pipe);
            i++;
            continue;
        }
        if (!in_word) {
            in_word = true;
            word_line = lines ? lines[i] : 1;
        }
        if (c == '\\' && i + 1 < length) {
            if (text[i + 1] != '\n')
                strbuf_append_char(&word, text[i + 1]);
            i += 2;
            continue;
        }
        if (c == '\'' || c == '"') {
            i++;
            while (i < length && text[i] != c) {
                if (c == '"' && text[i] == '\\' && i + 1 < length)
                    i++;
                strbuf_append_char(&word, text[i++]);
            }
            i++;
            continue;
        }
        if (c == '$' && i + 1 < length && text[i + 1] == '(') {
            /* A command substitution stays inside its word: keep it whole. */
            int depth = 0;
            do {
                if (text[i] == '(')
                    depth++;
                else if (text[i] == ')')
                    depth--;
                strbuf_append_char(&word, text[i++]);
            } while (i < length && depth > 0);
            continue;
        }
        if (c == '`') {
            strbuf_append_char(&word, text[i++]);
            while (i < length && text[i] != '`')
                strbuf_append_char(&word, text[i++]);
            if (i < length)
                strbuf_append_char(&word, text[i++]);
            continue;
        }
        strbuf_append_char(&word, c);
        i++;
    }
    if (in_word)
        df_commands_word(&list, &word, word_line);
    df_commands_end(&list, false);
    strbuf_release(&word);
    *commands = list.items;
    return list.count;
}

/* ---- the parser ---- */

static const char *const df_known_instructions[] = {
    "ADD",    "ARG",   "CMD",         "COPY",  "ENTRYPOINT", "ENV",
    "EXPOSE", "FROM",  "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD",
    "RUN",    "SHELL", "STOPSIGNAL",  "USER",  "VOLUME",     "WORKDIR",
};

static bool df_known(const char *keyword)
{
    for (size_t i = 0; i < DF_COUNT(df_known_instructions); i++)
        if (strcmp(keyword, df_known_instructions[i]) == 0)
            return true;
    return false;
}

struct df_parser {
    struct arena *arena;
    struct dockerfile *out;
    size_t instruction_capacity, stage_capacity, error_capacity;
};

static void df_error(struct df_parser *parser, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void df_error(struct df_parser *parser, int line, const char *format, ...)
{
    struct dockerfile *out = parser->out;
    out->errors = df_grow(parser->arena, out->errors, &parser->error_capacity, out->error_count + 1,
                          sizeof(*out->errors));
    va_list args;
    va_start(args, format);
    out->errors[out->error_count++] =
        (struct dockerfile_error){line, arena_vprintf(parser->arena, format, args)};
    va_end(args);
}

const char *dockerfile_flag(const struct dockerfile_instruction *instruction, const char *name)
{
    size_t length = strlen(name);
    for (size_t i = 0; i < instruction->flag_count; i++) {
        const char *flag = instruction->flags[i].text + 2;
        if (strncmp(flag, name, length) == 0 && (flag[length] == '=' || flag[length] == '\0'))
            return flag[length] == '=' ? flag + length + 1 : flag + length;
    }
    return NULL;
}

static bool df_is_shell_name(const char *word)
{
    static const char *const shells[] = {"sh", "bash", "ash", "dash", "zsh", "ksh", NULL};
    const char *base = text_basename(word);
    for (size_t i = 0; shells[i]; i++)
        if (strcmp(base, shells[i]) == 0)
            return true;
    return false;
}

/* Finds the heredoc markers (<<EOF, <<-EOF, <<'EOF', <<"EOF") of a RUN, COPY
 * or ADD, then takes their bodies from the physical lines after the
 * instruction. Returns the index of the first line after the last body. */
static size_t df_heredocs(struct df_parser *parser, struct dockerfile_instruction *instruction,
                          const struct df_line *lines, size_t line_count, size_t next)
{
    const char *text = instruction->text;
    size_t capacity = 0;
    for (size_t i = instruction->rest; i + 2 < instruction->text_length; i++) {
        if (text[i] != '<' || text[i + 1] != '<' || (i > 0 && text[i - 1] == '<') ||
            text[i + 2] == '<')
            continue;
        size_t p = i + 2;
        bool dash = text[p] == '-';
        if (dash)
            p++;
        while (p < instruction->text_length && df_blank(text[p]))
            p++;
        char quote = 0;
        if (text[p] == '\'' || text[p] == '"')
            quote = text[p++];
        size_t start = p;
        while (p < instruction->text_length && df_name_byte(text[p]))
            p++;
        if (p == start || (text[start] >= '0' && text[start] <= '9') || (quote && text[p] != quote))
            continue;
        const char *delimiter = arena_strndup(parser->arena, text + start, p - start);
        /* The body is the script itself when nothing but a shell (and its
         * flags) comes before the marker. */
        bool shell = false;
        if (strcmp(instruction->keyword, "RUN") == 0) {
            struct dockerfile_word *words;
            size_t count = dockerfile_split_words(parser->arena, text + instruction->rest, NULL,
                                                  i - instruction->rest, &words);
            shell = true;
            for (size_t w = 0; w < count; w++)
                if (!(w == 0 ? df_is_shell_name(words[w].text) : words[w].text[0] == '-'))
                    shell = false;
        }
        struct df_text body = {0};
        int body_line = next < line_count ? lines[next].number : instruction->end_line + 1;
        bool closed = false;
        while (next < line_count) {
            const struct df_line *line = &lines[next++];
            const char *t = line->text;
            size_t l = line->length;
            while (dash && l && *t == '\t') {
                t++;
                l--;
            }
            if (l == strlen(delimiter) && memcmp(t, delimiter, l) == 0) {
                closed = true;
                instruction->end_line = line->number;
                break;
            }
            df_text_append(parser->arena, &body, t, l, line->number);
            df_text_append(parser->arena, &body, "\n", 1, line->number);
            instruction->end_line = line->number;
        }
        if (!closed)
            df_error(parser, instruction->line, "heredoc '%s' of %s is never closed", delimiter,
                     instruction->keyword);
        instruction->heredocs =
            df_grow(parser->arena, instruction->heredocs, &capacity, instruction->heredoc_count + 1,
                    sizeof(*instruction->heredocs));
        instruction->heredocs[instruction->heredoc_count++] = (struct dockerfile_heredoc){
            .delimiter = delimiter,
            .body = body.data ? body.data : "",
            .body_lines = body.lines,
            .body_length = body.length,
            .line = body_line,
            .shell = shell,
        };
        i = p;
    }
    return next;
}

/* Splits the instruction's leading --flags off its text. */
static void df_flags(struct df_parser *parser, struct dockerfile_instruction *instruction)
{
    size_t capacity = 0, i = 0;
    const char *text = instruction->text;
    for (;;) {
        while (i < instruction->text_length && df_blank(text[i]))
            i++;
        if (i + 2 > instruction->text_length || text[i] != '-' || text[i + 1] != '-')
            break;
        size_t start = i;
        while (i < instruction->text_length && !df_blank(text[i]))
            i++;
        instruction->flags = df_grow(parser->arena, instruction->flags, &capacity,
                                     instruction->flag_count + 1, sizeof(*instruction->flags));
        instruction->flags[instruction->flag_count++] = (struct dockerfile_word){
            arena_strndup(parser->arena, text + start, i - start), instruction->text_lines[start]};
    }
    instruction->rest = i;
}

static bool df_has_flags(const char *keyword)
{
    return strcmp(keyword, "FROM") == 0 || strcmp(keyword, "RUN") == 0 ||
           strcmp(keyword, "COPY") == 0 || strcmp(keyword, "ADD") == 0 ||
           strcmp(keyword, "HEALTHCHECK") == 0;
}

static bool df_may_be_exec(const char *keyword)
{
    static const char *const exec[] = {"RUN",  "CMD", "ENTRYPOINT", "SHELL",
                                       "COPY", "ADD", "VOLUME",     NULL};
    for (size_t i = 0; exec[i]; i++)
        if (strcmp(keyword, exec[i]) == 0)
            return true;
    return false;
}

static void df_stage(struct df_parser *parser, struct dockerfile_instruction *instruction)
{
    struct dockerfile *out = parser->out;
    struct dockerfile_word *words;
    size_t count = dockerfile_split_words(parser->arena, instruction->text + instruction->rest,
                                          instruction->text_lines + instruction->rest,
                                          instruction->text_length - instruction->rest, &words);
    struct dockerfile_stage stage = {
        .line = instruction->line,
        .instruction = (size_t)(instruction - out->instructions),
        .end = (size_t)(instruction - out->instructions) + 1,
        .image = "",
        .base_stage = -1,
        .platform = dockerfile_flag(instruction, "platform"),
    };
    if (count >= 1) {
        stage.image = dockerfile_expand(parser->arena, out->global_args, words[0].text, out->escape,
                                        &stage.image_unresolved);
    } else {
        df_error(parser, instruction->line, "FROM needs an image");
    }
    if (count == 3 && df_equals_nocase(words[1].text, "AS")) {
        stage.name = words[2].text;
    } else if (count > 1) {
        df_error(parser, instruction->line, "FROM takes an image and an optional 'AS name'");
    }
    for (size_t i = 0; i < out->stage_count; i++)
        if (out->stages[i].name && df_equals_nocase(out->stages[i].name, stage.image))
            stage.base_stage = (int)i;
    out->stages = df_grow(parser->arena, out->stages, &parser->stage_capacity, out->stage_count + 1,
                          sizeof(*out->stages));
    out->stages[out->stage_count++] = stage;
}

void dockerfile_parse(struct arena *arena, const char *content, size_t length,
                      struct dockerfile *out)
{
    memset(out, 0, sizeof(*out));
    out->escape = '\\';
    out->global_args = arena_alloc(arena, sizeof(*out->global_args));
    struct df_parser parser = {.arena = arena, .out = out};
    struct df_line *lines;
    size_t line_count = df_split_lines(arena, content, length, &lines);

    /* Parser directives: only at the very top, until the first line that is
     * not one (BuildKit then treats later "# key=value" lines as comments). */
    size_t next = 0;
    bool seen_escape = false;
    while (next < line_count) {
        char *key, *value;
        if (!df_directive(arena, &lines[next], &key, &value))
            break;
        if (strcmp(key, "escape") == 0) {
            if (seen_escape)
                df_error(&parser, lines[next].number, "escape directive given twice");
            else if (strcmp(value, "\\") == 0 || strcmp(value, "`") == 0)
                out->escape = value[0];
            else
                df_error(&parser, lines[next].number,
                         "invalid escape directive '%s': must be \\ or `", value);
            seen_escape = true;
        } else if (strcmp(key, "syntax") != 0 && strcmp(key, "check") != 0) {
            break; /* an unknown directive is a comment, and ends the directives */
        }
        next++;
    }

    while (next < line_count) {
        if (df_line_skippable(&lines[next])) {
            next++;
            continue;
        }
        struct df_text text = {0};
        const struct df_line *first = &lines[next];
        int end_line = first->number;
        bool first_piece = true;
        for (;;) {
            const struct df_line *line = &lines[next++];
            const char *t = line->text;
            size_t l = line->length;
            if (first_piece)
                while (l && df_blank(*t)) {
                    t++;
                    l--;
                }
            size_t trimmed = l;
            while (trimmed && df_blank(t[trimmed - 1]))
                trimmed--;
            bool continued = trimmed && t[trimmed - 1] == out->escape;
            df_text_append(arena, &text, t, continued ? trimmed - 1 : l, line->number);
            end_line = line->number;
            first_piece = false;
            if (!continued)
                break;
            /* Comment and blank lines inside a continuation are dropped. */
            while (next < line_count && df_line_skippable(&lines[next]))
                next++;
            if (next == line_count)
                break;
        }

        struct dockerfile_instruction instruction = {.line = first->number, .end_line = end_line};
        size_t k = 0;
        while (k < text.length && !df_blank(text.data[k]))
            k++;
        char *keyword = arena_strndup(arena, text.data, k);
        for (char *c = keyword; *c; c++)
            *c = df_upper(*c);
        instruction.keyword = keyword;
        while (k < text.length && df_blank(text.data[k]))
            k++;
        size_t rest_length = text.length - k;
        while (rest_length && df_blank(text.data[k + rest_length - 1]))
            rest_length--;
        instruction.text = arena_strndup(arena, text.data + k, rest_length);
        int *text_lines = arena_alloc(arena, (rest_length + 1) * sizeof(int));
        if (rest_length)
            memcpy(text_lines, text.lines + k, rest_length * sizeof(int));
        text_lines[rest_length] = end_line;
        instruction.text_lines = text_lines;
        instruction.text_length = rest_length;
        instruction.stage = (int)out->stage_count - 1;

        bool known = df_known(keyword);
        if (!known)
            df_error(&parser, instruction.line, "unknown instruction '%s'", keyword);
        if (known && df_has_flags(keyword))
            df_flags(&parser, &instruction);
        if (known && !rest_length)
            df_error(&parser, instruction.line, "%s needs arguments", keyword);
        if (known && df_may_be_exec(keyword) && instruction.rest < rest_length &&
            instruction.text[instruction.rest] == '[')
            instruction.exec_form =
                df_parse_json_array(arena, instruction.text, instruction.text_lines, rest_length,
                                    instruction.rest, &instruction.exec, &instruction.exec_count);
        if (known && !instruction.exec_form &&
            (strcmp(keyword, "RUN") == 0 || strcmp(keyword, "COPY") == 0 ||
             strcmp(keyword, "ADD") == 0))
            next = df_heredocs(&parser, &instruction, lines, line_count, next);
        if (known && out->stage_count == 0 && strcmp(keyword, "FROM") != 0 &&
            strcmp(keyword, "ARG") != 0)
            df_error(&parser, instruction.line, "%s before the first FROM", keyword);

        out->instructions = df_grow(arena, out->instructions, &parser.instruction_capacity,
                                    out->instruction_count + 1, sizeof(*out->instructions));
        out->instructions[out->instruction_count++] = instruction;
        struct dockerfile_instruction *stored = &out->instructions[out->instruction_count - 1];

        if (strcmp(keyword, "FROM") == 0) {
            df_stage(&parser, stored);
            stored->stage = (int)out->stage_count - 1;
        } else if (strcmp(keyword, "ARG") == 0 && out->stage_count == 0) {
            struct dockerfile_word *words;
            size_t count = dockerfile_split_words(arena, stored->text, stored->text_lines,
                                                  stored->text_length, &words);
            for (size_t w = 0; w < count; w++) {
                char *name = arena_strdup(arena, words[w].text);
                char *equals = strchr(name, '=');
                const char *value = NULL;
                if (equals) {
                    *equals = '\0';
                    value =
                        dockerfile_expand(arena, out->global_args, equals + 1, out->escape, NULL);
                }
                dockerfile_vars_set(arena, out->global_args, name, value);
            }
        } else if (out->stage_count) {
            out->stages[out->stage_count - 1].end = out->instruction_count;
        }
    }
    /* Stages own their instructions up to the next FROM. */
    for (size_t i = 0; i < out->stage_count; i++)
        out->stages[i].end =
            i + 1 < out->stage_count ? out->stages[i + 1].instruction : out->instruction_count;
}

/* ================= the analyzer ================= */

struct df_state {
    struct dockerfile_vars vars;
    const char *user; /* last USER (expanded), NULL when none */
    int user_line;
    bool user_unresolved;
    int healthcheck_line; /* 0: none, or HEALTHCHECK NONE */
    bool pipefail_shell;  /* SHELL [..., "-o", "pipefail", ...] */
    bool posix_shell;     /* false after SHELL ["pwsh", …]: RUN is not sh */
    bool workdir_absolute;
    bool pip_no_cache; /* ENV PIP_NO_CACHE_DIR */
    bool in_final;     /* the final stage or one it builds on */
};

struct df_context {
    const struct source_file *file;
    struct analysis *analysis;
    struct arena *arena;
    struct dockerfile *df;
};

static int df_column(const struct source_file *file, int line)
{
    const char *p = file->content, *end = file->content + file->length;
    for (int current = 1; current < line && p < end; current++) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        if (!newline)
            return 1;
        p = newline + 1;
    }
    int column = 1;
    while (p < end && df_blank(*p)) {
        p++;
        column++;
    }
    return column;
}

static void df_report_snippet(struct df_context *c, const char *rule, int line, const char *snippet,
                              const char *match, const char *format, ...)
    __attribute__((format(printf, 6, 7)));

static void df_report_snippet(struct df_context *c, const char *rule, int line, const char *snippet,
                              const char *match, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    const char *message = arena_vprintf(c->arena, format, args);
    va_end(args);
    analysis_add_finding(c->analysis, rule, line, df_column(c->file, line), snippet,
                         match ? match : (snippet ? snippet : message), "%s", message);
}

/* Reports `rule` at `line`; the snippet (and the fingerprinted content) is
 * that physical line. */
#define df_report(c, rule, line, ...)                                                              \
    df_report_snippet((c), (rule), (line), analysis_line_text((c)->analysis, (c)->file, (line)),   \
                      NULL, __VA_ARGS__)

/* ---- names ---- */

/* Whether an ENV/ARG name says it holds a secret. The name is split into
 * words at '_', '-', '.' and camelCase humps and compared word by word, so
 * TOKENIZERS_PARALLELISM is not a token. Names of where a secret lives
 * (…_FILE, …_PATH) or of something about it (…_ID, …_URL, …_LENGTH) are
 * not secrets: POSTGRES_PASSWORD_FILE is the recommended practice. */
static bool df_secret_name(const char *name)
{
    enum { MAX_WORDS = 16, MAX_WORD = 32 };
    char words[MAX_WORDS][MAX_WORD];
    size_t count = 0, length = 0;
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
        /* A name of more words, or longer words, than any real one is not
         * judged (and must not overrun the buffers). */
        if (count == MAX_WORDS || length + 1 >= MAX_WORD)
            return false;
        words[count][length++] = df_upper(*p);
    }
    if (!count)
        return false;
    static const char *const not_secret[] = {"FILE",     "PATH",   "DIR",     "URL",     "ID",
                                             "NAME",     "LENGTH", "TTL",     "HEADER",  "TYPE",
                                             "ENDPOINT", "EXPIRY", "EXPIRES", "TIMEOUT", "ENABLED"};
    for (size_t i = 0; i < DF_COUNT(not_secret); i++)
        if (strcmp(words[count - 1], not_secret[i]) == 0)
            return false;
    static const char *const secret[] = {"PASSWORD",   "PASSWORDS",   "PASSWD",    "PASSPHRASE",
                                         "SECRET",     "SECRETS",     "TOKEN",     "APIKEY",
                                         "CREDENTIAL", "CREDENTIALS", "PRIVATEKEY"};
    static const char *const keyed[] = {"API", "PRIVATE", "ACCESS", "AUTH", "SECRET", "SIGNING"};
    for (size_t w = 0; w < count; w++) {
        for (size_t i = 0; i < DF_COUNT(secret); i++)
            if (strcmp(words[w], secret[i]) == 0)
                return true;
        for (size_t i = 0; w + 1 < count && i < DF_COUNT(keyed); i++)
            if (strcmp(words[w], keyed[i]) == 0 && strcmp(words[w + 1], "KEY") == 0)
                return true;
    }
    /* DB_PASS, MYSQL_PWD; a lone PWD is the working directory. */
    return (count > 1 &&
            (strcmp(words[count - 1], "PASS") == 0 || strcmp(words[count - 1], "PWD") == 0)) ||
           (count == 1 && strcmp(words[0], "PASS") == 0);
}

/* The line with `value` redacted the way every secret is redacted
 * (content_scan_redact: a few leading bytes, "…" and its length), so a
 * secret never appears in full in a report. When the value is not wholly on
 * the (possibly cut) line, the snippet is rebuilt from the name alone rather
 * than risk showing part of it. */
static const char *df_redacted_line(struct df_context *c, int line, const char *keyword,
                                    const char *name, const char *value)
{
    const char *text = analysis_line_text(c->analysis, c->file, line);
    size_t length = strlen(value);
    char redacted[CONTENT_SCAN_REDACTED_MAX];
    content_scan_redact(value, length, redacted);
    const char *at = text && length ? strstr(text, value) : NULL;
    if (!at)
        return arena_printf(c->arena, "%s %s=%s", keyword, name, redacted);
    return arena_printf(c->arena, "%.*s%s%s", (int)(at - text), text, redacted, at + length);
}

/* ---- images ---- */

/* The tag of an image reference (registry:port/path:tag@digest), or NULL. */
static const char *df_image_tag(struct arena *arena, const char *image)
{
    const char *at = strchr(image, '@');
    size_t length = at ? (size_t)(at - image) : strlen(image);
    char *name = arena_strndup(arena, image, length);
    char *slash = strrchr(name, '/');
    char *colon = strchr(slash ? slash : name, ':');
    return colon ? colon + 1 : NULL;
}

static void df_check_base(struct df_context *c, const struct dockerfile_stage *stage)
{
    if (stage->base_stage >= 0 || stage->image_unresolved || !*stage->image ||
        df_equals_nocase(stage->image, "scratch"))
        return;
    if (strstr(stage->image, "@sha256:")) {
        analysis_add_fact(c->analysis, "docker.strength.pinned-base", stage->line, stage->image);
        return;
    }
    const char *tag = df_image_tag(c->arena, stage->image);
    if (!tag || !*tag)
        df_report(c, "docker.base-latest", stage->line,
                  "base image '%s' has no tag: it means 'latest', whatever that is today",
                  stage->image);
    else if (strcmp(tag, "latest") == 0)
        df_report(c, "docker.base-latest", stage->line, "base image '%s' uses the 'latest' tag",
                  stage->image);
    else
        df_report(c, "docker.base-not-digest", stage->line,
                  "base image '%s' is not pinned by digest", stage->image);
}

/* ---- RUN scripts ---- */

static bool df_is_assignment(const char *word)
{
    const char *p = word;
    if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return false;
    while (df_name_byte(*p))
        p++;
    return *p == '=';
}

/* Index of the command's program, past assignments, `sudo …`, `env …` and
 * shell keywords; *sudo_line is set when sudo was used. */
static size_t df_program(const struct dockerfile_command *command, int *sudo_line)
{
    static const char *const skipped[] = {"{",     "}",       "!",       "then",  "do",   "else",
                                          "if",    "elif",    "while",   "until", "time", "exec",
                                          "nohup", "command", "builtin", NULL};
    size_t k = 0;
    *sudo_line = 0;
    while (k < command->word_count) {
        const char *word = command->words[k].text;
        bool skip = df_is_assignment(word);
        for (size_t i = 0; !skip && skipped[i]; i++)
            skip = strcmp(word, skipped[i]) == 0;
        if (skip) {
            k++;
        } else if (strcmp(text_basename(word), "sudo") == 0 ||
                   strcmp(text_basename(word), "env") == 0) {
            bool sudo = strcmp(text_basename(word), "sudo") == 0;
            if (sudo)
                *sudo_line = command->words[k].line;
            k++;
            while (k < command->word_count && command->words[k].text[0] == '-') {
                const char *flag = command->words[k].text;
                k += sudo && (strcmp(flag, "-u") == 0 || strcmp(flag, "-g") == 0) ? 2 : 1;
            }
        } else {
            break;
        }
    }
    return k;
}

/* The command's program name (base name) and its index, or NULL. */
static const char *df_program_name(const struct dockerfile_command *command, size_t *index,
                                   int *sudo_line)
{
    *index = df_program(command, sudo_line);
    return *index < command->word_count ? text_basename(command->words[*index].text) : NULL;
}

/* The first argument that is not an option after index `from` (options
 * listed in `with_value` take the next word), or NULL. */
static const char *df_subcommand(const struct dockerfile_command *command, size_t from,
                                 const char *const *with_value, size_t *at)
{
    for (size_t k = from; k < command->word_count; k++) {
        const char *word = command->words[k].text;
        if (word[0] != '-') {
            *at = k;
            return word;
        }
        for (size_t i = 0; with_value && with_value[i]; i++)
            if (strcmp(word, with_value[i]) == 0)
                k++;
    }
    return NULL;
}

static bool df_has_word(const struct dockerfile_command *command, size_t from, const char *word)
{
    for (size_t k = from; k < command->word_count; k++)
        if (strcmp(command->words[k].text, word) == 0)
            return true;
    return false;
}

static bool df_has_word_containing(const struct dockerfile_command *command, size_t from,
                                   const char *needle)
{
    for (size_t k = from; k < command->word_count; k++)
        if (strstr(command->words[k].text, needle))
            return true;
    return false;
}

/* A short option cluster ("-qy") or long option that answers yes. */
static bool df_apt_yes(const struct dockerfile_command *command, size_t from)
{
    for (size_t k = from; k < command->word_count; k++) {
        const char *word = command->words[k].text;
        if (strcmp(word, "--yes") == 0 || strcmp(word, "--assume-yes") == 0 ||
            strcmp(word, "-qq") == 0 || strstr(word, "Assume-Yes=true") ||
            strstr(word, "Assume-Yes=1"))
            return true;
        if (word[0] == '-' && word[1] != '-' && strchr(word, 'y'))
            return true;
    }
    return false;
}

static bool df_is_pip(const struct dockerfile_command *command, size_t program, size_t *next)
{
    const char *name = text_basename(command->words[program].text);
    if (df_prefix(name, "pip")) {
        const char *p = name + 3;
        while ((*p >= '0' && *p <= '9') || *p == '.')
            p++;
        *next = program + 1;
        return *p == '\0';
    }
    if (df_prefix(name, "python") && program + 2 < command->word_count &&
        strcmp(command->words[program + 1].text, "-m") == 0 &&
        (strcmp(command->words[program + 2].text, "pip") == 0 ||
         strcmp(command->words[program + 2].text, "pip3") == 0)) {
        *next = program + 3;
        return true;
    }
    return false;
}

struct df_run {
    struct df_context *c;
    struct df_state *state;
    const struct dockerfile_instruction *instruction;
    struct dockerfile_command *commands;
    size_t count;
    bool cache_mount; /* RUN --mount=type=cache: caches stay out of the layer */
};

static void df_run_pip(struct df_run *run, const struct dockerfile_command *command, size_t from)
{
    static const char *const with_value[] = {"-i",
                                             "--index-url",
                                             "--extra-index-url",
                                             "-t",
                                             "--target",
                                             "--prefix",
                                             "--root",
                                             "-f",
                                             "--find-links",
                                             "--platform",
                                             "--python-version",
                                             "--implementation",
                                             "--abi",
                                             "--trusted-host",
                                             "--cache-dir",
                                             "--src",
                                             "--upgrade-strategy",
                                             "--log",
                                             "--proxy",
                                             "--retries",
                                             "--timeout",
                                             "--exists-action",
                                             "--cert",
                                             "--client-cert",
                                             "--only-binary",
                                             "--no-binary",
                                             "-C",
                                             "--config-settings",
                                             "-e",
                                             "--editable",
                                             NULL};
    size_t at;
    const char *sub = df_subcommand(command, from, NULL, &at);
    if (!sub || strcmp(sub, "install") != 0)
        return;
    bool requirement = false, constrained = false, no_cache = false, upgrade = false;
    const char *unpinned = NULL;
    size_t packages = 0;
    for (size_t k = at + 1; k < command->word_count; k++) {
        const char *word = command->words[k].text;
        if (strcmp(word, "-r") == 0 || strcmp(word, "--requirement") == 0 ||
            df_prefix(word, "--requirement=") || (df_prefix(word, "-r") && word[2])) {
            requirement = true;
            k += word[2] == '\0' || strcmp(word, "--requirement") == 0;
            continue;
        }
        if (strcmp(word, "-c") == 0 || strcmp(word, "--constraint") == 0 ||
            df_prefix(word, "--constraint=")) {
            constrained = true;
            k += strchr(word, '=') == NULL;
            continue;
        }
        bool takes_value = false;
        for (size_t i = 0; with_value[i]; i++)
            takes_value = takes_value || strcmp(word, with_value[i]) == 0;
        if (takes_value) {
            k++;
            continue;
        }
        if (word[0] == '-') {
            no_cache = no_cache || strcmp(word, "--no-cache-dir") == 0;
            upgrade = upgrade || strcmp(word, "-U") == 0 || strcmp(word, "--upgrade") == 0;
            continue;
        }
        packages++;
        bool pinned = strstr(word, "==") || strchr(word, '@') || strchr(word, '/') ||
                      word[0] == '.' || word[0] == '$' || df_suffix(word, ".whl") ||
                      df_suffix(word, ".tar.gz") || df_suffix(word, ".zip");
        /* Upgrading the installer itself is tooling, not the application's
         * dependencies. */
        bool tooling = upgrade && (strcmp(word, "pip") == 0 || strcmp(word, "setuptools") == 0 ||
                                   strcmp(word, "wheel") == 0);
        if (!pinned && !tooling && !unpinned)
            unpinned = word;
    }
    int line = command->words[from - 1].line;
    if (unpinned && !constrained)
        df_report(run->c, "docker.pip-unpinned", line, "pip installs '%s' without a pinned version",
                  unpinned);
    if ((packages || requirement) && !no_cache && !run->state->pip_no_cache && !run->cache_mount &&
        run->state->in_final)
        df_report(run->c, "docker.pip-no-cache-dir", line,
                  "pip install without --no-cache-dir keeps its download cache in the image");
}

static void df_run_script(struct df_run *run)
{
    struct df_context *c = run->c;
    bool pipefail = run->state->pipefail_shell, pipe_reported = false;
    bool lists_cleaned = false, apk_cleaned = false;
    int apt_install_line = 0, apt_update_line = 0;
    for (size_t i = 0; i < run->count; i++) {
        int sudo_line;
        size_t k;
        const char *name = df_program_name(&run->commands[i], &k, &sudo_line);
        /* apt 2.7's dist-clean removes the lists too (Debian trixie). */
        if (name && strcmp(name, "apt-get") == 0 &&
            df_has_word(&run->commands[i], k + 1, "dist-clean"))
            lists_cleaned = true;
        if (name && strcmp(name, "rm") == 0) {
            lists_cleaned =
                lists_cleaned || df_has_word_containing(&run->commands[i], k, "/var/lib/apt/lists");
            apk_cleaned =
                apk_cleaned || df_has_word_containing(&run->commands[i], k, "/var/cache/apk");
        }
    }
    for (size_t i = 0; i < run->count; i++) {
        const struct dockerfile_command *command = &run->commands[i];
        int sudo_line;
        size_t k;
        const char *name = df_program_name(command, &k, &sudo_line);
        if (sudo_line)
            df_report(c, "docker.sudo", sudo_line, "sudo in a RUN instruction");
        if (!name)
            continue;
        int line = command->words[k].line;
        if (strcmp(name, "set") == 0 && df_has_word_containing(command, k + 1, "pipefail"))
            pipefail = true;
        if (command->pipe_next && !pipefail && !pipe_reported) {
            df_report(c, "docker.pipe-no-pipefail", line,
                      "'%s' is piped without 'set -o pipefail': its failure is ignored", name);
            pipe_reported = true;
        }
        bool fetch = strcmp(name, "curl") == 0 || strcmp(name, "wget") == 0;
        if (fetch && command->pipe_next && i + 1 < run->count) {
            size_t next_k;
            int next_sudo;
            const char *next = df_program_name(&run->commands[i + 1], &next_k, &next_sudo);
            if (next && df_is_shell_name(next))
                df_report(c, "docker.curl-pipe-shell", line,
                          "'%s' output is piped into '%s': unverified code runs in the build", name,
                          next);
        }
        if (df_is_shell_name(name) && (df_has_word_containing(command, k + 1, "$(curl") ||
                                       df_has_word_containing(command, k + 1, "$(wget")))
            df_report(c, "docker.curl-pipe-shell", line,
                      "'%s' runs a script downloaded in the same command", name);
        if (strcmp(name, "cd") == 0)
            df_report(c, "docker.cd-in-run", line, "'cd' in RUN: use WORKDIR");
        if (strcmp(name, "chmod") == 0)
            for (size_t w = k + 1; w < command->word_count; w++) {
                const char *mode = command->words[w].text;
                if (strcmp(mode, "777") == 0 || strcmp(mode, "0777") == 0 ||
                    strcmp(mode, "a+rwx") == 0 || strcmp(mode, "ugo+rwx") == 0) {
                    df_report(c, "docker.chmod-777", command->words[w].line,
                              "chmod %s makes files writable by every user", mode);
                    break;
                }
            }
        if (strcmp(name, "apt-get") == 0 || strcmp(name, "apt") == 0) {
            static const char *const with_value[] = {
                "-o", "-t", "-c", "--option", "--target-release", NULL};
            size_t at;
            const char *sub = df_subcommand(command, k + 1, with_value, &at);
            if (strcmp(name, "apt") == 0)
                df_report(c, "docker.apt-cli", line,
                          "'apt' has no stable command-line interface for scripts");
            if (!sub)
                continue;
            if (strcmp(sub, "install") == 0) {
                if (!apt_install_line)
                    apt_install_line = line;
                if (!df_apt_yes(command, k + 1))
                    df_report(c, "docker.apt-missing-yes", line,
                              "%s install without -y waits for an answer no build gives", name);
                if (!df_has_word(command, k + 1, "--no-install-recommends") &&
                    !df_has_word_containing(command, k + 1, "Install-Recommends=false") &&
                    !df_has_word_containing(command, k + 1, "Install-Recommends=0"))
                    df_report(c, "docker.apt-no-install-recommends", line,
                              "%s install without --no-install-recommends", name);
            } else if (strcmp(sub, "update") == 0) {
                if (!apt_update_line)
                    apt_update_line = line;
            } else if (strcmp(sub, "upgrade") == 0 || strcmp(sub, "dist-upgrade") == 0 ||
                       strcmp(sub, "full-upgrade") == 0) {
                df_report(c, "docker.package-upgrade", line, "%s %s in an image build", name, sub);
            }
        } else if (strcmp(name, "apk") == 0) {
            size_t at;
            const char *sub = df_subcommand(command, k + 1, NULL, &at);
            if (sub && strcmp(sub, "add") == 0 && !df_has_word(command, k + 1, "--no-cache") &&
                !apk_cleaned && !run->cache_mount && run->state->in_final)
                df_report(c, "docker.apk-no-cache", line,
                          "apk add without --no-cache keeps the package index in the image");
            else if (sub && strcmp(sub, "upgrade") == 0)
                df_report(c, "docker.package-upgrade", line, "apk upgrade in an image build");
        } else if (strcmp(name, "yum") == 0 || strcmp(name, "dnf") == 0 ||
                   strcmp(name, "microdnf") == 0) {
            size_t at;
            const char *sub = df_subcommand(command, k + 1, NULL, &at);
            if (sub && (strcmp(sub, "upgrade") == 0 || strcmp(sub, "update") == 0 ||
                        strcmp(sub, "distro-sync") == 0)) {
                size_t more;
                if (!df_subcommand(command, at + 1, NULL, &more))
                    df_report(c, "docker.package-upgrade", line, "%s %s in an image build", name,
                              sub);
            }
        } else if (strcmp(name, "npm") == 0) {
            size_t at;
            const char *sub = df_subcommand(command, k + 1, NULL, &at);
            if (sub && (strcmp(sub, "install") == 0 || strcmp(sub, "i") == 0)) {
                size_t package;
                if (!df_subcommand(command, at + 1, NULL, &package))
                    df_report(c, "docker.npm-install", line,
                              "'npm %s' may rewrite the lockfile: use 'npm ci'", sub);
            }
        } else if (strcmp(name, "yarn") == 0 || strcmp(name, "pnpm") == 0) {
            /* Both install exactly the lockfile only when told to: Yarn 1
             * with --frozen-lockfile (--pure-lockfile only skips writing
             * it), Yarn 2+ with --immutable, pnpm with --frozen-lockfile
             * (its default only where a CI variable is set, not in a
             * build). Bare `yarn` is `yarn install`; `pnpm i` too. */
            static const char *const yarn_values[] = {"--cwd", "--modules-folder", "--cache-folder",
                                                      "--network-timeout", NULL};
            static const char *const pnpm_values[] = {"--dir", "-C", "--filter", "-F", NULL};
            const bool yarn = name[0] == 'y';
            size_t at = k;
            const char *sub = df_subcommand(command, k + 1, yarn ? yarn_values : pnpm_values, &at);
            bool install =
                sub ? strcmp(sub, "install") == 0 || (!yarn && strcmp(sub, "i") == 0) : yarn;
            size_t package;
            /* `pnpm install PKG` adds a package, as `npm install PKG` does. */
            if (install && sub && df_subcommand(command, at + 1, NULL, &package))
                install = false;
            if (install && !df_has_word(command, k + 1, "--frozen-lockfile") &&
                !df_has_word(command, k + 1, "--immutable"))
                df_report(c, "docker.npm-install", line,
                          yarn ? "'yarn install' without --frozen-lockfile (Yarn 1) or "
                                 "--immutable (Yarn 2+) may rewrite yarn.lock"
                               : "'pnpm install' without --frozen-lockfile may rewrite "
                                 "pnpm-lock.yaml");
        } else {
            size_t next;
            if (df_is_pip(command, k, &next))
                df_run_pip(run, command, next);
        }
    }
    bool apt_cache_mount = false;
    for (size_t f = 0; f < run->instruction->flag_count; f++)
        apt_cache_mount =
            apt_cache_mount || (strstr(run->instruction->flags[f].text, "type=cache") &&
                                strstr(run->instruction->flags[f].text, "/var/lib/apt"));
    if (apt_install_line && !lists_cleaned && !apt_cache_mount && run->state->in_final)
        df_report(c, "docker.apt-lists-not-cleaned", apt_install_line,
                  "apt package lists are not removed in the same RUN");
    if (apt_update_line && !apt_install_line)
        df_report(c, "docker.apt-update-alone", apt_update_line,
                  "apt-get update without an install in the same RUN");
}

/* Appends the commands of one script to the RUN's list. */
static void df_run_add(struct df_run *run, const char *text, const int *lines, size_t length)
{
    struct dockerfile_command *commands;
    size_t count = dockerfile_shell_commands(run->c->arena, text, lines, length, &commands);
    if (!count)
        return;
    struct dockerfile_command *all =
        arena_alloc(run->c->arena, (run->count + count) * sizeof(*all));
    if (run->count)
        memcpy(all, run->commands, run->count * sizeof(*all));
    memcpy(all + run->count, commands, count * sizeof(*all));
    run->commands = all;
    run->count += count;
}

static void df_check_run(struct df_context *c, struct df_state *state,
                         const struct dockerfile_instruction *instruction)
{
    if (!state->posix_shell)
        return;
    struct df_run run = {.c = c, .state = state, .instruction = instruction};
    const char *mount = dockerfile_flag(instruction, "mount");
    run.cache_mount = mount && strstr(mount, "type=cache");
    if (instruction->exec_form) {
        /* ["sh", "-c", "script"] is a shell script too. */
        if (instruction->exec_count >= 3 && df_is_shell_name(instruction->exec[0].text))
            for (size_t i = 1; i + 1 < instruction->exec_count; i++)
                if (strcmp(instruction->exec[i].text, "-c") == 0) {
                    const char *script = instruction->exec[i + 1].text;
                    size_t length = strlen(script);
                    int *lines = arena_alloc(c->arena, (length + 1) * sizeof(int));
                    for (size_t b = 0; b <= length; b++)
                        lines[b] = instruction->exec[i + 1].line;
                    df_run_add(&run, script, lines, length);
                    break;
                }
    } else {
        df_run_add(&run, instruction->text + instruction->rest,
                   instruction->text_lines + instruction->rest,
                   instruction->text_length - instruction->rest);
        for (size_t h = 0; h < instruction->heredoc_count; h++)
            if (instruction->heredocs[h].shell)
                df_run_add(&run, instruction->heredocs[h].body, instruction->heredocs[h].body_lines,
                           instruction->heredocs[h].body_length);
    }
    df_run_script(&run);
}

/* ---- COPY and ADD ---- */

static bool df_is_archive(const char *source)
{
    static const char *const archives[] = {".tar",    ".tar.gz", ".tgz", ".tar.bz2", ".tbz2",
                                           ".tbz",    ".tar.xz", ".txz", ".tar.zst", ".tzst",
                                           ".tar.lz", ".gz",     ".bz2", ".xz",      NULL};
    for (size_t i = 0; archives[i]; i++)
        if (df_suffix(source, archives[i]))
            return true;
    return false;
}

static void df_check_copy(struct df_context *c, const struct dockerfile_instruction *instruction)
{
    struct dockerfile_word *words;
    size_t count;
    if (instruction->exec_form) {
        words = instruction->exec;
        count = instruction->exec_count;
    } else {
        count = dockerfile_split_words(c->arena, instruction->text + instruction->rest,
                                       instruction->text_lines + instruction->rest,
                                       instruction->text_length - instruction->rest, &words);
    }
    bool add = strcmp(instruction->keyword, "ADD") == 0;
    const char *chmod = dockerfile_flag(instruction, "chmod");
    if (chmod && (strcmp(chmod, "777") == 0 || strcmp(chmod, "0777") == 0))
        df_report(c, "docker.chmod-777", instruction->line,
                  "%s --chmod=%s makes files writable by every user", instruction->keyword, chmod);
    if (count < 2)
        return;
    bool remote = false, local_plain = false;
    for (size_t i = 0; i + 1 < count; i++) {
        const char *source = words[i].text;
        if ((strcmp(source, ".") == 0 || strcmp(source, "./") == 0) &&
            !dockerfile_flag(instruction, "from"))
            analysis_add_fact(c->analysis, "docker.copy-all", instruction->line,
                              instruction->keyword);
        if (df_prefix(source, "http://") || df_prefix(source, "https://")) {
            remote = true;
        } else if (!df_prefix(source, "git@") && !df_suffix(source, ".git") &&
                   !df_is_archive(source)) {
            local_plain = true;
        }
    }
    if (!add)
        return;
    if (remote && !dockerfile_flag(instruction, "checksum"))
        df_report(c, "docker.add-remote-url", instruction->line,
                  "ADD downloads a remote file without --checksum");
    else if (local_plain && !remote)
        df_report(c, "docker.add-instead-of-copy", instruction->line,
                  "ADD of local files that are not archives: use COPY");
}

/* ---- ENV and ARG ---- */

static void df_secret(struct df_context *c, const char *keyword, const char *name,
                      const char *value, int line)
{
    if (!df_secret_name(name))
        return;
    bool literal = value && *value && value[0] != '$';
    if (strcmp(keyword, "ENV") == 0 ? (value && *value) : literal) {
        const char *snippet = literal ? df_redacted_line(c, line, keyword, name, value)
                                      : analysis_line_text(c->analysis, c->file, line);
        df_report_snippet(c, "docker.secret-in-env", line, snippet, name,
                          "%s %s puts a secret into the image", keyword, name);
    } else if (strcmp(keyword, "ARG") == 0) {
        df_report(c, "docker.secret-build-arg", line,
                  "build argument %s looks like a secret: build args stay in the image history",
                  name);
    }
}

static void df_check_env(struct df_context *c, struct df_state *state,
                         const struct dockerfile_instruction *instruction)
{
    struct dockerfile_word *words;
    size_t count = dockerfile_split_words(c->arena, instruction->text, instruction->text_lines,
                                          instruction->text_length, &words);
    if (!count)
        return;
    if (!strchr(words[0].text, '=')) {
        /* ENV key value: the value is the rest of the line. */
        df_report(c, "docker.legacy-env-format", instruction->line,
                  "'ENV %s value' is the legacy form: write 'ENV %s=value'", words[0].text,
                  words[0].text);
        struct strbuf value = STRBUF_INIT;
        for (size_t i = 1; i < count; i++) {
            if (i > 1)
                strbuf_append_char(&value, ' ');
            strbuf_append_str(&value, words[i].text);
        }
        const char *expanded =
            dockerfile_expand(c->arena, &state->vars, value.data, c->df->escape, NULL);
        df_secret(c, "ENV", words[0].text, count > 1 ? words[1].text : "", words[0].line);
        dockerfile_vars_set(c->arena, &state->vars, words[0].text, expanded);
        state->pip_no_cache = state->pip_no_cache || strcmp(words[0].text, "PIP_NO_CACHE_DIR") == 0;
        strbuf_release(&value);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        char *name = arena_strdup(c->arena, words[i].text);
        char *equals = strchr(name, '=');
        if (!equals)
            continue;
        *equals = '\0';
        const char *raw = equals + 1;
        df_secret(c, "ENV", name, raw, words[i].line);
        dockerfile_vars_set(c->arena, &state->vars, name,
                            dockerfile_expand(c->arena, &state->vars, raw, c->df->escape, NULL));
        state->pip_no_cache = state->pip_no_cache || strcmp(name, "PIP_NO_CACHE_DIR") == 0;
    }
}

static void df_check_arg(struct df_context *c, struct df_state *state,
                         const struct dockerfile_instruction *instruction)
{
    struct dockerfile_word *words;
    size_t count = dockerfile_split_words(c->arena, instruction->text, instruction->text_lines,
                                          instruction->text_length, &words);
    for (size_t i = 0; i < count; i++) {
        char *name = arena_strdup(c->arena, words[i].text);
        char *equals = strchr(name, '=');
        const char *raw = NULL;
        if (equals) {
            *equals = '\0';
            raw = equals + 1;
        }
        df_secret(c, "ARG", name, raw, words[i].line);
        if (!state)
            continue; /* a global ARG: the parser keeps those */
        const char *value = NULL;
        if (raw) {
            value = dockerfile_expand(c->arena, &state->vars, raw, c->df->escape, NULL);
        } else {
            /* ARG NAME inside a stage brings in the global ARG's value. */
            const struct dockerfile_var *global = dockerfile_vars_get(c->df->global_args, name);
            value = global ? global->value : NULL;
        }
        dockerfile_vars_set(c->arena, &state->vars, name, value);
    }
}

/* ---- stages ---- */

static bool df_is_root(const char *user)
{
    size_t length = strcspn(user, ":");
    return (length == 4 && strncmp(user, "root", 4) == 0) || (length == 1 && user[0] == '0');
}

struct df_entries {
    int lines[64];
    size_t count;
};

static void df_superseded(struct df_context *c, const struct df_entries *entries, const char *rule,
                          const char *keyword)
{
    for (size_t i = 0; i + 1 < entries->count; i++)
        df_report(c, rule, entries->lines[i],
                  "%s is overridden by the %s at line %d: only the last one takes effect", keyword,
                  keyword, entries->lines[entries->count - 1]);
}

/* COPY --from=NAME: NAME must be an earlier stage (by name or number) or an
 * image reference. A bare word that is neither — usually a typo of a stage
 * name — makes Docker pull an image of that name from Docker Hub, which is
 * at best a failed build and at worst someone else's image in yours. */
static void df_check_copy_from(struct df_context *c, size_t index,
                               const struct dockerfile_instruction *instruction)
{
    const char *from = dockerfile_flag(instruction, "from");
    if (!from || !*from || strpbrk(from, ":/@.$"))
        return; /* an image reference, or a variable */
    const struct dockerfile *df = c->df;
    bool digits = true;
    for (const char *p = from; *p; p++)
        digits = digits && isdigit((unsigned char)*p);
    if (digits) {
        if ((size_t)strtoul(from, NULL, 10) < index)
            return;
        df_report(c, "docker.copy-from-unknown-stage", instruction->line,
                  "%s --from=%s: there is no earlier stage number %s", instruction->keyword, from,
                  from);
        return;
    }
    for (size_t i = 0; i < df->stage_count; i++) {
        if (!df->stages[i].name || !df_equals_nocase(df->stages[i].name, from))
            continue;
        if (i < index)
            return;
        df_report(c, "docker.copy-from-unknown-stage", instruction->line,
                  "%s --from=%s names the stage at line %d, which comes later: only earlier "
                  "stages can be copied from",
                  instruction->keyword, from, df->stages[i].line);
        return;
    }
    df_report(c, "docker.copy-from-unknown-stage", instruction->line,
              "%s --from=%s is not a stage of this file: Docker will pull an image called '%s' "
              "from Docker Hub",
              instruction->keyword, from, from);
}

static void df_check_stage(struct df_context *c, struct df_state *states, size_t index)
{
    struct dockerfile *df = c->df;
    const struct dockerfile_stage *stage = &df->stages[index];
    struct df_state *state = &states[index];
    bool in_final = state->in_final;
    if (stage->base_stage >= 0) {
        *state = states[stage->base_stage];
        state->vars.capacity = state->vars.count; /* grow into a copy, not the base's array */
    } else {
        memset(state, 0, sizeof(*state));
        state->posix_shell = true;
    }
    state->in_final = in_final;

    df_check_base(c, stage);
    if (stage->platform && *stage->platform && !strchr(stage->platform, '$'))
        df_report(c, "docker.from-platform-constant", stage->line,
                  "FROM --platform=%s hard-codes the platform", stage->platform);
    for (size_t i = 0; stage->name && i < index; i++)
        if (df->stages[i].name && df_equals_nocase(df->stages[i].name, stage->name)) {
            df_report(c, "docker.duplicate-stage-name", stage->line,
                      "stage name '%s' is already used at line %d", stage->name,
                      df->stages[i].line);
            break;
        }

    struct df_entries cmds = {.count = 0}, entrypoints = {.count = 0};
    for (size_t i = stage->instruction + 1; i < stage->end; i++) {
        const struct dockerfile_instruction *instruction = &df->instructions[i];
        const char *keyword = instruction->keyword;
        if (strcmp(keyword, "RUN") == 0) {
            df_check_run(c, state, instruction);
        } else if (strcmp(keyword, "COPY") == 0 || strcmp(keyword, "ADD") == 0) {
            df_check_copy(c, instruction);
            df_check_copy_from(c, index, instruction);
        } else if (strcmp(keyword, "ENV") == 0) {
            df_check_env(c, state, instruction);
        } else if (strcmp(keyword, "ARG") == 0) {
            df_check_arg(c, state, instruction);
        } else if (strcmp(keyword, "USER") == 0) {
            bool unresolved = false;
            state->user = dockerfile_expand(c->arena, &state->vars, instruction->text, df->escape,
                                            &unresolved);
            state->user_line = instruction->line;
            state->user_unresolved = unresolved;
        } else if (strcmp(keyword, "HEALTHCHECK") == 0) {
            const char *rest = instruction->text + instruction->rest;
            state->healthcheck_line =
                df_equals_nocase(rest, "NONE") || !*rest ? 0 : instruction->line;
        } else if (strcmp(keyword, "SHELL") == 0 && instruction->exec_form &&
                   instruction->exec_count) {
            state->posix_shell = df_is_shell_name(instruction->exec[0].text);
            state->pipefail_shell = false;
            for (size_t w = 0; w < instruction->exec_count; w++)
                state->pipefail_shell =
                    state->pipefail_shell || strstr(instruction->exec[w].text, "pipefail");
        } else if (strcmp(keyword, "WORKDIR") == 0) {
            bool unresolved = false;
            const char *dir = dockerfile_expand(c->arena, &state->vars, instruction->text,
                                                df->escape, &unresolved);
            bool absolute =
                dir[0] == '/' || dir[0] == '\\' || dir[0] == '$' || (dir[0] && dir[1] == ':');
            if (!absolute && !unresolved && !state->workdir_absolute && *dir)
                df_report(c, "docker.workdir-relative", instruction->line,
                          "WORKDIR %s is relative to a directory this file does not set", dir);
            state->workdir_absolute = state->workdir_absolute || absolute || unresolved;
        } else if (strcmp(keyword, "EXPOSE") == 0) {
            struct dockerfile_word *words;
            size_t count =
                dockerfile_split_words(c->arena, instruction->text, instruction->text_lines,
                                       instruction->text_length, &words);
            for (size_t w = 0; w < count; w++) {
                const char *port =
                    dockerfile_expand(c->arena, &state->vars, words[w].text, df->escape, NULL);
                if (strcmp(port, "22") == 0 || df_prefix(port, "22/"))
                    df_report(c, "docker.expose-ssh", instruction->line,
                              "EXPOSE 22: the image runs an SSH server");
            }
        } else if (strcmp(keyword, "MAINTAINER") == 0) {
            df_report(c, "docker.maintainer", instruction->line,
                      "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors");
        } else if (strcmp(keyword, "CMD") == 0 || strcmp(keyword, "ENTRYPOINT") == 0) {
            struct df_entries *entries = keyword[0] == 'C' ? &cmds : &entrypoints;
            if (entries->count < DF_COUNT(entries->lines))
                entries->lines[entries->count++] = instruction->line;
            if (!instruction->exec_form)
                df_report(c, "docker.cmd-shell-form", instruction->line,
                          "shell-form %s: the process runs under /bin/sh -c and does not get "
                          "SIGTERM",
                          keyword);
        }
    }
    df_superseded(c, &cmds, "docker.multiple-cmd", "CMD");
    df_superseded(c, &entrypoints, "docker.multiple-entrypoint", "ENTRYPOINT");
}

static void df_analyze(struct df_context *c)
{
    struct dockerfile *df = c->df;
    for (size_t i = 0; i < df->error_count; i++)
        df_report(c, "docker.parse-error", df->errors[i].line, "%s", df->errors[i].message);
    for (size_t i = 0; i < df->instruction_count; i++)
        if (df->instructions[i].stage < 0 && strcmp(df->instructions[i].keyword, "ARG") == 0)
            df_check_arg(c, NULL, &df->instructions[i]);
    if (!df->stage_count)
        return;
    struct df_state *states = arena_alloc(c->arena, df->stage_count * sizeof(*states));
    for (int s = (int)df->stage_count - 1; s >= 0; s = df->stages[s].base_stage)
        states[s].in_final = true;
    for (size_t s = 0; s < df->stage_count; s++)
        df_check_stage(c, states, s);

    const struct dockerfile_stage *final = &df->stages[df->stage_count - 1];
    const struct df_state *state = &states[df->stage_count - 1];
    if (df->stage_count > 1)
        analysis_add_fact(c->analysis, "docker.strength.multi-stage", df->stages[1].line,
                          arena_printf(c->arena, "%zu stages", df->stage_count));
    if (!state->user) {
        const char *tag = df_image_tag(c->arena, final->image);
        bool nonroot_base = tag && strstr(tag, "nonroot");
        if (!nonroot_base && !final->image_unresolved)
            df_report(c, "docker.root-user", final->line,
                      "final stage runs as root: no USER instruction");
    } else if (!state->user_unresolved && df_is_root(state->user)) {
        df_report(c, "docker.root-user", state->user_line, "final stage runs as root: USER %s",
                  state->user);
    } else if (!state->user_unresolved) {
        analysis_add_fact(c->analysis, "docker.strength.non-root", state->user_line, state->user);
    }
    if (state->healthcheck_line)
        analysis_add_fact(c->analysis, "docker.strength.healthcheck", state->healthcheck_line,
                          "HEALTHCHECK");
    else
        df_report(c, "docker.no-healthcheck", final->line, "the final stage has no HEALTHCHECK");
}

/* ---- .dockerignore ---- */

struct df_ignore_pattern {
    const char *pattern;
    bool negated;
};

static bool df_ignore_match(const char *pattern, const char *path)
{
    char prefix[256];
    size_t length = strlen(path);
    if (length >= sizeof(prefix))
        return false;
    /* A pattern that matches a directory excludes everything under it. */
    for (size_t end = 1; end <= length; end++) {
        if (end < length && path[end] != '/')
            continue;
        memcpy(prefix, path, end);
        prefix[end] = '\0';
        if (fnmatch(pattern, prefix, FNM_PATHNAME) == 0)
            return true;
        if (df_prefix(pattern, "**/") && fnmatch(pattern + 3, prefix, FNM_PATHNAME) == 0)
            return true;
        if (strcmp(pattern, "**") == 0)
            return true;
    }
    return false;
}

static bool df_ignore_excludes(const struct df_ignore_pattern *patterns, size_t count,
                               const char *path)
{
    bool excluded = false;
    for (size_t i = 0; i < count; i++)
        if (df_ignore_match(patterns[i].pattern, path))
            excluded = !patterns[i].negated;
    return excluded;
}

static void df_run_ignore(const struct source_file *file, struct analysis *analysis)
{
    struct df_line *lines;
    size_t line_count = df_split_lines(analysis->arena, file->content, file->length, &lines);
    struct df_ignore_pattern *patterns = NULL;
    size_t count = 0, capacity = 0;
    for (size_t i = 0; i < line_count; i++) {
        const char *t = lines[i].text;
        size_t l = lines[i].length;
        while (l && df_blank(*t)) {
            t++;
            l--;
        }
        while (l && df_blank(t[l - 1]))
            l--;
        if (!l || *t == '#')
            continue;
        bool negated = *t == '!';
        if (negated) {
            t++;
            l--;
        }
        while (l && *t == '/') {
            t++;
            l--;
        }
        if (l >= 2 && t[0] == '.' && t[1] == '/') {
            t += 2;
            l -= 2;
        }
        while (l && t[l - 1] == '/')
            l--;
        if (!l)
            continue;
        patterns = df_grow(analysis->arena, patterns, &capacity, count + 1, sizeof(*patterns));
        patterns[count++] =
            (struct df_ignore_pattern){arena_strndup(analysis->arena, t, l), negated};
    }
    if (!df_ignore_excludes(patterns, count, ".git/config"))
        analysis_add_fact(analysis, "docker.ignore-missing", 0, ".git");
    if (!df_ignore_excludes(patterns, count, ".env"))
        analysis_add_fact(analysis, "docker.ignore-missing", 0, ".env");
}

/* ---- the analyzer interface ---- */

static bool df_is_ignore_file(const char *base)
{
    return strcmp(base, ".dockerignore") == 0 || strcmp(base, ".containerignore") == 0 ||
           df_suffix(base, ".dockerignore") || df_suffix(base, ".containerignore");
}

static bool df_is_dockerfile_name(const char *base)
{
    char lower[256];
    size_t length = strlen(base);
    if (length >= sizeof(lower))
        return false;
    for (size_t i = 0; i <= length; i++)
        lower[i] = text_lower(base[i]);
    return strcmp(lower, "dockerfile") == 0 || strcmp(lower, "containerfile") == 0 ||
           df_prefix(lower, "dockerfile.") || df_prefix(lower, "containerfile.") ||
           df_suffix(lower, ".dockerfile") || df_suffix(lower, ".containerfile");
}

/* Development containers (.devcontainer/) are workstations, not images
 * that ship: production rules about users, health checks and layer size do
 * not apply to them. */
static bool df_is_devcontainer(const char *path)
{
    return df_prefix(path, ".devcontainer/") || strstr(path, "/.devcontainer/");
}

/* A template (Dockerfile.template, Dockerfile.j2 …) is not a Dockerfile
 * until it is rendered: its {{ }} and {% %} lines would read as errors. */
static bool df_is_template(const char *base)
{
    static const char *const suffixes[] = {".template", ".tmpl", ".tpl", ".j2",       ".jinja",
                                           ".jinja2",   ".erb",  ".in",  ".mustache", ".hbs"};
    for (size_t i = 0; i < DF_COUNT(suffixes); i++)
        if (df_suffix(base, suffixes[i]))
            return true;
    return false;
}

static bool dockerfile_applies(const struct source_file *file)
{
    const char *base = text_basename(file->path);
    if (df_is_devcontainer(file->path) || df_is_template(base))
        return false;
    if (df_is_ignore_file(base))
        return true;
    if (file->language && (strcmp(file->language->name, "Dockerfile") == 0 ||
                           strcmp(file->language->name, "Containerfile") == 0))
        return true;
    return !file->language && df_is_dockerfile_name(base);
}

static void dockerfile_run(const struct source_file *file, struct analysis *analysis)
{
    if (df_is_ignore_file(text_basename(file->path))) {
        df_run_ignore(file, analysis);
        return;
    }
    struct dockerfile df;
    dockerfile_parse(analysis->arena, file->content, file->length, &df);
    struct df_context c = {.file = file, .analysis = analysis, .arena = analysis->arena, .df = &df};
    df_analyze(&c);
}

const struct analyzer analyzer_dockerfile = {
    .name = "dockerfile",
    .applies = dockerfile_applies,
    .run = dockerfile_run,
};
