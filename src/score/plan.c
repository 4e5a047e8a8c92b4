/*
 * plan: the remediation plan — findings grouped into work items (one rule in
 * one file, fixed together), items into the eight phases of DESIGN.md in the
 * order a team would work, hours per item and phase, a week-by-week schedule
 * for the team's capacity, and the cost at an hourly rate. docs/scoring.md
 * "Remediation plan" is the method; keep the two in step.
 *
 * It must not change findings or scores; it only groups, orders and sums.
 */
#include "score/score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

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

/* Repeats of one rule in one file are fixed together (one edit pattern,
 * one review): each repeat adds a quarter of the rule's effort, and an
 * item never costs more than three times it. */
#define PLAN_REPEAT_SHARE     0.25
#define PLAN_ITEM_CAP         3.0
#define PLAN_DEFAULT_CAPACITY 40.0
#define PLAN_DEFAULT_TEAM     1u

const char *plan_phase_name(int phase)
{
    return phase >= 1 && phase <= PLAN_PHASE_COUNT ? phase_names[phase] : "";
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

double plan_item_hours(int effort_minutes, size_t finding_count)
{
    if (finding_count == 0 || effort_minutes <= 0)
        return 0.0;
    double factor = 1.0 + PLAN_REPEAT_SHARE * (double)(finding_count - 1);
    if (factor > PLAN_ITEM_CAP)
        factor = PLAN_ITEM_CAP;
    return effort_minutes * factor / 60.0;
}

static int plan_text_compare(const char *a, const char *b)
{
    if (!a || !b)
        return a ? 1 : b ? -1 : 0; /* repository-level (NULL) first */
    return strcmp(a, b);
}

/* Groups findings of one rule and file together; keeps report order inside. */
static int plan_finding_compare(const void *left, const void *right)
{
    const struct finding *a = *(const struct finding *const *)left;
    const struct finding *b = *(const struct finding *const *)right;
    int order = strcmp(a->rule->id, b->rule->id);
    if (!order)
        order = plan_text_compare(a->file, b->file);
    return order ? order : (a < b ? -1 : a > b);
}

/* The order to work in: phase, then the most severe, then the item that
 * fixes the most findings, then rule and file so ties are deterministic. */
static int plan_item_compare(const void *left, const void *right)
{
    const struct plan_item *a = left, *b = right;
    if (a->phase != b->phase)
        return a->phase < b->phase ? -1 : 1;
    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1;
    if (a->finding_count != b->finding_count)
        return a->finding_count > b->finding_count ? -1 : 1;
    int order = strcmp(a->rule->id, b->rule->id);
    return order ? order : plan_text_compare(a->file, b->file);
}

static void plan_items(struct audit_result *result)
{
    result->plan_items = NULL;
    result->plan_item_count = 0;
    if (result->finding_count == 0)
        return;
    const struct finding **sorted = xcalloc(result->finding_count, sizeof(*sorted));
    for (size_t i = 0; i < result->finding_count; i++)
        sorted[i] = &result->findings[i];
    qsort(sorted, result->finding_count, sizeof(*sorted), plan_finding_compare);

    struct plan_item *items = arena_alloc(&result->arena, result->finding_count * sizeof(*items));
    size_t count = 0;
    for (size_t i = 0; i < result->finding_count;) {
        const struct finding *first = sorted[i];
        struct plan_item *item = &items[count++];
        memset(item, 0, sizeof(*item));
        item->rule = first->rule;
        item->file = first->file;
        item->line = first->line;
        item->severity = first->severity;
        item->phase = plan_phase_of(first);
        size_t j = i;
        for (; j < result->finding_count && sorted[j]->rule == first->rule &&
               plan_text_compare(sorted[j]->file, first->file) == 0;
             j++) {
            if (sorted[j]->severity > item->severity)
                item->severity = sorted[j]->severity;
            int phase = plan_phase_of(sorted[j]);
            if (phase < item->phase)
                item->phase = phase;
            if (sorted[j]->line > 0 && (item->line == 0 || sorted[j]->line < item->line))
                item->line = sorted[j]->line;
            item->finding_count++;
        }
        item->hours = plan_item_hours(first->rule->effort_minutes, item->finding_count);
        i = j;
    }
    free(sorted);
    qsort(items, count, sizeof(*items), plan_item_compare);
    result->plan_items = items;
    result->plan_item_count = count;
}

static void plan_phases(struct audit_result *result)
{
    size_t counts[PLAN_PHASE_COUNT + 1] = {0};
    double hours[PLAN_PHASE_COUNT + 1] = {0};
    for (size_t i = 0; i < result->plan_item_count; i++) {
        counts[result->plan_items[i].phase] += result->plan_items[i].finding_count;
        hours[result->plan_items[i].phase] += result->plan_items[i].hours;
    }
    size_t used = 0;
    for (int p = 1; p <= PLAN_PHASE_COUNT; p++)
        used += counts[p] > 0;
    result->phases = arena_alloc(&result->arena, (used ? used : 1) * sizeof(*result->phases));
    result->phase_count = 0;
    result->plan_total_hours = 0;
    for (int p = 1; p <= PLAN_PHASE_COUNT; p++) {
        if (!counts[p])
            continue;
        struct plan_phase *phase = &result->phases[result->phase_count++];
        phase->id = p;
        phase->name = phase_names[p];
        phase->hours = hours[p];
        phase->finding_count = 0;
        phase->fingerprints = arena_alloc(&result->arena, counts[p] * sizeof(char *));
        for (size_t i = 0; i < result->finding_count; i++)
            if (plan_phase_of(&result->findings[i]) == p && phase->finding_count < counts[p])
                phase->fingerprints[phase->finding_count++] = result->findings[i].fingerprint;
        result->plan_total_hours += phase->hours;
    }
}

/* Pours the items, in order, into weeks of capacity × team hours; an item
 * that does not fit spills into the next week. */
static void plan_schedule(struct audit_result *result)
{
    const struct plan_settings *settings = &result->plan_settings;
    double weekly = settings->capacity_hours * settings->team;
    result->plan_weeks = NULL;
    result->plan_week_count = 0;
    if (result->plan_total_hours <= 0 || !(weekly > 0))
        return;
    /* A tiny epsilon keeps 80.0000001 hours from opening a third week. */
    size_t weeks = (size_t)ceil(result->plan_total_hours / weekly - 1e-9);
    if (weeks == 0)
        weeks = 1;
    struct plan_week *schedule = arena_alloc(&result->arena, weeks * sizeof(*schedule));
    memset(schedule, 0, weeks * sizeof(*schedule));
    for (size_t w = 0; w < weeks; w++)
        schedule[w].week = (int)(w + 1);

    size_t week = 0;
    for (size_t i = 0; i < result->plan_item_count; i++) {
        double left = result->plan_items[i].hours;
        while (left > 1e-9) {
            if (week >= weeks)
                week = weeks - 1; /* rounding: the remainder stays in the last week */
            double room = weekly - schedule[week].hours;
            double take = week == weeks - 1 || left < room ? left : room;
            schedule[week].hours += take;
            schedule[week].phase_hours[result->plan_items[i].phase] += take;
            left -= take;
            if (schedule[week].hours >= weekly - 1e-9 && week + 1 < weeks)
                week++;
        }
    }
    result->plan_weeks = schedule;
    result->plan_week_count = weeks;
}

void plan_compute(struct audit_result *result, const struct plan_settings *settings)
{
    result->plan_settings.capacity_hours =
        settings && settings->capacity_hours > 0 ? settings->capacity_hours : PLAN_DEFAULT_CAPACITY;
    result->plan_settings.team =
        settings && settings->team > 0 ? settings->team : PLAN_DEFAULT_TEAM;
    result->plan_settings.hourly_rate =
        settings && settings->hourly_rate > 0 ? settings->hourly_rate : 0.0;

    plan_items(result);
    plan_phases(result);
    plan_schedule(result);
    result->plan_cost = result->plan_total_hours * result->plan_settings.hourly_rate;
    result->next_step = result->plan_item_count ? &result->plan_items[0] : NULL;
}
