/*
 * registry: lookups over every rule — the built-in table (generated, sorted
 * by id) and, once rule_registry_load_user has run, the user's own packs
 * merged into one table sorted by id.
 *
 * Lookups must not allocate: they are used from worker threads without
 * locks. Loading user packs happens once, before any worker starts.
 */
#include "rules/registry.h"
#include "rules/builtin.h"
#include "rules/rulepack.h"
#include "util/arena.h"
#include "util/file.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The table lookups use: the built-in one until user packs are loaded, then
 * a merged copy (owned here, with the user rules' strings in registry_arena). */
static const struct rule *registry_rules = builtin_rules;
static size_t registry_count; /* of registry_merged; the built-in table has builtin_rule_count */
static struct rule *registry_merged;
static struct rule *registry_user;
static size_t registry_user_count;
static struct arena registry_arena;
static bool registry_arena_ready;

static size_t registry_size(void)
{
    /* No lazy initialisation here: the workers of an audit call this at
     * the same time, and only the main thread changes the table (before
     * and after them). */
    return registry_rules == builtin_rules ? builtin_rule_count : registry_count;
}

const struct rule *rule_registry_all(size_t *count)
{
    *count = registry_size();
    return registry_rules;
}

static int registry_compare_id(const void *key, const void *element)
{
    return strcmp(key, ((const struct rule *)element)->id);
}

static int registry_compare_rules(const void *left, const void *right)
{
    return strcmp(((const struct rule *)left)->id, ((const struct rule *)right)->id);
}

const struct rule *rule_registry_find(const char *id)
{
    size_t count = registry_size();
    if (!id || count == 0)
        return NULL;
    return bsearch(id, registry_rules, count, sizeof(struct rule), registry_compare_id);
}

const struct rule *rule_registry_user(size_t *count)
{
    *count = registry_user_count;
    return registry_user;
}

/* Accepts one parsed pack into the user rules when none of its ids is
 * already taken; otherwise says which. */
static bool registry_accept(const char *file, const struct rulepack *pack, struct strbuf *warnings)
{
    for (size_t i = 0; i < pack->rule_count; i++) {
        const struct rule *rule = &pack->rules[i];
        bool taken = rule_registry_find(rule->id) != NULL;
        for (size_t k = 0; !taken && k < registry_user_count; k++)
            taken = strcmp(registry_user[k].id, rule->id) == 0;
        for (size_t k = 0; !taken && k < i; k++)
            taken = strcmp(pack->rules[k].id, rule->id) == 0;
        if (taken) {
            strbuf_printf(warnings, "%s:%d: rule id '%s' is already defined; pack skipped\n", file,
                          rule->pack_line, rule->id);
            return false;
        }
    }
    registry_user =
        xrealloc(registry_user, (registry_user_count + pack->rule_count) * sizeof(*registry_user));
    memcpy(registry_user + registry_user_count, pack->rules,
           pack->rule_count * sizeof(struct rule));
    registry_user_count += pack->rule_count;
    return true;
}

size_t rule_registry_load_user(const char *const *files, size_t count, registry_pack_check_fn check,
                               struct strbuf *warnings)
{
    if (!registry_arena_ready) {
        arena_init(&registry_arena);
        registry_arena_ready = true;
    }
    size_t loaded = 0;
    for (size_t f = 0; f < count; f++) {
        size_t length = 0;
        char *text = file_read_all(files[f], (size_t)8 << 20, &length);
        if (!text) {
            strbuf_printf(warnings, "%s: cannot read the rule pack: %s; pack skipped\n", files[f],
                          strerror(errno));
            continue;
        }
        /* The pack's strings outlive the text: rulepack_parse copies them
         * into the arena. */
        struct rulepack pack = {0};
        struct strbuf errors = STRBUF_INIT;
        int problems = rulepack_parse(files[f], text, length, &registry_arena, &pack, &errors);
        free(text);
        if (problems > 0) {
            strbuf_append_str(warnings, errors.data);
            strbuf_printf(warnings, "%s: %d problem%s; pack skipped\n", files[f], problems,
                          problems == 1 ? "" : "s");
        } else if (check && !check(&pack, warnings)) {
            strbuf_printf(warnings, "%s: pack skipped\n", files[f]);
        } else if (registry_accept(files[f], &pack, warnings)) {
            loaded += pack.rule_count;
        }
        strbuf_release(&errors);
    }
    if (registry_user_count == 0)
        return 0;
    size_t builtin = builtin_rule_count;
    free(registry_merged);
    registry_merged = xmalloc((builtin + registry_user_count) * sizeof(*registry_merged));
    memcpy(registry_merged, builtin_rules, builtin * sizeof(*registry_merged));
    memcpy(registry_merged + builtin, registry_user, registry_user_count * sizeof(struct rule));
    qsort(registry_merged, builtin + registry_user_count, sizeof(*registry_merged),
          registry_compare_rules);
    registry_rules = registry_merged;
    registry_count = builtin + registry_user_count;
    return loaded;
}

void rule_registry_release_user(void)
{
    free(registry_merged);
    free(registry_user);
    registry_merged = NULL;
    registry_user = NULL;
    registry_user_count = 0;
    registry_rules = builtin_rules;
    registry_count = 0;
    if (registry_arena_ready) {
        arena_destroy(&registry_arena);
        registry_arena_ready = false;
    }
}

/* Levenshtein distance, capped so long ids cost a bounded amount of work. */
static size_t registry_distance(const char *a, const char *b)
{
    enum { MAX = 64 };
    size_t la = strlen(a), lb = strlen(b);
    if (la > MAX)
        la = MAX;
    if (lb > MAX)
        lb = MAX;
    size_t row[MAX + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diagonal + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

size_t rule_registry_suggest(const char *id, const char **out, size_t max)
{
    size_t found = 0;
    size_t distances[16];
    if (max > 16)
        max = 16;
    size_t id_length = strlen(id);
    size_t total = registry_size();
    for (size_t i = 0; i < total; i++) {
        const char *candidate = registry_rules[i].id;
        size_t distance = registry_distance(id, candidate);
        /* A typed prefix or a shared slug counts as close too. */
        if (id_length >= 3 && strstr(candidate, id))
            distance = distance < 2 ? distance : 2;
        size_t limit = id_length / 3 + 2;
        if (distance > limit)
            continue;
        /* Insertion sort into the best `max`. */
        size_t position = found;
        while (position > 0 && distances[position - 1] > distance)
            position--;
        if (position >= max)
            continue;
        size_t last = found < max ? found : max - 1;
        for (size_t k = last; k > position; k--) {
            out[k] = out[k - 1];
            distances[k] = distances[k - 1];
        }
        out[position] = candidate;
        distances[position] = distance;
        if (found < max)
            found++;
    }
    return found;
}
