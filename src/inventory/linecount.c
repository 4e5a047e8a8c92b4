/*
 * linecount: splits a file into lines and classifies each as blank, comment
 * or code with a small per-language scanner, following cloc's conventions:
 *
 *   - blank: nothing but ASCII whitespace (also inside block comments and
 *     docstrings, because cloc removes blank lines before comments);
 *   - code: any code at all on the line, even next to a comment;
 *   - comment: everything else (comment text, and for Python-like languages
 *     the text of triple-quoted strings, as cloc's docstring filter does);
 *   - a first line starting with "#!" is code, and so is a blank line right
 *     after a line ending in a backslash where that continues the line (a C
 *     macro, a shell command);
 *   - a leading UTF-8 byte-order mark is ignored; "\r\n" and a last line
 *     without a newline count like any other line.
 *
 * Unlike cloc it follows string literals, so "/" "*" or "#" inside a string
 * opens nothing, and it knows a few comment forms cloc does not (CMake
 * bracket comments, Perl POD beyond =head1). Where cloc's filters are plainly
 * accidental (Python lines containing "/" "*" are comments to cloc) this file
 * does the right thing; bench/RESULTS.md records how far totals drift from
 * cloc's and why.
 *
 * It must never read past `length`, must accept any bytes (bytes >= 0x80 and
 * control characters are simply code), must not allocate, and keeps all
 * state on the stack so workers can call it concurrently.
 */
#include "inventory/linecount.h"
#include "util/text.h"

