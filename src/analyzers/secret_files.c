/*
 * secret_files: the analyzer for secret-bearing files and for the facts of
 * the .env/.gitignore check (see secret_files.h). The credential lines of
 * tool files (.npmrc, .pypirc, kubeconfig …) are pattern rules run by the
 * content scanner; this file raises the rules a pattern cannot express.
 *
 * Policies (the report depends on them):
 *   - A .env file (".env" or ".env.<stage>", not a template) is reported once,
 *     on the first line that assigns a real-looking value to a variable whose
 *     name looks secret (KEY, SECRET, TOKEN, PASS, AUTH …). A .env holding
 *     only empty values, ${VAR} references and placeholders is silent: it
 *     is a template by content, whatever its name. Values never appear in
 *     full: the snippet and message carry the redacted form.
 *   - Key files and keystores named as such raise secrets.file-private-key
 *     or secrets.file-keystore on line 1 for text files and with no line for
 *     binary ones. A text key whose PEM header secrets.private-key reports
 *     raises nothing more (one finding per key).
 *   - Files over the size limit are never read; keys, keystores and
 *     Terraform state files among them are reported by name, with no line.
 *   - Files under test and fixture directories (test/, tests/, testdata/,
 *     fixtures/, spec/ …) raise none of these file rules: test certificates
 *     and sample .env files would drown real findings, and they are usually
 *     made up. The pattern rules still scan them.
 *   - Facts: "env.file-reader" (value: the marker) for each line that loads
 *     env files (python-dotenv, dotenv for Node, godotenv, compose env_file,
 *     pydantic env_file, docker --env-file on a docker/podman/compose
 *     command line …), at most a few per file, none from docs, data, C or
 *     C++ files or test directories; and
 *     "gitignore.line" for every pattern line of the root .gitignore.
 *
 * It reads only the file it is given and must not print.
 */
#include "analyzers/secret_files.h"
#include "analyzers/content_scan.h"
#include "util/hash.h"
#include "util/text.h"

#include <stdio.h>
#include <string.h>

enum { SECRET_FILES_READER_FACTS_MAX = 5 };

/* ---- names ---- */

static const char *const secret_files_test_dirs[] = {
    "test",      "tests",        "testdata", "test-data", "test_data", "fixtures",
    "__tests__", "__fixtures__", "spec",     "testing",   "e2e",
};

static bool secret_files_under_test_dir(const char *path)
{
    const char *component = path;
    for (const char *slash; (slash = strchr(component, '/')) != NULL; component = slash + 1) {
        size_t length = (size_t)(slash - component);
        for (size_t i = 0; i < sizeof secret_files_test_dirs / sizeof secret_files_test_dirs[0];
             i++)
            if (text_equals_nocase(component, length, secret_files_test_dirs[i]))
                return true;
    }
    return false;
}

static bool secret_files_has_suffix(const char *name, const char *suffix)
{
    size_t length = strlen(name), suffix_length = strlen(suffix);
    return length > suffix_length &&
           text_equals_nocase(name + length - suffix_length, suffix_length, suffix);
}

bool secret_files_is_env_file(const char *path)
{
    static const char *const template_words[] = {
        "example", "examples", "sample",  "samples",  "template", "templates",    "tmpl",
        "tpl",     "dist",     "default", "defaults", "schema",   "example-local"};
    const char *name = text_basename(path);
    if (strcmp(name, ".env") == 0)
        return true;
    if (strncmp(name, ".env.", 5) != 0 || name[5] == '\0')
        return false;
    /* Any dot-separated word after ".env" naming a template excludes it
     * (.env.local.example as well as .env.example). */
    const char *word = name + 5;
    while (*word) {
        size_t length = strcspn(word, ".");
        for (size_t i = 0; i < sizeof template_words / sizeof template_words[0]; i++)
            if (text_equals_nocase(word, length, template_words[i]))
                return false;
        word += length;
        if (*word == '.')
            word++;
    }
    return true;
}

