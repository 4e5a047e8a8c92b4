/*
 * test_report: the text and JSON report writers on a hand-built result
 * (report_sample.h). The JSON report is parsed back and checked field by
 * field, for key order and determinism, and validated against
 * docs/report.schema.json with python3-jsonschema when it is installed. The
 * text report is checked for its structure, its width and its escape bytes.
 *
 * These tests must not depend on the rule packs or on any other pipeline
 * stage: the result is built by hand.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "report/report.h"
#include "report_sample.h"

static const struct report_options plain = {.color = false, .version = "9.9.9-test"};
static const struct report_options colored = {.color = true, .version = "9.9.9-test"};

/* Renders with `write` into a heap string the caller frees. */
static char *render(int (*writer)(const struct audit_result *, const struct report_options *,
                                  FILE *),
                    const struct audit_result *result, const struct report_options *options)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    assert_int_equal(writer(result, options, out), 0);
    assert_int_equal(fclose(out), 0);
    assert_non_null(text);
    assert_int_equal(strlen(text), size); /* no NUL byte inside */
    return text;
}

static json_t *parse(const char *text)
{
    json_error_t error;
    json_t *root = json_loads(text, 0, &error);
    if (!root)
        fail_msg("report is not JSON: %s at line %d: %s", error.text, error.line, text);
    return root;
}

static json_t *render_json(const struct audit_result *result, char **text_out)
{
    char *text = render(report_json_write, result, &plain);
    json_t *root = parse(text);
    if (text_out)
        *text_out = text;
    else
        free(text);
    return root;
}

static json_t *member(const json_t *object, const char *key)
{
    assert_true(json_is_object(object));
    json_t *value = json_object_get(object, key);
    if (!value)
        fail_msg("missing member \"%s\"", key);
    return value;
}

static void assert_json_string(const json_t *object, const char *key, const char *expected)
{
    json_t *value = member(object, key);
    assert_true(json_is_string(value));
    assert_string_equal(json_string_value(value), expected);
}

static void assert_json_integer(const json_t *object, const char *key, long long expected)
{
    json_t *value = member(object, key);
    if (!json_is_integer(value))
        fail_msg("\"%s\" is not an integer", key);
    assert_int_equal(json_integer_value(value), expected);
}

static void assert_json_real(const json_t *object, const char *key, double expected)
{
    json_t *value = member(object, key);
    if (!json_is_real(value))
        fail_msg("\"%s\" is not a real", key);
    assert_float_equal(json_real_value(value), expected, 1e-9);
}

static void assert_json_null(const json_t *object, const char *key)
{
    if (!json_is_null(member(object, key)))
        fail_msg("\"%s\" is not null", key);
}

/* The keys of an object, in order, must be exactly `keys` (NULL-terminated). */
static void assert_keys(const json_t *object, const char *const *keys)
{
    const char *key;
    json_t *value;
    size_t i = 0;

    assert_true(json_is_object(object));
    json_object_foreach((json_t *)object, key, value)
    {
        (void)value;
        if (!keys[i])
            fail_msg("unexpected key \"%s\"", key);
        if (strcmp(key, keys[i]) != 0)
            fail_msg("key %zu is \"%s\", expected \"%s\"", i, key, keys[i]);
        i++;
    }
    if (keys[i])
        fail_msg("missing key \"%s\"", keys[i]);
}

static const json_t *finding_with_rule(const json_t *root, const char *rule)
{
    size_t index;
    json_t *finding;
    json_array_foreach(member(root, "findings"), index, finding)
    {
        if (strcmp(json_string_value(member(finding, "rule")), rule) == 0)
            return finding;
    }
    fail_msg("no finding of rule %s", rule);
    return NULL;
}

/* ---- JSON ---- */

