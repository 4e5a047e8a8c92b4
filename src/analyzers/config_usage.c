/*
 * config_usage: the analyzer that records how a project is configured, for
 * the configuration checks (src/checks/configuration.c):
 *
 *   "config.env-read"         an environment variable read in source code
 *                             (value: its name), on the line that reads it;
 *   "config.env-example-key"  a variable an example env file documents
 *                             (.env.example, .env.sample, .env.template …);
 *   "config.validation"       a settings-validation library in use (value:
 *                             its name), on the import or declaration line.
 *
 * Reads are recognised per language by their API (os.getenv, process.env,
 * os.Getenv, System.getenv, ENV[], getenv, Environment.GetEnvironmentVariable,
 * env::var) with a literal name; a name built at run time is not counted.
 * Test files are skipped: what tests read is not configuration. It must
 * never read past the file's length and touch only its own analysis.
 */
#define _GNU_SOURCE /* memmem */
#include "analyzers/analyzer.h"
#include "util/text.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

enum { CONFIG_NAME_MAX = 80 };

static bool config_is_example_env(const char *path)
{
    static const char *const names[] = {".env.example", ".env.sample",   ".env.template",
                                        ".env.dist",    "env.example",   "example.env",
                                        "sample.env",   ".env.defaults", NULL};
    const char *base = text_basename(path);
    for (size_t i = 0; names[i]; i++)
        if (strcmp(base, names[i]) == 0)
            return true;
    return false;
}

static const char *config_language(const struct source_file *file)
{
    return file->language ? file->language->name : "";
}

static bool config_code_language(const char *language)
{
    static const char *const languages[] = {"Python", "JavaScript", "TypeScript", "Go",
                                            "Java",   "Kotlin",     "Ruby",       "PHP",
                                            "C#",     "Rust",       NULL};
    for (size_t i = 0; languages[i]; i++)
        if (strcmp(language, languages[i]) == 0)
            return true;
    return false;
}

static bool config_applies(const struct source_file *file)
{
    if (config_is_example_env(file->path))
        return true;
    return file->role != FILE_ROLE_TEST && config_code_language(config_language(file));
}

static bool config_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Copies the variable name that starts at p (up to end) into name; a name
 * must start with a letter or '_' and be all [A-Za-z0-9_]. */
static bool config_take_name(const char *p, const char *end, char name[CONFIG_NAME_MAX])
{
    size_t length = 0;
    if (p >= end || !(isalpha((unsigned char)*p) || *p == '_'))
        return false;
    while (p + length < end && config_name_char(p[length]) && length < CONFIG_NAME_MAX - 1)
        length++;
    if (length == 0 || (p + length < end && config_name_char(p[length])))
        return false;
    memcpy(name, p, length);
    name[length] = '\0';
    return true;
}

/* After a call's opening text ("getenv(", "ENV["): optional spaces, a quote,
 * the name, the same quote. */
static bool config_quoted_name(const char *p, const char *end, char name[CONFIG_NAME_MAX])
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || (*p != '"' && *p != '\'' && *p != '`'))
        return false;
    char quote = *p++;
    if (!config_take_name(p, end, name))
        return false;
    p += strlen(name);
    return p < end && *p == quote;
}

struct config_api {
    const char *language; /* NULL: every language */
    const char *text;     /* what precedes the name */
    bool quoted;          /* the name is a string literal (else an identifier: process.env.X) */
};

static const struct config_api config_apis[] = {
    {"Python", "os.getenv(", true},
    {"Python", "os.environ.get(", true},
    {"Python", "os.environ[", true},
    {"Python", "environ.get(", true},
    {"Python", "os.environ.setdefault(", true},
    {"JavaScript", "process.env.", false},
    {"JavaScript", "process.env[", true},
    {"TypeScript", "process.env.", false},
    {"TypeScript", "process.env[", true},
    {"Go", "os.Getenv(", true},
    {"Go", "os.LookupEnv(", true},
    {"Java", "System.getenv(", true},
    {"Kotlin", "System.getenv(", true},
    {"Ruby", "ENV[", true},
    {"Ruby", "ENV.fetch(", true},
    {"PHP", "getenv(", true},
    {"PHP", "$_ENV[", true},
    {"C#", "Environment.GetEnvironmentVariable(", true},
    {"Rust", "env::var(", true},
};

struct config_library {
    const char *language;
    const char *text;
    const char *name;
};

