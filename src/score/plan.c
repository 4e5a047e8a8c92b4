/*
 * plan: remediation plan v0 — every finding's rule effort, grouped into the
 * eight phases of DESIGN.md in the order a team would work. Must not change
 * findings; it only groups and sums them.
 */
#include "score/score.h"

#include <string.h>

static const char *const phase_names[] = {
    "",
    "Critical security & safety",
    "Testing & quality",
    "Containerisation & packaging",
    "Configuration & infrastructure",
    "Deployment pipeline",
    "Monitoring & observability",
    "Security hardening",
    "Production readiness",
};

enum { PLAN_PHASES = 8 };

const char *plan_phase_name(int phase)
{
    return phase >= 1 && phase <= PLAN_PHASES ? phase_names[phase] : "";
}

int plan_phase_of(const struct finding *finding)
{
    if (finding->severity == SEVERITY_CRITICAL)
        return 1;
    switch (finding->rule->category) {
    case CATEGORY_TESTING:
    case CATEGORY_QUALITY:
        return 2;
    case CATEGORY_CONTAINER:
    case CATEGORY_DEPENDENCIES:
        return 3;
    case CATEGORY_CONFIGURATION:
    case CATEGORY_INFRASTRUCTURE:
        return 4;
    case CATEGORY_CI:
    case CATEGORY_DELIVERY:
        return 5;
    case CATEGORY_OBSERVABILITY:
    case CATEGORY_RELIABILITY:
        return 6;
    case CATEGORY_SECURITY:
        return 7;
    default:
        return 8;
    }
}

void plan_compute(struct audit_result *result)
{
    size_t counts[PLAN_PHASES + 1] = {0};
    double minutes[PLAN_PHASES + 1] = {0};
    for (size_t i = 0; i < result->finding_count; i++) {
        int phase = plan_phase_of(&result->findings[i]);
        counts[phase]++;
        minutes[phase] += result->findings[i].rule->effort_minutes;
    }
    size_t used = 0;
    for (int p = 1; p <= PLAN_PHASES; p++)
        used += counts[p] > 0;
    result->phases = arena_alloc(&result->arena, (used ? used : 1) * sizeof(*result->phases));
    result->phase_count = 0;
    result->plan_total_hours = 0;
    for (int p = 1; p <= PLAN_PHASES; p++) {
        if (!counts[p])
            continue;
        struct plan_phase *phase = &result->phases[result->phase_count++];
        phase->id = p;
        phase->name = phase_names[p];
        phase->hours = minutes[p] / 60.0;
        phase->fingerprints = arena_alloc(&result->arena, counts[p] * sizeof(char *));
        for (size_t i = 0; i < result->finding_count; i++)
            if (plan_phase_of(&result->findings[i]) == p)
                phase->fingerprints[phase->finding_count++] = result->findings[i].fingerprint;
        result->plan_total_hours += phase->hours;
    }
}
