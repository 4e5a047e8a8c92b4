/*
 * libFuzzer target: the TOML parser (util/toml.h) on arbitrary bytes, given
 * without a terminating NUL so ASan catches any read past the end, and a
 * walk of every tree it accepts. The analyzers that read TOML are fuzzed by
 * fuzz_deps.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/toml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *content = malloc(size ? size : 1);
    memcpy(content, data, size);
    struct toml_document doc;
    if (toml_parse(&doc, content, size)) {
        /* Walk the tree, as the analyzers do. */
        const struct toml_value *stack[128];
        size_t depth = 0;
        stack[depth++] = doc.root;
        while (depth) {
            const struct toml_value *value = stack[--depth];
            for (const struct toml_value *child = value->first; child; child = child->next)
                if (depth < 128)
                    stack[depth++] = child;
        }
        (void)toml_get_path(doc.root, "tool.poetry.dependencies");
    }
    toml_release(&doc);
    free(content);
    return 0;
}