static void test_json_top_level(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    char *text;
    json_t *root = render_json(&result, &text);

    static const char *const keys[] = {"schema",       "tool",     "target",     "score",
                                       "grade",        "verdict",  "risk",       "verdict_reasons",
                                       "categories",   "findings", "suppressed", "checks",
                                       "dependencies", "metrics",  "plan",       "targets",
                                       "warnings",     "timing",   NULL};
    assert_keys(root, keys);
    /* Key order holds in the bytes too, not only in jansson's parse. */
    const char *previous = text;
    for (size_t i = 0; keys[i]; i++) {
        char needle[64];
        snprintf(needle, sizeof needle, "\n  \"%s\":", keys[i]);
        const char *at = strstr(text, needle);
        assert_non_null(at);
        assert_true(at > previous);
        previous = at;
    }
    assert_int_equal(text[strlen(text) - 1], '\n');
    assert_int_equal(text[strlen(text) - 2], '}');

    assert_json_string(root, "schema", "prodready/report/v1");
    static const char *const tool_keys[] = {"name", "version", NULL};
    assert_keys(member(root, "tool"), tool_keys);
    assert_json_string(member(root, "tool"), "name", "prodready");
    assert_json_string(member(root, "tool"), "version", "9.9.9-test");
    assert_json_integer(root, "score", 58);
    assert_json_string(root, "grade", "D");
    assert_json_string(root, "verdict", "not-ready");

    json_t *warnings = member(root, "warnings");
    assert_int_equal(json_array_size(warnings), 2);
    assert_string_equal(json_string_value(json_array_get(warnings, 1)),
                        "bad\xef\xbf\xbd(name.txt: too large");

    json_t *timing = member(root, "timing");
    static const char *const timing_keys[] = {"duration_seconds", "timestamp", NULL};
    assert_keys(timing, timing_keys);
    assert_json_real(timing, "duration_seconds", 1.235);
    assert_json_string(timing, "timestamp", "2024-05-01T12:00:00Z");

    json_decref(root);
    free(text);
    arena_destroy(&result.arena);
}

static void test_json_target(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    json_t *root = render_json(&result, NULL);
    json_t *target = member(root, "target");

    static const char *const keys[] = {"path",          "commit",  "files",     "bytes", "kind",
                                       "kind_evidence", "skipped", "languages", NULL};
    assert_keys(target, keys);
    assert_json_string(target, "path", "/srv/repos/shop");
    assert_json_string(target, "commit", "0123456789abcdef0123456789abcdef01234567");
    assert_json_integer(target, "files", 42);
    assert_json_integer(target, "bytes", 123456);
    assert_json_string(target, "kind", "service");

    json_t *evidence = member(target, "kind_evidence");
    assert_int_equal(json_array_size(evidence), 2);
    static const char *const evidence_keys[] = {"file", "line", NULL};
    assert_keys(json_array_get(evidence, 0), evidence_keys);
    assert_json_string(json_array_get(evidence, 0), "file", "app/main.py");
    assert_json_integer(json_array_get(evidence, 0), "line", 12);

    json_t *skipped = member(target, "skipped");
    static const char *const skipped_keys[] = {"binary",    "too_large",  "vendored",
                                               "generated", "unreadable", "symlink",
                                               "unparsed",  "excluded",   NULL};
    assert_keys(skipped, skipped_keys);
    assert_json_integer(skipped, "binary", 3);
    assert_json_integer(skipped, "vendored", 120);
    assert_json_integer(skipped, "symlink", 2);

    json_t *languages = member(target, "languages");
    assert_int_equal(json_array_size(languages), 2);
    static const char *const language_keys[] = {"name", "files", "code", "comment", "blank", NULL};
    assert_keys(json_array_get(languages, 0), language_keys);
    assert_json_string(json_array_get(languages, 0), "name", "Python");
    assert_json_integer(json_array_get(languages, 0), "code", 4000);
    assert_json_integer(json_array_get(languages, 1), "blank", 20);

    json_decref(root);
    arena_destroy(&result.arena);
}

static void test_json_categories(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    json_t *root = render_json(&result, NULL);
    json_t *categories = member(root, "categories");

    assert_int_equal(json_array_size(categories), CATEGORY_COUNT);
    for (int i = 0; i < CATEGORY_COUNT; i++) {
        json_t *category = json_array_get(categories, (size_t)i);
        static const char *const keys[] = {"id",       "title",      "score",
                                           "grade",    "applicable", "checked",
                                           "findings", "deductions", NULL};
        assert_keys(category, keys);
        assert_json_string(category, "id", category_id((enum category)i));
        assert_json_string(category, "title", category_title((enum category)i));
    }
    json_t *security = json_array_get(categories, CATEGORY_SECURITY);
    assert_json_integer(security, "score", 35);
    assert_json_string(security, "grade", "F");
    assert_true(json_is_true(member(security, "applicable")));
    assert_json_integer(security, "findings", 2);
    assert_json_integer(security, "deductions", 65);

    json_t *delivery = json_array_get(categories, CATEGORY_DELIVERY);
    assert_json_null(delivery, "score");
    assert_json_null(delivery, "grade");
    assert_true(json_is_false(member(delivery, "applicable")));

    json_decref(root);
    arena_destroy(&result.arena);
}

