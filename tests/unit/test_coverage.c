/*
 * test_coverage: unit tests of the coverage report readers
 * (metrics/coverage.h): a small valid sample of each format with its exact
 * totals and per-file numbers, malformed and empty input, counts that
 * overflow or contradict themselves, and hostile XML (entity declarations,
 * external DTDs, UTF-16) refused. Then the testing analyzer's markers
 * (analyzers/testing.c): skips in code count, the same text in comments,
 * strings and docstrings does not.
 *
 * Inputs are copied into buffers of exactly their length (no NUL after
 * them), so a sanitizer build catches any read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "analyzers/analyzer.h"
#include "audit/audit.h"
#include "inventory/language.h"
#include "metrics/coverage.h"
#include "metrics/test_metrics.h"
#include "util/arena.h"
#include "util/strbuf.h"

extern const struct analyzer analyzer_testing;

/* Parses `text` from an exact-length copy; returns the status. */
static int parse(const char *text, struct coverage_report *report, struct strbuf *error)
{
    size_t length = strlen(text);
    char *copy = malloc(length ? length : 1);
    assert_non_null(copy);
    memcpy(copy, text, length);
    strbuf_reset(error);
    int status = coverage_parse(copy, length, report, error);
    free(copy);
    return status;
}

static void expect_error(const char *text, const char *needle)
{
    struct coverage_report report;
    struct strbuf error = STRBUF_INIT;
    if (parse(text, &report, &error) == 0)
        fail_msg("parsed although it should not: %.80s", text);
    if (!strstr(error.data, needle))
        fail_msg("error \"%s\" does not mention \"%s\"", error.data, needle);
    assert_int_equal(report.file_count, 0);
    coverage_report_release(&report);
    strbuf_release(&error);
}

static const struct coverage_file *find_file(const struct coverage_report *report, const char *path)
{
    for (size_t i = 0; i < report->file_count; i++)
        if (strcmp(report->files[i].path, path) == 0)
            return &report->files[i];
    fail_msg("no file %s in the report", path);
    return NULL;
}

static void test_cobertura(void **state)
{
    (void)state;
    const char *xml =
        "<?xml version=\"1.0\" ?>\n"
        "<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n"
        "<coverage lines-valid=\"6\" lines-covered=\"4\" line-rate=\"0.66\">\n"
        " <packages><package name=\"p\"><classes>\n"
        "  <class name=\"a\" filename=\"src/a.py\"><methods><method><lines>\n"
        "    <line number=\"1\" hits=\"0\"/></lines></method></methods>\n"
        "   <lines><line number=\"1\" hits=\"3\"/><line number=\"2\" hits=\"0\"/>\n"
        "    <line number=\"3\" hits=\"1\" branch=\"true\" condition-coverage=\"50% (1/2)\"/>"
        "</lines></class>\n"
        "  <class name=\"b\" filename=\"src/b.py\"><lines>\n"
        "   <line number=\"1\" hits=\"99999999999999999999999\"/><line number=\"2\" hits=\"0\"/>"
        "<line number=\"3\" hits=\"1\"/></lines></class>\n"
        "  <class name=\"a2\" filename=\"src/a.py\"><lines/></class>\n"
        " </classes></package></packages>\n"
        "</coverage>\n";
    struct coverage_report report;
    struct strbuf error = STRBUF_INIT;
    if (parse(xml, &report, &error) != 0)
        fail_msg("%s", error.data);
    assert_int_equal(report.format, COVERAGE_FORMAT_COBERTURA);
    assert_int_equal(report.file_count, 2);
    assert_int_equal(report.totals.lines_total, 6);
    assert_int_equal(report.totals.lines_covered, 4);
    assert_int_equal(report.totals.branches_total, 2);
    assert_int_equal(report.totals.branches_covered, 1);
    assert_true(report.has_branches);
    const struct coverage_file *a = find_file(&report, "src/a.py");
    assert_int_equal(a->counts.lines_total, 3); /* <methods> lines are not counted twice */
    assert_int_equal(a->counts.lines_covered, 2);
    const struct coverage_file *b = find_file(&report, "src/b.py");
    assert_int_equal(b->counts.lines_covered, 2); /* a huge hit count is still a hit */
    coverage_report_release(&report);

    /* Summary-only report: the root's totals. */
    assert_int_equal(parse("<coverage lines-valid=\"10\" lines-covered=\"7\"/>", &report, &error),
                     0);
    assert_int_equal(report.totals.lines_total, 10);
    assert_int_equal(report.totals.lines_covered, 7);
    coverage_report_release(&report);
    strbuf_release(&error);

    expect_error("<coverage><packages><package><classes><class filename=\"a\"><lines>"
                 "<line number=\"1\" hits=\"-1\"/></lines></class></classes></package></packages>"
                 "</coverage>",
                 "hits");
    expect_error("<coverage><class><lines/></class></coverage>", "filename");
    expect_error("<coverage/>", "line totals");
    expect_error("<coverage lines-valid=\"3\" lines-covered=\"5\"/>", "more lines");
    expect_error("<coverage lines-valid=\"99999999999999999999999\" lines-covered=\"1\"/>",
                 "line totals");
    expect_error("<coverage><packages>", "not well-formed");
}

