/*
 * text: ASCII and path helpers (see text.h). Must stay locale-independent
 * and allocation-free.
 */
#include "util/text.h"

#include <string.h>

bool text_equals_nocase(const char *text, size_t length, const char *word)
{
    size_t i = 0;
    for (; i < length && word[i]; i++)
        if (text_lower(text[i]) != text_lower(word[i]))
            return false;
    return i == length && word[i] == '\0';
}

bool text_prefix_nocase(const char *text, const char *prefix)
{
    /* A NUL in `text` differs from any prefix byte, so this stops there. */
    for (; *prefix; prefix++, text++)
        if (text_lower(*text) != text_lower(*prefix))
            return false;
    return true;
}

const char *text_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int text_line_of(const char *text, size_t offset)
{
    int line = 1;
    for (const char *p = text, *end = text + offset;
         (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        line++;
    return line;
}
