/*
 * model: string ids for the shared enums and the finding helpers. The id
 * tables are part of the public JSON contract: never rename an entry.
 */
#include "model/model.h"
#include "util/hash.h"

#include <string.h>

static const char *const category_ids[CATEGORY_COUNT] = {
    "security",      "dependencies",  "container",   "infrastructure", "ci",
    "testing",       "observability", "reliability", "configuration",  "data",
    "documentation", "quality",       "delivery",
};

static const char *const category_titles[CATEGORY_COUNT] = {
    "Security",      "Dependencies",  "Container",   "Infrastructure", "CI/CD",
    "Testing",       "Observability", "Reliability", "Configuration",  "Data",
    "Documentation", "Code quality",  "Delivery",
};

static const char *const severity_ids[SEVERITY_COUNT] = {"info", "low", "medium", "high",
                                                         "critical"};
static const char *const confidence_ids[] = {"low", "medium", "high"};
static const char *const project_kind_ids[PROJECT_KIND_COUNT] = {
    "service", "library", "cli", "infrastructure", "documentation", "unknown"};
static const char *const file_role_ids[FILE_ROLE_COUNT] = {
    "source", "test", "docs", "config", "ci", "container", "iac", "migration", "data", "build"};
static const char *const check_status_ids[] = {"pass", "fail", "not-checked"};

static bool model_lookup(const char *const *table, size_t count, const char *text, int *out)
{
    if (!text)
        return false;
    for (size_t i = 0; i < count; i++) {
        if (strcmp(table[i], text) == 0) {
            *out = (int)i;
            return true;
        }
    }
    return false;
}

const char *category_id(enum category category)
{
    return (unsigned)category < CATEGORY_COUNT ? category_ids[category] : "unknown";
}

const char *category_title(enum category category)
{
    return (unsigned)category < CATEGORY_COUNT ? category_titles[category] : "Unknown";
}

bool category_parse(const char *text, enum category *out)
{
    int value;
    if (!model_lookup(category_ids, CATEGORY_COUNT, text, &value))
        return false;
    *out = (enum category)value;
    return true;
}

const char *severity_id(enum severity severity)
{
    return (unsigned)severity < SEVERITY_COUNT ? severity_ids[severity] : "unknown";
}

bool severity_parse(const char *text, enum severity *out)
{
    int value;
    if (!model_lookup(severity_ids, SEVERITY_COUNT, text, &value))
        return false;
    *out = (enum severity)value;
    return true;
}

const char *confidence_id(enum confidence confidence)
{
    return (unsigned)confidence <= CONFIDENCE_HIGH ? confidence_ids[confidence] : "unknown";
}

bool confidence_parse(const char *text, enum confidence *out)
{
    int value;
    if (!model_lookup(confidence_ids, 3, text, &value))
        return false;
    *out = (enum confidence)value;
    return true;
}

const char *project_kind_id(enum project_kind kind)
{
    return (unsigned)kind < PROJECT_KIND_COUNT ? project_kind_ids[kind] : "unknown";
}

bool project_kind_parse(const char *text, enum project_kind *out)
{
    int value;
    if (!model_lookup(project_kind_ids, PROJECT_KIND_COUNT, text, &value))
        return false;
    *out = (enum project_kind)value;
    return true;
}

const char *file_role_id(enum file_role role)
{
    return (unsigned)role < FILE_ROLE_COUNT ? file_role_ids[role] : "unknown";
}

const char *check_status_id(enum check_status status)
{
    return (unsigned)status <= CHECK_NOT_CHECKED ? check_status_ids[status] : "unknown";
}

void finding_fingerprint(struct finding *finding)
{
    uint64_t state = HASH_FNV64_INIT;
    state = hash_fnv64_str(state, finding->rule ? finding->rule->id : "");
    state = hash_fnv64_str(state, finding->file);
    state = hash_fnv64_str(state, finding->match ? finding->match : finding->message);
    hash_hex64(state, finding->fingerprint);
}

static int compare_nullable(const char *a, const char *b)
{
    if (a == b)
        return 0;
    if (!a)
        return -1;
    if (!b)
        return 1;
    return strcmp(a, b);
}

int finding_compare(const void *left, const void *right)
{
    const struct finding *a = left, *b = right;
    int order = compare_nullable(a->file, b->file);
    if (order)
        return order;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    order = strcmp(a->rule->id, b->rule->id);
    if (order)
        return order;
    return compare_nullable(a->message, b->message);
}
