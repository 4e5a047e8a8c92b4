/*
 * config_sources: the analyzer that records where a project's settings live
 * and whether they are split per environment, for the configuration checks
 * (src/checks/configuration.c):
 *
 *   "config.environment"           a file holding the settings of one named
 *                                  environment (value: production, staging,
 *                                  development, test, qa, uat, preprod or
 *                                  local), known from its path alone —
 *                                  settings/production.py, .env.staging,
 *                                  application-prod.yml,
 *                                  appsettings.Production.json,
 *                                  values-prod.yaml, overlays/prod/…,
 *                                  envs/prod/… (line 0: the whole file);
 *   "config.environment-selector"  code in an application language that
 *                                  picks settings by environment (ENV,
 *                                  ENVIRONMENT or a *_ENV setting on a line
 *                                  that names an environment, Rails.env,
 *                                  IsProduction(), @Profile), on its line
 *                                  (value: what was found);
 *   "config.source"                a place application settings come from
 *                                  (value: env-file, yaml, toml, ini, json,
 *                                  properties, settings-module, cli-flags,
 *                                  configmap, compose-environment), on the
 *                                  line of its first setting.
 *
 * Tool configuration (pyproject.toml, tsconfig.json, .eslintrc, CI files,
 * Dockerfiles, lint and test configs) is not application configuration: a
 * structured file counts only inside a configuration directory (config/,
 * settings/ …) or under a settings-like name (config.yml, settings.toml,
 * application.properties, appsettings.json), never as a dotfile or a
 * "*.config.js". Test and documentation files are skipped. It reads only the
 * file it is given and never past its length.
 */
#include "analyzers/analyzer.h"
#include "util/arena.h"
#include "util/text.h"

#include <stdbool.h>
#include <string.h>

enum { SOURCES_NAME_MAX = 256, SOURCES_WINDOW = 240 };

/* ---- environment names ---- */

/* The canonical name of an environment spelled `length` bytes at `token`
 * (prod, PRODUCTION, Production …), or NULL. */
