/*
 * libFuzzer target: the GitLab CI analyzer and the other-CI detector on
 * arbitrary bytes. The first byte picks the file name, so .gitlab-ci.yml,
 * an include file under .gitlab/ci/, a CircleCI config, a Jenkinsfile and
 * a codecov.yml are all reached; the analyzers read a NUL-terminated copy,
 * as the audit provides.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern const struct analyzer analyzer_gitlab_ci;
extern const struct analyzer analyzer_ci_detect;

static const char *const fuzz_names[] = {".gitlab-ci.yml",       ".gitlab/ci/deploy.yml",
                                         ".circleci/config.yml", "Jenkinsfile",
                                         "codecov.yml",          "package.json"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *path = fuzz_names[data[0] % (sizeof(fuzz_names) / sizeof(fuzz_names[0]))];
    size_t length = size - 1;
    char *terminated = malloc(length + 1);
    memcpy(terminated, data + 1, length);
    terminated[length] = '\0';
    struct source_file file = {.path = path, .content = terminated, .length = length};
    struct arena arena;
    arena_init(&arena);
    struct analysis analysis;
    analysis_init(&analysis, &arena, path);
    if (analyzer_gitlab_ci.applies(&file))
        analyzer_gitlab_ci.run(&file, &analysis);
    if (analyzer_ci_detect.applies(&file))
        analyzer_ci_detect.run(&file, &analysis);
    analysis_release(&analysis);
    arena_destroy(&arena);
    free(terminated);
    return 0;
}
