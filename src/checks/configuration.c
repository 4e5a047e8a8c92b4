/*
 * configuration: the repository-level checks of how a project is
 * configured, over the facts of analyzers/config_usage.c —
 *
 *   configuration.env-documented  environment variables the code reads are
 *                                 listed in an example env file
 *                                 (.env.example …);
 *   configuration.validated       settings go through a validation library
 *                                 (pydantic-settings, envalid, viper …);
 *   configuration.environments    settings are split per environment
 *                                 (files named after production, staging …,
 *                                 or code that selects by environment), over
 *                                 the facts of analyzers/config_sources.c;
 *   configuration.sources         the places settings come from, listed;
 *                                 fails past CONFIGURATION_SPREAD_MAX
 *                                 distinct formats.
 *
 * Variables every platform sets (PATH, HOME, NODE_ENV, CI …) are not
 * expected in an example file, unless a schema validated against the whole
 * environment declares them ("config.env-schema-key"): then the project
 * requires them. A committed .env holding only placeholders documents
 * variables as an example file does ("config.env-placeholder-key"). It reads only the check
 * context: it must not open files.
 */
#include "checks/check.h"
#include "rules/registry.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { CONFIGURATION_NAMES_SHOWN = 8, CONFIGURATION_EVIDENCE_MAX = 5 };

/* More distinct formats than this holding application settings is a
 * finding (config.spread): environment variables, a YAML file, a settings
 * module and command-line flags are a common, legible mix; a fifth format is
 * where people stop knowing which one wins. Documented in
 * docs/config-checks.md. */
enum { CONFIGURATION_SPREAD_MAX = 4 };

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

/* Orders reads by name, then by position among the facts (the facts are
 * sorted by file and line, so the address orders them). */
static int configuration_read_compare(const void *left, const void *right)
{
    const struct fact *a = *(const struct fact *const *)left;
    const struct fact *b = *(const struct fact *const *)right;
    int order = strcmp(a->value, b->value);
    return order ? order : (a > b) - (a < b);
}

static int configuration_position_compare(const void *left, const void *right)
{
    const struct fact *a = *(const struct fact *const *)left;
    const struct fact *b = *(const struct fact *const *)right;
    return (a > b) - (a < b);
}

/* First read of each distinct variable, in fact order (file, line). Sorted,
 * not compared pair by pair: a bundle can read thousands of variables. */
static size_t configuration_reads(const struct check_context *context, const struct fact ***out)
{
    const struct fact **reads =
        calloc(context->fact_count ? context->fact_count : 1, sizeof(*reads));
    size_t count = 0;
    for (size_t i = 0; reads && i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (!fact->value)
            continue;
        if (strcmp(fact->key, "config.env-schema-key") == 0 ||
            (strcmp(fact->key, "config.env-read") == 0 &&
             !configuration_platform_variable(fact->value)))
            reads[count++] = fact;
    }
    if (count > 1) {
        qsort(reads, count, sizeof(*reads), configuration_read_compare);
        size_t kept = 1;
        for (size_t i = 1; i < count; i++)
            if (strcmp(reads[i]->value, reads[kept - 1]->value) != 0)
                reads[kept++] = reads[i];
        count = kept;
        qsort(reads, count, sizeof(*reads), configuration_position_compare);
    }
    *out = reads;
    return count;
}

static bool configuration_placeholder_key(const struct fact *fact)
{
    return strcmp(fact->key, "config.env-placeholder-key") == 0;
}

/* By name, an example file's key before a placeholder .env's. */
static int configuration_key_compare(const void *left, const void *right)
{
    const struct fact *a = *(const struct fact *const *)left;
    const struct fact *b = *(const struct fact *const *)right;
    int order = strcmp(a->value, b->value);
    if (order)
        return order;
    order = configuration_placeholder_key(a) - configuration_placeholder_key(b);
    return order ? order : (a > b) - (a < b);
}

