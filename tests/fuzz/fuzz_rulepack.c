/*
 * libFuzzer target: the rule-pack reader (and through it libfyaml and the
 * YAML helpers) on arbitrary bytes. It must never crash, leak or read out
 * of bounds; errors are the expected outcome for most inputs.
 */
#include <stddef.h>
#include <stdint.h>

#include "rules/rulepack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena arena;
    arena_init(&arena);
    struct strbuf errors = STRBUF_INIT;
    struct rulepack pack;
    rulepack_parse("fuzz.yml", (const char *)data, size, &arena, &pack, &errors);
    strbuf_release(&errors);
    arena_destroy(&arena);
    return 0;
}
