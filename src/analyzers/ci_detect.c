/*
 * ci_detect: the CI facts that come from a file's name and a light reading
 * of its lines rather than from a full parse — which other CI systems are
 * configured (CircleCI, Jenkins, Azure Pipelines, Bitbucket Pipelines,
 * Travis CI, Drone; fact "ci.system", and their test, lint and scan steps
 * read line by line with ci_script.h), a pre-commit configuration
 * ("ci.pre-commit", and what its hooks check as "ci.hook.*"), what shell
 * scripts run ("ci.script.*", for the CI jobs that call them), Dependabot or Renovate
 * ("ci.dependency-updates"), and coverage gates set in tool configuration (codecov targets,
 * coverage.py `fail_under`, jest `coverageThreshold`, vitest `thresholds`; "ci.coverage-gate").
 *
 * CI systems are only recognized where they read their configuration (the
 * repository root, or .circleci/), so a sample pipeline inside a test
 * fixture does not count as the project's CI. It must not judge anything:
 * checks/ci.c does.
 */
#include "analyzers/ci_script.h"
#include "util/text.h"

#include <string.h>

struct ci_detect_system {
    const char *path;
    const char *name;
};

static const struct ci_detect_system ci_detect_systems[] = {
    {".circleci/config.yml", "CircleCI"},
    {".circleci/config.yaml", "CircleCI"},
    {"Jenkinsfile", "Jenkins"},
    {"azure-pipelines.yml", "Azure Pipelines"},
    {"azure-pipelines.yaml", "Azure Pipelines"},
    {"bitbucket-pipelines.yml", "Bitbucket Pipelines"},
    {".travis.yml", "Travis CI"},
    {".drone.yml", "Drone"},
    {".drone.yaml", "Drone"},
};

static const char *const ci_detect_renovate[] = {"renovate.json",
                                                 "renovate.json5",
                                                 ".renovaterc",
                                                 ".renovaterc.json",
                                                 ".renovaterc.json5",
                                                 ".github/renovate.json",
                                                 ".github/renovate.json5",
                                                 ".gitlab/renovate.json",
                                                 ".gitlab/renovate.json5",
                                                 NULL};

static const char *const ci_detect_codecov[] = {
    "codecov.yml", ".codecov.yml", "codecov.yaml", ".codecov.yaml", ".github/codecov.yml", NULL};

#define CI_DETECT_COUNT(array) (sizeof(array) / sizeof((array)[0]))

static const char *ci_detect_system(const char *path)
{
    for (size_t i = 0; i < CI_DETECT_COUNT(ci_detect_systems); i++)
        if (ci_detect_systems[i].path[0] == path[0] && strcmp(path, ci_detect_systems[i].path) == 0)
            return ci_detect_systems[i].name;
    return NULL;
}

static bool ci_detect_in(const char *path, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (names[i][0] == path[0] && strcmp(path, names[i]) == 0)
            return true;
    return false;
}

/* Configuration files a coverage threshold can live in, and the setting
 * that sets it. */
static const char *ci_detect_gate_setting(const char *path)
{
    const char *name = text_basename(path);
    if (ci_detect_in(path, ci_detect_codecov))
        return "target:";
    if (strcmp(name, "pyproject.toml") == 0 || strcmp(name, "setup.cfg") == 0 ||
        strcmp(name, ".coveragerc") == 0 || strcmp(name, "tox.ini") == 0)
        return "fail_under";
    if (strcmp(name, "package.json") == 0 || text_prefix_nocase(name, "jest.config."))
        return "coverageThreshold";
    if (text_prefix_nocase(name, "vitest.config.") || text_prefix_nocase(name, "vite.config."))
        return "thresholds";
    return NULL;
}

/* Shell scripts, which CI jobs often call instead of naming the tools. */
static bool ci_detect_is_shell(const struct source_file *file)
{
    return language_is_shell(file->language);
}

static bool ci_detect_applies(const struct source_file *file)
{
    const char *path = file->path;
    return ci_detect_system(path) || ci_detect_is_shell(file) ||
           strcmp(path, ".pre-commit-config.yaml") == 0 ||
           strcmp(path, ".pre-commit-config.yml") == 0 ||
           strcmp(path, ".github/dependabot.yml") == 0 ||
           strcmp(path, ".github/dependabot.yaml") == 0 || ci_detect_in(path, ci_detect_renovate) ||
           ci_detect_gate_setting(path) != NULL;
}

