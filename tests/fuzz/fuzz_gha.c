/*
 * libFuzzer target: the GitHub Actions workflow analyzer (YAML through
 * util/yaml.c and libfyaml, the rules, script recognition) on arbitrary
 * bytes, plus the pure helpers of gha_workflow.h on the same bytes. The
 * analyzer reads a NUL-terminated copy, as the audit provides; the helpers
 * get the bytes without a terminator so ASan catches any read past the end.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "analyzers/ci_script.h"
#include "analyzers/gha_workflow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern const struct analyzer analyzer_gha_workflow;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *content = malloc(size ? size : 1);
    memcpy(content, data, size);
    struct gha_expression expressions[16];
    size_t count = gha_find_expressions(content, size, 1, expressions, 16);
    for (size_t i = 0; i < count; i++)
        gha_expression_untrusted(content + expressions[i].offset, expressions[i].length);
    ci_script_line(content, size, NULL);

    char *terminated = malloc(size + 1);
    memcpy(terminated, data, size);
    terminated[size] = '\0';
    gha_classify_uses(terminated, NULL);
    const char *path = ".github/workflows/fuzz.yml";
    struct source_file file = {.path = path, .content = terminated, .length = size};
    struct arena arena;
    arena_init(&arena);
    struct analysis analysis;
    analysis_init(&analysis, &arena, path);
    if (analyzer_gha_workflow.applies(&file))
        analyzer_gha_workflow.run(&file, &analysis);
    analysis_release(&analysis);
    arena_destroy(&arena);
    free(terminated);
    free(content);
    return 0;
}
