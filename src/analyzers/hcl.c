/*
 * hcl: the HCL native-syntax tokenizer and parser (see hcl.h), written from
 * HashiCorp's specification (hclsyntax/spec.md).
 *
 * Two passes: the tokenizer turns the content into a flat token list
 * (comments and blanks dropped, newlines kept because they end attributes),
 * and a recursive-descent parser builds bodies, blocks, attributes and
 * values from it. Newlines matter in bodies and objects and are ignored
 * inside tuples, parentheses and function arguments, as the specification
 * says; the parser keeps that as a stack. Recursion is bounded by
 * HCL_NESTING_MAX, in the parser and in the tokenizer's nested templates,
 * so hostile input cannot exhaust the stack.
 *
 * It must not judge configurations: that is terraform.c's job.
 */
#include "analyzers/hcl.h"

#include "util/utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { HCL_NESTING_MAX = 100 };

/* Grows an arena array to hold `needed` items; the old block is abandoned in
 * the arena (at most doubling the memory, and a parse is per file). */
static void *hcl_grow(struct arena *arena, void *array, size_t *capacity, size_t needed,
                      size_t size)
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

/* ---- the tokenizer ---- */

struct hcl_lexer {
    struct arena *arena;
    const char *content;
    size_t length;
    size_t at;
    int line;
    struct hcl_tokens *out;
    size_t capacity;
    int error_line;
    const char *error;
};

/* A growable byte buffer in the arena, for decoded string values. */
struct hcl_text {
    char *data;
    size_t length, capacity;
};

static void hcl_text_add(struct arena *arena, struct hcl_text *text, const char *bytes,
                         size_t count)
{
    text->data = hcl_grow(arena, text->data, &text->capacity, text->length + count + 1, 1);
    memcpy(text->data + text->length, bytes, count);
    text->length += count;
    text->data[text->length] = '\0';
}

static const char *hcl_text_done(struct arena *arena, struct hcl_text *text)
{
    if (!text->data)
        return arena_strdup(arena, "");
    return text->data;
}