static int configuration_key_name_compare(const void *name, const void *element)
{
    return strcmp(name, (*(const struct fact *const *)element)->value);
}

/* The keys example env files and placeholder .env files document, sorted
 * for configuration_documenting (free() it). */
static const struct fact **configuration_example_keys(const struct check_context *context,
                                                      size_t *count)
{
    const struct fact **keys = calloc(context->fact_count ? context->fact_count : 1, sizeof(*keys));
    *count = 0;
    for (size_t i = 0; keys && i < context->fact_count; i++)
        if ((strcmp(context->facts[i].key, "config.env-example-key") == 0 ||
             configuration_placeholder_key(&context->facts[i])) &&
            context->facts[i].value)
            keys[(*count)++] = &context->facts[i];
    if (*count > 1)
        qsort(keys, *count, sizeof(*keys), configuration_key_compare);
    return keys;
}

/* The key that documents `name` (an example file's first), or NULL. */
static const struct fact *configuration_documenting(const struct fact **keys, size_t key_count,
                                                    const char *name)
{
    if (!key_count)
        return NULL;
    const struct fact **at =
        bsearch(name, keys, key_count, sizeof(*keys), configuration_key_name_compare);
    if (!at)
        return NULL;
    while (at > keys && strcmp(at[-1]->value, name) == 0)
        at--;
    return *at;
}

static const struct fact *configuration_first(const struct check_context *context, const char *key)
{
    for (size_t i = 0; i < context->fact_count; i++)
        if (strcmp(context->facts[i].key, key) == 0)
            return &context->facts[i];
    return NULL;
}

/* configuration.env-documented and configuration.validated. */
static void configuration_env_run(struct check_context *context)
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
    if (!example)
        example = configuration_first(context, "config.env-placeholder-key");
    size_t missing = 0, key_count = 0, placeholder_count = 0;
    const struct fact **keys = configuration_example_keys(context, &key_count);
    const struct fact **documenting = calloc(count, sizeof(*documenting));
    struct strbuf names = STRBUF_INIT;
    for (size_t i = 0; i < count; i++) {
        const struct fact *key = configuration_documenting(keys, key_count, reads[i]->value);
        if (key) {
            if (configuration_placeholder_key(key) && documenting)
                documenting[placeholder_count++] = key;
            continue;
        }
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
        if (placeholder_count && !configuration_placeholder_key(example))
            strbuf_printf(&summary, " or in %s", documenting[0]->file);
        if (placeholder_count)
            strbuf_printf(&summary, " (a committed .env holding only placeholder values)");
        struct check *check = check_add(
            context, "configuration.env-documented", CATEGORY_CONFIGURATION, CHECK_PASS,
            "Environment variables documented in an example env file", summary.data, NULL);
        if (!configuration_placeholder_key(example))
            check_add_evidence(context, check, example->file, 0, "example env file");
        /* Each variable a placeholder .env documents, on its line: the
         * reader can check that its value is a placeholder. */
        for (size_t i = 0; i < placeholder_count; i++)
            check_add_evidence(context, check, documenting[i]->file, documenting[i]->line,
                               documenting[i]->value);
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
    free(keys);
    free(documenting);

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

/* ---- environments and sources (analyzers/config_sources.c) ---- */

struct configuration_source_kind {
    const char *kind;   /* the config.source value ("env-read": config.env-read facts) */
    const char *label;  /* shown in the evidence */
    const char *format; /* kinds of one format count once toward the spread */
    bool file;          /* settings held in a committed file, the same in every environment */
};

static const struct configuration_source_kind configuration_source_kinds[] = {
    {"env-read", "environment variables read in code", "environment", false},
    {"env-file", "env files", "environment", false},
    {"compose-environment", "compose environment", "environment", false},
    {"configmap", "Kubernetes ConfigMap", "kubernetes", false},
    {"yaml", "YAML files", "yaml", true},
    {"toml", "TOML files", "toml", true},
    {"ini", "INI/conf files", "ini", true},
    {"json", "JSON files", "json", true},
    {"properties", "Java properties", "properties", true},
    {"settings-module", "settings modules in code", "code", true},
    {"cli-flags", "command-line flags", "cli", false},
};
enum {
    CONFIGURATION_SOURCE_KINDS =
        sizeof configuration_source_kinds / sizeof configuration_source_kinds[0]
};

/* The first fact of each source kind, in fact order (file, line). */
static void configuration_sources_first(const struct check_context *context,
                                        const struct fact *first[CONFIGURATION_SOURCE_KINDS])
{
    for (size_t k = 0; k < CONFIGURATION_SOURCE_KINDS; k++)
        first[k] = NULL;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        const char *kind = NULL;
        if (strcmp(fact->key, "config.source") == 0)
            kind = fact->value;
        else if (strcmp(fact->key, "config.env-schema-key") == 0)
            kind = "env-read";
        else if (strcmp(fact->key, "config.env-read") == 0 && fact->value &&
                 !configuration_platform_variable(fact->value) &&
                 !(fact->file && strstr(fact->file, ".config.")))
            kind = "env-read"; /* not in playwright.config.ts and other tools' files */
        for (size_t k = 0; kind && k < CONFIGURATION_SOURCE_KINDS; k++)
            if (!first[k] && strcmp(configuration_source_kinds[k].kind, kind) == 0)
                first[k] = fact;
    }
}

