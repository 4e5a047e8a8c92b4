/*
 * registry: lookups over the built-in rule table (generated, sorted by id).
 * Must not allocate: it is used from worker threads without locks.
 */
#include "rules/registry.h"
#include "rules/builtin.h"

#include <stdlib.h>
#include <string.h>

const struct rule *rule_registry_all(size_t *count)
{
    *count = builtin_rule_count;
    return builtin_rules;
}

static int registry_compare_id(const void *key, const void *element)
{
    return strcmp(key, ((const struct rule *)element)->id);
}

const struct rule *rule_registry_find(const char *id)
{
    if (!id || builtin_rule_count == 0)
        return NULL;
    return bsearch(id, builtin_rules, builtin_rule_count, sizeof(struct rule), registry_compare_id);
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
    for (size_t i = 0; i < builtin_rule_count; i++) {
        const char *candidate = builtin_rules[i].id;
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
