/*
 * markers: counts TODO, FIXME, HACK and XXX markers in source and test files
 * (fact "quality.marker", one per line that has one, value = the marker), for
 * the report's metrics. A marker must be a whole word in upper case, so
 * "todos" or "hacky" do not count. It must not judge whether a marker matters.
 */
#include "analyzers/analyzer.h"

#include <ctype.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static const char *const marker_words[] = {"TODO", "FIXME", "HACK", "XXX"};

static bool markers_applies(const struct source_file *file)
{
    return file->role == FILE_ROLE_SOURCE || file->role == FILE_ROLE_TEST;
}

static bool markers_is_word_byte(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Can a marker start at p? Its first two bytes: "TO", "FI", "HA" or "XX". */
static bool markers_pair(const char *p)
{
    return (p[0] == 'T' && p[1] == 'O') || (p[0] == 'F' && p[1] == 'I') ||
           (p[0] == 'H' && p[1] == 'A') || (p[0] == 'X' && p[1] == 'X');
}

/* The next place at or after p where a marker may start, or NULL. Pairs of
 * bytes, not single capitals: C sources are full of capital T, F, H and X
 * (macros), the pairs are rare, and 16 places are tested at a time. */
static const char *markers_next(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i t = _mm_set1_epi8('T'), o = _mm_set1_epi8('O');
    const __m128i f = _mm_set1_epi8('F'), i = _mm_set1_epi8('I');
    const __m128i h = _mm_set1_epi8('H'), a = _mm_set1_epi8('A');
    const __m128i x = _mm_set1_epi8('X');
    while (end - p >= 17) {
        __m128i first = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i second = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
        __m128i hits = _mm_or_si128(
            _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(first, t), _mm_cmpeq_epi8(second, o)),
                         _mm_and_si128(_mm_cmpeq_epi8(first, f), _mm_cmpeq_epi8(second, i))),
            _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(first, h), _mm_cmpeq_epi8(second, a)),
                         _mm_and_si128(_mm_cmpeq_epi8(first, x), _mm_cmpeq_epi8(second, x))));
        unsigned mask = (unsigned)_mm_movemask_epi8(hits);
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    for (; end - p >= 2; p++)
        if (markers_pair(p))
            return p;
    return NULL;
}

static void markers_run(const struct source_file *file, struct analysis *analysis)
{
    /* Lines are counted only up to the markers actually found. The content
     * may hold NUL bytes: everything here goes by length. */
    const char *content = file->content, *end = file->content + file->length;
    const char *p = content, *counted = content;
    int line = 1, last_reported = 0;
    const char *hit;
    while ((hit = markers_next(p, end)) != NULL) {
        p = hit + 1;
        if (hit > content && markers_is_word_byte(hit[-1]))
            continue;
        for (size_t i = 0; i < sizeof(marker_words) / sizeof(marker_words[0]); i++) {
            size_t length = strlen(marker_words[i]);
            if ((size_t)(end - hit) < length || memcmp(hit, marker_words[i], length) != 0 ||
                (hit + length < end && markers_is_word_byte(hit[length])))
                continue;
            for (const char *q = counted; (q = memchr(q, '\n', (size_t)(hit - q))) != NULL; q++)
                line++;
            counted = hit;
            if (line != last_reported) {
                analysis_add_fact(analysis, "quality.marker", line, marker_words[i]);
                last_reported = line;
            }
            break;
        }
    }
}

const struct analyzer analyzer_markers = {
    .name = "markers",
    .applies = markers_applies,
    .run = markers_run,
};