static bool secret_files_is_ssh_identity(const char *name)
{
    static const char *const identities[] = {"id_rsa",     "id_dsa",      "id_ecdsa",
                                             "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"};
    for (size_t i = 0; i < sizeof identities / sizeof identities[0]; i++)
        if (strcmp(name, identities[i]) == 0)
            return true;
    return false;
}

const char *secret_files_name_rule(const char *path, bool binary, const char *content,
                                   size_t length)
{
    if (secret_files_under_test_dir(path))
        return NULL;
    const char *name = text_basename(path);
    static const char *const keystores[] = {".p12", ".pfx", ".jks", ".keystore", ".bks"};
    for (size_t i = 0; i < sizeof keystores / sizeof keystores[0]; i++)
        if (secret_files_has_suffix(name, keystores[i]))
            return "secrets.file-keystore";
    /* PuTTY .ppk files are text with a header secrets.putty-private-key
     * reports; a text .key without a PEM header is too often not a key. */
    bool key_named =
        secret_files_is_ssh_identity(name) || (binary && secret_files_has_suffix(name, ".key"));
    if (!key_named)
        return NULL;
    /* A PEM private key is reported on its header line by the secrets pack;
     * a second finding for the same key would only be noise. */
    if (!binary && content && text_find(content, length, "PRIVATE KEY-----", 16))
        return NULL;
    /* An empty file holds no key. */
    if (!binary && length == 0)
        return NULL;
    return "secrets.file-private-key";
}

void secret_files_binary(const char *path, struct analysis *analysis)
{
    const char *rule = secret_files_name_rule(path, true, NULL, 0);
    if (!rule)
        return;
    char match[96];
    snprintf(match, sizeof match, "%s:%s", rule, path);
    analysis_add_finding(analysis, rule, 0, 0, NULL, match, "%s: binary file %s",
                         strcmp(rule, "secrets.file-keystore") == 0 ? "keystore committed"
                                                                    : "private key committed",
                         text_basename(path));
}

void secret_files_too_large(const char *path, struct analysis *analysis)
{
    const char *name = text_basename(path);
    if (!secret_files_under_test_dir(path) && (secret_files_has_suffix(name, ".tfstate") ||
                                               secret_files_has_suffix(name, ".tfstate.backup"))) {
        char match[96];
        snprintf(match, sizeof match, "secrets.file-terraform-state:%s", path);
        analysis_add_finding(analysis, "secrets.file-terraform-state", 0, 0, NULL, match,
                             "Terraform state file committed: %s (too large to read)", name);
        return;
    }
    secret_files_binary(path, analysis);
}

/* ---- .env contents ---- */

static bool secret_files_key_is_secret(const char *key, size_t length)
{
    static const char *const words[] = {"key",  "secret",     "token",   "pass", "pwd",
                                        "auth", "credential", "private", "salt", "dsn"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t word_length = strlen(words[i]);
        for (size_t at = 0; at + word_length <= length; at++)
            if (text_equals_nocase(key + at, word_length, words[i]))
                return true;
    }
    return false;
}

static bool secret_files_is_placeholder(const char *value, size_t length)
{
    static const char *const words[] = {
        "changeme",    "change_me", "change-me", "secret",    "password", "example", "dummy",
        "placeholder", "todo",      "tbd",       "none",      "null",     "test",    "xxx",
        "fake",        "sample",    "redacted",  "replaceme", "..."};
    if (length < 4)
        return true;
    if (value[0] == '$' || value[0] == '<' || (value[0] == '{' && value[1] == '{'))
        return true;
    bool same = true;
    for (size_t i = 1; i < length && same; i++)
        same = value[i] == value[0];
    if (same)
        return true;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (text_equals_nocase(value, length, words[i]))
            return true;
    /* "changethis", "change_this_secret" (the FastAPI template's) … */
    return text_prefix_nocase(value, "your") || text_prefix_nocase(value, "replace") ||
           text_prefix_nocase(value, "insert") || text_prefix_nocase(value, "put_") ||
           text_prefix_nocase(value, "enter") || text_prefix_nocase(value, "change");
}

