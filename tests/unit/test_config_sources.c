/*
 * test_config_sources: unit tests of the configuration-sources analyzer
 * (analyzers/config_sources.c) — which paths name an environment, which
 * files are application configuration and which are a tool's, the line of
 * each source's first setting, environment selectors in code — and of the
 * configuration.environments and configuration.sources checks
 * (checks/configuration.c) over hand-made facts: pass, fail at the first
 * evidence, past and at the spread threshold, not checked. Also the
 * whole-environment schemas of analyzers/config_usage.c (Joi, zod, envalid
 * keys on their lines; a schema not validated against process.env is not
 * read) and configuration.env-documented over placeholder .env and schema
 * keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer_harness.h"

extern const struct analyzer analyzer_config_sources;
extern const struct analyzer analyzer_config_usage;
extern const struct check_family check_family_configuration;

/* The value of the first fact of `key`, or "" when none. */
static const char *fact_value(const struct analyzer_scan *scan, const char *key)
{
    for (size_t i = 0; i < scan->analysis.fact_count; i++)
        if (strcmp(scan->analysis.facts[i].key, key) == 0)
            return scan->analysis.facts[i].value ? scan->analysis.facts[i].value : "";
    return "";
}

/* "kind@line,kind@line" of the config.source facts. */
static const char *source_list(const struct analyzer_scan *scan)
{
    static char list[256];
    size_t used = 0;
    list[0] = '\0';
    for (size_t i = 0; i < scan->analysis.fact_count; i++) {
        const struct fact *fact = &scan->analysis.facts[i];
        if (strcmp(fact->key, "config.source") != 0)
            continue;
        int written = snprintf(list + used, sizeof list - used, "%s%s@%d", used ? "," : "",
                               fact->value, fact->line);
        if (written > 0 && (size_t)written < sizeof list - used)
            used += (size_t)written;
    }
    return list;
}

/* Runs the analyzer over one in-memory file, with the language the
 * inventory would detect (the harness leaves it out; code needs it). */
static void scan_with(const struct analyzer *analyzer, struct analyzer_scan *scan, const char *path,
                      enum file_role role, const char *content)
{
    memset(scan, 0, sizeof(*scan));
    arena_init(&scan->arena);
    analysis_init(&scan->analysis, &scan->arena, path);
    struct source_file file = {.path = path,
                               .content = content,
                               .length = strlen(content),
                               .language = language_detect(path, content, strlen(content)),
                               .role = role};
    if (analyzer->applies(&file))
        analyzer->run(&file, &scan->analysis);
}

static void scan_file(struct analyzer_scan *scan, const char *path, enum file_role role,
                      const char *content)
{
    scan_with(&analyzer_config_sources, scan, path, role, content);
}

/* "value@line,value@line" of the facts of `key`. */
static const char *fact_list(const struct analyzer_scan *scan, const char *key)
{
    static char list[512];
    size_t used = 0;
    list[0] = '\0';
    for (size_t i = 0; i < scan->analysis.fact_count; i++) {
        const struct fact *fact = &scan->analysis.facts[i];
        if (strcmp(fact->key, key) != 0)
            continue;
        int written = snprintf(list + used, sizeof list - used, "%s%s@%d", used ? "," : "",
                               fact->value, fact->line);
        if (written > 0 && (size_t)written < sizeof list - used)
            used += (size_t)written;
    }
    return list;
}

static void scan_release(struct analyzer_scan *scan)
{
    analysis_release(&scan->analysis);
    arena_destroy(&scan->arena);
}

struct path_case {
    const char *path;
    enum file_role role;
    const char *content;
    const char *environment; /* "" when none */
    const char *sources;     /* source_list */
};

