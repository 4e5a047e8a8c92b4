/*
 * Unit tests for the configuration file reader: settings, sizes, and every
 * error reported as file:line.
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

#include "config/config.h"

static char config_path[64];

static int load(const char *text, struct config *config, struct strbuf *error)
{
    strncpy(config_path, "/tmp/prodready-config-XXXXXX", sizeof(config_path) - 1);
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

static void test_settings(void **state)
{
    (void)state;
    struct config config;
    struct strbuf error = STRBUF_INIT;
    assert_int_equal(load("# gates\nfail_under: 70\nfail_on: high\nmax_file_size: 2M\njobs: 3\n",
                          &config, &error),
                     0);
    assert_true(config.has_fail_under);
    assert_int_equal(config.fail_under, 70);
    assert_true(config.has_fail_on);
    assert_int_equal(config.fail_on, SEVERITY_HIGH);
    assert_true(config.max_file_size == 2u * 1024 * 1024);
    assert_int_equal(config.jobs, 3);
    config_release(&config);
    /* grades: unnamed grades keep their defaults. */
    assert_int_equal(load("grades:\n  A: 95\n  D: 50\n", &config, &error), 0);
    assert_int_equal(config.grade_bounds[0], 95);
    assert_int_equal(config.grade_bounds[1], 80);
    assert_int_equal(config.grade_bounds[2], 70);
    assert_int_equal(config.grade_bounds[3], 50);
    config_release(&config);
    /* advisories: relative to the config file's directory, absolute as is. */
    assert_int_equal(load("advisories: osv/all.zip\n", &config, &error), 0);
    assert_string_equal(config.advisories, "/tmp/osv/all.zip");
    config_release(&config);
    assert_int_equal(load("advisories: /srv/osv\n", &config, &error), 0);
    assert_string_equal(config.advisories, "/srv/osv");
    config_release(&config);
    assert_int_equal(load("advisories:\n", &config, &error), -1);
    assert_non_null(strstr(error.data, "advisories must be the path of an OSV export"));
    config_release(&config);
    strbuf_reset(&error);
    /* Empty and comment-only files set nothing. */
    assert_int_equal(load("", &config, &error), 0);
    assert_int_equal(load("# nothing yet\n\n", &config, &error), 0);
    assert_false(config.has_fail_under);
    strbuf_release(&error);
}

static void expect_error(const char *text, const char *needle)
{
    struct config config;
    struct strbuf error = STRBUF_INIT;
    assert_int_equal(load(text, &config, &error), -1);
    if (!strstr(error.data, needle))
        fail_msg("expected '%s' in: %s", needle, error.data);
    /* Every message starts with the file name. */
    assert_int_equal(strncmp(error.data, config_path, strlen(config_path)), 0);
    strbuf_release(&error);
    /* A failed load may have taken some settings: the caller releases. */
    config_release(&config);
}

static void test_errors_have_lines(void **state)
{
    (void)state;
    expect_error("fail_under: 70\nfail_undr: 60\n", ":2: unknown setting 'fail_undr'");
    expect_error("\n\nfail_under: 170\n", ":3: fail_under must be a whole number from 0 to 100");
    expect_error("fail_on: severe\n", ":1: fail_on must be one of");
    expect_error("max_file_size: lots\n", ":1: max_file_size must be a size");
    expect_error("jobs: 0\n", ":1: jobs must be a whole number");
    expect_error("- a\n- b\n", ":1: the config must be a mapping");
    expect_error("fail_under: [1\n", "flow sequence");
    expect_error("a: \x01\n", ":1: control character 0x01");
    expect_error("grades:\n  E: 50\n", ":2: grades: unknown grade 'E'");
    expect_error("grades:\n  A: high\n", ":2: grades: A must be a whole number from 1 to 100");
    expect_error("grades:\n  B: 95\n", "grades: B (95) must be below A (90)");
    expect_error("grades: 90\n", ":1: grades must map A, B, C and D");
}

static void test_sizes(void **state)
{
    (void)state;
    uint64_t size = 0;
    assert_true(config_parse_size("5242880", &size));
    assert_true(size == 5242880);
    assert_true(config_parse_size("512k", &size));
    assert_true(size == 512 * 1024);
    assert_true(config_parse_size("5MiB", &size));
    assert_true(size == 5u * 1024 * 1024);
    assert_true(config_parse_size("1G", &size));
    assert_false(config_parse_size("0", &size));
    assert_false(config_parse_size("-1", &size));
    assert_false(config_parse_size("5X", &size));
    assert_false(config_parse_size("", &size));
    assert_false(config_parse_size("99999999999999999999", &size));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_errors_have_lines),
        cmocka_unit_test(test_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
