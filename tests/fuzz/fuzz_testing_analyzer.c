/*
 * libFuzzer target: the testing analyzer (analyzers/testing.c) on arbitrary
 * bytes, under the test, build and configuration paths it reads. The first
 * byte picks the path; the rest is the file, NUL-terminated as the audit
 * provides it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "inventory/role.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern const struct analyzer analyzer_testing;

static const char *const fuzz_names[] = {
    "tests/test_a.py", "src/a.test.ts",
    "a_test.go",       "src/test/java/ATest.java",
    "spec/a_spec.rb",  "tests/a.rs",
    "src/lib.rs",      "tests/ATests.cs",
    "tests/ATest.php", "tests/fuzz/fuzz_a.c",
    "package.json",    "pyproject.toml",
    "pom.xml",         ".github/workflows/ci.yml",
    "artillery.yml",   "load/script.js",
    "locustfile.py",   "perf/plan.jmx",
    ".nycrc.json",     ".testcoverage.yml",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *path = fuzz_names[data[0] % (sizeof(fuzz_names) / sizeof(fuzz_names[0]))];
    size_t length = size - 1;
    char *content = malloc(length + 1);
    memcpy(content, data + 1, length);
    content[length] = '\0';
    const char *newline = memchr(content, '\n', length);
    const struct language *language =
        language_detect(path, content, newline ? (size_t)(newline - content) : length);
    struct source_file file = {.path = path,
                               .content = content,
                               .length = length,
                               .language = language,
                               .role = role_detect(path, language)};
    struct arena arena;
    arena_init(&arena);
    struct analysis analysis;
    analysis_init(&analysis, &arena, path);
    if (analyzer_testing.applies(&file))
        analyzer_testing.run(&file, &analysis);
    analysis_release(&analysis);
    arena_destroy(&arena);
    free(content);
    return 0;
}
