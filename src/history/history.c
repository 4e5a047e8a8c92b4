/*
 * history: the git history secret scan (see history.h).
 *
 * How it walks
 *   git_revwalk from HEAD in reverse topological order (parents first), so
 *   the first commit that shows a secret is the oldest that added it, and
 *   that is the one kept. Each commit is diffed against its FIRST parent
 *   only, with no context lines: a merge therefore shows what it brought in
 *   from the merged branch (whose own commits were already scanned, so the
 *   dedupe drops the repeats) plus any conflict resolution. A root commit is
 *   diffed against the empty tree.
 *
 * What it scans
 *   For each changed file, the added lines are copied into one buffer with a
 *   map from buffer line to the new file's line number, and that buffer goes
 *   through the content scanner (rules "secrets.*" only) and the .env and
 *   key-file helpers of secret_files.h. Binary blobs (libgit2's detection)
 *   are not read; a binary keystore or key added by a commit is reported by
 *   its name with no line. Vendored and generated paths are skipped as in the
 *   tree audit. Blobs over the size limit count as binary.
 *
 * Dedupe
 *   One finding per (rule, secret hash) — the content scanner's fingerprint
 *   input — across the whole history, and none for a secret the audited tree
 *   still holds (the normal scan reports that one; it is counted in
 *   summary->in_tree).
 *
 * Memory: one commit's trees and diff at a time, one reused buffer; the
 * findings and one struct finding_commit per commit with findings live in
 * the result arena.
 */
#include "history/history.h"
#include "analyzers/content_scan.h"
#include "analyzers/secret_files.h"
#include "inventory/inventory.h"
#include "rules/registry.h"
#include "util/hash.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

enum { HISTORY_SNIPPET_MAX = 200, HISTORY_CHECK_EVIDENCE_MAX = 5 };
#define HISTORY_BLOB_CACHE        (1u << 20)
#define HISTORY_CACHE_MAX         (96l << 20)
#define LIBGIT2_DEFAULT_CACHE_MAX (256l << 20)

/* ---- a set of 64-bit hashes (open addressing; 0 marks an empty slot) ---- */

struct history_set {
    uint64_t *slots;
    size_t capacity; /* a power of two */
    size_t used;
};

static uint64_t history_key(const char *text)
{
    uint64_t key = hash_fnv64_str(HASH_FNV64_INIT, text);
    return key ? key : 1;
}

/* Adds `key`; returns false when it was already there. */
static bool history_set_add(struct history_set *set, uint64_t key)
{
    if ((set->used + 1) * 2 > set->capacity) {
        size_t capacity = set->capacity ? set->capacity * 2 : 256;
        uint64_t *slots = xcalloc(capacity, sizeof(*slots));
        for (size_t i = 0; i < set->capacity; i++) {
            if (!set->slots[i])
                continue;
            size_t at = (size_t)set->slots[i] & (capacity - 1);
            while (slots[at])
                at = (at + 1) & (capacity - 1);
            slots[at] = set->slots[i];
        }
        free(set->slots);
        set->slots = slots;
        set->capacity = capacity;
    }
    size_t at = (size_t)key & (set->capacity - 1);
    while (set->slots[at]) {
        if (set->slots[at] == key)
            return false;
        at = (at + 1) & (set->capacity - 1);
    }
    set->slots[at] = key;
    set->used++;
    return true;
}

static bool history_set_has(const struct history_set *set, uint64_t key)
{
    if (!set->capacity)
        return false;
    size_t at = (size_t)key & (set->capacity - 1);
    while (set->slots[at]) {
        if (set->slots[at] == key)
            return true;
        at = (at + 1) & (set->capacity - 1);
    }
    return false;
}

/* ---- scan state ---- */

struct history_state {
    struct arena *arena;
    struct content_scan_engine *engine;
    struct finding **findings;
    size_t *count, *capacity;
    struct history_summary *summary;
    struct history_set current; /* secrets of the audited tree */
    struct history_set seen;    /* secrets already reported from history */

    const char *prefix; /* the audit root inside the work tree, "" or "dir/" */
    size_t prefix_length;

    /* the commit being scanned */
    git_commit *commit;
    const struct finding_commit *commit_info; /* made on its first finding */

