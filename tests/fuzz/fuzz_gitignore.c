/*
 * libFuzzer target: the .gitignore reader and matcher. The first line of
 * the input is a path to match; the rest is an ignore file. Hostile patterns
 * must neither crash nor take exponential time.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inventory/gitignore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *newline = memchr(text, '\n', size);
    size_t path_length = newline ? (size_t)(newline - text) : size;
    char *path = malloc(path_length + 1);
    memcpy(path, text, path_length);
    path[path_length] = '\0';
    size_t rest = newline ? size - path_length - 1 : 0;
    struct gitignore *list = gitignore_parse("sub", newline ? newline + 1 : "", rest);
    if (list) {
        gitignore_match(list, path, false);
        gitignore_match(list, path, true);
        gitignore_free(list);
    }
    /* The wildcard matcher on its own: the path as pattern, the rest as text. */
    if (rest < 4096) {
        char *other = malloc(rest + 1);
        memcpy(other, newline ? newline + 1 : "", rest);
        other[rest] = '\0';
        gitignore_wildmatch(path, other, true);
        gitignore_wildmatch(path, other, false);
        free(other);
    }
    free(path);
    return 0;
}