static void test_json_findings(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    json_t *root = render_json(&result, NULL);
    json_t *findings = member(root, "findings");

    assert_int_equal(json_array_size(findings), result.finding_count);
    /* Order is the result's: the writer must not re-sort. */
    for (size_t i = 0; i < result.finding_count; i++) {
        json_t *finding = json_array_get(findings, i);
        static const char *const keys[] = {
            "rule",   "category", "severity", "confidence",  "title",          "file", "line",
            "column", "message",  "snippet",  "fingerprint", "effort_minutes", NULL};
        assert_keys(finding, keys);
        assert_json_string(finding, "rule", result.findings[i].rule->id);
        assert_json_string(finding, "fingerprint", result.findings[i].fingerprint);
        assert_int_equal(strlen(result.findings[i].fingerprint), 16);
    }

    const json_t *root_user = finding_with_rule(root, "docker.root-user");
    assert_json_string(root_user, "category", "container");
    assert_json_string(root_user, "severity", "critical");
    assert_json_string(root_user, "confidence", "high");
    assert_json_string(root_user, "title", "Container runs as root");
    assert_json_string(root_user, "file", "Dockerfile");
    assert_json_integer(root_user, "line", 14);
    assert_json_integer(root_user, "column", 1);
    assert_json_string(root_user, "snippet", "CMD [\"python\", \"app.py\"]");
    assert_json_integer(root_user, "effort_minutes", 30);

    /* Repository-level: no file, no line, no column, no snippet. */
    const json_t *policy = finding_with_rule(root, "docs.no-security-policy");
    assert_json_null(policy, "file");
    assert_json_null(policy, "line");
    assert_json_null(policy, "column");
    assert_json_null(policy, "snippet");
    assert_json_string(policy, "category", "documentation");

    /* The finding's severity, not the rule's; invalid UTF-8 replaced by U+FFFD. */
    const json_t *todo = finding_with_rule(root, "quality.todo");
    assert_json_string(todo, "severity", "low");
    assert_json_string(todo, "message",
                       "caf\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd and \xef\xbf\xbd\xef\xbf\xbd end");

    /* JSON keeps hostile bytes, escaped: a consumer sees the real file name. */
    const json_t *eval = finding_with_rule(root, "py.eval");
    assert_json_string(eval, "file", REPORT_SAMPLE_EVIL_FILE);
    assert_json_null(eval, "column");
    assert_json_string(eval, "confidence", "medium");

    json_decref(root);
    arena_destroy(&result.arena);
}

