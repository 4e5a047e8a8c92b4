/*
 * file: reading a whole small file (configs, rule packs) into memory with a
 * size cap. Per-file content for the audit goes through the workers' reused
 * buffers instead; this is for the few files read once.
 */
#ifndef PRODREADY_UTIL_FILE_H
#define PRODREADY_UTIL_FILE_H

#include <stddef.h>

/* Returns the bytes of `path` (NUL-terminated; caller frees) and their count
 * in *length, or NULL with errno set (EFBIG when larger than `max_bytes`). */
char *file_read_all(const char *path, size_t max_bytes, size_t *length);

#endif