#include <stdbool.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* At most this many stop bytes are looked for 16 at a time (SSE2); a
 * language with more (Python's string prefixes) uses the table alone. */
enum { LINECOUNT_STOPS_MAX = 6 };

enum linecount_kind { LINE_BLANK, LINE_COMMENT, LINE_CODE };

enum linecount_open { OPEN_NONE, OPEN_BLOCK, OPEN_STRING };

/* What is still open at the end of a line, plus per-language line modes. */
struct linecount_state {
    const struct language *language;
    enum linecount_open open;
    /* block comment */
    const char *block_open;
    const char *block_close; /* NULL: a long bracket ]=…=] of bracket_level '=' */
    size_t block_open_length, block_close_length;
    unsigned block_depth;
    unsigned bracket_level;
    /* string literal */
    char quote;
    unsigned char quote_count; /* 1, or 3 for triple-quoted strings */
    unsigned raw_hashes;       /* Rust r#"…"#: number of '#' */
    bool string_comment;       /* text counts as comment (docstrings) */
    bool string_raw;           /* a backslash does not escape */
    bool string_doubled;       /* "" stands for one quote (C# @"…") */
    bool string_multiline;     /* may continue without a trailing backslash */
    bool string_continued;     /* the line ended in a backslash inside the string */
    /* line modes */
    bool pod;            /* Perl POD block */
    bool perl_end;       /* after __END__ / __DATA__ */
    bool ruby_block;     /* Ruby =begin … =end */
    bool markdown_link;  /* Markdown [//]: # ( … spanning lines */
    bool rst_block;      /* reStructuredText ".." block */
    bool jupyter_code;   /* inside a code cell … */
    bool jupyter_source; /* … and inside its "source" list */
    /* bytes that can start something other than plain code */
    unsigned char special[256];
    /* the same without whitespace: once a line has code, whitespace is
     * just more code, and runs of code are where the time goes */
    unsigned char special_code[256];
    unsigned char stops[LINECOUNT_STOPS_MAX]; /* the bytes of special_code */
    unsigned stop_count;                      /* 0: more than fit in stops */
    /* The end of the whole content: 16-byte loads may run past the end of
     * the line being scanned, never past this. */
    const char *content_end;
#if defined(__SSE2__)
    __m128i stop_vectors[LINECOUNT_STOPS_MAX]; /* each of stops, in all 16 lanes */
#endif
};

static bool linecount_is_space(unsigned char c)
{
    /* Perl's \s on a byte string: ASCII whitespace only. */
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool linecount_is_ident(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c >= 0x80;
}

static bool linecount_is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does `marker` occur at line[pos]? Never looks past `length`. */
static bool linecount_match(const char *line, size_t length, size_t pos, const char *marker)
{
    for (size_t i = 0; marker[i]; i++) {
        if (pos + i >= length || line[pos + i] != marker[i])
            return false;
    }
    return true;
}

static size_t linecount_skip_space(const char *line, size_t length, size_t pos)
{
    while (pos < length && linecount_is_space((unsigned char)line[pos]))
        pos++;
    return pos;
}

static bool linecount_rest_is_blank(const char *line, size_t length, size_t pos)
{
    return linecount_skip_space(line, length, pos) == length;
}

/* Case-insensitive whole-line marker; a marker ending in a letter must end a
 * word ("rem" matches "REM x" but not "remove"). */
static bool linecount_start_marker(const char *line, size_t length, size_t pos, const char *marker)
{
    size_t i = 0;
    for (; marker[i]; i++) {
        if (pos + i >= length || text_lower(line[pos + i]) != marker[i])
            return false;
    }
    if (linecount_is_alpha((unsigned char)marker[i - 1]) && pos + i < length &&
        linecount_is_ident((unsigned char)line[pos + i]))
        return false;
    return true;
}

static void linecount_mark(unsigned char *special, const char *marker)
{
    if (marker && marker[0])
        special[(unsigned char)marker[0]] = 1;
}

static void linecount_init(struct linecount_state *state, const struct language *language)
{
    memset(state, 0, sizeof(*state));
    state->language = language;
    unsigned char *special = state->special;
    special[' '] = special['\t'] = special['\r'] = special['\f'] = special['\v'] = 1;
    special['\\'] = 1;
    linecount_mark(special, language->line_comment);
    linecount_mark(special, language->line_comment2);
    linecount_mark(special, language->block_open);
    linecount_mark(special, language->block_open2);
    for (const char *quote = language->quotes; quote && *quote; quote++)
        special[(unsigned char)*quote] = 1;
    if (language->python_docstrings) {
        special['"'] = special['\''] = 1;
        for (const char *prefix = "rRbBfFuU"; *prefix; prefix++)
            special[(unsigned char)*prefix] = 1;
    }
    if (language->flags & LANGUAGE_TRIPLE_STRINGS)
        special['"'] = 1;
    if (language->flags & LANGUAGE_RUST_LITERALS)
        special['r'] = special['b'] = special['\''] = 1;
    if (language->flags & LANGUAGE_VERBATIM_STRINGS)
        special['@'] = special['$'] = 1;
    if (language->flags & LANGUAGE_ELIXIR_DOCS)
        special['@'] = 1;
    memcpy(state->special_code, special, sizeof(state->special_code));
    state->special_code[' '] = state->special_code['\t'] = state->special_code['\r'] = 0;
    state->special_code['\f'] = state->special_code['\v'] = 0;
    unsigned count = 0;
    for (unsigned c = 0; c < 256; c++) {
        if (!state->special_code[c])
            continue;
        if (count == LINECOUNT_STOPS_MAX) {
            count = 0;
            break;
        }
        state->stops[count++] = (unsigned char)c;
    }
    state->stop_count = count;
#if defined(__SSE2__)
    /* Unused slots repeat the first stop: a fixed number of compares is
     * unrolled, and a repeated stop finds nothing more. */
    for (unsigned i = 0; i < LINECOUNT_STOPS_MAX; i++)
        state->stop_vectors[i] = _mm_set1_epi8((char)state->stops[i < count ? i : 0]);
#endif
}

/* The position of the first byte at or after `pos` that can start
 * something other than code once the line has code (special_code), or
 * `length`. Most of a source file's bytes go through here. */
static size_t linecount_skip_code(const struct linecount_state *state, const char *line,
                                  size_t length, size_t pos)
{
#if defined(__SSE2__)
    const unsigned count = state->stop_count;
    if (count > 0) {
        /* Loads may read past the line (into the next ones, never past the
         * content): a stop found there means the run reaches `length`. */
        const size_t readable = (size_t)(state->content_end - line);
        const __m128i *stops = state->stop_vectors;
        while (pos < length && pos + 16 <= readable) {
            __m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)(line + pos));
            /* Four compares cover most languages (C: \\ / " '); the slots
             * past stop_count repeat the first stop. */
            __m128i hits = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(bytes, stops[0]), _mm_cmpeq_epi8(bytes, stops[1])),
                _mm_or_si128(_mm_cmpeq_epi8(bytes, stops[2]), _mm_cmpeq_epi8(bytes, stops[3])));
            if (count > 4)
                hits = _mm_or_si128(hits, _mm_or_si128(_mm_cmpeq_epi8(bytes, stops[4]),
                                                       _mm_cmpeq_epi8(bytes, stops[5])));
            unsigned mask = (unsigned)_mm_movemask_epi8(hits);
            if (mask) {
                pos += (size_t)__builtin_ctz(mask);
                return pos < length ? pos : length;
            }
            pos += 16;
        }
        if (pos >= length)
            return length;
    }
#endif
    const unsigned char *special = state->special_code;
    while (pos < length && !special[(unsigned char)line[pos]])
        pos++;
    return pos;
}