static void test_jacoco(void **state)
{
    (void)state;
    const char *xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        "<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\">"
        "<report name=\"svc\"><sessioninfo id=\"x\" start=\"1\" dump=\"2\"/>"
        "<package name=\"com/example\"><class name=\"com/example/App\" sourcefilename=\"App.java\">"
        "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/></class>"
        "<sourcefile name=\"App.java\"><line nr=\"3\" mi=\"0\" ci=\"3\" mb=\"0\" cb=\"0\"/>"
        "<counter type=\"INSTRUCTION\" missed=\"5\" covered=\"20\"/>"
        "<counter type=\"BRANCH\" missed=\"1\" covered=\"3\"/>"
        "<counter type=\"LINE\" missed=\"2\" covered=\"8\"/></sourcefile>"
        "<counter type=\"LINE\" missed=\"2\" covered=\"8\"/></package>"
        "<counter type=\"BRANCH\" missed=\"1\" covered=\"3\"/>"
        "<counter type=\"LINE\" missed=\"2\" covered=\"8\"/></report>";
    struct coverage_report report;
    struct strbuf error = STRBUF_INIT;
    if (parse(xml, &report, &error) != 0)
        fail_msg("%s", error.data);
    assert_int_equal(report.format, COVERAGE_FORMAT_JACOCO);
    assert_int_equal(report.file_count, 1);
    assert_string_equal(report.files[0].path, "com/example/App.java");
    assert_int_equal(report.files[0].counts.lines_total, 10);
    assert_int_equal(report.totals.lines_covered, 8);
    assert_int_equal(report.totals.branches_total, 4);
    coverage_report_release(&report);
    strbuf_release(&error);

    expect_error("<report name=\"x\"/>", "LINE counters");
    expect_error("<report><counter type=\"LINE\" missed=\"a\" covered=\"1\"/></report>", "counter");
    expect_error("<report><counter type=\"LINE\" missed=\"18446744073709551615\" "
                 "covered=\"1\"/></report>",
                 "counter");
}

