/*
 * markdown: the analyzer that reads README files and the documentation folder
 * (Markdown, reStructuredText, plain text) and records one "doc.heading" fact
 * per heading — value: the heading's normalized text (markup, emoji and
 * leading numbering removed, ASCII lowercased, whitespace collapsed); line: the
 * heading's first line. checks/documentation.c asks its questions ("does the
 * README explain installation?", "is there a runbook section?") over them.
 *
 * It recognises ATX headings (`# Title`), Setext headings (a paragraph
 * underlined with `===` or `---`), single-line HTML headings (`<h2>…</h2>`)
 * and reStructuredText section titles (underlined, optionally overlined), and
 * skips fenced code blocks, indented code, HTML comments and front matter, so
 * a `# comment` in a shell example is not taken for a heading.
 *
 * It only records headings: judging them is the documentation checks' job.
 * It must never read past the file's length (content may hold any bytes,
 * including NULs and invalid UTF-8) and must touch nothing but its own file
 * and analysis (it runs in parallel worker threads).
 */
#include "analyzers/analyzer.h"
#include "util/text.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Longest heading value recorded, in bytes. Longer headings are cut at a
 * character boundary: the checks only look at their words. */
enum { MARKDOWN_HEADING_MAX = 200 };
/* Bytes of a multi-line Setext paragraph kept for its heading. */
enum { MARKDOWN_PARAGRAPH_MAX = 512 };

struct markdown_line {
    const char *text; /* start of the line (not NUL-terminated) */
    size_t length;    /* without the newline and a trailing '\r' */
    int number;       /* 1-based */
};

/* Walks the lines of a file without ever reading past its end. */
struct markdown_cursor {
    const char *next;
    const char *end;
    int number;
};

static bool markdown_is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool markdown_is_space(char c)
{
    return c == ' ' || c == '\t';
}

static void markdown_cursor_init(struct markdown_cursor *cursor, const char *content, size_t length)
{
    cursor->next = content;
    cursor->end = content + length;
    /* A UTF-8 byte order mark is not part of the first line's text. */
    if (length >= 3 && (unsigned char)content[0] == 0xEF && (unsigned char)content[1] == 0xBB &&
        (unsigned char)content[2] == 0xBF)
        cursor->next += 3;
    cursor->number = 0;
}

static bool markdown_cursor_next(struct markdown_cursor *cursor, struct markdown_line *line)
{
    if (cursor->next >= cursor->end)
        return false;
    const char *start = cursor->next;
    const char *newline = memchr(start, '\n', (size_t)(cursor->end - start));
    const char *stop = newline ? newline : cursor->end;
    cursor->next = newline ? newline + 1 : cursor->end;
    size_t length = (size_t)(stop - start);
    if (length > 0 && start[length - 1] == '\r')
        length--;
    line->text = start;
    line->length = length;
    line->number = ++cursor->number;
    return true;
}

/* Columns of leading whitespace (a tab advances to the next multiple of 4,
 * as CommonMark counts it) and the offset of the first other byte. */
static size_t markdown_indent(const struct markdown_line *line, size_t *offset)
{
    size_t columns = 0, i = 0;
    while (i < line->length && markdown_is_space(line->text[i])) {
        columns = line->text[i] == '\t' ? (columns / 4 + 1) * 4 : columns + 1;
        i++;
    }
    *offset = i;
    return columns;
}

static bool markdown_is_blank(const struct markdown_line *line)
{
    for (size_t i = 0; i < line->length; i++)
        if (!markdown_is_space(line->text[i]))
            return false;
    return true;
}

/* Whether `needle` occurs in the first `length` bytes of `text` (which need
 * not be NUL-terminated). */
static bool markdown_contains(const char *text, size_t length, const char *needle)
{
    size_t size = strlen(needle);
    for (size_t i = 0; size <= length && i <= length - size; i++)
        if (memcmp(text + i, needle, size) == 0)
            return true;
    return false;
}

/* Length of `text` without trailing spaces and tabs. */
static size_t markdown_trim_end(const char *text, size_t length)
{
    while (length > 0 && markdown_is_space(text[length - 1]))
        length--;
    return length;
}

/* ---- heading normalization ---- */

/* Decodes one UTF-8 sequence at text[*i]; returns the code point, or -1 for
 * an invalid or truncated sequence (then *i advances by one byte). */
