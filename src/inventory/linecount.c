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
 * Speed: in C-like languages (no whole-line rules, few bytes that can start
 * anything) most lines are decided 64 bytes at a time from bit masks
 * (SSE2, or AVX2 where the CPU has it), inside block comments too; the
 * common lines that open or end a block comment, or that are code holding
 * strings, are decided from the same masks; every other line takes the
 * exact per-line scanner. Both give the same counts for every input.
 *
 * It must never read past `length` (a block at the end is copied into a
 * padded buffer), must accept any bytes (bytes >= 0x80 and control
 * characters are simply code), must not allocate, and keeps all state on
 * the stack so workers can call it concurrently (the one global,
 * linecount_simd_override, is only written by tests).
 */
#include "inventory/linecount.h"
#include "util/cpu.h"
#include "util/text.h"

#include <stdbool.h>
#include <stdint.h>
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

/* The bytes marked special, each once, so that the stops need not be
 * looked for among all 256 (linecount_init runs once per file). */
struct linecount_marks {
    unsigned char bytes[32];
    unsigned count; /* more than fit: bytes is incomplete */
};

static void linecount_mark_byte(unsigned char *special, struct linecount_marks *marks,
                                unsigned char c)
{
    if (!special[c]) {
        if (marks->count < sizeof(marks->bytes))
            marks->bytes[marks->count] = c;
        marks->count++;
    }
    special[c] = 1;
}

static void linecount_mark(unsigned char *special, struct linecount_marks *marks,
                           const char *marker)
{
    if (marker && marker[0])
        linecount_mark_byte(special, marks, (unsigned char)marker[0]);
}

static void linecount_init(struct linecount_state *state, const struct language *language)
{
    memset(state, 0, sizeof(*state));
    state->language = language;
    unsigned char *special = state->special;
    struct linecount_marks marks = {.count = 0};
    special[' '] = special['\t'] = special['\r'] = special['\f'] = special['\v'] = 1;
    linecount_mark_byte(special, &marks, '\\');
    linecount_mark(special, &marks, language->line_comment);
    linecount_mark(special, &marks, language->line_comment2);
    linecount_mark(special, &marks, language->block_open);
    linecount_mark(special, &marks, language->block_open2);
    for (const char *quote = language->quotes; quote && *quote; quote++)
        linecount_mark_byte(special, &marks, (unsigned char)*quote);
    if (language->python_docstrings) {
        linecount_mark_byte(special, &marks, '"');
        linecount_mark_byte(special, &marks, '\'');
        for (const char *prefix = "rRbBfFuU"; *prefix; prefix++)
            linecount_mark_byte(special, &marks, (unsigned char)*prefix);
    }
    if (language->flags & LANGUAGE_TRIPLE_STRINGS)
        linecount_mark_byte(special, &marks, '"');
    if (language->flags & LANGUAGE_RUST_LITERALS) {
        linecount_mark_byte(special, &marks, 'r');
        linecount_mark_byte(special, &marks, 'b');
        linecount_mark_byte(special, &marks, '\'');
    }
    if (language->flags & LANGUAGE_VERBATIM_STRINGS) {
        linecount_mark_byte(special, &marks, '@');
        linecount_mark_byte(special, &marks, '$');
    }
    if (language->flags & LANGUAGE_ELIXIR_DOCS)
        linecount_mark_byte(special, &marks, '@');
    memcpy(state->special_code, special, sizeof(state->special_code));
    state->special_code[' '] = state->special_code['\t'] = state->special_code['\r'] = 0;
    state->special_code['\f'] = state->special_code['\v'] = 0;
    /* Whitespace was special before any byte was marked, so no marked byte
     * is whitespace: the marked bytes are the stops. */
    unsigned count = marks.count <= LINECOUNT_STOPS_MAX ? marks.count : 0;
    for (unsigned i = 0; i < count; i++)
        state->stops[i] = marks.bytes[i];
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

/* The first position at or after `pos` holding byte `a` or `b`, or
 * `length`. Strings and comments on a line are short: 16-byte steps inline
 * beat calls to memchr. Loads may run past the line, never past the
 * content. */
static size_t linecount_find2(const struct linecount_state *state, const char *line, size_t length,
                              size_t pos, char a, char b)
{
#if defined(__SSE2__)
    const size_t readable = (size_t)(state->content_end - line);
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
    while (pos < length && pos + 16 <= readable) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)(line + pos));
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, va), _mm_cmpeq_epi8(bytes, vb)));
        if (mask) {
            pos += (size_t)__builtin_ctz(mask);
            return pos < length ? pos : length;
        }
        pos += 16;
    }
