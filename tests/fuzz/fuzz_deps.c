/*
 * libFuzzer target: the dependency analyzers (deps_python.c, deps_node.c,
 * deps_other.c) on arbitrary bytes. The first byte picks the file name the
 * bytes are analysed as (requirements file, pyproject.toml, Pipfile,
 * package.json, package-lock.json, go.mod, Cargo.toml, Gemfile,
 * composer.json, pom.xml, build.gradle.kts, *.csproj, packages.lock.json,
 * yarn.lock, pnpm-lock.yaml); the rest is the content,
 * NUL-terminated as the audit provides it, in a buffer of exactly that size so ASan catches
 * overreads.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern const struct analyzer analyzer_deps_python;
extern const struct analyzer analyzer_deps_node;
extern const struct analyzer analyzer_deps_other;

static const char *const fuzz_deps_paths[] = {
    "requirements.txt",  "requirements/base.txt",
    "pyproject.toml",    "Pipfile",
    "Pipfile.lock",      "setup.cfg",
    "setup.py",          "poetry.lock",
    "uv.lock",           "package.json",
    "package-lock.json", "go.mod",
    "Cargo.toml",        "Cargo.lock",
    "Gemfile",           "composer.json",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    size_t count = sizeof(fuzz_deps_paths) / sizeof(*fuzz_deps_paths);
    const char *path = fuzz_deps_paths[data[0] % count];
    size_t length = size - 1;
    char *content = malloc(length + 1);
    memcpy(content, data + 1, length);
    content[length] = '\0';

    struct arena arena;
    arena_init(&arena);
    struct source_file source = {.path = path, .content = content, .length = length};
    const struct analyzer *analyzers[] = {&analyzer_deps_python, &analyzer_deps_node,
                                          &analyzer_deps_other};
    for (size_t i = 0; i < 3; i++) {
        if (!analyzers[i]->applies(&source))
            continue;
        struct analysis analysis;
        analysis_init(&analysis, &arena, path);
        analyzers[i]->run(&source, &analysis);
        analysis_release(&analysis);
    }
    arena_destroy(&arena);
    free(content);
    return 0;
}
