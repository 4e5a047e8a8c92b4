/*
 * checks: the table of check families and the helpers they record results
 * with. Everything a check records is copied into the result arena.
 */
#include "checks/check.h"
#include "rules/registry.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct check_family check_family_documentation;
extern const struct check_family check_family_container;
extern const struct check_family check_family_security;
extern const struct check_family check_family_ci;
extern const struct check_family check_family_infrastructure;
extern const struct check_family check_family_terraform;
extern const struct check_family check_family_testing;
extern const struct check_family check_family_data;
extern const struct check_family check_family_dependencies;
extern const struct check_family check_family_configuration;

/* One entry per line, so adding a family is a one-line change. */
// clang-format off
static const struct check_family *const families[] = {
    &check_family_documentation,
    &check_family_container,
    &check_family_security,
    &check_family_ci,
    &check_family_infrastructure,
    &check_family_terraform,
    &check_family_testing,
    &check_family_data,
    &check_family_dependencies,
    &check_family_configuration,
};
// clang-format on

const struct check_family *const *check_family_table(size_t *count)
{
    *count = sizeof(families) / sizeof(families[0]);
    return families;
}

struct check *check_add(struct check_context *context, const char *id, enum category category,
                        enum check_status status, const char *title, const char *summary,
                        const char *rule_id)
{
    context->checks = xgrow(context->checks, &context->check_capacity, context->check_count + 1,
                            sizeof(*context->checks));
    struct check *check = &context->checks[context->check_count++];
    memset(check, 0, sizeof(*check));
    check->id = arena_strdup(context->arena, id);
    check->category = category;
    check->status = status;
    check->title = arena_strdup(context->arena, title);
    check->summary = arena_strdup(context->arena, summary ? summary : "");
    check->rule_id = rule_id ? arena_strdup(context->arena, rule_id) : NULL;
    return check;
}

void check_add_evidence(struct check_context *context, struct check *check, const char *file,
                        int line, const char *note)
{
    /* Evidence lists are short (a handful of lines): copy-on-grow in the
     * arena keeps ownership simple. */
    struct evidence *grown =
        arena_alloc(context->arena, (check->evidence_count + 1) * sizeof(*grown));
    if (check->evidence_count)
        memcpy(grown, check->evidence, check->evidence_count * sizeof(*grown));
    grown[check->evidence_count] = (struct evidence){
        .file = file ? arena_strdup(context->arena, file) : NULL,
        .line = line,
        .note = note ? arena_strdup(context->arena, note) : NULL,
    };
    check->evidence = grown;
    check->evidence_count++;
}

void check_add_finding(struct check_context *context, const char *rule_id, const char *file,
                       int line, const char *format, ...)
{
    const struct rule *rule = rule_registry_find(rule_id);
    if (!rule) {
        fprintf(stderr, "prodready: BUG: check raised unknown rule '%s'\n", rule_id);
        abort();
    }
    context->findings = xgrow(context->findings, &context->finding_capacity,
                              context->finding_count + 1, sizeof(*context->findings));
    struct finding *finding = &context->findings[context->finding_count++];
    memset(finding, 0, sizeof(*finding));
    finding->rule = rule;
    finding->severity = rule->severity;
    finding->file = file ? arena_strdup(context->arena, file) : NULL;
    finding->line = line;
    va_list args;
    va_start(args, format);
    finding->message = arena_vprintf(context->arena, format, args);
    va_end(args);
    /* An absence has no content: its identity is the rule and the file. */
    finding->match = "";
    finding_fingerprint(finding);
}

const struct fact *check_find_fact(const struct check_context *context, const char *key,
                                   const char *file)
{
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, key) == 0 && (!file || (fact->file && strcmp(fact->file, file) == 0)))
            return fact;
    }
    return NULL;
}

static int check_file_compare(const void *key, const void *element)
{
    return strcmp(key, ((const struct check_file *)element)->path);
}

const struct check_file *check_find_file(const struct check_context *context, const char *path)
{
    if (!context->file_count)
        return NULL;
    return bsearch(path, context->files, context->file_count, sizeof(*context->files),
                   check_file_compare);
}