    /* the file being scanned: its added lines */
    char *path; /* relative to the audit root; NULL: skip this file */
    bool added; /* the file is new in this commit */
    bool binary;
    struct strbuf buffer;
    int *lines; /* buffer line (0-based) -> line in the new file */
    size_t line_count, line_capacity;
};

static const struct finding_commit *history_commit_info(struct history_state *state)
{
    if (state->commit_info)
        return state->commit_info;
    struct finding_commit *info = arena_alloc(state->arena, sizeof(*info));
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, git_commit_id(state->commit));
    info->sha = arena_strdup(state->arena, hex);
    hex[12] = '\0';
    info->short_sha = arena_strdup(state->arena, hex);
    const git_signature *author = git_commit_author(state->commit);
    info->author = arena_printf(state->arena, "%s <%s>", author && author->name ? author->name : "",
                                author && author->email ? author->email : "");
    char date[32] = "";
    time_t when = author ? (time_t)author->when.time : 0;
    struct tm utc;
    if (gmtime_r(&when, &utc))
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);
    info->date = arena_strdup(state->arena, date);
    state->commit_info = info;
    return info;
}

/* A printable copy of a (redacted) snippet: trimmed, control bytes
 * replaced, cut at HISTORY_SNIPPET_MAX bytes without splitting UTF-8. */
static const char *history_clean_snippet(struct arena *arena, const char *text)
{
    size_t length = strlen(text);
    while (length && (*text == ' ' || *text == '\t')) {
        text++;
        length--;
    }
    while (length && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        length--;
    bool cut = length > HISTORY_SNIPPET_MAX;
    if (cut) {
        length = HISTORY_SNIPPET_MAX;
        while (length && ((unsigned char)text[length] & 0xc0) == 0x80)
            length--;
    }
    char *copy = arena_alloc(arena, length + (cut ? 4 : 1));
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];
        copy[i] = (c < 0x20 && c != '\t') || c == 0x7f ? '?' : (char)c;
    }
    if (cut)
        memcpy(copy + length, "\xe2\x80\xa6", 3);
    else
        copy[length] = '\0';
    return copy;
}

/* Records one secret unless the tree still has it or history showed it
 * before. `match` is the content scanner's fingerprint input. */
static void history_add(struct history_state *state, const char *rule_id, int line, int column,
                        const char *snippet, const char *match, const char *message)
{
    uint64_t key = history_key(match);
    if (history_set_has(&state->current, key)) {
        if (history_set_add(&state->seen, key))
            state->summary->in_tree++;
        return;
    }
    if (!history_set_add(&state->seen, key))
        return;
    const struct rule *rule = rule_registry_find(rule_id);
    if (!rule)
        return;
    *state->findings =
        xgrow(*state->findings, state->capacity, *state->count + 1, sizeof(**state->findings));
    struct finding *finding = &(*state->findings)[(*state->count)++];
    memset(finding, 0, sizeof(*finding));
    finding->rule = rule;
    finding->severity = rule->severity;
    finding->file = arena_strdup(state->arena, state->path);
    finding->line = line;
    finding->column = column;
    finding->message = arena_strdup(state->arena, message);
    finding->snippet = snippet ? history_clean_snippet(state->arena, snippet) : NULL;
    finding->match = arena_strdup(state->arena, match);
    finding->commit = history_commit_info(state);
    finding_fingerprint(finding);
    state->summary->findings++;
}

static int history_line_of(const struct history_state *state, int buffer_line)
{
    if (buffer_line < 1 || (size_t)buffer_line > state->line_count)
        return 0;
    return state->lines[buffer_line - 1];
}

static void history_on_hit(void *user, const struct content_scan_hit *hit)
{
    struct history_state *state = user;
    if (strncmp(hit->rule->id, "secrets.", 8) != 0)
        return;
    struct strbuf message = STRBUF_INIT;
    strbuf_printf(&message, "%s: %s", hit->rule->title, hit->redacted);
    history_add(state, hit->rule->id, history_line_of(state, hit->line), hit->column, hit->snippet,
                hit->match, message.data);
    strbuf_release(&message);
}

