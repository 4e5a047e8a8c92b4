/*
 * score: scoring v0 (docs/scoring.md).
 *
 * Each category starts at 100. Every rule that fired costs its severity's
 * points for the first occurrence, half that for the second, a quarter for
 * the third and so on, so one rule repeated a thousand times costs at most
 * twice its first occurrence (diminishing returns) while every extra
 * occurrence still costs something (adding a finding never raises a score).
 * Info findings cost nothing. The overall score is the weighted mean of the
 * applicable categories. The verdict ignores the score: any critical finding
 * means not-ready, any high one ready-with-conditions.
 */
#include "score/score.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int score_severity_points(enum severity severity)
{
    switch (severity) {
    case SEVERITY_CRITICAL:
        return 40;
    case SEVERITY_HIGH:
        return 20;
    case SEVERITY_MEDIUM:
        return 8;
    case SEVERITY_LOW:
        return 3;
    default:
        return 0;
    }
}

const char *score_grade(int score)
{
    return score_grade_banded(score, NULL);
}

const char *score_grade_banded(int score, const int bounds[4])
{
    static const int defaults[4] = {90, 80, 70, 60};
    static const char *const names[4] = {"A", "B", "C", "D"};
    for (int g = 0; g < 4; g++)
        if (score >= (bounds && bounds[g] ? bounds[g] : defaults[g]))
            return names[g];
    return "F";
}

int score_category_weight(enum category category)
{
    switch (category) {
    case CATEGORY_SECURITY:
        return 3;
    case CATEGORY_TESTING:
    case CATEGORY_CI:
    case CATEGORY_DEPENDENCIES:
        return 2;
    default:
        return 1;
    }
}

struct score_rule_count {
    const struct rule *rule;
    enum severity severity;
    size_t count;
};

static int score_rule_count_compare(const void *left, const void *right)
{
    const struct score_rule_count *a = left, *b = right;
    return strcmp(a->rule->id, b->rule->id);
}

void score_compute(struct audit_result *result)
{
    /* Deductions are summed in double and rounded once, so the order of
     * findings cannot change a score. */
    double deductions[CATEGORY_COUNT] = {0};
    bool any_critical = false, any_high = false;

    /* Count occurrences per (rule, effective severity). */
    struct score_rule_count *counts =
        xcalloc(result->finding_count ? result->finding_count : 1, sizeof(*counts));
    size_t distinct = 0;
    for (size_t i = 0; i < result->finding_count; i++) {
        const struct finding *finding = &result->findings[i];
        any_critical |= finding->severity == SEVERITY_CRITICAL;
        any_high |= finding->severity == SEVERITY_HIGH;
        result->categories[finding->rule->category].findings++;
        size_t k = 0;
        while (k < distinct &&
               (counts[k].rule != finding->rule || counts[k].severity != finding->severity))
            k++;
        if (k == distinct)
            counts[distinct++] = (struct score_rule_count){finding->rule, finding->severity, 0};
        counts[k].count++;
    }
    qsort(counts, distinct, sizeof(*counts), score_rule_count_compare);
    for (size_t k = 0; k < distinct; k++) {
        double points = score_severity_points(counts[k].severity);
        /* first + half + quarter + … = points * (2 - 2^(1-n)) */
        double total =
            points * (2.0 - ldexp(1.0, 1 - (int)(counts[k].count > 60 ? 60 : counts[k].count)));
        deductions[counts[k].rule->category] += total;
    }
    free(counts);

    /* A check that could not look (no migrations, no CI file to read) makes
     * nothing applicable: a category of such checks alone scored 100. */
    for (size_t i = 0; i < result->check_count; i++)
        if (result->checks[i].status != CHECK_NOT_CHECKED)
            result->categories[result->checks[i].category].applicable = true;

    double weighted = 0, weights = 0;
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        struct category_result *category = &result->categories[c];
        /* A finding always makes its category count: never hide a problem
         * because nothing else in that area was audited. */
        if (category->findings)
            category->applicable = true;
        double lost = deductions[c] > 100 ? 100 : deductions[c];
        category->deductions = (int)lround(lost);
        category->score = 100 - category->deductions;
        memcpy(category->grade, score_grade_banded(category->score, result->grade_bounds), 2);
        if (!category->applicable)
            continue;
        /* The config's weight wins; negative leaves the category out. */
        double weight = result->weights[c] > 0   ? result->weights[c]
                        : result->weights[c] < 0 ? 0.0
                                                 : (double)score_category_weight((enum category)c);
        weighted += weight * category->score;
        weights += weight;
    }
    result->score = weights > 0 ? (int)lround(weighted / weights) : 100;
    memcpy(result->grade, score_grade_banded(result->score, result->grade_bounds), 2);
    result->verdict = any_critical ? "not-ready" : any_high ? "ready-with-conditions" : "ready";

    /* The reasons are exactly the findings the verdict rule looked at. */
    enum severity deciding = any_critical ? SEVERITY_CRITICAL : SEVERITY_HIGH;
    size_t reasons = 0;
    bool any_medium = false;
    for (size_t i = 0; i < result->finding_count; i++) {
        reasons += (any_critical || any_high) && result->findings[i].severity == deciding;
        any_medium |= result->findings[i].severity == SEVERITY_MEDIUM;
    }
    result->verdict_reasons = NULL;
    result->verdict_reason_count = 0;
    if (reasons > 0) {
        result->verdict_reasons =
            arena_alloc(&result->arena, reasons * sizeof(*result->verdict_reasons));
        for (size_t i = 0; i < result->finding_count; i++)
            if (result->findings[i].severity == deciding)
                result->verdict_reasons[result->verdict_reason_count++] = &result->findings[i];
    }
    result->risk = any_critical                       ? "critical"
                   : any_high                         ? "high"
                   : any_medium || result->score < 70 ? "medium"
                                                      : "low";
}
