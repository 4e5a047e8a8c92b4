/*
 * Unit tests for suppression: the inline prodready:ignore parser (every
 * comment syntax, the line before, id lists, families, reasons, malformed
 * brackets), inline suppression of findings, the config's exclude and rules
 * settings with their file:line errors, and baseline loading and marking.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "audit/suppress.h"
#include "config/config.h"
#include "inventory/gitignore.h"
#include "report/report.h"
#include "report_sample.h"
#include "rules/registry.h"

/* The marker spelled in two pieces: written whole, the malformed ones below
 * would be read as real (malformed) markers when prodready audits itself. */
#define TEST_MARKER                                                                                \
    "prodready"                                                                                    \
    ":ignore"

static enum suppress_parse_status parse(const char *line, struct suppress_directive *directive)
{
    return suppress_parse_line(line, strlen(line), directive);
}

static void test_parse_comment_syntaxes(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "token = 'x'  # " TEST_MARKER,        "token = 'x'; // " TEST_MARKER,
        "token = 'x'; /* " TEST_MARKER " */", "<a href=x> <!-- " TEST_MARKER " -->",
        "SELECT 1; -- " TEST_MARKER,          "key: value ; " TEST_MARKER,
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        struct suppress_directive directive;
        assert_int_equal(parse(lines[i], &directive), SUPPRESS_PARSE_OK);
        assert_int_equal(directive.id_count, 0);
        assert_false(directive.standalone);
        /* Comment closers are not part of the reason. */
        assert_string_equal(directive.reason, "");
    }
    struct suppress_directive directive;
    assert_int_equal(parse("token = 'x'", &directive), SUPPRESS_PARSE_NONE);
    assert_int_equal(parse("", &directive), SUPPRESS_PARSE_NONE);
    /* Part of a longer word is not a marker. */
    assert_int_equal(parse("# " TEST_MARKER "d", &directive), SUPPRESS_PARSE_NONE);
    assert_int_equal(parse("# x" TEST_MARKER, &directive), SUPPRESS_PARSE_NONE);
    assert_int_equal(parse("# " TEST_MARKER "-next-line", &directive), SUPPRESS_PARSE_NONE);
    /* ... but a later real marker on the line counts. */
    assert_int_equal(parse("# " TEST_MARKER "d, " TEST_MARKER "[docs.no-adr]", &directive),
                     SUPPRESS_PARSE_OK);
    assert_int_equal(directive.id_count, 1);
}

static void test_parse_standalone(void **state)
{
    (void)state;
    struct suppress_directive directive;
    static const char *const standalone[] = {
        "# " TEST_MARKER,
        "    // " TEST_MARKER "[secrets.*] fixture",
        "/* " TEST_MARKER " */",
        "<!-- " TEST_MARKER " -->",
        "-- " TEST_MARKER,
        "\t; " TEST_MARKER,
        " * " TEST_MARKER " reason",
    };
    for (size_t i = 0; i < sizeof standalone / sizeof standalone[0]; i++) {
        assert_int_equal(parse(standalone[i], &directive), SUPPRESS_PARSE_OK);
        assert_true(directive.standalone);
    }
    assert_int_equal(parse("x = 1 # " TEST_MARKER, &directive), SUPPRESS_PARSE_OK);
    assert_false(directive.standalone);
    assert_int_equal(directive.column, 9);
}

