/*
 * content_rules: the analyzer that runs every built-in pattern rule (the
 * secrets packs and the dangerous-code pack) over each audited file through
 * the content scanning engine, and turns its hits into findings.
 *
 * It must not add anything the engine did not redact: a secret finding
 * carries the engine's redacted message, snippet and fingerprint input. A
 * `context: code` hit is code, not a secret: it is dropped when its anchor
 * lies in a comment or string (lexer.h), and its snippet is the plain line
 * unless a secret was found on that line, in which case it takes the
 * engine's redacted snippet of that secret.
 */
/* memrchr */
#define _GNU_SOURCE
#include "analyzers/content_rules.h"

#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "analyzers/content_scan.h"
#include "analyzers/user_rules.h"
#include "util/arena.h"
#include "util/xalloc.h"

void content_rules_filter_init(struct content_rules_filter *filter, const char *language_name,
                               const char *content, size_t length)
{
    memset(filter, 0, sizeof(*filter));
    filter->language = lexer_language_for(language_name);
    filter->content = content;
    filter->length = length;
}

bool content_rules_filter_keeps(struct content_rules_filter *filter, const struct rule *rule,
                                size_t anchor)
{
    if (rule->context != RULE_CONTEXT_CODE || filter->language == LEXER_NONE)
        return true;
    if (!filter->lexed) {
        lexer_lex(filter->language, filter->content, filter->length, &filter->spans);
        filter->lexed = true;
    }
    return lexer_span_at(&filter->spans, anchor) == NULL;
}

void content_rules_filter_release(struct content_rules_filter *filter)
{
    lexer_spans_release(&filter->spans);
}

/* A code hit waiting for the end of its line (a secret found later on the
 * same line decides its snippet). Strings live in the analysis arena. */
struct content_rules_pending {
    const struct rule *rule;
    int line, column;
    size_t offset;
    const char *match;
};

struct content_rules_run {
    const struct source_file *file;
    struct analysis *analysis;
    struct content_rules_filter filter;
    struct content_rules_pending *pending;
    size_t pending_count, pending_capacity;
    int pending_line;
    const char *secret_snippet; /* the engine's redacted snippet of a secret on that line */
};

static void content_rules_flush(struct content_rules_run *run)
{
    for (size_t i = 0; i < run->pending_count; i++) {
        const struct content_rules_pending *hit = &run->pending[i];
        const char *snippet = run->secret_snippet;
        if (!snippet) {
            const char *content = run->file->content;
            const char *before = hit->offset > 0 ? memrchr(content, '\n', hit->offset) : NULL;
            size_t start = before ? (size_t)(before - content) + 1 : 0;
            const char *after =
                memchr(content + hit->offset, '\n', run->file->length - hit->offset);
            size_t end = after ? (size_t)(after - content) : run->file->length;
            snippet = arena_strndup(run->analysis->arena, content + start, end - start);
        }
        analysis_add_finding(run->analysis, hit->rule->id, hit->line, hit->column, snippet,
                             hit->match, "%s", hit->rule->title);
    }
    run->pending_count = 0;
    run->secret_snippet = NULL;
}

static void content_rules_emit(void *user, const struct content_scan_hit *hit)
{
    struct content_rules_run *run = user;
    struct analysis *analysis = run->analysis;
    if (hit->line != run->pending_line) {
        content_rules_flush(run);
        run->pending_line = hit->line;
    }
    if (!content_rules_filter_keeps(&run->filter, hit->rule, hit->secret_offset))
        return;
    if (hit->rule->context != RULE_CONTEXT_CODE || hit->rule->redact) {
        if (!run->secret_snippet)
            run->secret_snippet = arena_strdup(analysis->arena, hit->snippet);
        analysis_add_finding(analysis, hit->rule->id, hit->line, hit->column, hit->snippet,
                             hit->match, "%s: %s", hit->rule->title, hit->redacted);
        return;
    }
    run->pending =
        xgrow(run->pending, &run->pending_capacity, run->pending_count + 1, sizeof(*run->pending));
    run->pending[run->pending_count++] = (struct content_rules_pending){
        .rule = hit->rule,
        .line = hit->line,
        .column = hit->column,
        .offset = hit->secret_offset,
        .match = arena_strdup(analysis->arena, hit->match),
    };
}

static void content_rules_run(const struct source_file *file, struct analysis *analysis)
{
    struct content_rules_run run = {.file = file, .analysis = analysis};
    content_rules_filter_init(&run.filter, file->language ? file->language->name : NULL,
                              file->content, file->length);
    /* A file no other built-in pattern rule reads (C, most of a kernel)
     * pays only for the secret patterns. */
    struct content_scan_engine *engine =
        content_scan_builtin_secrets_suffice(file->path) ? content_scan_builtin_secrets() : NULL;
    content_scan_engine_scan(engine ? engine : content_scan_builtin(), file->path, file->content,
                             file->length, content_rules_emit, &run);
    content_rules_flush(&run);
    /* The user's own packs (--rules), if any: a second engine, same hits. */
    struct content_scan_engine *user = user_rules_engine();
    if (user) {
        content_scan_engine_scan(user, file->path, file->content, file->length, content_rules_emit,
                                 &run);
        content_rules_flush(&run);
    }
    free(run.pending);
    content_rules_filter_release(&run.filter);
}

const struct analyzer analyzer_content_rules = {
    .name = "content-rules",
    .applies = NULL, /* every text file: a secret leaks wherever it is written */
    .run = content_rules_run,
};