static int configuration_fact_order(const struct fact *a, const struct fact *b)
{
    int order = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    return order ? order : (a->line > b->line) - (a->line < b->line);
}

static bool configuration_rule_applies(const struct check_context *context, const char *rule_id)
{
    const struct rule *rule = rule_registry_find(rule_id);
    return !rule || (rule->kinds & PROJECT_KIND_BIT(context->kind)) != 0;
}

/* Variables that name the running environment by convention or by their
 * framework's documentation. Other *_ENV variables count only where the
 * analyzer saw them next to an environment's name (FT_APP_ENV == "docker"
 * is not a deployment environment). */
static bool configuration_selector_variable(const char *name)
{
    static const char *const names[] = {"ENV",
                                        "ENVIRONMENT",
                                        "APP_ENV",
                                        "APP_ENVIRONMENT",
                                        "DEPLOY_ENV",
                                        "NODE_ENV",
                                        "RAILS_ENV",
                                        "RACK_ENV",
                                        "FLASK_ENV",
                                        "GO_ENV",
                                        "MIX_ENV",
                                        "DJANGO_SETTINGS_MODULE",
                                        "SPRING_PROFILES_ACTIVE",
                                        "ASPNETCORE_ENVIRONMENT",
                                        "DOTNET_ENVIRONMENT",
                                        NULL};
    for (size_t i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static const struct fact *configuration_selector(const struct check_context *context)
{
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "config.environment-selector") == 0 ||
            ((strcmp(fact->key, "config.env-read") == 0 ||
              strcmp(fact->key, "config.env-schema-key") == 0) &&
             fact->value && configuration_selector_variable(fact->value)))
            return fact;
    }
    return NULL;
}

/* Whether `path` is a template people copy per deployment
 * (config.example.json, settings.sample.yaml, config_examples/…), not the
 * settings themselves. */
static bool configuration_template(const char *path)
{
    static const char *const words[] = {"example", "sample", "template", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strstr(path, words[i]))
            return true;
    return false;
}

static bool configuration_file_has(const struct check_context *context, const char *file,
                                   const char *key)
{
    for (size_t i = 0; i < context->fact_count; i++)
        if (strcmp(context->facts[i].key, key) == 0 && context->facts[i].file &&
            strcmp(context->facts[i].file, file) == 0)
            return true;
    return false;
}

/* The first source whose values are committed and so the same in every
 * environment: a settings file that is not a template, or a settings
 * module that neither reads the environment nor goes through a settings
 * library (pydantic-settings and its kind read the environment). */
