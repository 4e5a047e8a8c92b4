/*
 * arena: bump allocator backed by a linked list of blocks. Large requests get
 * a block of their own so a single huge string never wastes a block tail.
 */
#include "util/arena.h"
#include "util/xalloc.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK_SIZE = 16 * 1024 };

struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t capacity;
    alignas(max_align_t) unsigned char data[];
};

void arena_init(struct arena *arena)
{
    arena->head = NULL;
    arena->total_bytes = 0;
}

void arena_destroy(struct arena *arena)
{
    struct arena_block *block = arena->head;
    while (block) {
        struct arena_block *next = block->next;
        free(block);
        block = next;
    }
    arena->head = NULL;
    arena->total_bytes = 0;
}

static struct arena_block *arena_block_new(size_t capacity)
{
    struct arena_block *block = xmalloc(sizeof(*block) + capacity);
    block->next = NULL;
    block->used = 0;
    block->capacity = capacity;
    return block;
}

void *arena_alloc(struct arena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    size_t rounded = (size + align - 1) & ~(align - 1);
    if (rounded < size)
        rounded = SIZE_MAX; /* overflow: let xmalloc report it */
    struct arena_block *block = arena->head;
    if (!block || block->capacity - block->used < rounded) {
        if (rounded > ARENA_BLOCK_SIZE / 4) {
            /* Big request: its own block, linked behind the current head so
             * the head keeps serving small requests. */
            struct arena_block *big = arena_block_new(rounded);
            big->used = rounded;
            if (block) {
                big->next = block->next;
                block->next = big;
            } else {
                arena->head = big;
            }
            arena->total_bytes += rounded;
            memset(big->data, 0, rounded);
            return big->data;
        }
        block = arena_block_new(ARENA_BLOCK_SIZE);
        block->next = arena->head;
        arena->head = block;
    }
    void *result = block->data + block->used;
    block->used += rounded;
    arena->total_bytes += rounded;
    memset(result, 0, rounded);
    return result;
}

char *arena_strndup(struct arena *arena, const char *text, size_t length)
{
    char *copy = arena_alloc(arena, length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *arena_strdup(struct arena *arena, const char *text)
{
    return text ? arena_strndup(arena, text, strlen(text)) : NULL;
}

char *arena_vprintf(struct arena *arena, const char *format, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length < 0)
        return arena_strdup(arena, "");
    char *text = arena_alloc(arena, (size_t)length + 1);
    vsnprintf(text, (size_t)length + 1, format, args);
    return text;
}

char *arena_printf(struct arena *arena, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = arena_vprintf(arena, format, args);
    va_end(args);
    return text;
}

void arena_adopt(struct arena *destination, struct arena *source)
{
    if (!source->head)
        return;
    /* Append the destination's blocks after the source's last block, so the
     * source's head (with free space) keeps serving small requests. */
    struct arena_block *tail = source->head;
    while (tail->next)
        tail = tail->next;
    tail->next = destination->head;
    destination->head = source->head;
    destination->total_bytes += source->total_bytes;
    source->head = NULL;
    source->total_bytes = 0;
}