static void test_json_checks_metrics_plan(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    json_t *root = render_json(&result, NULL);

    json_t *checks = member(root, "checks");
    assert_int_equal(json_array_size(checks), 3);
    json_t *passed = json_array_get(checks, 0);
    static const char *const check_keys[] = {"id",      "category", "status", "title",
                                             "summary", "evidence", "rule",   NULL};
    assert_keys(passed, check_keys);
    assert_json_string(passed, "id", "ci.runs-tests");
    assert_json_string(passed, "category", "ci");
    assert_json_string(passed, "status", "pass");
    assert_json_string(passed, "title", "CI runs the tests");
    assert_json_null(passed, "rule");
    json_t *evidence = member(passed, "evidence");
    assert_int_equal(json_array_size(evidence), 2);
    static const char *const evidence_keys[] = {"file", "line", "note", NULL};
    assert_keys(json_array_get(evidence, 0), evidence_keys);
    assert_json_string(json_array_get(evidence, 0), "file", ".github/workflows/ci.yml");
    assert_json_integer(json_array_get(evidence, 0), "line", 31);
    assert_json_string(json_array_get(evidence, 0), "note", "pytest");
    assert_json_null(json_array_get(evidence, 1), "line");
    assert_json_null(json_array_get(evidence, 1), "note");

    json_t *skipped = json_array_get(checks, 1);
    assert_json_string(skipped, "status", "not-checked");
    assert_json_null(json_array_get(member(skipped, "evidence"), 0), "file");
    json_t *failed = json_array_get(checks, 2);
    assert_json_string(failed, "status", "fail");
    assert_json_string(failed, "rule", "docs.no-security-policy");
    assert_int_equal(json_array_size(member(failed, "evidence")), 0);

    json_t *metrics = member(root, "metrics");
    static const char *const metric_keys[] = {"tests",    "todo", "rules_run", "coverage_percent",
                                              "coverage", NULL};
    assert_keys(metrics, metric_keys);
    assert_json_integer(member(metrics, "tests"), "files", 17);
    assert_json_integer(metrics, "todo", 15);
    assert_json_integer(metrics, "rules_run", 120);
    /* Not measured is null, never 0. */
    assert_json_null(metrics, "coverage_percent");
    assert_json_null(member(metrics, "coverage"), "line_percent");
    assert_json_null(member(metrics, "tests"), "results");

    json_t *plan = member(root, "plan");
    static const char *const plan_keys[] = {
        "total_hours", "debt_days", "phases",   "items",       "capacity_hours_per_week",
        "team",        "weeks",     "schedule", "hourly_rate", "cost",
        "next_step",   NULL};
    assert_keys(plan, plan_keys);
    assert_json_real(plan, "total_hours", 74.0);
    assert_json_real(plan, "debt_days", 9.3); /* 74 / 8 = 9.25 */
    json_t *phase = json_array_get(member(plan, "phases"), 0);
    static const char *const phase_keys[] = {"id", "name", "hours", "findings", NULL};
    assert_keys(phase, phase_keys);
    assert_json_integer(phase, "id", 1);
    assert_json_string(phase, "name", "Critical security & safety");
    assert_json_real(phase, "hours", 16.0);
    json_t *fingerprints = member(phase, "findings");
    assert_int_equal(json_array_size(fingerprints), 2);
    for (size_t i = 0; i < json_array_size(fingerprints); i++) {
        const char *fingerprint = json_string_value(json_array_get(fingerprints, i));
        assert_non_null(fingerprint);
        assert_int_equal(strspn(fingerprint, "0123456789abcdef"), 16);
        assert_int_equal(strlen(fingerprint), 16);
    }
    assert_json_real(json_array_get(member(plan, "phases"), 1), "hours", 58.0);
    assert_int_equal(json_array_size(member(json_array_get(member(plan, "phases"), 1), "findings")),
                     0);

    json_decref(root);
    arena_destroy(&result.arena);
}

static void test_json_numbers(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    /* Values that round to -0.0, and a clock that produced garbage. */
    result.plan_total_hours = -0.04;
    result.phases[0].hours = -0.01;
    result.duration_seconds = NAN;
    char *text;
    json_t *root = render_json(&result, &text);

    assert_null(strstr(text, ": -0"));
    assert_null(strstr(text, "nan"));
    json_t *plan = member(root, "plan");
    assert_json_real(plan, "total_hours", 0.0);
    assert_json_real(plan, "debt_days", 0.0);
    assert_json_real(json_array_get(member(plan, "phases"), 0), "hours", 0.0);
    assert_json_real(member(root, "timing"), "duration_seconds", 0.0);
    /* Reals print short: 9.3, not 9.3000000000000007. */
    json_decref(root);
    free(text);

    result.plan_total_hours = 74.0;
    text = render(report_json_write, &result, &plain);
    assert_non_null(strstr(text, "\"debt_days\": 9.3,"));
    assert_non_null(strstr(text, "\"total_hours\": 74.0,"));
    free(text);
    arena_destroy(&result.arena);
}

/* Same input, same bytes; different clocks differ only inside "timing". */
static void test_json_deterministic(void **state)
{
    (void)state;
    struct audit_result first, second;
    report_sample_build(&first);
    report_sample_build(&second);
    second.duration_seconds = 99.5;
    second.timestamp = "2030-01-01T00:00:00Z";

    char *a = render(report_json_write, &first, &plain);
    char *again = render(report_json_write, &first, &plain);
    char *b = render(report_json_write, &second, &plain);
    assert_string_equal(a, again);
    assert_string_not_equal(a, b);

    json_t *left = parse(a), *right = parse(b);
    assert_int_equal(json_object_del(left, "timing"), 0);
    assert_int_equal(json_object_del(right, "timing"), 0);
    assert_true(json_equal(left, right));

    json_decref(left);
    json_decref(right);
    free(a);
    free(again);
    free(b);
    arena_destroy(&first.arena);
    arena_destroy(&second.arena);
}

