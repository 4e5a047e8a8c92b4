/*
 * strbuf: growable NUL-terminated byte string. See strbuf.h for invariants.
 */
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char strbuf_empty[1];

void strbuf_init(struct strbuf *buffer)
{
    buffer->data = strbuf_empty;
    buffer->length = 0;
    buffer->capacity = 0;
}

void strbuf_release(struct strbuf *buffer)
{
    if (buffer->capacity)
        free(buffer->data);
    strbuf_init(buffer);
}

void strbuf_reset(struct strbuf *buffer)
{
    buffer->length = 0;
    if (buffer->capacity)
        buffer->data[0] = '\0';
}

void strbuf_grow(struct strbuf *buffer, size_t extra)
{
    size_t needed = buffer->length + extra + 1;
    if (needed <= buffer->capacity)
        return;
    size_t capacity = buffer->capacity;
    char *data = buffer->capacity ? buffer->data : NULL;
    data = xgrow(data, &capacity, needed, 1);
    if (!buffer->capacity)
        data[0] = '\0';
    buffer->data = data;
    buffer->capacity = capacity;
}

void strbuf_append(struct strbuf *buffer, const char *bytes, size_t length)
{
    if (!length)
        return;
    strbuf_grow(buffer, length);
    memcpy(buffer->data + buffer->length, bytes, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
}

void strbuf_append_str(struct strbuf *buffer, const char *text)
{
    strbuf_append(buffer, text, strlen(text));
}

void strbuf_append_char(struct strbuf *buffer, char c)
{
    strbuf_append(buffer, &c, 1);
}

void strbuf_vprintf(struct strbuf *buffer, const char *format, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length <= 0)
        return;
    strbuf_grow(buffer, (size_t)length);
    vsnprintf(buffer->data + buffer->length, (size_t)length + 1, format, args);
    buffer->length += (size_t)length;
}

void strbuf_printf(struct strbuf *buffer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    strbuf_vprintf(buffer, format, args);
    va_end(args);
}

char *strbuf_detach(struct strbuf *buffer, size_t *length)
{
    char *data = buffer->capacity ? buffer->data : xstrdup("");
    if (length)
        *length = buffer->length;
    strbuf_init(buffer);
    return data;
}
