/*
 * registry: every rule prodready knows. Built-in rules come from the YAML
 * packs under rules/, compiled into a generated C source at build time
 * (tools/rulegen.c); lookups are by id. Rules are immutable once loaded.
 */
#ifndef PRODREADY_RULES_REGISTRY_H
#define PRODREADY_RULES_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"
#include "util/strbuf.h"

struct rulepack;

/* All rules — built-in and the user's loaded packs — sorted by id. */
const struct rule *rule_registry_all(size_t *count);
/* NULL when no rule has this id. */
const struct rule *rule_registry_find(const char *id);
/* Up to `max` ids closest to `id` (edit distance, then shared prefix), for
 * "did you mean" messages. Returns how many were written to out. */
size_t rule_registry_suggest(const char *id, const char **out, size_t max);

/* The user's rules (in load order), NULL when none are loaded. */
const struct rule *rule_registry_user(size_t *count);

/* A further check of a parsed user pack (its patterns compile, its examples
 * fire): false, with one line per problem in `warnings`, rejects the pack. */
typedef bool (*registry_pack_check_fn)(const struct rulepack *pack, struct strbuf *warnings);

/* Loads the user's rule packs (the format of the built-in packs, docs/rules.md). A
 * pack that cannot be read, is invalid, fails `check` or reuses a rule id is
 * skipped whole, with its problems as "file:line: message" lines in
 * `warnings`; the others join the registry. Returns how many rules were
 * added. Call before any audit starts: it is not thread-safe. */
size_t rule_registry_load_user(const char *const *files, size_t count, registry_pack_check_fn check,
                               struct strbuf *warnings);
/* Forgets the user's rules (tests, and the end of a run). */
void rule_registry_release_user(void);

#endif
