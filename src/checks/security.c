/*
 * security: repository-level security checks over what the analyzers found.
 * No committed secrets — it passes with what was searched (how many files,
 * how many secret rules) so that a clean result is evidence, not silence,
 * and it fails pointing at the findings; and .env ignored by git when the
 * project loads env files.
 *
 * It reads the context only (files and findings); it must not scan content.
 */
#include "checks/check.h"
#include "rules/registry.h"
#include "inventory/gitignore.h"
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

/* ---- .env covered by .gitignore ----
 * Applies when some file loads env files (fact "env.file-reader"). The root
 * .gitignore's pattern lines arrive as "gitignore.line" facts; each is
 * matched alone against ".env" and, as in git, the last matching line
 * decides. Only the repository's own .gitignore counts: a developer's
 * global excludes do not protect the next clone. */
enum { SECURITY_READERS_SHOWN = 3 };

static void security_env_gitignored(struct check_context *context)
{
    size_t readers = 0, patterns = 0;
    const struct fact *deciding = NULL;
    bool excluded = false;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "env.file-reader") == 0) {
            readers++;
            continue;
        }
        if (strcmp(fact->key, "gitignore.line") != 0 || !fact->file ||
            strcmp(fact->file, ".gitignore") != 0 || !fact->value)
            continue;
        patterns++;
        struct gitignore *list = gitignore_parse("", fact->value, strlen(fact->value));
        enum gitignore_result result = gitignore_match(list, ".env", false);
        gitignore_free(list);
        if (result != GITIGNORE_UNDECIDED) {
            deciding = fact;
            excluded = result == GITIGNORE_EXCLUDED;
        }
    }
    if (!readers) {
        struct strbuf summary = STRBUF_INIT;
        strbuf_printf(&summary,
                      "no file loads .env files (searched %zu files for dotenv loaders, "
                      "env_file and --env-file)",
                      context->file_count);
        check_add(context, "security.env-gitignored", CATEGORY_SECURITY, CHECK_NOT_CHECKED,
                  ".env is ignored by git", summary.data, "secrets.file-env-not-gitignored");
        strbuf_release(&summary);
        return;
    }
    bool have_gitignore = check_find_file(context, ".gitignore") != NULL;
    struct strbuf summary = STRBUF_INIT;
    if (excluded)
        strbuf_printf(&summary, ".gitignore:%d ignores .env", deciding->line);
    else if (deciding)
        strbuf_printf(&summary, ".gitignore:%d re-includes .env", deciding->line);
    else if (have_gitignore)
        strbuf_printf(&summary, "searched the root .gitignore (%zu pattern%s): none ignores .env",
                      patterns, patterns == 1 ? "" : "s");
    else
        strbuf_printf(&summary, "searched for a root .gitignore: there is none");
    struct check *check = check_add(context, "security.env-gitignored", CATEGORY_SECURITY,
                                    excluded ? CHECK_PASS : CHECK_FAIL, ".env is ignored by git",
                                    summary.data, "secrets.file-env-not-gitignored");
    strbuf_release(&summary);
    if (deciding)
        check_add_evidence(context, check, deciding->file, deciding->line, deciding->value);
    size_t shown = 0;
    for (size_t i = 0; i < context->fact_count && shown < SECURITY_READERS_SHOWN; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "env.file-reader") != 0)
            continue;
        check_add_evidence(context, check, fact->file, fact->line, fact->value);
        shown++;
    }
    if (excluded)
        return;
    if (deciding)
        check_add_finding(context, "secrets.file-env-not-gitignored", ".gitignore", deciding->line,
                          ".env is loaded by the project but .gitignore:%d re-includes it",
                          deciding->line);
    else if (have_gitignore)
        check_add_finding(context, "secrets.file-env-not-gitignored", ".gitignore", 0,
                          ".env is loaded by the project but no .gitignore pattern ignores it");
    else
        check_add_finding(context, "secrets.file-env-not-gitignored", NULL, 0,
                          ".env is loaded by the project but there is no root .gitignore");
}

static void security_run_all(struct check_context *context)
{
    security_run(context);
    security_env_gitignored(context);
}

const struct check_family check_family_security = {
    .name = "security",
    .run = security_run_all,
};
