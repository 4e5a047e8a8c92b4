/*
 * markers: counts TODO, FIXME, HACK and XXX markers in source and test files
 * (fact "quality.marker", one per line that has one, value = the marker), for
 * the report's metrics. A marker must be a whole word in upper case, so
 * "todos" or "hacky" do not count. It must not judge whether a marker matters.
 */
#include "analyzers/analyzer.h"
#include "util/cpu.h"

#include <ctype.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
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

/* Can a marker start at p? Its first three bytes: "TOD", "FIX", "HAC" or
 * "XXX" (every marker is at least that long). */
static bool markers_triple(const char *p)
{
    return (p[0] == 'T' && p[1] == 'O' && p[2] == 'D') ||
           (p[0] == 'F' && p[1] == 'I' && p[2] == 'X') ||
           (p[0] == 'H' && p[1] == 'A' && p[2] == 'C') ||
           (p[0] == 'X' && p[1] == 'X' && p[2] == 'X');
}

#if defined(__x86_64__) && defined(__GNUC__)
#define MARKERS_AVX2 1
/* markers_next 32 places at a time; returns the first candidate, or NULL
 * with *from set to the first place not yet tested. */
__attribute__((target("avx2"))) static const char *markers_next_avx2(const char *p, const char *end,
                                                                     const char **from)
{
    const __m256i t = _mm256_set1_epi8('T'), o = _mm256_set1_epi8('O'), d = _mm256_set1_epi8('D');
    const __m256i f = _mm256_set1_epi8('F'), i = _mm256_set1_epi8('I'), x = _mm256_set1_epi8('X');
    const __m256i h = _mm256_set1_epi8('H'), a = _mm256_set1_epi8('A'), c = _mm256_set1_epi8('C');
    while (end - p >= 34) {
        __m256i b0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
        __m256i b1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
        __m256i b2 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 2));
        __m256i todo =
            _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(b0, t), _mm256_cmpeq_epi8(b1, o)),
                             _mm256_cmpeq_epi8(b2, d));
        __m256i fixme =
            _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(b0, f), _mm256_cmpeq_epi8(b1, i)),
                             _mm256_cmpeq_epi8(b2, x));
        __m256i hack =
            _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(b0, h), _mm256_cmpeq_epi8(b1, a)),
                             _mm256_cmpeq_epi8(b2, c));
        __m256i xxx =
            _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(b0, x), _mm256_cmpeq_epi8(b1, x)),
                             _mm256_cmpeq_epi8(b2, x));
        unsigned mask = (unsigned)_mm256_movemask_epi8(
            _mm256_or_si256(_mm256_or_si256(todo, fixme), _mm256_or_si256(hack, xxx)));
        if (mask)
            return p + __builtin_ctz(mask);
        p += 32;
    }
    *from = p;
    return NULL;
}

#endif

/* The next place at or after p where a marker may start, or NULL. Triples
 * of bytes, not single capitals or pairs: C sources are full of capital T,
 * F, H and X and of pairs such as FI, HA, TO (FIFO, HASH, TOTAL), while the
 * triples are rare; 32 or 16 places are tested at a time. */
static const char *markers_next(const char *p, const char *end)
{
#if defined(MARKERS_AVX2)
    if (end - p >= 34 && cpu_has_avx2()) {
        const char *found = markers_next_avx2(p, end, &p);
        if (found)
            return found;
    }
#endif
#if defined(__SSE2__)
    const __m128i t = _mm_set1_epi8('T'), o = _mm_set1_epi8('O'), d = _mm_set1_epi8('D');
    const __m128i f = _mm_set1_epi8('F'), i = _mm_set1_epi8('I'), x = _mm_set1_epi8('X');
    const __m128i h = _mm_set1_epi8('H'), a = _mm_set1_epi8('A'), c = _mm_set1_epi8('C');
    while (end - p >= 18) {
        __m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i b1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
        __m128i b2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
        __m128i todo = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(b0, t), _mm_cmpeq_epi8(b1, o)),
                                     _mm_cmpeq_epi8(b2, d));
        __m128i fixme = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(b0, f), _mm_cmpeq_epi8(b1, i)),
                                      _mm_cmpeq_epi8(b2, x));
        __m128i hack = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(b0, h), _mm_cmpeq_epi8(b1, a)),
                                     _mm_cmpeq_epi8(b2, c));
        __m128i xxx = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(b0, x), _mm_cmpeq_epi8(b1, x)),
                                    _mm_cmpeq_epi8(b2, x));
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(todo, fixme), _mm_or_si128(hack, xxx)));
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    for (; end - p >= 3; p++)
        if (markers_triple(p))
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
