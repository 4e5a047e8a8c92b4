/*
 * libFuzzer target: the JUnit XML reader (metrics/junit_results.h) on
 * arbitrary bytes, without a terminating NUL, and the root-element sniff
 * done before reading a file found in the tree. A parse must never count
 * more failures, errors or skips than tests, and a refusal must say why.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/junit_results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *content = malloc(size ? size : 1);
    memcpy(content, data, size);
    /* The sniff only looks; it must not read past `size`. */
    (void)junit_results_sniff(content, size);
    struct junit_results results;
    struct strbuf error = STRBUF_INIT;
    if (junit_results_parse(content, size, &results, &error) == 0) {
        /* Attribute-only files may overlap the three counts; each alone
         * must fit, and time is never negative. */
        if (results.failures > results.tests || results.errors > results.tests ||
            results.skipped > results.tests || !(results.time_seconds >= 0))
            abort();
    } else if (!error.length) {
        abort();
    }
    strbuf_release(&error);
    free(content);
    return 0;
}
