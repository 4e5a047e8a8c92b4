/*
 * builtin: the tables tools/rulegen.c generates from rules/ (the .yml files)
 * (build/generated/rules_builtin.c). Only registry.c and tests read these.
 */
#ifndef PRODREADY_RULES_BUILTIN_H
#define PRODREADY_RULES_BUILTIN_H

#include <stddef.h>

#include "model/model.h"

extern const size_t builtin_rule_count;
extern const struct rule builtin_rules[];                        /* sorted by id */
extern const char *const *const builtin_rule_examples[];         /* index-aligned */
extern const char *const *const builtin_rule_counter_examples[]; /* index-aligned */

#endif
