/*
 * Unit tests for the rule-pack reader: a valid pack, and each validation
 * error reported with its file and line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "rules/rulepack.h"

static const char valid_pack[] = "pack: sample\n"
                                 "rules:\n"
                                 "  - id: sample.first-rule\n"
                                 "    category: security\n"
                                 "    severity: high\n"
                                 "    effort_minutes: 30\n"
                                 "    kinds: [service, cli]\n"
                                 "    title: First\n"
                                 "    why: Because.\n"
                                 "    fix: Do it.\n"
                                 "    references: [https://cwe.mitre.org/]\n"
                                 "    examples: ['bad = 1']\n"
                                 "  - id: sample.second\n"
                                 "    category: documentation\n"
                                 "    severity: info\n"
                                 "    confidence: low\n"
                                 "    effort_minutes: 5\n"
                                 "    title: Second\n"
                                 "    why: W\n"
                                 "    fix: F\n"
                                 "    references: [x]\n";

static int parse(const char *text, struct strbuf *errors, struct rulepack *pack,
                 struct arena *arena)
{
    return rulepack_parse("pack.yml", text, strlen(text), arena, pack, errors);
}

static void test_valid_pack(void **state)
{
    (void)state;
    struct arena arena;
    arena_init(&arena);
    struct strbuf errors = STRBUF_INIT;
    struct rulepack pack;
    assert_int_equal(parse(valid_pack, &errors, &pack, &arena), 0);
    assert_string_equal(errors.data, "");
    assert_string_equal(pack.name, "sample");
    assert_int_equal(pack.rule_count, 2);
    const struct rule *first = &pack.rules[0];
    assert_string_equal(first->id, "sample.first-rule");
    assert_int_equal(first->pack_line, 3);
    assert_int_equal(first->category, CATEGORY_SECURITY);
    assert_int_equal(first->severity, SEVERITY_HIGH);
    assert_int_equal(first->confidence, CONFIDENCE_HIGH);
    assert_int_equal(first->effort_minutes, 30);
    assert_int_equal(first->kinds,
                     PROJECT_KIND_BIT(PROJECT_KIND_SERVICE) | PROJECT_KIND_BIT(PROJECT_KIND_CLI));
    assert_string_equal(pack.examples[0][0], "bad = 1");
    assert_null(pack.examples[0][1]);
    assert_int_equal(pack.rules[1].kinds, PROJECT_KIND_ALL);
    assert_int_equal(pack.rules[1].confidence, CONFIDENCE_LOW);
    assert_int_equal(pack.rules[1].pack_line, 13);
    strbuf_release(&errors);
    arena_destroy(&arena);
}

/* Parses `text`, expects failure, and checks one error line. */
static void expect_error(const char *text, const char *needle)
{
    struct arena arena;
    arena_init(&arena);
    struct strbuf errors = STRBUF_INIT;
    struct rulepack pack;
    int count = parse(text, &errors, &pack, &arena);
    if (count == 0 || !strstr(errors.data, needle))
        fail_msg("expected an error containing '%s', got: %s", needle, errors.data);
    strbuf_release(&errors);
    arena_destroy(&arena);
}

