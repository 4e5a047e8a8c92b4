/*
 * file: whole-file reads with a cap (see file.h). Must not print.
 */
#include "util/file.h"
#include "util/strbuf.h"

#include <errno.h>
#include <stdio.h>

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
