/*
 * xalloc: abort-on-failure allocation wrappers (see xalloc.h for the policy).
 * Must not be used for sizes that come from untrusted input without a cap
 * chosen by the caller.
 */
#include "util/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void xalloc_die(size_t size)
{
    fprintf(stderr, "prodready: out of memory (requested %zu bytes); free memory or lower --jobs\n",
            size);
    exit(2);
}

void *xmalloc(size_t size)
{
    void *pointer = malloc(size ? size : 1);
    if (!pointer)
        xalloc_die(size);
    return pointer;
}

void *xcalloc(size_t count, size_t size)
{
    void *pointer = calloc(count ? count : 1, size ? size : 1);
    if (!pointer)
        xalloc_die(count * size);
    return pointer;
}

void *xrealloc(void *pointer, size_t size)
{
    void *moved = realloc(pointer, size ? size : 1);
    if (!moved)
        xalloc_die(size);
    return moved;
}

void *xgrow(void *array, size_t *capacity, size_t needed, size_t element_size)
{
    if (needed <= *capacity)
        return array;
    size_t grown = *capacity ? *capacity : 8;
    while (grown < needed) {
        if (grown > SIZE_MAX / 2)
            xalloc_die(SIZE_MAX);
        grown *= 2;
    }
    if (grown > SIZE_MAX / element_size)
        xalloc_die(SIZE_MAX);
    array = xrealloc(array, grown * element_size);
    *capacity = grown;
    return array;
}

char *xstrdup(const char *text)
{
    return xstrndup(text, strlen(text));
}

char *xstrndup(const char *text, size_t length)
{
    char *copy = xmalloc(length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}
