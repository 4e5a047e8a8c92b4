/*
 * chunk_array: see chunk_array.h. Allocation failures follow xalloc's
 * policy; nothing here locks.
 */
#include "util/chunk_array.h"
#include "util/xalloc.h"

#include <stdlib.h>

void chunk_array_init(struct chunk_array *array, size_t element_size)
{
    array->element_size = element_size;
    array->count = 0;
    /* 8 MB of pointers, of which the kernel maps only the pages used. */
    array->blocks = xcalloc(CHUNK_ARRAY_BLOCKS, sizeof(*array->blocks));
}

void *chunk_array_append(struct chunk_array *array)
{
    size_t index = array->count;
    size_t block = index / CHUNK_ARRAY_BLOCK;
    if (block >= CHUNK_ARRAY_BLOCKS)
        abort(); /* 4 billion elements: memory ran out long before */
    if (index % CHUNK_ARRAY_BLOCK == 0)
        array->blocks[block] = xcalloc(CHUNK_ARRAY_BLOCK, array->element_size);
    array->count = index + 1;
    return chunk_array_at(array, index);
}

void *chunk_array_at(const struct chunk_array *array, size_t index)
{
    return array->blocks[index / CHUNK_ARRAY_BLOCK] +
           (index % CHUNK_ARRAY_BLOCK) * array->element_size;
}

void chunk_array_release(struct chunk_array *array)
{
    for (size_t block = 0; block * CHUNK_ARRAY_BLOCK < array->count; block++)
        free(array->blocks[block]);
    free(array->blocks);
    array->blocks = NULL;
    array->count = 0;
}
