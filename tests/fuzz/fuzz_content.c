/*
 * libFuzzer target: the content scanning engine with the built-in pattern
 * rules on arbitrary bytes. Besides crashes and sanitizer reports it checks
 * the engine's promises on every hit: the line and column lie inside the
 * input, the secret lies on that line, and neither the snippet nor the
 * fingerprint input contains a secret longer than 4 bytes in full.
 */
/* memmem */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/content_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_paths[] = {"app.py", "config/prod.env", "deploy.yml", "key.pem",
                                         "README.md"};

struct fuzz_input {
    const char *content;
    size_t length;
};

static void fuzz_check(void *user, const struct content_scan_hit *hit)
{
    const struct fuzz_input *input = user;
    if (hit->line < 1 || hit->column < 1 || hit->secret_offset > input->length ||
        hit->secret_length > input->length - hit->secret_offset) {
        fprintf(stderr, "hit of %s out of bounds\n", hit->rule->id);
        abort();
    }
    int line = 1;
    for (size_t i = 0; i < hit->secret_offset; i++)
        line += input->content[i] == '\n';
    if (line != hit->line ||
        memchr(input->content + hit->secret_offset, '\n', hit->secret_length)) {
        fprintf(stderr, "hit of %s on line %d, secret on line %d\n", hit->rule->id, hit->line,
                line);
        abort();
    }
    if (!hit->rule->redact || hit->secret_length <= 4)
        return;
    const char *secret = input->content + hit->secret_offset;
    /* The fingerprint input starts with the rule id, whose words ("password")
     * may well be the secret's text: only what follows it counts. */
    const char *hash = hit->match + strlen(hit->rule->id);
    if (memmem(hit->snippet, strlen(hit->snippet), secret, hit->secret_length) ||
        memmem(hash, strlen(hash), secret, hit->secret_length) ||
        memmem(hit->redacted, strlen(hit->redacted), secret, hit->secret_length)) {
        fprintf(stderr, "secret of %s leaked\n", hit->rule->id);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *path = fuzz_paths[data[0] % (sizeof(fuzz_paths) / sizeof(fuzz_paths[0]))];
    struct fuzz_input input = {.content = (const char *)data + 1, .length = size - 1};
    content_scan_engine_scan(content_scan_builtin(), path, input.content, input.length, fuzz_check,
                             &input);
    return 0;
}