static bool secret_files_is_key_byte(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

/* Parses one dotenv line: KEY=VALUE with optional "export ", quotes and an
 * unquoted value's " #" comment. Returns false for anything else. */
static bool secret_files_parse_assignment(const char *line, size_t length, const char **key,
                                          size_t *key_length, const char **value,
                                          size_t *value_length)
{
    size_t i = 0;
    while (i < length && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i + 7 < length && memcmp(line + i, "export", 6) == 0 &&
        (line[i + 6] == ' ' || line[i + 6] == '\t')) {
        i += 7;
        while (i < length && (line[i] == ' ' || line[i] == '\t'))
            i++;
    }
    size_t key_start = i;
    while (i < length && secret_files_is_key_byte(line[i]))
        i++;
    if (i == key_start)
        return false;
    *key = line + key_start;
    *key_length = i - key_start;
    while (i < length && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i >= length || line[i] != '=')
        return false;
    i++;
    while (i < length && (line[i] == ' ' || line[i] == '\t'))
        i++;
    size_t start = i, end = length;
    if (start < length && (line[start] == '"' || line[start] == '\'')) {
        const char *close = memchr(line + start + 1, line[start], length - start - 1);
        end = close ? (size_t)(close - line) : length;
        start++;
    } else {
        for (size_t k = start; k < length; k++)
            if (line[k] == '#' && (k == start || line[k - 1] == ' ' || line[k - 1] == '\t')) {
                end = k;
                break;
            }
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t'))
            end--;
    }
    *value = line + start;
    *value_length = end > start ? end - start : 0;
    return true;
}

bool secret_files_env_scan(const char *content, size_t length, struct secret_files_env_hit *hit)
{
    memset(hit, 0, sizeof(*hit));
    const char *p = content, *end = content + length;
    for (int line = 1; p < end; line++) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        size_t line_length = newline ? (size_t)(newline - p) : (size_t)(end - p);
        if (line_length && p[line_length - 1] == '\r')
            line_length--;
        const char *key, *value;
        size_t key_length, value_length;
        if (secret_files_parse_assignment(p, line_length, &key, &key_length, &value,
                                          &value_length) &&
            secret_files_key_is_secret(key, key_length) &&
            !secret_files_is_placeholder(value, value_length)) {
            if (hit->count++ == 0) {
                hit->line = line;
                hit->column = (int)(value - p) + 1;
                size_t shown = key_length < sizeof hit->key - 1 ? key_length : sizeof hit->key - 1;
                memcpy(hit->key, key, shown);
                hit->key[shown] = '\0';
                content_scan_redact(value, value_length, hit->redacted);
                snprintf(hit->snippet, sizeof hit->snippet, "%s=%s", hit->key, hit->redacted);
                char hex[17];
                hash_hex64(hash_fnv64(HASH_FNV64_INIT, value, value_length), hex);
                snprintf(hit->match, sizeof hit->match, "secrets.file-env:%s", hex);
            }
        }
        if (!newline)
            break;
        p = newline + 1;
    }
    return hit->count > 0;
}

/* ---- facts ---- */

/* Markers of code or configuration that loads env files, each documented by
 * its tool: python-dotenv (load_dotenv, dotenv_values), dotenv for Node
 * (require('dotenv'), dotenv/config), godotenv, Ruby/PHP Dotenv, compose and
 * pydantic env_file, docker's --env-file. */
static const char *const secret_files_reader_markers[] = {
    "load_dotenv",   "dotenv_values",  "find_dotenv",   "require('dotenv')", "require(\"dotenv\")",
    "dotenv/config", "dotenv.config(", "from 'dotenv'", "from \"dotenv\"",   "godotenv",
    "Dotenv.load",   "Dotenv\\Dotenv", "python-dotenv", "\"dotenv\":",       "env_file:",
    "env_file=",     "env_file =",     "\"env_file\":", "--env-file",
};