static void test_parse_ids_and_reasons(void **state)
{
    (void)state;
    struct suppress_directive directive;
    assert_int_equal(
        parse("# " TEST_MARKER "[secrets.github-token] test fixture value", &directive),
        SUPPRESS_PARSE_OK);
    assert_int_equal(directive.id_count, 1);
    assert_string_equal(directive.ids[0], "secrets.github-token");
    assert_string_equal(directive.reason, "test fixture value");

    assert_int_equal(parse("// " TEST_MARKER "[ docs.no-adr , secrets.* ]: both", &directive),
                     SUPPRESS_PARSE_OK);
    assert_int_equal(directive.id_count, 2);
    assert_string_equal(directive.ids[0], "docs.no-adr");
    assert_string_equal(directive.ids[1], "secrets.*");
    assert_string_equal(directive.reason, "both");

    /* A blank before the bracket still names ids (never widens to all). */
    assert_int_equal(parse("# " TEST_MARKER " [docs.no-adr] - why", &directive), SUPPRESS_PARSE_OK);
    assert_int_equal(directive.id_count, 1);
    assert_string_equal(directive.reason, "why");

    assert_int_equal(parse("/* " TEST_MARKER "[docs.no-adr] generated */", &directive),
                     SUPPRESS_PARSE_OK);
    assert_string_equal(directive.reason, "generated");
    assert_int_equal(parse("<!-- " TEST_MARKER ": sample page -->\r", &directive),
                     SUPPRESS_PARSE_OK);
    assert_string_equal(directive.reason, "sample page");

    /* Control bytes in a reason are replaced; a long one is cut. */
    assert_int_equal(parse("# " TEST_MARKER " a\x1b[2Jb", &directive), SUPPRESS_PARSE_OK);
    assert_string_equal(directive.reason, "a?[2Jb");
    char long_line[600];
    memset(long_line, 'r', sizeof long_line - 1);
    long_line[sizeof long_line - 1] = '\0';
    memcpy(long_line, "# " TEST_MARKER " ", 19);
    assert_int_equal(parse(long_line, &directive), SUPPRESS_PARSE_OK);
    assert_true(strlen(directive.reason) <= SUPPRESS_TEXT_MAX + 3);
}

static void test_parse_malformed(void **state)
{
    (void)state;
    struct suppress_directive directive;
    assert_int_equal(parse("# " TEST_MARKER "[docs.no-adr", &directive), SUPPRESS_PARSE_MALFORMED);
    assert_non_null(strstr(directive.problem, "closing"));
    assert_int_equal(parse("# " TEST_MARKER "[]", &directive), SUPPRESS_PARSE_MALFORMED);
    assert_int_equal(parse("# " TEST_MARKER "[docs.no-adr,]", &directive),
                     SUPPRESS_PARSE_MALFORMED);
    assert_int_equal(parse("# " TEST_MARKER "[Docs.No-Adr]", &directive), SUPPRESS_PARSE_MALFORMED);
    assert_int_equal(parse("# " TEST_MARKER "[secrets]", &directive), SUPPRESS_PARSE_MALFORMED);
    assert_int_equal(parse("# " TEST_MARKER "[*]", &directive), SUPPRESS_PARSE_MALFORMED);
    assert_int_equal(parse("# " TEST_MARKER "[docs..adr]", &directive), SUPPRESS_PARSE_MALFORMED);
    assert_int_equal(parse("# " TEST_MARKER "[a.b,a.b,a.b,a.b,a.b,a.b,a.b,a.b,a.b,a.b,a.b,a.b,"
                           "a.b,a.b,a.b,a.b,a.b]",
                           &directive),
                     SUPPRESS_PARSE_MALFORMED);
    /* A marker at the very end of a buffer without a terminator. */
    const char cut[] = "# " TEST_MARKER "[";
    assert_int_equal(suppress_parse_line(cut, sizeof cut - 1, &directive),
                     SUPPRESS_PARSE_MALFORMED);
    assert_int_equal(suppress_parse_line(cut, 10, &directive), SUPPRESS_PARSE_NONE);
}

static void test_id_matching(void **state)
{
    (void)state;
    assert_true(suppress_id_matches("", "docs.no-adr"));
    assert_true(suppress_id_matches("docs.no-adr", "docs.no-adr"));
    assert_false(suppress_id_matches("docs.no-adr", "docs.no-adrs"));
    assert_true(suppress_id_matches("docs.*", "docs.no-adr"));
    assert_false(suppress_id_matches("doc.*", "docs.no-adr"));
    assert_true(suppress_id_known("secrets.*"));
    assert_true(suppress_id_known("docs.no-adr"));
    assert_false(suppress_id_known("docs.no-adrr"));
    assert_false(suppress_id_known("nosuch.*"));
}