#else
    (void)state;
#endif
    while (pos < length && line[pos] != a && line[pos] != b)
        pos++;
    return pos < length ? pos : length;
}

/* strlen for the short markers of the language table, inline. */
static size_t linecount_length(const char *marker)
{
    size_t n = 0;
    while (marker[n])
        n++;
    return n;
}

/* strchr(set, c) for a byte other than NUL, inline. */
static bool linecount_in(const char *set, char c)
{
    for (; *set; set++) {
        if (*set == c)
            return true;
    }
    return false;
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
        /* A backslash before the quote escapes the byte after it. */
        const size_t stop = state->string_raw
                                ? linecount_find2(state, line, length, pos, quote, quote)
                                : linecount_find2(state, line, length, pos, quote, '\\');
        if (stop == length)
            return length;
        if (line[stop] == '\\') {
            pos = stop + 2;
            if (pos > length) {
                state->string_continued = true; /* backslash ends the line */
                return length;
            }
            continue;
        }
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
            pos = linecount_find2(state, line, length, pos, close[0], close[0]);
            if (pos == length)
                return length;
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

static void linecount_open_block(struct linecount_state *state, const char *open, const char *close)
{
    state->open = OPEN_BLOCK;
    state->block_open = open;
    state->block_close = close;
    state->block_open_length = linecount_length(open);
    state->block_close_length = close ? linecount_length(close) : 0;
    state->block_depth = 1;
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
            linecount_open_block(state, language->block_open, language->block_close);
            *comment = true;
            pos += state->block_open_length;
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
            linecount_open_block(state, language->block_open2, language->block_close2);
            *comment = true;
            pos += state->block_open_length;
            continue;
        }
        if (language->line_comment && linecount_match(line, length, pos, language->line_comment)) {
            *comment = true;
            size_t at = pos + linecount_length(language->line_comment);
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
        if (language->quotes && linecount_in(language->quotes, (char)c)) {
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

#endif

#if defined(__SSE2__)
/* ---- whole runs of lines from 64-byte bit masks ----
 *
 * Most lines of a C-like file are decided by three facts: where the
 * newlines are, whether the line has a non-whitespace byte, and whether it
 * has a byte that can start anything (a stop). One 64-byte block gives
 * those as bit masks for a couple of lines at once; a line with a stop (or,
 * inside a block comment, a backslash or an end marker) goes to
 * linecount_line, which decides it exactly. Lines decided here never end in
 * a backslash, so the line after them is never a continuation. */

/* One block's masks: bit i for byte i. `stop`: any of the language's stops
 * (code) or a backslash (block comment); `close`: the first byte of the
 * open comment's end marker, `close2` its second (all ones for a one-byte
 * marker). Bits past the content are all zero. */
struct linecount_masks {
    uint64_t newline, nonspace, stop, close, close2;
};

/* One kind of run (code, or the inside of a block comment) and the last
 * block it built masks for, which the next run usually starts in. */
struct linecount_vectors {
    __m128i stops[LINECOUNT_STOPS_MAX]; /* unused slots repeat the first */
    __m128i close, close2;
    bool close_short; /* a one-byte end marker: close2 is not looked at */
};

struct linecount_run {
    struct linecount_vectors vectors;
    size_t at; /* the block `masks` describe; SIZE_MAX: none */
    struct linecount_masks masks;
    /* code runs: try linecount_quick_open / linecount_quick_code on a line
     * with a stop before giving it to linecount_line */
    bool quick_open, quick_code;
};

static inline __attribute__((always_inline)) uint64_t linecount_mask16(__m128i hits, unsigned shift)
{
    return (uint64_t)(unsigned)_mm_movemask_epi8(hits) << shift;
}

/* The masks of 16 bytes, shifted to bit `shift`. `stops`, `want_close`:
 * constants, so that each caller gets only the compares it needs. */
static inline __attribute__((always_inline)) void
linecount_part_sse2(const struct linecount_vectors *run, const char *bytes16, unsigned shift,
                    unsigned stops, bool want_close, struct linecount_masks *masks)
{
    const __m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)bytes16);
    /* \t \n \v \f \r are 9…13: one unsigned range test */
    const __m128i low = _mm_sub_epi8(bytes, _mm_set1_epi8('\t'));
    const __m128i white = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(low, _mm_set1_epi8(4)), low),
                                       _mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')));
    __m128i hits = _mm_cmpeq_epi8(bytes, run->stops[0]);
    if (stops > 1)
        hits = _mm_or_si128(hits, _mm_cmpeq_epi8(bytes, run->stops[1]));
    if (stops > 2)
        hits = _mm_or_si128(hits, _mm_cmpeq_epi8(bytes, run->stops[2]));
    if (stops > 3)
        hits = _mm_or_si128(hits, _mm_cmpeq_epi8(bytes, run->stops[3]));
    if (stops > 4)
        hits = _mm_or_si128(hits, _mm_cmpeq_epi8(bytes, run->stops[4]));
    if (stops > 5)
        hits = _mm_or_si128(hits, _mm_cmpeq_epi8(bytes, run->stops[5]));
    masks->newline |= linecount_mask16(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n')), shift);
    masks->nonspace |= linecount_mask16(white, shift);
    masks->stop |= linecount_mask16(hits, shift);
    if (want_close) {
        masks->close |= linecount_mask16(_mm_cmpeq_epi8(bytes, run->close), shift);
        masks->close2 |= linecount_mask16(_mm_cmpeq_epi8(bytes, run->close2), shift);
    }
}

static inline __attribute__((always_inline)) void
linecount_masks_sse2(const struct linecount_vectors *run, const char *block, unsigned stops,
                     bool want_close, struct linecount_masks *masks)
{
    masks->newline = masks->nonspace = masks->stop = masks->close = masks->close2 = 0;
    linecount_part_sse2(run, block, 0, stops, want_close, masks);
    linecount_part_sse2(run, block + 16, 16, stops, want_close, masks);
    linecount_part_sse2(run, block + 32, 32, stops, want_close, masks);
    linecount_part_sse2(run, block + 48, 48, stops, want_close, masks);
    masks->nonspace = ~masks->nonspace; /* set: whitespace or newline */
}

#if defined(__x86_64__) && defined(__GNUC__)
#define LINECOUNT_AVX2 1
#include <immintrin.h>

__attribute__((target("avx2"))) static inline uint64_t linecount_mask32(__m256i hits,
                                                                        unsigned shift)
{
    return (uint64_t)(uint32_t)_mm256_movemask_epi8(hits) << shift;
}

__attribute__((target("avx2"))) static inline __m256i linecount_wide(__m128i vector)
{
    return _mm256_broadcastsi128_si256(vector);
}

/* linecount_part_sse2 for 32 bytes. The broadcasts are of loop invariants:
 * the compiler hoists them. */
__attribute__((target("avx2"))) static inline void
linecount_part_avx2(const struct linecount_vectors *run, const char *bytes32, unsigned shift,
                    unsigned stops, bool want_close, struct linecount_masks *masks)
{
    const __m256i bytes = _mm256_loadu_si256((const __m256i *)(const void *)bytes32);
    const __m256i low = _mm256_sub_epi8(bytes, _mm256_set1_epi8('\t'));
    const __m256i white =
        _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(low, _mm256_set1_epi8(4)), low),
                        _mm256_cmpeq_epi8(bytes, _mm256_set1_epi8(' ')));
    __m256i hits = _mm256_cmpeq_epi8(bytes, linecount_wide(run->stops[0]));
    if (stops > 1)
        hits = _mm256_or_si256(hits, _mm256_cmpeq_epi8(bytes, linecount_wide(run->stops[1])));
    if (stops > 2)
        hits = _mm256_or_si256(hits, _mm256_cmpeq_epi8(bytes, linecount_wide(run->stops[2])));
    if (stops > 3)
        hits = _mm256_or_si256(hits, _mm256_cmpeq_epi8(bytes, linecount_wide(run->stops[3])));
    if (stops > 4)
        hits = _mm256_or_si256(hits, _mm256_cmpeq_epi8(bytes, linecount_wide(run->stops[4])));
    if (stops > 5)
        hits = _mm256_or_si256(hits, _mm256_cmpeq_epi8(bytes, linecount_wide(run->stops[5])));
    masks->newline |= linecount_mask32(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('\n')), shift);
    masks->nonspace |= linecount_mask32(white, shift);
    masks->stop |= linecount_mask32(hits, shift);
    if (want_close) {
        masks->close |=
            linecount_mask32(_mm256_cmpeq_epi8(bytes, linecount_wide(run->close)), shift);
        masks->close2 |=
            linecount_mask32(_mm256_cmpeq_epi8(bytes, linecount_wide(run->close2)), shift);
    }
}