static void test_paths(void **state)
{
    (void)state;
    static const struct path_case cases[] = {
        /* Environments, from the path alone. */
        {"mysite/settings/production.py", FILE_ROLE_SOURCE, "DEBUG = False\n", "production",
         "settings-module@1"},
        {"mysite/settings/dev.py", FILE_ROLE_SOURCE, "DEBUG = True\n", "development",
         "settings-module@1"},
        {"config/environments/staging.rb", FILE_ROLE_SOURCE, "# staging\nRails.application\n",
         "staging", "settings-module@2"},
        {"src/main/resources/application-prod.yml", FILE_ROLE_CONFIG, "server:\n  port: 80\n",
         "production", "yaml@1"},
        {"src/main/resources/application-uat.properties", FILE_ROLE_CONFIG, "a=1\n", "uat",
         "properties@1"},
        {".env.production", FILE_ROLE_CONFIG, "# prod\nA=1\n", "production", "env-file@2"},
        {".env.staging.example", FILE_ROLE_CONFIG, "A=\n", "staging", "env-file@1"},
        {"config/production.json", FILE_ROLE_CONFIG, "{}\n", "production", "json@1"},
        {"Api/appsettings.Production.json", FILE_ROLE_CONFIG, "{}\n", "production", "json@1"},
        {"charts/api/values-prod.yaml", FILE_ROLE_CONFIG, "replicas: 3\n", "production", ""},
        {"k8s/overlays/prod/kustomization.yaml", FILE_ROLE_IAC,
         "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n", "production", ""},
        {"infra/environments/qa/main.tf", FILE_ROLE_IAC, "module \"a\" {}\n", "qa", ""},
        {"terraform/prod.tfvars", FILE_ROLE_IAC, "region = \"x\"\n", "production", ""},
        {"docker-compose.prod.yml", FILE_ROLE_CONTAINER, "services:\n  api:\n    environment:\n",
         "production", "compose-environment@3"},
        {"app/settings_preprod.py", FILE_ROLE_SOURCE, "A = 1\n", "preprod", "settings-module@1"},
        /* No environment in these names. */
        {".env.example", FILE_ROLE_CONFIG, "A=1\n", "", "env-file@1"},
        {"config/app.yaml", FILE_ROLE_CONFIG, "name: x\n", "", "yaml@1"},
        {"deploy/base/deployment.yaml", FILE_ROLE_IAC, "apiVersion: apps/v1\nkind: Deployment\n",
         "", ""},
        {"env/lib/python3.12/site.py", FILE_ROLE_SOURCE, "x = 1\n", "", ""},
        {"src/develop_tools.py", FILE_ROLE_SOURCE, "x = 1\n", "", ""},
        {"production.md", FILE_ROLE_DOCS, "# prod\n", "", ""},
        {"tests/settings/production.py", FILE_ROLE_TEST, "A = 1\n", "", ""},
        /* Tool configuration is not application configuration. */
        {"pyproject.toml", FILE_ROLE_CONFIG, "[tool.ruff]\n", "", ""},
        {"setup.cfg", FILE_ROLE_CONFIG, "[flake8]\n", "", ""},
        {"tox.ini", FILE_ROLE_CONFIG, "[tox]\n", "", ""},
        {"web/tsconfig.json", FILE_ROLE_CONFIG, "{}\n", "", ""},
        {"web/package.json", FILE_ROLE_CONFIG, "{}\n", "", ""},
        {"web/.eslintrc.json", FILE_ROLE_CONFIG, "{}\n", "", ""},
        {"web/jest.config.js", FILE_ROLE_CONFIG, "module.exports = {}\n", "", ""},
        {".pre-commit-config.yaml", FILE_ROLE_CONFIG, "repos: []\n", "", ""},
        {".github/workflows/config.yml", FILE_ROLE_CI, "on: push\n", "", ""},
        {"config/tsconfig.json", FILE_ROLE_CONFIG, "{}\n", "", ""},
        {"mkdocs.yml", FILE_ROLE_CONFIG, "site_name: x\n", "", ""},
        {"docs/conf.py", FILE_ROLE_DOCS, "project = 'x'\n", "", ""},
        /* Application configuration under a settings-like name or place. */
        {"settings.toml", FILE_ROLE_CONFIG, "# defaults\n\n[db]\n", "", "toml@3"},
        {"config/logging.ini", FILE_ROLE_CONFIG, "; comment\n[root]\n", "", "ini@2"},
        {"src/main/resources/application.properties", FILE_ROLE_CONFIG, "a=1\n", "",
         "properties@1"},
        {"appsettings.json", FILE_ROLE_CONFIG, "{}\n", "", "json@1"},
        {"freqtrade/configuration/config_schema.py", FILE_ROLE_SOURCE, "X = 1\n", "", ""},
        {"freqtrade/configuration/configuration.py", FILE_ROLE_SOURCE, "X = 1\n", "", ""},
        {"freqtrade/configuration/deprecated_settings.py", FILE_ROLE_SOURCE, "X = 1\n", "", ""},
        {"bot/config.py", FILE_ROLE_SOURCE, "\"\"\"x\"\"\"\n", "", "settings-module@1"},
        {"k8s/configmap.yaml", FILE_ROLE_IAC, "apiVersion: v1\nkind: ConfigMap\n", "",
         "configmap@2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct path_case *c = &cases[i];
        struct analyzer_scan scan;
        scan_file(&scan, c->path, c->role, c->content);
        const char *environment = fact_value(&scan, "config.environment");
        if (strcmp(environment, c->environment) != 0)
            fail_msg("%s: environment \"%s\", expected \"%s\"", c->path, environment,
                     c->environment);
        const char *sources = source_list(&scan);
        if (strcmp(sources, c->sources) != 0)
            fail_msg("%s: sources \"%s\", expected \"%s\"", c->path, sources, c->sources);
        scan_release(&scan);
    }
}

struct code_case {
    const char *path;
    const char *content;
    const char *cli_lines;      /* config.source cli-flags lines */
    const char *selector_lines; /* config.environment-selector lines */
};

static void test_code(void **state)
{
    (void)state;
    static const struct code_case cases[] = {
        {"tool/cli.py", "import argparse\n\nparser = argparse.ArgumentParser()\n", "3", ""},
        {"tool/cli.py", "import click\n\n@click.command()\n@click.option('--n')\ndef main(n):\n",
         "3", ""},
        {"cmd/root.go", "package cmd\n\nimport (\n\t\"github.com/spf13/cobra\"\n)\n", "4", ""},
        {"bin/cli.js", "const { program } = require('commander');\n", "1", ""},
        {"main.go", "package main\n\nfunc main() { x := 1 }\n", "", ""},
        {"app/core/config.py",
         "class Settings(BaseSettings):\n"
         "    ENVIRONMENT: Literal[\"local\", \"staging\", \"production\"] = \"local\"\n",
         "", "2"},
        {"server.js", "if (process.env.NODE_ENV === 'production') {\n}\n", "", "1"},
        {"server.js", "const env = process.env.NODE_ENV;\n", "", ""},
        {"app/core/config.py", "    FASTAPI_ENV: Literal[\"development\"] | None = None\n", "",
         "1"},
        {"app/config.py", "environment: str = 'prod'\n", "", "1"},
        {"app/models/user.rb", "if Rails.env.production?\nend\n", "", "1"},
        {"Program.cs", "var app = builder.Build();\nif (app.Environment.IsDevelopment())\n", "",
         "2"},
        /* A word that only contains a selector's name is not one. */
        {"app.py", "MY_ENVIRONMENT_NAME = \"production\"\n", "", ""},
        {"app.py", "ENVIRONMENT = 'nope'\n", "", ""},
        {"app.py", "ENVIRONMENTAL = 'production'\nprevent = 'dev'\n", "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct code_case *c = &cases[i];
        struct analyzer_scan scan;
        scan_file(&scan, c->path, FILE_ROLE_SOURCE, c->content);
        char cli[64] = "";
        size_t used = 0;
        for (size_t f = 0; f < scan.analysis.fact_count; f++)
            if (strcmp(scan.analysis.facts[f].key, "config.source") == 0 &&
                strcmp(scan.analysis.facts[f].value, "cli-flags") == 0)
                analyzer_scan_append_line(cli, sizeof cli, &used, scan.analysis.facts[f].line);
        if (strcmp(cli, c->cli_lines) != 0)
            fail_msg("case %zu (%s): cli-flags at \"%s\", expected \"%s\"", i, c->path, cli,
                     c->cli_lines);
        const char *selectors = analyzer_scan_fact_lines(&scan, "config.environment-selector");
        if (strcmp(selectors, c->selector_lines) != 0)
            fail_msg("case %zu (%s): selector at \"%s\", expected \"%s\"", i, c->path, selectors,
                     c->selector_lines);
        scan_release(&scan);
    }
}

/* ---- the checks, over hand-made facts (sorted by file, line, key) ---- */

struct check_run {
    struct arena arena;
    struct check_context context;
};

static void check_run(struct check_run *run, const struct fact *facts, size_t count,
                      enum project_kind kind)
{
    memset(run, 0, sizeof(*run));
    arena_init(&run->arena);
    run->context.arena = &run->arena;
    run->context.facts = facts;
    run->context.fact_count = count;
    run->context.kind = kind;
    check_family_configuration.run(&run->context);
}

static void check_release(struct check_run *run)
{
    free(run->context.checks);
    free(run->context.findings);
    arena_destroy(&run->arena);
}

static const char *check_status_of(const struct check_run *run, const char *id)
{
    for (size_t i = 0; i < run->context.check_count; i++)
        if (strcmp(run->context.checks[i].id, id) == 0)
            return check_status_id(run->context.checks[i].status);
    return "absent";
}

/* "file:line" of the findings of `rule`, comma-separated. */
static const char *findings_of(const struct check_run *run, const char *rule)
{
    static char list[256];
    size_t used = 0;
    list[0] = '\0';
    for (size_t i = 0; i < run->context.finding_count; i++) {
        const struct finding *finding = &run->context.findings[i];
        if (strcmp(finding->rule->id, rule) != 0)
            continue;
        int written = snprintf(list + used, sizeof list - used, "%s%s:%d", used ? "," : "",
                               finding->file ? finding->file : "-", finding->line);
        if (written > 0 && (size_t)written < sizeof list - used)
            used += (size_t)written;
    }
    return list;
}

static void test_spread(void **state)
{
    (void)state;
    /* Five formats: environment (read and env file count once), YAML, TOML,
     * JSON, command-line flags. */
    static const struct fact five[] = {
        {"config.source", ".env.example", 2, "env-file"},
        {"config.env-read", "app/main.py", 4, "API_TOKEN"},
        {"config.source", "app/main.py", 9, "cli-flags"},
        {"config.source", "config/a.yaml", 1, "yaml"},
        {"config.source", "config/b.toml", 1, "toml"},
        {"config.source", "config/c.json", 1, "json"},
    };
    struct check_run run;
    check_run(&run, five, sizeof five / sizeof five[0], PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.sources"), "fail");
    assert_string_equal(findings_of(&run, "config.spread"), ".env.example:2");
    check_release(&run);
    /* Four formats: at the threshold, not past it. */
    check_run(&run, five, 5, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.sources"), "pass");
    assert_string_equal(findings_of(&run, "config.spread"), "");
    check_release(&run);
    /* Platform variables are not the application's settings. */
    static const struct fact platform[] = {{"config.env-read", "a.py", 1, "HOME"}};
    check_run(&run, platform, 1, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.sources"), "not-checked");
    assert_string_equal(check_status_of(&run, "configuration.environments"), "not-checked");
    check_release(&run);
}

static void test_environments(void **state)
{
    (void)state;
    struct check_run run;
    static const struct fact split[] = {
        {"config.environment", "settings/production.py", 0, "production"},
        {"config.source", "settings/production.py", 1, "settings-module"},
    };
    check_run(&run, split, 2, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.environments"), "pass");
    check_release(&run);

    /* A test environment alone does not separate deployments. */
    static const struct fact test_only[] = {
        {"config.environment", "config/test.json", 0, "test"},
        {"config.source", "config/default.json", 1, "json"},
        {"config.source", "config/test.json", 1, "json"},
    };
    check_run(&run, test_only, 3, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.environments"), "fail");
    assert_string_equal(findings_of(&run, "config.no-environment-separation"),
                        "config/default.json:1");
    check_release(&run);

    /* Another *_ENV read alone is not a selector (the analyzer decides
     * those, next to an environment's name). */
    static const struct fact docker_flag[] = {
        {"config.env-read", "app.py", 3, "FT_APP_ENV"},
        {"config.source", "config/app.yaml", 2, "yaml"},
    };
    check_run(&run, docker_flag, 2, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.environments"), "fail");
    check_release(&run);

    /* An environment selector read from the environment is enough. */
    static const struct fact selected[] = {
        {"config.env-read", "app.py", 3, "APP_ENV"},
        {"config.source", "config/app.yaml", 2, "yaml"},
    };
    check_run(&run, selected, 2, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.environments"), "pass");
    check_release(&run);

    /* Settings from the environment only: each deployment sets its own. */
    static const struct fact environment_only[] = {{"config.env-read", "app.py", 3, "API_URL"}};
    check_run(&run, environment_only, 1, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.environments"), "pass");
    check_release(&run);

    /* A committed settings file with nothing per environment: fail at its
     * first setting; not required of a library. */
    static const struct fact shared[] = {
        {"config.env-read", "app.py", 3, "API_URL"},
        {"config.source", "config/app.yaml", 2, "yaml"},
    };
    check_run(&run, shared, 2, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.environments"), "fail");
    assert_string_equal(findings_of(&run, "config.no-environment-separation"), "config/app.yaml:2");
    check_release(&run);
    check_run(&run, shared, 2, PROJECT_KIND_LIBRARY);
    assert_string_equal(check_status_of(&run, "configuration.environments"), "not-checked");
    assert_string_equal(findings_of(&run, "config.no-environment-separation"), "");
    check_release(&run);

    /* Templates are copied per deployment; a settings module that reads the
     * environment or goes through a settings library is filled per
     * deployment: neither holds values fixed for every environment. */
    static const struct fact copied[] = {
        {"config.source", "app/settings.py", 1, "settings-module"},
        {"config.validation", "app/settings.py", 3, "pydantic-settings"},
        {"config.source", "config_examples/config.example.json", 1, "json"},
        {"config.env-read", "worker.py", 2, "API_URL"},
    };
    check_run(&run, copied, 4, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.environments"), "pass");
    assert_string_equal(findings_of(&run, "config.no-environment-separation"), "");
    check_release(&run);
}

struct schema_case {
    const char *path;
    const char *content;
    const char *keys;       /* fact_list of config.env-schema-key */
    const char *validation; /* fact_list of config.validation */
};

static void test_environment_schemas(void **state)
{
    (void)state;
    static const struct schema_case cases[] = {
        /* Joi, schema in a variable, validated through a chain. */
        {"src/config.js",
         "const Joi = require('joi');\n"
         "const envVarsSchema = Joi.object()\n"
         "  .keys({\n"
         "    NODE_ENV: Joi.string().valid('production', 'test').required(),\n"
         "    PORT: Joi.number().default(3000),\n"
         "    // OLD_URL: Joi.string(),\n"
         "    nested: Joi.object({ INNER: Joi.string() }),\n"
         "    'QUOTED_KEY': Joi.string(),\n"
         "  })\n"
         "  .unknown();\n"
         "const { value } = envVarsSchema.prefs({ errors: { label: 'key' } "
         "}).validate(process.env);\n",
         "NODE_ENV@4,PORT@5,QUOTED_KEY@8", "joi@2"},
        /* zod, inline. */
        {"src/env.ts",
         "import { z } from 'zod';\n"
         "export const env = z.object({\n"
         "  DATABASE_URL: z.string().url(),\n"
         "  LOG_LEVEL: z.enum(['info', 'debug']).default('info'),\n"
         "}).parse(process.env);\n",
         "DATABASE_URL@3,LOG_LEVEL@4", "zod@2"},
        /* envalid. */
        {"src/env.js",
         "const { cleanEnv, str, port } = require('envalid');\n"
         "const env = cleanEnv(process.env, {\n"
         "  API_URL: str(),\n"
         "  PORT: port({ default: 8080 }),\n"
         "});\n",
         "API_URL@3,PORT@4", "envalid@2"},
        /* A Joi schema over a request body: not configuration. */
        {"src/validations/user.js",
         "const Joi = require('joi');\n"
         "const createUser = { body: Joi.object().keys({ EMAIL: Joi.string().required() }) };\n"
         "const { error } = createUser.body.validate(req.body);\n",
         "", "joi@2"},
        /* Two schemas: only the one validated against process.env counts. */
        {"src/both.js",
         "const bodySchema = Joi.object({ NAME: Joi.string() });\n"
         "const envSchema = Joi.object({ SECRET_KEY: Joi.string() });\n"
         "envSchema.validate(process.env);\n",
         "SECRET_KEY@2", "joi@2"},
        /* Truncated input: an unterminated literal, string and comment. */
        {"src/cut.js",
         "s.validate(process.env);\nconst s = Joi.object({ A_B: 'x\n, E_F: 1, /* C_D: y",
         "A_B@2,E_F@3", "joi@2"},
        {"src/cut2.js", "x.validate(process.env)", "", ""},
        {"src/cut3.js", ").validate(process.env)", "", ""},
        {"src/cut4.js", "const s = Joi.object({ A: 1 }); s.validate(process.env", "", "joi@1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct analyzer_scan scan;
        scan_with(&analyzer_config_usage, &scan, cases[i].path, FILE_ROLE_SOURCE, cases[i].content);
        if (strcmp(fact_list(&scan, "config.env-schema-key"), cases[i].keys) != 0 ||
            strcmp(fact_list(&scan, "config.validation"), cases[i].validation) != 0)
            fail_msg("%s: keys \"%s\" validation \"%s\"", cases[i].path,
                     fact_list(&scan, "config.env-schema-key"),
                     fact_list(&scan, "config.validation"));
        scan_release(&scan);
    }
}

static void test_placeholder_env(void **state)
{
    (void)state;
    static const char placeholders[] = "DOMAIN=localhost\n"
                                       "POSTGRES_USER=postgres\n"
                                       "POSTGRES_PASSWORD=changethis\n";
    static const char real[] = "POSTGRES_USER=postgres\n"
                               "POSTGRES_PASSWORD=k3Jd9sLq2Wm8Xv4Z\n";
    struct analyzer_scan scan;
    scan_with(&analyzer_config_usage, &scan, ".env", FILE_ROLE_CONFIG, placeholders);
    assert_string_equal(fact_list(&scan, "config.env-placeholder-key"),
                        "DOMAIN@1,POSTGRES_USER@2,POSTGRES_PASSWORD@3");
    scan_release(&scan);
    scan_with(&analyzer_config_usage, &scan, ".env", FILE_ROLE_CONFIG, real);
    assert_string_equal(fact_list(&scan, "config.env-placeholder-key"), "");
    scan_release(&scan);

    struct check_run run;
    static const struct fact documented[] = {
        {"config.env-placeholder-key", ".env", 3, "POSTGRES_PASSWORD"},
        {"config.env-read", "app/db.py", 4, "POSTGRES_PASSWORD"},
    };
    check_run(&run, documented, 2, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.env-documented"), "pass");
    check_release(&run);

    /* A schema key is the project's setting even when platforms set it. */
    static const struct fact schema[] = {
        {"config.env-example-key", ".env.example", 1, "PORT"},
        {"config.env-schema-key", "src/config.js", 4, "NODE_ENV"},
        {"config.env-schema-key", "src/config.js", 5, "PORT"},
        {"config.validation", "src/config.js", 2, "joi"},
    };
    check_run(&run, schema, 4, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status_of(&run, "configuration.env-documented"), "fail");
    assert_string_equal(check_status_of(&run, "configuration.validated"), "pass");
    assert_string_equal(findings_of(&run, "config.env-example-incomplete"), ".env.example:0");
    check_release(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_code),
        cmocka_unit_test(test_spread),
        cmocka_unit_test(test_environments),
        cmocka_unit_test(test_environment_schemas),
        cmocka_unit_test(test_placeholder_env),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
