/*
 * libFuzzer target: the HCL tokenizer and parser (analyzers/hcl.h) and the
 * terraform.* rules on arbitrary bytes. The tokenizer and the parser get the
 * bytes without a terminating NUL so ASan catches any read past the end;
 * the analyzer gets a NUL-terminated copy, as the audit provides.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "analyzers/hcl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern const struct analyzer analyzer_terraform;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *content = malloc(size ? size : 1);
    memcpy(content, data, size);

    struct arena arena;
    arena_init(&arena);
    struct hcl_tokens tokens;
    hcl_tokenize(&arena, content, size, &tokens);
    struct hcl_file file;
    hcl_parse(&arena, content, size, &file);

    char *terminated = malloc(size + 1);
    memcpy(terminated, content, size);
    terminated[size] = '\0';
    struct source_file source = {.path = "infra/main.tf", .content = terminated, .length = size};
    struct analysis analysis;
    analysis_init(&analysis, &arena, source.path);
    if (analyzer_terraform.applies(&source))
        analyzer_terraform.run(&source, &analysis);
    analysis_release(&analysis);
    arena_destroy(&arena);
    free(terminated);
    free(content);
    return 0;
}