/* Findings of real rules at the given lines of one file. */
static struct finding make_finding(const char *rule_id, int line)
{
    struct finding finding;
    memset(&finding, 0, sizeof finding);
    finding.rule = rule_registry_find(rule_id);
    assert_non_null(finding.rule);
    finding.severity = finding.rule->severity;
    finding.file = "app.py";
    finding.line = line;
    finding.message = rule_id;
    finding_fingerprint(&finding);
    return finding;
}

static void test_inline_suppression(void **state)
{
    (void)state;
    const char content[] = "a = 1  # " TEST_MARKER "[docs.no-adr] known\n" /* 1 */
                           "# " TEST_MARKER "[secrets.*] fixture values\n" /* 2 */
                           "b = 2\n"                                       /* 3 */
                           "c = 3  # " TEST_MARKER "\n"                    /* 4 */
                           "d = 4\n"                                       /* 5 */
                           "e = 5  # " TEST_MARKER "[docs.no-adrr]\n"      /* 6 */
                           "f = 6  # " TEST_MARKER "[docs.no-adr\n";       /* 7 */
    struct finding findings[] = {
        make_finding("docs.no-adr", 1),          /* suppressed: same line, named */
        make_finding("docs.no-readme", 1),       /* kept: another rule */
        make_finding("secrets.github-token", 3), /* suppressed: standalone line above */
        make_finding("docs.no-adr", 3),          /* kept: not in the family */
        make_finding("docs.no-readme", 4),       /* suppressed: bare marker */
        make_finding("docs.no-readme", 5),       /* kept: line 4's marker is after code */
        make_finding("docs.no-adr", 6),          /* kept: unknown id suppresses nothing */
        make_finding("docs.no-adr", 7),          /* kept: malformed */
    };
    size_t count = sizeof findings / sizeof findings[0];
    struct suppress_file_output out = {0};
    struct arena arena;
    arena_init(&arena);
    suppress_inline("app.py", content, sizeof content - 1, findings, &count, &out, &arena);
    assert_int_equal(count, 5);
    assert_int_equal(out.suppressed_count, 3);
    assert_string_equal(out.suppressed[0].rule->id, "docs.no-adr");
    assert_string_equal(out.suppressed[0].suppression->kind, "inline");
    assert_int_equal(out.suppressed[0].suppression->line, 1);
    assert_string_equal(out.suppressed[0].suppression->reason, "known");
    assert_int_equal(out.suppressed[1].line, 3);
    assert_int_equal(out.suppressed[1].suppression->line, 2);
    assert_string_equal(out.suppressed[1].suppression->reason, "fixture values");
    assert_null(out.suppressed[2].suppression->reason);
    assert_int_equal(findings[2].line, 4 + 1);
    assert_int_equal(out.warning_count, 2);
    assert_non_null(strstr(out.warnings[0], "app.py:6: " TEST_MARKER " names unknown rule "
                                            "'docs.no-adrr'; did you mean docs.no-adr?"));
    assert_non_null(strstr(out.warnings[1], "app.py:7: malformed " TEST_MARKER));
    free(out.suppressed);
    free(out.warnings);

    /* No marker at all: nothing changes. */
    struct finding one[] = {make_finding("docs.no-adr", 1)};
    count = 1;
    memset(&out, 0, sizeof out);
    suppress_inline("app.py", "x = 1\n", 6, one, &count, &out, &arena);
    assert_int_equal(count, 1);
    assert_int_equal(out.suppressed_count, 0);
    /* Repository-level findings (no line) are never suppressed inline. */
    one[0].line = 0;
    suppress_inline("app.py", "# " TEST_MARKER "\n", 19, one, &count, &out, &arena);
    assert_int_equal(count, 1);
    arena_destroy(&arena);
}

/* ---- config ---- */

static char config_path[64];