static void linecount_open_string(struct linecount_state *state, char quote, unsigned count,
                                  bool comment)
{
    const unsigned flags = state->language->flags;
    state->open = OPEN_STRING;
    state->quote = quote;
    state->quote_count = (unsigned char)count;
    state->raw_hashes = 0;
    state->string_comment = comment;
    state->string_raw = quote == '`' && (flags & LANGUAGE_RAW_BACKTICKS);
    state->string_doubled = false;
    state->string_multiline = count == 3 || (quote == '`' && (flags & LANGUAGE_BACKTICK_STRINGS)) ||
                              (quote == '"' && (flags & LANGUAGE_MULTILINE_STRINGS));
    state->string_continued = false;
}

/* Scans the inside of an open string from `pos`; returns the position after
 * its closing quote, or `length` when the string goes on. */
static size_t linecount_scan_string(struct linecount_state *state, const char *line, size_t length,
                                    size_t pos)
{
    const char quote = state->quote;
    while (pos < length) {
        const char *hit = memchr(line + pos, quote, length - pos);
        /* A backslash before the quote may escape it: walk the bytes between. */
        size_t stop = hit ? (size_t)(hit - line) : length;
        if (!state->string_raw) {
            const char *escape = memchr(line + pos, '\\', stop - pos);
            if (escape) {
                pos = (size_t)(escape - line) + 2;
                if (pos > length) {
                    state->string_continued = true; /* backslash ends the line */
                    return length;
                }
                continue;
            }
        }
        if (!hit)
            return length;
        pos = stop + 1;
        if (state->string_doubled) {
            if (pos < length && line[pos] == quote) {
                pos++;
                continue;
            }
        } else if (state->quote_count == 3) {
            if (!(pos + 1 < length && line[pos] == quote && line[pos + 1] == quote))
                continue;
            pos += 2;
        } else if (state->raw_hashes) {
            unsigned hashes = 0;
            while (hashes < state->raw_hashes && pos + hashes < length && line[pos + hashes] == '#')
                hashes++;
            if (hashes < state->raw_hashes)
                continue;
            pos += hashes;
        }
        state->open = OPEN_NONE;
        return pos;
    }
    return length;
}

/* Scans the inside of an open block comment; returns the position after the
 * comment's end, or `length`. */
static size_t linecount_scan_block(struct linecount_state *state, const char *line, size_t length,
                                   size_t pos)
{
    if (!state->block_close) {
        /* Long bracket: ]] or ]=], ]==] … with the opening level. */
        while (pos < length) {
            const char *next = memchr(line + pos, ']', length - pos);
            if (!next)
                return length;
            pos = (size_t)(next - line) + 1;
            unsigned level = 0;
            while (pos + level < length && line[pos + level] == '=')
                level++;
            if (level == state->bracket_level && pos + level < length && line[pos + level] == ']') {
                state->open = OPEN_NONE;
                return pos + level + 1;
            }
        }
        return length;
    }
    const char *open = state->block_open;
    const char *close = state->block_close;
    const size_t open_length = state->block_open_length;
    const size_t close_length = state->block_close_length;
    const bool nested = state->language->nested_blocks;
    while (pos < length) {
        if (!nested) {
            /* Jump to the next byte that can start the end marker. */
            const char *next = memchr(line + pos, close[0], length - pos);
            if (!next)
                return length;
            pos = (size_t)(next - line);
        }
        if (line[pos] == close[0] && linecount_match(line, length, pos, close)) {
            pos += close_length;
            if (--state->block_depth == 0) {
                state->open = OPEN_NONE;
                return pos;
            }
        } else if (nested && line[pos] == open[0] && linecount_match(line, length, pos, open)) {
            state->block_depth++;
            pos += open_length;
        } else {
            pos++;
        }
    }
    return length;
}

/* Python-style string prefix at `pos` (r, b, f, u and pairs of them) directly
 * followed by a quote: returns the prefix length, or 0. */
static size_t linecount_python_prefix(const char *line, size_t length, size_t pos)
{
    if (pos > 0 && linecount_is_ident((unsigned char)line[pos - 1]))
        return 0;
    size_t n = 0;
    while (n < 2 && pos + n < length && line[pos + n] && strchr("rRbBfFuU", line[pos + n]))
        n++;
    if (n == 0 || pos + n >= length || (line[pos + n] != '"' && line[pos + n] != '\''))
        return 0;
    return n;
}

/* Elixir "@doc """" and friends: returns the length up to and including the
 * opening quotes, or 0. */