/* linecount_masks_sse2 32 bytes at a time. Not always_inline: the SSE2
 * copies of the loops name it in a branch they never take. */
__attribute__((target("avx2"))) static inline void
linecount_masks_avx2(const struct linecount_vectors *run, const char *block, unsigned stops,
                     bool want_close, struct linecount_masks *masks)
{
    masks->newline = masks->nonspace = masks->stop = masks->close = masks->close2 = 0;
    linecount_part_avx2(run, block, 0, stops, want_close, masks);
    linecount_part_avx2(run, block + 32, 32, stops, want_close, masks);
    masks->nonspace = ~masks->nonspace;
}
#endif

/* Which mask builder linecount_count uses: 0 picks by CPU, 1 forces SSE2.
 * Tests set it to run both; not for callers. */
int linecount_simd_override = 0;

/* The masks of the 64 bytes at content[at], or of the fewer that are left:
 * those are copied into a padded buffer, never read past `length`. */
static inline __attribute__((always_inline)) void
linecount_load(const struct linecount_vectors *run, const char *content, size_t length, size_t at,
               bool avx2, unsigned stops, bool want_close, struct linecount_masks *masks)
{
    const char *block = content + at;
    char padded[64];
    const size_t left = length - at;
    if (left < 64) {
        memset(padded, ' ', sizeof(padded));
        memcpy(padded, block, left);
        block = padded;
    }
#if defined(LINECOUNT_AVX2)
    if (avx2)
        linecount_masks_avx2(run, block, stops, want_close, masks);
    else
        linecount_masks_sse2(run, block, stops, want_close, masks);
#else
    (void)avx2;
    linecount_masks_sse2(run, block, stops, want_close, masks);
#endif
    if (left < 64) {
        const uint64_t valid = ((uint64_t)1 << left) - 1;
        masks->newline &= valid;
        masks->nonspace &= valid;
        masks->stop &= valid;
        masks->close &= valid;
    }
    if (run->close_short)
        masks->close2 = ~(uint64_t)0;
}

