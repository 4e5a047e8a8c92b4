/*
 * junit_results: the JUnit XML reader (see junit_results.h). The format
 * has no single specification; what is read is the common core every
 * producer writes: <testsuites>/<testsuite> (nested at will) holding
 * <testcase> elements whose <failure>, <error> or <skipped> child says how
 * they ended.
 */
#include "metrics/junit_results.h"
#include "metrics/xml_safe.h"

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
