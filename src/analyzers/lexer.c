/*
 * lexer: one heuristic tokenizer per language that marks comments, string
 * literals and docstrings (see lexer.h). It reads bytes only through the
 * bounds-checked helpers below, always advances, and bounds its recursion
 * (interpolations nested deeper than LEXER_DEPTH_MAX stay string text), so
 * no input can make it read out of bounds, loop or exhaust the stack.
 *
 * None of these languages nests block comments (Rust, Swift and Kotlin
 * would; they have no lexer here). Known gaps, by language:
 * - Python: a docstring is any triple-quoted string that starts a line (so a
 *   triple-quoted argument on a line of its own is one too); an f-string's
 *   format spec is lexed as code.
 * - JavaScript/TypeScript: a '/' starts a regex literal when the previous
 *   token cannot end a value (so `a++ /x/` and `) /re/` after control
 *   statements are read as division); JSX text is lexed as code, so an
 *   apostrophe in it opens a string that ends at the end of the line.
 * - Ruby: interpolation inside heredoc bodies, %-literals with a space
 *   delimiter and regexes spanning lines are string text; `?x` character
 *   literals are recognised only where no value precedes.
 * - PHP: "{$x}" and "$x" interpolations are string text; `<?` short tags
 *   count only when followed by whitespace.
 * - Shell: `$( … )` inside double quotes is code, other expansions
 *   (`${…}`, backticks) in double quotes and every expansion in heredoc
 *   bodies are string text; `case` patterns' ')' inside `$( … )` close it.
 * - At most LEXER_HEREDOCS_MAX heredocs may start on one line; the bodies
 *   of further ones are lexed as code.
 */
#include "analyzers/lexer.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

enum { LEXER_DEPTH_MAX = 16, LEXER_HEREDOCS_MAX = 8 };

struct lexer_heredoc {
    size_t tag, tag_length; /* offset and length of the terminator word */
    bool indented;          /* the terminator may be indented (~, -, PHP) */
    bool prefix_only;       /* PHP: the terminator may be followed by ";" etc. */
};

struct lexer {
    enum lexer_language language;
    const char *text;
    size_t length;
    size_t pos;
    struct lexer_spans *out;
    int depth;
    bool value_end;     /* the last token can end a value: '/' divides, '%' is modulo */
    bool code_on_line;  /* a token other than blanks came before, on this line */
    bool first_on_line; /* the token being lexed is the first of its line */
    struct lexer_heredoc heredocs[LEXER_HEREDOCS_MAX];
    size_t heredoc_count;
};

static void lexer_code(struct lexer *lx, char open, char close, bool stop_at_newline);

/* ---- bounds-checked reading ---- */

static char lexer_peek(const struct lexer *lx, size_t ahead)
{
    return lx->pos + ahead < lx->length ? lx->text[lx->pos + ahead] : '\0';
}

static bool lexer_at(const struct lexer *lx, const char *literal)
{
    size_t n = strlen(literal);
    return lx->pos <= lx->length && lx->length - lx->pos >= n &&
           memcmp(lx->text + lx->pos, literal, n) == 0;
}

static void lexer_skip(struct lexer *lx, size_t count)
{
    lx->pos = lx->length - lx->pos > count ? lx->pos + count : lx->length;
}

static bool lexer_word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || (unsigned char)c >= 0x80;
}

static void lexer_emit(struct lexer *lx, size_t start, size_t end, enum lexer_span_kind kind)
{
    struct lexer_spans *out = lx->out;
    if (out->count > 0 && start < out->items[out->count - 1].end)
        start = out->items[out->count - 1].end; /* never overlap (defensive) */
    if (end <= start)
        return;
    if (out->count > 0 && out->items[out->count - 1].end == start &&
        out->items[out->count - 1].kind == kind) {
        out->items[out->count - 1].end = end;
        return;
    }
    out->items = xgrow(out->items, &out->capacity, out->count + 1, sizeof(*out->items));
    out->items[out->count++] = (struct lexer_span){start, end, kind};
}