static int load(const char *text, struct config *config, struct strbuf *error)
{
    strncpy(config_path, "/tmp/prodready-suppress-XXXXXX", sizeof(config_path) - 1);
    int fd = mkstemp(config_path);
    assert_true(fd >= 0);
    FILE *file = fdopen(fd, "w");
    fputs(text, file);
    fclose(file);
    memset(config, 0, sizeof(*config));
    int status = config_load(config_path, config, error);
    unlink(config_path);
    return status;
}

static void expect_config_error(const char *text, const char *needle)
{
    struct config config;
    struct strbuf error = STRBUF_INIT;
    assert_int_equal(load(text, &config, &error), -1);
    if (!strstr(error.data, needle))
        fail_msg("expected '%s' in: %s", needle, error.data);
    assert_int_equal(strncmp(error.data, config_path, strlen(config_path)), 0);
    config_release(&config);
    strbuf_release(&error);
}

static void test_config_settings(void **state)
{
    (void)state;
    struct config config;
    struct strbuf error = STRBUF_INIT;
    int status = load("exclude:\n"
                      "  - 'tests/fixtures/'\n"
                      "  - '*.min.js'\n"
                      "rules:\n"
                      "  disable: [docs.no-adr, 'secrets.*']\n"
                      "  severity:\n"
                      "    docs.no-changelog: low\n"
                      "    'docs.*': info\n"
                      "  ignore:\n"
                      "    - rule: docs.no-security-policy\n"
                      "      reason: internal tool\n"
                      "    - rule: docs.no-readme\n"
                      "      paths: ['legacy/**']\n"
                      "      reason: frozen code\n",
                      &config, &error);
    if (status != 0)
        fail_msg("%s", error.data);
    assert_int_equal(config.exclude_count, 2);
    assert_int_equal(config.disable_count, 2);
    assert_string_equal(config.disable[1], "secrets.*");
    assert_int_equal(config.severity_count, 2);
    assert_int_equal(config.severities[0].severity, SEVERITY_LOW);
    assert_int_equal(config.ignore_count, 2);
    assert_int_equal(config.ignores[0].line, 10);
    assert_string_equal(config.ignores[1].paths[0], "legacy/**");

    assert_true(suppress_rule_disabled(&config, "secrets.github-token"));
    assert_false(suppress_rule_disabled(&config, "docs.no-readme"));

    struct gitignore *excludes = suppress_excludes_compile(&config);
    assert_true(suppress_path_excluded(excludes, "tests/fixtures/a/b.py"));
    assert_true(suppress_path_excluded(excludes, "web/app.min.js"));
    assert_false(suppress_path_excluded(excludes, "tests/unit/a.py"));
    assert_false(suppress_path_excluded(excludes, "tests/fixtures"));
    suppress_excludes_free(excludes);

    /* Apply: disabled rules vanish, ignores move with the config's line,
     * an exact severity beats a family one. */
    struct finding findings[] = {
        make_finding("docs.no-adr", 0),     make_finding("docs.no-security-policy", 0),
        make_finding("docs.no-readme", 0),  make_finding("docs.no-changelog", 0),
        make_finding("docs.no-license", 0),
    };
    findings[2].file = "legacy/a.py";
    findings[2].line = 3;
    size_t count = sizeof findings / sizeof findings[0];
    struct finding *suppressed = NULL;
    size_t suppressed_count = 0, suppressed_capacity = 0;
    struct arena arena;
    arena_init(&arena);
    suppress_apply_config(&config, findings, &count, &suppressed, &suppressed_count,
                          &suppressed_capacity, &arena);
    assert_int_equal(count, 2);
    assert_string_equal(findings[0].rule->id, "docs.no-changelog");
    assert_int_equal(findings[0].severity, SEVERITY_LOW);
    assert_int_equal(findings[1].severity, SEVERITY_INFO);
    assert_int_equal(suppressed_count, 2);
    assert_string_equal(suppressed[0].suppression->kind, "config");
    assert_int_equal(suppressed[0].suppression->line, 10);
    assert_string_equal(suppressed[1].suppression->reason, "frozen code");
    free(suppressed);
    arena_destroy(&arena);
    config_release(&config);
    strbuf_release(&error);
}

