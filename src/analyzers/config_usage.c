/*
 * config_usage: the analyzer that records how a project is configured, for
 * the configuration checks (src/checks/configuration.c):
 *
 *   "config.env-read"         an environment variable read in source code
 *                             (value: its name), on the line that reads it;
 *   "config.env-example-key"  a variable an example env file documents
 *                             (.env.example, .env.sample, .env.template …);
 *   "config.validation"       a settings-validation library in use (value:
 *                             its name), on the import or declaration line;
 *   "config.env-placeholder-key" a variable a committed .env documents when
 *                             that .env holds only placeholders (the
 *                             decision of analyzers/secret_files.c): it is
 *                             the project's example file by content;
 *   "config.env-schema-key"   a variable a schema validated against the
 *                             whole environment declares (Joi/zod
 *                             `schema.validate(process.env)`, envalid
 *                             `cleanEnv(process.env, {…})`), on its line.
 *
 * Reads are recognised per language by their API (os.getenv, process.env,
 * os.Getenv, System.getenv, ENV[], getenv, Environment.GetEnvironmentVariable,
 * env::var) with a literal name; a name built at run time is not counted.
 * Test files are skipped: what tests read is not configuration. It must
 * never read past the file's length and touch only its own analysis.
 */
#include "analyzers/analyzer.h"
#include "analyzers/secret_files.h"
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

/* A committed ".env": the example file when it holds only placeholders. */
static bool config_is_dotenv(const struct source_file *file)
{
    return file->role != FILE_ROLE_TEST && strcmp(text_basename(file->path), ".env") == 0;
}