/* A comment from here to the end of the line (the newline stays code). */
static void lexer_line_comment(struct lexer *lx)
{
    size_t start = lx->pos;
    const char *newline = memchr(lx->text + lx->pos, '\n', lx->length - lx->pos);
    lx->pos = newline ? (size_t)(newline - lx->text) : lx->length;
    lexer_emit(lx, start, lx->pos, LEXER_COMMENT);
}

/* A comment from here through `close`, or to the end of the input. */
static void lexer_block_comment(struct lexer *lx, size_t open_length, const char *close)
{
    size_t start = lx->pos;
    lexer_skip(lx, open_length);
    size_t close_length = strlen(close);
    while (lx->pos < lx->length && !lexer_at(lx, close))
        lx->pos++;
    lexer_skip(lx, close_length);
    lexer_emit(lx, start, lx->pos, LEXER_COMMENT);
}

/* Code inside an interpolation of a string being lexed: emits the string
 * so far, lexes the code up to the matching `close`, consumes it and
 * returns where the string resumes. Past LEXER_DEPTH_MAX the opener is
 * string text (returns false). */
static bool lexer_interpolate(struct lexer *lx, size_t *string_start, enum lexer_span_kind kind,
                              size_t opener_length, char open, char close, bool stop_at_newline)
{
    if (lx->depth >= LEXER_DEPTH_MAX)
        return false;
    lexer_emit(lx, *string_start, lx->pos, kind);
    lexer_skip(lx, opener_length);
    lx->depth++;
    lexer_code(lx, open, close, stop_at_newline);
    lx->depth--;
    if (lx->pos < lx->length && lx->text[lx->pos] == close)
        lx->pos++;
    *string_start = lx->pos;
    return true;
}

/* The body of a quoted literal; lx->pos is just past the opening quote.
 * `interpolation` is the opener of embedded code ("${", "#{", "{", "$(")
 * or NULL. Ends past the closing `quote`, or at a newline for single-line
 * literals (the newline stays code), or at the end of the input. */
static void lexer_quoted(struct lexer *lx, char quote, bool escapes, bool multiline,
                         const char *interpolation, enum lexer_span_kind kind)
{
    size_t start = lx->pos;
    size_t opener_length = interpolation ? strlen(interpolation) : 0;
    char close = interpolation ? (interpolation[opener_length - 1] == '(' ? ')' : '}') : '\0';
    char open = close == ')' ? '(' : '{';
    while (lx->pos < lx->length) {
        char c = lx->text[lx->pos];
        if (c == '\\' && escapes) {
            lexer_skip(lx, 2);
            continue;
        }
        if (c == quote) {
            lexer_emit(lx, start, lx->pos, kind);
            lx->pos++;
            lx->value_end = true;
            return;
        }
        if (c == '\n' && !multiline)
            break;
        if (interpolation && lexer_at(lx, interpolation)) {
            /* Python: "{{" is a literal brace, not code. */
            if (opener_length == 1 && lexer_peek(lx, 1) == '{') {
                lexer_skip(lx, 2);
                continue;
            }
            if (lexer_interpolate(lx, &start, kind, opener_length, open, close, !multiline))
                continue;
        }
        lx->pos++;
    }
    lexer_emit(lx, start, lx->pos, kind);
    lx->value_end = true;
}

/* ---- heredocs (Ruby, PHP, shell): bodies start on the next line ---- */

static void lexer_heredoc_push(struct lexer *lx, size_t tag, size_t tag_length, bool indented,
                               bool prefix_only)
{
    if (tag_length == 0 || lx->heredoc_count >= LEXER_HEREDOCS_MAX)
        return;
    lx->heredocs[lx->heredoc_count++] =
        (struct lexer_heredoc){tag, tag_length, indented, prefix_only};
}

/* Consumes one heredoc body from lx->pos (a line start) through its
 * terminator line. The body is a string; the terminator line is code. */
