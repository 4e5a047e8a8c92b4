/*
 * xalloc: the one allocation-failure policy of prodready.
 *
 * Every heap allocation in prodready goes through these wrappers (directly or
 * through the arena and the string builder). When memory runs out the process
 * prints one line naming the request size and exits with status 2: an audit
 * that lost data to an allocation failure would report wrong scores, which is
 * worse than no report. Nothing here may return NULL.
 */
#ifndef PRODREADY_UTIL_XALLOC_H
#define PRODREADY_UTIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *pointer, size_t size);
/* Grows an array of `element_size` items to hold at least `needed` items.
 * Updates *capacity; returns the (possibly moved) array. */
void *xgrow(void *array, size_t *capacity, size_t needed, size_t element_size);
char *xstrdup(const char *text);
char *xstrndup(const char *text, size_t length);

#endif