static void test_json_empty(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_empty(&result);
    json_t *root = render_json(&result, NULL);
    json_t *target = member(root, "target");

    assert_json_string(target, "path", ".");
    assert_json_null(target, "commit");
    assert_json_string(target, "kind", "unknown");
    assert_int_equal(json_array_size(member(target, "kind_evidence")), 0);
    assert_int_equal(json_array_size(member(target, "languages")), 0);
    assert_int_equal(json_array_size(member(root, "findings")), 0);
    assert_int_equal(json_array_size(member(root, "checks")), 0);
    assert_int_equal(json_array_size(member(root, "warnings")), 0);
    assert_int_equal(json_array_size(member(member(root, "plan"), "phases")), 0);
    assert_int_equal(json_array_size(member(root, "categories")), CATEGORY_COUNT);
    assert_json_null(member(root, "timing"), "timestamp");

    json_decref(root);
    arena_destroy(&result.arena);
}

static void test_json_write_error(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    /* A stream opened for reading refuses every write. */
    FILE *out = fopen("/dev/null", "r");
    if (!out)
        skip();
    assert_int_equal(report_json_write(&result, &plain, out), -1);
    assert_int_not_equal(errno, 0);
    fclose(out);
    arena_destroy(&result.arena);
}

/* ---- schema validation (python3-jsonschema) ---- */

#define PYTHON "/usr/bin/python3"

static const char validate_script[] =
    "import json, sys\n"
    "try:\n"
    "    import jsonschema\n"
    "except ImportError:\n"
    "    sys.exit(77)\n"
    "schema = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "jsonschema.Draft202012Validator.check_schema(schema)\n"
    "document = json.load(open(sys.argv[2], encoding='utf-8'))\n"
    "errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))\n"
    "for error in errors:\n"
    "    path = '/'.join(str(part) for part in error.absolute_path)\n"
    "    print('schema: ' + path + ': ' + error.message, file=sys.stderr)\n"
    "sys.exit(1 if errors else 0)\n";

enum validation { VALID, INVALID, UNAVAILABLE };

static bool schema_path(char *out, size_t size)
{
    const char *root = getenv("PRODREADY_SOURCE_DIR");
    if (!root || !*root)
        return false;
    snprintf(out, size, "%s/docs/report.schema.json", root);
    return access(out, R_OK) == 0;
}

static enum validation validate(const char *json_text, bool quiet)
{
    char schema[4096];
    if (!schema_path(schema, sizeof schema) || access(PYTHON, X_OK) != 0)
        return UNAVAILABLE;

    char document[] = "/tmp/prodready-report-XXXXXX";
    int fd = mkstemp(document);
    assert_true(fd >= 0);
    size_t length = strlen(json_text);
    assert_int_equal(write(fd, json_text, length), (ssize_t)length);
    assert_int_equal(close(fd), 0);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (quiet) {
            FILE *null = freopen("/dev/null", "w", stderr);
            (void)null;
        }
        execl(PYTHON, PYTHON, "-c", validate_script, schema, document, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    unlink(document);
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 77 || WEXITSTATUS(status) == 127)
        return UNAVAILABLE;
    if (WEXITSTATUS(status) == 0)
        return VALID;
    if (WEXITSTATUS(status) != 1)
        fail_msg("schema validation crashed (exit %d): is the schema itself valid?",
                 WEXITSTATUS(status));
    return INVALID;
}

static void skip_note(void)
{
    printf("note: schema validation skipped (needs " PYTHON " with jsonschema and "
           "PRODREADY_SOURCE_DIR)\n");
}

static void test_json_schema_valid(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    char *text = render(report_json_write, &result, &plain);
    enum validation verdict = validate(text, false);
    free(text);
    arena_destroy(&result.arena);
    if (verdict == UNAVAILABLE) {
        skip_note();
        skip();
    }
    assert_int_equal(verdict, VALID);

    report_sample_empty(&result);
    text = render(report_json_write, &result, &plain);
    assert_int_equal(validate(text, false), VALID);
    free(text);
    arena_destroy(&result.arena);
}