static void lexer_heredoc_body(struct lexer *lx, const struct lexer_heredoc *heredoc)
{
    size_t body = lx->pos;
    const char *tag = lx->text + heredoc->tag;
    while (lx->pos < lx->length) {
        size_t line = lx->pos;
        const char *newline = memchr(lx->text + line, '\n', lx->length - line);
        size_t line_end = newline ? (size_t)(newline - lx->text) : lx->length;
        size_t first = line;
        if (heredoc->indented)
            while (first < line_end && (lx->text[first] == ' ' || lx->text[first] == '\t'))
                first++;
        size_t end = line_end;
        if (end > first && lx->text[end - 1] == '\r')
            end--;
        bool terminator = false;
        if (end - first >= heredoc->tag_length &&
            memcmp(lx->text + first, tag, heredoc->tag_length) == 0) {
            size_t after = first + heredoc->tag_length;
            terminator =
                after == end || (heredoc->prefix_only && !lexer_word_byte(lx->text[after]));
        }
        if (terminator) {
            lexer_emit(lx, body, line, LEXER_STRING);
            lx->pos = newline ? line_end + 1 : line_end;
            return;
        }
        lx->pos = newline ? line_end + 1 : line_end;
    }
    lexer_emit(lx, body, lx->pos, LEXER_STRING);
}

/* At a newline in code: moves past it and through any pending heredocs. */
static void lexer_newline(struct lexer *lx)
{
    lx->pos++;
    lx->code_on_line = false;
    size_t count = lx->heredoc_count;
    lx->heredoc_count = 0;
    for (size_t i = 0; i < count; i++)
        lexer_heredoc_body(lx, &lx->heredocs[i]);
}

/* ---- Python ---- */

static bool lexer_python_prefix(const char *word, size_t length)
{
    if (length == 0 || length > 2)
        return false;
    for (size_t i = 0; i < length; i++)
        if (!strchr("rRbBuUfFtT", word[i]))
            return false;
    return true;
}

static void lexer_python_string(struct lexer *lx, bool formatted)
{
    char quote = lx->text[lx->pos];
    bool triple = lexer_peek(lx, 1) == quote && lexer_peek(lx, 2) == quote;
    /* A string statement of its own is documentation (PEP 257), in
     * practice always triple-quoted. */
    enum lexer_span_kind kind = triple && lx->first_on_line ? LEXER_DOCSTRING : LEXER_STRING;
    lexer_skip(lx, triple ? 3 : 1);
    if (!triple) {
        lexer_quoted(lx, quote, true, false, formatted ? "{" : NULL, kind);
        return;
    }
    size_t start = lx->pos;
    while (lx->pos < lx->length) {
        char c = lx->text[lx->pos];
        if (c == '\\') {
            lexer_skip(lx, 2);
            continue;
        }
        if (c == quote && lexer_peek(lx, 1) == quote && lexer_peek(lx, 2) == quote) {
            lexer_emit(lx, start, lx->pos, kind);
            lexer_skip(lx, 3);
            return;
        }
        if (formatted && c == '{') {
            if (lexer_peek(lx, 1) == '{') {
                lexer_skip(lx, 2);
                continue;
            }
            if (lexer_interpolate(lx, &start, kind, 1, '{', '}', false))
                continue;
        }
        lx->pos++;
    }
    lexer_emit(lx, start, lx->pos, kind);
}

static void lexer_python_token(struct lexer *lx)
{
    char c = lx->text[lx->pos];
    if (c == '#') {
        lexer_line_comment(lx);
    } else if (c == '"' || c == '\'') {
        lexer_python_string(lx, false);
    } else if (lexer_word_byte(c)) {
        size_t start = lx->pos;
        while (lx->pos < lx->length && lexer_word_byte(lx->text[lx->pos]))
            lx->pos++;
        char next = lx->pos < lx->length ? lx->text[lx->pos] : '\0';
        if ((next == '"' || next == '\'') && lexer_python_prefix(lx->text + start, lx->pos - start))
            lexer_python_string(lx, memchr(lx->text + start, 'f', lx->pos - start) ||
                                        memchr(lx->text + start, 'F', lx->pos - start) ||
                                        memchr(lx->text + start, 't', lx->pos - start) ||
                                        memchr(lx->text + start, 'T', lx->pos - start));
    } else {
        lx->pos++;
    }
}

