/*
 * file: reading files into memory. file_read_all reads a small file once
 * (configs, rule packs) with a size cap; file_buffer_read reads file after
 * file into one reused buffer, which is how the audit's and `prodready
 * secrets`' workers read every file they scan (one buffer per thread). It
 * must not print.
 */
#ifndef PRODREADY_UTIL_FILE_H
#define PRODREADY_UTIL_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Returns the bytes of `path` (NUL-terminated; caller frees) and their count
 * in *length, or NULL with errno set (EFBIG when larger than `max_bytes`). */
char *file_read_all(const char *path, size_t max_bytes, size_t *length);

/* A read buffer reused from file to file; zero-initialize it, release it
 * with file_buffer_release. */
struct file_buffer {
    char *data; /* NUL-terminated after the last read's bytes */
    size_t capacity;
};

enum { FILE_BUFFER_TOO_LARGE = -2 };

/* Reads the regular file at `path` into `buffer` (read(), not mmap: the
 * prototype of ../shared/PERFORMANCE.md measured mmap 2.7x slower with two
 * threads). Returns its length; FILE_BUFFER_TOO_LARGE when it is (or grew)
 * larger than `limit` bytes; or -1 with errno set (EISDIR when it is not a
 * regular file). The content may hold NUL bytes of its own. */
long long file_buffer_read(struct file_buffer *buffer, const char *path, uint64_t limit);
/* The same for `path` relative to the directory `dir_fd` (openat): a worker
 * reading tens of thousands of files under one root saves the kernel the
 * root's part of every path lookup. */
long long file_buffer_read_at(struct file_buffer *buffer, int dir_fd, const char *path,
                              uint64_t limit);

void file_buffer_release(struct file_buffer *buffer);

#endif