/* Whether a threshold line sets a real gate: a number above zero follows
 * (`fail_under = 80`, `"lines": 90`, `target: 85%`), or codecov's `auto`. */
static bool ci_detect_gate_value(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (text[i] >= '1' && text[i] <= '9')
            return true;
        if (i + 4 <= length && memcmp(text + i, "auto", 4) == 0)
            return true;
    }
    return false;
}

static void ci_detect_gates(const struct source_file *file, struct analysis *analysis,
                            const char *setting)
{
    size_t setting_length = strlen(setting);
    int line = 1;
    for (size_t start = 0; start < file->length; line++) {
        const char *text = file->content + start;
        const char *newline = memchr(text, '\n', file->length - start);
        size_t length = newline ? (size_t)(newline - text) : file->length - start;
        for (size_t i = 0; i + setting_length <= length; i++) {
            if (memcmp(text + i, setting, setting_length) != 0)
                continue;
            /* A one-line value is judged here; a jest/vitest block opening
             * ("coverageThreshold": {) sets numbers on the next lines. */
            const char *rest = text + i + setting_length;
            size_t rest_length = length - i - setting_length;
            bool block = memchr(rest, '{', rest_length) != NULL;
            if (block || ci_detect_gate_value(rest, rest_length))
                analysis_add_fact(analysis, "ci.coverage-gate", line,
                                  ci_script_note(analysis->arena, text, length, i));
            break;
        }
        start += length + 1;
    }
}

/* What each line of a pre-commit configuration ("- id: mypy") or a shell
 * script does, as facts "<prefix><kind>" ("ci.hook.type-check",
 * "ci.script.test"): they count for CI only where CI runs pre-commit or
 * calls that script (checks/ci.c decides). */
static void ci_detect_lines(const struct source_file *file, struct analysis *analysis,
                            const char *prefix)
{
    int line = 1;
    for (size_t start = 0; start < file->length; line++) {
        const char *text = file->content + start;
        const char *newline = memchr(text, '\n', file->length - start);
        size_t length = newline ? (size_t)(newline - text) : file->length - start;
        size_t offsets[CI_SCRIPT_KIND_COUNT] = {0};
        unsigned kinds = ci_script_line(text, length, offsets);
        for (int kind = 0; kind < CI_SCRIPT_KIND_COUNT; kind++)
            if (kinds & CI_SCRIPT_BIT(kind))
                analysis_add_fact(analysis,
                                  arena_printf(analysis->arena, "%s%s", prefix,
                                               ci_script_fact_key((enum ci_script_kind)kind) + 3),
                                  line,
                                  ci_script_note(analysis->arena, text, length, offsets[kind]));
        start += length + 1;
    }
}

static void ci_detect_run(const struct source_file *file, struct analysis *analysis)
{
    const char *path = file->path;
    const char *system = ci_detect_system(path);
    if (system) {
        analysis_add_fact(analysis, "ci.system", 1, system);
        ci_script_record_lines(analysis, file->content, file->length, 1);
        return;
    }
    if (strncmp(path, ".pre-commit-config.", 19) == 0) {
        analysis_add_fact(analysis, "ci.pre-commit", 1, "pre-commit hooks configured");
        ci_detect_lines(file, analysis, "ci.hook.");
        return;
    }
    if (strncmp(path, ".github/dependabot.", 19) == 0) {
        analysis_add_fact(analysis, "ci.dependency-updates", 1, "Dependabot");
        return;
    }
    if (ci_detect_in(path, ci_detect_renovate)) {
        analysis_add_fact(analysis, "ci.dependency-updates", 1, "Renovate");
        return;
    }
    if (ci_detect_is_shell(file)) {
        ci_detect_lines(file, analysis, "ci.script.");
        return;
    }
    const char *setting = ci_detect_gate_setting(path);
    if (setting)
        ci_detect_gates(file, analysis, setting);
}

const struct analyzer analyzer_ci_detect = {
    .name = "ci_detect",
    .applies = ci_detect_applies,
    .run = ci_detect_run,
};