static const struct fact *configuration_fixed_source(const struct check_context *context)
{
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "config.source") != 0 || !fact->value || !fact->file)
            continue;
        bool file = false;
        for (size_t k = 0; k < CONFIGURATION_SOURCE_KINDS && !file; k++)
            file = configuration_source_kinds[k].file &&
                   strcmp(configuration_source_kinds[k].kind, fact->value) == 0;
        if (!file || configuration_template(fact->file))
            continue;
        if (strcmp(fact->value, "settings-module") == 0 &&
            (configuration_file_has(context, fact->file, "config.env-read") ||
             configuration_file_has(context, fact->file, "config.validation")))
            continue;
        return fact;
    }
    return NULL;
}

static void configuration_environments(struct check_context *context)
{
    static const char *const title = "Configuration separated per environment";
    static const char *const rule = "config.no-environment-separation";
    enum { ENVIRONMENTS_MAX = 12, ENVIRONMENT_FILES_SHOWN = 16 };
    const char *environments[ENVIRONMENTS_MAX]; /* distinct names, first seen first */
    size_t environment_count = 0, file_count = 0;
    bool deployed = false; /* an environment other than test and local */
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "config.environment") != 0 || !fact->value)
            continue;
        file_count++;
        bool seen = false;
        for (size_t k = 0; k < environment_count && !seen; k++)
            seen = strcmp(environments[k], fact->value) == 0;
        if (seen || environment_count == ENVIRONMENTS_MAX)
            continue;
        environments[environment_count++] = fact->value;
        deployed =
            deployed || (strcmp(fact->value, "test") != 0 && strcmp(fact->value, "local") != 0);
    }
    const struct fact *selector = configuration_selector(context);
    if (deployed || environment_count >= 2 || selector) {
        struct strbuf summary = STRBUF_INIT;
        if (environment_count) {
            strbuf_printf(&summary, "settings per environment in %zu file%s:", file_count,
                          file_count == 1 ? "" : "s");
            for (size_t k = 0; k < environment_count; k++)
                strbuf_printf(&summary, "%s %s", k ? "," : "", environments[k]);
        }
        if (selector)
            strbuf_printf(&summary, "%sthe environment is selected by %s (%s:%d)",
                          environment_count ? "; " : "", selector->value, selector->file,
                          selector->line);
        struct check *check =
            check_add(context, "configuration.environments", CATEGORY_CONFIGURATION, CHECK_PASS,
                      title, summary.data, NULL);
        size_t shown = 0;
        for (size_t i = 0; i < context->fact_count && shown < ENVIRONMENT_FILES_SHOWN; i++)
            if (strcmp(context->facts[i].key, "config.environment") == 0 &&
                context->facts[i].value) {
                check_add_evidence(context, check, context->facts[i].file, 0,
                                   context->facts[i].value);
                shown++;
            }
        if (selector)
            check_add_evidence(context, check, selector->file, selector->line,
                               "environment selected by this setting");
        strbuf_release(&summary);
        return;
    }

    const struct fact *first[CONFIGURATION_SOURCE_KINDS];
    configuration_sources_first(context, first);
    const struct fact *file_source = configuration_fixed_source(context), *any = NULL;
    for (size_t k = 0; k < CONFIGURATION_SOURCE_KINDS; k++) {
        if (!first[k] || strcmp(configuration_source_kinds[k].kind, "cli-flags") == 0)
            continue;
        if (!any || configuration_fact_order(first[k], any) < 0)
            any = first[k];
    }
    if (!any) {
        check_add(context, "configuration.environments", CATEGORY_CONFIGURATION, CHECK_NOT_CHECKED,
                  title,
                  "the project reads no configuration (no environment variable, env file or "
                  "settings file found)",
                  NULL);
        return;
    }
    if (!file_source) {
        /* Twelve-factor: each deployment sets its own environment. */
        struct check *check = check_add(
            context, "configuration.environments", CATEGORY_CONFIGURATION, CHECK_PASS, title,
            "no committed file holds settings fixed for every environment: they come from "
            "the environment or from templates copied per deployment",
            NULL);
        check_add_evidence(context, check, any->file, any->line, "first configuration source");
        return;
    }
    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary,
                  "settings are read from %s:%d but no file is named after an environment "
                  "(settings/production.py, .env.staging, application-prod.yml, "
                  "appsettings.Production.json, config/production.json, values-prod.yaml, "
                  "overlays/prod/, envs/prod/) and no code selects by environment "
                  "(ENVIRONMENT, APP_ENV, NODE_ENV, RAILS_ENV, DJANGO_SETTINGS_MODULE, "
                  "SPRING_PROFILES_ACTIVE, ASPNETCORE_ENVIRONMENT)",
                  file_source->file, file_source->line);
    if (!configuration_rule_applies(context, rule)) {
        strbuf_printf(&summary, "; not required for a %s project", project_kind_id(context->kind));
        check_add(context, "configuration.environments", CATEGORY_CONFIGURATION, CHECK_NOT_CHECKED,
                  title, summary.data, NULL);
    } else {
        check_add(context, "configuration.environments", CATEGORY_CONFIGURATION, CHECK_FAIL, title,
                  summary.data, rule);
        check_add_finding(context, rule, file_source->file, file_source->line,
                          "settings are read from committed files with nothing that tells "
                          "development, staging and production apart");
    }
    strbuf_release(&summary);
}