static void test_hostile_xml(void **state)
{
    (void)state;
    /* Billion laughs, external entities, parameter entities: refused before
     * libxml2 sees an entity. */
    expect_error("<?xml version=\"1.0\"?><!DOCTYPE coverage [<!ENTITY a \"aaaaaaaaaa\">"
                 "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                 "<coverage lines-valid=\"1\" lines-covered=\"&b;\"/>",
                 "entities");
    expect_error("<?xml version=\"1.0\"?><!DOCTYPE report [<!ENTITY xxe SYSTEM "
                 "\"file:///etc/passwd\">]><report name=\"&xxe;\"/>",
                 "entities");
    expect_error("<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://example.invalid/x.dtd\"> %p;]>"
                 "<coverage/>",
                 "entities");
    /* A declared UTF-7 would spell the markup in other bytes: read as UTF-8. */
    expect_error("<?xml version=\"1.0\" encoding=\"UTF-7\"?>+ADw-!DOCTYPE c +AFs-+ADw-!ENTITY a "
                 "+ACI-x+ACI-+AD4-+AF0-+AD4-<coverage lines-valid=\"1\" lines-covered=\"1\"/>",
                 "not well-formed");
    /* UTF-16 would hide markup from the byte checks. */
    struct coverage_report report;
    struct strbuf error = STRBUF_INIT;
    static const char utf16[] = "\xFF\xFE<\0c\0o\0v\0e\0r\0a\0g\0e\0/\0>\0";
    assert_int_equal(coverage_parse(utf16, sizeof(utf16) - 1, &report, &error), -1);
    coverage_report_release(&report);
    /* A DOCTYPE naming an external DTD is fine: it is never fetched. */
    assert_int_equal(parse("<!DOCTYPE coverage SYSTEM \"http://example.invalid/c.dtd\">"
                           "<coverage lines-valid=\"2\" lines-covered=\"1\"/>",
                           &report, &error),
                     0);
    coverage_report_release(&report);
    /* Deep nesting: libxml2's depth limit, not our stack. */
    struct strbuf deep = STRBUF_INIT;
    strbuf_append_str(&deep, "<coverage>");
    for (int i = 0; i < 5000; i++)
        strbuf_append_str(&deep, "<x>");
    assert_int_equal(parse(deep.data, &report, &error), -1);
    coverage_report_release(&report);
    strbuf_release(&deep);
    strbuf_release(&error);
}

static void test_lcov(void **state)
{
    (void)state;
    const char *lcov = "TN:unit\n"
                       "SF:src/a.js\r\n"
                       "FN:1,f\nFNDA:1,f\n"
                       "DA:1,1\nDA:2,0\nDA:3,12,abcdef\n"
                       "BRDA:3,0,0,1\nBRDA:3,0,1,-\n"
                       "end_of_record\n"
                       "TN:other\n"
                       "SF:src/a.js\nDA:1,1\nDA:2,1\nDA:3,1\nLF:3\nLH:3\nend_of_record\n"
                       "SF:/abs/src/b.js\nDA:1,0\nLF:1\nLH:0\nend_of_record";
    struct coverage_report report;
    struct strbuf error = STRBUF_INIT;
    if (parse(lcov, &report, &error) != 0)
        fail_msg("%s", error.data);
    assert_int_equal(report.format, COVERAGE_FORMAT_LCOV);
    assert_int_equal(report.file_count, 2);
    const struct coverage_file *a = find_file(&report, "src/a.js");
    /* The same file under two test names: the fuller record wins. */
    assert_int_equal(a->counts.lines_total, 3);
    assert_int_equal(a->counts.lines_covered, 3);
    assert_int_equal(a->counts.branches_total, 2);
    assert_int_equal(a->counts.branches_covered, 1);
    assert_int_equal(report.totals.lines_total, 4);
    assert_int_equal(report.totals.lines_covered, 3);
    coverage_report_release(&report);
    strbuf_release(&error);

    expect_error("DA:1,1\n", "not a coverage report");
    expect_error("TN:\nDA:1,1\n", "before any SF");
    expect_error("SF:a\nDA:1,x\nend_of_record\n", "DA");
    expect_error("SF:a\nLF:2\nLH:3\nend_of_record\n", "more lines");
    expect_error("SF:a\nLF:99999999999999999999999\nend_of_record\n", "not a count");
    expect_error("TN:\n", "without any SF");
}

