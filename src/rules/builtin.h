/*
 * builtin: the tables tools/rulegen.c generates from rules/ (the .yml files)
 * (build/generated/rules_builtin.c). Only registry.c, the content scanner
 * and tests read these.
 */
#ifndef PRODREADY_RULES_BUILTIN_H
#define PRODREADY_RULES_BUILTIN_H

#include <stddef.h>

#include "model/model.h"

extern const size_t builtin_rule_count;
extern const struct rule builtin_rules[];                        /* sorted by id */
extern const char *const *const builtin_rule_examples[];         /* index-aligned */
extern const char *const *const builtin_rule_counter_examples[]; /* index-aligned */
/* The pattern rules compiled by vectorscan (hs_serialize_database output);
 * each pattern's id is its rule's index in builtin_rules. Size 0: no
 * pattern rules. */
extern const size_t builtin_pattern_database_size;
extern const unsigned char builtin_pattern_database[];
/* The same for the secrets profile (`prodready secrets`): the pattern rules
 * whose id starts with "secrets.", each pattern's id its index among those
 * rules in table order. */
extern const size_t builtin_secrets_database_size;
extern const unsigned char builtin_secrets_database[];

#endif