/* Set bits in `x`; `hardware`: the caller is built with popcnt, otherwise
 * (the SSE2 copies) a few shifts beat libgcc's table-driven call. */
static inline __attribute__((always_inline)) size_t linecount_popcount(uint64_t x, bool hardware)
{
    if (hardware)
        return (size_t)__builtin_popcountll(x);
    x -= (x >> 1) & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    return (size_t)((x * 0x0101010101010101u) >> 56);
}

/* The bits of `candidates` (first bytes of the end marker in the block at
 * content[at], whose second byte follows) where the open comment's end
 * marker really starts. */
static uint64_t linecount_closes(const struct linecount_state *state, const char *content,
                                 size_t length, size_t at, uint64_t candidates)
{
    uint64_t found = 0;
    while (candidates) {
        const uint64_t bit = candidates & (0 - candidates);
        if (linecount_match(content, length, at + (size_t)__builtin_ctzll(bit), state->block_close))
            found |= bit;
        candidates &= candidates - 1;
    }
    return found;
}

/* Bits `from` … `to` - 1 of a block (from <= to <= 64). */
static uint64_t linecount_bits(size_t from, size_t to)
{
    if (from >= 64)
        return 0;
    const uint64_t below_to = to >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << to) - 1;
    return below_to & (~(uint64_t)0 << from);
}

