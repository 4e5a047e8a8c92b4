/*
 * libFuzzer target: the Dockerfile parser, its shell tokenizer and the
 * docker.* rules on arbitrary bytes. The first byte picks the file name (a
 * Dockerfile, a Containerfile or a .dockerignore), so both modes of the
 * analyzer are reached; the bytes are given without a terminating NUL so
 * ASan catches any read past the end.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "analyzers/dockerfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern const struct analyzer analyzer_dockerfile;

static const char *const fuzz_names[] = {"Dockerfile", "svc/Containerfile", ".dockerignore",
                                         "build.dockerfile"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *path = fuzz_names[data[0] % (sizeof(fuzz_names) / sizeof(fuzz_names[0]))];
    size_t length = size - 1;
    char *content = malloc(length ? length : 1);
    memcpy(content, data + 1, length);

    struct arena arena;
    arena_init(&arena);
    /* The parser and the tokenizer on their own. */
    struct dockerfile df;
    dockerfile_parse(&arena, content, length, &df);
    struct dockerfile_command *commands;
    dockerfile_shell_commands(&arena, content, NULL, length, &commands);
    struct dockerfile_word *words;
    dockerfile_split_words(&arena, content, NULL, length, &words);

    /* The analyzer reads a NUL-terminated file, as the audit provides. */
    char *terminated = malloc(length + 1);
    memcpy(terminated, content, length);
    terminated[length] = '\0';
    struct source_file file = {.path = path, .content = terminated, .length = length};
    struct analysis analysis;
    analysis_init(&analysis, &arena, path);
    if (analyzer_dockerfile.applies(&file))
        analyzer_dockerfile.run(&file, &analysis);
    analysis_release(&analysis);
    arena_destroy(&arena);
    free(terminated);
    free(content);
    return 0;
}
