/*
 * analyzer_harness: what the rule-by-rule unit tests of the structured
 * analyzers (Dockerfile, compose, Kubernetes, Terraform, CI workflows) share —
 * run analyzers over one in-memory file, optionally settle a check family
 * over the facts they recorded, and list the lines a rule fired on as
 * "3,7" so a test case reads as rule, content, expected lines.
 *
 * Test-only: nothing under src/ may include it. Functions are static inline
 * so each test program takes only what it calls.
 */
#ifndef PRODREADY_TESTS_ANALYZER_HARNESS_H
#define PRODREADY_TESTS_ANALYZER_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "checks/check.h"
#include "util/arena.h"

struct analyzer_scan {
    struct arena arena;
    struct analysis analysis;
    struct check_context context; /* findings of the check family, if run */
    char *buffer;                 /* the file's content, NUL-terminated */
};

/* Runs each analyzer of the NULL-terminated `analyzers` that applies to a
 * file at `path` with `role` and `content`; returns how many ran. */
static inline size_t analyzer_scan_run(struct analyzer_scan *scan,
                                       const struct analyzer *const *analyzers, const char *path,
                                       enum file_role role, const char *content, size_t length)
{
    memset(scan, 0, sizeof(*scan));
    arena_init(&scan->arena);
    analysis_init(&scan->analysis, &scan->arena, path);
    scan->buffer = malloc(length + 1);
    if (!scan->buffer)
        abort();
    memcpy(scan->buffer, content, length);
    scan->buffer[length] = '\0';
    struct source_file file = {
        .path = path, .content = scan->buffer, .length = length, .role = role};
    size_t ran = 0;
    for (size_t i = 0; analyzers[i]; i++)
        if (analyzers[i]->applies(&file)) {
            analyzers[i]->run(&file, &scan->analysis);
            ran++;
        }
    return ran;
}

/* Settles `family` over the facts the analyzers recorded (the absences a
 * check decides for the whole repository). */
static inline void analyzer_scan_check(struct analyzer_scan *scan,
                                       const struct check_family *family)
{
    scan->context.arena = &scan->arena;
    scan->context.facts = scan->analysis.facts;
    scan->context.fact_count = scan->analysis.fact_count;
    family->run(&scan->context);
}

static inline void analyzer_scan_release(struct analyzer_scan *scan)
{
    free(scan->context.findings);
    free(scan->context.checks);
    analysis_release(&scan->analysis);
    arena_destroy(&scan->arena);
    free(scan->buffer);
}

/* Appends ",LINE" (no comma first) to a fixed buffer; extra lines are cut. */
static inline void analyzer_scan_append_line(char *lines, size_t size, size_t *used, int line)
{
    int written = snprintf(lines + *used, size - *used, "%s%d", *used ? "," : "", line);
    if (written > 0 && (size_t)written < size - *used)
        *used += (size_t)written;
}

/* The lines `rule` fired on, analyzers' findings then the check family's,
 * comma-separated ("" when it did not fire). Valid until the next call. */
static inline const char *analyzer_scan_rule_lines(const struct analyzer_scan *scan,
                                                   const char *rule)
{
    static char lines[256];
    lines[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < scan->analysis.finding_count; i++)
        if (strcmp(scan->analysis.findings[i].rule->id, rule) == 0)
            analyzer_scan_append_line(lines, sizeof(lines), &used, scan->analysis.findings[i].line);
    for (size_t i = 0; i < scan->context.finding_count; i++)
        if (strcmp(scan->context.findings[i].rule->id, rule) == 0)
            analyzer_scan_append_line(lines, sizeof(lines), &used, scan->context.findings[i].line);
    return lines;
}

/* The lines facts of `key` were recorded on, as analyzer_scan_rule_lines. */
static inline const char *analyzer_scan_fact_lines(const struct analyzer_scan *scan,
                                                   const char *key)
{
    static char lines[256];
    lines[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < scan->analysis.fact_count; i++)
        if (strcmp(scan->analysis.facts[i].key, key) == 0)
            analyzer_scan_append_line(lines, sizeof(lines), &used, scan->analysis.facts[i].line);
    return lines;
}

/* Prints why a rule case failed: the lines expected and found, and every
 * finding the scan raised (analyzers', then the check family's). */
static inline void analyzer_scan_print_mismatch(const struct analyzer_scan *scan, size_t index,
                                                const char *rule, const char *expected,
                                                const char *got)
{
    fprintf(stderr, "case %zu (%s): expected lines \"%s\", got \"%s\"\n", index, rule, expected,
            got);
    for (size_t k = 0; k < scan->analysis.finding_count; k++)
        fprintf(stderr, "  %s:%d %s\n", scan->analysis.findings[k].rule->id,
                scan->analysis.findings[k].line, scan->analysis.findings[k].message);
    for (size_t k = 0; k < scan->context.finding_count; k++)
        fprintf(stderr, "  %s:%d %s\n", scan->context.findings[k].rule->id,
                scan->context.findings[k].line, scan->context.findings[k].message);
}

static inline size_t analyzer_scan_fact_count(const struct analyzer_scan *scan, const char *key)
{
    size_t count = 0;
    for (size_t i = 0; i < scan->analysis.fact_count; i++)
        count += strcmp(scan->analysis.facts[i].key, key) == 0;
    return count;
}

#endif