static void test_go_profile(void **state)
{
    (void)state;
    const char *profile = "mode: atomic\n"
                          "example.com/m/a.go:3.10,5.2 2 1\n"
                          "example.com/m/a.go:7.10,9.2 3 0\n"
                          "example.com/m/b.go:1.1,2.2 1 0\n"
                          "mode: atomic\n"
                          "example.com/m/a.go:7.10,9.2 3 4\n";
    struct coverage_report report;
    struct strbuf error = STRBUF_INIT;
    if (parse(profile, &report, &error) != 0)
        fail_msg("%s", error.data);
    assert_int_equal(report.format, COVERAGE_FORMAT_GO_PROFILE);
    assert_int_equal(report.file_count, 2);
    const struct coverage_file *a = find_file(&report, "example.com/m/a.go");
    /* The block repeated by a second profile counts once, covered. */
    assert_int_equal(a->counts.lines_total, 5);
    assert_int_equal(a->counts.lines_covered, 5);
    assert_int_equal(report.totals.lines_total, 6);
    assert_false(report.has_branches);
    coverage_report_release(&report);
    strbuf_release(&error);

    expect_error("mode: set\nfile.go 1 1\n", "not 'file.go");
    expect_error("mode: set\na.go:1.1,2.2 x 1\n", "not 'file.go");
    expect_error("mode: set\na.go:1.1,2.2 99999999999999999999999 1\n", "not 'file.go");
    expect_error("mode: set\na.go:1.1,2.2 18446744073709551615 1\n"
                 "b.go:1.1,2.2 18446744073709551615 1\n",
                 "too large");
}

static void test_coverage_py_json(void **state)
{
    (void)state;
    const char *json = "{\"meta\": {\"format\": 3, \"branch_coverage\": true},"
                       " \"files\": {\"pkg/a.py\": {\"executed_lines\": [1, 2],"
                       "   \"summary\": {\"covered_lines\": 8, \"num_statements\": 10,"
                       "   \"num_branches\": 4, \"covered_branches\": 1}},"
                       "  \"pkg/b.py\": {\"summary\": {\"covered_lines\": 0, \"num_statements\": 0,"
                       "   \"num_branches\": 0, \"covered_branches\": 0}}},"
                       " \"totals\": {\"covered_lines\": 8, \"num_statements\": 10,"
                       "   \"num_branches\": 4, \"covered_branches\": 1}}";
    struct coverage_report report;
    struct strbuf error = STRBUF_INIT;
    if (parse(json, &report, &error) != 0)
        fail_msg("%s", error.data);
    assert_int_equal(report.format, COVERAGE_FORMAT_COVERAGE_PY_JSON);
    assert_int_equal(report.file_count, 2);
    assert_int_equal(report.totals.lines_total, 10);
    assert_int_equal(report.totals.branches_covered, 1);
    assert_true(coverage_percent(8, 10) == 80.0);
    assert_true(coverage_percent(2, 3) == 66.7);
    assert_true(coverage_percent(0, 0) < 0);
    coverage_report_release(&report);
    strbuf_release(&error);

    expect_error("{\"files\": {}}", "not a coverage.py JSON");
    expect_error("{\"files\": {}, \"totals\": {\"covered_lines\": -1, \"num_statements\": 1}}",
                 "not a coverage.py JSON");
    expect_error(
        "{\"files\": {\"a\": {\"summary\": {\"covered_lines\": 3, \"num_statements\": 2}}},"
        " \"totals\": {\"covered_lines\": 0, \"num_statements\": 2}}",
        "malformed");
    expect_error("{\"files\": {\"a\": 1, \"a\": 2}}", "not valid JSON");
    expect_error("{\"files\": ", "not valid JSON");
}

static void test_empty_and_unknown(void **state)
{
    (void)state;
    expect_error("", "empty");
    expect_error("   \n", "not a coverage report");
    expect_error("hello world", "not a coverage report");
    expect_error("<html><body/></html>", "not a coverage report");
    expect_error("<?xml version=\"1.0\"?><notreport/>", "not a coverage report");
    struct coverage_report report;
    struct strbuf error = STRBUF_INIT;
    static const char binary[] = "\x00\x01\x02\xff";
    assert_int_equal(coverage_parse(binary, sizeof(binary) - 1, &report, &error), -1);
    coverage_report_release(&report);
    strbuf_release(&error);
    assert_true(test_metrics_is_report_name("coverage.xml"));
    assert_true(test_metrics_is_report_name("build/jacoco.xml"));
    assert_false(test_metrics_is_report_name("tests/fixtures/x/coverage.xml"));
    assert_false(test_metrics_is_report_name("src/coverage.py"));
}