/* ---- JavaScript / TypeScript ---- */

/* Words after which a '/' starts a regex literal rather than dividing. */
static bool lexer_keyword_before_value(const char *word, size_t length)
{
    static const char *const words[] = {"return", "typeof", "instanceof", "in",     "of",   "new",
                                        "delete", "void",   "throw",      "case",   "do",   "else",
                                        "yield",  "await",  "if",         "unless", "when", "and",
                                        "or",     "not",    "while",      "until",  "puts", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == length && memcmp(words[i], word, length) == 0)
            return true;
    return false;
}

/* A regex literal from the opening '/' (code) to its closing '/' on the
 * same line; its flags are code. */
static void lexer_regex(struct lexer *lx)
{
    lx->pos++;
    size_t start = lx->pos;
    bool in_class = false;
    while (lx->pos < lx->length) {
        char c = lx->text[lx->pos];
        if (c == '\n')
            break;
        if (c == '\\') {
            lexer_skip(lx, 2);
            continue;
        }
        if (c == '[')
            in_class = true;
        else if (c == ']')
            in_class = false;
        else if (c == '/' && !in_class)
            break;
        lx->pos++;
    }
    lexer_emit(lx, start, lx->pos, LEXER_STRING);
    if (lx->pos < lx->length && lx->text[lx->pos] == '/')
        lx->pos++;
    lx->value_end = true;
}

/* An identifier or number; sets value_end from it. */
static void lexer_word(struct lexer *lx, bool ruby)
{
    size_t start = lx->pos;
    while (lx->pos < lx->length && lexer_word_byte(lx->text[lx->pos]))
        lx->pos++;
    if (ruby && lx->pos < lx->length && (lx->text[lx->pos] == '?' || lx->text[lx->pos] == '!'))
        lx->pos++;
    lx->value_end = !lexer_keyword_before_value(lx->text + start, lx->pos - start);
}

static void lexer_punctuation(struct lexer *lx)
{
    char c = lx->text[lx->pos++];
    if (c == ' ' || c == '\t' || c == '\r')
        return;
    lx->value_end = c == ')' || c == ']' || c == '}';
}

static void lexer_javascript_token(struct lexer *lx)
{
    char c = lx->text[lx->pos];
    if (c == '/' && lexer_peek(lx, 1) == '/') {
        lexer_line_comment(lx);
    } else if (c == '/' && lexer_peek(lx, 1) == '*') {
        lexer_block_comment(lx, 2, "*/");
    } else if (c == '/' && !lx->value_end) {
        lexer_regex(lx);
    } else if (c == '"' || c == '\'') {
        lx->pos++;
        lexer_quoted(lx, c, true, false, NULL, LEXER_STRING);
    } else if (c == '`') {
        lx->pos++;
        lexer_quoted(lx, '`', true, true, "${", LEXER_STRING);
    } else if (c == '#' && lx->pos == 0 && lexer_peek(lx, 1) == '!') {
        lexer_line_comment(lx);
    } else if (lexer_word_byte(c)) {
        lexer_word(lx, false);
    } else {
        lexer_punctuation(lx);
    }
}

/* ---- Go and Java ---- */

static void lexer_go_token(struct lexer *lx)
{
    char c = lx->text[lx->pos];
    if (c == '/' && lexer_peek(lx, 1) == '/') {
        lexer_line_comment(lx);
    } else if (c == '/' && lexer_peek(lx, 1) == '*') {
        lexer_block_comment(lx, 2, "*/");
    } else if (c == '"' || c == '\'') {
        lx->pos++;
        lexer_quoted(lx, c, true, false, NULL, LEXER_STRING);
    } else if (c == '`') {
        lx->pos++;
        lexer_quoted(lx, '`', false, true, NULL, LEXER_STRING);
    } else {
        lx->pos++;
    }
}