static size_t linecount_elixir_doc(const char *line, size_t length, size_t pos)
{
    static const char *const tags[] = {"@doc", "@moduledoc", "@typedoc"};
    for (size_t t = 0; t < sizeof(tags) / sizeof(tags[0]); t++) {
        if (!linecount_match(line, length, pos, tags[t]))
            continue;
        size_t at = pos + strlen(tags[t]);
        if (at >= length || !linecount_is_space((unsigned char)line[at]))
            return 0;
        at = linecount_skip_space(line, length, at);
        if (at + 1 < length && line[at] == '~' && line[at + 1] && strchr("sScC", line[at + 1]))
            at += 2;
        if (linecount_match(line, length, at, "\"\"\"") || linecount_match(line, length, at, "'''"))
            return at + 3 - pos;
        return 0;
    }
    return 0;
}

/* Length of the UTF-8 sequence that starts with byte `c` (1 for junk). */
static size_t linecount_utf8_length(unsigned char c)
{
    if (c >= 0xF0 && c < 0xF8)
        return 4;
    if (c >= 0xE0)
        return c < 0xF0 ? 3 : 1;
    if (c >= 0xC0)
        return 2;
    return 1;
}

/* Scans a line outside any open construct from `pos` on, updating `state`;
 * sets *code / *comment for what it saw. */
