/*
 * testing: the repository-level checks of the `testing` category, over the
 * testing.* facts of analyzers/testing.c (and ci.coverage-gate of
 * analyzers/ci_detect.c) and the test metrics of metrics/test_metrics.c:
 * whether tests exist and with which framework, which kinds (unit,
 * integration, end-to-end, load, fuzz, property-based), whether they are all
 * skipped, whether coverage is measured, gated and above the target, and
 * what the JUnit results say. Each check passes with the lines that prove
 * it or fails saying what was searched; the failures that matter raise the
 * rules of rules/testing.yml.
 *
 * It reads only the check context: it must not open files.
 */
#include "checks/check.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TESTING_EVIDENCE_MAX = 5 };

#define TESTING_FRAMEWORKS                                                                         \
    "pytest, unittest, jest, vitest, mocha, go test, JUnit, TestNG, RSpec, minitest, cargo "       \
    "test, xUnit, NUnit, MSTest, PHPUnit, GoogleTest, cmocka"

/* Facts from test data (fixtures, fuzz corpora, testdata/) describe
 * other projects: analyzers/testing.c skips those files, but the ci.*
 * facts this family also reads come from every file. */
static bool testing_from_test_data(const struct fact *fact)
{
    static const char *const dirs[] = {"fixtures",  "fixture", "testdata", "test_data",
                                       "test-data", "corpus",  NULL};
    const char *path = fact->file;
    if (!path)
        return false;
    const char *base = text_basename(path);
    for (const char *start = path; start < base;) {
        const char *slash = memchr(start, '/', (size_t)(base - start));
        if (!slash)
            break;
        for (size_t i = 0; dirs[i]; i++)
            if (text_equals_nocase(start, (size_t)(slash - start), dirs[i]))
                return true;
        start = slash + 1;
    }
    return false;
}

static bool testing_fact_is(const struct fact *fact, const char *key)
{
    return strcmp(fact->key, key) == 0 && !testing_from_test_data(fact);
}

static size_t testing_count(const struct check_context *context, const char *key)
{
    size_t count = 0;
    for (size_t i = 0; i < context->fact_count; i++)
        count += testing_fact_is(&context->facts[i], key);
    return count;
}

static size_t testing_count_value(const struct check_context *context, const char *key,
                                  const char *value)
{
    size_t count = 0;
    for (size_t i = 0; i < context->fact_count; i++)
        count += strcmp(context->facts[i].key, key) == 0 && context->facts[i].value &&
                 strcmp(context->facts[i].value, value) == 0;
    return count;
}

/* Cites up to TESTING_EVIDENCE_MAX facts of `key` (of `value` when given),
 * after `already` cited lines. */
static size_t testing_cite(struct check_context *context, struct check *check, const char *key,
                           const char *value, size_t already)
{
    size_t cited = 0;
    for (size_t i = 0; i < context->fact_count && already + cited < TESTING_EVIDENCE_MAX; i++) {
        const struct fact *fact = &context->facts[i];
        if (!testing_fact_is(fact, key) ||
            (value && (!fact->value || strcmp(fact->value, value) != 0)))
            continue;
        check_add_evidence(context, check, fact->file, fact->line, fact->value);
        cited++;
    }
    return cited;
}

static size_t testing_test_files(const struct check_context *context)
{
    size_t count = 0;
    for (size_t i = 0; i < context->file_count; i++)
        count += context->files[i].role == FILE_ROLE_TEST && context->files[i].language;
    return count;
}

static uint64_t testing_cases(const struct check_context *context)
{
    uint64_t cases = 0;
    for (size_t i = 0; i < context->fact_count; i++)
        if (strcmp(context->facts[i].key, "testing.cases") == 0 && context->facts[i].value)
            cases += strtoull(context->facts[i].value, NULL, 10);
    return cases;
}

/* Distinct values of `key` in fact order, joined with ", ". A value is
 * compared with the distinct ones kept so far, not with every earlier fact:
 * a tree with thousands of test files has few frameworks and kinds. */
static void testing_values(const struct check_context *context, const char *key, struct strbuf *out)
{
    const char **distinct = NULL;
    size_t count = 0, capacity = 0;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (!fact->value || strcmp(fact->key, key) != 0)
            continue;
        bool seen = false;
        for (size_t k = 0; k < count && !seen; k++)
            seen = strcmp(distinct[k], fact->value) == 0;
        if (seen)
            continue;
        distinct = xgrow(distinct, &capacity, count + 1, sizeof(*distinct));
        distinct[count++] = fact->value;
        strbuf_printf(out, "%s%s", out->length ? ", " : "", fact->value);
    }
    free(distinct);
}

