/*
 * test_osv: the OSV loader and matcher (advisories/osv.h) on advisories
 * written here, after the examples of the OSV schema's evaluation section:
 * introduced/fixed, last_affected, limit, several ranges in one events
 * list and several range objects, versions lists, GIT ranges skipped,
 * withdrawn advisories, aliases reported once, PyPI name normalization,
 * severities (CVSS v3 vector, database severity, CVSS v4 only, none),
 * fixed versions, documents skipped by the name scan, and bad documents.
 * Versions are plain numeric ones, so only the evaluation is under test
 * here, not the ecosystems' orderings (test_version_order).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "advisories/osv.h"

/* One advisory for package `name` (PyPI unless the ecosystem is given in
 * `package`), with `body` spliced into its affected entry. */
static void add(struct osv_database *database, const char *id, const char *package,
                const char *affected_body, const char *extra)
{
    char text[4096];
    int length = snprintf(text, sizeof text,
                          "{\"schema_version\": \"1.6.0\", \"id\": \"%s\", \"modified\": "
                          "\"2024-01-01T00:00:00Z\", %s \"affected\": [{\"package\": %s, %s}]}",
                          id, extra, package, affected_body);
    assert_true(length > 0 && (size_t)length < sizeof text);
    /* Exactly its length, no NUL after it: the loader must not need one. */
    char *copy = malloc((size_t)length);
    memcpy(copy, text, (size_t)length);
    osv_database_add_json(database, copy, (size_t)length, id);
    free(copy);
}

#define PYPI(name) "{\"ecosystem\": \"PyPI\", \"name\": \"" name "\"}"
#define NPM(name)  "{\"ecosystem\": \"npm\", \"name\": \"" name "\"}"

/* The ids matching `version`, space-separated. */
static const char *ids(struct osv_database *database, const char *ecosystem, const char *name,
                       const char *version)
{
    static char out[512];
    const struct osv_match *matches;
    size_t count = osv_database_match(database, ecosystem, name, version, &matches, NULL);
    out[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < count; i++)
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%s", i ? " " : "",
                                 matches[i].advisory->id);
    return out;
}

static struct osv_database *database_for(const char *name)
{
    struct osv_database *database = osv_database_new();
    osv_database_want(database, "pypi", name);
    return database;
}

static void test_introduced_fixed(void **state)
{
    (void)state;
    struct osv_database *database = database_for("pkg");
    /* "everything before 1.0.2 is affected" */
    add(database, "OSV-1", PYPI("pkg"),
        "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}, "
        "{\"fixed\": \"1.0.2\"}]}]",
        "");
    assert_string_equal(ids(database, "pypi", "pkg", "0.1"), "OSV-1");
    assert_string_equal(ids(database, "pypi", "pkg", "1.0.1"), "OSV-1");
    assert_string_equal(ids(database, "pypi", "pkg", "1.0.2"), "");
    assert_string_equal(ids(database, "pypi", "pkg", "2.0"), "");
    /* The fixed versions above the matched one are named. */
    const struct osv_match *matches;
    assert_int_equal(osv_database_match(database, "pypi", "pkg", "1.0.1", &matches, NULL), 1);
    assert_string_equal(matches[0].fixed, "1.0.2");
    /* Another package, or no exact version, matches nothing. */
    assert_string_equal(ids(database, "pypi", "other", "0.1"), "");
    assert_string_equal(ids(database, "pypi", "pkg", ""), "");
    assert_string_equal(ids(database, "npm", "pkg", "0.1"), "");
    osv_database_free(database);
}

static void test_last_affected(void **state)
{
    (void)state;
    struct osv_database *database = database_for("pkg");
    /* "all versions up to and including 2.1.214" */
    add(database, "OSV-2", PYPI("pkg"),
        "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}, "
        "{\"last_affected\": \"2.1.214\"}]}]",
        "");
    assert_string_equal(ids(database, "pypi", "pkg", "2.1.213"), "OSV-2");
    assert_string_equal(ids(database, "pypi", "pkg", "2.1.214"), "OSV-2");
    assert_string_equal(ids(database, "pypi", "pkg", "2.1.215"), "");
    const struct osv_match *matches;
    assert_int_equal(osv_database_match(database, "pypi", "pkg", "1.0", &matches, NULL), 1);
    assert_string_equal(matches[0].fixed, ""); /* no fix published */
    osv_database_free(database);
}

