/*
 * libFuzzer target: the inline prodready:ignore parser and the per-file
 * suppression pass. The input is a file's content with any bytes; a finding
 * of a real rule sits on every one of its first lines. Nothing may crash,
 * read past the buffer or loop.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit/suppress.h"
#include "rules/registry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The parser alone, on the raw bytes as one line (not NUL-terminated). */
    char *copy = malloc(size ? size : 1);
    if (size)
        memcpy(copy, data, size);
    struct suppress_directive directive;
    suppress_parse_line(copy, size, &directive);
    free(copy);

    /* The file pass: content is NUL-terminated, as the audit reads it. */
    char *content = malloc(size + 1);
    if (size)
        memcpy(content, data, size);
    content[size] = '\0';
    static const char *const rule_ids[] = {"docs.no-adr", "secrets.github-token"};
    struct finding findings[8];
    size_t count = 0;
    for (int line = 1; line <= 8; line++) {
        const struct rule *rule = rule_registry_find(rule_ids[line % 2]);
        if (!rule)
            break;
        memset(&findings[count], 0, sizeof(findings[count]));
        findings[count].rule = rule;
        findings[count].file = "fuzz.txt";
        findings[count].line = line;
        findings[count].message = rule->title;
        count++;
    }
    struct suppress_file_output out = {0};
    struct arena arena;
    arena_init(&arena);
    suppress_inline("fuzz.txt", content, size, findings, &count, &out, &arena);
    free(out.suppressed);
    free(out.warnings);
    arena_destroy(&arena);
    free(content);
    return 0;
}
