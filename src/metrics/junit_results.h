/*
 * junit_results: reads JUnit XML test results (pytest --junitxml, Maven
 * Surefire, Gradle, jest-junit, go-junit-report …) into totals: tests,
 * failures, errors, skipped and time.
 *
 * Results come from the command line or the audited repository: the XML is
 * parsed through xml_safe (no DTD, no network, no entities, size-capped).
 * This module only parses a buffer: it must not open files or judge results.
 */
#ifndef PRODREADY_METRICS_JUNIT_RESULTS_H
#define PRODREADY_METRICS_JUNIT_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

#define JUNIT_RESULTS_MAX_BYTES (128u * 1024u * 1024u)

struct junit_results {
    uint64_t tests, failures, errors, skipped;
    double time_seconds; /* 0 when the file records no times */
};

/* Parses `length` bytes of `data`. Returns 0 and fills `results`, or -1
 * with a one-line reason in `error`. Counts come from the <testcase>
 * elements (at any depth of nested <testsuite>s); a file with no testcase
 * falls back to the root element's tests/failures/errors/skipped attributes. */
int junit_results_parse(const char *data, size_t length, struct junit_results *results,
                        struct strbuf *error);

/* Whether `path` (relative, '/'-separated) names a JUnit result file
 * prodready looks for in a tree: junit*.xml, *-junit.xml, TEST-*.xml
 * (Surefire, Gradle, Ant), any .xml under surefire-reports/,
 * failsafe-reports/, test-results/ or test-reports/ — outside test data
 * (fixtures/, testdata/ …), whose reports are some test's input. */
bool junit_results_is_report_path(const char *path);

/* Whether the document's root element is <testsuites> or <testsuite>,
 * from its first bytes only (a BOM, the XML declaration, comments,
 * processing instructions and a DOCTYPE are skipped): a cheap look before
 * a file found by name alone is parsed. */
bool junit_results_sniff(const char *data, size_t length);

#endif