static void test_multiple_ranges(void **state)
{
    (void)state;
    struct osv_database *database = database_for("pkg");
    /* [1.0.0, 1.0.2) or [3.0.0, 3.2.5) in one events list, written out of
     * order: evaluation sorts the events first. */
    add(database, "OSV-3", PYPI("pkg"),
        "\"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"3.0.0\"}, "
        "{\"fixed\": \"1.0.2\"}, {\"introduced\": \"1.0.0\"}, {\"fixed\": \"3.2.5\"}]}]",
        "");
    assert_string_equal(ids(database, "pypi", "pkg", "0.9.0"), "");
    assert_string_equal(ids(database, "pypi", "pkg", "1.0.0"), "OSV-3");
    assert_string_equal(ids(database, "pypi", "pkg", "1.0.1"), "OSV-3");
    assert_string_equal(ids(database, "pypi", "pkg", "1.0.2"), "");
    assert_string_equal(ids(database, "pypi", "pkg", "2.0.0"), "");
    assert_string_equal(ids(database, "pypi", "pkg", "3.2.4"), "OSV-3");
    assert_string_equal(ids(database, "pypi", "pkg", "3.2.5"), "");
    const struct osv_match *matches;
    assert_int_equal(osv_database_match(database, "pypi", "pkg", "1.0.1", &matches, NULL), 1);
    assert_string_equal(matches[0].fixed, "1.0.2, 3.2.5");
    assert_int_equal(osv_database_match(database, "pypi", "pkg", "3.0.0", &matches, NULL), 1);
    assert_string_equal(matches[0].fixed, "3.2.5");

    /* The same as two range objects, and a GIT range that is skipped. */
    struct osv_database *two = database_for("pkg");
    add(two, "OSV-4", PYPI("pkg"),
        "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"1.0.0\"}, "
        "{\"fixed\": \"1.0.2\"}]}, {\"type\": \"GIT\", \"repo\": \"https://example.com/r\", "
        "\"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"abcdef\"}]}, "
        "{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"3.0.0\"}, "
        "{\"fixed\": \"3.2.5\"}]}]",
        "");
    assert_string_equal(ids(two, "pypi", "pkg", "1.0.1"), "OSV-4");
    assert_string_equal(ids(two, "pypi", "pkg", "2.0.0"), "");
    assert_string_equal(ids(two, "pypi", "pkg", "3.1"), "OSV-4");
    assert_int_equal(osv_database_stats(two)->git_ranges, 1);
    osv_database_free(two);
    osv_database_free(database);
}

static void test_limit(void **state)
{
    (void)state;
    struct osv_database *database = database_for("pkg");
    /* Versions at or above the limit are outside the range. */
    add(database, "OSV-5", PYPI("pkg"),
        "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"1.0\"}, "
        "{\"limit\": \"2.0\"}]}]",
        "");
    add(database, "OSV-6", PYPI("pkg"),
        "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"5.0\"}, "
        "{\"limit\": \"*\"}]}]",
        "");
    assert_string_equal(ids(database, "pypi", "pkg", "0.9"), "");
    assert_string_equal(ids(database, "pypi", "pkg", "1.5"), "OSV-5");
    assert_string_equal(ids(database, "pypi", "pkg", "2.0"), "");
    assert_string_equal(ids(database, "pypi", "pkg", "4.0"), "");
    assert_string_equal(ids(database, "pypi", "pkg", "9.0"), "OSV-6");
    osv_database_free(database);
}

static void test_versions_list(void **state)
{
    (void)state;
    struct osv_database *database = database_for("pkg");
    add(database, "OSV-7", PYPI("pkg"), "\"versions\": [\"1.4.0\", \"1.5.0\"]", "");
    assert_string_equal(ids(database, "pypi", "pkg", "1.4.0"), "OSV-7");
    assert_string_equal(ids(database, "pypi", "pkg", "1.5.0"), "OSV-7");
    assert_string_equal(ids(database, "pypi", "pkg", "1.4.1"), "");
    osv_database_free(database);
}

