/*
 * libFuzzer target: the coverage report readers (metrics/coverage.h) on
 * arbitrary bytes — format detection, then the Cobertura/JaCoCo XML, lcov,
 * Go profile or coverage.py JSON reader it picks. The bytes are passed
 * without a terminating NUL so ASan catches any read past the end. Any
 * parse must leave totals no larger than possible and a releasable report.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/coverage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *content = malloc(size ? size : 1);
    memcpy(content, data, size);
    struct coverage_report report;
    struct strbuf error = STRBUF_INIT;
    if (coverage_parse(content, size, &report, &error) == 0) {
        if (report.totals.lines_covered > report.totals.lines_total ||
            report.totals.branches_covered > report.totals.branches_total)
            abort();
        for (size_t i = 0; i < report.file_count; i++)
            if (report.files[i].counts.lines_covered > report.files[i].counts.lines_total ||
                (i && strcmp(report.files[i - 1].path, report.files[i].path) >= 0))
                abort();
        double percent = coverage_percent(report.totals.lines_covered, report.totals.lines_total);
        if (percent > 100.0)
            abort();
    } else if (!error.length) {
        abort(); /* a refusal always says why */
    }
    coverage_report_release(&report);
    strbuf_release(&error);
    free(content);
    return 0;
}