static long markdown_utf8_decode(const char *text, size_t length, size_t *i)
{
    unsigned char c = (unsigned char)text[*i];
    size_t need;
    long point;
    if (c < 0x80) {
        (*i)++;
        return c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        point = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        point = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        point = c & 0x07;
    } else {
        (*i)++;
        return -1;
    }
    if (length - *i <= need) {
        (*i)++;
        return -1;
    }
    for (size_t k = 1; k <= need; k++) {
        unsigned char next = (unsigned char)text[*i + k];
        if ((next & 0xC0) != 0x80) {
            (*i)++;
            return -1;
        }
        point = (point << 6) | (next & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are invalid. */
    if ((need == 2 && point < 0x800) || (need == 3 && point < 0x10000) || point > 0x10FFFF ||
        (point >= 0xD800 && point <= 0xDFFF)) {
        (*i)++;
        return -1;
    }
    *i += need + 1;
    return point;
}

/* Emoji, pictographs, arrows, dingbats, box drawing, variation selectors,
 * zero-width joiners …: decoration in headings like "🚀 Installation". Letters
 * of every script are kept. */
static bool markdown_is_symbol(long point)
{
    return (point >= 0x2000 && point <= 0x2BFF) || (point >= 0xFE00 && point <= 0xFE0F) ||
           (point >= 0x1F000 && point <= 0x1FAFF) || (point >= 0xE0000 && point <= 0xE007F) ||
           point == 0xFEFF || point == 0x00A0;
}

/* For each '[' and '(' of a heading, the index of the bracket that closes it
 * (-1: none), found in one pass with a stack per bracket kind, so stripping
 * a heading full of unbalanced brackets stays linear. Backslash-escaped
 * brackets do not count. `length` is at most MARKDOWN_PARAGRAPH_MAX. */
static void markdown_match_brackets(const char *text, size_t length, int *match)
{
    int square[MARKDOWN_PARAGRAPH_MAX], round[MARKDOWN_PARAGRAPH_MAX];
    size_t squares = 0, rounds = 0;
    for (size_t i = 0; i < length; i++)
        match[i] = -1;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (c == '\\' && i + 1 < length)
            i++;
        else if (c == '[')
            square[squares++] = (int)i;
        else if (c == '(')
            round[rounds++] = (int)i;
        else if (c == ']' && squares > 0)
            match[square[--squares]] = (int)i;
        else if (c == ')' && rounds > 0)
            match[round[--rounds]] = (int)i;
    }
}

/* Index just past the bracket closing the one at i, or 0 when unclosed. */
static size_t markdown_skip_balanced(const int *match, size_t i)
{
    return match[i] >= 0 ? (size_t)match[i] + 1 : 0;
}

/* First pass: drops inline markup, keeping the words a reader sees. Images
 * and badges go entirely, links keep their text, HTML tags and `:emoji:`
 * shortcodes go, emphasis and code marks go, backslash escapes keep the
 * escaped character. Writes at most `capacity` - 1 bytes to out. */
static size_t markdown_strip_markup(const char *text, size_t length, char *out, size_t capacity)
{
    /* Longer headings are cut: at most MARKDOWN_HEADING_MAX bytes survive
     * normalization anyway. */
    if (length > MARKDOWN_PARAGRAPH_MAX)
        length = MARKDOWN_PARAGRAPH_MAX;
    int match[MARKDOWN_PARAGRAPH_MAX];
    markdown_match_brackets(text, length, match);
    size_t n = 0;
    for (size_t i = 0; i < length && n + 1 < capacity;) {
        char c = text[i];
        if (c == '\\' && i + 1 < length && text[i + 1] != ' ') {
            out[n++] = text[i + 1];
            i += 2;
            continue;
        }
        if (c == '!' && i + 1 < length && text[i + 1] == '[') {
            size_t after = markdown_skip_balanced(match, i + 1);
            if (after) {
                i = after;
                if (i < length && text[i] == '(') {
                    size_t target = markdown_skip_balanced(match, i);
                    i = target ? target : i;
                } else if (i < length && text[i] == '[') {
                    size_t target = markdown_skip_balanced(match, i);
                    i = target ? target : i;
                }
                continue;
            }
        }
        if (c == ']') {
            /* The end of a link's text: drop its target. */
            i++;
            if (i < length && (text[i] == '(' || text[i] == '[')) {
                size_t target = markdown_skip_balanced(match, i);
                i = target ? target : i;
            }
            continue;
        }
        if (c == '<' && i + 1 < length &&
            (markdown_is_alnum((unsigned char)text[i + 1]) || text[i + 1] == '/' ||
             text[i + 1] == '!')) {
            const char *close = memchr(text + i, '>', length - i);
            if (close) {
                i = (size_t)(close - text) + 1;
                out[n++] = ' ';
                continue;
            }
        }
        if (c == ':' && i + 1 < length) {
            size_t k = i + 1;
            while (k < length && (markdown_is_alnum((unsigned char)text[k]) || text[k] == '_' ||
                                  text[k] == '+' || text[k] == '-'))
                k++;
            if (k > i + 1 && k < length && text[k] == ':') {
                i = k + 1;
                continue;
            }
        }
        if (c == '[' || c == '*' || c == '`' || c == '~') {
            i++;
            continue;
        }
        if (c == '_') {
            /* Emphasis, unless inside a word like snake_case. */
            bool inner = n > 0 && markdown_is_alnum((unsigned char)out[n - 1]) && i + 1 < length &&
                         markdown_is_alnum((unsigned char)text[i + 1]);
            if (!inner) {
                i++;
                continue;
            }
        }
        out[n++] = c;
        i++;
    }
    out[n] = '\0';
    return n;
}

/* Normalizes a heading's raw text into `out` (at most MARKDOWN_HEADING_MAX
 * bytes plus NUL): markup stripped, invalid UTF-8, control characters and
 * symbols dropped, ASCII lowercased, whitespace collapsed, leading
 * punctuation and section numbers ("1.", "2.3)") and trailing ':' removed.
 * Returns the length (0: nothing left, not worth a fact). */
static size_t markdown_normalize(const char *raw, size_t raw_length, char *out)
{
    char stripped[MARKDOWN_PARAGRAPH_MAX + 1];
    size_t length = markdown_strip_markup(raw, raw_length, stripped, sizeof(stripped));
    size_t n = 0;
    bool pending_space = false;
    for (size_t i = 0; i < length;) {
        size_t start = i;
        long point = markdown_utf8_decode(stripped, length, &i);
        if (point < 0 || markdown_is_symbol(point))
            continue;
        if (point < 0x20 || point == 0x7F || point == ' ' || (point >= 0x80 && point < 0xA0)) {
            pending_space = n > 0;
            continue;
        }
        /* Leading punctuation (list bullets, "—", "#", "|") says nothing. */
        if (n == 0 && point < 0x80 && !markdown_is_alnum((unsigned char)point))
            continue;
        size_t size = i - start;
        if (n + (pending_space ? 1 : 0) + size > MARKDOWN_HEADING_MAX)
            break;
        if (pending_space)
            out[n++] = ' ';
        pending_space = false;
        for (size_t k = 0; k < size; k++)
            out[n++] = text_lower(stripped[start + k]);
    }
    out[n] = '\0';

    /* Section numbers: "1 ", "1. ", "2.3 ", "4) ". */
    size_t k = 0;
    while (k < n && out[k] >= '0' && out[k] <= '9')
        k++;
    if (k > 0) {
        size_t j = k;
        while (j < n && (out[j] == '.' || out[j] == ')' || (out[j] >= '0' && out[j] <= '9')))
            j++;
        if (j < n && out[j] == ' ') {
            memmove(out, out + j + 1, n - j);
            n -= j + 1;
        }
    }
    while (n > 0 && (out[n - 1] == ':' || out[n - 1] == ' '))
        out[--n] = '\0';
    return n;
}

static void markdown_emit(struct analysis *analysis, const char *raw, size_t length, int line)
{
    char value[MARKDOWN_HEADING_MAX + 1];
    if (markdown_normalize(raw, length, value) == 0)
        return;
    analysis_add_fact(analysis, "doc.heading", line, arena_strdup(analysis->arena, value));
}

/* ---- Markdown ---- */

/* A fence opener (``` or ~~~, at least three, indented at most 3 columns):
 * sets its character and length. */
static bool markdown_fence_open(const struct markdown_line *line, char *fence_char,
                                size_t *fence_length)
{
    size_t offset;
    if (markdown_indent(line, &offset) > 3 || offset >= line->length)
        return false;
    char c = line->text[offset];
    if (c != '`' && c != '~')
        return false;
    size_t run = 0;
    while (offset + run < line->length && line->text[offset + run] == c)
        run++;
    if (run < 3)
        return false;
    /* A backtick fence's info string may not contain backticks (CommonMark),
     * which keeps inline ```code``` from opening a block. */
    if (c == '`' && memchr(line->text + offset + run, '`', line->length - offset - run))
        return false;
    *fence_char = c;
    *fence_length = run;
    return true;
}

static bool markdown_fence_closes(const struct markdown_line *line, char fence_char,
                                  size_t fence_length)
{
    size_t offset;
    if (markdown_indent(line, &offset) > 3)
        return false;
    size_t run = 0;
    while (offset + run < line->length && line->text[offset + run] == fence_char)
        run++;
    if (run < fence_length)
        return false;
    return markdown_trim_end(line->text, line->length) == offset + run;
}

/* A line that could close a fence: up to 3 columns of indent, a run of at
 * least three '`' or '~', then nothing but blanks. Sets the run. */
static bool markdown_closer(const struct markdown_line *line, char *fence_char, size_t *run)
{
    size_t offset;
    if (markdown_indent(line, &offset) > 3 || offset >= line->length)
        return false;
    char c = line->text[offset];
    if (c != '`' && c != '~')
        return false;
    size_t length = 0;
    while (offset + length < line->length && line->text[offset + length] == c)
        length++;
    if (length < 3 || markdown_trim_end(line->text, line->length) != offset + length)
        return false;
    *fence_char = c;
    *run = length;
    return true;
}

/* Every line that could close a fence, with the longest closing run of each
 * fence character from that line to the end of the file. With it, "is the
 * fence opened here closed later?" costs constant time, so a file made of
 * thousands of unclosed openers is still read in linear time. */
struct markdown_closers {
    int *line;          /* ascending line numbers */
    size_t *longest[2]; /* [0] backticks, [1] tildes: longest run at index i or later */
    size_t count;
    size_t next; /* first entry after the line being read (lines only move forward) */
};

static void markdown_closers_init(struct markdown_closers *closers, const struct source_file *file,
                                  struct arena *arena)
{
    struct markdown_cursor cursor;
    struct markdown_line line;
    char c;
    size_t run, count = 0;
    memset(closers, 0, sizeof(*closers));
    markdown_cursor_init(&cursor, file->content, file->length);
    while (markdown_cursor_next(&cursor, &line))
        count += markdown_closer(&line, &c, &run);
    if (count == 0)
        return;
    closers->line = arena_alloc(arena, count * sizeof(*closers->line));
    closers->longest[0] = arena_alloc(arena, count * sizeof(size_t));
    closers->longest[1] = arena_alloc(arena, count * sizeof(size_t));
    size_t *runs = closers->longest[0], *kinds = closers->longest[1];
    markdown_cursor_init(&cursor, file->content, file->length);
    while (markdown_cursor_next(&cursor, &line) && closers->count < count) {
        if (!markdown_closer(&line, &c, &run))
            continue;
        closers->line[closers->count] = line.number;
        runs[closers->count] = run;
        kinds[closers->count] = c == '~';
        closers->count++;
    }
    /* Suffix maxima, computed in place from the end: entry i's own run and
     * kind are read before they are overwritten. */
    size_t best[2] = {0, 0};
    for (size_t i = count; i-- > 0;) {
        size_t kind = kinds[i];
        if (runs[i] > best[kind])
            best[kind] = runs[i];
        closers->longest[0][i] = best[0];
        closers->longest[1][i] = best[1];
    }
}

/* Whether a fence of `fence_length` `fence_char`s opened on `line_number` is
 * closed later. An unclosed fence would hide every later heading, and in a
 * README it is far more often a stray line (an rst "~~~~" underline in a .txt
 * README) than code running to the end of the file, so it is not treated as
 * a fence. Calls must come in ascending line order. */
static bool markdown_fence_is_closed(struct markdown_closers *closers, int line_number,
                                     char fence_char, size_t fence_length)
{
    while (closers->next < closers->count && closers->line[closers->next] <= line_number)
        closers->next++;
    return closers->next < closers->count &&
           closers->longest[fence_char == '~'][closers->next] >= fence_length;
}

/* A line made only of one repeated character `c` (trailing blanks allowed),
 * at least `minimum` long, indented at most 3 columns. */
static bool markdown_is_rule_of(const struct markdown_line *line, char c, size_t minimum)
{
    size_t offset;
    if (markdown_indent(line, &offset) > 3)
        return false;
    size_t end = markdown_trim_end(line->text, line->length);
    if (end <= offset || end - offset < minimum)
        return false;
    for (size_t i = offset; i < end; i++)
        if (line->text[i] != c)
            return false;
    return true;
}

/* An ATX heading: up to 3 columns of indent, 1–6 '#', then a blank or the
 * end of the line. Sets the text without the closing '#' run. */
static bool markdown_atx(const struct markdown_line *line, const char **text, size_t *length)
{
    size_t offset;
    if (markdown_indent(line, &offset) > 3)
        return false;
    size_t hashes = 0;
    while (offset + hashes < line->length && line->text[offset + hashes] == '#')
        hashes++;
    if (hashes == 0 || hashes > 6)
        return false;
    size_t start = offset + hashes;
    if (start < line->length && !markdown_is_space(line->text[start]))
        return false;
    size_t end = markdown_trim_end(line->text, line->length);
    if (end < start)
        end = start;
    /* A closing sequence counts only after a blank ("# C#" keeps its '#'). */
    size_t close = end;
    while (close > start && line->text[close - 1] == '#')
        close--;
    if (close == start || markdown_is_space(line->text[close - 1]))
        end = close;
    *text = line->text + start;
    *length = end - start;
    return true;
}

/* A one-line HTML heading, `<h2 id="x">Text</h2>`: READMEs use them to centre
 * a title. Sets the text between the tags. */
static bool markdown_html_heading(const struct markdown_line *line, const char **text,
                                  size_t *length)
{
    size_t offset;
    if (markdown_indent(line, &offset) > 3 || line->length - offset < 4)
        return false;
    const char *p = line->text + offset;
    size_t rest = line->length - offset;
    if (p[0] != '<' || text_lower(p[1]) != 'h' || p[2] < '1' || p[2] > '6' ||
        (p[3] != '>' && !markdown_is_space(p[3])))
        return false;
    const char *open_end = memchr(p, '>', rest);
    if (!open_end)
        return false;
    const char *body = open_end + 1;
    size_t body_rest = (size_t)(p + rest - body);
    for (size_t i = 0; i + 3 < body_rest; i++) {
        if (body[i] == '<' && body[i + 1] == '/' && text_lower(body[i + 2]) == 'h' &&
            body[i + 3] == p[2]) {
            *text = body;
            *length = i;
            return true;
        }
    }
    return false;
}

/* A thematic break: three or more '-', '*' or '_', blanks allowed between. */
static bool markdown_is_thematic_break(const struct markdown_line *line)
{
    size_t offset;
    if (markdown_indent(line, &offset) > 3 || offset >= line->length)
        return false;
    char c = line->text[offset];
    if (c != '-' && c != '*' && c != '_')
        return false;
    size_t count = 0;
    for (size_t i = offset; i < line->length; i++) {
        if (line->text[i] == c)
            count++;
        else if (!markdown_is_space(line->text[i]))
            return false;
    }
    return count >= 3;
}

/* A line that starts a block a Setext underline cannot turn into a heading:
 * a list item, a block quote, a table row or an HTML block. */
static bool markdown_starts_other_block(const struct markdown_line *line)
{
    size_t offset;
    markdown_indent(line, &offset);
    if (offset >= line->length)
        return false;
    const char *p = line->text + offset;
    size_t rest = line->length - offset;
    if (p[0] == '>' || p[0] == '|' || p[0] == '<')
        return true;
    if ((p[0] == '-' || p[0] == '*' || p[0] == '+') && (rest == 1 || markdown_is_space(p[1])))
        return true;
    size_t digits = 0;
    while (digits < rest && digits < 9 && p[digits] >= '0' && p[digits] <= '9')
        digits++;
    return digits > 0 && digits < rest && (p[digits] == '.' || p[digits] == ')') &&
           (digits + 1 == rest || markdown_is_space(p[digits + 1]));
}

/* Front matter (YAML between "---" lines, TOML between "+++" lines) at the
 * very top: skipped only when it is closed, so a README that merely starts
 * with a thematic break keeps its headings. */
static void markdown_skip_front_matter(struct markdown_cursor *cursor)
{
    struct markdown_cursor probe = *cursor;
    struct markdown_line line;
    if (!markdown_cursor_next(&probe, &line))
        return;
    size_t length = markdown_trim_end(line.text, line.length);
    bool yaml = length == 3 && memcmp(line.text, "---", 3) == 0;
    bool toml = length == 3 && memcmp(line.text, "+++", 3) == 0;
    if (!yaml && !toml)
        return;
    while (markdown_cursor_next(&probe, &line)) {
        length = markdown_trim_end(line.text, line.length);
        if (length == 3 && (memcmp(line.text, toml ? "+++" : "---", 3) == 0 ||
                            (yaml && memcmp(line.text, "...", 3) == 0))) {
            *cursor = probe;
            return;
        }
    }
}

struct markdown_paragraph {
    bool open;
    bool can_be_heading; /* started unindented, outside lists and quotes */
    int line;
    size_t length;
    char text[MARKDOWN_PARAGRAPH_MAX];
};

static void markdown_paragraph_add(struct markdown_paragraph *paragraph,
                                   const struct markdown_line *line)
{
    size_t offset;
    markdown_indent(line, &offset);
    size_t end = markdown_trim_end(line->text, line->length);
    if (paragraph->length > 0 && paragraph->length < sizeof(paragraph->text))
        paragraph->text[paragraph->length++] = ' ';
    for (size_t i = offset; i < end && paragraph->length < sizeof(paragraph->text); i++)
        paragraph->text[paragraph->length++] = line->text[i];
}

static void markdown_scan_markdown(const struct source_file *file, struct analysis *analysis)
{
    struct markdown_cursor cursor;
    markdown_cursor_init(&cursor, file->content, file->length);
    markdown_skip_front_matter(&cursor);

    struct markdown_closers closers;
    markdown_closers_init(&closers, file, analysis->arena);
    struct markdown_paragraph paragraph = {0};
    /* Inside a list, quote, table or HTML block until the next blank line. */
    bool other_block = false;
    bool in_fence = false, in_comment = false;
    char fence_char = 0;
    size_t fence_length = 0;
    struct markdown_line line;

    while (markdown_cursor_next(&cursor, &line)) {
        if (in_fence) {
            if (markdown_fence_closes(&line, fence_char, fence_length))
                in_fence = false;
            continue;
        }
        if (in_comment) {
            if (markdown_contains(line.text, line.length, "-->"))
                in_comment = false;
            continue;
        }
        if (markdown_is_blank(&line)) {
            paragraph.open = false;
            other_block = false;
            continue;
        }
        size_t offset;
        size_t indent = markdown_indent(&line, &offset);
        if (indent >= 4) {
            /* Indented code, or the lazy continuation of an open block. */
            if (paragraph.open)
                markdown_paragraph_add(&paragraph, &line);
            continue;
        }
        if (markdown_fence_open(&line, &fence_char, &fence_length) &&
            markdown_fence_is_closed(&closers, line.number, fence_char, fence_length)) {
            in_fence = true;
            paragraph.open = false;
            continue;
        }
        if (line.length - offset >= 4 && memcmp(line.text + offset, "<!--", 4) == 0) {
            paragraph.open = false;
            if (!markdown_contains(line.text + offset + 4, line.length - offset - 4, "-->"))
                in_comment = true;
            continue;
        }
        const char *text;
        size_t length;
        if (markdown_atx(&line, &text, &length) || markdown_html_heading(&line, &text, &length)) {
            markdown_emit(analysis, text, length, line.number);
            paragraph.open = false;
            other_block = false;
            continue;
        }
        if (paragraph.open && paragraph.can_be_heading &&
            (markdown_is_rule_of(&line, '=', 1) || markdown_is_rule_of(&line, '-', 1))) {
            markdown_emit(analysis, paragraph.text, paragraph.length, paragraph.line);
            paragraph.open = false;
            continue;
        }
        if (markdown_is_thematic_break(&line)) {
            paragraph.open = false;
            other_block = false;
            continue;
        }
        if (markdown_starts_other_block(&line)) {
            other_block = true;
            paragraph.open = false;
            continue;
        }
        if (other_block)
            continue;
        if (!paragraph.open) {
            paragraph.open = true;
            paragraph.can_be_heading = indent == 0;
            paragraph.line = line.number;
            paragraph.length = 0;
        }
        markdown_paragraph_add(&paragraph, &line);
    }
}

/* ---- reStructuredText ---- */

/* Characters docutils accepts for section adornment. */
static bool markdown_rst_adornment_char(char c)
{
    return c != '\0' && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

/* An adornment line: one punctuation character repeated at least three
 * times from column 0, nothing else but trailing blanks. Sets the character. */
static bool markdown_rst_adornment(const struct markdown_line *line, char *c)
{
    size_t end = markdown_trim_end(line->text, line->length);
    if (end < 3 || !markdown_rst_adornment_char(line->text[0]))
        return false;
    for (size_t i = 1; i < end; i++)
        if (line->text[i] != line->text[0])
            return false;
    *c = line->text[0];
    return true;
}

struct markdown_rst_line {
    struct markdown_line line;
    bool valid, blank, adornment, consumed;
    char adornment_char;
    size_t indent;
};

/* reStructuredText section titles: a text line underlined by an adornment
 * line (docutils wants a blank line, or the start of the file, before it),
 * or overlined and underlined with the same character (then it may be
 * inset). Titles cannot be indented otherwise, so literal blocks and
 * directive bodies (always indented) never yield headings. */
static void markdown_scan_rst(const struct source_file *file, struct analysis *analysis)
{
    struct markdown_cursor cursor;
    markdown_cursor_init(&cursor, file->content, file->length);
    struct markdown_rst_line before = {0}, previous = {0}, current;
    while (markdown_cursor_next(&cursor, &current.line)) {
        size_t offset;
        current.valid = true;
        current.blank = markdown_is_blank(&current.line);
        current.adornment = markdown_rst_adornment(&current.line, &current.adornment_char);
        current.consumed = false;
        current.indent = markdown_indent(&current.line, &offset);
        if (current.adornment && previous.valid && !previous.blank && !previous.adornment) {
            bool overlined = before.valid && before.adornment && !before.consumed &&
                             before.adornment_char == current.adornment_char;
            bool underlined = previous.indent == 0 && (!before.valid || before.blank);
            if (overlined || underlined) {
                size_t start;
                markdown_indent(&previous.line, &start);
                markdown_emit(analysis, previous.line.text + start,
                              markdown_trim_end(previous.line.text, previous.line.length) - start,
                              previous.line.number);
                current.consumed = true;
            }
        }
        before = previous;
        previous = current;
    }
}

/* ---- which files ---- */

/* The extension of a base name, lowercase compared against `list` (a
 * NULL-terminated list; "" stands for "no extension"). */
static bool markdown_extension_in(const char *name, const char *const *list)
{
    const char *dot = strrchr(name, '.');
    const char *extension = (dot && dot != name) ? dot + 1 : "";
    for (size_t i = 0; list[i]; i++)
        if (text_equals_nocase(extension, strlen(extension), list[i]))
            return true;
    return false;
}

static const char *const markdown_readme_extensions[] = {"",    "md",  "markdown", "mdown",
                                                         "mkd", "rst", "txt",      NULL};
static const char *const markdown_docs_extensions[] = {"md",  "markdown", "mdown",
                                                       "mkd", "rst",      NULL};

/* A README at any level, a Markdown or reStructuredText document at the
 * root, or one below a docs/, doc/ or documentation/ directory at any level. */
static bool markdown_applies(const struct source_file *file)
{
    if (!file->path)
        return false;
    const char *name = text_basename(file->path);
    const char *dot = strrchr(name, '.');
    size_t stem = (dot && dot != name) ? (size_t)(dot - name) : strlen(name);
    if (text_equals_nocase(name, stem, "readme"))
        return markdown_extension_in(name, markdown_readme_extensions);
    if (!markdown_extension_in(name, markdown_docs_extensions))
        return false;
    /* Documents at the root (deployment.md, development.md …) are where
     * many projects keep what a README links to. */
    if (name == file->path)
        return true;
    for (const char *segment = file->path; segment < name;) {
        const char *slash = strchr(segment, '/');
        if (!slash || slash >= name)
            break;
        size_t size = (size_t)(slash - segment);
        if (text_equals_nocase(segment, size, "docs") || text_equals_nocase(segment, size, "doc") ||
            text_equals_nocase(segment, size, "documentation"))
            return true;
        segment = slash + 1;
    }
    return false;
}

static void markdown_run(const struct source_file *file, struct analysis *analysis)
{
    if (!file->content)
        return;
    static const char *const rst[] = {"rst", NULL};
    if (markdown_extension_in(text_basename(file->path), rst))
        markdown_scan_rst(file, analysis);
    else
        markdown_scan_markdown(file, analysis);
}

const struct analyzer analyzer_markdown = {
    .name = "markdown",
    .applies = markdown_applies,
    .run = markdown_run,
};