static bool linecount_quick_open(struct linecount_state *state, const struct linecount_run *run,
                                 const char *content, size_t pos, size_t end,
                                 struct line_counts *out);
static bool linecount_quick_code(const struct linecount_state *state,
                                 const struct linecount_run *run, const char *content, size_t pos,
                                 size_t end, struct line_counts *out);

/* Lines from `pos` (a line start, not a continuation) that need no
 * linecount_line: with nothing open (block false) those without a stop,
 * blank or code; inside an open, non-nesting block comment (block true)
 * those that neither end it nor hold a backslash, blank or comment. Returns
 * the start of the first line it cannot decide (the last one, too, when it
 * has no newline), or `length`.
 *
 * A block's lines are counted without a branch per line: adding a bit at
 * each line start to the mask of its whitespace carries through a blank
 * line up to its newline, and stops short of it on any other line. */
static inline __attribute__((always_inline)) size_t
linecount_fast(struct linecount_state *state, struct linecount_run *run, const char *content,
               size_t length, size_t pos, struct line_counts *out, bool avx2, unsigned stops,
               bool block)
{
    /* A copy the compiler can keep in registers across blocks. */
    const struct linecount_vectors vectors = run->vectors;
    size_t at;
    uint64_t rest; /* the bytes of the block from `line_start` on */
    struct linecount_masks masks;
    if (run->at <= pos && pos - run->at < 64) {
        at = run->at;
        masks = run->masks;
        rest = ~(uint64_t)0 << (pos - at);
    } else {
        at = pos;
        linecount_load(&vectors, content, length, at, avx2, stops, block, &masks);
        rest = ~(uint64_t)0;
    }
    size_t line_start = pos;
    bool nonspace = false; /* the line at line_start, in earlier blocks */
    size_t decided = 0, blank = 0;
    for (;;) {
        uint64_t stop = masks.stop & rest;
        if (block) {
            /* the marker's second byte may be the next block's first */
            const uint64_t candidates =
                masks.close & rest & ((masks.close2 >> 1) | (uint64_t)1 << 63);
            if (candidates)
                stop |= linecount_closes(state, content, length, at, candidates);
        }
        const uint64_t before = stop ? (stop & (0 - stop)) - 1 : ~(uint64_t)0;
        const uint64_t newlines = masks.newline & rest & before;
        const uint64_t white = ~masks.nonspace & ~masks.newline;
        const uint64_t starts = (newlines << 1) | (nonspace ? 0 : rest & (0 - rest));
        const uint64_t blanks = (white + starts) & newlines;
        decided += linecount_popcount(newlines, avx2);
        blank += linecount_popcount(blanks, avx2);
        if (newlines) {
            const unsigned last = 63u - (unsigned)__builtin_clzll(newlines);
            line_start = at + last + 1;
            rest &= ~(((uint64_t)2 << last) - 1); /* 0 after the block's last byte */
            nonspace = false;
        }
        if (stop) {
            if (line_start < at || (line_start > at && !(masks.newline & rest))) {
                /* The line began in an earlier block or goes on into the
                 * next: look at it from its start, so that its end is
                 * known (here, and to linecount_run_end). */
                at = line_start;
                linecount_load(&vectors, content, length, at, avx2, stops, block, &masks);
                rest = ~(uint64_t)0;
            }
            run->at = at;
            run->masks = masks;
            /* The line with the stop, if it ends in this block: decided
             * here when it can be, without a return and a fresh block. */
            const uint64_t ends = masks.newline & rest;
            if (block || !ends)
                break;
            const size_t end = at + (size_t)__builtin_ctzll(ends);
            if (!(run->quick_open &&
                  linecount_quick_open(state, run, content, line_start, end, out)) &&
                !(run->quick_code && state->open == OPEN_NONE &&
                  linecount_quick_code(state, run, content, line_start, end, out)))
                break;
            line_start = end + 1;
            if (state->open != OPEN_NONE || line_start >= length)
                break;
            nonspace = false;
            rest = linecount_bits(end + 1 - at, 64);
            if (!rest) {
                at += 64;
                linecount_load(&vectors, content, length, at, avx2, stops, block, &masks);
                rest = ~(uint64_t)0;
            }
            continue;
        }
        nonspace |= (masks.nonspace & rest) != 0;
        at += 64;
        if (at >= length)
            break;
        linecount_load(&vectors, content, length, at, avx2, stops, block, &masks);
        rest = ~(uint64_t)0;
    }
    out->blank += blank;
    if (block)
        out->comment += decided - blank;
    else
        out->code += decided - blank;
    return line_start;
}