/* ---- the analyzer's markers ---- */

static size_t count_facts(const char *path, const char *text, const char *key)
{
    struct arena arena;
    arena_init(&arena);
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    assert_non_null(copy);
    memcpy(copy, text, length + 1);
    const char *newline = strchr(copy, '\n');
    struct source_file file = {
        .path = path,
        .content = copy,
        .length = length,
        .language = language_detect(path, copy, newline ? (size_t)(newline - copy) : length),
        .role = FILE_ROLE_TEST,
    };
    struct analysis analysis;
    analysis_init(&analysis, &arena, path);
    if (analyzer_testing.applies(&file))
        analyzer_testing.run(&file, &analysis);
    size_t count = 0;
    for (size_t i = 0; i < analysis.fact_count; i++)
        count += strcmp(analysis.facts[i].key, key) == 0;
    analysis_release(&analysis);
    arena_destroy(&arena);
    free(copy);
    return count;
}

static void test_skip_markers(void **state)
{
    (void)state;
    assert_int_equal(count_facts("tests/test_a.py",
                                 "import pytest\n@pytest.mark.skip\ndef test_a():\n    pass\n"
                                 "# @pytest.mark.skip\n"
                                 "def helper():\n    \"\"\"\n    @pytest.mark.skip\n    \"\"\"\n",
                                 "testing.skip"),
                     1);
    assert_int_equal(
        count_facts("tests/test_a.py", "@pytest.mark.skipif(True, reason='x')\n", "testing.skip"),
        0);
    assert_int_equal(count_facts("tests/test_a.py", "@pytest.mark.skipif(True, reason='x')\n",
                                 "testing.skip-conditional"),
                     1);
    assert_int_equal(count_facts("src/a.test.ts",
                                 "it.skip('a', () => {});\nxit('b', () => {});\n"
                                 "// it.skip('c')\nconst s = `\nit.skip('d')\n`;\n",
                                 "testing.skip"),
                     2);
    assert_int_equal(count_facts("a_test.go", "func TestA(t *testing.T) {\n\tt.Skip(\"x\")\n}\n",
                                 "testing.skip"),
                     1);
    assert_int_equal(count_facts("src/test/java/ATest.java",
                                 "class ATest {\n  @Disabled\n  @Test\n  void a() {}\n"
                                 "  /*\n  @Disabled\n  */\n}\n",
                                 "testing.skip"),
                     1);
    assert_int_equal(count_facts("tests/a.rs", "#[test]\n#[ignore]\nfn a() {}\n", "testing.skip"),
                     1);
    assert_int_equal(count_facts("tests/test_a.py", "def test_a():\n    pass\n", "testing.cases"),
                     1);
    assert_int_equal(
        count_facts("tests/integration/test_db.py", "def test_a():\n    pass\n", "testing.kind"),
        1);
}

/* ---- the whole audit: --coverage, --junit, reports in the tree ---- */

