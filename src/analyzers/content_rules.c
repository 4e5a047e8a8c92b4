/*
 * content_rules: the analyzer that runs every built-in pattern rule (the
 * secrets pack, later the dangerous-code packs) over each audited file
 * through the content scanning engine, and turns its hits into findings.
 *
 * It must not add anything the engine did not redact: the message carries
 * the redacted secret, the snippet the redacted line, and the fingerprint
 * input the rule id and a hash of the secret.
 */
#include "analyzers/analyzer.h"
#include "analyzers/content_scan.h"
#include "analyzers/user_rules.h"

static void content_rules_emit(void *user, const struct content_scan_hit *hit)
{
    struct analysis *analysis = user;
    analysis_add_finding(analysis, hit->rule->id, hit->line, hit->column, hit->snippet, hit->match,
                         "%s: %s", hit->rule->title, hit->redacted);
}

static void content_rules_run(const struct source_file *file, struct analysis *analysis)
{
    content_scan_engine_scan(content_scan_builtin(), file->path, file->content, file->length,
                             content_rules_emit, analysis);
    /* The user's own packs (--rules, config `rule_packs:`), if any. */
    struct content_scan_engine *user = user_rules_engine();
    if (user)
        content_scan_engine_scan(user, file->path, file->content, file->length, content_rules_emit,
                                 analysis);
}

const struct analyzer analyzer_content_rules = {
    .name = "content-rules",
    .applies = NULL, /* every text file: a secret leaks wherever it is written */
    .run = content_rules_run,
};