static void lexer_java_token(struct lexer *lx)
{
    char c = lx->text[lx->pos];
    if (c == '/' && lexer_peek(lx, 1) == '/') {
        lexer_line_comment(lx);
    } else if (c == '/' && lexer_peek(lx, 1) == '*') {
        lexer_block_comment(lx, 2, "*/");
    } else if (lexer_at(lx, "\"\"\"")) {
        lexer_skip(lx, 3);
        size_t start = lx->pos;
        while (lx->pos < lx->length && !lexer_at(lx, "\"\"\""))
            lexer_skip(lx, lx->text[lx->pos] == '\\' ? 2 : 1);
        lexer_emit(lx, start, lx->pos, LEXER_STRING);
        lexer_skip(lx, 3);
    } else if (c == '"' || c == '\'') {
        lx->pos++;
        lexer_quoted(lx, c, true, false, NULL, LEXER_STRING);
    } else {
        lx->pos++;
    }
}

/* ---- Ruby ---- */

static char lexer_closing_bracket(char open)
{
    switch (open) {
    case '(':
        return ')';
    case '[':
        return ']';
    case '{':
        return '}';
    case '<':
        return '>';
    default:
        return open;
    }
}

/* %q(…), %Q[…], %w{…}, %(…) …: lx->pos is at the delimiter. Brackets
 * nest; the interpolating forms have #{…} code. */
static void lexer_ruby_percent(struct lexer *lx, bool interpolates)
{
    char open = lx->text[lx->pos];
    char close = lexer_closing_bracket(open);
    lx->pos++;
    size_t start = lx->pos;
    int nesting = 0;
    while (lx->pos < lx->length) {
        char c = lx->text[lx->pos];
        if (c == '\\') {
            lexer_skip(lx, 2);
            continue;
        }
        if (c == close && nesting == 0) {
            lexer_emit(lx, start, lx->pos, LEXER_STRING);
            lx->pos++;
            lx->value_end = true;
            return;
        }
        if (open != close && c == open)
            nesting++;
        else if (open != close && c == close)
            nesting--;
        if (interpolates && c == '#' && lexer_peek(lx, 1) == '{' &&
            lexer_interpolate(lx, &start, LEXER_STRING, 2, '{', '}', false))
            continue;
        lx->pos++;
    }
    lexer_emit(lx, start, lx->pos, LEXER_STRING);
}

static bool lexer_ruby_delimiter(char c)
{
    return c != '\0' && strchr("([{<|!/^~'\"-+:", c) != NULL;
}

/* <<~TAG, <<-TAG, <<TAG, with the tag optionally quoted: registers the
 * heredoc and returns true; false when the '<<' is a shift or append. */
static bool lexer_ruby_heredoc(struct lexer *lx)
{
    size_t at = lx->pos + 2;
    bool indented = false;
    if (at < lx->length && (lx->text[at] == '~' || lx->text[at] == '-')) {
        indented = true;
        at++;
    }
    char quote = at < lx->length ? lx->text[at] : '\0';
    bool quoted = quote == '\'' || quote == '"' || quote == '`';
    if (quoted)
        at++;
    size_t tag = at;
    while (at < lx->length && lexer_word_byte(lx->text[at]) && lx->text[at] != '$')
        at++;
    if (at == tag)
        return false;
    char first = lx->text[tag];
    if (!quoted && !indented && !((first >= 'A' && first <= 'Z') || first == '_'))
        return false;
    if (quoted && (at >= lx->length || lx->text[at] != quote))
        return false;
    lexer_heredoc_push(lx, tag, at - tag, indented, false);
    lx->pos = quoted ? at + 1 : at;
    lx->value_end = true;
    return true;
}