static void test_config_errors(void **state)
{
    (void)state;
    expect_config_error("rules:\n  disable: [docs.no-adrr]\n",
                        ":2: unknown rule 'docs.no-adrr'; did you mean docs.no-adr?");
    expect_config_error("rules:\n  disable: ['nosuch.*']\n", ":2: unknown rule 'nosuch.*'");
    expect_config_error("rules:\n  severity:\n    docs.no-adr: severe\n",
                        ":3: rules.severity: docs.no-adr needs one of");
    expect_config_error("rules:\n  severity: [docs.no-adr]\n",
                        ":2: rules.severity must be a mapping");
    expect_config_error("rules:\n  disabel: [docs.no-adr]\n",
                        ":2: unknown setting 'rules.disabel'");
    expect_config_error("rules:\n  ignore:\n    - rule: docs.no-adr\n",
                        ":3: rules.ignore: the entry needs a reason");
    expect_config_error("rules:\n  ignore:\n    - reason: x\n",
                        ":3: rules.ignore: the entry needs a rule");
    expect_config_error("rules:\n  ignore:\n    - rule: docs.no-adr\n      reason: x\n"
                        "      path: [a]\n",
                        ":5: rules.ignore: unknown key 'path'");
    expect_config_error("exclude: {a: b}\n", ":1: exclude must be a list");
    expect_config_error("exclude:\n  - ''\n", ":2: exclude: entries must be non-empty");
    expect_config_error("rules: [docs.no-adr]\n", ":1: rules must be a mapping");
    expect_config_error("rules:\n", ":1: rules must be a mapping");
}

/* ---- baseline ---- */

static char baseline_path[64];

static int load_baseline(const char *text, struct suppress_baseline *baseline, struct strbuf *error)
{
    strncpy(baseline_path, "/tmp/prodready-baseline-XXXXXX", sizeof(baseline_path) - 1);
    int fd = mkstemp(baseline_path);
    assert_true(fd >= 0);
    FILE *file = fdopen(fd, "w");
    fputs(text, file);
    fclose(file);
    int status = suppress_baseline_load(baseline_path, baseline, error);
    unlink(baseline_path);
    return status;
}

static void test_baseline(void **state)
{
    (void)state;
    struct suppress_baseline baseline;
    struct strbuf error = STRBUF_INIT;
    assert_int_equal(suppress_baseline_load("/nonexistent/prodready.json", &baseline, &error), -1);
    assert_non_null(strstr(error.data, "cannot read the baseline"));
    strbuf_reset(&error);
    assert_int_equal(load_baseline("not json", &baseline, &error), -1);
    assert_non_null(strstr(error.data, "is not JSON"));
    strbuf_reset(&error);
    assert_int_equal(load_baseline("{\"schema\": \"other\", \"findings\": []}", &baseline, &error),
                     -1);
    assert_non_null(strstr(error.data, "is not a prodready report"));
    strbuf_reset(&error);
    assert_int_equal(load_baseline("{\"schema\": \"prodready/report/v1\", \"findings\": "
                                   "[{\"fingerprint\": \"xyz\"}]}",
                                   &baseline, &error),
                     -1);
    assert_non_null(strstr(error.data, "findings[0] has no valid fingerprint"));
    assert_null(strchr(error.data, '\n'));

    struct finding findings[] = {
        make_finding("docs.no-adr", 0),
        make_finding("docs.no-readme", 0),
        make_finding("docs.no-readme", 0),
        make_finding("docs.no-license", 0),
    };
    char text[512];
    /* docs.no-readme listed once: of two identical findings one is new. */
    snprintf(text, sizeof text,
             "{\"schema\": \"prodready/report/v1\", \"findings\": [{\"fingerprint\": \"%s\"}, "
             "{\"fingerprint\": \"%s\"}, {\"fingerprint\": \"0123456789abcdef\"}]}",
             findings[1].fingerprint, findings[0].fingerprint);
    strbuf_reset(&error);
    assert_int_equal(load_baseline(text, &baseline, &error), 0);
    assert_int_equal(baseline.count, 3);
    size_t fixed = suppress_baseline_mark(&baseline, findings, 4);
    assert_int_equal(fixed, 1);
    assert_true(findings[0].baseline);
    assert_true(findings[1].baseline);
    assert_false(findings[2].baseline);
    assert_false(findings[3].baseline);
    suppress_baseline_release(&baseline);
    strbuf_release(&error);
}