/* The offset of the '\n' ending the line at `pos`, when the run's last
 * block holds it (the newline mask depends on the bytes alone). */
static bool linecount_run_end(const struct linecount_run *run, size_t pos, size_t *end)
{
    if (run->at > pos || pos - run->at >= 64)
        return false;
    const uint64_t newlines = run->masks.newline & (~(uint64_t)0 << (pos - run->at));
    if (!newlines)
        return false;
    *end = run->at + (size_t)__builtin_ctzll(newlines);
    return true;
}

/* The line length linecount_line sees: without trailing "\r"s. */
static size_t linecount_trimmed(const char *content, size_t pos, size_t end)
{
    while (end > pos && content[end - 1] == '\r')
        end--;
    return end - pos;
}

static void linecount_tally(struct line_counts *out, bool code)
{
    if (code)
        out->code++;
    else
        out->comment++;
}

/* The line content[pos … end) that a code run stopped at, all within the
 * run's last block, when its stops are only block comments that open (and
 * maybe end) on it: what linecount_line would count, with `state` updated
 * the same way. False, and `state` as it was as far as the next lines can
 * tell, for any other line. */
static bool linecount_quick_open(struct linecount_state *state, const struct linecount_run *run,
                                 const char *content, size_t pos, size_t end,
                                 struct line_counts *out)
{
    const char *open = state->language->block_open;
    const size_t at = run->at;
    const uint64_t line = linecount_bits(pos - at, end - at);
    if (content[end - 1] == '\\')
        return false; /* the next line would be a continuation */
    const size_t length = linecount_trimmed(content, pos, end);
    uint64_t stops = run->masks.stop & line;
    size_t from = pos; /* where the part of the line not yet seen starts */
    bool code = false;
    while (stops) {
        const size_t stop = at + (size_t)__builtin_ctzll(stops);
        if (!linecount_match(content + pos, length, stop - pos, open))
            return false;
        code |= (run->masks.nonspace & linecount_bits(from - at, stop - at)) != 0;
        linecount_open_block(state, open, state->language->block_close);
        from = pos + linecount_scan_block(state, content + pos, length,
                                          stop - pos + state->block_open_length);
        if (state->open == OPEN_BLOCK) {
            /* open to the end of the line, and beyond */
            linecount_tally(out, code);
            return true;
        }
        stops = run->masks.stop & line & linecount_bits(from - at, 64);
    }
    code |= (run->masks.nonspace & line & linecount_bits(from - at, 64)) != 0;
    linecount_tally(out, code);
    return true;
}

/* The line content[pos … end) that a code run stopped at, all within the
 * run's last block, in a language whose strings end with the line (no
 * flags but LANGUAGE_CONTINUATION): when it has code before its first stop,
 * or that stop opens a string, it is code; and when nothing on it can open
 * a block comment and it does not end in a backslash, nothing is open
 * after it. True if so (counted), false for linecount_line. */
