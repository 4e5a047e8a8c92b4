/*
 * arena: a bump allocator for memory that lives exactly as long as one unit
 * of work (one file being analysed, or one audit result).
 *
 * Allocation never fails (xalloc policy). Individual frees do not exist:
 * arena_destroy releases everything at once. An arena is not thread-safe; each
 * worker uses its own.
 */
#ifndef PRODREADY_UTIL_ARENA_H
#define PRODREADY_UTIL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;
    size_t total_bytes;
};

void arena_init(struct arena *arena);
void arena_destroy(struct arena *arena);
/* Returns zeroed memory aligned for any object type. */
void *arena_alloc(struct arena *arena, size_t size);
char *arena_strdup(struct arena *arena, const char *text);
char *arena_strndup(struct arena *arena, const char *text, size_t length);
char *arena_printf(struct arena *arena, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *arena, const char *format, va_list args)
    __attribute__((format(printf, 2, 0)));
/* Moves every block of `source` into `destination` (ownership moves; source
 * is left empty), so memory filled by a worker can live as long as a result. */
void arena_adopt(struct arena *destination, struct arena *source);

#endif
