/*
 * hcl: a tokenizer and a tolerant parser of the HCL native syntax (the
 * language of Terraform's *.tf files), after HashiCorp's specification
 * (hclsyntax/spec.md): line comments (`#`, `//`), inline comments (slash-star
 * to star-slash), quoted templates with escapes and `${...}`/`%{...}`
 * sequences (nested braces and strings included), heredocs (`<<EOT`,
 * `<<-EOT`), numbers, identifiers, operators, and the structure of bodies:
 * blocks with labels and attributes.
 *
 * Attribute values become a small tree: literals (string, number, bool,
 * null), tuples, objects and function calls keep their parts; anything else
 * (references, operators, conditionals, for-expressions, splats) is kept as
 * the raw text it was written as, with its line. Every token and value
 * knows its line, so findings land on the exact line.
 *
 * Parsing stops at the first syntax error and records it with its line; it
 * never reads past `length` bytes, never recurses without bound and never
 * fails on odd bytes. It allocates only from the arena it is given, and the
 * raw texts it hands out point into the content, which must outlive the
 * result. It must not judge anything: the rules live in terraform.c.
 */
#ifndef PRODREADY_ANALYZERS_HCL_H
#define PRODREADY_ANALYZERS_HCL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* ---- tokens ---- */

enum hcl_token_kind {
    HCL_TOKEN_IDENTIFIER,
    HCL_TOKEN_NUMBER,
    HCL_TOKEN_STRING,      /* a quoted template */
    HCL_TOKEN_HEREDOC,     /* a heredoc template */
    HCL_TOKEN_PUNCTUATION, /* an operator or delimiter: { } [ ] ( ) = == => , . ... */
    HCL_TOKEN_NEWLINE,     /* a newline, or the end of a line comment */
    HCL_TOKEN_END,         /* always the last token */
};

struct hcl_token {
    enum hcl_token_kind kind;
    int line;              /* 1-based line of its first byte */
    int end_line;          /* line of its last byte */
    size_t offset;         /* of its first byte in the content */
    size_t length;         /* raw bytes, quotes and heredoc markers included */
    const char *text;      /* identifier, number, punctuation: as written; string and
                              heredoc: the value, escapes decoded, `${…}`/`%{…}`
                              sequences kept as written, `<<-` indentation removed */
    bool templated;        /* string, heredoc: holds an interpolation or directive */
    const char *delimiter; /* heredoc: its delimiter identifier */
    bool indented;         /* heredoc: introduced with `<<-` */
};

struct hcl_tokens {
    struct hcl_token *items;
    size_t count;   /* including the final HCL_TOKEN_END */
    int error_line; /* 0 when the whole content was tokenized */
    const char *error;
};

/* Tokenizes `length` bytes (any bytes). On the first lexical error (an
 * unterminated string, comment or heredoc, a byte HCL does not allow,
 * invalid UTF-8) it records the error, ends the list there with
 * HCL_TOKEN_END and returns false. */
bool hcl_tokenize(struct arena *arena, const char *content, size_t length, struct hcl_tokens *out);

/* ---- the tree ---- */

enum hcl_value_kind {
    HCL_VALUE_STRING,
    HCL_VALUE_NUMBER,
    HCL_VALUE_BOOL,
    HCL_VALUE_NULL,
    HCL_VALUE_LIST,   /* a tuple `[…]` */
    HCL_VALUE_OBJECT, /* an object `{…}` */
    HCL_VALUE_CALL,   /* a function call `name(…)` */
    HCL_VALUE_RAW,    /* any other expression, kept as written */
};

struct hcl_value {
    enum hcl_value_kind kind;
    int line;           /* line of its first token */
    const char *source; /* the expression as written (points into the content) */
    size_t source_length;
    const char *string;      /* STRING: the value (see hcl_token.text); CALL: the function name */
    bool templated;          /* STRING: holds `${…}` or `%{…}` */
    bool heredoc;            /* STRING: written as a heredoc */
    double number;           /* NUMBER */
    bool boolean;            /* BOOL */
    struct hcl_value *items; /* LIST elements, OBJECT values, CALL arguments */
    const char **keys;       /* OBJECT: each item's key (NULL when computed) */
    size_t item_count;
};

struct hcl_attribute {
    const char *name;
    int line;
    struct hcl_value value;
};

struct hcl_block;

struct hcl_body {
    struct hcl_attribute *attributes;
    size_t attribute_count;
    struct hcl_block *blocks;
    size_t block_count;
};

struct hcl_block {
    const char *type;
    const char **labels;
    size_t label_count;
    int line;     /* of the type */
    int end_line; /* of the closing brace */
    struct hcl_body body;
};

struct hcl_file {
    struct hcl_body body;
    int error_line; /* 0 when the file parsed */
    const char *error;
};

/* Parses `length` bytes of HCL native syntax into `out`. Returns false on
 * the first syntax error (out->error_line and out->error say where and
 * what); out->body then holds what was read before it. */
bool hcl_parse(struct arena *arena, const char *content, size_t length, struct hcl_file *out);

/* ---- lookups ---- */

/* The attribute called `name` in `body`, or NULL. */
const struct hcl_attribute *hcl_body_attribute(const struct hcl_body *body, const char *name);
/* The first block of type `type` in `body` at or after index *index (start
 * with 0); *index is set past it. NULL when there is none. */
const struct hcl_block *hcl_body_next_block(const struct hcl_body *body, const char *type,
                                            size_t *index);
/* The item of an object value called `key`, or NULL. */
const struct hcl_value *hcl_object_item(const struct hcl_value *object, const char *key);
/* The text of a string value without interpolation, else NULL. */
const char *hcl_value_literal(const struct hcl_value *value);
/* 1 for `true` (or the string "true"), 0 for `false` (or "false"), -1 for
 * anything else (a reference, a condition …). */
int hcl_value_truth(const struct hcl_value *value);
/* Whether the value is a number (or a string holding one); stores it. */
bool hcl_value_number(const struct hcl_value *value, double *number);

#endif