static void hcl_lex_error(struct hcl_lexer *lexer, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void hcl_lex_error(struct hcl_lexer *lexer, int line, const char *format, ...)
{
    if (lexer->error)
        return;
    va_list args;
    va_start(args, format);
    lexer->error = arena_vprintf(lexer->arena, format, args);
    va_end(args);
    lexer->error_line = line;
}

static bool hcl_identifier_start(unsigned char c)
{
    /* Every non-ASCII byte may start a letter: the content was checked to be
     * UTF-8 first, and ID_Start covers most of Unicode's letters. */
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool hcl_identifier_byte(unsigned char c)
{
    return hcl_identifier_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static bool hcl_digit(char c)
{
    return c >= '0' && c <= '9';
}

static struct hcl_token *hcl_emit(struct hcl_lexer *lexer, enum hcl_token_kind kind, size_t offset,
                                  int line)
{
    struct hcl_tokens *out = lexer->out;
    out->items =
        hcl_grow(lexer->arena, out->items, &lexer->capacity, out->count + 1, sizeof(*out->items));
    struct hcl_token *token = &out->items[out->count++];
    memset(token, 0, sizeof(*token));
    token->kind = kind;
    token->offset = offset;
    token->length = lexer->at - offset;
    token->line = line;
    token->end_line = lexer->line;
    return token;
}

static bool hcl_at(const struct hcl_lexer *lexer, size_t at, char c)
{
    return at < lexer->length && lexer->content[at] == c;
}

/* Skips a `${…}` or `%{…}` sequence whose opening brace is at lexer->at,
 * stopping after its closing brace. Braces nest, and quoted strings inside
 * it (which may hold braces and sequences of their own) are skipped whole. */
static void hcl_lex_quoted(struct hcl_lexer *lexer, struct hcl_text *value, bool *templated,
                           int depth);

static void hcl_lex_sequence(struct hcl_lexer *lexer, int depth)
{
    int open_line = lexer->line;
    int braces = 0;
    while (lexer->at < lexer->length && !lexer->error) {
        char c = lexer->content[lexer->at];
        if (c == '{') {
            braces++;
        } else if (c == '}') {
            if (--braces == 0) {
                lexer->at++;
                return;
            }
        } else if (c == '\n') {
            lexer->line++;
        } else if (c == '"') {
            if (depth >= HCL_NESTING_MAX) {
                hcl_lex_error(lexer, lexer->line, "templates nested more than %d deep",
                              HCL_NESTING_MAX);
                return;
            }
            bool inner_templated = false;
            hcl_lex_quoted(lexer, NULL, &inner_templated, depth + 1);
            continue;
        }
        lexer->at++;
    }
    hcl_lex_error(lexer, open_line, "interpolation opened here is never closed");
}

/* Reads a quoted template whose opening quote is at lexer->at; appends its
 * decoded value to `value` (when non-NULL). */
static void hcl_lex_quoted(struct hcl_lexer *lexer, struct hcl_text *value, bool *templated,
                           int depth)
{
    int open_line = lexer->line;
    lexer->at++;
    while (lexer->at < lexer->length && !lexer->error) {
        const char *p = lexer->content + lexer->at;
        size_t left = lexer->length - lexer->at;
        if (*p == '"') {
            lexer->at++;
            return;
        }
        if (*p == '\n' || (*p == '\r' && left > 1 && p[1] == '\n')) {
            hcl_lex_error(lexer, open_line, "quoted string is not closed on its line");
            return;
        }
        if (*p == '\\') {
            if (left < 2) {
                lexer->at++;
                break;
            }
            char decoded[8];
            size_t decoded_length = 1, used = 2;
            switch (p[1]) {
            case 'n':
                decoded[0] = '\n';
                break;
            case 'r':
                decoded[0] = '\r';
                break;
            case 't':
                decoded[0] = '\t';
                break;
            case '"':
                decoded[0] = '"';
                break;
            case '\\':
                decoded[0] = '\\';
                break;
            case 'u':
            case 'U': {
                size_t digits = p[1] == 'u' ? 4 : 8;
                uint32_t code = 0;
                if (left < 2 + digits) {
                    hcl_lex_error(lexer, lexer->line, "incomplete \\%c escape", p[1]);
                    return;
                }
                for (size_t i = 0; i < digits; i++) {
                    char h = p[2 + i];
                    uint32_t nibble;
                    if (h >= '0' && h <= '9')
                        nibble = (uint32_t)(h - '0');
                    else if (h >= 'a' && h <= 'f')
                        nibble = (uint32_t)(h - 'a' + 10);
                    else if (h >= 'A' && h <= 'F')
                        nibble = (uint32_t)(h - 'A' + 10);
                    else {
                        hcl_lex_error(lexer, lexer->line, "invalid \\%c escape", p[1]);
                        return;
                    }
                    code = code * 16 + nibble;
                }
                used = 2 + digits;
                /* Encode as UTF-8; a value Unicode does not allow becomes U+FFFD. */
                if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff)
                    code = 0xfffd;
                if (code < 0x80) {
                    decoded[0] = (char)code;
                } else if (code < 0x800) {
                    decoded[0] = (char)(0xc0 | (code >> 6));
                    decoded[1] = (char)(0x80 | (code & 0x3f));
                    decoded_length = 2;
                } else if (code < 0x10000) {
                    decoded[0] = (char)(0xe0 | (code >> 12));
                    decoded[1] = (char)(0x80 | ((code >> 6) & 0x3f));
                    decoded[2] = (char)(0x80 | (code & 0x3f));
                    decoded_length = 3;
                } else {
                    decoded[0] = (char)(0xf0 | (code >> 18));
                    decoded[1] = (char)(0x80 | ((code >> 12) & 0x3f));
                    decoded[2] = (char)(0x80 | ((code >> 6) & 0x3f));
                    decoded[3] = (char)(0x80 | (code & 0x3f));
                    decoded_length = 4;
                }
                break;
            }
            default:
                hcl_lex_error(lexer, lexer->line, "invalid escape \\%c in a quoted string",
                              (unsigned char)p[1] >= 0x20 && (unsigned char)p[1] < 0x7f ? p[1]
                                                                                        : '?');
                return;
            }
            if (value)
                hcl_text_add(lexer->arena, value, decoded, decoded_length);
            lexer->at += used;
            continue;
        }
        /* `$${` and `%%{` are the literal texts `${` and `%{`. */
        if ((*p == '$' || *p == '%') && left >= 3 && p[1] == *p && p[2] == '{') {
            if (value)
                hcl_text_add(lexer->arena, value, p + 1, 2);
            lexer->at += 3;
            continue;
        }
        if ((*p == '$' || *p == '%') && left >= 2 && p[1] == '{') {
            size_t start = lexer->at;
            *templated = true;
            lexer->at++;
            hcl_lex_sequence(lexer, depth);
            if (value && !lexer->error)
                hcl_text_add(lexer->arena, value, lexer->content + start, lexer->at - start);
            continue;
        }
        if (value)
            hcl_text_add(lexer->arena, value, p, 1);
        lexer->at++;
    }
    hcl_lex_error(lexer, open_line, "quoted string is never closed");
}

/* Whether the heredoc body holds an unescaped `${` or `%{`. */
static bool hcl_has_sequence(const char *text, size_t length)
{
    for (size_t i = 0; i + 1 < length; i++) {
        if ((text[i] == '$' || text[i] == '%') && text[i + 1] == '{')
            return true;
        if ((text[i] == '$' || text[i] == '%') && text[i + 1] == text[i] && i + 2 < length &&
            text[i + 2] == '{')
            i += 2;
    }
    return false;
}

/* Reads a heredoc whose `<<` is at lexer->at. Returns false (without an
 * error) when what follows is not a heredoc introduction. */
static bool hcl_lex_heredoc(struct hcl_lexer *lexer)
{
    size_t start = lexer->at, at = lexer->at + 2;
    int open_line = lexer->line;
    bool indented = hcl_at(lexer, at, '-');
    if (indented)
        at++;
    if (at >= lexer->length || !hcl_identifier_start((unsigned char)lexer->content[at]))
        return false;
    size_t name_start = at;
    while (at < lexer->length && hcl_identifier_byte((unsigned char)lexer->content[at]))
        at++;
    size_t name_length = at - name_start;
    const char *name = lexer->content + name_start;
    if (hcl_at(lexer, at, '\r'))
        at++;
    if (!hcl_at(lexer, at, '\n')) {
        lexer->at = at;
        hcl_lex_error(lexer, open_line, "a heredoc marker must end its line");
        return true;
    }
    at++;
    int line = open_line + 1;
    /* Body lines up to the one that holds only the delimiter (blanks around
     * it allowed: the specification lets `<<-` close with indentation, and
     * editors indent `<<` closers too). */
    size_t body_start = at;
    size_t line_start = at;
    for (;;) {
        if (line_start >= lexer->length) {
            lexer->at = lexer->length;
            hcl_lex_error(lexer, open_line, "heredoc <<%.*s is never closed",
                          (int)(name_length > 40 ? 40 : name_length), name);
            return true;
        }
        const char *newline = memchr(lexer->content + line_start, '\n', lexer->length - line_start);
        size_t line_end = newline ? (size_t)(newline - lexer->content) : lexer->length;
        size_t a = line_start, b = line_end;
        while (a < b && (lexer->content[a] == ' ' || lexer->content[a] == '\t'))
            a++;
        while (b > a && (lexer->content[b - 1] == ' ' || lexer->content[b - 1] == '\t' ||
                         lexer->content[b - 1] == '\r'))
            b--;
        if (b - a == name_length && memcmp(lexer->content + a, name, name_length) == 0) {
            size_t body_end = line_start;
            /* The token ends after the delimiter; the newline after it is the
             * attribute's end. */
            lexer->at = b;
            lexer->line = line;
            struct hcl_token *token = hcl_emit(lexer, HCL_TOKEN_HEREDOC, start, open_line);
            token->delimiter = arena_strndup(lexer->arena, name, name_length);
            token->indented = indented;
            token->templated = hcl_has_sequence(lexer->content + body_start, body_end - body_start);
            /* The value: lines joined with '\n' (CRLF folded), and for `<<-`
             * the smallest indentation of the non-blank lines removed. */
            size_t strip = SIZE_MAX;
            if (indented) {
                for (size_t s = body_start; s < body_end;) {
                    const char *nl = memchr(lexer->content + s, '\n', body_end - s);
                    size_t e = nl ? (size_t)(nl - lexer->content) : body_end;
                    size_t spaces = 0;
                    while (s + spaces < e && lexer->content[s + spaces] == ' ')
                        spaces++;
                    if (s + spaces < e && lexer->content[s + spaces] != '\r' && spaces < strip)
                        strip = spaces;
                    s = e + 1;
                }
            }
            if (strip == SIZE_MAX)
                strip = 0;
            struct hcl_text value = {0};
            for (size_t s = body_start; s < body_end;) {
                const char *nl = memchr(lexer->content + s, '\n', body_end - s);
                size_t e = nl ? (size_t)(nl - lexer->content) : body_end;
                size_t content_end = e > s && lexer->content[e - 1] == '\r' ? e - 1 : e;
                size_t skip = 0;
                while (skip < strip && s + skip < content_end && lexer->content[s + skip] == ' ')
                    skip++;
                hcl_text_add(lexer->arena, &value, lexer->content + s + skip,
                             content_end - s - skip);
                hcl_text_add(lexer->arena, &value, "\n", 1);
                s = e + 1;
            }
            token->text = hcl_text_done(lexer->arena, &value);
            return true;
        }
        if (!newline) {
            line_start = lexer->length;
            continue;
        }
        line_start = line_end + 1;
        line++;
    }
}

static const char *const hcl_punctuation_long[] = {
    "...", "=>", "==", "!=", "<=", ">=", "&&", "||", "${", "%{"};

static bool hcl_lex_one(struct hcl_lexer *lexer)
{
    const char *content = lexer->content;
    size_t at = lexer->at;
    char c = content[at];
    int line = lexer->line;
    if (c == ' ' || c == '\t' || c == '\r') {
        /* A lone CR is not a newline in HCL; taking it as a blank is the
         * tolerant reading. */
        lexer->at++;
        return true;
    }
    if (c == '\n') {
        lexer->at++;
        hcl_emit(lexer, HCL_TOKEN_NEWLINE, at, line);
        lexer->line++;
        return true;
    }
    if (c == '#' || (c == '/' && hcl_at(lexer, at + 1, '/'))) {
        const char *newline = memchr(content + at, '\n', lexer->length - at);
        lexer->at = newline ? (size_t)(newline - content) : lexer->length;
        return true;
    }
    if (c == '/' && hcl_at(lexer, at + 1, '*')) {
        size_t i = at + 2;
        int lines = 0;
        while (i + 1 < lexer->length && !(content[i] == '*' && content[i + 1] == '/')) {
            lines += content[i] == '\n';
            i++;
        }
        if (i + 1 >= lexer->length) {
            lexer->at = lexer->length;
            hcl_lex_error(lexer, line, "comment opened with /* is never closed");
            return false;
        }
        lexer->line += lines;
        lexer->at = i + 2;
        return true;
    }
    if (c == '"') {
        struct hcl_text value = {0};
        bool templated = false;
        hcl_lex_quoted(lexer, &value, &templated, 0);
        if (lexer->error)
            return false;
        struct hcl_token *token = hcl_emit(lexer, HCL_TOKEN_STRING, at, line);
        token->text = hcl_text_done(lexer->arena, &value);
        token->templated = templated;
        return true;
    }
    if (c == '<' && hcl_at(lexer, at + 1, '<')) {
        if (hcl_lex_heredoc(lexer))
            return !lexer->error;
    }
    if (hcl_digit(c)) {
        size_t i = at;
        while (i < lexer->length && hcl_digit(content[i]))
            i++;
        if (i + 1 < lexer->length && content[i] == '.' && hcl_digit(content[i + 1])) {
            i++;
            while (i < lexer->length && hcl_digit(content[i]))
                i++;
        }
        if (i < lexer->length && (content[i] == 'e' || content[i] == 'E')) {
            size_t j = i + 1;
            if (j < lexer->length && (content[j] == '+' || content[j] == '-'))
                j++;
            if (j < lexer->length && hcl_digit(content[j])) {
                while (j < lexer->length && hcl_digit(content[j]))
                    j++;
                i = j;
            }
        }
        lexer->at = i;
        struct hcl_token *token = hcl_emit(lexer, HCL_TOKEN_NUMBER, at, line);
        token->text = arena_strndup(lexer->arena, content + at, i - at);
        return true;
    }
    if (hcl_identifier_start((unsigned char)c)) {
        size_t i = at;
        while (i < lexer->length && hcl_identifier_byte((unsigned char)content[i]))
            i++;
        lexer->at = i;
        struct hcl_token *token = hcl_emit(lexer, HCL_TOKEN_IDENTIFIER, at, line);
        token->text = arena_strndup(lexer->arena, content + at, i - at);
        return true;
    }
    for (size_t k = 0; k < sizeof(hcl_punctuation_long) / sizeof(hcl_punctuation_long[0]); k++) {
        size_t n = strlen(hcl_punctuation_long[k]);
        if (lexer->length - at >= n && memcmp(content + at, hcl_punctuation_long[k], n) == 0) {
            if (k >= 8) {
                /* `${` and `%{` belong inside templates only. */
                hcl_lex_error(lexer, line, "'%s' outside a quoted string", hcl_punctuation_long[k]);
                return false;
            }
            lexer->at = at + n;
            struct hcl_token *token = hcl_emit(lexer, HCL_TOKEN_PUNCTUATION, at, line);
            token->text = hcl_punctuation_long[k];
            return true;
        }
    }
    static const char singles[] = "{}[]()=,.:?+-*/%!<>";
    const char *single = c ? strchr(singles, c) : NULL;
    if (single) {
        static const char *const single_texts[] = {"{", "}", "[", "]", "(", ")", "=", ",", ".", ":",
                                                   "?", "+", "-", "*", "/", "%", "!", "<", ">"};
        lexer->at = at + 1;
        struct hcl_token *token = hcl_emit(lexer, HCL_TOKEN_PUNCTUATION, at, line);
        token->text = single_texts[single - singles];
        return true;
    }
    unsigned char byte = (unsigned char)c;
    if (byte >= 0x21 && byte < 0x7f)
        hcl_lex_error(lexer, line, "unexpected character '%c'", c);
    else
        hcl_lex_error(lexer, line, "unexpected byte 0x%02x", byte);
    return false;
}

bool hcl_tokenize(struct arena *arena, const char *content, size_t length, struct hcl_tokens *out)
{
    memset(out, 0, sizeof(*out));
    struct hcl_lexer lexer = {
        .arena = arena, .content = content, .length = length, .line = 1, .out = out};
    size_t bad = 0;
    if (!utf8_validate(content, length, &bad)) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += content[i] == '\n';
        /* Tokens before the bad byte are still useful to a caller that wants
         * them; the error says where it stopped. */
        lexer.length = bad;
        hcl_lex_error(&lexer, line, "invalid UTF-8");
    }
    /* A byte order mark is not HCL, but editors on Windows write one;
     * skipping it is harmless. */
    if (lexer.length >= 3 && memcmp(content, "\xef\xbb\xbf", 3) == 0)
        lexer.at = 3;
    const char *utf8_error = lexer.error;
    int utf8_line = lexer.error_line;
    lexer.error = NULL;
    while (lexer.at < lexer.length && !lexer.error)
        if (!hcl_lex_one(&lexer))
            break;
    /* Invalid UTF-8 cut the content short: an unclosed string or block at
     * the cut is its echo, not the cause. */
    if (utf8_error && (!lexer.error || lexer.error_line >= utf8_line)) {
        lexer.error = utf8_error;
        lexer.error_line = utf8_line;
    }
    lexer.at = lexer.at > lexer.length ? lexer.length : lexer.at;
    size_t end = lexer.at;
    struct hcl_token *token = hcl_emit(&lexer, HCL_TOKEN_END, end, lexer.line);
    token->text = "";
    token->length = 0;
    out->error_line = lexer.error_line;
    out->error = lexer.error;
    return lexer.error == NULL;
}

/* ---- the parser ---- */

enum { HCL_MODE_STACK = 4 * HCL_NESTING_MAX + 8 };

struct hcl_parser {
    struct arena *arena;
    const char *content;
    const struct hcl_token *tokens; /* ends with HCL_TOKEN_END, which is never passed */
    size_t next;
    size_t last_end;               /* end offset of the last consumed token */
    bool newlines[HCL_MODE_STACK]; /* true: newlines are significant */
    int mode;
    int nesting;
    int error_line;
    const char *error;
};

static void hcl_parse_error(struct hcl_parser *parser, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void hcl_parse_error(struct hcl_parser *parser, int line, const char *format, ...)
{
    if (parser->error)
        return;
    va_list args;
    va_start(args, format);
    parser->error = arena_vprintf(parser->arena, format, args);
    va_end(args);
    parser->error_line = line;
}

static void hcl_push(struct hcl_parser *parser, bool newlines)
{
    if (parser->mode + 1 >= HCL_MODE_STACK) {
        hcl_parse_error(parser, parser->tokens[parser->next].line, "expressions nested too deep");
        return;
    }
    parser->newlines[++parser->mode] = newlines;
}

static void hcl_pop(struct hcl_parser *parser)
{
    if (parser->mode > 0)
        parser->mode--;
}

/* The next token, skipping newlines where they do not matter. Never moves
 * past HCL_TOKEN_END. */
static const struct hcl_token *hcl_peek(struct hcl_parser *parser)
{
    if (!parser->newlines[parser->mode])
        while (parser->tokens[parser->next].kind == HCL_TOKEN_NEWLINE)
            parser->next++;
    return &parser->tokens[parser->next];
}

static const struct hcl_token *hcl_take(struct hcl_parser *parser)
{
    const struct hcl_token *token = hcl_peek(parser);
    if (token->kind != HCL_TOKEN_END) {
        parser->next++;
        parser->last_end = token->offset + token->length;
    }
    return token;
}

static bool hcl_is(const struct hcl_token *token, const char *punctuation)
{
    return token->kind == HCL_TOKEN_PUNCTUATION && strcmp(token->text, punctuation) == 0;
}

static void hcl_skip_newlines(struct hcl_parser *parser)
{
    while (parser->tokens[parser->next].kind == HCL_TOKEN_NEWLINE)
        parser->next++;
}

static const char *hcl_describe(struct hcl_parser *parser, const struct hcl_token *token)
{
    switch (token->kind) {
    case HCL_TOKEN_END:
        return "the end of the file";
    case HCL_TOKEN_NEWLINE:
        return "a newline";
    case HCL_TOKEN_STRING:
        return "a quoted string";
    case HCL_TOKEN_HEREDOC:
        return "a heredoc";
    default:
        return arena_printf(parser->arena, "'%.*s'",
                            (int)(strlen(token->text) > 40 ? 40 : strlen(token->text)),
                            token->text);
    }
}

static void hcl_expression(struct hcl_parser *parser, struct hcl_value *value);

/* Skips a bracketed construct we do not model (a for-expression) whose
 * opening token was just consumed, up to and including its closer. */
static void hcl_skip_balanced(struct hcl_parser *parser, int open_line)
{
    int depth = 1;
    while (depth > 0) {
        const struct hcl_token *token = &parser->tokens[parser->next];
        if (token->kind == HCL_TOKEN_END) {
            hcl_parse_error(parser, open_line, "bracket opened here is never closed");
            return;
        }
        parser->next++;
        parser->last_end = token->offset + token->length;
        if (token->kind != HCL_TOKEN_PUNCTUATION)
            continue;
        if (hcl_is(token, "{") || hcl_is(token, "[") || hcl_is(token, "("))
            depth++;
        else if (hcl_is(token, "}") || hcl_is(token, "]") || hcl_is(token, ")"))
            depth--;
    }
}

static bool hcl_expect(struct hcl_parser *parser, const char *punctuation, const char *context,
                       int line)
{
    const struct hcl_token *token = hcl_peek(parser);
    if (hcl_is(token, punctuation)) {
        hcl_take(parser);
        return true;
    }
    hcl_parse_error(parser, token->kind == HCL_TOKEN_END ? line : token->line,
                    "expected '%s' %s, found %s", punctuation, context,
                    hcl_describe(parser, token));
    return false;
}

/* Appends an item to a list, object or call value. */
static struct hcl_value *hcl_add_item(struct hcl_parser *parser, struct hcl_value *value,
                                      size_t *capacity, size_t *key_capacity, const char *key)
{
    value->items = hcl_grow(parser->arena, value->items, capacity, value->item_count + 1,
                            sizeof(*value->items));
    if (key_capacity)
        value->keys = hcl_grow(parser->arena, value->keys, key_capacity, value->item_count + 1,
                               sizeof(*value->keys));
    if (value->keys)
        value->keys[value->item_count] = key;
    struct hcl_value *item = &value->items[value->item_count++];
    memset(item, 0, sizeof(*item));
    return item;
}

static void hcl_tuple(struct hcl_parser *parser, struct hcl_value *value, int open_line)
{
    size_t capacity = 0;
    value->kind = HCL_VALUE_LIST;
    for (;;) {
        const struct hcl_token *token = hcl_peek(parser);
        if (hcl_is(token, "]")) {
            hcl_take(parser);
            return;
        }
        if (token->kind == HCL_TOKEN_END) {
            hcl_parse_error(parser, open_line, "'[' opened here is never closed");
            return;
        }
        hcl_expression(parser, hcl_add_item(parser, value, &capacity, NULL, NULL));
        if (parser->error)
            return;
        token = hcl_peek(parser);
        if (token->kind == HCL_TOKEN_END) {
            hcl_parse_error(parser, open_line, "'[' opened here is never closed");
            return;
        }
        if (hcl_is(token, ","))
            hcl_take(parser);
        else if (!hcl_is(token, "]")) {
            hcl_parse_error(parser, token->kind == HCL_TOKEN_END ? open_line : token->line,
                            "expected ',' or ']' in a tuple, found %s",
                            hcl_describe(parser, token));
            return;
        }
    }
}

/* Whether an object key is a bare identifier (a literal name, not a
 * reference: `{foo = 1}` names the key "foo"). */
static bool hcl_plain_name(const char *text, size_t length)
{
    if (!length || !hcl_identifier_start((unsigned char)text[0]))
        return false;
    for (size_t i = 1; i < length; i++)
        if (!hcl_identifier_byte((unsigned char)text[i]))
            return false;
    return true;
}

static void hcl_object(struct hcl_parser *parser, struct hcl_value *value, int open_line)
{
    size_t capacity = 0, key_capacity = 0;
    value->kind = HCL_VALUE_OBJECT;
    for (;;) {
        hcl_skip_newlines(parser);
        const struct hcl_token *token = hcl_peek(parser);
        if (hcl_is(token, "}")) {
            hcl_take(parser);
            return;
        }
        if (token->kind == HCL_TOKEN_END) {
            hcl_parse_error(parser, open_line, "'{' opened here is never closed");
            return;
        }
        struct hcl_value key = {0};
        hcl_expression(parser, &key);
        if (parser->error)
            return;
        const char *name = NULL;
        if (key.kind == HCL_VALUE_STRING && !key.templated)
            name = key.string;
        else if (key.kind == HCL_VALUE_RAW && hcl_plain_name(key.source, key.source_length))
            name = arena_strndup(parser->arena, key.source, key.source_length);
        token = hcl_peek(parser);
        if (!hcl_is(token, "=") && !hcl_is(token, ":")) {
            hcl_parse_error(parser, token->kind == HCL_TOKEN_END ? open_line : token->line,
                            "expected '=' or ':' after an object key, found %s",
                            hcl_describe(parser, token));
            return;
        }
        hcl_take(parser);
        hcl_expression(parser, hcl_add_item(parser, value, &capacity, &key_capacity, name));
        if (parser->error)
            return;
        token = hcl_peek(parser);
        if (token->kind == HCL_TOKEN_END) {
            hcl_parse_error(parser, open_line, "'{' opened here is never closed");
            return;
        }
        if (hcl_is(token, ",") || token->kind == HCL_TOKEN_NEWLINE)
            hcl_take(parser);
        else if (!hcl_is(token, "}")) {
            hcl_parse_error(parser, token->kind == HCL_TOKEN_END ? open_line : token->line,
                            "expected ',', a newline or '}' in an object, found %s",
                            hcl_describe(parser, token));
            return;
        }
    }
}

static void hcl_call(struct hcl_parser *parser, struct hcl_value *value, int open_line)
{
    size_t capacity = 0;
    value->kind = HCL_VALUE_CALL;
    for (;;) {
        const struct hcl_token *token = hcl_peek(parser);
        if (hcl_is(token, ")")) {
            hcl_take(parser);
            return;
        }
        if (token->kind == HCL_TOKEN_END) {
            hcl_parse_error(parser, open_line, "'(' opened here is never closed");
            return;
        }
        hcl_expression(parser, hcl_add_item(parser, value, &capacity, NULL, NULL));
        if (parser->error)
            return;
        token = hcl_peek(parser);
        if (hcl_is(token, "...")) {
            hcl_take(parser);
            token = hcl_peek(parser);
        }
        if (token->kind == HCL_TOKEN_END) {
            hcl_parse_error(parser, open_line, "'(' opened here is never closed");
            return;
        }
        if (hcl_is(token, ","))
            hcl_take(parser);
        else if (!hcl_is(token, ")")) {
            hcl_parse_error(parser, token->kind == HCL_TOKEN_END ? open_line : token->line,
                            "expected ',' or ')' in a function call, found %s",
                            hcl_describe(parser, token));
            return;
        }
    }
}

static bool hcl_is_for(struct hcl_parser *parser)
{
    const struct hcl_token *token = hcl_peek(parser);
    return token->kind == HCL_TOKEN_IDENTIFIER && strcmp(token->text, "for") == 0;
}

/* An expression term and what follows it (attribute access, index, splat). */
static void hcl_operand(struct hcl_parser *parser, struct hcl_value *value)
{
    if (++parser->nesting > HCL_NESTING_MAX) {
        hcl_parse_error(parser, hcl_peek(parser)->line, "expressions nested more than %d deep",
                        HCL_NESTING_MAX);
        parser->nesting--;
        return;
    }
    const struct hcl_token *token = hcl_take(parser);
    memset(value, 0, sizeof(*value));
    value->line = token->line;
    value->source = parser->content + token->offset;
    size_t start = token->offset;
    value->kind = HCL_VALUE_RAW;
    switch (token->kind) {
    case HCL_TOKEN_NUMBER:
        value->kind = HCL_VALUE_NUMBER;
        value->number = strtod(token->text, NULL);
        break;
    case HCL_TOKEN_STRING:
    case HCL_TOKEN_HEREDOC:
        value->kind = HCL_VALUE_STRING;
        value->string = token->text;
        value->templated = token->templated;
        value->heredoc = token->kind == HCL_TOKEN_HEREDOC;
        break;
    case HCL_TOKEN_IDENTIFIER:
        if (strcmp(token->text, "true") == 0 || strcmp(token->text, "false") == 0) {
            value->kind = HCL_VALUE_BOOL;
            value->boolean = token->text[0] == 't';
        } else if (strcmp(token->text, "null") == 0) {
            value->kind = HCL_VALUE_NULL;
        } else if (hcl_is(&parser->tokens[parser->next], "(")) {
            /* A call needs its '(' right after the name, on the same line. */
            hcl_take(parser);
            value->string = token->text;
            hcl_push(parser, false);
            hcl_call(parser, value, token->line);
            hcl_pop(parser);
        }
        break;
    case HCL_TOKEN_PUNCTUATION:
        if (hcl_is(token, "[")) {
            hcl_push(parser, false);
            if (hcl_is_for(parser))
                hcl_skip_balanced(parser, token->line);
            else
                hcl_tuple(parser, value, token->line);
            hcl_pop(parser);
        } else if (hcl_is(token, "{")) {
            hcl_push(parser, true);
            hcl_skip_newlines(parser);
            if (hcl_is_for(parser))
                hcl_skip_balanced(parser, token->line);
            else
                hcl_object(parser, value, token->line);
            hcl_pop(parser);
        } else if (hcl_is(token, "(")) {
            hcl_push(parser, false);
            struct hcl_value inner;
            hcl_expression(parser, &inner);
            hcl_expect(parser, ")", "to close '('", token->line);
            hcl_pop(parser);
        } else if (hcl_is(token, "-") || hcl_is(token, "!")) {
            struct hcl_value inner;
            hcl_operand(parser, &inner);
            if (hcl_is(token, "-") && inner.kind == HCL_VALUE_NUMBER) {
                value->kind = HCL_VALUE_NUMBER;
                value->number = -inner.number;
            }
        } else {
            hcl_parse_error(parser, token->line, "expected an expression, found %s",
                            hcl_describe(parser, token));
        }
        break;
    default:
        hcl_parse_error(parser, token->line, "expected an expression, found %s",
                        hcl_describe(parser, token));
        break;
    }
    /* Traversals: .name, .0, .*, [index], [*] */
    while (!parser->error) {
        const struct hcl_token *next = hcl_peek(parser);
        if (hcl_is(next, ".")) {
            hcl_take(parser);
            const struct hcl_token *name = hcl_take(parser);
            if (name->kind != HCL_TOKEN_IDENTIFIER && name->kind != HCL_TOKEN_NUMBER &&
                !hcl_is(name, "*")) {
                hcl_parse_error(parser, name->line, "expected a name after '.', found %s",
                                hcl_describe(parser, name));
                break;
            }
        } else if (hcl_is(next, "[")) {
            hcl_take(parser);
            hcl_push(parser, false);
            if (hcl_is(hcl_peek(parser), "*")) {
                hcl_take(parser);
            } else {
                struct hcl_value index;
                hcl_expression(parser, &index);
            }
            hcl_expect(parser, "]", "to close an index", next->line);
            hcl_pop(parser);
        } else {
            break;
        }
        value->kind = HCL_VALUE_RAW;
    }
    value->source_length = parser->last_end > start ? parser->last_end - start : 0;
    parser->nesting--;
}

static bool hcl_binary_operator(const struct hcl_token *token)
{
    static const char *const operators[] = {
        "+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"};
    if (token->kind != HCL_TOKEN_PUNCTUATION)
        return false;
    for (size_t i = 0; i < sizeof(operators) / sizeof(operators[0]); i++)
        if (strcmp(token->text, operators[i]) == 0)
            return true;
    return false;
}

static void hcl_expression(struct hcl_parser *parser, struct hcl_value *value)
{
    size_t start = parser->tokens[parser->next].offset;
    hcl_operand(parser, value);
    start = value->source ? (size_t)(value->source - parser->content) : start;
    bool raw = false;
    while (!parser->error) {
        const struct hcl_token *token = hcl_peek(parser);
        if (hcl_binary_operator(token)) {
            hcl_take(parser);
            struct hcl_value right;
            hcl_operand(parser, &right);
        } else if (hcl_is(token, "?")) {
            hcl_take(parser);
            struct hcl_value branch;
            hcl_expression(parser, &branch);
            if (!hcl_expect(parser, ":", "in a conditional", token->line))
                break;
            hcl_expression(parser, &branch);
        } else {
            break;
        }
        raw = true;
    }
    if (raw) {
        value->kind = HCL_VALUE_RAW;
        value->items = NULL;
        value->keys = NULL;
        value->item_count = 0;
        value->string = NULL;
        value->source_length = parser->last_end > start ? parser->last_end - start : 0;
    }
}

static void hcl_body(struct hcl_parser *parser, struct hcl_body *body, int open_line,
                     int *close_line);

static void hcl_body_item(struct hcl_parser *parser, struct hcl_body *body, size_t *attribute_cap,
                          size_t *block_cap, bool in_block)
{
    const struct hcl_token *name = hcl_take(parser);
    const struct hcl_token *token = hcl_peek(parser);
    if (hcl_is(token, "=")) {
        hcl_take(parser);
        body->attributes = hcl_grow(parser->arena, body->attributes, attribute_cap,
                                    body->attribute_count + 1, sizeof(*body->attributes));
        struct hcl_attribute *attribute = &body->attributes[body->attribute_count++];
        attribute->name = name->text;
        attribute->line = name->line;
        hcl_expression(parser, &attribute->value);
        if (parser->error)
            return;
        token = hcl_peek(parser);
        if (token->kind == HCL_TOKEN_NEWLINE || token->kind == HCL_TOKEN_END ||
            (in_block && hcl_is(token, "}")))
            return;
        hcl_parse_error(parser, token->line, "expected a newline after attribute '%s', found %s",
                        name->text, hcl_describe(parser, token));
        return;
    }
    const char *labels[64];
    size_t label_count = 0;
    while ((token->kind == HCL_TOKEN_STRING && !token->templated) ||
           token->kind == HCL_TOKEN_IDENTIFIER) {
        if (label_count < sizeof(labels) / sizeof(labels[0]))
            labels[label_count++] = token->text;
        hcl_take(parser);
        token = hcl_peek(parser);
    }
    if (!hcl_is(token, "{")) {
        hcl_parse_error(parser, token->line, "expected '=' or a block's '{' after '%s', found %s",
                        name->text, hcl_describe(parser, token));
        return;
    }
    hcl_take(parser);
    body->blocks = hcl_grow(parser->arena, body->blocks, block_cap, body->block_count + 1,
                            sizeof(*body->blocks));
    struct hcl_block *block = &body->blocks[body->block_count++];
    memset(block, 0, sizeof(*block));
    block->type = name->text;
    block->line = name->line;
    block->label_count = label_count;
    block->labels = arena_alloc(parser->arena, (label_count ? label_count : 1) * sizeof(char *));
    memcpy(block->labels, labels, label_count * sizeof(char *));
    if (++parser->nesting > HCL_NESTING_MAX) {
        hcl_parse_error(parser, name->line, "blocks nested more than %d deep", HCL_NESTING_MAX);
        return;
    }
    /* The block's body is filled in place: `block` may move when the
     * enclosing array grows, but nothing is added to it meanwhile. */
    struct hcl_body inner = {0};
    int close_line = block->line;
    hcl_body(parser, &inner, name->line, &close_line);
    parser->nesting--;
    block->body = inner;
    block->end_line = close_line;
    if (parser->error)
        return;
    token = hcl_peek(parser);
    if (token->kind != HCL_TOKEN_NEWLINE && token->kind != HCL_TOKEN_END && !hcl_is(token, "}"))
        hcl_parse_error(parser, token->line, "expected a newline after the block '%s', found %s",
                        name->text, hcl_describe(parser, token));
}

/* Reads body items up to the closing '}' (open_line > 0) or the end. */
static void hcl_body(struct hcl_parser *parser, struct hcl_body *body, int open_line,
                     int *close_line)
{
    size_t attribute_cap = 0, block_cap = 0;
    while (!parser->error) {
        hcl_skip_newlines(parser);
        const struct hcl_token *token = hcl_peek(parser);
        if (token->kind == HCL_TOKEN_END) {
            if (open_line > 0)
                hcl_parse_error(parser, open_line, "block opened here is never closed");
            return;
        }
        if (hcl_is(token, "}")) {
            if (open_line > 0) {
                *close_line = token->line;
                hcl_take(parser);
                return;
            }
            hcl_parse_error(parser, token->line, "unexpected '}'");
            return;
        }
        if (token->kind != HCL_TOKEN_IDENTIFIER) {
            hcl_parse_error(parser, token->line, "expected an attribute or a block, found %s",
                            hcl_describe(parser, token));
            return;
        }
        hcl_body_item(parser, body, &attribute_cap, &block_cap, open_line > 0);
    }
}

bool hcl_parse(struct arena *arena, const char *content, size_t length, struct hcl_file *out)
{
    memset(out, 0, sizeof(*out));
    struct hcl_tokens tokens;
    hcl_tokenize(arena, content, length, &tokens);
    struct hcl_parser parser = {.arena = arena, .content = content, .tokens = tokens.items};
    parser.newlines[0] = true;
    int close_line = 0;
    hcl_body(&parser, &out->body, 0, &close_line);
    /* When the tokens were cut short by a lexical error, a parse error at
     * the cut (an unclosed block …) is only its echo: report the cause. */
    bool reached_cut = parser.tokens[parser.next].kind == HCL_TOKEN_END;
    if (tokens.error && (!parser.error || reached_cut)) {
        out->error = tokens.error;
        out->error_line = tokens.error_line;
    } else if (parser.error) {
        out->error = parser.error;
        out->error_line = parser.error_line;
    }
    return out->error == NULL;
}

/* ---- lookups ---- */

const struct hcl_attribute *hcl_body_attribute(const struct hcl_body *body, const char *name)
{
    for (size_t i = 0; i < body->attribute_count; i++)
        if (strcmp(body->attributes[i].name, name) == 0)
            return &body->attributes[i];
    return NULL;
}

const struct hcl_block *hcl_body_next_block(const struct hcl_body *body, const char *type,
                                            size_t *index)
{
    for (size_t i = *index; i < body->block_count; i++)
        if (strcmp(body->blocks[i].type, type) == 0) {
            *index = i + 1;
            return &body->blocks[i];
        }
    *index = body->block_count;
    return NULL;
}

const struct hcl_value *hcl_object_item(const struct hcl_value *object, const char *key)
{
    if (!object || object->kind != HCL_VALUE_OBJECT || !object->keys)
        return NULL;
    for (size_t i = 0; i < object->item_count; i++)
        if (object->keys[i] && strcmp(object->keys[i], key) == 0)
            return &object->items[i];
    return NULL;
}

const char *hcl_value_literal(const struct hcl_value *value)
{
    if (!value || value->kind != HCL_VALUE_STRING || value->templated)
        return NULL;
    return value->string;
}

int hcl_value_truth(const struct hcl_value *value)
{
    if (!value)
        return -1;
    if (value->kind == HCL_VALUE_BOOL)
        return value->boolean ? 1 : 0;
    const char *text = hcl_value_literal(value);
    if (text && strcmp(text, "true") == 0)
        return 1;
    if (text && strcmp(text, "false") == 0)
        return 0;
    return -1;
}

bool hcl_value_number(const struct hcl_value *value, double *number)
{
    if (!value)
        return false;
    if (value->kind == HCL_VALUE_NUMBER) {
        *number = value->number;
        return true;
    }
    const char *text = hcl_value_literal(value);
    if (!text || !*text)
        return false;
    char *end = NULL;
    double parsed = strtod(text, &end);
    if (!end || *end)
        return false;
    *number = parsed;
    return true;
}
