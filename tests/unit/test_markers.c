/*
 * Unit tests for the TODO/FIXME/HACK/XXX marker counter: whole upper-case
 * words only, one fact per line, exact lines, embedded NUL bytes survived.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markers),
        cmocka_unit_test(test_markers_after_nul_byte),
        cmocka_unit_test(test_markers_at_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
