/*
 * libFuzzer target: version ordering (advisories/version_order.h). The
 * first byte picks the ecosystem; the rest is cut at NUL bytes into three
 * versions, each copied into a buffer of exactly its length plus the NUL.
 * Beyond not crashing, the ordering must be one: validity is the same in
 * both directions, every valid version equals itself, cmp(a, b) is
 * -cmp(b, a), and LESS/EQUAL chains are transitive. A violation aborts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "advisories/version_order.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_ecosystems[] = {"pypi",  "npm",      "cargo", "go",
                                              "maven", "rubygems", "nuget", "packagist"};

static char *fuzz_take(const uint8_t **data, size_t *size)
{
    const uint8_t *end = memchr(*data, 0, *size);
    size_t length = end ? (size_t)(end - *data) : *size;
    char *copy = malloc(length + 1);
    memcpy(copy, *data, length);
    copy[length] = '\0';
    *data += length + (end ? 1 : 0);
    *size -= length + (end ? 1 : 0);
    return copy;
}

/* cmp(a, b), checked against cmp(b, a) and against validity. */
static int fuzz_cmp(const char *ecosystem, const char *a, const char *b)
{
    enum version_order_result forward = version_order_compare(ecosystem, a, b);
    enum version_order_result backward = version_order_compare(ecosystem, b, a);
    if (forward == VERSION_ORDER_UNSUPPORTED || forward == VERSION_ORDER_INVALID) {
        if (backward != forward)
            abort();
        if (forward == VERSION_ORDER_INVALID && version_order_valid(ecosystem, a) &&
            version_order_valid(ecosystem, b))
            abort();
        return 2;
    }
    if ((int)backward != -(int)forward)
        abort();
    if (!version_order_valid(ecosystem, a) || !version_order_valid(ecosystem, b))
        abort();
    return (int)forward;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *ecosystem = fuzz_ecosystems[data[0] % 8];
    data++, size--;
    char *a = fuzz_take(&data, &size);
    char *b = fuzz_take(&data, &size);
    char *c = fuzz_take(&data, &size);
    int ab = fuzz_cmp(ecosystem, a, b);
    int bc = fuzz_cmp(ecosystem, b, c);
    int ac = fuzz_cmp(ecosystem, a, c);
    const char *versions[] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        enum version_order_result self = version_order_compare(ecosystem, versions[i], versions[i]);
        if (version_order_valid(ecosystem, versions[i]) != (self == VERSION_ORDER_EQUAL))
            abort();
    }
    /* Transitivity of <= through b, strict when either step is strict. */
    if (ab != 2 && bc != 2 && ab <= 0 && bc <= 0) {
        int expected = (ab < 0 || bc < 0) ? -1 : 0;
        if (ac != expected)
            abort();
    }
    if (ab != 2 && bc != 2 && ab >= 0 && bc >= 0) {
        int expected = (ab > 0 || bc > 0) ? 1 : 0;
        if (ac != expected)
            abort();
    }
    free(a);
    free(b);
    free(c);
    return 0;
}
