/*
 * libFuzzer target: the Kubernetes analyzer (analyzers/kubernetes.c) on
 * arbitrary bytes: plain manifests, Helm templates (whose Go template
 * actions are blanked before libfyaml sees the text) and Helm values files,
 * chosen by the first byte. The analyzer gets a NUL-terminated copy, as the
 * audit provides.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern const struct analyzer analyzer_kubernetes;

static const char *const fuzz_names[] = {"k8s/app.yaml", "chart/templates/deployment.yaml",
                                         "chart/values.yaml"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *path = fuzz_names[data[0] % (sizeof(fuzz_names) / sizeof(fuzz_names[0]))];
    size_t length = size - 1;
    char *terminated = malloc(length + 1);
    memcpy(terminated, data + 1, length);
    terminated[length] = '\0';

    struct arena arena;
    arena_init(&arena);
    struct source_file file = {.path = path, .content = terminated, .length = length};
    struct analysis analysis;
    analysis_init(&analysis, &arena, path);
    if (analyzer_kubernetes.applies(&file))
        analyzer_kubernetes.run(&file, &analysis);
    analysis_release(&analysis);
    arena_destroy(&arena);
    free(terminated);
    return 0;
}
