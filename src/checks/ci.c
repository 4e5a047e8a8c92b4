/*
 * ci: the repository-level checks of the `ci` category, over the "ci.*"
 * facts of analyzers/gha_workflow.c, gitlab_ci.c and ci_detect.c — whether
 * CI exists at all, and whether it runs the tests, a linter, a type checker
 * (only where the code is Python or TypeScript, whose type checkers are
 * separate tools), a coverage gate and a security scanner; whether
 * dependency updates are automated, whether a version matrix is used, and
 * (informational) whether it deploys and, after deploying, checks health
 * and can roll back. Each check passes citing the step that proves it, or
 * fails saying what was searched; the important failures raise the rules
 * of rules/ci.yml.
 *
 * It reads only the check context: it must not open files.
 */
#include "checks/check.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

enum { CI_EVIDENCE_MAX = 5 };

#define CI_SEARCHED_SYSTEMS                                                                        \
    ".github/workflows/*.yml, .gitlab-ci.yml, .circleci/config.yml, Jenkinsfile, "                 \
    "azure-pipelines.yml, bitbucket-pipelines.yml, .travis.yml and .drone.yml"

static size_t ci_count(const struct check_context *context, const char *key)
{
    size_t count = 0;
    for (size_t i = 0; i < context->fact_count; i++)
        count += strcmp(context->facts[i].key, key) == 0;
    return count;
}

/* Whether a CI job runs the repository script `file` ("ci.calls" facts). */
static bool ci_called(const struct check_context *context, const char *file)
{
    for (size_t i = 0; file && i < context->fact_count; i++)
        if (strcmp(context->facts[i].key, "ci.calls") == 0 && context->facts[i].value &&
            strcmp(context->facts[i].value, file) == 0)
            return true;
    return false;
}

/* Facts of `key` ("ci.script.test") in scripts a CI job runs. */
static size_t ci_count_called(const struct check_context *context, const char *key)
{
    size_t count = 0;
    for (size_t i = 0; i < context->fact_count; i++)
        count +=
            strcmp(context->facts[i].key, key) == 0 && ci_called(context, context->facts[i].file);
    return count;
}

/* Adds up to CI_EVIDENCE_MAX facts of `key` as evidence; returns how many exist. */
static size_t ci_cite(struct check_context *context, struct check *check, const char *key,
                      size_t already, bool called_only)
{
    size_t count = 0;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, key) != 0 || (called_only && !ci_called(context, fact->file)))
            continue;
        if (already + count < CI_EVIDENCE_MAX)
            check_add_evidence(context, check, fact->file, fact->line, fact->value);
        count++;
    }
    return count;
}

/* One check that passes when facts of `key` exist; on failure it raises
 * `rule` (when non-NULL) with `missing` as the message. */
static struct check *ci_fact_check(struct check_context *context, const char *id, const char *title,
                                   const char *key, const char *searched, const char *rule,
                                   const char *missing)
{
    /* Hooks of .pre-commit-config.yaml run in CI when CI runs pre-commit,
     * and a script's steps when a CI job calls that script. */
    char hook_key[64];
    snprintf(hook_key, sizeof(hook_key), "ci.hook.%s", key + 3);
    bool hooks = strncmp(key, "ci.", 3) == 0 && ci_count(context, "ci.runs-pre-commit") > 0;
    char script_key[64];
    snprintf(script_key, sizeof(script_key), "ci.script.%s", key + 3);
    size_t count = ci_count(context, key) + (hooks ? ci_count(context, hook_key) : 0) +
                   ci_count_called(context, script_key);
    struct strbuf summary = STRBUF_INIT;
    if (count)
        strbuf_printf(&summary, "%zu step%s found", count, count == 1 ? "" : "s");
    else
        strbuf_printf(&summary, "searched %s", searched);
    struct check *check = check_add(context, id, CATEGORY_CI, count ? CHECK_PASS : CHECK_FAIL,
                                    title, summary.data, rule);
    strbuf_release(&summary);
    size_t cited = ci_cite(context, check, key, 0, false);
    if (hooks)
        cited += ci_cite(context, check, hook_key, cited, false);
    ci_cite(context, check, script_key, cited, true);
    if (!count && rule)
        check_add_finding(context, rule, NULL, 0, "%s", missing);
    return check;
}

static void ci_not_checked(struct check_context *context, const char *id, const char *title,
                           const char *why)
{
    check_add(context, id, CATEGORY_CI, CHECK_NOT_CHECKED, title, why, NULL);
}

/* Type checkers are separate tools for Python (mypy, pyright) and
 * TypeScript (tsc); other languages check types in their compiler. */
static bool ci_has_typed_language(const struct check_context *context)
{
    for (size_t i = 0; i < context->file_count; i++) {
        const char *language = context->files[i].language;
        if (language &&
            (context->files[i].role == FILE_ROLE_SOURCE ||
             context->files[i].role == FILE_ROLE_TEST) &&
            (strcmp(language, "Python") == 0 || strcmp(language, "TypeScript") == 0))
            return true;
    }
    return false;
}

