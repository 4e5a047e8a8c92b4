/*
 * security: repository-level security checks over what the analyzers found.
 * Today one check: no committed secrets — it passes with what was searched
 * (how many files, how many secret rules) so that a clean result is
 * evidence, not silence, and it fails pointing at the findings.
 *
 * It reads the context only (files and findings); it must not scan content.
 */
#include "checks/check.h"
#include "rules/registry.h"
#include "util/strbuf.h"

#include <string.h>

enum { SECURITY_EVIDENCE_MAX = 5 };

static bool security_is_secret_rule(const struct rule *rule)
{
    return strncmp(rule->id, "secrets.", 8) == 0;
}

static void security_run(struct check_context *context)
{
    size_t rule_count = 0, secret_rules = 0;
    const struct rule *rules = rule_registry_all(&rule_count);
    for (size_t i = 0; i < rule_count; i++)
        secret_rules += security_is_secret_rule(&rules[i]);
    if (!secret_rules)
        return;

    size_t hits = 0;
    for (size_t i = 0; i < context->finding_count; i++)
        hits += security_is_secret_rule(context->findings[i].rule);

    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary, "searched %zu file%s with %zu secret rules", context->file_count,
                  context->file_count == 1 ? "" : "s", secret_rules);
    if (hits)
        strbuf_printf(&summary, "; %zu secret%s found", hits, hits == 1 ? "" : "s");
    struct check *check =
        check_add(context, "security.no-committed-secrets", CATEGORY_SECURITY,
                  hits ? CHECK_FAIL : CHECK_PASS, "No secrets committed", summary.data, NULL);
    strbuf_release(&summary);
    size_t shown = 0;
    for (size_t i = 0; i < context->finding_count && shown < SECURITY_EVIDENCE_MAX; i++) {
        const struct finding *finding = &context->findings[i];
        if (!security_is_secret_rule(finding->rule))
            continue;
        check_add_evidence(context, check, finding->file, finding->line, finding->rule->id);
        shown++;
    }
}

const struct check_family check_family_security = {
    .name = "security",
    .run = security_run,
};
