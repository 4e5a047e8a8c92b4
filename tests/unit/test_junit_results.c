/*
 * test_junit_results: unit tests of the JUnit XML reader
 * (metrics/junit_results.h): pytest's and Surefire's shapes, nested
 * suites, one outcome per testcase, attribute-only files, malformed,
 * empty and hostile input (entities refused); which paths in a tree are
 * looked at, and the root-element sniff done before parsing them.
 *
 * Inputs are copied into buffers of exactly their length.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "metrics/junit_results.h"
#include "util/strbuf.h"

static int parse(const char *text, struct junit_results *results, struct strbuf *error)
{
    size_t length = strlen(text);
    char *copy = malloc(length ? length : 1);
    assert_non_null(copy);
    memcpy(copy, text, length);
    strbuf_reset(error);
    int status = junit_results_parse(copy, length, results, error);
    free(copy);
    return status;
}

static void expect_error(const char *text, const char *needle)
{
    struct junit_results results;
    struct strbuf error = STRBUF_INIT;
    if (parse(text, &results, &error) == 0)
        fail_msg("parsed although it should not: %.80s", text);
    if (!strstr(error.data, needle))
        fail_msg("error \"%s\" does not mention \"%s\"", error.data, needle);
    strbuf_release(&error);
}

static void test_pytest(void **state)
{
    (void)state;
    const char *xml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><testsuites>"
        "<testsuite name=\"pytest\" errors=\"1\" failures=\"1\" skipped=\"1\" tests=\"5\" "
        "time=\"1.250\">"
        "<testcase classname=\"t\" name=\"a\" time=\"0.1\"/>"
        "<testcase classname=\"t\" name=\"b\" time=\"0.2\"><failure message=\"x\">trace"
        "</failure></testcase>"
        "<testcase classname=\"t\" name=\"c\" time=\"0.3\"><failure/><error message=\"teardown\"/>"
        "</testcase>"
        "<testcase classname=\"t\" name=\"d\" time=\"0\"><skipped message=\"later\"/></testcase>"
        "<testcase classname=\"t\" name=\"e\" time=\"0.05\"><system-out>hi</system-out>"
        "</testcase>"
        "</testsuite></testsuites>";
    struct junit_results results;
    struct strbuf error = STRBUF_INIT;
    if (parse(xml, &results, &error) != 0)
        fail_msg("%s", error.data);
    assert_int_equal(results.tests, 5);
    assert_int_equal(results.failures, 1);
    assert_int_equal(results.errors, 1);
    assert_int_equal(results.skipped, 1);
    assert_true(results.time_seconds > 1.249 && results.time_seconds < 1.251);
    strbuf_release(&error);
}

static void test_nested_and_surefire(void **state)
{
    (void)state;
    const char *nested = "<testsuites><testsuite name=\"outer\"><testsuite name=\"inner\">"
                         "<testcase name=\"a\" time=\"1.5\"/><testcase name=\"b\" time=\"2\">"
                         "<skipped/></testcase></testsuite><testcase name=\"c\" time=\"0.5\"/>"
                         "</testsuite></testsuites>";
    struct junit_results results;
    struct strbuf error = STRBUF_INIT;
    assert_int_equal(parse(nested, &results, &error), 0);
    assert_int_equal(results.tests, 3);
    assert_int_equal(results.skipped, 1);
    assert_true(results.time_seconds > 3.99 && results.time_seconds < 4.01);

    const char *surefire = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                           "<testsuite tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\" "
                           "time=\"0.042\" name=\"com.example.AppTest\">"
                           "<properties><property name=\"java.version\" value=\"21\"/>"
                           "</properties><testcase name=\"a\" classname=\"c\" time=\"0.02\"/>"
                           "<testcase name=\"b\" classname=\"c\" time=\"0.02\"/></testsuite>";
    assert_int_equal(parse(surefire, &results, &error), 0);
    assert_int_equal(results.tests, 2);
    assert_int_equal(results.failures, 0);

    /* No testcases: the root's own counts. */
    assert_int_equal(
        parse("<testsuite tests=\"7\" failures=\"2\" skipped=\"1\"/>", &results, &error), 0);
    assert_int_equal(results.tests, 7);
    assert_int_equal(results.failures, 2);
    assert_int_equal(results.skipped, 1);
    strbuf_release(&error);
}

