/*
 * rulepack: reads one rule pack (YAML, format in docs/rules.md) into rules,
 * validating every field and reporting each problem as file:line with what
 * was expected. Used at build time by tools/rulegen.c for the built-in packs
 * and, later, at run time for a user's own packs.
 *
 * It must not register anything globally: the caller decides what to do with
 * the rules it gets back.
 */
#ifndef PRODREADY_RULES_RULEPACK_H
#define PRODREADY_RULES_RULEPACK_H

#include <stddef.h>

#include "model/model.h"
#include "util/arena.h"
#include "util/strbuf.h"

struct rulepack {
    const char *name;   /* the pack's `pack:` field */
    const char *file;   /* as given to rulepack_parse */
    struct rule *rules; /* arena-owned */
    size_t rule_count;
    /* Examples and counter-examples per rule, index-aligned with rules
     * (NULL-terminated lists, arena-owned). */
    const char *const **examples;
    const char *const **counter_examples;
};

/* Parses `text` (the contents of `file`). Every string in the result lives
 * in `arena`. Returns the number of errors appended to `errors` (one line
 * each, "file:line: message"); 0 means the pack is valid. */
int rulepack_parse(const char *file, const char *text, size_t length, struct arena *arena,
                   struct rulepack *out, struct strbuf *errors);

#endif