/* ---- reports ---- */

static char *render(int (*writer)(const struct audit_result *, const struct report_options *,
                                  FILE *),
                    const struct audit_result *result)
{
    static const struct report_options options = {.color = false, .version = "9.9.9-test"};
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    assert_int_equal(writer(result, &options, out), 0);
    assert_int_equal(fclose(out), 0);
    return text;
}

static void test_reports_show_suppressed_and_baseline(void **state)
{
    (void)state;
    struct audit_result result;
    report_sample_build(&result);
    /* Without a baseline, findings carry no "baseline" member and
     * "suppressed" is an empty list. */
    char *text = render(report_json_write, &result);
    json_t *root = json_loads(text, 0, NULL);
    assert_non_null(root);
    assert_true(json_is_array(json_object_get(root, "suppressed")));
    assert_int_equal(json_array_size(json_object_get(root, "suppressed")), 0);
    assert_null(json_object_get(root, "baseline"));
    assert_null(json_object_get(json_array_get(json_object_get(root, "findings"), 0), "baseline"));
    json_decref(root);
    free(text);

    static const struct suppression why = {"inline", "app/config.py", 6, "sample key"};
    struct finding hidden = result.findings[1];
    hidden.suppression = &why;
    result.suppressed = &hidden;
    result.suppressed_count = 1;
    result.findings[0].baseline = true;
    result.baseline_file = "base.json";
    result.baseline_known = 1;
    result.baseline_new = result.finding_count - 1;
    result.baseline_fixed = 2;

    text = render(report_json_write, &result);
    root = json_loads(text, 0, NULL);
    assert_non_null(root);
    json_t *findings = json_object_get(root, "findings");
    assert_true(json_is_true(json_object_get(json_array_get(findings, 0), "baseline")));
    assert_true(json_is_false(json_object_get(json_array_get(findings, 1), "baseline")));
    json_t *entry = json_array_get(json_object_get(root, "suppressed"), 0);
    json_t *suppression = json_object_get(entry, "suppression");
    assert_string_equal(json_string_value(json_object_get(suppression, "kind")), "inline");
    assert_int_equal(json_integer_value(json_object_get(suppression, "line")), 6);
    assert_string_equal(json_string_value(json_object_get(suppression, "reason")), "sample key");
    json_t *baseline = json_object_get(root, "baseline");
    assert_int_equal(json_integer_value(json_object_get(baseline, "known")), 1);
    assert_int_equal(json_integer_value(json_object_get(baseline, "fixed")), 2);
    json_decref(root);
    free(text);

    text = render(report_text_write, &result);
    assert_non_null(strstr(text, "1 suppressed finding ("));
    assert_non_null(strstr(text, "against the baseline base.json: 4 new, 1 in the baseline, 2 "
                                 "fixed since"));
    assert_non_null(strstr(text, "[baseline]"));
    free(text);
    arena_destroy(&result.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_comment_syntaxes),
        cmocka_unit_test(test_parse_standalone),
        cmocka_unit_test(test_parse_ids_and_reasons),
        cmocka_unit_test(test_parse_malformed),
        cmocka_unit_test(test_id_matching),
        cmocka_unit_test(test_inline_suppression),
        cmocka_unit_test(test_config_settings),
        cmocka_unit_test(test_config_errors),
        cmocka_unit_test(test_baseline),
        cmocka_unit_test(test_reports_show_suppressed_and_baseline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
