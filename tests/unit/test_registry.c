/*
 * Unit tests for the rule registry over the real built-in packs: every rule
 * is well formed, ids are unique and sorted, lookups and suggestions work.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <string.h>

#include "rules/registry.h"

static void test_every_builtin_rule_is_complete(void **state)
{
    (void)state;
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    assert_true(count > 0);
    for (size_t i = 0; i < count; i++) {
        const struct rule *rule = &rules[i];
        assert_non_null(rule->id);
        assert_non_null(strchr(rule->id, '.'));
        for (const char *p = rule->id; *p; p++)
            assert_true(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-' ||
                        *p == '.');
        if (i > 0)
            assert_true(strcmp(rules[i - 1].id, rule->id) < 0); /* sorted and unique */
        assert_true((unsigned)rule->category < CATEGORY_COUNT);
        assert_true((unsigned)rule->severity < SEVERITY_COUNT);
        assert_true(rule->effort_minutes > 0);
        assert_true(rule->kinds != 0);
        assert_true(strlen(rule->title) > 0);
        assert_true(strlen(rule->why) > 10);
        assert_true(strlen(rule->fix) > 10);
        assert_true(rule->reference_count > 0);
        assert_non_null(rule->pack);
        assert_int_equal(strncmp(rule->pack, "rules/", 6), 0);
        assert_true(rule->pack_line > 0);
    }
}

static void test_find(void **state)
{
    (void)state;
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    for (size_t i = 0; i < count; i++)
        assert_ptr_equal(rule_registry_find(rules[i].id), &rules[i]);
    assert_null(rule_registry_find("no.such-rule"));
    assert_null(rule_registry_find(""));
    assert_null(rule_registry_find(NULL));
}

static void test_suggest_close_ids(void **state)
{
    (void)state;
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    const char *first = rules[0].id;
    char typo[128];
    size_t length = strlen(first);
    assert_true(length < sizeof(typo));
    memcpy(typo, first, length - 1); /* drop the last character */
    typo[length - 1] = '\0';
    const char *suggestions[5];
    size_t found = rule_registry_suggest(typo, suggestions, 5);
    assert_true(found >= 1);
    assert_string_equal(suggestions[0], first);
    assert_int_equal(rule_registry_suggest("zzzzzzzzzzzzzzzzzzzzzzzz", suggestions, 5), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_builtin_rule_is_complete),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_suggest_close_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