static void linecount_scan(struct linecount_state *state, const char *line, size_t length,
                           size_t pos, bool *code, bool *comment)
{
    const struct language *language = state->language;
    const unsigned flags = language->flags;
    const unsigned char *special = state->special;

    while (pos < length) {
        if (state->open == OPEN_BLOCK) {
            *comment = true;
            pos = linecount_scan_block(state, line, length, pos);
            continue;
        }
        if (state->open == OPEN_STRING) {
            if (state->string_comment)
                *comment = true;
            else
                *code = true;
            pos = linecount_scan_string(state, line, length, pos);
            continue;
        }

        const unsigned char c = (unsigned char)line[pos];
        if (!special[c] || (*code && !state->special_code[c])) {
            /* A run of ordinary code bytes (whitespace too, once the line
             * has code): skip it in a tight loop rather than through the
             * state checks above (most bytes are here). */
            *code = true;
            pos = linecount_skip_code(state, line, length, pos + 1);
            continue;
        }
        if (linecount_is_space(c)) {
            pos++;
            while (pos < length && linecount_is_space((unsigned char)line[pos]))
                pos++;
            continue;
        }
        if (language->block_open && linecount_match(line, length, pos, language->block_open)) {
            if ((flags & LANGUAGE_HASKELL_PRAGMAS) && linecount_match(line, length, pos, "{-#")) {
                /* A pragma is code: skip to its end. */
                const char *end = NULL;
                for (size_t i = pos + 3; i + 2 < length && !end; i++) {
                    if (line[i] == '#' && line[i + 1] == '-' && line[i + 2] == '}')
                        end = line + i + 3;
                }
                *code = true;
                pos = end ? (size_t)(end - line) : length;
                continue;
            }
            state->open = OPEN_BLOCK;
            state->block_open = language->block_open;
            state->block_close = language->block_close;
            state->block_open_length = strlen(language->block_open);
            state->block_close_length = language->block_close ? strlen(language->block_close) : 0;
            state->block_depth = 1;
            *comment = true;
            pos += strlen(language->block_open);
            continue;
        }
        if (language->block_open2 && linecount_match(line, length, pos, language->block_open2)) {
            if ((flags & LANGUAGE_PASCAL_DIRECTIVES) && pos + 1 < length && line[pos + 1] == '$') {
                /* {$IFDEF …}: a compiler directive is code */
                const char *end = memchr(line + pos, '}', length - pos);
                *code = true;
                pos = end ? (size_t)(end - line) + 1 : length;
                continue;
            }
            state->open = OPEN_BLOCK;
            state->block_open = language->block_open2;
            state->block_close = language->block_close2;
            state->block_open_length = strlen(language->block_open2);
            state->block_close_length = language->block_close2 ? strlen(language->block_close2) : 0;
            state->block_depth = 1;
            *comment = true;
            pos += strlen(language->block_open2);
            continue;
        }
        if (language->line_comment && linecount_match(line, length, pos, language->line_comment)) {
            *comment = true;
            size_t at = pos + strlen(language->line_comment);
            if ((flags & LANGUAGE_LONG_BRACKETS) && at < length && line[at] == '[') {
                unsigned level = 0;
                while (at + 1 + level < length && line[at + 1 + level] == '=')
                    level++;
                if (at + 1 + level < length && line[at + 1 + level] == '[') {
                    state->open = OPEN_BLOCK;
                    state->block_open = NULL;
                    state->block_close = NULL;
                    state->block_depth = 1;
                    state->bracket_level = level;
                    pos = at + level + 2;
                    continue;
                }
            }
            return;
        }
        if (language->line_comment2 &&
            linecount_match(line, length, pos, language->line_comment2)) {
            *comment = true;
            return;
        }
        if (c == '\\') {
            /* Outside strings a backslash escapes the next byte (regex
             * literals such as /\/+/, TeX's \%, make's \#). */
            *code = true;
            pos += 2;
            continue;
        }
        if (language->python_docstrings && c != '"' && c != '\'') {
            size_t prefix = linecount_python_prefix(line, length, pos);
            if (prefix == 0) {
                *code = true;
                pos++;
                continue;
            }
            /* cloc drops a u prefix with the quotes; any other prefix stays
             * behind as code. */
            if (!(prefix == 1 && (c == 'u' || c == 'U')))
                *code = true;
            pos += prefix;
            continue; /* the quote is handled next round */
        }
        if (language->python_docstrings || (flags & LANGUAGE_TRIPLE_STRINGS)) {
            if ((c == '"' || c == '\'') && pos + 2 < length && line[pos + 1] == (char)c &&
                line[pos + 2] == (char)c &&
                (c == '"' || (language->quotes && strchr(language->quotes, '\'')))) {
                const bool docstring = language->python_docstrings;
                if (!docstring)
                    *code = true;
                else
                    *comment = true;
                linecount_open_string(state, (char)c, 3, docstring);
                pos += 3;
                continue;
            }
        }
        if (flags & LANGUAGE_ELIXIR_DOCS && c == '@') {
            size_t doc = linecount_elixir_doc(line, length, pos);
            if (doc) {
                *comment = true;
                linecount_open_string(state, line[pos + doc - 1], 3, true);
                pos += doc;
                continue;
            }
        }
        if (flags & LANGUAGE_RUST_LITERALS) {
            if (c == '\'') {
                *code = true;
                if (pos + 1 < length && line[pos + 1] == '\\') {
                    linecount_open_string(state, '\'', 1, false);
                    pos++;
                    continue;
                }
                size_t width =
                    pos + 1 < length ? linecount_utf8_length((unsigned char)line[pos + 1]) : 1;
                if (pos + 1 + width < length && line[pos + 1 + width] == '\'')
                    pos += width + 2; /* 'x' */
                else
                    pos++; /* 'lifetime */
                continue;
            }
            if ((c == 'r' || c == 'b') &&
                !(pos > 0 && linecount_is_ident((unsigned char)line[pos - 1]))) {
                size_t at = pos;
                if (line[at] == 'b' && at + 1 < length && line[at + 1] == 'r')
                    at++;
                if (line[at] == 'r') {
                    unsigned hashes = 0;
                    at++;
                    while (at < length && line[at] == '#') {
                        at++;
                        hashes++;
                    }
                    if (at < length && line[at] == '"') {
                        *code = true;
                        linecount_open_string(state, '"', 1, false);
                        state->string_raw = true;
                        state->string_multiline = true;
                        state->raw_hashes = hashes;
                        pos = at + 1;
                        continue;
                    }
                }
                *code = true;
                pos++;
                continue;
            }
        }
        if (flags & LANGUAGE_VERBATIM_STRINGS && (c == '@' || c == '$')) {
            size_t at = pos + 1;
            if (at < length && (line[at] == '@' || line[at] == '$') && line[at] != (char)c)
                at++;
            *code = true;
            if (at < length && line[at] == '"' && (c == '@' || line[at - 1] == '@')) {
                linecount_open_string(state, '"', 1, false);
                state->string_raw = true;
                state->string_doubled = true;
                state->string_multiline = true;
                pos = at + 1;
            } else {
                pos++;
            }
            continue;
        }
        if (language->quotes && strchr(language->quotes, (char)c)) {
            *code = true;
            linecount_open_string(state, (char)c, 1, false);
            pos++;
            continue;
        }
        *code = true;
        pos++;
    }
}

/* ---- whole-line modes of a few languages ---- */

static enum linecount_kind linecount_perl(struct linecount_state *state, const char *line,
                                          size_t length, bool *handled)
{
    *handled = true;
    if (state->perl_end)
        return LINE_COMMENT;
    if (state->pod) {
        if (linecount_start_marker(line, length, 0, "=cut"))
            state->pod = false;
        return LINE_COMMENT;
    }
    if (length >= 2 && line[0] == '=' && linecount_is_alpha((unsigned char)line[1])) {
        state->pod = !linecount_start_marker(line, length, 0, "=cut");
        return LINE_COMMENT;
    }
    if (linecount_match(line, length, 0, "__END__") ||
        linecount_match(line, length, 0, "__DATA__")) {
        state->perl_end = true;
        return LINE_COMMENT;
    }
    *handled = false;
    return LINE_CODE;
}