static void ci_run(struct check_context *context)
{
    size_t systems = ci_count(context, "ci.system");
    struct check *exists =
        check_add(context, "ci.exists", CATEGORY_CI, systems ? CHECK_PASS : CHECK_FAIL,
                  "Continuous integration configured",
                  systems ? "CI configuration found" : "searched " CI_SEARCHED_SYSTEMS, "ci.no-ci");
    /* One line of evidence per system (each workflow file is one fact). */
    const char *last_system = NULL;
    size_t shown = 0;
    for (size_t i = 0; i < context->fact_count && shown < CI_EVIDENCE_MAX; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "ci.system") != 0)
            continue;
        if (last_system && fact->value && strcmp(last_system, fact->value) == 0)
            continue;
        last_system = fact->value;
        check_add_evidence(context, exists, fact->file, fact->line, fact->value);
        shown++;
    }
    if (!systems)
        check_add_finding(context, "ci.no-ci", NULL, 0,
                          "no CI configuration: nothing runs the tests or checks a change "
                          "before it is merged (searched %s)",
                          CI_SEARCHED_SYSTEMS);

    ci_fact_check(context, "ci.dependency-updates", "Dependency updates automated",
                  "ci.dependency-updates",
                  ".github/dependabot.yml and renovate.json, .renovaterc and .github/renovate.json",
                  NULL, NULL);
    if (ci_count(context, "ci.pre-commit"))
        ci_fact_check(context, "ci.pre-commit", "pre-commit hooks configured", "ci.pre-commit",
                      ".pre-commit-config.yaml", NULL, NULL);
    else
        ci_not_checked(context, "ci.pre-commit", "pre-commit hooks configured",
                       "no .pre-commit-config.yaml (optional)");

    if (!systems) {
        static const char *const ids[][2] = {
            {"ci.runs-tests", "CI runs the tests"},
            {"ci.lint", "CI runs a linter"},
            {"ci.type-check", "CI runs a type checker"},
            {"ci.coverage-gate", "Coverage gate fails the build below a threshold"},
            {"ci.security-scan", "CI runs a security scanner"},
            {"ci.matrix", "CI tests a version matrix"},
            {"ci.deploy", "CI deploys or publishes"}};
        for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
            ci_not_checked(context, ids[i][0], ids[i][1], "no CI configuration to read");
        return;
    }
    ci_fact_check(context, "ci.runs-tests", "CI runs the tests", "ci.test",
                  "every CI script for test runners (pytest, tox, go test, npm test, jest, cargo "
                  "test, mvn/gradle, make test, ctest …)",
                  "ci.no-test-job",
                  "CI is configured but no job runs the tests (searched every script for "
                  "pytest, tox, go test, npm test, jest, cargo test, mvn/gradle, make test …)");
    ci_fact_check(context, "ci.lint", "CI runs a linter", "ci.lint",
                  "every CI script and action for linters (ruff, flake8, eslint, golangci-lint, "
                  "clippy, pre-commit …)",
                  "ci.no-lint",
                  "no CI job runs a linter (searched for ruff, flake8, pylint, eslint, "
                  "golangci-lint, clippy, rubocop, pre-commit …)");
    if (ci_has_typed_language(context))
        ci_fact_check(context, "ci.type-check", "CI runs a type checker", "ci.type-check",
                      "every CI script and action for mypy, pyright and tsc", "ci.no-type-check",
                      "Python or TypeScript code, but no CI job runs a type checker (searched "
                      "for mypy, pyright, pytype and tsc)");
    else
        ci_not_checked(context, "ci.type-check", "CI runs a type checker",
                       "no Python or TypeScript code: other languages check types when they "
                       "compile");
    ci_fact_check(context, "ci.coverage-gate", "Coverage gate fails the build below a threshold",
                  "ci.coverage-gate",
                  "CI scripts for --cov-fail-under/--fail-under, coverage configuration for "
                  "fail_under, coverageThreshold and thresholds, codecov.yml for a target",
                  "ci.no-coverage-gate",
                  "no coverage gate: coverage can fall without failing a build (searched CI "
                  "scripts, coverage.py, jest/vitest and codecov configuration)");
    ci_fact_check(context, "ci.security-scan", "CI runs a security scanner", "ci.security",
                  "CI scripts and actions for CodeQL, trivy, bandit, semgrep, gitleaks, "
                  "osv-scanner, npm audit, pip-audit, GitLab SAST/secret-detection templates …",
                  "ci.no-security-scan",
                  "no CI job scans for vulnerabilities or leaked secrets (searched for CodeQL, "
                  "trivy, bandit, semgrep, gitleaks, osv-scanner, npm audit, pip-audit and "
                  "GitLab's security templates)");
    ci_fact_check(context, "ci.matrix", "CI tests a version matrix", "ci.matrix",
                  "strategy.matrix (GitHub) and parallel:matrix (GitLab)", NULL, NULL);
    struct check *deploy =
        ci_fact_check(context, "ci.deploy", "CI deploys or publishes", "ci.deploy",
                      "deploy jobs, environments and deploy commands (kubectl, helm, "
                      "terraform apply, fly deploy, twine upload …)",
                      NULL, NULL);
    if (deploy->status == CHECK_PASS) {
        ci_fact_check(
            context, "ci.post-deploy-check", "Health check after deploying", "ci.health-check",
            "health and smoke checks (kubectl rollout status, helm --wait, curl …/health)", NULL,
            NULL);
        ci_fact_check(context, "ci.rollback", "Rollback path in the pipeline", "ci.rollback",
                      "helm rollback, kubectl rollout undo, helm --atomic, rollback jobs", NULL,
                      NULL);
    } else {
        ci_not_checked(context, "ci.post-deploy-check", "Health check after deploying",
                       "CI does not deploy");
        ci_not_checked(context, "ci.rollback", "Rollback path in the pipeline",
                       "CI does not deploy");
    }
}

const struct check_family check_family_ci = {
    .name = "ci",
    .run = ci_run,
};