static void secret_files_reader_facts(const struct source_file *file, struct analysis *analysis)
{
    const char *content = file->content;
    size_t length = file->length;
    if (!text_find(content, length, "otenv", 5) && !text_find(content, length, "env_file", 8) &&
        !text_find(content, length, "env-file", 8))
        return;
    int facts = 0;
    const char *p = content, *end = content + length;
    for (int line = 1; p < end && facts < SECRET_FILES_READER_FACTS_MAX; line++) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        size_t line_length = newline ? (size_t)(newline - p) : (size_t)(end - p);
        for (size_t i = 0;
             i < sizeof secret_files_reader_markers / sizeof secret_files_reader_markers[0]; i++) {
            const char *marker = secret_files_reader_markers[i];
            if (!text_find(p, line_length, marker, strlen(marker)))
                continue;
            /* --env-file is an option of docker, podman and compose: only
             * their command lines load a file with it (prose mentions it). */
            if (strcmp(marker, "--env-file") == 0 && !text_find(p, line_length, "docker", 6) &&
                !text_find(p, line_length, "podman", 6) && !text_find(p, line_length, "compose", 7))
                continue;
            analysis_add_fact(analysis, "env.file-reader", line, marker);
            facts++;
            break;
        }
        if (!newline)
            break;
        p = newline + 1;
    }
}

static void secret_files_gitignore_facts(const struct source_file *file, struct analysis *analysis)
{
    const char *p = file->content, *end = file->content + file->length;
    char text[512];
    for (int line = 1; p < end; line++) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        size_t line_length = newline ? (size_t)(newline - p) : (size_t)(end - p);
        if (line_length && p[line_length - 1] == '\r')
            line_length--;
        /* Comments and blank lines are not patterns; overlong lines are not
         * plausible ignore patterns for .env either. */
        if (line_length && line_length < sizeof text && p[0] != '#' &&
            !memchr(p, '\0', line_length)) {
            memcpy(text, p, line_length);
            text[line_length] = '\0';
            analysis_add_fact(analysis, "gitignore.line", line, text);
        }
        if (!newline)
            break;
        p = newline + 1;
    }
}

/* ---- the analyzer ---- */

static void secret_files_run(const struct source_file *file, struct analysis *analysis)
{
    if (strcmp(file->path, ".gitignore") == 0) {
        secret_files_gitignore_facts(file, analysis);
        return;
    }
    if (secret_files_is_env_file(file->path)) {
        struct secret_files_env_hit hit;
        if (!secret_files_under_test_dir(file->path) &&
            secret_files_env_scan(file->content, file->length, &hit)) {
            if (hit.count > 1)
                analysis_add_finding(analysis, "secrets.file-env", hit.line, hit.column,
                                     hit.snippet, hit.match,
                                     "committed .env file sets %s and %d more secret-looking "
                                     "variables: %s",
                                     hit.key, hit.count - 1, hit.redacted);
            else
                analysis_add_finding(analysis, "secrets.file-env", hit.line, hit.column,
                                     hit.snippet, hit.match, "committed .env file sets %s: %s",
                                     hit.key, hit.redacted);
        }
        return;
    }
    const char *rule = secret_files_name_rule(file->path, false, file->content, file->length);
    if (rule) {
        char match[96];
        snprintf(match, sizeof match, "%s:%s", rule, file->path);
        analysis_add_finding(analysis, rule, 1, 0, NULL, match, "%s committed: %s",
                             strcmp(rule, "secrets.file-keystore") == 0 ? "keystore"
                                                                        : "private key file",
                             text_basename(file->path));
        return;
    }
    /* C and C++ never load dotenv files, but code that parses them (this
     * very file) names the markers; tests and fixtures are not the project. */
    const char *language = file->language ? file->language->name : "";
    if (file->role != FILE_ROLE_DOCS && file->role != FILE_ROLE_DATA &&
        strcmp(language, "C") != 0 && strcmp(language, "C++") != 0 &&
        strcmp(language, "C/C++ Header") != 0 && !secret_files_under_test_dir(file->path))
        secret_files_reader_facts(file, analysis);
}

const struct analyzer analyzer_secret_files = {
    .name = "secret-files",
    .applies = NULL, /* every text file: it decides by name, cheaply */
    .run = secret_files_run,
};