static void configuration_sources(struct check_context *context)
{
    static const char *const title = "Configuration kept in few formats";
    const struct fact *first[CONFIGURATION_SOURCE_KINDS];
    configuration_sources_first(context, first);
    const struct fact *earliest = NULL;
    const char *formats[CONFIGURATION_SOURCE_KINDS] = {0};
    size_t format_count = 0, source_count = 0;
    struct strbuf list = STRBUF_INIT;
    for (size_t k = 0; k < CONFIGURATION_SOURCE_KINDS; k++) {
        if (!first[k])
            continue;
        strbuf_printf(&list, "%s%s (%s:%d)", source_count ? ", " : "",
                      configuration_source_kinds[k].label, first[k]->file, first[k]->line);
        source_count++;
        if (!earliest || configuration_fact_order(first[k], earliest) < 0)
            earliest = first[k];
        bool seen = false;
        for (size_t f = 0; f < format_count && !seen; f++)
            seen = strcmp(formats[f], configuration_source_kinds[k].format) == 0;
        if (!seen)
            formats[format_count++] = configuration_source_kinds[k].format;
    }
    if (!source_count) {
        check_add(context, "configuration.sources", CATEGORY_CONFIGURATION, CHECK_NOT_CHECKED,
                  title, "no configuration source found", NULL);
        strbuf_release(&list);
        return;
    }
    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary, "%zu format%s: %s", format_count, format_count == 1 ? "" : "s",
                  list.data);
    bool spread = format_count > CONFIGURATION_SPREAD_MAX;
    if (spread)
        strbuf_printf(&summary, " (more than %d)", CONFIGURATION_SPREAD_MAX);
    struct check *check = check_add(context, "configuration.sources", CATEGORY_CONFIGURATION,
                                    spread ? CHECK_FAIL : CHECK_PASS, title, summary.data,
                                    spread ? "config.spread" : NULL);
    for (size_t k = 0; k < CONFIGURATION_SOURCE_KINDS; k++)
        if (first[k])
            check_add_evidence(context, check, first[k]->file, first[k]->line,
                               configuration_source_kinds[k].label);
    if (spread)
        check_add_finding(context, "config.spread", earliest->file, earliest->line,
                          "settings come from %zu formats: %s", format_count, list.data);
    strbuf_release(&summary);
    strbuf_release(&list);
}

static void configuration_run(struct check_context *context)
{
    configuration_env_run(context);
    configuration_environments(context);
    configuration_sources(context);
}

const struct check_family check_family_configuration = {"configuration", configuration_run};