static const char *sources_environment(const char *token, size_t length)
{
    static const struct {
        const char *spelling, *name;
    } names[] = {
        {"production", "production"},
        {"prod", "production"},
        {"prd", "production"},
        {"staging", "staging"},
        {"stage", "staging"},
        {"stg", "staging"},
        {"development", "development"},
        {"dev", "development"},
        {"develop", "development"},
        {"test", "test"},
        {"testing", "test"},
        {"qa", "qa"},
        {"uat", "uat"},
        {"preprod", "preprod"},
        {"pre-prod", "preprod"},
        {"preproduction", "preprod"},
        {"local", "local"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (text_equals_nocase(token, length, names[i].spelling))
            return names[i].name;
    return NULL;
}

static bool sources_in_list(const char *text, size_t length, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (text_equals_nocase(text, length, list[i]))
            return true;
    return false;
}

/* Extensions a settings file of one environment has. */
static const char *const sources_setting_extensions[] = {
    "py",  "rb",  "js",   "ts",         "mjs", "cjs",    "json", "yml", "yaml", "toml",
    "ini", "cfg", "conf", "properties", "env", "tfvars", "hcl",  "php", "xml",  NULL};

/* Directories whose files are named after the environment they configure:
 * settings/production.py, config/production.json (node-config),
 * config/environments/production.rb (Rails), envs/prod.tfvars. */
static const char *const sources_environment_file_dirs[] = {
    "settings", "config", "configs", "conf", "environments", "environment", "envs", "env", NULL};

/* Directories whose subdirectories are environments: overlays/prod/
 * (Kustomize), envs/prod/ and environments/prod/ (Terraform), deploy/prod/. */
static const char *const sources_environment_parent_dirs[] = {
    "overlays",    "envs",   "environments", "environment", "env",
    "deployments", "deploy", "stages",       "clusters",    NULL};

struct sources_name {
    char base[SOURCES_NAME_MAX]; /* lower-case base name */
    size_t length;
    const char *extension; /* after the last '.' (in base; "" when none) */
    const char *parent;    /* the directory holding the file (in path) */
    size_t parent_length;
};

static bool sources_split(const char *path, struct sources_name *name)
{
    const char *base = text_basename(path);
    size_t length = strlen(base);
    if (length == 0 || length >= SOURCES_NAME_MAX)
        return false;
    for (size_t i = 0; i <= length; i++)
        name->base[i] = text_lower(base[i]);
    name->length = length;
    const char *dot = strrchr(name->base, '.');
    name->extension = dot && dot != name->base ? dot + 1 : "";
    name->parent = NULL;
    name->parent_length = 0;
    if (base > path + 1) {
        const char *end = base - 1, *start = end;
        while (start > path && start[-1] != '/')
            start--;
        name->parent = start;
        name->parent_length = (size_t)(end - start);
    }
    return true;
}

static bool sources_extension_is(const struct sources_name *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == name->extension[0] && strcmp(name->extension, list[i]) == 0)
            return true;
    return false;
}

/* The environment in the token of `base` from `start` up to the first
 * character of `stops` (or the end). */
static const char *sources_token(const char *start, const char *stops)
{
    size_t length = strcspn(start, stops);
    return length ? sources_environment(start, length) : NULL;
}

static const char *sources_prefixed(const struct sources_name *name, const char *const *prefixes,
                                    const char *const *extensions)
{
    if (!sources_extension_is(name, extensions))
        return NULL;
    for (size_t i = 0; prefixes[i]; i++) {
        size_t length = strlen(prefixes[i]);
        if (strncmp(name->base, prefixes[i], length) == 0)
            return sources_token(name->base + length, ".");
    }
    return NULL;
}

/* The environment a file's base name and parent directory give it. */
static const char *sources_environment_of_name(const struct sources_name *name)
{
    static const char *const yaml[] = {"yml", "yaml", NULL};
    static const char *const spring[] = {"yml", "yaml", "properties", NULL};
    static const char *const json[] = {"json", NULL};
    static const char *const spring_prefixes[] = {"application-", "bootstrap-", NULL};
    static const char *const dotnet_prefixes[] = {"appsettings.", NULL};
    static const char *const helm_prefixes[] = {"values-", "values.", "values_", NULL};
    static const char *const compose_prefixes[] = {
        "docker-compose.", "docker-compose-", "docker-compose_", "compose.", "compose-", NULL};
    static const char *const settings_prefixes[] = {"settings_",      "settings.",      "settings-",
                                                    "config_",        "config.",        "config-",
                                                    "configuration.", "configuration_", NULL};
    static const char *const settings_suffixes[] = {"_settings.", "-settings.", ".settings.",
                                                    "_config.",   "-config.",   NULL};
    const char *base = name->base;
    const char *found;
    /* .env.production, .env.staging.example; production.env */
    if (strncmp(base, ".env.", 5) == 0)
        return sources_token(base + 5, ".");
    if (strcmp(name->extension, "env") == 0 && base[0] != '.')
        return sources_token(base, ".");
    if ((found = sources_prefixed(name, spring_prefixes, spring)) ||
        (found = sources_prefixed(name, dotnet_prefixes, json)) ||
        (found = sources_prefixed(name, helm_prefixes, yaml)) ||
        (found = sources_prefixed(name, compose_prefixes, yaml)) ||
        (found = sources_prefixed(name, settings_prefixes, sources_setting_extensions)))
        return found;
    if (!sources_extension_is(name, sources_setting_extensions))
        return NULL;
    /* prod_settings.py, dev-config.yaml */
    for (size_t i = 0; settings_suffixes[i]; i++) {
        const char *at = strstr(base, settings_suffixes[i]);
        if (at && at > base && (found = sources_environment(base, (size_t)(at - base))))
            return found;
    }
    /* prod.tfvars, prod.auto.tfvars */
    if (strcmp(name->extension, "tfvars") == 0)
        return sources_token(base, ".");
    if (name->parent &&
        sources_in_list(name->parent, name->parent_length, sources_environment_file_dirs))
        return sources_token(base, ".");
    return NULL;
}

/* overlays/prod/kustomization.yaml, envs/prod/main.tf: a directory named
 * after an environment inside a directory of environments. */
static const char *sources_environment_of_dirs(const char *path)
{
    const char *previous = NULL;
    size_t previous_length = 0;
    for (const char *start = path, *slash; (slash = strchr(start, '/')) != NULL;
         start = slash + 1) {
        size_t length = (size_t)(slash - start);
        const char *found;
        if (previous &&
            sources_in_list(previous, previous_length, sources_environment_parent_dirs) &&
            (found = sources_environment(start, length)))
            return found;
        previous = start;
        previous_length = length;
    }
    return NULL;
}

/* ---- where settings live ---- */

static bool sources_has_dir(const char *path, const char *const *dirs)
{
    for (const char *start = path, *slash; (slash = strchr(start, '/')) != NULL; start = slash + 1)
        if (sources_in_list(start, (size_t)(slash - start), dirs))
            return true;
    return false;
}

static bool sources_stem_in(const struct sources_name *name, const char *const *stems)
{
    size_t stem = strcspn(name->base, ".");
    for (size_t i = 0; stems[i]; i++)
        if (strlen(stems[i]) == stem && strncmp(name->base, stems[i], stem) == 0)
            return true;
    return false;
}

static bool sources_settings_name(const struct sources_name *name)
{
    static const char *const stems[] = {
        "config",     "configuration", "settings",  "application",  "appsettings",  "bootstrap",
        "app-config", "app_config",    "appconfig", "app-settings", "app_settings", NULL};
    static const char *const prefixes[] = {"application-", "config-",   "config_",
                                           "settings-",    "settings_", NULL};
    static const char *const suffixes[] = {"-config", "_config", "-settings", "_settings", NULL};
    if (sources_stem_in(name, stems))
        return true;
    size_t stem = strcspn(name->base, ".");
    for (size_t i = 0; prefixes[i]; i++)
        if (strncmp(name->base, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    for (size_t i = 0; suffixes[i]; i++) {
        size_t length = strlen(suffixes[i]);
        if (stem > length && strncmp(name->base + stem - length, suffixes[i], length) == 0)
            return true;
    }
    return false;
}

/* Whether a structured file is application configuration (not a tool's). */
static bool sources_config_place(const char *path, const struct sources_name *name)
{
    static const char *const tool_dirs[] = {".github", ".gitlab",       ".circleci", ".vscode",
                                            ".idea",   ".devcontainer", ".husky",    NULL};
    static const char *const config_dirs[] = {"config",       "configs", "conf", "settings",
                                              "environments", "envs",    NULL};
    /* Tools that keep their settings under a settings-like name or in a
     * config/ directory all the same. */
    static const char *const tool_stems[] = {
        "tsconfig",      "jsconfig",       "package",     "package-lock", "composer", "pyproject",
        "cargo",         "setup",          "tox",         "pytest",       "mypy",     "renovate",
        "codecov",       "mkdocs",         "netlify",     "vercel",       "lerna",    "nx",
        "angular",       "turbo",          "alembic",     "babel",        "manifest", "chart",
        "kustomization", "pnpm-workspace", "environment", "biome",        "deno",     "karma",
        "webpack",       "rollup",         "vite",        "jest",         "eslint",   "prettier",
        "stylelint",     "commitlint",     "lint-staged", "dependabot",   NULL};
    if (name->base[0] == '.' || strstr(name->base, ".config.") ||
        sources_stem_in(name, tool_stems) || sources_has_dir(path, tool_dirs))
        return false;
    return sources_settings_name(name) || sources_has_dir(path, config_dirs);
}

/* The first line that is neither blank nor a comment (1 when none). */
static int sources_first_setting(const struct source_file *file)
{
    const char *p = file->content, *end = file->content + file->length;
    int line = 1;
    while (p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = newline ? newline : end;
        while (p < line_end && (*p == ' ' || *p == '\t' || *p == '\r'))
            p++;
        if (p < line_end && *p != '#' && *p != ';' &&
            !(line_end - p >= 2 && p[0] == '/' && (p[1] == '/' || p[1] == '*')))
            return line;
        if (!newline)
            break;
        p = newline + 1;
        line++;
    }
    return 1;
}

/* The line of the first line that starts (after indentation) with one of
 * `starts`; 0 when none. */
static int sources_line_starting(const struct source_file *file, const char *const *starts)
{
    const char *p = file->content, *end = file->content + file->length;
    int line = 1;
    while (p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = newline ? newline : end;
        while (p < line_end && (*p == ' ' || *p == '\t' || *p == '-'))
            p++;
        for (size_t i = 0; starts[i]; i++) {
            size_t length = strlen(starts[i]);
            if ((size_t)(line_end - p) >= length && memcmp(p, starts[i], length) == 0)
                return line;
        }
        if (!newline)
            break;
        p = newline + 1;
        line++;
    }
    return 0;
}

static const char *sources_language(const struct source_file *file)
{
    return file->language ? file->language->name : "";
}

static bool sources_is(const char *language, const char *name)
{
    return language[0] == name[0] && strcmp(language, name) == 0;
}

/* A settings module of code: settings.py, config.py, any .py in settings/
 * (Django split settings), config.js/config.ts, config/index.js, Rails'
 * config/application.rb and the files of config/environments/. */
static bool sources_settings_module(const struct sources_name *name, const char *language)
{
    /* Not config_*.py or configuration.py: those are usually code about
     * settings (a schema, a loader), not the settings themselves. */
    static const char *const stems[] = {"settings", "config", NULL};
    static const char *const settings_dirs[] = {"settings", NULL};
    static const char *const config_dirs[] = {"config", NULL};
    static const char *const environments_dirs[] = {"environments", NULL};
    if (strstr(name->base, ".config.") || name->base[0] == '.')
        return false;
    if (sources_is(language, "Python")) {
        /* settings_prod.py; not deprecated_settings.py, which is code. */
        bool prefixed = strncmp(name->base, "settings_", 9) == 0;
        return (sources_stem_in(name, stems) || prefixed ||
                (name->parent &&
                 sources_in_list(name->parent, name->parent_length, settings_dirs))) &&
               strcmp(name->base, "__init__.py") != 0;
    }
    if (sources_is(language, "JavaScript") || sources_is(language, "TypeScript")) {
        static const char *const index[] = {"index", NULL};
        return sources_stem_in(name, stems) ||
               (sources_stem_in(name, index) && name->parent &&
                sources_in_list(name->parent, name->parent_length, config_dirs));
    }
    if (sources_is(language, "Ruby"))
        return name->parent &&
               (sources_in_list(name->parent, name->parent_length, environments_dirs) ||
                (strcmp(name->base, "application.rb") == 0 &&
                 sources_in_list(name->parent, name->parent_length, config_dirs)));
    return false;
}

struct sources_needle {
    const char *language;
    const char *text;
};

/* Command-line parsers, from their documentation's import or set-up line. */
static const struct sources_needle sources_cli_needles[] = {
    {"Python", "argparse.ArgumentParser("},
    {"Python", "ArgumentParser("},
    {"Python", "@click.option("},
    {"Python", "@click.command("},
    {"Python", "typer.Typer("},
    {"Python", "typer.Option("},
    {"JavaScript", "require('commander')"},
    {"JavaScript", "require(\"commander\")"},
    {"JavaScript", "from 'commander'"},
    {"JavaScript", "from \"commander\""},
    {"JavaScript", "require('yargs"},
    {"JavaScript", "from 'yargs"},
    {"TypeScript", "from 'commander'"},
    {"TypeScript", "from \"commander\""},
    {"TypeScript", "from 'yargs"},
    {"TypeScript", "from \"yargs"},
    {"Go", "\"github.com/spf13/cobra\""},
    {"Go", "\"github.com/spf13/pflag\""},
    {"Go", "\"github.com/urfave/cli"},
    {"Go", "flag.Parse()"},
    {"Rust", "use clap::"},
    {"Java", "import picocli."},
    {"Kotlin", "import picocli."},
    {"C#", "using System.CommandLine"},
};

/* The offset of the earliest needle of `language` in the file, or -1. */
static long sources_first_needle(const struct source_file *file, const char *language,
                                 const struct sources_needle *needles, size_t count)
{
    long best = -1;
    for (size_t i = 0; i < count; i++) {
        if (!sources_is(language, needles[i].language))
            continue;
        size_t limit = best < 0 ? file->length : (size_t)best;
        const char *at = text_find(file->content, limit, needles[i].text, strlen(needles[i].text));
        if (at)
            best = (long)(at - file->content);
    }
    return best;
}

/* ---- environment selectors in code ---- */

/* Whether the identifier of `length` bytes at `name` names the running
 * environment: ENV, ENVIRONMENT, or ending in _ENV or _ENVIRONMENT
 * (APP_ENV, NODE_ENV, FASTAPI_ENV, DEPLOY_ENVIRONMENT), in either case. */
static bool sources_selector_name(const char *name, size_t length)
{
    if (text_equals_nocase(name, length, "env") || text_equals_nocase(name, length, "environment"))
        return true;
    return (length > 4 && text_equals_nocase(name + length - 4, 4, "_env")) ||
           (length > 12 && text_equals_nocase(name + length - 12, 12, "_environment"));
}

/* Named by their framework's documentation as the environment switch. */
static const struct sources_needle sources_selector_apis[] = {
    {"Python", "DJANGO_SETTINGS_MODULE"},
    {"Ruby", "Rails.env."},
    {"Java", "@Profile("},
    {"Kotlin", "@Profile("},
    {"Java", "SPRING_PROFILES_ACTIVE"},
    {"C#", ".IsProduction()"},
    {"C#", ".IsDevelopment()"},
    {"C#", ".IsStaging()"},
    {"C#", "ASPNETCORE_ENVIRONMENT"},
};

/* Whether the line from `start` to `end` holds a quoted environment name:
 * "production", 'staging' … */
static bool sources_quoted_environment(const char *start, const char *end)
{
    for (const char *p = start; p < end; p++) {
        if (*p != '"' && *p != '\'' && *p != '`')
            continue;
        const char *close = memchr(p + 1, *p, (size_t)(end - p - 1));
        if (!close)
            return false;
        if (sources_environment(p + 1, (size_t)(close - p - 1)))
            return true;
        p = close;
    }
    return false;
}

static bool sources_word_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* The first line where a selector setting meets a named environment
 * (ENVIRONMENT: Literal["local", "production"], NODE_ENV === 'production'),
 * or a framework's switch; its line and what was found. */
static int sources_selector(const struct source_file *file, const char *language,
                            struct arena *arena, const char **what)
{
    const char *content = file->content;
    size_t length = file->length;
    long best =
        sources_first_needle(file, language, sources_selector_apis,
                             sizeof sources_selector_apis / sizeof sources_selector_apis[0]);
    if (best >= 0)
        for (size_t i = 0; i < sizeof sources_selector_apis / sizeof sources_selector_apis[0]; i++)
            if (sources_is(language, sources_selector_apis[i].language) &&
                (size_t)best + strlen(sources_selector_apis[i].text) <= length &&
                memcmp(content + best, sources_selector_apis[i].text,
                       strlen(sources_selector_apis[i].text)) == 0)
                *what = sources_selector_apis[i].text;
    /* Every identifier ending in env/ENV (a case-folded search would cost a
     * pass per case; two needles cover the spellings in use). */
    static const char *const needles[] = {"ENV", "env", NULL};
    for (size_t n = 0; needles[n]; n++) {
        size_t limit = best < 0 ? length : (size_t)best, position = 0;
        const char *at;
        while (position < limit &&
               (at = text_find(content + position, limit - position, needles[n], 3))) {
            size_t offset = (size_t)(at - content);
            position = offset + 1;
            const char *start = at, *end = at + 3;
            while (start > content && sources_word_char(start[-1]))
                start--;
            while (end < content + length && sources_word_char(*end))
                end++;
            if (!sources_selector_name(start, (size_t)(end - start)))
                continue;
            /* The rest of the line, within a window: a minified bundle is
             * one long line with thousands of process.env reads. */
            const char *line_start = start, *window_start = start > content + SOURCES_WINDOW
                                                                ? start - SOURCES_WINDOW
                                                                : content;
            while (line_start > window_start && line_start[-1] != '\n')
                line_start--;
            size_t rest = (size_t)(content + length - end);
            const char *line_end = memchr(end, '\n', rest < SOURCES_WINDOW ? rest : SOURCES_WINDOW);
            if (!line_end)
                line_end = end + (rest < SOURCES_WINDOW ? rest : SOURCES_WINDOW);
            if (sources_quoted_environment(line_start, line_end)) {
                best = (long)(start - content);
                *what = arena_strndup(arena, start, (size_t)(end - start));
                break;
            }
            position = (size_t)(end - content);
        }
    }
    return best < 0 ? 0 : text_line_of(content, (size_t)best);
}

/* ---- the analyzer ---- */

static bool sources_applies(const struct source_file *file)
{
    return file->role != FILE_ROLE_TEST && file->role != FILE_ROLE_DOCS;
}

static bool sources_is_env_file(const struct sources_name *name)
{
    return strcmp(name->base, ".env") == 0 || strncmp(name->base, ".env.", 5) == 0 ||
           (strcmp(name->extension, "env") == 0 && name->length > 4);
}

static bool sources_is_compose(const struct sources_name *name)
{
    static const char *const yaml[] = {"yml", "yaml", NULL};
    return sources_extension_is(name, yaml) && (strncmp(name->base, "docker-compose", 14) == 0 ||
                                                strncmp(name->base, "compose", 7) == 0);
}

static void sources_structured(const struct source_file *file, const struct sources_name *name,
                               struct analysis *analysis)
{
    static const struct {
        const char *extension, *kind;
    } formats[] = {
        {"yml", "yaml"},  {"yaml", "yaml"},  {"toml", "toml"},
        {"ini", "ini"},   {"cfg", "ini"},    {"conf", "ini"},
        {"json", "json"}, {"json5", "json"}, {"properties", "properties"},
    };
    static const char *const manifest_starts[] = {"apiVersion:", NULL};
    static const char *const configmap_starts[] = {"kind: ConfigMap", NULL};
    static const char *const compose_starts[] = {"environment:", "env_file:", NULL};
    int line;
    if (sources_is_compose(name)) {
        if ((line = sources_line_starting(file, compose_starts)) > 0)
            analysis_add_fact(analysis, "config.source", line, "compose-environment");
        return;
    }
    const char *kind = NULL;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0] && !kind; i++)
        if (strcmp(name->extension, formats[i].extension) == 0)
            kind = formats[i].kind;
    if (!kind)
        return;
    if (strcmp(kind, "yaml") == 0 && sources_line_starting(file, manifest_starts) > 0) {
        /* A Kubernetes manifest: only a ConfigMap holds settings. */
        if ((line = sources_line_starting(file, configmap_starts)) > 0)
            analysis_add_fact(analysis, "config.source", line, "configmap");
        return;
    }
    if ((file->role == FILE_ROLE_CONFIG || file->role == FILE_ROLE_SOURCE) &&
        sources_config_place(file->path, name))
        analysis_add_fact(analysis, "config.source", sources_first_setting(file), kind);
}

static void sources_run(const struct source_file *file, struct analysis *analysis)
{
    struct sources_name name;
    if (!sources_split(file->path, &name))
        return;
    const char *environment = sources_environment_of_name(&name);
    if (!environment)
        environment = sources_environment_of_dirs(file->path);
    if (environment)
        analysis_add_fact(analysis, "config.environment", 0, environment);

    if (sources_is_env_file(&name)) {
        analysis_add_fact(analysis, "config.source", sources_first_setting(file), "env-file");
        return;
    }
    sources_structured(file, &name, analysis);
    if (file->role != FILE_ROLE_SOURCE)
        return;
    const char *language = sources_language(file);
    if (sources_settings_module(&name, language))
        analysis_add_fact(analysis, "config.source", sources_first_setting(file),
                          "settings-module");
    long cli = sources_first_needle(file, language, sources_cli_needles,
                                    sizeof sources_cli_needles / sizeof sources_cli_needles[0]);
    if (cli >= 0)
        analysis_add_fact(analysis, "config.source", text_line_of(file->content, (size_t)cli),
                          "cli-flags");
    /* Languages applications are written in: a C or shell file that
     * mentions ENVIRONMENT is not choosing its settings by it. */
    static const char *const languages[] = {"Python", "JavaScript", "TypeScript", "Go",
                                            "Java",   "Kotlin",     "Ruby",       "PHP",
                                            "C#",     "Rust",       NULL};
    bool application = false;
    for (size_t i = 0; languages[i] && !application; i++)
        application = sources_is(language, languages[i]);
    if (!application)
        return;
    const char *what = NULL;
    int line = sources_selector(file, language, analysis->arena, &what);
    if (line > 0)
        analysis_add_fact(analysis, "config.environment-selector", line, what);
}

const struct analyzer analyzer_config_sources = {
    .name = "config_sources",
    .applies = sources_applies,
    .run = sources_run,
};
