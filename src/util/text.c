/*
 * text: ASCII and path helpers (see text.h). Must stay locale-independent
 * and allocation-free.
 */
#include "util/text.h"

#include "util/cpu.h"
#include "util/text_byte_rank.h"

#include <stdbool.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

/* The two positions of the needle whose bytes are rarest in source code,
 * first < second; candidates are starts where both bytes are in place. */
static void text_find_anchors(const char *needle, size_t needle_length, size_t *first,
                              size_t *second)
{
    size_t rarest = 0, next = 1;
    if (text_byte_rank[(unsigned char)needle[next]] <
        text_byte_rank[(unsigned char)needle[rarest]]) {
        rarest = 1;
        next = 0;
    }
    for (size_t i = 2; i < needle_length; i++) {
        unsigned rank = text_byte_rank[(unsigned char)needle[i]];
        if (rank < text_byte_rank[(unsigned char)needle[rarest]]) {
            next = rarest;
            rarest = i;
        } else if (rank < text_byte_rank[(unsigned char)needle[next]]) {
            next = i;
        }
    }
    *first = rarest < next ? rarest : next;
    *second = rarest < next ? next : rarest;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define TEXT_FIND_AVX2 1
/* Starts [at, last_start] checked 32 at a time; returns the first match,
 * or NULL with *done set to the first start not yet looked at. */
__attribute__((target("avx2"))) static const char *
text_find_avx2(const char *text, size_t last_start, const char *needle, size_t needle_length,
               size_t first, size_t second, size_t *done)
{
    const __m256i first_byte = _mm256_set1_epi8(needle[first]);
    const __m256i second_byte = _mm256_set1_epi8(needle[second]);
    size_t at = 0;
    /* Starts at .. at + 31 are all possible: both loads stay in bounds. */
    for (; at + 31 <= last_start; at += 32) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(text + at + first));
        __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(text + at + second));
        unsigned mask = (unsigned)_mm256_movemask_epi8(
            _mm256_and_si256(_mm256_cmpeq_epi8(a, first_byte), _mm256_cmpeq_epi8(b, second_byte)));
        while (mask) {
            size_t start = at + (size_t)__builtin_ctz(mask);
            if (memcmp(text + start, needle, needle_length) == 0)
                return text + start;
            mask &= mask - 1;
        }
    }
    *done = at;
    return NULL;
}

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
    size_t first, second;
    text_find_anchors(needle, needle_length, &first, &second);
    size_t at = 0;
#if defined(TEXT_FIND_AVX2)
    if (last_start >= 31 && cpu_has_avx2()) {
        const char *found =
            text_find_avx2(text, last_start, needle, needle_length, first, second, &at);
        if (found)
            return found;
    }
#endif
#if defined(__SSE2__)
    const __m128i first_byte = _mm_set1_epi8(needle[first]);
    const __m128i second_byte = _mm_set1_epi8(needle[second]);
    /* Starts at .. at + 15 are all possible: both loads stay in bounds. */
    for (; at + 15 <= last_start; at += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(text + at + first));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(text + at + second));
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(a, first_byte), _mm_cmpeq_epi8(b, second_byte)));
        while (mask) {
            size_t start = at + (size_t)__builtin_ctz(mask);
            if (memcmp(text + start, needle, needle_length) == 0)
                return text + start;
            mask &= mask - 1;
        }
    }
#endif
    for (; at <= last_start; at++)
        if (text[at + first] == needle[first] && memcmp(text + at, needle, needle_length) == 0)
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