/* The schema must reject what the contract forbids, or it checks nothing. */
static void test_json_schema_rejects(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    char *text = render(report_json_write, &result, &plain);
    json_t *good = parse(text);
    free(text);
    arena_destroy(&result.arena);

    text = json_dumps(good, JSON_PRESERVE_ORDER);
    enum validation baseline = validate(text, false);
    free(text);
    if (baseline == UNAVAILABLE) {
        json_decref(good);
        skip_note();
        skip();
    }
    assert_int_equal(baseline, VALID);

    for (int mutation = 0; mutation < 8; mutation++) {
        json_t *bad = json_deep_copy(good);
        json_t *finding = json_array_get(json_object_get(bad, "findings"), 0);
        json_t *category = json_array_get(json_object_get(bad, "categories"), 0);
        switch (mutation) {
        case 0:
            json_object_set_new(finding, "fingerprint", json_string("XYZ"));
            break;
        case 1:
            json_object_set_new(finding, "severity", json_string("urgent"));
            break;
        case 2:
            json_object_set_new(finding, "rule", json_string("NoNamespace"));
            break;
        case 3:
            json_object_set_new(category, "score", json_null()); /* applicable, no score */
            break;
        case 4:
            json_object_del(bad, "timing");
            break;
        case 5:
            json_object_set_new(finding, "line", json_integer(0));
            break;
        case 6:
            json_object_set_new(bad, "verdict", json_string("maybe"));
            break;
        case 7:
            json_array_remove(json_object_get(bad, "categories"), 0);
            break;
        }
        text = json_dumps(bad, JSON_PRESERVE_ORDER);
        if (validate(text, true) != INVALID)
            fail_msg("schema accepted mutation %d", mutation);
        free(text);
        json_decref(bad);
    }
    json_decref(good);
}

/* ---- text ---- */

/* Every line of plain text fits in 100 columns (one per code point). */
static void assert_width(const char *text)
{
    size_t columns = 0, line = 1;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c == '\n') {
            columns = 0;
            line++;
            continue;
        }
        if ((*c & 0xc0) != 0x80)
            columns++;
        if (columns > 100)
            fail_msg("line %zu is longer than 100 columns:\n%s", line, text);
    }
}

static void assert_before(const char *text, const char *first, const char *second)
{
    const char *a = strstr(text, first), *b = strstr(text, second);
    if (!a || !b)
        fail_msg("missing \"%s\" or \"%s\" in:\n%s", first, second, text);
    if (a >= b)
        fail_msg("\"%s\" should come before \"%s\" in:\n%s", first, second, text);
}

static void assert_contains(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("missing \"%s\" in:\n%s", needle, text);
}