static enum linecount_kind linecount_ruby(struct linecount_state *state, const char *line,
                                          size_t length, bool *handled)
{
    *handled = true;
    if (state->ruby_block) {
        if (linecount_start_marker(line, length, 0, "=end"))
            state->ruby_block = false;
        return LINE_COMMENT;
    }
    if (linecount_start_marker(line, length, 0, "=begin")) {
        state->ruby_block = true;
        return LINE_COMMENT;
    }
    *handled = false;
    return LINE_CODE;
}

/* Markdown comments written as link references: [//]: # (text),
 * [comment]: <> (text), []: # (text). */
static enum linecount_kind linecount_markdown(struct linecount_state *state, const char *line,
                                              size_t length, size_t pos, bool *handled)
{
    *handled = true;
    if (state->markdown_link) {
        const char *close = memchr(line, ')', length);
        if (!close)
            return LINE_COMMENT;
        state->markdown_link = false;
        return linecount_rest_is_blank(line, length, (size_t)(close - line) + 1) ? LINE_COMMENT
                                                                                 : LINE_CODE;
    }
    *handled = false;
    if (pos >= length || line[pos] != '[')
        return LINE_CODE;
    size_t at = pos + 1;
    if (linecount_match(line, length, at, "comment"))
        at += 7;
    else if (linecount_match(line, length, at, "//"))
        at += 2;
    if (at >= length || line[at] != ']')
        return LINE_CODE;
    at = linecount_skip_space(line, length, at + 1);
    if (at < length && line[at] == ':')
        at = linecount_skip_space(line, length, at + 1);
    if (at < length && line[at] == '#') {
        at = linecount_skip_space(line, length, at + 1);
    } else if (at < length && line[at] == '<') {
        at = linecount_skip_space(line, length, at + 1);
        if (at >= length || line[at] != '>')
            return LINE_CODE;
        at = linecount_skip_space(line, length, at + 1);
    }
    if (at >= length || line[at] != '(')
        return LINE_CODE;
    *handled = true;
    const char *close = memchr(line + at, ')', length - at);
    if (!close) {
        state->markdown_link = true;
        return LINE_COMMENT;
    }
    return linecount_rest_is_blank(line, length, (size_t)(close - line) + 1) ? LINE_COMMENT
                                                                             : LINE_CODE;
}

/* cloc's reStructuredText rule: a line starting with ".." opens a comment
 * that lasts until a line starting with something other than whitespace or
 * a dot. */
static enum linecount_kind linecount_rst(struct linecount_state *state, const char *line,
                                         size_t length)
{
    if (state->rst_block) {
        if (linecount_is_space((unsigned char)line[0]) || line[0] == '.')
            return LINE_COMMENT;
        state->rst_block = false;
        /* cloc strips the line's first character with the comment's end */
        return linecount_rest_is_blank(line, length, 1) ? LINE_COMMENT : LINE_CODE;
    }
    if (linecount_match(line, length, 0, "..")) {
        state->rst_block = true;
        return LINE_COMMENT;
    }
    return LINE_CODE;
}

/* Matches `pattern` against line[pos…] where ' ' in the pattern stands for
 * optional whitespace; returns the position after the match or 0. */
static size_t linecount_loose_match(const char *line, size_t length, size_t pos,
                                    const char *pattern)
{
    for (const char *p = pattern; *p; p++) {
        if (*p == ' ') {
            pos = linecount_skip_space(line, length, pos);
        } else {
            if (pos >= length || line[pos] != *p)
                return 0;
            pos++;
        }
    }
    return pos;
}

/* cloc's Jupyter rule: only the lines of a code cell's "source" list are
 * code (minus "\n" lines and comment lines); the JSON around them is
 * comment. */
static enum linecount_kind linecount_jupyter(struct linecount_state *state, const char *line,
                                             size_t length)
{
    size_t end;
    if (!state->jupyter_code && !state->jupyter_source) {
        end = linecount_loose_match(line, length, 0, " \"cell_type\": \"code\", ");
        if (end && end == length)
            state->jupyter_code = true;
        return LINE_COMMENT;
    }
    if (state->jupyter_code && !state->jupyter_source) {
        end = linecount_loose_match(line, length, 0, " \"source\": [ ");
        if (end && end == length)
            state->jupyter_source = true;
        return LINE_COMMENT;
    }
    end = linecount_loose_match(line, length, 0, " \" \\n\", ");
    if (end && end == length)
        return LINE_COMMENT;
    if (linecount_loose_match(line, length, 0, " \" #"))
        return LINE_COMMENT;
    end = linecount_loose_match(line, length, 0, " ] ");
    if (end && end == length) {
        state->jupyter_code = false;
        state->jupyter_source = false;
        return LINE_COMMENT;
    }
    return LINE_CODE;
}

