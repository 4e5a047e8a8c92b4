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
    const char *p = file->content, *end = file->content + file->length;
    int line = 1;
    const char *line_start = p;
    bool line_reported = false;
    for (; p < end; p++) {
        if (*p == '\n') {
            line++;
            line_start = p + 1;
            line_reported = false;
            continue;
        }
        if (line_reported || (*p != 'T' && *p != 'F' && *p != 'H' && *p != 'X'))
            continue;
        if (p > line_start && markers_is_word_byte(p[-1]))
            continue;
        for (size_t i = 0; i < sizeof(marker_words) / sizeof(marker_words[0]); i++) {
            size_t length = strlen(marker_words[i]);
            if ((size_t)(end - p) >= length && memcmp(p, marker_words[i], length) == 0 &&
                (p + length == end || !markers_is_word_byte(p[length]))) {
                analysis_add_fact(analysis, "quality.marker", line, marker_words[i]);
                line_reported = true;
                break;
            }
        }
    }
}

const struct analyzer analyzer_markers = {
    .name = "markers",
    .applies = markers_applies,
    .run = markers_run,
};
