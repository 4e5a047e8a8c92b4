/*
 * libFuzzer target: the Compose analyzer (analyzers/compose.c) and the
 * multi-document YAML reader under it (analyzers/yaml_walk.c, then
 * util/yaml.c and libfyaml) on arbitrary bytes. The first byte picks the
 * file name (a base file or an override file), so both the presence and
 * the absence rules run. The analyzer gets a NUL-terminated copy, as the
 * audit provides; the stream reader also gets the bare bytes, so ASan
 * catches any read past `length`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "analyzers/yaml_walk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern const struct analyzer analyzer_compose;

static const char *const fuzz_names[] = {"docker-compose.yml", "compose.override.yaml",
                                         "deploy/compose.prod.yml"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *path = fuzz_names[data[0] % (sizeof(fuzz_names) / sizeof(fuzz_names[0]))];
    size_t length = size - 1;
    char *bare = malloc(length ? length : 1);
    memcpy(bare, data + 1, length);

    struct arena arena;
    arena_init(&arena);
    struct ywalk_stream stream;
    ywalk_parse_stream(&arena, bare, length, &stream);
    ywalk_stream_release(&stream);

    char *terminated = malloc(length + 1);
    memcpy(terminated, data + 1, length);
    terminated[length] = '\0';
    struct source_file file = {.path = path, .content = terminated, .length = length};
    struct analysis analysis;
    analysis_init(&analysis, &arena, path);
    if (analyzer_compose.applies(&file))
        analyzer_compose.run(&file, &analysis);
    analysis_release(&analysis);
    arena_destroy(&arena);
    free(terminated);
    free(bare);
    return 0;
}
