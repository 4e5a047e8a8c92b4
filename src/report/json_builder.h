/*
 * report/json_builder: the small layer over jansson every JSON-shaped report
 * format shares (the JSON report, SARIF): a builder whose allocation failure
 * is sticky so writers check once, strings made valid UTF-8, counts and
 * positions in the contract's conventions, and a dump that reports write
 * errors. It must not know about any report format's shape.
 */
#ifndef PRODREADY_REPORT_JSON_BUILDER_H
#define PRODREADY_REPORT_JSON_BUILDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util/strbuf.h"

/* jansson reports allocation failure as a NULL value. Rather than check every
 * call, the builder keeps the failure sticky and the writer checks it once. */
struct json_builder {
    bool failed;
    struct strbuf scratch; /* sanitized copy of the string being added */
};

#define JSON_BUILDER_INIT                                                                          \
    {                                                                                              \
        false, STRBUF_INIT                                                                         \
    }

void json_builder_release(struct json_builder *builder);

/* A JSON string for text (invalid UTF-8 bytes become U+FFFD), or null for NULL. */
json_t *json_builder_string(struct json_builder *builder, const char *text);
/* Like json_builder_string, but NULL renders as "". */
json_t *json_builder_text(struct json_builder *builder, const char *text);
/* A non-negative integer, clamped to jansson's range. */
json_t *json_builder_count(uint64_t value);
json_t *json_builder_object(struct json_builder *builder);
json_t *json_builder_array(struct json_builder *builder);
/* Both take ownership of value, also on failure. */
void json_builder_set(struct json_builder *builder, json_t *object, const char *key, json_t *value);
void json_builder_append(struct json_builder *builder, json_t *array, json_t *value);

/* Dumps root (taking ownership) followed by a newline and flushes, unless the
 * builder failed. Returns 0, or -1 with errno set (ENOMEM, or the write's). */
int json_builder_dump(struct json_builder *builder, json_t *root, FILE *out);

#endif