static void lexer_ruby_token(struct lexer *lx)
{
    char c = lx->text[lx->pos];
    bool column_one = lx->pos == 0 || lx->text[lx->pos - 1] == '\n';
    if (column_one && c == '=' && lexer_at(lx, "=begin") &&
        (lexer_peek(lx, 6) == '\0' || strchr(" \t\r\n", lexer_peek(lx, 6)))) {
        /* Through the line that starts with =end. */
        size_t start = lx->pos;
        while (lx->pos < lx->length) {
            const char *newline = memchr(lx->text + lx->pos, '\n', lx->length - lx->pos);
            lx->pos = newline ? (size_t)(newline - lx->text) + 1 : lx->length;
            if (lexer_at(lx, "=end")) {
                const char *end = memchr(lx->text + lx->pos, '\n', lx->length - lx->pos);
                lx->pos = end ? (size_t)(end - lx->text) : lx->length;
                break;
            }
        }
        lexer_emit(lx, start, lx->pos, LEXER_COMMENT);
    } else if (column_one && c == '_' && lexer_at(lx, "__END__") &&
               (lexer_peek(lx, 7) == '\0' || lexer_peek(lx, 7) == '\n' ||
                lexer_peek(lx, 7) == '\r')) {
        lexer_emit(lx, lx->pos, lx->length, LEXER_TEXT);
        lx->pos = lx->length;
    } else if (c == '#') {
        lexer_line_comment(lx);
    } else if (c == '\'') {
        lx->pos++;
        lexer_quoted(lx, '\'', true, true, NULL, LEXER_STRING);
    } else if (c == '"' || c == '`') {
        lx->pos++;
        lexer_quoted(lx, c, true, true, "#{", LEXER_STRING);
    } else if (c == '%' && lexer_peek(lx, 1) != '\0' && strchr("qQwWiIxrs", lexer_peek(lx, 1)) &&
               lexer_ruby_delimiter(lexer_peek(lx, 2))) {
        char type = lexer_peek(lx, 1);
        lexer_skip(lx, 2);
        lexer_ruby_percent(lx, strchr("QWIxr", type) != NULL);
    } else if (c == '%' && !lx->value_end && lexer_ruby_delimiter(lexer_peek(lx, 1))) {
        lx->pos++;
        lexer_ruby_percent(lx, true);
    } else if (c == '/' && !lx->value_end) {
        lexer_regex(lx);
    } else if (c == '<' && lexer_peek(lx, 1) == '<' && lexer_ruby_heredoc(lx)) {
        /* registered; the body follows the line */
    } else if (c == '?' && !lx->value_end && lexer_peek(lx, 1) != '\0' &&
               !strchr(" \t\r\n", lexer_peek(lx, 1))) {
        lexer_skip(lx, lexer_peek(lx, 1) == '\\' ? 3 : 2); /* ?a, ?\n character literals */
        lx->value_end = true;
    } else if (c == '$' && lexer_peek(lx, 1) != '\0' && !lexer_word_byte(lexer_peek(lx, 1))) {
        lexer_skip(lx, 2); /* $' $" $~ … special globals */
        lx->value_end = true;
    } else if (lexer_word_byte(c)) {
        lexer_word(lx, true);
    } else {
        lexer_punctuation(lx);
    }
}

/* ---- PHP ---- */

/* Text outside PHP tags, up to and including the next opening tag. */
static void lexer_php_text(struct lexer *lx)
{
    size_t start = lx->pos;
    while (lx->pos < lx->length) {
        if (lx->text[lx->pos] == '<' && lexer_peek(lx, 1) == '?') {
            char after = lexer_peek(lx, 2);
            if (after == '=' || after == ' ' || after == '\t' || after == '\n' || after == '\r') {
                lexer_emit(lx, start, lx->pos, LEXER_TEXT);
                lexer_skip(lx, 3);
                return;
            }
            if (lx->length - lx->pos >= 5 && strncasecmp(lx->text + lx->pos + 2, "php", 3) == 0) {
                lexer_emit(lx, start, lx->pos, LEXER_TEXT);
                lexer_skip(lx, 5);
                return;
            }
        }
        lx->pos++;
    }
    lexer_emit(lx, start, lx->pos, LEXER_TEXT);
}

/* A // or # comment ends at the newline or before a closing tag. */
static void lexer_php_line_comment(struct lexer *lx)
{
    size_t start = lx->pos;
    while (lx->pos < lx->length && lx->text[lx->pos] != '\n' && !lexer_at(lx, "?>"))
        lx->pos++;
    lexer_emit(lx, start, lx->pos, LEXER_COMMENT);
}

