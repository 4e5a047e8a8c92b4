/*
 * content_rules: the analyzer that runs the built-in pattern rules (see
 * content_rules.c). This header exposes its `context: code` filter so the
 * rule-example tests apply exactly the filter audits apply.
 *
 * The filter must stay lazy: a file is lexed only when a hit of a
 * `context: code` rule arrives, never for files without one.
 */
#ifndef PRODREADY_ANALYZERS_CONTENT_RULES_H
#define PRODREADY_ANALYZERS_CONTENT_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzers/lexer.h"
#include "model/model.h"

struct content_rules_filter {
    enum lexer_language language;
    const char *content;
    size_t length;
    bool lexed;
    struct lexer_spans spans;
};

/* `language_name` is the inventory's name for the file's language (NULL:
 * unknown, so every byte counts as code). */
void content_rules_filter_init(struct content_rules_filter *filter, const char *language_name,
                               const char *content, size_t length);
/* False when `rule` is a `context: code` rule and byte `anchor` of the
 * content lies in a comment, string, docstring or non-code text. */
bool content_rules_filter_keeps(struct content_rules_filter *filter, const struct rule *rule,
                                size_t anchor);
void content_rules_filter_release(struct content_rules_filter *filter);

#endif