static void test_withdrawn_and_aliases(void **state)
{
    (void)state;
    struct osv_database *database = database_for("pkg");
    const char *range = "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": "
                        "\"0\"}, {\"fixed\": \"2.0\"}]}]";
    add(database, "OSV-W", PYPI("pkg"), range, "\"withdrawn\": \"2024-02-01T00:00:00Z\",");
    /* One vulnerability under two ids: reported once, under the id that
     * rates it (the GHSA with a CVSS vector). */
    add(database, "PYSEC-2024-1", PYPI("pkg"), range,
        "\"aliases\": [\"GHSA-aaaa-bbbb-cccc\", \"CVE-2024-0001\"],");
    add(database, "GHSA-aaaa-bbbb-cccc", PYPI("pkg"), range,
        "\"aliases\": [\"CVE-2024-0001\"], \"summary\": \"Bad thing\", \"severity\": [{\"type\": "
        "\"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],");
    /* Another vulnerability that only shares the package. */
    add(database, "PYSEC-2024-2", PYPI("pkg"), range, "\"aliases\": [\"CVE-2024-0002\"],");
    const struct osv_stats *stats = osv_database_stats(database);
    assert_int_equal(stats->withdrawn, 1);
    assert_int_equal(stats->advisories, 3);
    assert_string_equal(ids(database, "pypi", "pkg", "1.0"), "GHSA-aaaa-bbbb-cccc PYSEC-2024-2");
    const struct osv_match *matches;
    assert_int_equal(osv_database_match(database, "pypi", "pkg", "1.0", &matches, NULL), 2);
    const struct osv_advisory *ghsa = matches[0].advisory;
    assert_string_equal(ghsa->summary, "Bad thing");
    assert_int_equal(ghsa->alias_count, 1);
    assert_string_equal(ghsa->aliases[0], "CVE-2024-0001");
    assert_int_equal(ghsa->severity, SEVERITY_CRITICAL);
    assert_string_equal(ghsa->severity_basis, "CVSS:3.1 base score 9.8");
    assert_string_equal(matches[0].fixed, "2.0");
    osv_database_free(database);
}

static void test_names(void **state)
{
    (void)state;
    struct osv_database *database = osv_database_new();
    osv_database_want(database, "pypi", "Foo.Bar");
    osv_database_want(database, "npm", "lodash");
    osv_database_want(database, "maven", "org.example:core");
    const char *range = "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": "
                        "\"0\"}, {\"fixed\": \"2.0.0\"}]}]";
    /* PEP 503: case and runs of -_. do not matter for PyPI. */
    add(database, "PY-1", PYPI("foo_bar"), range, "");
    assert_string_equal(ids(database, "pypi", "Foo.Bar", "1.0"), "PY-1");
    assert_string_equal(ids(database, "pypi", "FOO--bar", "1.0"), "PY-1");
    /* npm names are exact. */
    add(database, "NPM-1", NPM("Lodash"), range, "");
    add(database, "NPM-2", NPM("lodash"), range, "");
    assert_string_equal(ids(database, "npm", "lodash", "1.0.0"), "NPM-2");
    /* Maven: group:artifact. */
    add(database, "MVN-1", "{\"ecosystem\": \"Maven\", \"name\": \"org.example:core\"}", range, "");
    assert_string_equal(ids(database, "maven", "org.example:core", "1.0.0"), "MVN-1");
    assert_string_equal(ids(database, "maven", "org.example:other", "1.0.0"), "");
    /* An ecosystem prodready does not record is skipped. */
    add(database, "DEB-1", "{\"ecosystem\": \"Debian:12\", \"name\": \"lodash\"}", range, "");
    assert_string_equal(ids(database, "npm", "lodash", "1.0.0"), "NPM-2");
    osv_database_free(database);
}

static void test_severity_sources(void **state)
{
    (void)state;
    struct osv_database *database = database_for("pkg");
    const char *range = "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": "
                        "\"0\"}]}]";
    add(database, "A-1", PYPI("pkg"), range,
        "\"database_specific\": {\"severity\": \"MODERATE\"},");
    add(database, "A-2", PYPI("pkg"), range,
        "\"severity\": [{\"type\": \"CVSS_V4\", \"score\": "
        "\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"}],");
    add(database, "A-3", PYPI("pkg"), range, "");
    /* A v4 vector and a database severity: the database's. */
    add(database, "A-4", PYPI("pkg"), range,
        "\"severity\": [{\"type\": \"CVSS_V4\", \"score\": \"CVSS:4.0/AV:N\"}], "
        "\"database_specific\": {\"severity\": \"HIGH\"},");
    /* A v3 vector that does not parse: the database severity decides. */
    add(database, "A-5", PYPI("pkg"), range,
        "\"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N\"}], "
        "\"database_specific\": {\"severity\": \"LOW\"},");
    /* A severity given for the affected package rather than the advisory. */
    add(database, "A-6", PYPI("pkg"),
        "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}]}], "
        "\"severity\": [{\"type\": \"CVSS_V3\", \"score\": "
        "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}]",
        "");
    const struct osv_match *matches;
    assert_int_equal(osv_database_match(database, "pypi", "pkg", "1.0", &matches, NULL), 6);
    assert_string_equal(matches[0].advisory->id, "A-1");
    assert_int_equal(matches[0].advisory->severity, SEVERITY_MEDIUM);
    assert_string_equal(matches[0].advisory->severity_basis, "database severity MODERATE");
    assert_int_equal(matches[1].advisory->severity, SEVERITY_MEDIUM);
    assert_non_null(strstr(matches[1].advisory->severity_basis, "v4"));
    assert_int_equal(matches[2].advisory->severity, SEVERITY_MEDIUM);
    assert_non_null(strstr(matches[2].advisory->severity_basis, "rates nothing"));
    assert_int_equal(matches[3].advisory->severity, SEVERITY_HIGH);
    assert_int_equal(matches[4].advisory->severity, SEVERITY_LOW);
    assert_int_equal(matches[5].advisory->severity, SEVERITY_CRITICAL);
    assert_string_equal(matches[5].advisory->severity_basis, "CVSS:3.1 base score 9.8");
    osv_database_free(database);
}

