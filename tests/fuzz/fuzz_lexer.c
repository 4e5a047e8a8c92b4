/*
 * libFuzzer target: the comment/string lexers (src/analyzers/lexer.c) on
 * arbitrary bytes. The first byte picks the language; the rest is lexed
 * from a heap copy of exactly its length, so any read past the end is an
 * ASan report. Besides crashes it checks the lexer's promises: spans are
 * non-empty, sorted, non-overlapping and inside the input, and
 * lexer_span_at agrees with a linear search at every offset.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/lexer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const enum lexer_language fuzz_languages[] = {
    LEXER_PYTHON, LEXER_JAVASCRIPT, LEXER_GO, LEXER_JAVA, LEXER_RUBY, LEXER_PHP, LEXER_SHELL,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    enum lexer_language language =
        fuzz_languages[data[0] % (sizeof(fuzz_languages) / sizeof(fuzz_languages[0]))];
    size_t length = size - 1;
    char *text = malloc(length ? length : 1);
    if (!text)
        return 0;
    if (length)
        memcpy(text, data + 1, length);
    struct lexer_spans spans = {0};
    lexer_lex(language, text, length, &spans);
    for (size_t i = 0; i < spans.count; i++) {
        const struct lexer_span *span = &spans.items[i];
        if (span->start >= span->end || span->end > length ||
            (i > 0 && spans.items[i - 1].end > span->start)) {
            fprintf(stderr, "bad span %zu: [%zu, %zu) of %zu\n", i, span->start, span->end, length);
            abort();
        }
    }
    size_t next = 0;
    for (size_t offset = 0; offset < length; offset++) {
        while (next < spans.count && spans.items[next].end <= offset)
            next++;
        const struct lexer_span *expected =
            next < spans.count && spans.items[next].start <= offset ? &spans.items[next] : NULL;
        if (lexer_span_at(&spans, offset) != expected) {
            fprintf(stderr, "lexer_span_at disagrees at %zu\n", offset);
            abort();
        }
    }
    lexer_spans_release(&spans);
    free(text);
    return 0;
}
