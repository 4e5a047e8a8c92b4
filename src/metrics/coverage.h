/*
 * coverage: readers for the coverage reports test runners write — Cobertura
 * XML (coverage.py, gcovr, Istanbul, cobertura-maven), JaCoCo XML, lcov
 * tracefiles, coverage.py JSON and Go cover profiles — into one shape: lines
 * (statements for Go) and branches, covered and total, overall and per file.
 *
 * Reports come from the audited repository or the command line, so every
 * byte is hostile: the XML readers never load a DTD or touch the network and
 * refuse documents that declare entities; every number is range-checked; a
 * malformed report is an error message, never a crash or a guess. This
 * module only parses buffers: it must not open files or judge the numbers.
 */
#ifndef PRODREADY_METRICS_COVERAGE_H
#define PRODREADY_METRICS_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* Reports larger than this are refused before parsing. */
#define COVERAGE_MAX_REPORT_BYTES (128u * 1024u * 1024u)

enum coverage_format {
    COVERAGE_FORMAT_UNKNOWN,
    COVERAGE_FORMAT_COBERTURA,
    COVERAGE_FORMAT_JACOCO,
    COVERAGE_FORMAT_LCOV,
    COVERAGE_FORMAT_COVERAGE_PY_JSON,
    COVERAGE_FORMAT_GO_PROFILE,
};

struct coverage_counts {
    uint64_t lines_covered, lines_total;
    uint64_t branches_covered, branches_total;
};

struct coverage_file {
    char *path; /* as the report names it (owned) */
    struct coverage_counts counts;
};

struct coverage_report {
    enum coverage_format format;
    struct coverage_counts totals;
    bool has_branches;           /* the report measured branches at all */
    struct coverage_file *files; /* sorted by path, one entry per path */
    size_t file_count, file_capacity;
};

/* The format of a report from its first bytes; COVERAGE_FORMAT_UNKNOWN
 * when it is none of them. */
enum coverage_format coverage_detect(const char *data, size_t length);
const char *coverage_format_name(enum coverage_format format);

/* Parses `length` bytes of `data` (need not be NUL-terminated). Returns 0
 * and fills `report`, or -1 with a one-line reason in `error` (the report
 * is then empty but must still be released). */
int coverage_parse(const char *data, size_t length, struct coverage_report *report,
                   struct strbuf *error);
void coverage_report_release(struct coverage_report *report);

/* covered / total as a percentage, rounded to 0.1; -1 when total is 0. */
double coverage_percent(uint64_t covered, uint64_t total);

#endif