/* Scans the added lines gathered for the current file. */
static void history_flush_file(struct history_state *state)
{
    if (!state->path)
        goto done;
    if (state->binary) {
        const char *rule = state->added ? secret_files_name_rule(state->path, true, NULL, 0) : NULL;
        if (rule) {
            struct strbuf match = STRBUF_INIT, message = STRBUF_INIT;
            strbuf_printf(&match, "%s:%s", rule, state->path);
            strbuf_printf(&message, "binary file %s added", text_basename(state->path));
            history_add(state, rule, 0, 0, NULL, match.data, message.data);
            strbuf_release(&match);
            strbuf_release(&message);
        }
        goto done;
    }
    if (state->buffer.length == 0)
        goto done;
    content_scan_engine_scan(state->engine, state->path, state->buffer.data, state->buffer.length,
                             history_on_hit, state);
    if (secret_files_is_env_file(state->path)) {
        struct secret_files_env_hit hit;
        if (secret_files_env_scan(state->buffer.data, state->buffer.length, &hit)) {
            struct strbuf message = STRBUF_INIT;
            strbuf_printf(&message, "committed .env file sets %s: %s", hit.key, hit.redacted);
            history_add(state, "secrets.file-env", history_line_of(state, hit.line), hit.column,
                        hit.snippet, hit.match, message.data);
            strbuf_release(&message);
        }
    } else if (state->added) {
        const char *rule =
            secret_files_name_rule(state->path, false, state->buffer.data, state->buffer.length);
        if (rule) {
            struct strbuf match = STRBUF_INIT, message = STRBUF_INIT;
            strbuf_printf(&match, "%s:%s", rule, state->path);
            strbuf_printf(&message, "%s added: %s",
                          strcmp(rule, "secrets.file-keystore") == 0 ? "keystore"
                                                                     : "private key file",
                          text_basename(state->path));
            history_add(state, rule, 1, 0, NULL, match.data, message.data);
            strbuf_release(&match);
            strbuf_release(&message);
        }
    }
done:
    free(state->path);
    state->path = NULL;
    strbuf_reset(&state->buffer);
    state->line_count = 0;
}

static int history_on_file(const git_diff_delta *delta, float progress, void *payload)
{
    (void)progress;
    struct history_state *state = payload;
    history_flush_file(state);
    if (delta->status != GIT_DELTA_ADDED && delta->status != GIT_DELTA_MODIFIED &&
        delta->status != GIT_DELTA_RENAMED && delta->status != GIT_DELTA_COPIED &&
        delta->status != GIT_DELTA_TYPECHANGE)
        return 0;
    const char *path = delta->new_file.path;
    if (!path || strncmp(path, state->prefix, state->prefix_length) != 0)
        return 0;
    path += state->prefix_length;
    if (!*path || inventory_is_vendored(path) || inventory_is_generated(path))
        return 0;
    /* Submodule pointers and symlinks hold no file content to scan. */
    if (delta->new_file.mode == GIT_FILEMODE_COMMIT || delta->new_file.mode == GIT_FILEMODE_LINK)
        return 0;
    state->path = xstrdup(path);
    state->added = delta->status == GIT_DELTA_ADDED;
    state->binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
    return 0;
}

static int history_on_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
                           const git_diff_line *line, void *payload)
{
    (void)delta;
    (void)hunk;
    struct history_state *state = payload;
    if (!state->path || state->binary || line->origin != GIT_DIFF_LINE_ADDITION)
        return 0;
    size_t length = line->content_len;
    if (length && line->content[length - 1] == '\n')
        length--;
    /* A NUL byte would end the scanner's line early; the line is data. */
    if (memchr(line->content, '\0', length))
        return 0;
    strbuf_append(&state->buffer, line->content, length);
    strbuf_append(&state->buffer, "\n", 1);
    state->lines =
        xgrow(state->lines, &state->line_capacity, state->line_count + 1, sizeof(*state->lines));
    state->lines[state->line_count++] = line->new_lineno;
    return 0;
}

/* ---- the walk ---- */