static void lexer_php_heredoc(struct lexer *lx)
{
    size_t at = lx->pos + 3;
    while (at < lx->length && (lx->text[at] == ' ' || lx->text[at] == '\t'))
        at++;
    char quote = at < lx->length ? lx->text[at] : '\0';
    bool quoted = quote == '\'' || quote == '"';
    if (quoted)
        at++;
    size_t tag = at;
    while (at < lx->length && lexer_word_byte(lx->text[at]) && lx->text[at] != '$')
        at++;
    size_t tag_end = at;
    if (quoted && at < lx->length && lx->text[at] == quote)
        at++;
    lexer_heredoc_push(lx, tag, tag_end - tag, true, true);
    lx->pos = at;
}

static void lexer_php_token(struct lexer *lx)
{
    char c = lx->text[lx->pos];
    if (c == '?' && lexer_peek(lx, 1) == '>') {
        lexer_skip(lx, 2);
        lexer_php_text(lx);
    } else if ((c == '/' && lexer_peek(lx, 1) == '/') || (c == '#' && lexer_peek(lx, 1) != '[')) {
        lexer_php_line_comment(lx);
    } else if (c == '/' && lexer_peek(lx, 1) == '*') {
        lexer_block_comment(lx, 2, "*/");
    } else if (c == '\'' || c == '"' || c == '`') {
        lx->pos++;
        lexer_quoted(lx, c, true, true, NULL, LEXER_STRING);
    } else if (c == '<' && lexer_at(lx, "<<<")) {
        lexer_php_heredoc(lx);
    } else {
        lx->pos++;
    }
}

/* ---- shell ---- */

static void lexer_shell_heredoc(struct lexer *lx)
{
    size_t at = lx->pos + 2;
    bool tabs = false;
    if (at < lx->length && lx->text[at] == '-') {
        tabs = true;
        at++;
    }
    while (at < lx->length && (lx->text[at] == ' ' || lx->text[at] == '\t'))
        at++;
    char quote = at < lx->length ? lx->text[at] : '\0';
    bool quoted = quote == '\'' || quote == '"';
    if (quoted || quote == '\\')
        at++;
    size_t tag = at;
    while (at < lx->length &&
           (lexer_word_byte(lx->text[at]) || lx->text[at] == '-' || lx->text[at] == '.') &&
           lx->text[at] != '$')
        at++;
    size_t tag_end = at;
    if (quoted && at < lx->length && lx->text[at] == quote)
        at++;
    /* `$((1<<2))` shifts: a delimiter starting with a digit is not one. */
    if (tag_end > tag && lx->text[tag] >= '0' && lx->text[tag] <= '9') {
        lx->pos = at;
        return;
    }
    /* `<<-` strips leading tabs only; spaces are accepted too (harmless). */
    lexer_heredoc_push(lx, tag, tag_end - tag, tabs, false);
    lx->pos = at;
}

static void lexer_shell_token(struct lexer *lx)
{
    char c = lx->text[lx->pos];
    char before = lx->pos > 0 ? lx->text[lx->pos - 1] : '\n';
    if (c == '#' && strchr(" \t\n;|&()", before)) {
        lexer_line_comment(lx);
    } else if (c == '\\') {
        lexer_skip(lx, 2);
    } else if (c == '\'') {
        lx->pos++;
        lexer_quoted(lx, '\'', false, true, NULL, LEXER_STRING);
    } else if (c == '$' && lexer_peek(lx, 1) == '\'') {
        lexer_skip(lx, 2);
        lexer_quoted(lx, '\'', true, true, NULL, LEXER_STRING);
    } else if (c == '$' && lexer_peek(lx, 1) != '"' && lexer_peek(lx, 1) != '(' &&
               lexer_peek(lx, 1) != '{') {
        lexer_skip(lx, 2); /* $# $? $$ $1 …: never a comment or a quote */
    } else if (c == '"') {
        lx->pos++;
        lexer_quoted(lx, '"', true, true, "$(", LEXER_STRING);
    } else if (c == '<' && lexer_peek(lx, 1) == '<' && lexer_peek(lx, 2) != '<') {
        lexer_shell_heredoc(lx);
    } else {
        lx->pos++;
    }
}