static void test_text_plain(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    char *text = render(report_text_write, &result, &plain);

    assert_null(strchr(text, '\x1b'));
    for (const char *c = text; *c; c++) {
        if ((unsigned char)*c < 0x20 && *c != '\n')
            fail_msg("control byte 0x%02x in plain text", (unsigned char)*c);
    }
    assert_width(text);

    /* Header first, then the verdict, then the categories. */
    assert_contains(text, "prodready 9.9.9-test audit of /srv/repos/shop\n");
    assert_contains(text, "kind: service (app/main.py:12");
    assert_contains(text, "files: 42 | lines: 5430 | commit: 0123456789ab\n");
    assert_before(text, "/srv/repos/shop", "SCORE 58/100");
    assert_contains(text, "GRADE D");
    assert_contains(text, "VERDICT NOT-READY");
    assert_before(text, "VERDICT", "Categories");
    assert_contains(text, "  security        Security          35  F             2\n");
    assert_contains(text, "  delivery        Delivery         n/a  n/a           0\n");

    /* Findings by severity, critical first, each with its location. */
    assert_before(text, "Categories", "CRITICAL (2)");
    assert_before(text, "CRITICAL (2)", "HIGH (1)");
    assert_before(text, "HIGH (1)", "MEDIUM (1)");
    assert_before(text, "MEDIUM (1)", "LOW (1)");
    assert_contains(text, "Dockerfile:14  docker.root-user");
    assert_contains(text, "(repository)  docs.no-security-policy");
    assert_before(text, "CRITICAL (2)", "Dockerfile:14");
    /* The fix of a blocker keeps its paragraphs. */
    assert_contains(text, "fix: Add a non-root user");
    assert_contains(text, "USER app\n");
    assert_contains(text, "fix: Replace eval with ast.literal_eval");
    /* No fix shown below high. */
    assert_null(strstr(text, "Add SECURITY.md with a contact"));

    /* Hostile bytes neutralised; invalid UTF-8 shown as '?'. */
    assert_contains(text, "src/evil?[31m?name.py:3  py.eval");
    assert_contains(text, "eval of request data ?]0;pwned? here");
    assert_contains(text, "caf\xc3\xa9 ?? and ?? end");

    /* Checks: passes with evidence, failures with what was searched. */
    assert_contains(text, "[pass] ci.runs-tests - CI runs the tests");
    assert_contains(text, ".github/workflows/ci.yml:31  pytest");
    assert_contains(text, "[FAIL] docs.security-policy - SECURITY.md present");
    assert_contains(text, "         searched SECURITY.md, .github/SECURITY.md, docs/SECURITY.md\n");
    assert_before(text, "Checks passed (1)", "Checks failed (1)");

    /* Footer. */
    assert_contains(text, "2 warnings");
    assert_contains(text, "3 binary, 1 too large, 120 vendored, 2 symlink");
    assert_contains(text, "audit took 1.23 s");
    assert_contains(text, "Plan: 74.0 hours (9.3 developer-days)");

    free(text);
    arena_destroy(&result.arena);
}

static void test_text_color(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    char *text = render(report_text_write, &result, &colored);

    assert_non_null(strchr(text, '\x1b'));
    assert_contains(text, "\x1b[0m");
    /* Colour never lets a file name's own escapes through. */
    assert_contains(text, "src/evil?[31m?name.py:3");
    assert_null(strstr(text, "\x1b]0;pwned"));
    assert_null(strchr(text, '\x07'));

    free(text);
    arena_destroy(&result.arena);
}

static void test_text_wrapping(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    char long_word[300];
    memset(long_word, 'x', sizeof long_word - 1);
    long_word[sizeof long_word - 1] = '\0';
    char message[600];
    snprintf(message, sizeof message, "short words then %s and more words after it", long_word);
    /* A critical finding, so that its snippet is shown (and cut). */
    size_t index = 0;
    while (result.findings[index].severity != SEVERITY_CRITICAL)
        index++;
    result.findings[index].message = message;
    result.findings[index].snippet = long_word;
    result.path = long_word;
    char *text = render(report_text_write, &result, &plain);

    assert_width(text);
    assert_contains(text, "short words then");
    assert_contains(text, "and more words after it");
    assert_contains(text, "...");

    free(text);
    arena_destroy(&result.arena);
}

static void test_text_empty(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_empty(&result);
    char *text = render(report_text_write, &result, &plain);

    assert_contains(text, "VERDICT READY");
    assert_contains(text, "Findings: none");
    assert_contains(text, "skipped: none");
    assert_width(text);

    free(text);
    arena_destroy(&result.arena);
}

static void test_text_write_error(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    FILE *out = fopen("/dev/null", "r");
    if (!out)
        skip();
    assert_int_equal(report_text_write(&result, &plain, out), -1);
    fclose(out);
    arena_destroy(&result.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_top_level),
        cmocka_unit_test(test_json_target),
        cmocka_unit_test(test_json_categories),
        cmocka_unit_test(test_json_findings),
        cmocka_unit_test(test_json_checks_metrics_plan),
        cmocka_unit_test(test_json_numbers),
        cmocka_unit_test(test_json_deterministic),
        cmocka_unit_test(test_json_empty),
        cmocka_unit_test(test_json_write_error),
        cmocka_unit_test(test_json_schema_valid),
        cmocka_unit_test(test_json_schema_rejects),
        cmocka_unit_test(test_text_plain),
        cmocka_unit_test(test_text_color),
        cmocka_unit_test(test_text_wrapping),
        cmocka_unit_test(test_text_empty),
        cmocka_unit_test(test_text_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
