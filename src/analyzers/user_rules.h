/*
 * user_rules: the content-scanning side of a user's own rule packs — the
 * check that rejects a pack whose patterns vectorscan or PCRE2 cannot
 * compile or whose examples do not behave, and the engine, compiled at run
 * time, that the content-rules analyzer runs next to the built-in one.
 *
 * Set up once before an audit starts and released after it; it must not be
 * changed while workers scan.
 */
#ifndef PRODREADY_ANALYZERS_USER_RULES_H
#define PRODREADY_ANALYZERS_USER_RULES_H

#include <stdbool.h>

#include "analyzers/content_scan.h"
#include "rules/rulepack.h"
#include "util/strbuf.h"

/* For rule_registry_load_user: the pack's pattern rules compile, each
 * example fires its rule, and no counter-example fires any of the pack's
 * rules. Problems go to `warnings` as "file:line: rule: message". */
bool user_rules_check_pack(const struct rulepack *pack, struct strbuf *warnings);

/* Builds the engine over the user's pattern rules (rule_registry_user);
 * no engine when there are none. Returns false with `errors` on failure. */
bool user_rules_prepare(struct strbuf *errors);
/* The engine, or NULL when the user has no pattern rules. */
struct content_scan_engine *user_rules_engine(void);
void user_rules_release(void);

#endif