/* ---- driver ---- */

/* Lexes code to the end of the input or, inside an interpolation, up to
 * the unmatched `close` (not consumed) — or a newline when the enclosing
 * literal is single-line. */
static void lexer_code(struct lexer *lx, char open, char close, bool stop_at_newline)
{
    int nesting = 0;
    while (lx->pos < lx->length) {
        char c = lx->text[lx->pos];
        if (close) {
            if (c == close && nesting == 0)
                return;
            if (c == '\n' && stop_at_newline)
                return;
            if (c == open)
                nesting++;
            else if (c == close)
                nesting--;
        }
        if (c == '\n') {
            lexer_newline(lx);
            continue;
        }
        size_t before = lx->pos;
        lx->first_on_line = !lx->code_on_line;
        if (c != ' ' && c != '\t' && c != '\r')
            lx->code_on_line = true;
        switch (lx->language) {
        case LEXER_PYTHON:
            lexer_python_token(lx);
            break;
        case LEXER_JAVASCRIPT:
            lexer_javascript_token(lx);
            break;
        case LEXER_GO:
            lexer_go_token(lx);
            break;
        case LEXER_JAVA:
            lexer_java_token(lx);
            break;
        case LEXER_RUBY:
            lexer_ruby_token(lx);
            break;
        case LEXER_PHP:
            lexer_php_token(lx);
            break;
        case LEXER_SHELL:
            lexer_shell_token(lx);
            break;
        case LEXER_NONE:
            lx->pos = lx->length;
            break;
        }
        if (lx->pos <= before)
            lx->pos = before + 1; /* every token consumes at least one byte */
    }
}

enum lexer_language lexer_language_for(const char *name)
{
    static const struct {
        const char *name;
        enum lexer_language language;
    } table[] = {
        {"Python", LEXER_PYTHON},
        {"JavaScript", LEXER_JAVASCRIPT},
        {"TypeScript", LEXER_JAVASCRIPT},
        {"JSX", LEXER_JAVASCRIPT},
        {"Go", LEXER_GO},
        {"Java", LEXER_JAVA},
        {"Ruby", LEXER_RUBY},
        {"PHP", LEXER_PHP},
        {"Bourne Shell", LEXER_SHELL},
        {"Bourne Again Shell", LEXER_SHELL},
        {"Korn Shell", LEXER_SHELL},
        {"zsh", LEXER_SHELL},
    };
    if (!name)
        return LEXER_NONE;
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (strcmp(table[i].name, name) == 0)
            return table[i].language;
    return LEXER_NONE;
}

void lexer_lex(enum lexer_language language, const char *text, size_t length,
               struct lexer_spans *out)
{
    out->count = 0;
    if (language == LEXER_NONE || !text)
        return;
    struct lexer lx = {.language = language, .text = text, .length = length, .out = out};
    if (language == LEXER_PHP)
        lexer_php_text(&lx); /* a PHP file starts as text, before its first tag */
    lexer_code(&lx, '\0', '\0', false);
}

const struct lexer_span *lexer_span_at(const struct lexer_spans *spans, size_t offset)
{
    size_t low = 0, high = spans->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (spans->items[middle].end <= offset)
            low = middle + 1;
        else
            high = middle;
    }
    if (low < spans->count && spans->items[low].start <= offset)
        return &spans->items[low];
    return NULL;
}

void lexer_spans_release(struct lexer_spans *spans)
{
    free(spans->items);
    memset(spans, 0, sizeof(*spans));
}

const char *lexer_span_kind_name(enum lexer_span_kind kind)
{
    switch (kind) {
    case LEXER_COMMENT:
        return "comment";
    case LEXER_STRING:
        return "string";
    case LEXER_DOCSTRING:
        return "docstring";
    case LEXER_TEXT:
        return "text";
    }
    return "?";
}
