/*
 * Unit tests for the TODO/FIXME/HACK/XXX marker counter: whole upper-case
 * words only, one fact per line, exact lines, embedded NUL bytes survived.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "analyzers/analyzer.h"

extern const struct analyzer analyzer_markers;

static void run_markers(const char *content, size_t length, struct arena *arena,
                        struct analysis *analysis)
{
    arena_init(arena);
    analysis_init(analysis, arena, "x.c");
    struct source_file file = {
        .path = "x.c", .content = content, .length = length, .role = FILE_ROLE_SOURCE};
    analyzer_markers.run(&file, analysis);
}

static void test_markers(void **state)
{
    (void)state;
    static const char text[] = "x TODO a\n"      /* 1: TODO */
                               " FIXME FIXME\n"  /* 2: once per line */
                               "notTODO TODOs\n" /* 3: not whole words */
                               "HACK\n"          /* 4: HACK */
                               "todo Fixme\n"    /* 5: not upper case */
                               "a_XXX XXX_b\n"   /* 6: not whole words */
                               "end XXX";        /* 7: at the very end */
    struct arena arena;
    struct analysis analysis;
    run_markers(text, sizeof(text) - 1, &arena, &analysis);
    assert_int_equal(analysis.fact_count, 4);
    const int lines[] = {1, 2, 4, 7};
    const char *const words[] = {"TODO", "FIXME", "HACK", "XXX"};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(analysis.facts[i].key, "quality.marker");
        assert_int_equal(analysis.facts[i].line, lines[i]);
        assert_string_equal(analysis.facts[i].value, words[i]);
    }
    analysis_release(&analysis);
    arena_destroy(&arena);
}

static void test_markers_after_nul_byte(void **state)
{
    (void)state;
    static const char text[] = "a\0b\nc TODO\n";
    struct arena arena;
    struct analysis analysis;
    run_markers(text, sizeof(text) - 1, &arena, &analysis);
    assert_int_equal(analysis.fact_count, 1);
    assert_int_equal(analysis.facts[0].line, 2);
    analysis_release(&analysis);
    arena_destroy(&arena);
}

/* Markers are looked for 16 bytes at a time: one at every offset (across
 * block edges, and ending the content exactly) must still count, and a
 * marker cut by the end of the content must not. */
static void test_markers_at_every_offset(void **state)
{
    (void)state;
    for (size_t offset = 0; offset < 40; offset++) {
        char text[64];
        memset(text, '.', sizeof(text));
        memcpy(text + offset, "FIXME", 5);
        struct arena arena;
        struct analysis analysis;
        run_markers(text, offset + 5, &arena, &analysis);
        assert_int_equal(analysis.fact_count, 1);
        assert_string_equal(analysis.facts[0].value, "FIXME");
        analysis_release(&analysis);
        arena_destroy(&arena);
        run_markers(text, offset + 4, &arena, &analysis);
        assert_int_equal(analysis.fact_count, 0);
        analysis_release(&analysis);
        arena_destroy(&arena);
    }
}

static bool reference_word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The rule written the slow way: at every position, a marker word with no
 * word byte on either side; the first on each line is reported. */
static size_t reference_markers(const char *text, size_t length, int *lines, const char **words)
{
    static const char *const markers[] = {"TODO", "FIXME", "HACK", "XXX"};
    size_t count = 0;
    int line = 1;
    for (size_t at = 0; at < length; at++) {
        if (text[at] == '\n') {
            line++;
            continue;
        }
        if (at > 0 && reference_word_byte(text[at - 1]))
            continue;
        for (size_t m = 0; m < 4; m++) {
            size_t size = strlen(markers[m]);
            if (at + size > length || memcmp(text + at, markers[m], size) != 0 ||
                (at + size < length && reference_word_byte(text[at + size])))
                continue;
            if (count == 0 || lines[count - 1] != line) {
                lines[count] = line;
                words[count] = markers[m];
                count++;
            }
            break;
        }
    }
    return count;
}

/* Random texts made of marker pieces, look-alikes (FIFO, HASH, TOTAL, XX),
 * separators and line ends, at every length up to a few blocks: the same
 * facts as the slow rule, whichever vector width runs. */
static void test_markers_random_texts(void **state)
{
    (void)state;
    static const char *const pieces[] = {"TODO", "FIXME", "HACK", "XXX",   "XX", "TOD", "FIX",
                                         "HAC",  "FIFO",  "HASH", "TOTAL", "_",  "a",   " ",
                                         "\n",   "(",     "X",    "T",     "\0"};
    const size_t piece_count = sizeof(pieces) / sizeof(pieces[0]);
    uint32_t seed = 2024;
    char text[160];
    for (int round = 0; round < 20000; round++) {
        size_t length = 0;
        seed = seed * 1103515245u + 12345u;
        size_t target = (seed >> 8) % (sizeof(text) - 8);
        while (length < target) {
            seed = seed * 1103515245u + 12345u;
            size_t piece = (seed >> 12) % piece_count;
            size_t size = pieces[piece][0] ? strlen(pieces[piece]) : 1;
            if (length + size > target)
                break;
            memcpy(text + length, pieces[piece], size);
            length += size;
        }
        int lines[160];
        const char *words[160];
        size_t expected = reference_markers(text, length, lines, words);
        struct arena arena;
        struct analysis analysis;
        run_markers(text, length, &arena, &analysis);
        assert_int_equal(analysis.fact_count, expected);
        for (size_t i = 0; i < expected; i++) {
            assert_int_equal(analysis.facts[i].line, lines[i]);
            assert_string_equal(analysis.facts[i].value, words[i]);
        }
        analysis_release(&analysis);
        arena_destroy(&arena);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markers),
        cmocka_unit_test(test_markers_after_nul_byte),
        cmocka_unit_test(test_markers_at_every_offset),
        cmocka_unit_test(test_markers_random_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