static void test_scan_and_bad_documents(void **state)
{
    (void)state;
    struct osv_database *database = database_for("pkg");
    /* Names no wanted package: not even parsed (so not found broken). */
    osv_database_add_json(database,
                          "{\"id\": \"X\", \"affected\": [{\"package\": {\"name\": "
                          "\"unrelated\"}}], ",
                          strlen("{\"id\": \"X\", \"affected\": [{\"package\": {\"name\": "
                                 "\"unrelated\"}}], "),
                          "unrelated.json");
    /* Broken JSON naming a wanted package: a warning with its name. */
    const char *broken = "{\"id\": \"Y\", \"affected\": [{\"package\": {\"name\": \"pkg\"";
    osv_database_add_json(database, broken, strlen(broken), "broken.json");
    /* Valid JSON, but not an advisory: no id; then a bad event. */
    const char *no_id = "{\"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": "
                        "\"pkg\"}}]}";
    osv_database_add_json(database, no_id, strlen(no_id), "no-id.json");
    add(database, "BAD-EVENT", PYPI("pkg"),
        "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\", \"fixed\": "
        "\"1\"}]}]",
        "");
    add(database, "BAD-VERSIONS", PYPI("pkg"), "\"versions\": [1, 2]", "");
    const struct osv_stats *stats = osv_database_stats(database);
    assert_int_equal(stats->documents, 5);
    assert_int_equal(stats->parsed, 4);
    assert_int_equal(stats->malformed, 4);
    assert_int_equal(stats->advisories, 0);
    size_t count;
    const char *const *warnings = osv_database_warnings(database, &count);
    assert_int_equal(count, 4);
    assert_non_null(strstr(warnings[0], "broken.json:1: not valid JSON"));
    assert_non_null(strstr(warnings[1], "no-id.json: not an OSV advisory: no \"id\""));
    assert_non_null(strstr(warnings[2], "BAD-EVENT: not an OSV advisory"));
    assert_non_null(strstr(warnings[3], "BAD-VERSIONS: not an OSV advisory"));
    assert_string_equal(ids(database, "pypi", "pkg", "0.5"), "");
    osv_database_free(database);
}

static void test_go_versions_and_undetermined(void **state)
{
    (void)state;
    struct osv_database *database = osv_database_new();
    osv_database_want(database, "go", "golang.org/x/text");
    osv_database_want(database, "pypi", "pkg");
    /* go.mod writes v0.3.5; OSV writes 0.3.8 without the v. */
    add(database, "GO-1", "{\"ecosystem\": \"Go\", \"name\": \"golang.org/x/text\"}",
        "\"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\"}, "
        "{\"fixed\": \"0.3.8\"}]}]",
        "");
    assert_string_equal(ids(database, "go", "golang.org/x/text", "v0.3.5"), "GO-1");
    assert_string_equal(ids(database, "go", "golang.org/x/text", "v0.3.8"), "");
    /* A range whose bounds the ordering refuses: neither affected nor
     * safe, but counted as undetermined. */
    add(database, "ODD-1", PYPI("pkg"),
        "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"not a "
        "version!\"}]}]",
        "");
    const struct osv_match *matches;
    size_t undetermined = 0;
    assert_int_equal(osv_database_match(database, "pypi", "pkg", "1.0", &matches, &undetermined),
                     0);
    assert_int_equal(undetermined, 1);
    osv_database_free(database);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_introduced_fixed),
        cmocka_unit_test(test_last_affected),
        cmocka_unit_test(test_multiple_ranges),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_versions_list),
        cmocka_unit_test(test_withdrawn_and_aliases),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_severity_sources),
        cmocka_unit_test(test_scan_and_bad_documents),
        cmocka_unit_test(test_go_versions_and_undetermined),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