static bool linecount_quick_code(const struct linecount_state *state,
                                 const struct linecount_run *run, const char *content, size_t pos,
                                 size_t end, struct line_counts *out)
{
    const struct language *language = state->language;
    const size_t at = run->at;
    const size_t length = linecount_trimmed(content, pos, end);
    if (length == 0 || content[end - 1] == '\\' || content[pos + length - 1] == '\\')
        return false; /* a continuation, or a string going on */
    uint64_t stops = run->masks.stop & linecount_bits(pos - at, end - at);
    if (!stops)
        return false;
    const size_t first = at + (size_t)__builtin_ctzll(stops);
    if (!(run->masks.nonspace & linecount_bits(pos - at, first - at))) {
        /* no code before: the stop must open a string, which is code */
        const char c = content[first];
        if (c == '\\' || !language->quotes || !linecount_in(language->quotes, c))
            return false;
        if ((language->line_comment && language->line_comment[0] == c) ||
            (language->line_comment2 && language->line_comment2[0] == c) ||
            (language->block_open && language->block_open[0] == c) ||
            (language->block_open2 && language->block_open2[0] == c))
            return false;
    }
    const char *open = language->block_open, *open2 = language->block_open2;
    for (; stops; stops &= stops - 1) {
        const size_t at_stop = at + (size_t)__builtin_ctzll(stops) - pos;
        if ((open && linecount_match(content + pos, length, at_stop, open)) ||
            (open2 && linecount_match(content + pos, length, at_stop, open2)))
            return false;
    }
    out->code++;
    return true;
}

/* The line content[pos … end) that a block-comment run stopped at, all
 * within the run's last block, when it ends the comment and holds nothing
 * after that which could open anything: what linecount_line would count,
 * with `state` updated the same way; false, `state` untouched, otherwise. */
static bool linecount_quick_close(struct linecount_state *state, const struct linecount_run *run,
                                  const char *content, size_t pos, size_t end,
                                  struct line_counts *out)
{
    const size_t at = run->at;
    if (run->masks.stop & linecount_bits(pos - at, end - at))
        return false; /* a backslash */
    const size_t length = linecount_trimmed(content, pos, end);
    const size_t after = linecount_scan_block(state, content + pos, length, 0);
    if (state->open == OPEN_BLOCK)
        return false;
    bool code = false;
    for (size_t i = pos + after; i < pos + length; i++) {
        const unsigned char c = (unsigned char)content[i];
        if (state->special_code[c]) {
            state->open = OPEN_BLOCK; /* as it was: one level, not nested */
            state->block_depth = 1;
            return false;
        }
        code |= !linecount_is_space(c);
    }
    linecount_tally(out, code);
    return true;
}

typedef size_t linecount_fast_fn(struct linecount_state *state, struct linecount_run *run,
                                 const char *content, size_t length, size_t pos,
                                 struct line_counts *out);

/* linecount_fast built once per instruction set and kind of run: code with
 * up to 4 or 6 stops, block comments. The AVX2 copies run only where the
 * CPU has AVX2. */
static size_t linecount_code4_sse2(struct linecount_state *state, struct linecount_run *run,
                                   const char *content, size_t length, size_t pos,
                                   struct line_counts *out)
{
    return linecount_fast(state, run, content, length, pos, out, false, 4, false);
}

static size_t linecount_code6_sse2(struct linecount_state *state, struct linecount_run *run,
                                   const char *content, size_t length, size_t pos,
                                   struct line_counts *out)
{
    return linecount_fast(state, run, content, length, pos, out, false, 6, false);
}

static size_t linecount_block_sse2(struct linecount_state *state, struct linecount_run *run,
                                   const char *content, size_t length, size_t pos,
                                   struct line_counts *out)
{
    return linecount_fast(state, run, content, length, pos, out, false, 1, true);
}

