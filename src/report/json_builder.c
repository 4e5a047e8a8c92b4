/*
 * report/json_builder: see json_builder.h. Output must depend on the values
 * given alone (fixed key order, fixed number formatting) so that reports are
 * byte-for-byte reproducible.
 */
#include "report/json_builder.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "util/utf8.h"

#if JSON_INTEGER_IS_LONG_LONG
#define JSON_BUILDER_INTEGER_MAX LLONG_MAX
#else
#define JSON_BUILDER_INTEGER_MAX LONG_MAX
#endif

/* 15 significant digits print a value rounded to 0.1 as "9.3", where
 * jansson's default of 17 would print 9.3000000000000007. */
#define JSON_BUILDER_FLAGS (JSON_PRESERVE_ORDER | JSON_INDENT(2) | JSON_REAL_PRECISION(15))

void json_builder_release(struct json_builder *builder)
{
    strbuf_release(&builder->scratch);
}

static size_t json_builder_utf8_length(const unsigned char *s, size_t available)
{
    uint32_t code;
    return utf8_decode(s, available, &code);
}

json_t *json_builder_string(struct json_builder *builder, const char *text)
{
    if (!text)
        return json_null();

    /* Analyzers copy bytes from audited files, which may be in any encoding;
     * jansson refuses invalid UTF-8. */
    const unsigned char *bytes = (const unsigned char *)text;
    size_t length = strlen(text);
    size_t valid = 0;
    size_t step;

    while (valid < length && (step = json_builder_utf8_length(bytes + valid, length - valid)))
        valid += step;
    if (valid == length)
        return json_stringn(text, length);

    strbuf_reset(&builder->scratch);
    strbuf_append(&builder->scratch, text, valid);
    for (size_t i = valid; i < length;) {
        step = json_builder_utf8_length(bytes + i, length - i);
        if (step) {
            strbuf_append(&builder->scratch, text + i, step);
            i += step;
        } else {
            strbuf_append(&builder->scratch, "\xef\xbf\xbd", 3);
            i++;
        }
    }
    return json_stringn(builder->scratch.data, builder->scratch.length);
}

json_t *json_builder_text(struct json_builder *builder, const char *text)
{
    return json_builder_string(builder, text ? text : "");
}

json_t *json_builder_count(uint64_t value)
{
    if (value > (uint64_t)JSON_BUILDER_INTEGER_MAX)
        value = (uint64_t)JSON_BUILDER_INTEGER_MAX;
    return json_integer((json_int_t)value);
}

json_t *json_builder_object(struct json_builder *builder)
{
    json_t *object = json_object();
    if (!object)
        builder->failed = true;
    return object;
}

json_t *json_builder_array(struct json_builder *builder)
{
    json_t *array = json_array();
    if (!array)
        builder->failed = true;
    return array;
}

void json_builder_set(struct json_builder *builder, json_t *object, const char *key, json_t *value)
{
    /* json_object_set_new releases value on every failure path, including a
     * NULL object. */
    if (json_object_set_new(object, key, value) != 0)
        builder->failed = true;
}

void json_builder_append(struct json_builder *builder, json_t *array, json_t *value)
{
    if (json_array_append_new(array, value) != 0)
        builder->failed = true;
}

int json_builder_dump(struct json_builder *builder, json_t *root, FILE *out)
{
    if (builder->failed || !root) {
        json_decref(root);
        errno = ENOMEM;
        return -1;
    }
    errno = 0;
    int status = json_dumpf(root, out, JSON_BUILDER_FLAGS);
    json_decref(root);
    /* Flush so a full disk or closed pipe is reported here, not lost at exit. */
    if (status != 0 || fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out)) {
        if (!errno)
            errno = EIO;
        return -1;
    }
    return 0;
}
