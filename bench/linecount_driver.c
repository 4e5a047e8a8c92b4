/*
 * linecount_driver: counts lines with prodready's language and linecount
 * modules so that bench/cloc_compare.sh can hold them against cloc.
 *
 *   linecount_driver --files < LIST   count the files named one per line
 *   linecount_driver --walk DIR       count every regular file under DIR
 *   linecount_driver --code FILE      print only the lines counted as code
 *                                     (to diff with cloc --strip-comments)
 *
 * Prints one tab-separated line per file: path, language (or "-"), blank,
 * comment, code. A bench tool only: it is not part of prodready and must not
 * be linked into it.
 */
#define _GNU_SOURCE /* nftw's FTW_ACTIONRETVAL */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inventory/language.h"
#include "inventory/linecount.h"

static char *driver_read(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    size_t capacity = 1 << 16;
    size_t used = 0;
    char *data = malloc(capacity);
    while (data) {
        used += fread(data + used, 1, capacity - used, file);
        if (used < capacity)
            break;
        capacity *= 2;
        char *grown = realloc(data, capacity);
        if (!grown)
            free(data);
        data = grown;
    }
    fclose(file);
    *length = used;
    return data;
}

static void driver_count(const char *path)
{
    size_t length = 0;
    char *data = driver_read(path, &length);
    if (!data) {
        fprintf(stderr, "linecount_driver: cannot read %s\n", path);
        return;
    }
    const char *newline = memchr(data, '\n', length);
    size_t first = newline ? (size_t)(newline - data) : length;
    const struct language *language = language_detect(path, data, first);
    struct line_counts counts;
    linecount_count(language, data, length, &counts);
    printf("%s\t%s\t%llu\t%llu\t%llu\n", path, language ? language->name : "-",
           (unsigned long long)counts.blank, (unsigned long long)counts.comment,
           (unsigned long long)counts.code);
    free(data);
}

static int driver_visit(const char *path, const struct stat *info, int type, struct FTW *ftw)
{
    (void)info;
    if (type == FTW_D && strcmp(path + ftw->base, ".git") == 0)
        return FTW_SKIP_SUBTREE;
    if (type == FTW_F)
        driver_count(path);
    return FTW_CONTINUE;
}

/* Prints the lines of `path` counted as code: counts every prefix ending
 * at a line end, so a line is code when the code count grows with it. Slow
 * (quadratic) and meant for single files. */
static int driver_code_lines(const char *path)
{
    size_t length = 0;
    char *data = driver_read(path, &length);
    if (!data)
        return 1;
    const char *newline = memchr(data, '\n', length);
    const struct language *language =
        language_detect(path, data, newline ? (size_t)(newline - data) : length);
    unsigned long long previous = 0;
    size_t start = 0;
    while (start < length) {
        newline = memchr(data + start, '\n', length - start);
        size_t end = newline ? (size_t)(newline - data) + 1 : length;
        struct line_counts counts;
        linecount_count(language, data, end, &counts);
        if (counts.code > previous)
            fwrite(data + start, 1, end - start, stdout);
        previous = counts.code;
        start = end;
    }
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--code") == 0)
        return driver_code_lines(argv[2]);
    if (argc == 3 && strcmp(argv[1], "--walk") == 0)
        return nftw(argv[2], driver_visit, 64, FTW_PHYS | FTW_ACTIONRETVAL) == 0 ? 0 : 1;
    if (argc == 2 && strcmp(argv[1], "--files") == 0) {
        char line[4096];
        while (fgets(line, sizeof(line), stdin)) {
            line[strcspn(line, "\n")] = '\0';
            if (line[0])
                driver_count(line);
        }
        return 0;
    }
    fprintf(stderr, "usage: linecount_driver --files < LIST | --walk DIR\n");
    return 2;
}
