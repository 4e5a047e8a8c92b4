/*
 * toml: a small parser for TOML 1.0 (https://toml.io/en/v1.0.0) that turns a
 * document into a tree of tables, arrays and values, each with the line it
 * was written on, so dependency analyzers can cite file:line.
 *
 * It follows the specification: basic, literal and multi-line strings with
 * their escapes, integers (decimal, hex, octal, binary), floats, booleans,
 * dates and times (kept as text), arrays, inline tables, dotted keys, tables
 * and arrays of tables, and the rules against defining a key or table twice.
 * Anything else is refused with the line and a reason. It must never crash,
 * read past the input or loop: nesting and table sizes are bounded.
 *
 * It must not know what any document means (Cargo, PEP 621 …).
 */
#ifndef PRODREADY_UTIL_TOML_H
#define PRODREADY_UTIL_TOML_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

enum toml_type {
    TOML_TABLE,
    TOML_ARRAY,
    TOML_STRING,
    TOML_INTEGER,
    TOML_FLOAT,
    TOML_BOOLEAN,
    TOML_DATETIME, /* offset/local date-time, local date or local time, as written */
};

struct toml_value {
    enum toml_type type;
    int line;        /* 1-based line where the value (a table: its header or first key) starts */
    const char *key; /* its key in the parent table; NULL for array items and the root */
    size_t key_length;
    int key_line;
    /* TOML_STRING (decoded, NUL-terminated, may hold NUL bytes) and
     * TOML_DATETIME (as written). */
    const char *string;
    size_t string_length;
    long long integer;
    double real;
    bool boolean;
    /* TOML_TABLE entries or TOML_ARRAY items, in document order. */
    struct toml_value *first, *last, *next;
    size_t count;
    unsigned flags; /* parser bookkeeping (how a table was created) */
};

struct toml_document {
    struct arena arena; /* owns the whole tree */
    struct toml_value *root;
    int error_line;  /* 1-based line of the first error; 0 when parsed */
    char error[160]; /* its reason */
};

/* Parses `length` bytes (need not be NUL-terminated). Returns true with
 * doc->root set, or false with error_line and error set (root is NULL).
 * Either way toml_release must be called. */
bool toml_parse(struct toml_document *doc, const char *text, size_t length);
void toml_release(struct toml_document *doc);

/* The entry `key` of a table, or NULL (also when `table` is NULL or not a table). */
const struct toml_value *toml_get(const struct toml_value *table, const char *key);
/* Follows a '.'-separated path of bare keys ("tool.poetry.dependencies"). */
const struct toml_value *toml_get_path(const struct toml_value *table, const char *path);
/* The string of a TOML_STRING value, or NULL. */
const char *toml_string(const struct toml_value *value);

#endif
