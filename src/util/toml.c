/*
 * toml: the TOML 1.0 parser (see toml.h), written from the specification
 * at https://toml.io/en/v1.0.0. One pass over the bytes with a cursor and a
 * line counter; values go straight into the tree. Every loop advances the
 * cursor or stops, recursion (arrays and inline tables) is capped, and a
 * table refuses more entries than a real file has, so hostile input ends in
 * an error, never a crash or a quadratic crawl.
 */
#include "util/toml.h"
#include "util/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    TOML_MAX_DEPTH = 64,
    TOML_MAX_TABLE_KEYS = 20000, /* duplicate checks are linear: keep them bounded */
    TOML_MAX_KEY_PARTS = 64,
};

/* How a table came to be; the specification's rules on defining tables
 * twice depend on it. */
enum {
    TOML_FLAG_HEADER = 1u,      /* defined by a [header] */
    TOML_FLAG_DOTTED = 2u,      /* created by a dotted key */
    TOML_FLAG_FROZEN = 4u,      /* inline table or array literal: closed for good */
    TOML_FLAG_TABLE_ARRAY = 8u, /* array created by [[header]] */
    TOML_FLAG_IMPLICIT = 16u,   /* created on the way to a deeper [header] */
};

struct toml_parser {
    const char *p, *end;
    int line;
    int depth;
    struct toml_document *doc;
    struct arena *arena;
    bool failed;
};

struct toml_key {
    const char *parts[TOML_MAX_KEY_PARTS];
    size_t lengths[TOML_MAX_KEY_PARTS];
    size_t count;
};