static void testing_not_checked(struct check_context *context, const char *id, const char *title,
                                const char *why)
{
    check_add(context, id, CATEGORY_TESTING, CHECK_NOT_CHECKED, title, why, NULL);
}

static void testing_kind_check(struct check_context *context, const char *id, const char *title,
                               const char *const *kinds, const char *searched, const char *rule,
                               const char *missing)
{
    size_t count = 0;
    for (size_t i = 0; kinds[i]; i++)
        count += testing_count_value(context, "testing.kind", kinds[i]);
    if (!count && context->kind != PROJECT_KIND_SERVICE) {
        testing_not_checked(context, id, title, "expected of services only");
        return;
    }
    struct strbuf summary = STRBUF_INIT;
    if (count)
        strbuf_printf(&summary, "%zu file%s", count, count == 1 ? "" : "s");
    else
        strbuf_printf(&summary, "searched %s", searched);
    struct check *check = check_add(context, id, CATEGORY_TESTING, count ? CHECK_PASS : CHECK_FAIL,
                                    title, summary.data, rule);
    strbuf_release(&summary);
    size_t cited = 0;
    for (size_t i = 0; kinds[i]; i++)
        cited += testing_cite(context, check, "testing.kind", kinds[i], cited);
    if (!count)
        check_add_finding(context, rule, NULL, 0, "%s", missing);
}

static void testing_coverage_checks(struct check_context *context,
                                    const struct testing_metrics *metrics)
{
    /* Measured: a report was read, or a coverage tool or gate is set up. */
    size_t tools = testing_count(context, "testing.coverage-tool");
    size_t gates = testing_count(context, "testing.coverage-gate") +
                   testing_count(context, "ci.coverage-gate") +
                   testing_count(context, "ci.script.coverage-gate");
    bool report = metrics && metrics->coverage_measured;
    struct strbuf summary = STRBUF_INIT;
    if (report)
        strbuf_printf(&summary, "coverage: %.1f%% of %llu lines", metrics->line_percent,
                      (unsigned long long)metrics->lines_total);
    else if (tools || gates)
        strbuf_printf(&summary,
                      "coverage tool configured; coverage: not measured here (no report read: "
                      "pass --coverage FILE)");
    else
        strbuf_printf(&summary, "coverage: not measured (searched for coverage reports, "
                                "coverage tools and thresholds in build, test and CI "
                                "configuration)");
    struct check *measured =
        check_add(context, "testing.coverage-measured", CATEGORY_TESTING,
                  report || tools || gates ? CHECK_PASS : CHECK_FAIL, "Test coverage is measured",
                  summary.data, "testing.coverage-not-measured");
    strbuf_release(&summary);
    size_t cited = 0;
    for (size_t i = 0; report && i < metrics->coverage_source_count && cited < TESTING_EVIDENCE_MAX;
         i++, cited++)
        check_add_evidence(context, measured, metrics->coverage_sources[i], 0, "coverage report");
    cited += testing_cite(context, measured, "testing.coverage-tool", NULL, cited);
    if (!report && !tools && !gates)
        check_add_finding(context, "testing.coverage-not-measured", NULL, 0,
                          "coverage: not measured — no coverage report, coverage tool or "
                          "threshold found for the tests");

    struct check *gate =
        check_add(context, "testing.coverage-gate", CATEGORY_TESTING,
                  gates ? CHECK_PASS : CHECK_FAIL, "A coverage threshold fails the tests below it",
                  gates ? "coverage threshold configured"
                        : "searched for --cov-fail-under, fail_under, "
                          "coverageThreshold, nyc/c8 check-coverage, JaCoCo "
                          "minimum and go-test-coverage thresholds",
                  NULL);
    cited = testing_cite(context, gate, "testing.coverage-gate", NULL, 0);
    cited += testing_cite(context, gate, "ci.coverage-gate", NULL, cited);
    testing_cite(context, gate, "ci.script.coverage-gate", NULL, cited);

    if (!report) {
        testing_not_checked(context, "testing.coverage-target", "Line coverage meets the target",
                            "coverage: not measured (no coverage report found or given with "
                            "--coverage)");
        return;
    }
    bool met = metrics->line_percent + 1e-9 >= metrics->coverage_target;
    struct strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "line coverage %.1f%% (%llu of %llu lines)", metrics->line_percent,
                  (unsigned long long)metrics->lines_covered,
                  (unsigned long long)metrics->lines_total);
    if (metrics->branch_measured)
        strbuf_printf(&text, ", branch coverage %.1f%%", metrics->branch_percent);
    strbuf_printf(&text, "; target %.0f%%", metrics->coverage_target);
    struct check *target = check_add(
        context, "testing.coverage-target", CATEGORY_TESTING, met ? CHECK_PASS : CHECK_FAIL,
        "Line coverage meets the target", text.data, "testing.coverage-below-target");
    for (size_t i = 0; i < metrics->least_covered_count && i < TESTING_EVIDENCE_MAX; i++) {
        char note[64];
        snprintf(note, sizeof(note), "%.1f%% covered", metrics->least_covered[i].percent);
        check_add_evidence(context, target, metrics->least_covered[i].file, 0, note);
    }
    if (!met)
        check_add_finding(context, "testing.coverage-below-target",
                          metrics->coverage_source_count ? metrics->coverage_sources[0] : NULL, 0,
                          "%s", text.data);
    strbuf_release(&text);
}