static const struct config_library config_libraries[] = {
    {"Python", "BaseSettings", "pydantic-settings"},
    {"Python", "from environs import", "environs"},
    {"Python", "from dynaconf import", "dynaconf"},
    {"Python", "import environ", "django-environ"},
    {"Python", "from decouple import", "python-decouple"},
    {"JavaScript", "envalid", "envalid"},
    {"TypeScript", "envalid", "envalid"},
    {"JavaScript", "@t3-oss/env", "t3-env"},
    {"TypeScript", "@t3-oss/env", "t3-env"},
    {"TypeScript", "z.object(", "zod"},
    {"JavaScript", "Joi.object(", "joi"},
    {"TypeScript", "Joi.object(", "joi"},
    {"Go", "github.com/spf13/viper", "viper"},
    {"Go", "github.com/kelseyhightower/envconfig", "envconfig"},
    {"Go", "github.com/caarlos0/env", "caarlos0/env"},
    {"Java", "@ConfigurationProperties", "Spring @ConfigurationProperties"},
    {"Kotlin", "@ConfigurationProperties", "Spring @ConfigurationProperties"},
    {"C#", "ValidateDataAnnotations()", "Options validation"},
    {"Ruby", "dry-configurable", "dry-configurable"},
    {"Rust", "envy::", "envy"},
};

static void config_example_keys(const struct source_file *file, struct analysis *analysis)
{
    const char *p = file->content, *end = file->content + file->length;
    int line = 1;
    while (p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = newline ? newline : end;
        const char *q = p;
        while (q < line_end && (*q == ' ' || *q == '\t'))
            q++;
        if (line_end - q > 7 && memcmp(q, "export ", 7) == 0)
            q += 7;
        char name[CONFIG_NAME_MAX];
        /* KEY=… or a commented-out "# KEY=…" that documents an optional one. */
        if (q < line_end && *q == '#') {
            q++;
            while (q < line_end && *q == ' ')
                q++;
        }
        if (config_take_name(q, line_end, name) && q + strlen(name) < line_end &&
            q[strlen(name)] == '=')
            analysis_add_fact(analysis, "config.env-example-key", line, name);
        if (!newline)
            break;
        p = newline + 1;
        line++;
    }
}

/* Counts newlines from *counted up to offset, moving *line along: the
 * occurrences of one needle come in order, so the whole file is counted
 * once per needle. */
static void config_advance(const char *content, size_t offset, size_t *counted, int *line)
{
    while (*counted < offset) {
        const char *newline = memchr(content + *counted, '\n', offset - *counted);
        if (!newline) {
            *counted = offset;
            return;
        }
        (*line)++;
        *counted = (size_t)(newline - content) + 1;
    }
}

static void config_run(const struct source_file *file, struct analysis *analysis)
{
    if (config_is_example_env(file->path)) {
        config_example_keys(file, analysis);
        return;
    }
    const char *language = config_language(file);
    const char *content = file->content;
    size_t length = file->length;
    /* memmem over the whole file per needle (glibc's two-way search is fast),
     * not a comparison at every byte: this runs on every source file. */
    for (size_t a = 0; a < sizeof config_apis / sizeof config_apis[0]; a++) {
        const struct config_api *api = &config_apis[a];
        if (strcmp(api->language, language) != 0)
            continue;
        size_t text_length = strlen(api->text), position = 0, counted = 0;
        int line = 1;
        const char *at, *line_end = NULL;
        while (position < length &&
               (at = memmem(content + position, length - position, api->text, text_length))) {
            size_t offset = (size_t)(at - content);
            position = offset + 1;
            /* "os.environ.get(" must not also count as "environ.get(". */
            if (offset > 0 && (config_name_char(at[-1]) || at[-1] == '.'))
                continue;
            /* Found once per line, not per read: a minified bundle is one
             * line with thousands of process.env reads. */
            if (!line_end || at >= line_end) {
                line_end = memchr(at, '\n', length - offset);
                if (!line_end)
                    line_end = content + length;
            }
            char name[CONFIG_NAME_MAX];
            const char *after = at + text_length;
            bool found = api->quoted ? config_quoted_name(after, line_end, name)
                                     : config_take_name(after, line_end, name);
            if (!found)
                continue;
            config_advance(content, offset, &counted, &line);
            analysis_add_fact(analysis, "config.env-read", line, name);
        }
    }
    for (size_t l = 0; l < sizeof config_libraries / sizeof config_libraries[0]; l++) {
        const struct config_library *library = &config_libraries[l];
        if (strcmp(library->language, language) != 0)
            continue;
        const char *at = memmem(content, length, library->text, strlen(library->text));
        if (!at)
            continue;
        size_t counted = 0;
        int line = 1;
        config_advance(content, (size_t)(at - content), &counted, &line);
        analysis_add_fact(analysis, "config.validation", line, library->name);
        break; /* one is enough to pass the check */
    }
}

const struct analyzer analyzer_config_usage = {
    .name = "config_usage",
    .applies = config_applies,
    .run = config_run,
};
