/*
 * text: ASCII and path helpers (see text.h). Must stay locale-independent
 * and allocation-free.
 */
#include "util/text.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

const char *text_find(const char *text, size_t length, const char *needle, size_t needle_length)
{
    if (needle_length == 0)
        return text;
    if (needle_length > length)
        return NULL;
    if (needle_length == 1)
        return memchr(text, needle[0], length);
    const size_t last_start = length - needle_length;
    size_t at = 0;
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8(needle[0]);
    const __m128i last = _mm_set1_epi8(needle[needle_length - 1]);
    /* Starts at .. at + 15 are all possible: both loads stay in bounds. */
    for (; at + 15 <= last_start; at += 16) {
        __m128i heads = _mm_loadu_si128((const __m128i *)(const void *)(text + at));
        __m128i tails =
            _mm_loadu_si128((const __m128i *)(const void *)(text + at + needle_length - 1));
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(heads, first), _mm_cmpeq_epi8(tails, last)));
        while (mask) {
            size_t start = at + (size_t)__builtin_ctz(mask);
            if (memcmp(text + start + 1, needle + 1, needle_length - 2) == 0)
                return text + start;
            mask &= mask - 1;
        }
    }
#endif
    for (; at <= last_start; at++)
        if (text[at] == needle[0] && memcmp(text + at + 1, needle + 1, needle_length - 1) == 0)
            return text + at;
    return NULL;
}

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

bool text_contains_nocase(const char *text, const char *word)
{
    for (; *text; text++)
        if (text_prefix_nocase(text, word))
            return true;
    return false;
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
