/*
 * chunk_array: an array that grows without moving its elements, so other
 * threads may keep reading elements already appended while one thread
 * appends more (a directory walk feeding a thread pool). Elements live in
 * blocks of CHUNK_ARRAY_BLOCK; the table of blocks is allocated once, large
 * enough for more elements than memory holds, and only its used part is
 * ever touched.
 *
 * Appending is for one thread at a time; making an appended element visible
 * to readers is the caller's synchronisation (threadpool_feed_publish). It
 * must not free or move an element before chunk_array_release.
 */
#ifndef PRODREADY_UTIL_CHUNK_ARRAY_H
#define PRODREADY_UTIL_CHUNK_ARRAY_H

#include <stddef.h>

enum { CHUNK_ARRAY_BLOCK = 4096, CHUNK_ARRAY_BLOCKS = 1 << 20 };

struct chunk_array {
    size_t element_size;
    size_t count;
    unsigned char **blocks; /* CHUNK_ARRAY_BLOCKS pointers, the used ones allocated */
};

void chunk_array_init(struct chunk_array *array, size_t element_size);
/* A new zeroed element at index `count` (then count + 1). */
void *chunk_array_append(struct chunk_array *array);
void *chunk_array_at(const struct chunk_array *array, size_t index);
void chunk_array_release(struct chunk_array *array);

#endif