static void testing_results_check(struct check_context *context,
                                  const struct testing_metrics *metrics)
{
    if (!metrics || !metrics->results_read) {
        testing_not_checked(context, "testing.results", "Test results show no failures",
                            "no JUnit results given (--junit FILE)");
        return;
    }
    struct strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "%llu tests, %llu failures, %llu errors, %llu skipped in %.1f s",
                  (unsigned long long)metrics->tests, (unsigned long long)metrics->failures,
                  (unsigned long long)metrics->errors, (unsigned long long)metrics->results_skipped,
                  metrics->time_seconds);
    bool passed = metrics->tests > 0 && metrics->failures == 0 && metrics->errors == 0;
    struct check *check =
        check_add(context, "testing.results", CATEGORY_TESTING, passed ? CHECK_PASS : CHECK_FAIL,
                  "Test results show no failures", text.data, NULL);
    for (size_t i = 0; i < metrics->result_source_count && i < TESTING_EVIDENCE_MAX; i++)
        check_add_evidence(context, check, metrics->result_sources[i], 0, "JUnit results");
    strbuf_release(&text);
}

static void testing_run(struct check_context *context)
{
    const struct testing_metrics *metrics = context->testing;
    size_t files = testing_test_files(context);
    uint64_t cases = testing_cases(context);
    bool tests = files > 0 || cases > 0;

    if (!tests && (context->kind == PROJECT_KIND_DOCUMENTATION ||
                   context->kind == PROJECT_KIND_INFRASTRUCTURE)) {
        testing_not_checked(context, "testing.tests-exist", "Automated tests exist",
                            "not expected of documentation or infrastructure-only repositories");
    } else {
        struct strbuf summary = STRBUF_INIT;
        if (tests)
            strbuf_printf(&summary, "%zu test file%s, %llu test definition%s", files,
                          files == 1 ? "" : "s", (unsigned long long)cases, cases == 1 ? "" : "s");
        else
            strbuf_printf(&summary, "searched for test files and test definitions of %s",
                          TESTING_FRAMEWORKS);
        struct check *check = check_add(context, "testing.tests-exist", CATEGORY_TESTING,
                                        tests ? CHECK_PASS : CHECK_FAIL, "Automated tests exist",
                                        summary.data, "testing.no-tests");
        strbuf_release(&summary);
        size_t cited = testing_cite(context, check, "testing.cases", NULL, 0);
        for (size_t i = 0; i < context->file_count && cited < TESTING_EVIDENCE_MAX && !cases; i++)
            if (context->files[i].role == FILE_ROLE_TEST && context->files[i].language) {
                check_add_evidence(context, check, context->files[i].path, 0, "test file");
                cited++;
            }
        if (!tests)
            check_add_finding(context, "testing.no-tests", NULL, 0,
                              "no automated tests: no test files and no test definitions found "
                              "(searched for %s)",
                              TESTING_FRAMEWORKS);
    }

    static const char *const checks_needing_tests[][2] = {
        {"testing.framework", "A test framework is used"},
        {"testing.kinds", "Kinds of tests"},
        {"testing.not-all-skipped", "Tests are not all skipped"},
        {"testing.integration-tests", "Integration or end-to-end tests exist"},
        {"testing.load-tests", "Load tests exist"},
        {"testing.coverage-measured", "Test coverage is measured"},
        {"testing.coverage-gate", "A coverage threshold fails the tests below it"},
        {"testing.coverage-target", "Line coverage meets the target"},
    };
    if (!tests) {
        for (size_t i = 0; i < sizeof(checks_needing_tests) / sizeof(*checks_needing_tests); i++)
            testing_not_checked(context, checks_needing_tests[i][0], checks_needing_tests[i][1],
                                "no tests");
        testing_results_check(context, metrics);
        return;
    }

    struct strbuf text = STRBUF_INIT;
    testing_values(context, "testing.framework", &text);
    struct check *framework =
        check_add(context, "testing.framework", CATEGORY_TESTING,
                  text.length ? CHECK_PASS : CHECK_FAIL, "A test framework is used",
                  text.length ? text.data : "searched for " TESTING_FRAMEWORKS, NULL);
    testing_cite(context, framework, "testing.framework", NULL, 0);
    strbuf_reset(&text);

    testing_values(context, "testing.kind", &text);
    struct check *kinds =
        check_add(context, "testing.kinds", CATEGORY_TESTING, CHECK_PASS, "Kinds of tests",
                  text.length ? text.data : "unclassified", NULL);
    /* One line of evidence per kind: the first file that shows it. */
    static const char *const kind_names[] = {"unit", "integration", "e2e",
                                             "load", "fuzz",        "property"};
    for (size_t i = 0; i < sizeof(kind_names) / sizeof(*kind_names); i++)
        testing_cite(context, kinds, "testing.kind", kind_names[i], TESTING_EVIDENCE_MAX - 1);
    strbuf_reset(&text);
    size_t cited;

    /* Every skip location is an info finding; all of them skipped is worse. */
    size_t skips = testing_count(context, "testing.skip");
    size_t conditional = testing_count(context, "testing.skip-conditional");
    for (size_t i = 0; i < context->fact_count; i++)
        if (strcmp(context->facts[i].key, "testing.skip") == 0)
            check_add_finding(context, "testing.skipped-test", context->facts[i].file,
                              context->facts[i].line, "test skipped or disabled: %s",
                              context->facts[i].value ? context->facts[i].value : "skip marker");
    bool results_all_skipped = metrics && metrics->results_read && metrics->tests > 0 &&
                               metrics->results_skipped == metrics->tests;
    bool all_skipped = (cases > 0 && skips >= cases) || results_all_skipped;
    strbuf_printf(&text, "%zu unconditional and %zu conditional skip%s in %llu test definition%s",
                  skips, conditional, conditional == 1 ? "" : "s", (unsigned long long)cases,
                  cases == 1 ? "" : "s");
    if (results_all_skipped)
        strbuf_printf(&text, "; JUnit results: all %llu tests skipped",
                      (unsigned long long)metrics->tests);
    struct check *skipped = check_add(
        context, "testing.not-all-skipped", CATEGORY_TESTING, all_skipped ? CHECK_FAIL : CHECK_PASS,
        "Tests are not all skipped", text.data, "testing.all-skipped");
    cited = testing_cite(context, skipped, "testing.skip", NULL, 0);
    testing_cite(context, skipped, "testing.skip-conditional", NULL, cited);
    if (all_skipped)
        check_add_finding(context, "testing.all-skipped", NULL, 0,
                          "every test is skipped or disabled: %s", text.data);
    strbuf_release(&text);

    static const char *const integration[] = {"integration", "e2e", NULL};
    testing_kind_check(context, "testing.integration-tests",
                       "Integration or end-to-end tests exist", integration,
                       "tests/integration/, e2e/, *IT.java, Cypress and Playwright tests, "
                       "HTTP test clients (TestClient, test_client, supertest, "
                       "WebApplicationFactory), @SpringBootTest and Testcontainers",
                       "testing.no-integration-tests",
                       "no integration or end-to-end tests: only unit tests were found "
                       "(searched tests/integration/, e2e/, *IT.java, Cypress, Playwright, HTTP "
                       "test clients, @SpringBootTest, Testcontainers)");
    static const char *const load[] = {"load", NULL};
    testing_kind_check(context, "testing.load-tests", "Load tests exist", load,
                       "k6 scripts, locustfile.py, JMeter .jmx plans, Gatling simulations and "
                       "Artillery scripts",
                       "testing.no-load-tests",
                       "no load tests (searched for k6, Locust, JMeter, Gatling and Artillery)");

    testing_coverage_checks(context, metrics);
    testing_results_check(context, metrics);
}

const struct check_family check_family_testing = {
    .name = "testing",
    .run = testing_run,
};
