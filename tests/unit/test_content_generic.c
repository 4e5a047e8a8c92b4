/*
 * Unit tests for generic pattern rules (`generic: true`): a generic rule
 * yields to a specific rule that reports an overlapping secret on the same
 * line, and only then — elsewhere on the line, on other lines, or against
 * another generic rule it still reports. Also the rule-pack validation of
 * the field. Rules here are made for the test; the built-in packs' own
 * examples are run by test_secrets.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/content_scan.h"
#include "rules/rulepack.h"

struct generic_hits {
    char rules[16][64];
    int lines[16], columns[16];
    size_t count;
};

static void generic_collect(void *user, const struct content_scan_hit *hit)
{
    struct generic_hits *hits = user;
    if (hits->count >= 16)
        return;
    snprintf(hits->rules[hits->count], sizeof(hits->rules[0]), "%s", hit->rule->id);
    hits->lines[hits->count] = hit->line;
    hits->columns[hits->count] = hit->column;
    hits->count++;
}

static const char *const generic_references[] = {"x"};

static const struct rule generic_rules[] = {
    /* specific: a made-up provider prefix */
    {.id = "test.provider-token",
     .title = "provider",
     .references = generic_references,
     .reference_count = 1,
     .pattern = "\\bprv_[A-Za-z0-9]{12}\\b",
     .redact = true},
    /* generic: any token-like name assigned a quoted literal */
    {.id = "test.generic-assignment",
     .title = "generic",
     .references = generic_references,
     .reference_count = 1,
     .pattern = "(?i)token\\s*=\\s*\"([A-Za-z0-9_]{8,})\"",
     .secret_group = 1,
     .redact = true,
     .generic = true},
    /* a second generic rule over the same bytes: generic rules never
     * silence each other */
    {.id = "test.generic-quoted",
     .title = "quoted",
     .references = generic_references,
     .reference_count = 1,
     .pattern = "\"(zz[A-Za-z0-9]{8,})\"",
     .secret_group = 1,
     .redact = true,
     .generic = true},
};

static struct content_scan_engine *generic_engine(void)
{
    struct strbuf errors = STRBUF_INIT;
    struct content_scan_engine *engine = content_scan_engine_new(
        generic_rules, sizeof(generic_rules) / sizeof(generic_rules[0]), NULL, 0, &errors);
    assert_string_equal(errors.data, "");
    strbuf_release(&errors);
    assert_non_null(engine);
    return engine;
}

static struct generic_hits generic_scan(struct content_scan_engine *engine, const char *text)
{
    struct generic_hits hits;
    memset(&hits, 0, sizeof(hits));
    content_scan_engine_scan(engine, "app.py", text, strlen(text), generic_collect, &hits);
    return hits;
}

static void test_generic_yields_to_specific(void **state)
{
    (void)state;
    struct content_scan_engine *engine = generic_engine();
    /* The same secret: only the provider's rule. */
    struct generic_hits hits = generic_scan(engine, "token = \"prv_Q8zR2mWx7LpT\"\n");
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.rules[0], "test.provider-token");
    assert_int_equal(hits.columns[0], 10);

    /* A generic secret alone: reported. */
    hits = generic_scan(engine, "x = 1\ntoken = \"Q8zR2mWx7LpT\"\n");
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.rules[0], "test.generic-assignment");
    assert_int_equal(hits.lines[0], 2);

    /* Same line, different bytes: both stand. */
    hits = generic_scan(engine, "token = \"Q8zR2mWx7LpT\" # was prv_Ab3dEf6hIj9k\n");
    assert_int_equal(hits.count, 2);
    assert_string_equal(hits.rules[0], "test.generic-assignment");
    assert_string_equal(hits.rules[1], "test.provider-token");

    /* Specific on one line, generic on the next: both stand. */
    hits = generic_scan(engine, "a = prv_Ab3dEf6hIj9k\ntoken = \"Q8zR2mWx7LpT\"\n");
    assert_int_equal(hits.count, 2);
    assert_int_equal(hits.lines[0], 1);
    assert_int_equal(hits.lines[1], 2);

    /* Two generic rules over the same bytes: neither silences the other. */
    hits = generic_scan(engine, "token = \"zzQ8zR2mWx7LpT\"\n");
    assert_int_equal(hits.count, 2);
    assert_string_equal(hits.rules[0], "test.generic-assignment");
    assert_string_equal(hits.rules[1], "test.generic-quoted");
    content_scan_engine_free(engine);
}

/* The built-in packs: a provider token assigned to a secret-like name is
 * reported by the provider's rule alone; an unknown credential by the
 * generic rule. */
static void test_builtin_generic_rules(void **state)
{
    (void)state;
    struct content_scan_engine *engine = content_scan_builtin();
    assert_non_null(engine);
    struct generic_hits hits =
        generic_scan(engine, "GITHUB_TOKEN = \"ghp_KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi3\"\n"
                             "db_password = \"Zr8#kQ2mXw9p\"\n"
                             "password = os.environ[\"DB_PASSWORD\"]\n");
    assert_int_equal(hits.count, 2);
    assert_string_equal(hits.rules[0], "secrets.github-token");
    assert_int_equal(hits.lines[0], 1);
    assert_string_equal(hits.rules[1], "secrets.generic-assignment");
    assert_int_equal(hits.lines[1], 2);
    assert_int_equal(hits.columns[1], 16);
    content_scan_builtin_release();
}

static int generic_parse(const char *rule_text, struct strbuf *errors, bool *generic)
{
    struct strbuf text = STRBUF_INIT;
    strbuf_printf(&text,
                  "pack: p\nrules:\n  - id: p.rule\n    category: security\n    severity: high\n"
                  "    effort_minutes: 5\n    title: T\n    why: W\n    fix: F\n"
                  "    references: [x]\n%s",
                  rule_text);
    struct arena arena;
    arena_init(&arena);
    struct rulepack pack;
    int count = rulepack_parse("p.yml", text.data, text.length, &arena, &pack, errors);
    if (generic)
        *generic = pack.rule_count == 1 && pack.rules[0].generic;
    arena_destroy(&arena);
    strbuf_release(&text);
    return count;
}

static void test_generic_field_validation(void **state)
{
    (void)state;
    struct strbuf errors = STRBUF_INIT;
    bool generic = false;
    assert_int_equal(generic_parse("    pattern: 'abc'\n    generic: true\n    examples: [abc]\n"
                                   "    counter_examples: [abd]\n",
                                   &errors, &generic),
                     0);
    assert_true(generic);
    assert_int_equal(generic_parse("    pattern: 'abc'\n    examples: [abc]\n"
                                   "    counter_examples: [abd]\n",
                                   &errors, &generic),
                     0);
    assert_false(generic); /* the default */
    assert_string_equal(errors.data, "");

    assert_true(generic_parse("    pattern: 'abc'\n    generic: yes please\n    examples: [abc]\n"
                              "    counter_examples: [abd]\n",
                              &errors, NULL) > 0);
    assert_non_null(strstr(errors.data, "p.yml:12: generic must be true or false"));
    strbuf_reset(&errors);

    /* Only pattern rules can be generic. */
    assert_true(generic_parse("    generic: true\n", &errors, NULL) > 0);
    assert_non_null(strstr(errors.data, "p.yml:11: p.rule: secret_group, redact, generic"));
    strbuf_release(&errors);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generic_yields_to_specific),
        cmocka_unit_test(test_builtin_generic_rules),
        cmocka_unit_test(test_generic_field_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