/* "#include", "#define" … at the start of a line (preprocessed assembly). */
static bool linecount_cpp_directive(const char *line, size_t length, size_t pos)
{
    static const char *const directives[] = {"include", "define", "undef", "if",    "ifdef",
                                             "ifndef",  "elif",   "else",  "endif", "error",
                                             "warning", "pragma", "line"};
    if (pos >= length || line[pos] != '#')
        return false;
    pos = linecount_skip_space(line, length, pos + 1);
    for (size_t i = 0; i < sizeof(directives) / sizeof(directives[0]); i++) {
        if (linecount_start_marker(line, length, pos, directives[i]))
            return true;
    }
    return false;
}

/* Classifies one line (without its '\n'; trailing '\r's already dropped). */
static enum linecount_kind linecount_line(struct linecount_state *state, const char *line,
                                          size_t length, bool first_line, bool continued)
{
    const struct language *language = state->language;
    const unsigned flags = language->flags;
    const size_t first = linecount_skip_space(line, length, 0);

    if (first == length) {
        /* A string that only a backslash kept open ends here. */
        const bool in_comment =
            state->open == OPEN_BLOCK || (state->open == OPEN_STRING && state->string_comment);
        if (state->open == OPEN_STRING && !state->string_multiline)
            state->open = OPEN_NONE;
        /* After a trailing backslash the "blank" line continues a statement
         * or macro: cloc keeps it, as code, unless a comment swallows it. */
        if (continued && (flags & LANGUAGE_CONTINUATION))
            return in_comment ? LINE_COMMENT : LINE_CODE;
        return LINE_BLANK;
    }
    if (flags & LANGUAGE_JUPYTER)
        return linecount_jupyter(state, line, length);
    if (flags & LANGUAGE_RST)
        return linecount_rst(state, line, length);
    if (first_line && length >= 2 && line[0] == '#' && line[1] == '!')
        return LINE_CODE;

    bool handled = false;
    enum linecount_kind kind = LINE_CODE;
    if (flags & LANGUAGE_PERL_POD)
        kind = linecount_perl(state, line, length, &handled);
    else if (flags & LANGUAGE_RUBY_BEGIN_END)
        kind = linecount_ruby(state, line, length, &handled);
    if (handled)
        return kind;

    if (state->open == OPEN_NONE) {
        if ((flags & LANGUAGE_FORTRAN_FIXED) && line[0] && strchr("cC*!", line[0]))
            return LINE_COMMENT;
        if (flags & LANGUAGE_MARKDOWN) {
            kind = linecount_markdown(state, line, length, first, &handled);
            if (handled)
                return kind;
        }
        const bool directive =
            (flags & LANGUAGE_CPP_DIRECTIVES) && linecount_cpp_directive(line, length, first);
        if (language->start_comments && !directive) {
            for (const char *const *marker = language->start_comments; *marker; marker++) {
                if (linecount_start_marker(line, length, first, *marker))
                    return LINE_COMMENT;
            }
        }
    }

    bool code = false;
    bool comment = false;
    const bool was_open_string = state->open == OPEN_STRING;
    if (was_open_string)
        state->string_continued = false;
    linecount_scan(state, line, length, first, &code, &comment);
    if (state->open == OPEN_STRING && !state->string_multiline && !state->string_continued)
        state->open = OPEN_NONE; /* unterminated literal: ends with the line */
    state->string_continued = false;

    if (code)
        return LINE_CODE;
    return comment ? LINE_COMMENT : LINE_CODE;
}

/* The offset of the '\n' that ends the line starting at `pos`, or
 * `length`. Lines are short: inline 16-byte steps beat a call to memchr. */
static size_t linecount_line_end(const char *content, size_t length, size_t pos)
{
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n');
    while (pos + 16 <= length) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)(content + pos));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline));
        if (mask)
            return pos + (size_t)__builtin_ctz(mask);
        pos += 16;
    }
#endif
    const char *found = memchr(content + pos, '\n', length - pos);
    return found ? (size_t)(found - content) : length;
}

#if defined(__SSE2__)
/* Languages whose lines some whole-line rule may classify (POD, =begin,
 * fixed-form Fortran, Markdown links, reST blocks, notebooks, directives):
 * their lines always take linecount_line. */