static void test_errors_name_file_and_line(void **state)
{
    (void)state;
    expect_error("pack: p\nrules:\n  - id: Bad_Id\n", "pack.yml:3: rule id 'Bad_Id'");
    expect_error("pack: p\nrules:\n  - id: a.b\n    category: nope\n",
                 "pack.yml:4: unknown category 'nope'");
    expect_error("pack: p\nrules:\n  - id: a.b\n    severity: severe\n",
                 "pack.yml:4: unknown severity 'severe'");
    expect_error("pack: p\nrules:\n  - id: a.b\n    effort_minutes: soon\n",
                 "pack.yml:4: effort_minutes must be a positive");
    expect_error("pack: p\nrules:\n  - id: a.b\n    titel: typo\n",
                 "pack.yml:4: unknown key 'titel'");
    expect_error("pack: p\nrules:\n  - id: a.b\n    kinds: [server]\n",
                 "unknown project kind 'server'");
    expect_error("pack: p\nrules:\n  - id: a.b\n", "a.b: missing 'category'");
    expect_error("pack: p\nrules:\n  - id: a.b\n    why: '  '\n", "a.b: 'why' must not be empty");
    expect_error("pack: p\nrules:\n  - id: a.b\n", "a.b: 'references' needs at least one");
    expect_error("rules: []\n", "missing 'pack'");
    expect_error("pack: p\nrules: {}\n", "'rules' must be a list");
    expect_error("pack: p\nrules:\n  - id: a.b\n  - id: a.b\n", "duplicate rule id 'a.b'");
    expect_error("pack: [unclosed\n", "pack.yml:");
    expect_error("", "pack.yml:");
}

static void test_garbage_never_crashes(void **state)
{
    (void)state;
    const char *inputs[] = {"\x00\x01\x02",
                            "- - - -",
                            "pack: p\nrules: [1, [2], {a: b}]\n",
                            "&a [*a]",
                            "pack: p\nrules:\n  - {id: [x], category: {}}\n",
                            "\xff\xfe bad utf8: \xc3\x28"};
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        struct arena arena;
        arena_init(&arena);
        struct strbuf errors = STRBUF_INIT;
        struct rulepack pack;
        assert_true(rulepack_parse("g.yml", inputs[i], i == 0 ? 3 : strlen(inputs[i]), &arena,
                                   &pack, &errors) > 0);
        strbuf_release(&errors);
        arena_destroy(&arena);
    }
}

/* Inputs that once hung libfyaml or leaked in it, found by fuzzing: they
 * must now fail fast with a line number. */
static void test_fuzz_regressions(void **state)
{
    (void)state;
    static const char hang[] = "%\xff\xff\xff\xff%%%%%%%%p@ck: p";
    struct arena arena;
    arena_init(&arena);
    struct strbuf errors = STRBUF_INIT;
    struct rulepack pack;
    assert_true(rulepack_parse("h.yml", hang, sizeof(hang) - 1, &arena, &pack, &errors) > 0);
    assert_non_null(strstr(errors.data, "h.yml:1: not valid UTF-8"));
    strbuf_reset(&errors);
    assert_true(rulepack_parse("n.yml", "pack: p\n\0x", 10, &arena, &pack, &errors) > 0);
    assert_non_null(strstr(errors.data, "n.yml:2: control character 0x00"));
    strbuf_reset(&errors);
    static const char crash[] = "%\n? - f\x06\x06:\t? ";
    assert_true(rulepack_parse("c.yml", crash, sizeof(crash) - 1, &arena, &pack, &errors) > 0);
    assert_non_null(strstr(errors.data, "c.yml:2: control character 0x06"));
    /* libfyaml 0.7 crashed on tabs inside explicit keys. */
    static const char *const tab_crashes[] = {
        "? a:\t|",   "? a:\t:", "? a: \t?", "%\n%\n? refer:\t? \t? ", "%\n%\n? rerfe:\t?SSs/  ",
        "- ? a:\t?x"};
    for (size_t i = 0; i < sizeof(tab_crashes) / sizeof(tab_crashes[0]); i++) {
        strbuf_reset(&errors);
        assert_true(rulepack_parse("t.yml", tab_crashes[i], strlen(tab_crashes[i]), &arena, &pack,
                                   &errors) > 0);
        assert_non_null(strstr(errors.data, "a tab in a document with explicit keys"));
    }
    strbuf_release(&errors);
    arena_destroy(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_pack),
        cmocka_unit_test(test_errors_name_file_and_line),
        cmocka_unit_test(test_garbage_never_crashes),
        cmocka_unit_test(test_fuzz_regressions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
