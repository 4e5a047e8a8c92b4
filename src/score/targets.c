/*
 * targets: the success criteria of an audit (docs/scoring.md "Targets") —
 * from the config's `targets:` or, without one, the defaults DESIGN.md
 * names (no critical finding, security at least 80, coverage at least the
 * testing target, overall score at least 70) — each reported met, unmet or
 * not checked with what was measured. The re-audit after the fixes is
 * measured against the same list.
 *
 * It reads the scored result only; it must not change scores or findings.
 */
#include "score/score.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>

static void targets_add(struct audit_result *result, size_t *capacity, const char *id,
                        const char *text, const char *actual, enum target_status status)
{
    if (result->target_count == *capacity) {
        size_t grown = *capacity ? *capacity * 2 : 16;
        struct target *next = arena_alloc(&result->arena, grown * sizeof(*next));
        if (result->target_count)
            memcpy(next, result->targets, result->target_count * sizeof(*next));
        result->targets = next;
        *capacity = grown;
    }
    result->targets[result->target_count++] =
        (struct target){arena_strdup(&result->arena, id), arena_strdup(&result->arena, text),
                        arena_strdup(&result->arena, actual), status};
}

const char *target_status_id(enum target_status status)
{
    return status == TARGET_MET ? "met" : status == TARGET_UNMET ? "unmet" : "not-checked";
}

void target_settings_defaults(struct target_settings *settings)
{
    memset(settings, 0, sizeof(*settings));
    settings->score = -1;
    settings->coverage = -1;
    for (int c = 0; c < CATEGORY_COUNT; c++)
        settings->categories[c] = -1;
    for (int s = 0; s < SEVERITY_COUNT; s++)
        settings->max_findings[s] = -1;
}

void targets_evaluate(struct audit_result *result, const struct target_settings *configured)
{
    struct target_settings settings;
    if (configured && configured->configured) {
        settings = *configured;
    } else {
        target_settings_defaults(&settings);
        settings.score = 70;
        settings.categories[CATEGORY_SECURITY] = 80;
        settings.max_findings[SEVERITY_CRITICAL] = 0;
        settings.coverage = 0; /* 0: the testing category's own target */
    }
    size_t capacity = 0;
    result->targets = NULL;
    result->target_count = 0;
    char text[160], actual[96];

    if (settings.score >= 0) {
        snprintf(text, sizeof text, "overall score at least %d", settings.score);
        snprintf(actual, sizeof actual, "%d", result->score);
        targets_add(result, &capacity, "score", text, actual,
                    result->score >= settings.score ? TARGET_MET : TARGET_UNMET);
    }
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        if (settings.categories[c] < 0)
            continue;
        const struct category_result *category = &result->categories[c];
        char id[64];
        snprintf(id, sizeof id, "category.%s", category_id((enum category)c));
        snprintf(text, sizeof text, "%s score at least %d", category_title((enum category)c),
                 settings.categories[c]);
        if (!category->checked || !category->applicable) {
            targets_add(result, &capacity, id, text,
                        category->checked ? "not applicable" : "not checked", TARGET_NOT_CHECKED);
            continue;
        }
        snprintf(actual, sizeof actual, "%d", category->score);
        targets_add(result, &capacity, id, text, actual,
                    category->score >= settings.categories[c] ? TARGET_MET : TARGET_UNMET);
    }
    for (int s = SEVERITY_COUNT - 1; s >= 0; s--) {
        if (settings.max_findings[s] < 0)
            continue;
        size_t count = 0;
        for (size_t i = 0; i < result->finding_count; i++)
            count += (int)result->findings[i].severity == s;
        char id[64];
        snprintf(id, sizeof id, "findings.%s", severity_id((enum severity)s));
        if (settings.max_findings[s] == 0)
            snprintf(text, sizeof text, "no %s findings", severity_id((enum severity)s));
        else
            snprintf(text, sizeof text, "at most %ld %s findings", settings.max_findings[s],
                     severity_id((enum severity)s));
        snprintf(actual, sizeof actual, "%zu", count);
        targets_add(result, &capacity, id, text, actual,
                    (long)count <= settings.max_findings[s] ? TARGET_MET : TARGET_UNMET);
    }
    if (settings.coverage >= 0) {
        const struct testing_metrics *testing = &result->testing;
        double wanted = settings.coverage > 0 ? settings.coverage : testing->coverage_target;
        if (!(wanted > 0))
            wanted = 80;
        snprintf(text, sizeof text, "line coverage at least %.0f%%", wanted);
        if (!testing->coverage_measured) {
            targets_add(result, &capacity, "coverage", text, "not measured", TARGET_NOT_CHECKED);
        } else {
            snprintf(actual, sizeof actual, "%.1f%%", testing->line_percent);
            targets_add(result, &capacity, "coverage", text, actual,
                        testing->line_percent + 1e-9 >= wanted ? TARGET_MET : TARGET_UNMET);
        }
    }
    for (size_t k = 0; k < settings.check_count; k++) {
        const char *wanted = settings.checks[k];
        const struct check *found = NULL;
        for (size_t i = 0; i < result->check_count && !found; i++)
            if (strcmp(result->checks[i].id, wanted) == 0)
                found = &result->checks[i];
        char id[160];
        snprintf(id, sizeof id, "check.%s", wanted);
        snprintf(text, sizeof text, "check %s passes", wanted);
        if (!found || found->status == CHECK_NOT_CHECKED)
            targets_add(result, &capacity, id, text, found ? "not checked" : "no such check",
                        TARGET_NOT_CHECKED);
        else
            targets_add(result, &capacity, id, text, check_status_id(found->status),
                        found->status == CHECK_PASS ? TARGET_MET : TARGET_UNMET);
    }
}
