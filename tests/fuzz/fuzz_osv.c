/*
 * libFuzzer target: the OSV loader (advisories/osv.h) on one arbitrary
 * document, without a terminating NUL, then matching a fixed list of
 * packages and versions of several ecosystems against what it kept. The
 * counts must stay consistent and every match must carry an id, a summary
 * and a fixed list (possibly empty), never NULL.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "advisories/osv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
    const char *ecosystem, *name;
    const char *versions[4];
} fuzz_osv_packages[] = {
    {"pypi", "requests", {"2.19.1", "1.0", "2.20.0rc1", "1!0.1"}},
    {"pypi", "Foo_Bar", {"0", "1.0.post1", "1.0+local", "9999"}},
    {"npm", "lodash", {"4.17.20", "1.0.0-beta.1", "0.0.0", "not-a-version"}},
    {"go", "golang.org/x/text", {"v0.3.5", "v0.0.0-20210101000000-abcdefabcdef", "v1", ""}},
    {"maven", "org.example:core", {"1.0", "1.0-SNAPSHOT", "2.0.0.Final", "1"}},
    {"cargo", "serde", {"1.0.0", "0.9.0-alpha", "1.0.0+build", "x"}},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *content = malloc(size ? size : 1);
    memcpy(content, data, size);
    struct osv_database *database = osv_database_new();
    for (size_t i = 0; i < sizeof fuzz_osv_packages / sizeof *fuzz_osv_packages; i++)
        osv_database_want(database, fuzz_osv_packages[i].ecosystem, fuzz_osv_packages[i].name);
    osv_database_add_json(database, content, size, "fuzz.json");
    const struct osv_stats *stats = osv_database_stats(database);
    if (stats->documents != 1 || stats->parsed > 1 ||
        stats->advisories + stats->withdrawn + stats->malformed > stats->parsed)
        abort();
    for (size_t i = 0; i < sizeof fuzz_osv_packages / sizeof *fuzz_osv_packages; i++) {
        for (size_t k = 0; k < 4; k++) {
            const struct osv_match *matches;
            size_t undetermined = 0;
            size_t count = osv_database_match(
                database, fuzz_osv_packages[i].ecosystem, fuzz_osv_packages[i].name,
                fuzz_osv_packages[i].versions[k], &matches, &undetermined);
            if (count > 1 || undetermined > 1)
                abort(); /* one document is one advisory */
            for (size_t m = 0; m < count; m++)
                if (!matches[m].advisory->id || !matches[m].advisory->summary ||
                    !matches[m].advisory->severity_basis || !matches[m].fixed)
                    abort();
        }
    }
    size_t warning_count;
    osv_database_warnings(database, &warning_count);
    if (stats->malformed && !warning_count)
        abort();
    osv_database_free(database);
    free(content);
    return 0;
}