static int history_open(git_repository **repo, const char *root)
{
    int status = git_repository_open_ext(repo, root, 0, NULL);
    if (status == 0)
        return 0;
    /* The inventory reads repositories owned by another user (a CI cache, a
     * mounted checkout); the history scan follows it. */
    int validate = 1;
    if (git_libgit2_opts(GIT_OPT_GET_OWNER_VALIDATION, &validate) != 0 || !validate)
        return status;
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    status = git_repository_open_ext(repo, root, 0, NULL);
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 1);
    return status;
}

/* The audit root's path inside the work tree ("" or "dir/"), or NULL when
 * it is not inside. */
static char *history_prefix(git_repository *repo, const char *root)
{
    const char *workdir = git_repository_workdir(repo);
    if (!workdir)
        return xstrdup("");
    char *root_real = realpath(root, NULL);
    char *work_real = realpath(workdir, NULL);
    char *prefix = NULL;
    if (root_real && work_real) {
        size_t length = strlen(work_real);
        if (strcmp(root_real, work_real) == 0)
            prefix = xstrdup("");
        else if (strncmp(root_real, work_real, length) == 0 && root_real[length] == '/') {
            size_t rest = strlen(root_real + length + 1);
            prefix = xmalloc(rest + 2);
            memcpy(prefix, root_real + length + 1, rest);
            prefix[rest] = '/';
            prefix[rest + 1] = '\0';
        }
    }
    free(root_real);
    free(work_real);
    return prefix;
}

static double history_seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static const char *history_git_error(struct arena *arena, const char *what)
{
    const git_error *error = git_error_last();
    return arena_printf(arena, "%s: %s", what, error && error->message ? error->message : "failed");
}

/* Diffs one commit against its first parent and scans what it added. */
static int history_scan_commit(git_repository *repo, struct history_state *state,
                               const git_diff_options *diff_options)
{
    git_tree *tree = NULL, *parent_tree = NULL;
    git_commit *parent = NULL;
    git_diff *diff = NULL;
    int status = git_commit_tree(&tree, state->commit);
    if (status == 0 && git_commit_parentcount(state->commit) > 0) {
        status = git_commit_parent(&parent, state->commit, 0);
        if (status == 0)
            status = git_commit_tree(&parent_tree, parent);
    }
    if (status == 0)
        status = git_diff_tree_to_tree(&diff, repo, parent_tree, tree, diff_options);
    if (status == 0)
        status = git_diff_foreach(diff, history_on_file, NULL, NULL, history_on_line, state);
    history_flush_file(state);
    git_diff_free(diff);
    git_tree_free(parent_tree);
    git_commit_free(parent);
    git_tree_free(tree);
    return status;
}

