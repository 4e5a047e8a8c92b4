/*
 * file: whole-file reads (see file.h). Must not print.
 */
#include "util/file.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

char *file_read_all(const char *path, size_t max_bytes, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    struct strbuf buffer = STRBUF_INIT;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof(chunk), file)) > 0) {
        strbuf_append(&buffer, chunk, got);
        if (buffer.length > max_bytes) {
            fclose(file);
            strbuf_release(&buffer);
            errno = EFBIG;
            return NULL;
        }
    }
    int failed = ferror(file);
    fclose(file);
    if (failed) {
        strbuf_release(&buffer);
        errno = EIO;
        return NULL;
    }
    return strbuf_detach(&buffer, length);
}

/* Room for `want` more bytes after `used`, plus the terminating NUL. */
static void file_buffer_reserve(struct file_buffer *buffer, size_t used, size_t want)
{
    if (buffer->capacity - used < want + 1)
        buffer->data = xgrow(buffer->data, &buffer->capacity, used + want + 1, 1);
}

long long file_buffer_read(struct file_buffer *buffer, const char *path, uint64_t limit)
{
    return file_buffer_read_at(buffer, AT_FDCWD, path, limit);
}

long long file_buffer_read_at(struct file_buffer *buffer, int dir_fd, const char *path,
                              uint64_t limit)
{
    /* O_NONBLOCK: a FIFO named by mistake must not hang the worker. */
    int fd = openat(dir_fd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return -1;
    struct stat info;
    bool stat_failed = fstat(fd, &info) != 0;
    if (stat_failed || !S_ISREG(info.st_mode)) {
        int saved = stat_failed ? errno : EISDIR;
        close(fd);
        errno = saved;
        return -1;
    }
    if ((uint64_t)info.st_size > limit) {
        close(fd);
        return FILE_BUFFER_TOO_LARGE;
    }
    /* The size fstat gives, and a little more: the read that sees the end
     * of the file then needs no second growth. */
    file_buffer_reserve(buffer, 0, (size_t)info.st_size + 4096);
    size_t length = 0;
    for (;;) {
        file_buffer_reserve(buffer, length, 4096);
        ssize_t got = read(fd, buffer->data + length, buffer->capacity - length - 1);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        if (got == 0)
            break;
        length += (size_t)got;
        if (length > limit) {
            /* It grew since fstat. */
            close(fd);
            return FILE_BUFFER_TOO_LARGE;
        }
    }
    close(fd);
    buffer->data[length] = '\0';
    return (long long)length;
}

void file_buffer_release(struct file_buffer *buffer)
{
    free(buffer->data);
    buffer->data = NULL;
    buffer->capacity = 0;
}
