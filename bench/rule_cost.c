/*
 * rule_cost: measures what each pattern rule costs the content scanner,
 * leave-one-out: the scan time of a corpus with every pattern rule, minus the
 * scan time with one rule removed, for each rule in turn (bench/rule_cost.sh
 * builds and runs it; bench/RESULTS.md records the top of the table).
 *
 *   rule_cost [--repeat N] [--max-bytes B] < FILE-LIST
 *
 * The corpus is read into memory once, so only scanning is timed (one
 * thread, best of N runs). A bench tool only: it is not part of prodready and
 * must not be linked into it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyzers/content_scan.h"
#include "rules/registry.h"
#include "util/file.h"
#include "util/strbuf.h"

struct corpus_file {
    char *path;
    char *content;
    size_t length;
};

static double cost_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void cost_count_hit(void *user, const struct content_scan_hit *hit)
{
    (void)hit;
    (*(size_t *)user)++;
}

/* Best-of-`repeat` seconds to scan the corpus with `rules`; hits counted. */
static double cost_scan(const struct rule *rules, size_t count, const struct corpus_file *files,
                        size_t file_count, int repeat, size_t *hits)
{
    struct strbuf errors = STRBUF_INIT;
    struct content_scan_engine *engine = content_scan_engine_new(rules, count, NULL, 0, &errors);
    if (!engine) {
        fprintf(stderr, "rule_cost: cannot build the engine: %s\n", errors.data);
        exit(2);
    }
    strbuf_release(&errors);
    double best = 1e30;
    for (int run = 0; run < repeat; run++) {
        *hits = 0;
        double start = cost_now();
        for (size_t i = 0; i < file_count; i++)
            content_scan_engine_scan(engine, files[i].path, files[i].content, files[i].length,
                                     cost_count_hit, hits);
        double elapsed = cost_now() - start;
        if (elapsed < best)
            best = elapsed;
    }
    content_scan_engine_free(engine);
    return best;
}

struct rule_cost {
    const char *id;
    double seconds;
    size_t hits_without;
};

static int cost_compare(const void *left, const void *right)
{
    const struct rule_cost *a = left, *b = right;
    return a->seconds < b->seconds ? 1 : a->seconds > b->seconds ? -1 : strcmp(a->id, b->id);
}

int main(int argc, char **argv)
{
    int repeat = 3;
    size_t max_bytes = (size_t)256 << 20;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = (int)strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--max-bytes") == 0 && i + 1 < argc)
            max_bytes = strtoull(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: rule_cost [--repeat N] [--max-bytes B] < FILE-LIST\n");
            return 2;
        }
    }

    struct corpus_file *files = NULL;
    size_t file_count = 0, capacity = 0, total = 0;
    char *line = NULL;
    size_t line_capacity = 0;
    ssize_t read;
    while ((read = getline(&line, &line_capacity, stdin)) > 0 && total < max_bytes) {
        line[strcspn(line, "\n")] = '\0';
        struct corpus_file file = {0};
        file.content = file_read_all(line, 5u << 20, &file.length);
        if (!file.content)
            continue;
        if (file_count == capacity) {
            capacity = capacity ? capacity * 2 : 1024;
            files = realloc(files, capacity * sizeof *files);
            if (!files)
                return 2;
        }
        file.path = strdup(line);
        files[file_count++] = file;
        total += file.length;
    }
    free(line);

    size_t rule_count;
    const struct rule *all = rule_registry_all(&rule_count);
    struct rule *pattern_rules = calloc(rule_count, sizeof *pattern_rules);
    size_t pattern_count = 0;
    for (size_t i = 0; i < rule_count; i++)
        if (all[i].pattern)
            pattern_rules[pattern_count++] = all[i];

    size_t hits_all;
    double with_all = cost_scan(pattern_rules, pattern_count, files, file_count, repeat, &hits_all);
    printf("corpus: %zu files, %.1f MB; %zu pattern rules; all rules: %.3f s (%.0f MB/s), %zu "
           "hits\n",
           file_count, (double)total / 1e6, pattern_count, with_all, (double)total / 1e6 / with_all,
           hits_all);
    fflush(stdout);

    struct rule_cost *costs = calloc(pattern_count, sizeof *costs);
    struct rule *subset = calloc(pattern_count, sizeof *subset);
    for (size_t skip = 0; skip < pattern_count; skip++) {
        size_t count = 0;
        for (size_t i = 0; i < pattern_count; i++)
            if (i != skip)
                subset[count++] = pattern_rules[i];
        size_t hits;
        double without = cost_scan(subset, count, files, file_count, repeat, &hits);
        costs[skip].id = pattern_rules[skip].id;
        costs[skip].seconds = with_all - without;
        costs[skip].hits_without = hits;
        if (isatty(2))
            fprintf(stderr, "\r%zu/%zu rules", skip + 1, pattern_count);
    }
    if (isatty(2))
        fprintf(stderr, "\n");
    qsort(costs, pattern_count, sizeof *costs, cost_compare);
    printf("%-44s %10s %8s\n", "rule (left out)", "cost (s)", "share");
    for (size_t i = 0; i < pattern_count; i++)
        printf("%-44s %10.3f %7.1f%%\n", costs[i].id, costs[i].seconds,
               100.0 * costs[i].seconds / with_all);
    return 0;
}
