/*
 * strbuf: the one growable string type of prodready (after git's strbuf).
 *
 * Invariants: `data` is never NULL and always NUL-terminated, even when empty
 * (it points at a static empty string until the first append). Appending
 * never fails (xalloc policy). strbuf_detach hands ownership of the bytes to
 * the caller, who frees them with free(); the strbuf is then empty again.
 */
#ifndef PRODREADY_UTIL_STRBUF_H
#define PRODREADY_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    char *data;
    size_t length;
    size_t capacity; /* 0 while data points at the static empty string */
};

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        strbuf_empty, 0, 0                                                                         \
    }
extern char strbuf_empty[];

void strbuf_init(struct strbuf *buffer);
void strbuf_release(struct strbuf *buffer);
void strbuf_reset(struct strbuf *buffer);
void strbuf_grow(struct strbuf *buffer, size_t extra);
void strbuf_append(struct strbuf *buffer, const char *bytes, size_t length);
void strbuf_append_str(struct strbuf *buffer, const char *text);
void strbuf_append_char(struct strbuf *buffer, char c);
void strbuf_printf(struct strbuf *buffer, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *buffer, const char *format, va_list args)
    __attribute__((format(printf, 2, 0)));
/* Returns the bytes (caller frees) and leaves the buffer empty. */
char *strbuf_detach(struct strbuf *buffer, size_t *length);

#endif
