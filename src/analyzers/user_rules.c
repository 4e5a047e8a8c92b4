/*
 * user_rules: see user_rules.h. A user pack is held to the same standard as
 * a built-in one — its examples must fire and its counter-examples must not
 * — because a pattern that never matches, or matches everything, is worse
 * than no rule.
 */
#include "analyzers/user_rules.h"
#include "rules/registry.h"

#include <stdlib.h>
#include <string.h>

static struct content_scan_engine *user_rules_current;

struct user_rules_count {
    const char *rule;   /* the rule an example belongs to */
    size_t own, others; /* hits of that rule, and of any other */
};

static void user_rules_count_hit(void *user, const struct content_scan_hit *hit)
{
    struct user_rules_count *count = user;
    if (strcmp(hit->rule->id, count->rule) == 0)
        count->own++;
    else
        count->others++;
}

bool user_rules_check_pack(const struct rulepack *pack, struct strbuf *warnings)
{
    size_t patterns = 0;
    for (size_t i = 0; i < pack->rule_count; i++)
        patterns += pack->rules[i].pattern != NULL;
    if (patterns == 0)
        return true;
    struct strbuf errors = STRBUF_INIT;
    struct content_scan_engine *engine =
        content_scan_engine_new(pack->rules, pack->rule_count, NULL, 0, &errors);
    if (!engine) {
        strbuf_append_str(warnings, errors.data);
        strbuf_release(&errors);
        return false;
    }
    strbuf_release(&errors);
    bool good = true;
    for (size_t i = 0; i < pack->rule_count; i++) {
        const struct rule *rule = &pack->rules[i];
        if (!rule->pattern)
            continue;
        char path[256];
        content_scan_example_path(rule, path, sizeof path);
        for (size_t e = 0; pack->examples[i] && pack->examples[i][e]; e++) {
            struct user_rules_count count = {rule->id, 0, 0};
            const char *text = pack->examples[i][e];
            content_scan_engine_scan(engine, path, text, strlen(text), user_rules_count_hit,
                                     &count);
            if (count.own == 0) {
                strbuf_printf(warnings, "%s:%d: %s: example %zu does not fire the rule\n",
                              pack->file, rule->pack_line, rule->id, e + 1);
                good = false;
            }
        }
        for (size_t e = 0; pack->counter_examples[i] && pack->counter_examples[i][e]; e++) {
            struct user_rules_count count = {rule->id, 0, 0};
            const char *text = pack->counter_examples[i][e];
            content_scan_engine_scan(engine, path, text, strlen(text), user_rules_count_hit,
                                     &count);
            if (count.own + count.others > 0) {
                strbuf_printf(warnings, "%s:%d: %s: counter-example %zu fires a rule\n", pack->file,
                              rule->pack_line, rule->id, e + 1);
                good = false;
            }
        }
    }
    content_scan_engine_free(engine);
    return good;
}

bool user_rules_prepare(struct strbuf *errors)
{
    user_rules_release();
    size_t count = 0;
    const struct rule *rules = rule_registry_user(&count);
    size_t patterns = 0;
    for (size_t i = 0; i < count; i++)
        patterns += rules[i].pattern != NULL;
    if (patterns == 0)
        return true;
    /* The engine keeps pointers into the registry's user table, which
     * stays put until rule_registry_release_user. */
    user_rules_current = content_scan_engine_new(rules, count, NULL, 0, errors);
    return user_rules_current != NULL;
}

struct content_scan_engine *user_rules_engine(void)
{
    return user_rules_current;
}

void user_rules_release(void)
{
    content_scan_engine_free(user_rules_current);
    user_rules_current = NULL;
}
