/*
 * registry: every rule prodready knows. Built-in rules come from the YAML
 * packs under rules/, compiled into a generated C source at build time
 * (tools/rulegen.c); lookups are by id. Rules are immutable once loaded.
 */
#ifndef PRODREADY_RULES_REGISTRY_H
#define PRODREADY_RULES_REGISTRY_H

#include <stddef.h>

#include "model/model.h"

/* All rules, sorted by id. */
const struct rule *rule_registry_all(size_t *count);
/* NULL when no rule has this id. */
const struct rule *rule_registry_find(const char *id);
/* Up to `max` ids closest to `id` (edit distance, then shared prefix), for
 * "did you mean" messages. Returns how many were written to out. */
size_t rule_registry_suggest(const char *id, const char **out, size_t max);

#endif