#define LINECOUNT_LINE_MODES                                                                       \
    (LANGUAGE_PERL_POD | LANGUAGE_RUBY_BEGIN_END | LANGUAGE_FORTRAN_FIXED | LANGUAGE_MARKDOWN |    \
     LANGUAGE_RST | LANGUAGE_JUPYTER | LANGUAGE_CPP_DIRECTIVES)

enum { LINECOUNT_SLOW = -1 };

/* The common line in one pass: nothing open, and no byte that can start
 * anything (special_code) before the line's newline. Such a line is blank
 * when it is all whitespace and code otherwise -- what linecount_line would
 * say, since every other rule starts at a special byte. Returns the kind
 * and sets *end to the newline's offset, or LINECOUNT_SLOW for any other
 * line (one with a special byte, or too near the end of the content). */
static int linecount_simple_line(const struct linecount_state *state, const char *content,
                                 size_t length, size_t pos, size_t *end)
{
    const __m128i *stops = state->stop_vectors;
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
    const __m128i cr = _mm_set1_epi8('\r'), ff = _mm_set1_epi8('\f'), vt = _mm_set1_epi8('\v');
    const bool more_stops = state->stop_count > 4;
    unsigned nonspace = 0;
    for (size_t at = pos; at + 16 <= length; at += 16) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)(content + at));
        __m128i hits = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, stops[0]), _mm_cmpeq_epi8(bytes, stops[1])),
            _mm_or_si128(_mm_cmpeq_epi8(bytes, stops[2]), _mm_cmpeq_epi8(bytes, stops[3])));
        if (more_stops)
            hits = _mm_or_si128(hits, _mm_or_si128(_mm_cmpeq_epi8(bytes, stops[4]),
                                                   _mm_cmpeq_epi8(bytes, stops[5])));
        __m128i blank = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, space), _mm_cmpeq_epi8(bytes, tab)),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, cr), _mm_cmpeq_epi8(bytes, ff)),
                         _mm_cmpeq_epi8(bytes, vt)));
        unsigned newlines = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline));
        /* The bytes of this line in the block: all 16, or those before the
         * newline. */
        unsigned mine = newlines ? (newlines & (0u - newlines)) - 1 : 0xffffu;
        if ((unsigned)_mm_movemask_epi8(hits) & mine)
            return LINECOUNT_SLOW;
        nonspace |= ~(unsigned)_mm_movemask_epi8(blank) & mine;
        if (newlines) {
            *end = at + (size_t)__builtin_ctz(newlines);
            return nonspace ? LINE_CODE : LINE_BLANK;
        }
    }
    return LINECOUNT_SLOW;
}
#endif

static const struct language linecount_plain = {.name = ""};

void linecount_count(const struct language *language, const char *content, size_t length,
                     struct line_counts *out)
{
    out->code = 0;
    out->comment = 0;
    out->blank = 0;
    if (!content || length == 0)
        return;
    if (!language)
        language = &linecount_plain;

    struct linecount_state state;
    linecount_init(&state, language);
    state.content_end = content + length;

    size_t pos = 0;
    if (length >= 3 && (unsigned char)content[0] == 0xEF && (unsigned char)content[1] == 0xBB &&
        (unsigned char)content[2] == 0xBF)
        pos = 3;

    bool first_line = true;
    bool continued = false; /* the previous line's last byte was a backslash */
#if defined(__SSE2__)
    const bool simple = state.stop_count > 0 && !(language->flags & LINECOUNT_LINE_MODES) &&
                        !language->start_comments;
#endif
    while (pos < length) {
#if defined(__SSE2__)
        if (simple && state.open == OPEN_NONE && !first_line && !continued) {
            size_t simple_end = 0;
            int kind = linecount_simple_line(&state, content, length, pos, &simple_end);
            if (kind != LINECOUNT_SLOW) {
                /* No backslash in the line: the next one is not continued. */
                if (kind == LINE_CODE)
                    out->code++;
                else
                    out->blank++;
                pos = simple_end + 1;
                continue;
            }
        }
#endif
        size_t end = linecount_line_end(content, length, pos);
        size_t line_length = end - pos;
        const bool backslash = line_length > 0 && content[end - 1] == '\\';
        while (line_length > 0 && content[pos + line_length - 1] == '\r')
            line_length--;
        switch (linecount_line(&state, content + pos, line_length, first_line, continued)) {
        case LINE_BLANK:
            out->blank++;
            break;
        case LINE_COMMENT:
            out->comment++;
            break;
        case LINE_CODE:
            out->code++;
            break;
        }
        first_line = false;
        continued = backslash;
        pos = end + 1;
    }
}