#if defined(LINECOUNT_AVX2)
__attribute__((target("avx2,popcnt"), flatten)) static size_t
linecount_code4_avx2(struct linecount_state *state, struct linecount_run *run, const char *content,
                     size_t length, size_t pos, struct line_counts *out)
{
    return linecount_fast(state, run, content, length, pos, out, true, 4, false);
}

__attribute__((target("avx2,popcnt"), flatten)) static size_t
linecount_code6_avx2(struct linecount_state *state, struct linecount_run *run, const char *content,
                     size_t length, size_t pos, struct line_counts *out)
{
    return linecount_fast(state, run, content, length, pos, out, true, 6, false);
}

__attribute__((target("avx2,popcnt"), flatten)) static size_t
linecount_block_avx2(struct linecount_state *state, struct linecount_run *run, const char *content,
                     size_t length, size_t pos, struct line_counts *out)
{
    return linecount_fast(state, run, content, length, pos, out, true, 1, true);
}
#endif

static bool linecount_use_avx2(void)
{
#if defined(LINECOUNT_AVX2)
    return linecount_simd_override != 1 && cpu_has_avx2();
#else
    return false;
#endif
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
#if defined(__SSE2__)
    const bool avx2 = linecount_use_avx2();
    struct linecount_run code_run = {.at = SIZE_MAX}, block_run = {.at = SIZE_MAX};
    linecount_fast_fn *code_fast = NULL, *block_fast = NULL;
    if (simple) {
        memcpy(code_run.vectors.stops, state.stop_vectors, sizeof(code_run.vectors.stops));
        block_run.vectors.stops[0] = _mm_set1_epi8('\\');
#if defined(LINECOUNT_AVX2)
        if (avx2) {
            code_fast = state.stop_count > 4 ? linecount_code6_avx2 : linecount_code4_avx2;
            block_fast = linecount_block_avx2;
        } else
#endif
        {
            code_fast = state.stop_count > 4 ? linecount_code6_sse2 : linecount_code4_sse2;
            block_fast = linecount_block_sse2;
        }
    }
    const char *block_close = NULL; /* the end marker block_run looks for */
    /* Lines that open a block comment, in languages where the first pair
     * opens the only kind of comment the fast runs follow. */
    const bool quick = simple && language->block_open && language->block_close &&
                       !language->nested_blocks && !(language->flags & LANGUAGE_HASKELL_PRAGMAS);
    const bool quick_code = simple && !(language->flags & ~(unsigned)LANGUAGE_CONTINUATION) &&
                            !language->python_docstrings;
    code_run.quick_open = quick;
    code_run.quick_code = quick_code;
#endif
    while (pos < length) {
#if defined(__SSE2__)
        if (simple && !first_line && !continued) {
            /* Lines decided there hold no backslash: the next one is not
             * continued. */
            if (state.open == OPEN_NONE) {
                pos = code_fast(&state, &code_run, content, length, pos, out);
                if (state.open != OPEN_NONE)
                    continue; /* a block comment opened on a line decided there */
            } else if (state.open == OPEN_BLOCK && state.block_close && !language->nested_blocks) {
                if (block_close != state.block_close) {
                    block_close = state.block_close;
                    block_run.vectors.close = _mm_set1_epi8(block_close[0]);
                    block_run.vectors.close2 = _mm_set1_epi8(block_close[0] ? block_close[1] : 0);
                    block_run.vectors.close_short = !block_close[0] || !block_close[1];
                    block_run.at = SIZE_MAX;
                }
                pos = block_fast(&state, &block_run, content, length, pos, out);
                size_t end;
                if (pos < length && linecount_run_end(&block_run, pos, &end) &&
                    linecount_quick_close(&state, &block_run, content, pos, end, out)) {
                    pos = end + 1;
                    continue;
                }
            }
            if (pos >= length)
                break;
        }
        size_t end;
        if (!linecount_run_end(&code_run, pos, &end) && !linecount_run_end(&block_run, pos, &end))
            end = linecount_line_end(content, length, pos);
#else
        size_t end = linecount_line_end(content, length, pos);
#endif
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
