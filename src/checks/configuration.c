/*
 * configuration: the repository-level checks of how a project is
 * configured, over the facts of analyzers/config_usage.c —
 *
 *   configuration.env-documented  environment variables the code reads are
 *                                 listed in an example env file
 *                                 (.env.example …);
 *   configuration.validated       settings go through a validation library
 *                                 (pydantic-settings, envalid, viper …).
 *
 * Variables every platform sets (PATH, HOME, NODE_ENV, CI …) are not
 * expected in an example file. It reads only the check context: it must not
 * open files.
 */
#include "checks/check.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { CONFIGURATION_NAMES_SHOWN = 8, CONFIGURATION_EVIDENCE_MAX = 5 };

static bool configuration_platform_variable(const char *name)
{
    static const char *const names[] = {
        "PATH",     "HOME",         "USER",     "PWD", "SHELL",      "TERM",
        "LANG",     "TMPDIR",       "TEMP",     "TMP", "HOSTNAME",   "CI",
        "NODE_ENV", "DEBUG_COLORS", "NO_COLOR", "TZ",  "PYTHONPATH", NULL};
    for (size_t i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return strncmp(name, "GITHUB_", 7) == 0 || strncmp(name, "RUNNER_", 7) == 0;
}

/* First read of each distinct variable, in fact order (file, line). */
static size_t configuration_reads(const struct check_context *context, const struct fact ***out)
{
    const struct fact **reads =
        calloc(context->fact_count ? context->fact_count : 1, sizeof(*reads));
    size_t count = 0;
    for (size_t i = 0; reads && i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "config.env-read") != 0 || !fact->value ||
            configuration_platform_variable(fact->value))
            continue;
        bool seen = false;
        for (size_t k = 0; k < count && !seen; k++)
            seen = strcmp(reads[k]->value, fact->value) == 0;
        if (!seen)
            reads[count++] = fact;
    }
    *out = reads;
    return count;
}

static bool configuration_documented(const struct check_context *context, const char *name)
{
    for (size_t i = 0; i < context->fact_count; i++)
        if (strcmp(context->facts[i].key, "config.env-example-key") == 0 &&
            context->facts[i].value && strcmp(context->facts[i].value, name) == 0)
            return true;
    return false;
}

static const struct fact *configuration_first(const struct check_context *context, const char *key)
{
    for (size_t i = 0; i < context->fact_count; i++)
        if (strcmp(context->facts[i].key, key) == 0)
            return &context->facts[i];
    return NULL;
}

static void configuration_run(struct check_context *context)
{
    const struct fact **reads = NULL;
    size_t count = configuration_reads(context, &reads);
    if (count == 0) {
        check_add(context, "configuration.env-documented", CATEGORY_CONFIGURATION,
                  CHECK_NOT_CHECKED, "Environment variables documented in an example env file",
                  "no environment variable read with a literal name in the source code "
                  "(searched os.getenv, os.environ, process.env, os.Getenv, System.getenv, ENV[], "
                  "getenv, Environment.GetEnvironmentVariable, env::var)",
                  NULL);
        check_add(context, "configuration.validated", CATEGORY_CONFIGURATION, CHECK_NOT_CHECKED,
                  "Settings validated at start-up", "no environment variables read", NULL);
        free(reads);
        return;
    }

    const struct fact *example = configuration_first(context, "config.env-example-key");
    size_t missing = 0;
    struct strbuf names = STRBUF_INIT;
    for (size_t i = 0; i < count; i++) {
        if (configuration_documented(context, reads[i]->value))
            continue;
        if (missing < CONFIGURATION_NAMES_SHOWN)
            strbuf_printf(&names, "%s%s (%s:%d)", missing ? ", " : "", reads[i]->value,
                          reads[i]->file ? reads[i]->file : "?", reads[i]->line);
        missing++;
    }
    if (missing > CONFIGURATION_NAMES_SHOWN)
        strbuf_printf(&names, " and %zu more", missing - CONFIGURATION_NAMES_SHOWN);
    struct strbuf summary = STRBUF_INIT;
    if (missing == 0) {
        strbuf_printf(&summary, "all %zu variables the code reads are in %s", count, example->file);
        struct check *check = check_add(
            context, "configuration.env-documented", CATEGORY_CONFIGURATION, CHECK_PASS,
            "Environment variables documented in an example env file", summary.data, NULL);
        check_add_evidence(context, check, example->file, 0, "example env file");
    } else {
        const char *rule = example ? "config.env-example-incomplete" : "config.env-undocumented";
        strbuf_printf(&summary, "%zu of %zu variables read are not in %s: %s", missing, count,
                      example ? example->file : "any example env file (.env.example …)",
                      names.data);
        check_add(context, "configuration.env-documented", CATEGORY_CONFIGURATION, CHECK_FAIL,
                  "Environment variables documented in an example env file", summary.data, rule);
        check_add_finding(context, rule, example ? example->file : NULL, 0,
                          "%zu environment variable%s read but not documented: %s", missing,
                          missing == 1 ? "" : "s", names.data);
    }
    strbuf_release(&summary);
    strbuf_release(&names);

    const struct fact *validation = configuration_first(context, "config.validation");
    if (validation) {
        struct check *check =
            check_add(context, "configuration.validated", CATEGORY_CONFIGURATION, CHECK_PASS,
                      "Settings validated at start-up", validation->value, NULL);
        check_add_evidence(context, check, validation->file, validation->line, validation->value);
    } else {
        check_add(context, "configuration.validated", CATEGORY_CONFIGURATION, CHECK_FAIL,
                  "Settings validated at start-up",
                  "searched for pydantic-settings, environs, dynaconf, django-environ, "
                  "python-decouple, envalid, t3-env, zod, joi, viper, envconfig, caarlos0/env, "
                  "Spring @ConfigurationProperties, .NET options validation, envy",
                  "config.no-validation");
        check_add_finding(context, "config.no-validation", NULL, 0,
                          "%zu environment variables are read with no settings validation: a "
                          "missing or malformed value is found when the code first uses it",
                          count);
    }
    free(reads);
}

const struct check_family check_family_configuration = {"configuration", configuration_run};