static void test_malformed(void **state)
{
    (void)state;
    expect_error("", "empty");
    expect_error("<testsuites>", "not well-formed");
    expect_error("<coverage/>", "not <testsuites>");
    expect_error("<testsuite/>", "no tests attribute");
    expect_error("<testsuite tests=\"1\" failures=\"5\"/>", "more failures");
    expect_error("<testsuite tests=\"99999999999999999999999\"/>", "no tests attribute");
    expect_error("<!DOCTYPE t [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;&a;\">]>"
                 "<testsuite tests=\"1\"><testcase name=\"&b;\"/></testsuite>",
                 "entities");
    expect_error("<!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><testsuite tests=\"1\"/>",
                 "entities");
    /* Odd times are left out, not fatal. */
    struct junit_results results;
    struct strbuf error = STRBUF_INIT;
    assert_int_equal(parse("<testsuite><testcase time=\"1,5\"/><testcase time=\"nan\"/>"
                           "<testcase time=\"-3\"/><testcase time=\"1e400\"/></testsuite>",
                           &results, &error),
                     0);
    assert_int_equal(results.tests, 4);
    assert_true(results.time_seconds == 0);
    strbuf_release(&error);
}

static void test_report_paths(void **state)
{
    (void)state;
    static const char *const found[] = {"junit.xml",
                                        "reports/junit.xml",
                                        "reports/JUnit-report.xml",
                                        "target/surefire-reports/TEST-com.example.AppTest.xml",
                                        "build/test-results/test/TEST-com.example.AppTest.xml",
                                        "service/target/failsafe-reports/anything.xml",
                                        "test-results/jest/results.xml",
                                        "out/api-junit.xml",
                                        "TEST-suite.xml",
                                        NULL};
    static const char *const passed_over[] = {"junit.json",
                                              "pom.xml",
                                              "reports/coverage.xml",
                                              "src/test/resources/TEST-like.txt",
                                              "tests/fixtures/ci/junit.xml",
                                              "testdata/target/surefire-reports/TEST-a.xml",
                                              "test-results",
                                              "test-results/summary.html",
                                              "test-settings.xml",
                                              ".xml",
                                              NULL};
    for (size_t i = 0; found[i]; i++)
        if (!junit_results_is_report_path(found[i]))
            fail_msg("%s should be looked at", found[i]);
    for (size_t i = 0; passed_over[i]; i++)
        if (junit_results_is_report_path(passed_over[i]))
            fail_msg("%s should be passed over", passed_over[i]);
}

static bool sniff(const char *text)
{
    size_t length = strlen(text);
    char *copy = malloc(length ? length : 1);
    assert_non_null(copy);
    memcpy(copy, text, length);
    bool is = junit_results_sniff(copy, length);
    free(copy);
    return is;
}

static void test_sniff(void **state)
{
    (void)state;
    assert_true(sniff("<testsuites/>"));
    assert_true(sniff("<testsuite name=\"a\">"));
    assert_true(sniff("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- by surefire -->\n"
                      "<!DOCTYPE testsuite>\n<testsuite\ttests=\"1\">"));
    assert_true(sniff("  \r\n<testsuites>"));
    assert_false(sniff(""));
    assert_false(sniff("<testsuite"));     /* cut before the name ends */
    assert_false(sniff("<testsuitesx/>")); /* another element */
    assert_false(sniff("<settings><testsuite/></settings>"));
    assert_false(sniff("<?xml version=\"1.0\"?><coverage line-rate=\"1\"/>"));
    assert_false(sniff("<!-- never closed <testsuite/>"));
    assert_false(sniff("{\"testsuite\": 1}"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pytest),    cmocka_unit_test(test_nested_and_surefire),
        cmocka_unit_test(test_malformed), cmocka_unit_test(test_report_paths),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
