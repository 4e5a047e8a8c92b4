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

#include <math.h>
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
    plan_compute(result, NULL);
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
    /* Configured bands (config `grades:`); zeros keep the defaults. */
    const int bands[4] = {95, 85, 0, 50};
    assert_string_equal(score_grade_banded(95, bands), "A");
    assert_string_equal(score_grade_banded(94, bands), "B");
    assert_string_equal(score_grade_banded(84, bands), "C");
    assert_string_equal(score_grade_banded(70, bands), "C");
    assert_string_equal(score_grade_banded(69, bands), "D");
    assert_string_equal(score_grade_banded(50, bands), "D");
    assert_string_equal(score_grade_banded(49, bands), "F");
    assert_string_equal(score_grade_banded(89, NULL), "B");
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

/* Repeats of one rule in one file are one work item, capped at 3x. */
static void test_plan_items_and_cap(void **state)
{
    (void)state;
    assert_true(plan_item_hours(20, 1) > 20.0 / 60 - 1e-9 &&
                plan_item_hours(20, 1) < 20.0 / 60 + 1e-9);
    assert_true(plan_item_hours(20, 2) > 25.0 / 60 - 1e-9 &&
                plan_item_hours(20, 2) < 25.0 / 60 + 1e-9);
    assert_true(plan_item_hours(20, 9) > 60.0 / 60 - 1e-9 &&
                plan_item_hours(20, 9) < 60.0 / 60 + 1e-9);
    assert_true(plan_item_hours(20, 500) < 60.0 / 60 + 1e-9);
    assert_true(plan_item_hours(20, 0) == 0.0);
    for (size_t n = 1; n < 50; n++)
        assert_true(plan_item_hours(30, n + 1) >= plan_item_hours(30, n));

    int mediums[10] = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
    struct audit_result result;
    result_with(&result, mediums, 10);
    assert_int_equal(result.plan_item_count, 1);
    assert_int_equal(result.plan_items[0].finding_count, 10);
    assert_int_equal(result.plan_items[0].line, 1);
    assert_true(result.plan_total_hours > 1.0 - 1e-9 && result.plan_total_hours < 1.0 + 1e-9);
    assert_ptr_equal(result.next_step, &result.plan_items[0]);
    arena_destroy(&result.arena);
}

/* Every hour is scheduled once, no week exceeds capacity x team, weeks are
 * as few as the hours need, and the work goes in phase order. */
static void test_plan_schedule(void **state)
{
    (void)state;
    srand(777);
    for (int round = 0; round < 200; round++) {
        int count = 1 + rand() % 30;
        int indices[30];
        for (int i = 0; i < count; i++)
            indices[i] = rand() % RULES;
        struct audit_result result;
        result_with(&result, indices, (size_t)count);
        struct plan_settings settings = {0.25 + (rand() % 8) * 0.5, 1 + (unsigned)(rand() % 3),
                                         rand() % 2 ? 85.0 : 0.0};
        plan_compute(&result, &settings);
        double weekly = settings.capacity_hours * settings.team, sum = 0;
        int last_phase = 0;
        for (size_t w = 0; w < result.plan_week_count; w++) {
            const struct plan_week *week = &result.plan_weeks[w];
            assert_int_equal(week->week, (int)w + 1);
            assert_true(week->hours <= weekly + 1e-6 || w + 1 == result.plan_week_count);
            double phases = 0;
            for (int p = 1; p <= PLAN_PHASE_COUNT; p++) {
                phases += week->phase_hours[p];
                if (week->phase_hours[p] > 1e-9) {
                    assert_true(p >= last_phase || week->phase_hours[last_phase] > 1e-9);
                    last_phase = p > last_phase ? p : last_phase;
                }
            }
            assert_true(phases > week->hours - 1e-6 && phases < week->hours + 1e-6);
            sum += week->hours;
        }
        assert_true(sum > result.plan_total_hours - 1e-6 && sum < result.plan_total_hours + 1e-6);
        size_t needed = (size_t)ceil(result.plan_total_hours / weekly - 1e-9);
        assert_int_equal(result.plan_week_count, needed ? needed : 1);
        double expected_cost = settings.hourly_rate * result.plan_total_hours;
        assert_true(result.plan_cost > expected_cost - 1e-6 &&
                    result.plan_cost < expected_cost + 1e-6);
        for (size_t i = 1; i < result.plan_item_count; i++)
            assert_true(result.plan_items[i - 1].phase <= result.plan_items[i].phase);
        arena_destroy(&result.arena);
    }
}

/* The verdict names its reasons: exactly the findings of the deciding
 * severity; risk follows the worst finding. */
static void test_verdict_reasons_and_risk(void **state)
{
    (void)state;
    struct audit_result result;
    int mix[] = {1, 0, 2, 0, 3};
    result_with(&result, mix, 5);
    assert_string_equal(result.risk, "critical");
    assert_int_equal(result.verdict_reason_count, 2);
    for (size_t i = 0; i < result.verdict_reason_count; i++)
        assert_int_equal(result.verdict_reasons[i]->severity, SEVERITY_CRITICAL);
    assert_int_equal(result.next_step->severity, SEVERITY_CRITICAL);
    arena_destroy(&result.arena);

    int highs[] = {1, 2, 1};
    result_with(&result, highs, 3);
    assert_string_equal(result.risk, "high");
    assert_int_equal(result.verdict_reason_count, 2);
    arena_destroy(&result.arena);

    int medium[] = {2, 3};
    result_with(&result, medium, 2);
    assert_string_equal(result.risk, "medium");
    assert_int_equal(result.verdict_reason_count, 0);
    arena_destroy(&result.arena);

    int low[] = {3, 4};
    result_with(&result, low, 2);
    assert_string_equal(result.risk, "low");
    assert_string_equal(result.verdict, "ready");
    arena_destroy(&result.arena);

    result_with(&result, NULL, 0);
    assert_null(result.next_step);
    assert_int_equal(result.plan_week_count, 0);
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
        cmocka_unit_test(test_plan_items_and_cap),
        cmocka_unit_test(test_plan_schedule),
        cmocka_unit_test(test_verdict_reasons_and_risk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
