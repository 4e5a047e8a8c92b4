/*
 * report_sample: a hand-built audit_result for the report-format tests, so
 * every writer (text, json, and the formats still to come) is exercised on
 * the same awkward data: a repository-level finding (file NULL, line 0), a
 * non-applicable category, invalid UTF-8, terminal escapes and control
 * characters in a file name, message and snippet, a check of every status.
 *
 * Test-only: it must not be included by anything under src/. It builds its
 * own rules so the tests do not depend on which rule packs exist.
 */
#ifndef PRODREADY_TESTS_REPORT_SAMPLE_H
#define PRODREADY_TESTS_REPORT_SAMPLE_H

#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "util/arena.h"

/* A file name holding ESC sequences and a bell: it must reach a terminal as
 * harmless '?' and a JSON consumer as the escaped original. */
#define REPORT_SAMPLE_EVIL_FILE "src/evil\x1b[31m\x07name.py"
/* \xff and a truncated sequence are invalid UTF-8. */
#define REPORT_SAMPLE_BAD_UTF8 "caf\xc3\xa9 \xff\xfe and \xe2\x82 end"

static inline const struct rule *report_sample_rules(size_t *count)
{
    static const char *const references[] = {"https://cwe.mitre.org/data/definitions/250.html"};
    static const struct rule rules[] = {
        {"docker.root-user", CATEGORY_CONTAINER, SEVERITY_CRITICAL, CONFIDENCE_HIGH, 30,
         PROJECT_KIND_ALL, "Container runs as root",
         "A compromise of the process is a compromise of the container's root.",
         "Add a non-root user and a USER instruction to the final stage, e.g.\n"
         "RUN useradd --system app\nUSER app",
         references, 1, "rules/container.yml", 3, .pattern = NULL},
        {"secrets.aws-access-key", CATEGORY_SECURITY, SEVERITY_CRITICAL, CONFIDENCE_HIGH, 60,
         PROJECT_KIND_ALL, "AWS access key committed", "Anyone with the repository can use it.",
         "Revoke the key in IAM, remove it from history and load it from the environment.",
         references, 1, "rules/secrets.yml", 10, .pattern = NULL},
        {"py.eval", CATEGORY_SECURITY, SEVERITY_HIGH, CONFIDENCE_MEDIUM, 45, PROJECT_KIND_ALL,
         "eval on dynamic input", "Arbitrary code execution.",
         "Replace eval with ast.literal_eval or an explicit parser; never evaluate request data. "
         "This sentence is deliberately long so that the fix has to be wrapped over several "
         "lines of the terminal report without any line growing past one hundred columns.",
         references, 1, "rules/python.yml", 20, .pattern = NULL},
        {"docs.no-security-policy", CATEGORY_DOCUMENTATION, SEVERITY_MEDIUM, CONFIDENCE_HIGH, 30,
         PROJECT_KIND_ALL, "No SECURITY.md", "Reporters do not know where to send issues.",
         "Add SECURITY.md with a contact and a disclosure policy.", references, 1,
         "rules/documentation.yml", 5, .pattern = NULL},
        {"quality.todo", CATEGORY_QUALITY, SEVERITY_INFO, CONFIDENCE_LOW, 5, PROJECT_KIND_ALL,
         "TODO marker", "Unfinished work.", "Finish it or file an issue.", references, 1,
         "rules/quality.yml", 8, .pattern = NULL},
    };
    *count = sizeof rules / sizeof rules[0];
    return rules;
}

static inline const struct rule *report_sample_rule(const char *id)
{
    size_t count;
    const struct rule *rules = report_sample_rules(&count);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    }
    abort();
}

/* An empty but well-formed result: what an audit of an empty directory gives. */
static inline void report_sample_empty(struct audit_result *result)
{
    memset(result, 0, sizeof *result);
    arena_init(&result->arena);
    result->path = ".";
    result->kind = PROJECT_KIND_UNKNOWN;
    result->score = 100;
    memcpy(result->grade, "A", 2);
    result->verdict = "ready";
    result->risk = "low";
    result->plan_settings = (struct plan_settings){40.0, 1, 0.0};
}