static void write_file(const char *directory, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", directory, name);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

static bool has_warning(const struct audit_result *result, const char *needle)
{
    for (size_t i = 0; i < result->warning_count; i++)
        if (strstr(result->warnings[i], needle))
            return true;
    return false;
}

static void test_audit_reads_reports(void **state)
{
    (void)state;
    char root[] = "/tmp/prodready-coverage-XXXXXX";
    char outside[] = "/tmp/prodready-coverage-out-XXXXXX";
    assert_non_null(mkdtemp(root));
    assert_non_null(mkdtemp(outside));
    char tests[600];
    snprintf(tests, sizeof(tests), "%s/tests", root);
    assert_int_equal(mkdir(tests, 0700), 0);
    write_file(root, "app.py", "def add(a, b):\n    return a + b\n");
    write_file(root, "tests/test_app.py", "import pytest\n\ndef test_add():\n    assert 1\n");
    /* In the tree: an lcov report (read), a broken coverage.json (a warning). */
    write_file(root, "lcov.info", "SF:app.py\nDA:1,1\nDA:2,0\nend_of_record\n");
    write_file(root, "coverage.json", "{\"files\": ");
    /* A symlink out of the root is never followed. */
    write_file(outside, "secret.xml", "<coverage lines-valid=\"9\" lines-covered=\"9\"/>");
    char link_target[600], link_path[600];
    snprintf(link_target, sizeof(link_target), "%s/secret.xml", outside);
    snprintf(link_path, sizeof(link_path), "%s/coverage.xml", root);
    assert_int_equal(symlink(link_target, link_path), 0);
    /* Given on the command line: a Go profile and JUnit results. */
    write_file(outside, "cover.out", "mode: set\nm/a.go:1.1,2.2 3 1\nm/a.go:3.1,4.2 5 0\n");
    write_file(outside, "junit.xml",
               "<testsuite tests=\"3\"><testcase/><testcase><failure/></testcase>"
               "<testcase><skipped/></testcase></testsuite>");
    write_file(outside, "bad-junit.xml", "<testsuite>");
    char cover[600], junit[600], bad_junit[600];
    snprintf(cover, sizeof(cover), "%s/cover.out", outside);
    snprintf(junit, sizeof(junit), "%s/junit.xml", outside);
    snprintf(bad_junit, sizeof(bad_junit), "%s/bad-junit.xml", outside);
    const char *coverage_files[] = {cover};
    const char *junit_files[] = {junit, bad_junit};
    struct audit_options options = {
        .path = root,
        .jobs = 1,
        .coverage_files = coverage_files,
        .coverage_file_count = 1,
        .junit_files = junit_files,
        .junit_file_count = 2,
        .coverage_target = 50,
    };
    struct audit_result *result = NULL;
    struct strbuf error = STRBUF_INIT;
    if (audit_run(&options, &result, &error) != 0)
        fail_msg("%s", error.data);
    const struct testing_metrics *testing = &result->testing;
    assert_true(testing->coverage_measured);
    /* 3 of 8 Go statements and 1 of 2 lcov lines: 4 of 10. */
    assert_int_equal(testing->lines_total, 10);
    assert_int_equal(testing->lines_covered, 4);
    assert_true(testing->line_percent == 40.0);
    assert_int_equal(testing->coverage_source_count, 2);
    assert_string_equal(testing->coverage_sources[0], cover);
    assert_string_equal(testing->coverage_sources[1], "lcov.info");
    assert_int_equal(testing->least_covered_count, 2);
    assert_string_equal(testing->least_covered[0].file, "m/a.go");
    assert_true(testing->results_read);
    assert_int_equal(testing->tests, 3);
    assert_int_equal(testing->failures, 1);
    assert_int_equal(testing->results_skipped, 1);
    assert_int_equal(testing->test_cases, 1);
    assert_true(testing->coverage_target == 50);
    assert_true(has_warning(result, "coverage.json: coverage report not read"));
    assert_true(has_warning(result, "coverage.xml: cannot read coverage report"));
    assert_true(has_warning(result, "bad-junit.xml: JUnit results not read"));
    bool below = false;
    for (size_t i = 0; i < result->finding_count; i++)
        below = below || strcmp(result->findings[i].rule->id, "testing.coverage-below-target") == 0;
    assert_true(below);
    audit_result_free(result);
    strbuf_release(&error);

    char command[1400];
    snprintf(command, sizeof(command), "rm -rf '%s' '%s'", root, outside);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cobertura),           cmocka_unit_test(test_jacoco),
        cmocka_unit_test(test_hostile_xml),         cmocka_unit_test(test_lcov),
        cmocka_unit_test(test_go_profile),          cmocka_unit_test(test_coverage_py_json),
        cmocka_unit_test(test_empty_and_unknown),   cmocka_unit_test(test_skip_markers),
        cmocka_unit_test(test_audit_reads_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
