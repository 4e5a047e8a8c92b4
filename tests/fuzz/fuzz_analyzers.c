/*
 * libFuzzer target: language detection, line counting and every per-file
 * analyzer on arbitrary bytes. The first byte picks the file name, so each
 * language's counter and each analyzer's parser (Markdown headings, license
 * text, kind signals, markers) is reached.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "inventory/language.h"
#include "inventory/linecount.h"
#include "inventory/role.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_names[] = {
    "README.md",
    "docs/guide.rst",
    "LICENSE",
    "app.py",
    "main.c",
    "lib.rs",
    "index.ts",
    "server.go",
    "Dockerfile",
    "setup.py",
    "package.json",
    "Main.java",
    "x.sh",
    "style.css",
    "page.html",
    "q.sql",
    "a.hs",
    "m.lua",
    "conf.yaml",
    "pyproject.toml",
    "CMakeLists.txt",
    "Makefile",
    "unknown.zz",
    "script",
    /* migration paths (analyzers/migrations.c) */
    "alembic/versions/1_a.py",
    "app/migrations/0001_b.py",
    "db/migrate/1_c.rb",
    "migrations/1_d.js",
    "sql/1_e.up.sql",
    "sql/1_e.down.sql",
    "Migrations/1_f.cs",
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
    if (language)
        linecount_count(language, content, length, &file.lines);
    /* Every language's counter, whatever the name says. */
    size_t language_count;
    const struct language *languages = language_table(&language_count);
    struct line_counts scratch;
    linecount_count(&languages[data[0] % language_count], content, length, &scratch);

    struct arena arena;
    arena_init(&arena);
    struct analysis analysis;
    analysis_init(&analysis, &arena, path);
    size_t analyzer_count;
    const struct analyzer *const *analyzers = analyzer_table(&analyzer_count);
    for (size_t i = 0; i < analyzer_count; i++)
        if (!analyzers[i]->applies || analyzers[i]->applies(&file))
            analyzers[i]->run(&file, &analysis);
    analysis_release(&analysis);
    arena_destroy(&arena);
    free(content);
    return 0;
}