static bool toml_fail(struct toml_parser *parser, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static bool toml_fail(struct toml_parser *parser, const char *format, ...)
{
    if (!parser->failed) {
        parser->failed = true;
        parser->doc->error_line = parser->line;
        va_list args;
        va_start(args, format);
        vsnprintf(parser->doc->error, sizeof parser->doc->error, format, args);
        va_end(args);
    }
    return false;
}

static struct toml_value *toml_new(struct toml_parser *parser, enum toml_type type)
{
    struct toml_value *value = arena_alloc(parser->arena, sizeof(*value));
    value->type = type;
    value->line = parser->line;
    return value;
}

static void toml_append(struct toml_value *container, struct toml_value *item)
{
    if (container->last)
        container->last->next = item;
    else
        container->first = item;
    container->last = item;
    container->count++;
}

static struct toml_value *toml_find(const struct toml_value *table, const char *key, size_t length)
{
    for (struct toml_value *entry = table->first; entry; entry = entry->next)
        if (entry->key_length == length && memcmp(entry->key, key, length) == 0)
            return entry;
    return NULL;
}

static bool toml_add_entry(struct toml_parser *parser, struct toml_value *table,
                           struct toml_value *entry, const char *key, size_t length, int key_line)
{
    if (table->count >= TOML_MAX_TABLE_KEYS)
        return toml_fail(parser, "more than %d keys in one table", TOML_MAX_TABLE_KEYS);
    entry->key = arena_strndup(parser->arena, key, length);
    entry->key_length = length;
    entry->key_line = key_line;
    toml_append(table, entry);
    return true;
}

/* ---- characters ---- */

static bool toml_at_end(const struct toml_parser *parser)
{
    return parser->p >= parser->end;
}

static int toml_peek(const struct toml_parser *parser, size_t ahead)
{
    return (size_t)(parser->end - parser->p) > ahead ? (unsigned char)parser->p[ahead] : -1;
}

static bool toml_is_bare_key_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

/* Control characters other than tab are not allowed in comments and strings. */
static bool toml_is_control(int c)
{
    return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

static void toml_skip_blanks(struct toml_parser *parser)
{
    while (!toml_at_end(parser) && (*parser->p == ' ' || *parser->p == '\t'))
        parser->p++;
}

/* A comment runs to the end of the line (the newline is left). */
static bool toml_skip_comment(struct toml_parser *parser)
{
    if (toml_at_end(parser) || *parser->p != '#')
        return true;
    while (!toml_at_end(parser) && *parser->p != '\n') {
        int c = (unsigned char)*parser->p;
        if (c == '\r' && toml_peek(parser, 1) == '\n')
            break;
        if (toml_is_control(c))
            return toml_fail(parser, "control character in a comment");
        parser->p++;
    }
    return true;
}

/* Consumes one newline (LF or CRLF) if there is one. */
static bool toml_newline(struct toml_parser *parser)
{
    if (toml_peek(parser, 0) == '\n') {
        parser->p++;
        parser->line++;
        return true;
    }
    if (toml_peek(parser, 0) == '\r' && toml_peek(parser, 1) == '\n') {
        parser->p += 2;
        parser->line++;
        return true;
    }
    return false;
}

/* Blanks, comments and newlines (inside arrays). */
static bool toml_skip_space_and_comments(struct toml_parser *parser)
{
    for (;;) {
        toml_skip_blanks(parser);
        if (!toml_skip_comment(parser))
            return false;
        if (!toml_newline(parser))
            return true;
    }
}

/* After a key/value pair or a header: blanks, an optional comment, then a
 * newline or the end of the input. */
static bool toml_end_of_line(struct toml_parser *parser)
{
    toml_skip_blanks(parser);
    if (!toml_skip_comment(parser))
        return false;
    if (toml_at_end(parser) || toml_newline(parser))
        return true;
    return toml_fail(parser, "expected the end of the line, found '%c'",
                     toml_is_control((unsigned char)*parser->p) ? '?' : *parser->p);
}

/* ---- strings ---- */

struct toml_buffer {
    char *data;
    size_t length, capacity;
};

static void toml_buffer_add(struct toml_parser *parser, struct toml_buffer *buffer,
                            const char *bytes, size_t length)
{
    if (buffer->length + length + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 64;
        while (capacity < buffer->length + length + 1)
            capacity *= 2;
        char *grown = arena_alloc(parser->arena, capacity);
        if (buffer->length)
            memcpy(grown, buffer->data, buffer->length);
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, bytes, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
}

static int toml_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static size_t toml_utf8_encode(uint32_t code, char out[4])
{
    if (code < 0x80) {
        out[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (char)(0xc0 | (code >> 6));
        out[1] = (char)(0x80 | (code & 0x3f));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (char)(0xe0 | (code >> 12));
        out[1] = (char)(0x80 | ((code >> 6) & 0x3f));
        out[2] = (char)(0x80 | (code & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (code >> 18));
    out[1] = (char)(0x80 | ((code >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((code >> 6) & 0x3f));
    out[3] = (char)(0x80 | (code & 0x3f));
    return 4;
}

/* One escape after a backslash in a basic string (the cursor is on the
 * character after the backslash). */
static bool toml_escape(struct toml_parser *parser, struct toml_buffer *buffer)
{
    int c = toml_peek(parser, 0);
    const char *simple = NULL;
    switch (c) {
    case 'b':
        simple = "\b";
        break;
    case 't':
        simple = "\t";
        break;
    case 'n':
        simple = "\n";
        break;
    case 'f':
        simple = "\f";
        break;
    case 'r':
        simple = "\r";
        break;
    case '"':
        simple = "\"";
        break;
    case '\\':
        simple = "\\";
        break;
    case 'u':
    case 'U': {
        size_t digits = c == 'u' ? 4 : 8;
        uint32_t code = 0;
        for (size_t i = 1; i <= digits; i++) {
            int digit = toml_hex_digit(toml_peek(parser, i));
            if (digit < 0)
                return toml_fail(parser, "\\%c needs %zu hexadecimal digits", c, digits);
            code = code * 16 + (uint32_t)digit;
        }
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
            return toml_fail(parser, "\\%c escape is not a Unicode scalar value", c);
        char encoded[4];
        size_t encoded_length = toml_utf8_encode(code, encoded);
        toml_buffer_add(parser, buffer, encoded, encoded_length);
        parser->p += 1 + digits;
        return true;
    }
    default:
        return toml_fail(parser, "unknown escape sequence");
    }
    toml_buffer_add(parser, buffer, simple, 1);
    parser->p++;
    return true;
}

/* A string at the cursor (on its first quote). */
static bool toml_string_value(struct toml_parser *parser, struct toml_buffer *out,
                              bool allow_multiline)
{
    char quote = *parser->p;
    int start_line = parser->line;
    bool literal = quote == '\'';
    bool multiline = toml_peek(parser, 1) == quote && toml_peek(parser, 2) == quote;
    memset(out, 0, sizeof(*out));
    toml_buffer_add(parser, out, "", 0);
    if (multiline) {
        if (!allow_multiline)
            return toml_fail(parser, "a key cannot be a multi-line string");
        parser->p += 3;
        /* A newline right after the opening delimiter is trimmed. */
        toml_newline(parser);
    } else {
        parser->p++;
    }
    for (;;) {
        if (toml_at_end(parser)) {
            parser->line = start_line;
            return toml_fail(parser, "unterminated string");
        }
        int c = (unsigned char)*parser->p;
        if (c == quote) {
            if (!multiline) {
                parser->p++;
                return true;
            }
            if (toml_peek(parser, 1) == quote && toml_peek(parser, 2) == quote) {
                /* Up to two quotes may sit right before the closing three. */
                size_t run = 3;
                while (run < 5 && toml_peek(parser, run) == quote)
                    run++;
                toml_buffer_add(parser, out, parser->p, run - 3);
                parser->p += run;
                return true;
            }
            toml_buffer_add(parser, out, parser->p, 1);
            parser->p++;
            continue;
        }
        if (c == '\n' || (c == '\r' && toml_peek(parser, 1) == '\n')) {
            if (!multiline)
                return toml_fail(parser, "newline in a single-line string");
            toml_buffer_add(parser, out, "\n", 1);
            toml_newline(parser);
            continue;
        }
        if (c == '\\' && !literal) {
            parser->p++;
            if (multiline) {
                /* A line-ending backslash trims the newline and the
                 * whitespace after it. */
                const char *q = parser->p;
                while (q < parser->end && (*q == ' ' || *q == '\t'))
                    q++;
                if (q < parser->end &&
                    (*q == '\n' || (*q == '\r' && q + 1 < parser->end && q[1] == '\n'))) {
                    parser->p = q;
                    for (;;) {
                        toml_skip_blanks(parser);
                        if (!toml_newline(parser))
                            break;
                    }
                    continue;
                }
            }
            if (!toml_escape(parser, out))
                return false;
            continue;
        }
        if (toml_is_control(c))
            return toml_fail(parser, "control character in a string");
        toml_buffer_add(parser, out, parser->p, 1);
        parser->p++;
    }
}

/* ---- keys ---- */

static bool toml_key(struct toml_parser *parser, struct toml_key *key)
{
    key->count = 0;
    for (;;) {
        toml_skip_blanks(parser);
        if (key->count == TOML_MAX_KEY_PARTS)
            return toml_fail(parser, "a key with more than %d parts", TOML_MAX_KEY_PARTS);
        int c = toml_peek(parser, 0);
        if (c == '"' || c == '\'') {
            struct toml_buffer buffer;
            if (!toml_string_value(parser, &buffer, false))
                return false;
            key->parts[key->count] = buffer.data;
            key->lengths[key->count] = buffer.length;
        } else if (toml_is_bare_key_char(c)) {
            const char *start = parser->p;
            while (!toml_at_end(parser) && toml_is_bare_key_char((unsigned char)*parser->p))
                parser->p++;
            key->parts[key->count] = start;
            key->lengths[key->count] = (size_t)(parser->p - start);
        } else {
            return toml_fail(parser, "expected a key");
        }
        key->count++;
        toml_skip_blanks(parser);
        if (toml_peek(parser, 0) != '.')
            return true;
        parser->p++;
    }
}

/* ---- numbers, booleans, dates ---- */

static bool toml_digits(const char **p, const char *end, int base, bool underscores)
{
    const char *start = *p;
    bool last_digit = false;
    while (*p < end) {
        int c = (unsigned char)**p;
        int digit = toml_hex_digit(c);
        if (digit >= 0 && digit < base && (base == 16 || (c >= '0' && c <= '9'))) {
            last_digit = true;
        } else if (c == '_' && underscores && last_digit) {
            last_digit = false;
        } else {
            break;
        }
        (*p)++;
    }
    return *p > start && last_digit;
}

/* Copies a number's text without underscores, for strtoll/strtod. */
static char *toml_strip_underscores(struct toml_parser *parser, const char *text, size_t length)
{
    char *copy = arena_alloc(parser->arena, length + 1);
    size_t used = 0;
    for (size_t i = 0; i < length; i++)
        if (text[i] != '_')
            copy[used++] = text[i];
    copy[used] = '\0';
    return copy;
}

static bool toml_fixed_digits(const char *text, size_t count, int *value)
{
    *value = 0;
    for (size_t i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        *value = *value * 10 + (text[i] - '0');
    }
    return true;
}

/* HH:MM:SS with an optional fraction; returns its length or 0. */
static size_t toml_time_length(const char *text, size_t length)
{
    int hour, minute, second;
    if (length < 8 || text[2] != ':' || text[5] != ':' || !toml_fixed_digits(text, 2, &hour) ||
        !toml_fixed_digits(text + 3, 2, &minute) || !toml_fixed_digits(text + 6, 2, &second))
        return 0;
    if (hour > 23 || minute > 59 || second > 60)
        return 0;
    size_t used = 8;
    if (used < length && text[used] == '.') {
        size_t start = ++used;
        while (used < length && text[used] >= '0' && text[used] <= '9')
            used++;
        if (used == start)
            return 0;
    }
    return used;
}

static bool toml_valid_date(const char *text)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year, month, day;
    if (text[4] != '-' || text[7] != '-' || !toml_fixed_digits(text, 4, &year) ||
        !toml_fixed_digits(text + 5, 2, &month) || !toml_fixed_digits(text + 8, 2, &day))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1])
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

/* A date, time or date-time token; true when the whole token is one. */
static bool toml_is_datetime(const char *text, size_t length)
{
    if (length >= 8 && text[2] == ':')
        return toml_time_length(text, length) == length;
    if (length < 10 || !toml_valid_date(text))
        return false;
    if (length == 10)
        return true;
    if (text[10] != 'T' && text[10] != 't' && text[10] != ' ')
        return false;
    size_t used = 11;
    size_t time = toml_time_length(text + used, length - used);
    if (!time)
        return false;
    used += time;
    if (used == length)
        return true;
    if ((text[used] == 'Z' || text[used] == 'z') && used + 1 == length)
        return true;
    int hour, minute;
    if ((text[used] == '+' || text[used] == '-') && length - used == 6 && text[used + 3] == ':' &&
        toml_fixed_digits(text + used + 1, 2, &hour) &&
        toml_fixed_digits(text + used + 4, 2, &minute))
        return hour <= 23 && minute <= 59;
    return false;
}

/* Integers, floats, booleans, dates: a run of value characters. */
static struct toml_value *toml_scalar(struct toml_parser *parser)
{
    const char *start = parser->p;
    const char *q = start;
    while (q < parser->end &&
           (toml_is_bare_key_char((unsigned char)*q) || *q == '+' || *q == '.' || *q == ':'))
        q++;
    /* A date and a time may be separated by one space. */
    if (q - start == 10 && q + 3 < parser->end && *q == ' ' && q[1] >= '0' && q[1] <= '9' &&
        q[2] >= '0' && q[2] <= '9' && q[3] == ':') {
        q++;
        while (q < parser->end &&
               (toml_is_bare_key_char((unsigned char)*q) || *q == '+' || *q == '.' || *q == ':'))
            q++;
    }
    size_t length = (size_t)(q - start);
    if (!length) {
        toml_fail(parser, "expected a value");
        return NULL;
    }
    struct toml_value *value = NULL;
    if ((length == 4 && memcmp(start, "true", 4) == 0) ||
        (length == 5 && memcmp(start, "false", 5) == 0)) {
        value = toml_new(parser, TOML_BOOLEAN);
        value->boolean = length == 4;
    } else if (toml_is_datetime(start, length)) {
        value = toml_new(parser, TOML_DATETIME);
        value->string = arena_strndup(parser->arena, start, length);
        value->string_length = length;
    } else {
        const char *p = start, *end = q;
        bool sign = p < end && (*p == '+' || *p == '-');
        const char *unsigned_start = sign ? p + 1 : p;
        size_t rest = (size_t)(end - unsigned_start);
        if (rest == 3 &&
            (memcmp(unsigned_start, "inf", 3) == 0 || memcmp(unsigned_start, "nan", 3) == 0)) {
            value = toml_new(parser, TOML_FLOAT);
            double magnitude = unsigned_start[0] == 'i' ? INFINITY : NAN;
            value->real = start[0] == '-' ? -magnitude : magnitude;
        } else if (!sign && rest > 2 && unsigned_start[0] == '0' &&
                   (unsigned_start[1] == 'x' || unsigned_start[1] == 'o' ||
                    unsigned_start[1] == 'b')) {
            int base = unsigned_start[1] == 'x' ? 16 : unsigned_start[1] == 'o' ? 8 : 2;
            const char *digits = unsigned_start + 2;
            if (!toml_digits(&digits, end, base, true) || digits != end) {
                toml_fail(parser, "malformed integer");
                return NULL;
            }
            char *clean = toml_strip_underscores(parser, unsigned_start + 2,
                                                 (size_t)(end - unsigned_start - 2));
            errno = 0;
            unsigned long long number = strtoull(clean, NULL, base);
            if (errno == ERANGE || number > (unsigned long long)INT64_MAX) {
                toml_fail(parser, "integer out of range");
                return NULL;
            }
            value = toml_new(parser, TOML_INTEGER);
            value->integer = (long long)number;
        } else {
            /* Decimal: an integer part without leading zeros, then an
             * optional fraction and exponent. */
            const char *digits = unsigned_start;
            p = unsigned_start;
            if (!toml_digits(&p, end, 10, true)) {
                toml_fail(parser, "malformed value");
                return NULL;
            }
            if (p - digits > 1 && digits[0] == '0') {
                toml_fail(parser, "leading zero in a number");
                return NULL;
            }
            bool is_float = false;
            if (p < end && *p == '.') {
                p++;
                if (!toml_digits(&p, end, 10, true)) {
                    toml_fail(parser, "a decimal point needs digits on both sides");
                    return NULL;
                }
                is_float = true;
            }
            if (p < end && (*p == 'e' || *p == 'E')) {
                p++;
                if (p < end && (*p == '+' || *p == '-'))
                    p++;
                if (!toml_digits(&p, end, 10, true)) {
                    toml_fail(parser, "malformed exponent");
                    return NULL;
                }
                is_float = true;
            }
            if (p != end) {
                toml_fail(parser, "malformed value");
                return NULL;
            }
            char *clean = toml_strip_underscores(parser, start, length);
            errno = 0;
            if (is_float) {
                value = toml_new(parser, TOML_FLOAT);
                value->real = strtod(clean, NULL);
            } else {
                long long number = strtoll(clean, NULL, 10);
                if (errno == ERANGE) {
                    toml_fail(parser, "integer out of range");
                    return NULL;
                }
                value = toml_new(parser, TOML_INTEGER);
                value->integer = number;
            }
        }
    }
    parser->p = q;
    return value;
}

/* ---- values ---- */

static struct toml_value *toml_value(struct toml_parser *parser);
static bool toml_assign(struct toml_parser *parser, struct toml_value *table,
                        const struct toml_key *key, int key_line, struct toml_value *value);

static struct toml_value *toml_array(struct toml_parser *parser)
{
    struct toml_value *array = toml_new(parser, TOML_ARRAY);
    array->flags = TOML_FLAG_FROZEN;
    parser->p++; /* [ */
    for (;;) {
        if (!toml_skip_space_and_comments(parser))
            return NULL;
        if (toml_peek(parser, 0) == ']') {
            parser->p++;
            return array;
        }
        struct toml_value *item = toml_value(parser);
        if (!item)
            return NULL;
        toml_append(array, item);
        if (!toml_skip_space_and_comments(parser))
            return NULL;
        int c = toml_peek(parser, 0);
        if (c == ',') {
            parser->p++;
            continue;
        }
        if (c == ']') {
            parser->p++;
            return array;
        }
        toml_fail(parser, "expected ',' or ']' in an array");
        return NULL;
    }
}

static struct toml_value *toml_inline_table(struct toml_parser *parser)
{
    struct toml_value *table = toml_new(parser, TOML_TABLE);
    parser->p++; /* { */
    toml_skip_blanks(parser);
    if (toml_peek(parser, 0) == '}') {
        parser->p++;
        table->flags = TOML_FLAG_FROZEN;
        return table;
    }
    for (;;) {
        struct toml_key key;
        int key_line = parser->line;
        if (!toml_key(parser, &key))
            return NULL;
        if (toml_peek(parser, 0) != '=') {
            toml_fail(parser, "expected '=' after a key");
            return NULL;
        }
        parser->p++;
        toml_skip_blanks(parser);
        struct toml_value *value = toml_value(parser);
        if (!value || !toml_assign(parser, table, &key, key_line, value))
            return NULL;
        toml_skip_blanks(parser);
        int c = toml_peek(parser, 0);
        if (c == ',') {
            parser->p++;
            continue;
        }
        if (c == '}') {
            parser->p++;
            /* Nothing may be added to an inline table or the tables its
             * dotted keys made, once it is closed. */
            table->flags = TOML_FLAG_FROZEN;
            for (struct toml_value *entry = table->first; entry; entry = entry->next)
                if (entry->type == TOML_TABLE)
                    entry->flags |= TOML_FLAG_FROZEN;
            return table;
        }
        toml_fail(parser, "expected ',' or '}' in an inline table");
        return NULL;
    }
}

static struct toml_value *toml_value(struct toml_parser *parser)
{
    if (++parser->depth > TOML_MAX_DEPTH) {
        toml_fail(parser, "values nested more than %d deep", TOML_MAX_DEPTH);
        return NULL;
    }
    struct toml_value *value = NULL;
    int line = parser->line;
    int c = toml_peek(parser, 0);
    if (c == '"' || c == '\'') {
        struct toml_buffer buffer;
        if (toml_string_value(parser, &buffer, true)) {
            value = toml_new(parser, TOML_STRING);
            value->string = buffer.data;
            value->string_length = buffer.length;
        }
    } else if (c == '[') {
        value = toml_array(parser);
    } else if (c == '{') {
        value = toml_inline_table(parser);
    } else if (c < 0 || c == '\n' || c == '\r' || c == '#') {
        toml_fail(parser, "a key needs a value");
    } else {
        value = toml_scalar(parser);
    }
    if (value)
        value->line = line;
    parser->depth--;
    return value;
}

/* ---- tables ---- */

/* key = value inside `table`: dotted parts create (or reuse) tables that
 * dotted keys created; anything else defined already is an error. */
static bool toml_assign(struct toml_parser *parser, struct toml_value *table,
                        const struct toml_key *key, int key_line, struct toml_value *value)
{
    for (size_t i = 0; i + 1 < key->count; i++) {
        struct toml_value *next = toml_find(table, key->parts[i], key->lengths[i]);
        if (!next) {
            next = toml_new(parser, TOML_TABLE);
            next->line = key_line;
            next->flags = TOML_FLAG_DOTTED;
            if (!toml_add_entry(parser, table, next, key->parts[i], key->lengths[i], key_line))
                return false;
        } else if (next->type != TOML_TABLE || !(next->flags & TOML_FLAG_DOTTED) ||
                   (next->flags & TOML_FLAG_FROZEN)) {
            return toml_fail(parser, "key '%.*s' is already defined", (int)key->lengths[i],
                             key->parts[i]);
        }
        table = next;
    }
    size_t last = key->count - 1;
    if (toml_find(table, key->parts[last], key->lengths[last]))
        return toml_fail(parser, "key '%.*s' is defined twice", (int)key->lengths[last],
                         key->parts[last]);
    return toml_add_entry(parser, table, value, key->parts[last], key->lengths[last], key_line);
}

static struct toml_value *toml_header_table(struct toml_parser *parser, struct toml_value *root,
                                            const struct toml_key *header, bool array_of_tables,
                                            int line);

/* [header] or [[header]] at the cursor; returns the table that receives the
 * following key/value pairs. */
static struct toml_value *toml_header(struct toml_parser *parser, struct toml_value *root)
{
    int line = parser->line;
    bool array_of_tables = toml_peek(parser, 1) == '[';
    parser->p += array_of_tables ? 2 : 1;
    struct toml_key key;
    if (!toml_key(parser, &key))
        return NULL;
    if (toml_peek(parser, 0) != ']' || (array_of_tables && toml_peek(parser, 1) != ']')) {
        toml_fail(parser, "expected '%s' to close a table header", array_of_tables ? "]]" : "]");
        return NULL;
    }
    parser->p += array_of_tables ? 2 : 1;
    struct toml_value *table = toml_header_table(parser, root, &key, array_of_tables, line);
    return table && toml_end_of_line(parser) ? table : NULL;
}

/* The table a header names, created or reopened as the specification
 * allows. */
static struct toml_value *toml_header_table(struct toml_parser *parser, struct toml_value *root,
                                            const struct toml_key *header, bool array_of_tables,
                                            int line)
{
    const struct toml_key key = *header;
    struct toml_value *table = root;
    for (size_t i = 0; i + 1 < key.count; i++) {
        struct toml_value *next = toml_find(table, key.parts[i], key.lengths[i]);
        if (!next) {
            next = toml_new(parser, TOML_TABLE);
            next->line = line;
            next->flags = TOML_FLAG_IMPLICIT;
            if (!toml_add_entry(parser, table, next, key.parts[i], key.lengths[i], line))
                return NULL;
        } else if (next->type == TOML_ARRAY && (next->flags & TOML_FLAG_TABLE_ARRAY)) {
            next = next->last;
        } else if (next->type != TOML_TABLE || (next->flags & TOML_FLAG_FROZEN)) {
            toml_fail(parser, "'%.*s' is not a table", (int)key.lengths[i], key.parts[i]);
            return NULL;
        }
        table = next;
    }
    size_t last = key.count - 1;
    struct toml_value *existing = toml_find(table, key.parts[last], key.lengths[last]);
    if (array_of_tables) {
        if (!existing) {
            existing = toml_new(parser, TOML_ARRAY);
            existing->line = line;
            existing->flags = TOML_FLAG_TABLE_ARRAY;
            if (!toml_add_entry(parser, table, existing, key.parts[last], key.lengths[last], line))
                return NULL;
        } else if (existing->type != TOML_ARRAY || !(existing->flags & TOML_FLAG_TABLE_ARRAY)) {
            toml_fail(parser, "'%.*s' is not an array of tables", (int)key.lengths[last],
                      key.parts[last]);
            return NULL;
        }
        struct toml_value *element = toml_new(parser, TOML_TABLE);
        element->line = line;
        element->flags = TOML_FLAG_HEADER;
        toml_append(existing, element);
        return element;
    }
    if (!existing) {
        existing = toml_new(parser, TOML_TABLE);
        existing->line = line;
        existing->flags = TOML_FLAG_HEADER;
        if (!toml_add_entry(parser, table, existing, key.parts[last], key.lengths[last], line))
            return NULL;
        return existing;
    }
    if (existing->type != TOML_TABLE || (existing->flags & ~TOML_FLAG_IMPLICIT)) {
        toml_fail(parser, "table '%.*s' is defined twice", (int)key.lengths[last], key.parts[last]);
        return NULL;
    }
    existing->flags = TOML_FLAG_HEADER;
    existing->line = line;
    return existing;
}

bool toml_parse(struct toml_document *doc, const char *text, size_t length)
{
    memset(doc, 0, sizeof(*doc));
    arena_init(&doc->arena);
    struct toml_parser parser = {
        .p = text, .end = text + length, .line = 1, .doc = doc, .arena = &doc->arena};
    size_t bad;
    if (!utf8_validate(text, length, &bad)) {
        /* Count the lines up to the bad byte, for the message. */
        for (size_t i = 0; i < bad; i++)
            parser.line += text[i] == '\n';
        toml_fail(&parser, "not valid UTF-8");
        return false;
    }
    /* A byte-order mark is not TOML, but editors write one. */
    if (length >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        parser.p += 3;
    struct toml_value *root = toml_new(&parser, TOML_TABLE);
    root->flags = TOML_FLAG_HEADER;
    struct toml_value *current = root;
    while (!parser.failed) {
        toml_skip_blanks(&parser);
        if (!toml_skip_comment(&parser))
            break;
        if (toml_at_end(&parser))
            break;
        if (toml_newline(&parser))
            continue;
        if (*parser.p == '[') {
            current = toml_header(&parser, root);
            if (!current)
                break;
            continue;
        }
        struct toml_key key;
        int key_line = parser.line;
        if (!toml_key(&parser, &key))
            break;
        if (toml_peek(&parser, 0) != '=') {
            toml_fail(&parser, "expected '=' after a key");
            break;
        }
        parser.p++;
        toml_skip_blanks(&parser);
        struct toml_value *value = toml_value(&parser);
        if (!value || !toml_assign(&parser, current, &key, key_line, value))
            break;
        if (!toml_end_of_line(&parser))
            break;
    }
    if (parser.failed)
        return false;
    doc->root = root;
    return true;
}

void toml_release(struct toml_document *doc)
{
    arena_destroy(&doc->arena);
    doc->root = NULL;
}

const struct toml_value *toml_get(const struct toml_value *table, const char *key)
{
    if (!table || table->type != TOML_TABLE || !key)
        return NULL;
    return toml_find(table, key, strlen(key));
}

const struct toml_value *toml_get_path(const struct toml_value *table, const char *path)
{
    while (table && path && *path) {
        const char *dot = strchr(path, '.');
        size_t length = dot ? (size_t)(dot - path) : strlen(path);
        if (table->type != TOML_TABLE)
            return NULL;
        table = toml_find(table, path, length);
        path = dot ? dot + 1 : NULL;
    }
    return table;
}

const char *toml_string(const struct toml_value *value)
{
    return value && value->type == TOML_STRING ? value->string : NULL;
}
