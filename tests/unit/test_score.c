/*
 * Unit tests for scoring v0: grades, the verdict rule (a critical finding
 * always means not-ready), diminishing returns, not-applicable categories,
 * and monotonicity and order-independence over random finding sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "score/score.h"

static struct rule test_rules[] = {
    {.id = "t.critical",
     .category = CATEGORY_SECURITY,
     .severity = SEVERITY_CRITICAL,
     .effort_minutes = 60,
     .kinds = PROJECT_KIND_ALL},
    {.id = "t.high",
     .category = CATEGORY_SECURITY,
     .severity = SEVERITY_HIGH,
     .effort_minutes = 30,
     .kinds = PROJECT_KIND_ALL},
    {.id = "t.medium",
     .category = CATEGORY_DOCUMENTATION,
     .severity = SEVERITY_MEDIUM,
     .effort_minutes = 20,
     .kinds = PROJECT_KIND_ALL},
    {.id = "t.low",
     .category = CATEGORY_CI,
     .severity = SEVERITY_LOW,
     .effort_minutes = 10,
     .kinds = PROJECT_KIND_ALL},
    {.id = "t.info",
     .category = CATEGORY_QUALITY,
     .severity = SEVERITY_INFO,
     .effort_minutes = 5,
     .kinds = PROJECT_KIND_ALL},
};
enum { RULES = sizeof(test_rules) / sizeof(test_rules[0]) };

static void result_with(struct audit_result *result, const int *rule_indices, size_t count)
{
    memset(result, 0, sizeof(*result));
    arena_init(&result->arena);
    result->findings = arena_alloc(&result->arena, (count ? count : 1) * sizeof(struct finding));
    for (size_t i = 0; i < count; i++) {
        struct finding *finding = &result->findings[i];
        finding->rule = &test_rules[rule_indices[i]];
        finding->severity = finding->rule->severity;
        finding->file = "f";
        finding->line = (int)i + 1;
        finding->message = "m";
        finding_fingerprint(finding);
    }
    result->finding_count = count;
    /* Every category has been audited (one check each), so applicability
     * does not depend on the findings in these tests. */
    result->checks = arena_alloc(&result->arena, CATEGORY_COUNT * sizeof(struct check));
    for (int c = 0; c < CATEGORY_COUNT; c++)
        result->checks[c] = (struct check){.id = "c", .category = (enum category)c};
    result->check_count = CATEGORY_COUNT;
    score_compute(result);
    plan_compute(result);
}

static void test_grades(void **state)
{
    (void)state;
    assert_string_equal(score_grade(100), "A");
    assert_string_equal(score_grade(90), "A");
    assert_string_equal(score_grade(89), "B");
    assert_string_equal(score_grade(70), "C");
    assert_string_equal(score_grade(60), "D");
    assert_string_equal(score_grade(59), "F");
    assert_string_equal(score_grade(0), "F");
}

static void test_verdict(void **state)
{
    (void)state;
    struct audit_result result;
    result_with(&result, NULL, 0);
    assert_string_equal(result.verdict, "ready");
    assert_int_equal(result.score, 100);
    arena_destroy(&result.arena);

    int high[] = {1};
    result_with(&result, high, 1);
    assert_string_equal(result.verdict, "ready-with-conditions");
    arena_destroy(&result.arena);

    /* One critical finding: not-ready whatever the score. */
    int critical[] = {0};
    result_with(&result, critical, 1);
    assert_string_equal(result.verdict, "not-ready");
    assert_true(result.score > 80);
    assert_int_equal(result.phases[0].id, 1);
    arena_destroy(&result.arena);
}

static void test_diminishing_returns(void **state)
{
    (void)state;
    int many[200];
    for (int i = 0; i < 200; i++)
        many[i] = 2; /* medium, 8 points */
    struct audit_result one, two, lots;
    result_with(&one, many, 1);
    result_with(&two, many, 2);
    result_with(&lots, many, 200);
    int doc = CATEGORY_DOCUMENTATION;
    assert_int_equal(one.categories[doc].deductions, 8);
    assert_int_equal(two.categories[doc].deductions, 12);
    assert_true(lots.categories[doc].deductions <= 16);
    assert_true(lots.categories[doc].score >= one.categories[doc].score - 8);
    arena_destroy(&one.arena);
    arena_destroy(&two.arena);
    arena_destroy(&lots.arena);
}

static void test_not_applicable_left_out(void **state)
{
    (void)state;
    struct audit_result result;
    memset(&result, 0, sizeof(result));
    arena_init(&result.arena);
    struct check check = {.id = "docs.readme", .category = CATEGORY_DOCUMENTATION};
    result.checks = &check;
    result.check_count = 1;
    score_compute(&result);
    assert_true(result.categories[CATEGORY_DOCUMENTATION].applicable);
    assert_false(result.categories[CATEGORY_CONTAINER].applicable);
    assert_int_equal(result.score, 100);
    arena_destroy(&result.arena);
}

/* Adding any finding never raises any score; order never matters. */
static void test_monotonic_and_order_free(void **state)
{
    (void)state;
    srand(12345);
    for (int round = 0; round < 300; round++) {
        int count = rand() % 30;
        int indices[31];
        for (int i = 0; i < count; i++)
            indices[i] = rand() % RULES;
        struct audit_result base, more, shuffled;
        result_with(&base, indices, (size_t)count);
        indices[count] = rand() % RULES;
        result_with(&more, indices, (size_t)count + 1);
        assert_true(more.score <= base.score);
        for (int c = 0; c < CATEGORY_COUNT; c++)
            assert_true(more.categories[c].score <= base.categories[c].score);
        for (int i = count; i > 1; i--) {
            int j = rand() % i, swap = indices[i - 1];
            indices[i - 1] = indices[j];
            indices[j] = swap;
        }
        result_with(&shuffled, indices, (size_t)count);
        assert_int_equal(shuffled.score, base.score);
        for (int c = 0; c < CATEGORY_COUNT; c++)
            assert_int_equal(shuffled.categories[c].score, base.categories[c].score);
        assert_true(more.plan_total_hours >= base.plan_total_hours);
        arena_destroy(&base.arena);
        arena_destroy(&more.arena);
        arena_destroy(&shuffled.arena);
    }
}

static void test_plan_phases(void **state)
{
    (void)state;
    int mix[] = {0, 1, 2, 3, 4};
    struct audit_result result;
    result_with(&result, mix, 5);
    /* critical -> 1, low ci -> 5, high security -> 7, info quality -> 2,
     * medium documentation -> 8 */
    assert_int_equal(result.phase_count, 5);
    assert_int_equal(result.phases[0].id, 1);
    assert_int_equal(result.phases[1].id, 2);
    assert_int_equal(result.phases[2].id, 5);
    assert_int_equal(result.phases[3].id, 7);
    assert_int_equal(result.phases[4].id, 8);
    assert_true(result.plan_total_hours > 125.0 / 60 - 1e-9 &&
                result.plan_total_hours < 125.0 / 60 + 1e-9);
    arena_destroy(&result.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grades),
        cmocka_unit_test(test_verdict),
        cmocka_unit_test(test_diminishing_returns),
        cmocka_unit_test(test_not_applicable_left_out),
        cmocka_unit_test(test_monotonic_and_order_free),
        cmocka_unit_test(test_plan_phases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