static bool config_applies(const struct source_file *file)
{
    if (config_is_example_env(file->path) || config_is_dotenv(file))
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

static void config_example_keys(const struct source_file *file, struct analysis *analysis,
                                const char *key)
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
            analysis_add_fact(analysis, key, line, name);
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

static int config_line_at(const char *content, size_t offset)
{
    size_t counted = 0;
    int line = 1;
    config_advance(content, offset, &counted, &line);
    return line;
}

static bool config_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The uppercase keys at the top level of the object literal that opens at
 * content[open] ('{'): NAME or "NAME" followed by ':'. Nested literals,
 * calls and strings are skipped; it stops at the matching '}'. */
static void config_schema_keys(const char *content, size_t length, size_t open,
                               struct analysis *analysis)
{
    int depth = 0, line = config_line_at(content, open);
    bool expect_key = false;
    for (size_t i = open; i < length; i++) {
        char c = content[i];
        if (c == '\n') {
            line++;
            continue;
        }
        if (c == '/' && i + 1 < length && content[i + 1] == '/') {
            while (i + 1 < length && content[i + 1] != '\n')
                i++;
            continue;
        }
        if (c == '/' && i + 1 < length && content[i + 1] == '*') {
            for (i += 2; i + 1 < length && !(content[i] == '*' && content[i + 1] == '/'); i++)
                line += content[i] == '\n';
            i++;
            continue;
        }
        if (c == '"' || c == '\'' || c == '`') {
            /* A quoted key at the top level: "NAME": … */
            size_t close = i + 1;
            while (close < length && content[close] != c && content[close] != '\n')
                close += content[close] == '\\' ? 2 : 1;
            if (close >= length)
                return;
            char name[CONFIG_NAME_MAX];
            size_t after = close + 1;
            while (after < length && (content[after] == ' ' || content[after] == '\t'))
                after++;
            if (depth == 1 && expect_key && after < length && content[after] == ':' &&
                config_take_name(content + i + 1, content + close, name) &&
                i + 1 + strlen(name) == close) {
                bool upper = true;
                for (size_t k = 0; name[k] && upper; k++)
                    upper = !islower((unsigned char)name[k]);
                if (upper)
                    analysis_add_fact(analysis, "config.env-schema-key", line, name);
            }
            expect_key = false;
            /* A string cut at the line's end: the newline is still counted. */
            i = content[close] == '\n' ? close - 1 : close;
            continue;
        }
        if (c == '{' || c == '(' || c == '[') {
            depth++;
            expect_key = depth == 1;
            continue;
        }
        if (c == '}' || c == ')' || c == ']') {
            if (--depth <= 0)
                return;
            continue;
        }
        if (c == ',') {
            expect_key = depth == 1;
            continue;
        }
        if (config_space(c))
            continue;
        if (depth == 1 && expect_key && (isalpha((unsigned char)c) || c == '_')) {
            char name[CONFIG_NAME_MAX];
            expect_key = false;
            if (!config_take_name(content + i, content + length, name))
                continue;
            size_t after = i + strlen(name);
            while (after < length && (content[after] == ' ' || content[after] == '\t'))
                after++;
            bool upper = isupper((unsigned char)name[0]) || name[0] == '_';
            for (size_t k = 0; name[k] && upper; k++)
                upper = !islower((unsigned char)name[k]);
            if (upper && after < length && content[after] == ':')
                analysis_add_fact(analysis, "config.env-schema-key", line, name);
            i += strlen(name) - 1;
            continue;
        }
        expect_key = false;
    }
}

/* The '{' that opens the schema's object literal: the first one after
 * `from`, with no ';' between (the schema's own statement). */
static bool config_literal_after(const char *content, size_t length, size_t from, size_t *open)
{
    for (size_t i = from; i < length; i++) {
        if (content[i] == ';')
            return false;
        if (content[i] == '{') {
            *open = i;
            return true;
        }
    }
    return false;
}

/* Walks back from a member call (content[dot] == '.') over a chain such as
 * `schema.prefs({…}).validate`: returns the offset of the chain's first
 * identifier, or length when there is none. */
static size_t config_chain_start(const char *content, size_t length, size_t dot)
{
    size_t p = dot;
    for (;;) {
        while (p > 0 && config_space(content[p - 1]))
            p--;
        if (p > 0 && content[p - 1] == ')') {
            int depth = 0;
            while (p > 0) {
                char c = content[--p];
                if (c == ')')
                    depth++;
                else if (c == '(' && --depth == 0)
                    break;
            }
            if (depth != 0)
                return length;
            while (p > 0 && config_space(content[p - 1]))
                p--;
        }
        size_t end = p;
        while (p > 0 && config_name_char(content[p - 1]))
            p--;
        if (p == end)
            return length;
        size_t q = p;
        while (q > 0 && config_space(content[q - 1]))
            q--;
        if (q > 0 && content[q - 1] == '.') {
            p = q - 1;
            continue;
        }
        return p;
    }
}

/* The library a schema expression starts with ("Joi.", "z."), or NULL. */
static const char *config_schema_library(const char *content, size_t length, size_t at)
{
    if (length - at > 4 && memcmp(content + at, "Joi.", 4) == 0)
        return "joi";
    if (length - at > 2 && memcmp(content + at, "z.", 2) == 0)
        return "zod";
    return NULL;
}

/* Finds `NAME = Joi.…` / `NAME = z.…` (the schema a chain starts from) and
 * returns the offset of its right-hand side, or length. */
static size_t config_schema_definition(const char *content, size_t length, const char *name,
                                       size_t name_length)
{
    size_t position = 0;
    const char *at;
    while (position < length &&
           (at = text_find(content + position, length - position, name, name_length))) {
        size_t offset = (size_t)(at - content);
        position = offset + 1;
        if ((offset > 0 && (config_name_char(at[-1]) || at[-1] == '.')) ||
            (offset + name_length < length && config_name_char(at[name_length])))
            continue;
        size_t p = offset + name_length;
        while (p < length && config_space(content[p]))
            p++;
        if (p + 1 >= length || content[p] != '=' || content[p + 1] == '=')
            continue;
        p++;
        while (p < length && config_space(content[p]))
            p++;
        if (config_schema_library(content, length, p))
            return p;
    }
    return length;
}

/* Whole-environment validation in JavaScript and TypeScript: the schema's
 * keys are the variables the project reads. Returns whether one was found
 * (the validation fact is then on the schema's line). */
static bool config_environment_schema(const struct source_file *file, struct analysis *analysis)
{
    static const char *const calls[] = {".validate(process.env)", ".validateAsync(process.env)",
                                        ".parse(process.env)", ".safeParse(process.env)",
                                        "cleanEnv(process.env"};
    const char *content = file->content;
    size_t length = file->length;
    bool found = false;
    for (size_t c = 0; c < sizeof calls / sizeof calls[0] && !found; c++) {
        const char *at = text_find(content, length, calls[c], strlen(calls[c]));
        if (!at)
            continue;
        size_t offset = (size_t)(at - content), open = 0, schema = length;
        const char *library = NULL;
        if (calls[c][0] != '.') {
            if (offset > 0 && config_name_char(at[-1]))
                continue;
            schema = offset;
            library = "envalid";
        } else {
            size_t start = config_chain_start(content, length, offset);
            if (start == length)
                continue;
            library = config_schema_library(content, length, start);
            if (library) {
                schema = start;
            } else {
                size_t name_length = 0;
                while (start + name_length < length &&
                       config_name_char(content[start + name_length]))
                    name_length++;
                char name[CONFIG_NAME_MAX];
                if (name_length == 0 || name_length >= CONFIG_NAME_MAX)
                    continue;
                memcpy(name, content + start, name_length);
                name[name_length] = '\0';
                schema = config_schema_definition(content, length, name, name_length);
                if (schema == length)
                    continue;
                library = config_schema_library(content, length, schema);
            }
        }
        /* envalid's literal is cleanEnv's second argument; Joi's and zod's
         * is the first after the schema's start (Joi.object().keys({ …). */
        size_t from = calls[c][0] == '.' ? schema : offset + strlen(calls[c]);
        if (!config_literal_after(content, length, from, &open))
            continue;
        config_schema_keys(content, length, open, analysis);
        analysis_add_fact(analysis, "config.validation", config_line_at(content, schema), library);
        found = true;
    }
    return found;
}

static void config_run(const struct source_file *file, struct analysis *analysis)
{
    if (config_is_example_env(file->path)) {
        config_example_keys(file, analysis, "config.env-example-key");
        return;
    }
    if (config_is_dotenv(file)) {
        struct secret_files_env_hit hit;
        if (!secret_files_env_scan(file->content, file->length, &hit))
            config_example_keys(file, analysis, "config.env-placeholder-key");
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
               (at = text_find(content + position, length - position, api->text, text_length))) {
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
    if ((strcmp(language, "JavaScript") == 0 || strcmp(language, "TypeScript") == 0) &&
        config_environment_schema(file, analysis))
        return; /* its validation fact is on the schema's line */
    for (size_t l = 0; l < sizeof config_libraries / sizeof config_libraries[0]; l++) {
        const struct config_library *library = &config_libraries[l];
        if (strcmp(library->language, language) != 0)
            continue;
        const char *at = text_find(content, length, library->text, strlen(library->text));
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