void history_scan(const struct history_options *options, const struct finding *current,
                  size_t current_count, struct arena *arena, struct finding **findings,
                  size_t *count, size_t *capacity, struct history_summary *summary)
{
    memset(summary, 0, sizeof(*summary));
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    git_libgit2_init();
    git_repository *repo = NULL;
    git_revwalk *walk = NULL;
    char *prefix = NULL;
    struct history_state state = {
        .arena = arena,
        .findings = findings,
        .count = count,
        .capacity = capacity,
        .summary = summary,
        .buffer = STRBUF_INIT,
    };
    if (history_open(&repo, options->root) != 0) {
        summary->reason = arena_strdup(arena, "not a git repository");
        goto out;
    }
    prefix = history_prefix(repo, options->root);
    if (!prefix) {
        summary->reason = arena_strdup(arena, "the audited path is outside the git work tree");
        goto out;
    }
    state.prefix = prefix;
    state.prefix_length = strlen(prefix);
    state.engine = content_scan_builtin();
    if (!state.engine) {
        summary->reason = arena_strdup(arena, "the secret rules could not be loaded");
        goto out;
    }
    if (git_revwalk_new(&walk, repo) != 0 ||
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) != 0) {
        summary->reason = history_git_error(arena, "cannot walk the history");
        goto out;
    }
    if (git_revwalk_push_head(walk) != 0) {
        summary->reason = arena_strdup(arena, "the repository has no commits");
        goto out;
    }
    for (size_t i = 0; i < current_count; i++)
        if (current[i].match && current[i].rule && strncmp(current[i].rule->id, "secrets.", 8) == 0)
            history_set_add(&state.current, history_key(current[i].match));

    git_diff_options diff_options;
    git_diff_options_init(&diff_options, GIT_DIFF_OPTIONS_VERSION);
    diff_options.context_lines = 0;
    diff_options.interhunk_lines = 0;
    uint64_t limit = options->max_file_size ? options->max_file_size : 5u * 1024u * 1024u;
    diff_options.max_size = limit > (uint64_t)INT64_MAX ? INT64_MAX : (git_off_t)limit;
    char *pathspec = state.prefix_length ? xstrndup(prefix, state.prefix_length - 1) : NULL;
    if (pathspec) {
        /* Only the audited directory's changes are loaded at all. */
        diff_options.pathspec.strings = &pathspec;
        diff_options.pathspec.count = 1;
    }

    /* libgit2 caches no blobs by default, so each parent blob was inflated
     * and rebuilt from its delta chain again; in a mostly linear history it
     * is the blob an earlier commit added. Caching blobs up to 1 MiB halves
     * the time on psf/requests (19.9 s to 9.6 s for the diffs alone); the
     * total is capped below libgit2's default 256 MiB. Restored at the end. */
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB, (size_t)HISTORY_BLOB_CACHE);
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)HISTORY_CACHE_MAX);

    git_oid oid;
    double last_report = 0;
    while (git_revwalk_next(&oid, walk) == 0) {
        if (git_commit_lookup(&state.commit, repo, &oid) != 0)
            continue; /* a shallow or damaged repository: scan what there is */
        state.commit_info = NULL;
        (void)history_scan_commit(repo, &state, &diff_options);
        git_commit_free(state.commit);
        state.commit = NULL;
        summary->commits++;
        if (options->progress && (summary->commits & 63) == 0) {
            double elapsed = history_seconds_since(&start);
            if (elapsed - last_report >= 0.25) {
                options->progress(options->progress_user, summary->commits, elapsed);
                last_report = elapsed;
            }
        }
    }
    free(pathspec);
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB, (size_t)0);
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)LIBGIT2_DEFAULT_CACHE_MAX);
    summary->checked = true;
out:
    free(state.path);
    free(state.lines);
    strbuf_release(&state.buffer);
    free(state.current.slots);
    free(state.seen.slots);
    free(prefix);
    git_revwalk_free(walk);
    git_repository_free(repo);
    git_libgit2_shutdown();
}

/* ---- the check ---- */

void history_add_check(struct check_context *context, const struct history_summary *summary)
{
    const char *id = "security.no-secrets-in-history";
    const char *title = "No secrets in git history";
    if (!summary) {
        check_add(context, id, CATEGORY_SECURITY, CHECK_NOT_CHECKED, title,
                  "git history was not scanned; run prodready audit --history", NULL);
        return;
    }
    if (!summary->checked) {
        struct strbuf text = STRBUF_INIT;
        strbuf_printf(&text, "git history could not be scanned: %s",
                      summary->reason ? summary->reason : "unknown reason");
        check_add(context, id, CATEGORY_SECURITY, CHECK_NOT_CHECKED, title, text.data, NULL);
        strbuf_release(&text);
        return;
    }
    struct strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "scanned the lines added by %zu commit%s with the secret rules",
                  summary->commits, summary->commits == 1 ? "" : "s");
    if (summary->findings)
        strbuf_printf(&text, "; %zu secret%s found only in history", summary->findings,
                      summary->findings == 1 ? "" : "s");
    if (summary->in_tree)
        strbuf_printf(&text, "; %zu more still in the tree (reported there)", summary->in_tree);
    struct check *check =
        check_add(context, id, CATEGORY_SECURITY, summary->findings ? CHECK_FAIL : CHECK_PASS,
                  title, text.data, NULL);
    strbuf_release(&text);
    size_t shown = 0;
    for (size_t i = 0; i < context->finding_count && shown < HISTORY_CHECK_EVIDENCE_MAX; i++) {
        const struct finding *finding = &context->findings[i];
        if (!finding->commit)
            continue;
        struct strbuf note = STRBUF_INIT;
        strbuf_printf(&note, "%s in commit %s", finding->rule->id, finding->commit->short_sha);
        check_add_evidence(context, check, finding->file, finding->line, note.data);
        strbuf_release(&note);
        shown++;
    }
}