static inline void report_sample_build(struct audit_result *result)
{
    struct arena *arena = &result->arena;

    report_sample_empty(result);
    result->path = arena_strdup(arena, "/srv/repos/shop");
    result->commit = arena_strdup(arena, "0123456789abcdef0123456789abcdef01234567");
    result->files = 42;
    result->bytes = 123456;
    result->kind = PROJECT_KIND_SERVICE;
    result->kind_evidence = arena_alloc(arena, 2 * sizeof *result->kind_evidence);
    result->kind_evidence[0] = (struct evidence){"app/main.py", 12, "Flask app.run"};
    result->kind_evidence[1] = (struct evidence){"Dockerfile", 20, "CMD starts a server"};
    result->kind_evidence_count = 2;
    result->skipped = (struct skipped_counts){3, 1, 120, 0, 0, 2, 0, 0};

    result->languages = arena_alloc(arena, 2 * sizeof *result->languages);
    result->languages[0] = (struct language_stats){"Python", 30, {4000, 500, 700}};
    result->languages[1] = (struct language_stats){"YAML", 5, {200, 10, 20}};
    result->language_count = 2;

    result->score = 58;
    memcpy(result->grade, "D", 2);
    result->verdict = "not-ready";
    result->risk = "critical";
    for (int i = 0; i < CATEGORY_COUNT; i++) {
        result->categories[i] = (struct category_result){80, "B", true, true, 0, 20};
    }
    result->categories[CATEGORY_SECURITY] = (struct category_result){35, "F", true, true, 2, 65};
    result->categories[CATEGORY_CONTAINER] = (struct category_result){70, "C", true, true, 1, 30};
    /* Not applicable: the score and grade hold leftovers a writer must not show. */
    result->categories[CATEGORY_DELIVERY] = (struct category_result){0, "F", false, true, 0, 0};

    const struct finding findings[] = {
        {report_sample_rule("docker.root-user"), SEVERITY_CRITICAL, "Dockerfile", 14, 1,
         "final stage runs as root: no USER instruction", "CMD [\"python\", \"app.py\"]", NULL, "",
         false, NULL, NULL},
        {report_sample_rule("secrets.aws-access-key"), SEVERITY_CRITICAL, "app/config.py", 7, 13,
         "AWS access key id in source", "AWS_KEY = \"AKIA\xe2\x80\xa6(20)\"", "AKIAEXAMPLE", "",
         false, NULL, NULL},
        {report_sample_rule("py.eval"), SEVERITY_HIGH, REPORT_SAMPLE_EVIL_FILE, 3, 0,
         "eval of request data \x1b]0;pwned\x07 here", "\tresult = eval(request.args[\"q\"])", NULL,
         "", false, NULL, NULL},
        {report_sample_rule("docs.no-security-policy"), SEVERITY_MEDIUM, NULL, 0, 0,
         "no SECURITY.md: searched SECURITY.md, .github/SECURITY.md, docs/SECURITY.md", NULL, NULL,
         "", false, NULL, NULL},
        /* The config lowered this rule: the finding's severity wins over the rule's. */
        {report_sample_rule("quality.todo"), SEVERITY_LOW, "app/util.py", 40, 5,
         REPORT_SAMPLE_BAD_UTF8, NULL, NULL, "", false, NULL, NULL},
    };
    result->finding_count = sizeof findings / sizeof findings[0];
    result->findings = arena_alloc(arena, sizeof findings);
    memcpy(result->findings, findings, sizeof findings);
    for (size_t i = 0; i < result->finding_count; i++)
        finding_fingerprint(&result->findings[i]);
    qsort(result->findings, result->finding_count, sizeof *result->findings, finding_compare);

    result->checks = arena_alloc(arena, 3 * sizeof *result->checks);
    struct evidence *passed = arena_alloc(arena, 2 * sizeof *passed);
    passed[0] = (struct evidence){".github/workflows/ci.yml", 31, "pytest"};
    passed[1] = (struct evidence){"pytest.ini", 0, NULL};
    struct evidence *skipped = arena_alloc(arena, sizeof *skipped);
    skipped[0] = (struct evidence){NULL, 0, NULL};
    result->checks[0] = (struct check){"ci.runs-tests",
                                       CATEGORY_CI,
                                       CHECK_PASS,
                                       "CI runs the tests",
                                       "a workflow step runs pytest",
                                       passed,
                                       2,
                                       NULL};
    result->checks[1] = (struct check){"delivery.release-cadence",
                                       CATEGORY_DELIVERY,
                                       CHECK_NOT_CHECKED,
                                       "Releases are regular",
                                       "not a git repository",
                                       skipped,
                                       1,
                                       NULL};
    result->checks[2] =
        (struct check){"docs.security-policy",
                       CATEGORY_DOCUMENTATION,
                       CHECK_FAIL,
                       "SECURITY.md present",
                       "searched SECURITY.md, .github/SECURITY.md, docs/SECURITY.md",
                       NULL,
                       0,
                       "docs.no-security-policy"};
    result->check_count = 3;

    result->test_files = 17;
    result->todo_count = 15;
    result->rules_run = 120;

    result->plan_total_hours = 74.0;
    result->phases = arena_alloc(arena, 2 * sizeof *result->phases);
    const char **critical = arena_alloc(arena, 2 * sizeof *critical);
    size_t critical_count = 0;
    for (size_t i = 0; i < result->finding_count; i++) {
        if (result->findings[i].severity == SEVERITY_CRITICAL)
            critical[critical_count++] = result->findings[i].fingerprint;
    }
    result->phases[0] =
        (struct plan_phase){1, "Critical security & safety", 16.04, critical_count, critical};
    result->phases[1] = (struct plan_phase){2, "Testing & quality", 57.96, 0, NULL};
    result->phase_count = 2;

    result->warnings = arena_alloc(arena, 2 * sizeof *result->warnings);
    result->warnings[0] = "vendor/blob.bin: unreadable (Permission denied)";
    result->warnings[1] = "bad\xc3\x28name.txt: too large";
    result->warning_count = 2;

    result->duration_seconds = 1.2346;
    result->timestamp = "2024-05-01T12:00:00Z";
}

#endif
