/*
 * junit_results: the JUnit XML reader (see junit_results.h). The format
 * has no single specification; what is read is the common core every
 * producer writes: <testsuites>/<testsuite> (nested at will) holding
 * <testcase> elements whose <failure>, <error> or <skipped> child says how
 * they ended.
 */
#include "metrics/junit_results.h"
#include "metrics/xml_safe.h"
#include "util/text.h"

#include <libxml/parser.h>
#include <string.h>

static void junit_results_add_time(const xmlNode *node, double *sum)
{
    double seconds;
    /* Some producers write "1,234.5" or nothing; such times are left out. */
    if (xml_safe_attr_double(node, "time", &seconds) && seconds < 1e9)
        *sum += seconds;
}

/* Totals from a suite's own attributes, for files without testcases. */
static int junit_results_from_attributes(const xmlNode *root, struct junit_results *results,
                                         struct strbuf *error)
{
    if (!xml_safe_attr_u64(root, "tests", &results->tests)) {
        strbuf_printf(error, "no <testcase> and no tests attribute");
        return -1;
    }
    xml_safe_attr_u64(root, "failures", &results->failures);
    xml_safe_attr_u64(root, "errors", &results->errors);
    if (!xml_safe_attr_u64(root, "skipped", &results->skipped))
        xml_safe_attr_u64(root, "disabled", &results->skipped);
    junit_results_add_time(root, &results->time_seconds);
    if (results->failures > results->tests || results->errors > results->tests ||
        results->skipped > results->tests) {
        strbuf_printf(error, "more failures, errors or skipped than tests");
        memset(results, 0, sizeof(*results));
        return -1;
    }
    return 0;
}

int junit_results_parse(const char *data, size_t length, struct junit_results *results,
                        struct strbuf *error)
{
    memset(results, 0, sizeof(*results));
    xmlDocPtr document = xml_safe_parse(data, length, JUNIT_RESULTS_MAX_BYTES, error);
    if (!document)
        return -1;
    xmlNode *root = xmlDocGetRootElement(document);
    if (!xml_safe_is(root, "testsuites") && !xml_safe_is(root, "testsuite")) {
        strbuf_printf(error, "XML root <%.40s> is not <testsuites> or <testsuite>",
                      root->name ? (const char *)root->name : "");
        xmlFreeDoc(document);
        return -1;
    }
    bool cases = false;
    double case_time = 0;
    for (xmlNode *node = xml_safe_next(root, root, false); node;) {
        if (!xml_safe_is(node, "testcase")) {
            node = xml_safe_next(node, root, false);
            continue;
        }
        cases = true;
        results->tests++;
        junit_results_add_time(node, &case_time);
        /* One outcome per testcase, the worst: error, failure, skipped.
         * pytest writes <error> for a teardown error next to <failure>. */
        bool failure = false, failed_error = false, skipped = false;
        for (const xmlNode *child = node->children; child; child = child->next) {
            failure = failure || xml_safe_is(child, "failure");
            failed_error = failed_error || xml_safe_is(child, "error");
            skipped = skipped || xml_safe_is(child, "skipped");
        }
        if (failed_error)
            results->errors++;
        else if (failure)
            results->failures++;
        else if (skipped)
            results->skipped++;
        node = xml_safe_next(node, root, true);
    }
    int status = 0;
    if (cases) {
        /* The root's time covers set-up too; the cases' sum is the fallback. */
        double root_time = 0;
        junit_results_add_time(root, &root_time);
        results->time_seconds = root_time > 0 ? root_time : case_time;
        if (!(root_time > 0) && xml_safe_is(root, "testsuites")) {
            double suites = 0;
            for (const xmlNode *suite = root->children; suite; suite = suite->next)
                if (xml_safe_is(suite, "testsuite"))
                    junit_results_add_time(suite, &suites);
            if (suites > 0)
                results->time_seconds = suites;
        }
    } else {
        status = junit_results_from_attributes(root, results, error);
    }
    xmlFreeDoc(document);
    return status;
}

bool junit_results_is_report_path(const char *path)
{
    static const char *const report_dirs[] = {"surefire-reports", "failsafe-reports",
                                              "test-results", "test-reports", NULL};
    static const char *const data_dirs[] = {"fixtures",  "fixture", "testdata", "test_data",
                                            "test-data", "corpus",  NULL};
    const char *base = text_basename(path);
    size_t length = strlen(base);
    if (length < 5 || !text_equals_nocase(base + length - 4, 4, ".xml"))
        return false;
    bool named = text_prefix_nocase(base, "junit") || strncmp(base, "TEST-", 5) == 0;
    static const char *const suffixes[] = {"-junit.xml", "_junit.xml", ".junit.xml", NULL};
    for (size_t i = 0; suffixes[i] && !named; i++) {
        size_t suffix = strlen(suffixes[i]);
        named = length > suffix && text_equals_nocase(base + length - suffix, suffix, suffixes[i]);
    }
    for (const char *start = path; start < base;) {
        const char *slash = memchr(start, '/', (size_t)(base - start));
        if (!slash)
            break;
        size_t part = (size_t)(slash - start);
        for (size_t i = 0; data_dirs[i]; i++)
            if (text_equals_nocase(start, part, data_dirs[i]))
                return false;
        for (size_t i = 0; report_dirs[i] && !named; i++)
            named = text_equals_nocase(start, part, report_dirs[i]);
        start = slash + 1;
    }
    return named;
}

/* Skips a construct that runs from `p` to the end of `close`; NULL when it
 * does not end within the bytes looked at. */
static const char *junit_results_skip_to(const char *p, const char *end, const char *close)
{
    size_t length = strlen(close);
    for (; p + length <= end; p++)
        if (memcmp(p, close, length) == 0)
            return p + length;
    return NULL;
}

bool junit_results_sniff(const char *data, size_t length)
{
    enum { JUNIT_SNIFF_BYTES = 4096 };
    const char *p = data, *end = data + (length < JUNIT_SNIFF_BYTES ? length : JUNIT_SNIFF_BYTES);
    if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p && p < end) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            p++;
        } else if (end - p >= 2 && memcmp(p, "<?", 2) == 0) {
            p = junit_results_skip_to(p + 2, end, "?>");
        } else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            p = junit_results_skip_to(p + 4, end, "-->");
        } else if (end - p >= 2 && memcmp(p, "<!", 2) == 0) {
            p = junit_results_skip_to(p + 2, end, ">");
        } else {
            static const char *const roots[] = {"<testsuites", "<testsuite", NULL};
            for (size_t i = 0; roots[i]; i++) {
                size_t root = strlen(roots[i]);
                if ((size_t)(end - p) > root && memcmp(p, roots[i], root) == 0 &&
                    (p[root] == '>' || p[root] == '/' || p[root] == ' ' || p[root] == '\t' ||
                     p[root] == '\r' || p[root] == '\n'))
                    return true;
            }
            return false;
        }
    }
    return false;
}
