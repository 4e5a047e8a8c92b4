/*
 * analysis: the per-file output buffer analyzers write findings and facts
 * into. Everything it stores is copied into the file's arena, so an analyzer
 * may pass pointers into its own scratch memory.
 */
#include "analyzers/analyzer.h"
#include "rules/registry.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ANALYSIS_SNIPPET_MAX = 200 };

void analysis_init(struct analysis *analysis, struct arena *arena, const char *path)
{
    memset(analysis, 0, sizeof(*analysis));
    analysis->arena = arena;
    analysis->path = arena_strdup(arena, path);
}

void analysis_release(struct analysis *analysis)
{
    free(analysis->findings);
    free(analysis->facts);
    analysis->findings = NULL;
    analysis->facts = NULL;
    analysis->finding_count = analysis->fact_count = 0;
    analysis->finding_capacity = analysis->fact_capacity = 0;
}

/* Copies at most ANALYSIS_SNIPPET_MAX bytes of one line, with leading and
 * trailing whitespace trimmed and control bytes replaced, so snippets are
 * safe to print in any report. Invalid UTF-8 is left for the writers, which
 * each know their own escaping. */
static const char *analysis_clean_snippet(struct arena *arena, const char *text, size_t length)
{
    while (length && (*text == ' ' || *text == '\t')) {
        text++;
        length--;
    }
    while (length && (text[length - 1] == ' ' || text[length - 1] == '\t' ||
                      text[length - 1] == '\r' || text[length - 1] == '\n'))
        length--;
    bool cut = length > ANALYSIS_SNIPPET_MAX;
    if (cut) {
        length = ANALYSIS_SNIPPET_MAX;
        /* Do not split a UTF-8 sequence. */
        while (length && ((unsigned char)text[length] & 0xc0) == 0x80)
            length--;
    }
    char *copy = arena_alloc(arena, length + (cut ? 4 : 1));
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];
        copy[i] = (c < 0x20 && c != '\t') || c == 0x7f ? '?' : (char)c;
    }
    if (cut)
        memcpy(copy + length, "\xe2\x80\xa6", 3); /* … */
    return copy;
}

void analysis_add_finding(struct analysis *analysis, const char *rule_id, int line, int column,
                          const char *snippet, const char *match, const char *format, ...)
{
    const struct rule *rule = rule_registry_find(rule_id);
    if (!rule) {
        fprintf(stderr, "prodready: BUG: analyzer raised unknown rule '%s'\n", rule_id);
        abort();
    }
    analysis->findings = xgrow(analysis->findings, &analysis->finding_capacity,
                               analysis->finding_count + 1, sizeof(*analysis->findings));
    struct finding *finding = &analysis->findings[analysis->finding_count++];
    memset(finding, 0, sizeof(*finding));
    finding->rule = rule;
    finding->severity = rule->severity;
    finding->file = analysis->path;
    finding->line = line;
    finding->column = column;
    va_list args;
    va_start(args, format);
    finding->message = arena_vprintf(analysis->arena, format, args);
    va_end(args);
    finding->snippet =
        snippet ? analysis_clean_snippet(analysis->arena, snippet, strlen(snippet)) : NULL;
    finding->match = match ? arena_strdup(analysis->arena, match) : NULL;
    finding_fingerprint(finding);
}

void analysis_add_fact(struct analysis *analysis, const char *key, int line, const char *value)
{
    analysis->facts = xgrow(analysis->facts, &analysis->fact_capacity, analysis->fact_count + 1,
                            sizeof(*analysis->facts));
    struct fact *fact = &analysis->facts[analysis->fact_count++];
    fact->key = arena_strdup(analysis->arena, key);
    fact->file = analysis->path;
    fact->line = line;
    fact->value = value ? arena_strdup(analysis->arena, value) : NULL;
}

const char *analysis_line_text(struct analysis *analysis, const struct source_file *file, int line)
{
    if (line < 1)
        return NULL;
    const char *p = file->content, *end = file->content + file->length;
    for (int current = 1; current < line && p < end; current++) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        if (!newline)
            return NULL;
        p = newline + 1;
    }
    const char *newline = memchr(p, '\n', (size_t)(end - p));
    size_t length = newline ? (size_t)(newline - p) : (size_t)(end - p);
    return analysis_clean_snippet(analysis->arena, p, length);
}
