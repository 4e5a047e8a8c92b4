/*
 * content_scan: one vectorscan pass per file finds candidate matches of every
 * pattern rule; PCRE2 (JIT) confirms them line by line. See content_scan.h
 * for the contract and ../shared/PERFORMANCE.md for why it is built this way
 * (no start-of-match flag, confirm per line, per-thread scratch).
 *
 * Flags: HS_FLAG_MULTILINE so '^' and '$' work per line as PCRE2 sees them on
 * the confirming line; no HS_FLAG_UTF8, because audited files may be invalid
 * UTF-8 and a secret must still be found next to a stray byte; no
 * HS_FLAG_SOM_LEFTMOST (costly, and PCRE2 finds the start anyway). Case
 * folding is per pattern, inline ("(?i)").
 *
 * This file must never put a secret in full into anything it hands out.
 */
/* memrchr and memmem (glibc, musl and the BSDs all have them). */
#define _GNU_SOURCE
#include "analyzers/content_scan.h"
#include "util/text.h"
#include "inventory/gitignore.h"
#include "rules/builtin.h"
#include "util/hash.h"
#include "util/xalloc.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs.h>
#include <errno.h>
#include <unistd.h>
#include <ctype.h>
#include <math.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Flags every pattern is compiled with; tools/rulegen.c uses the same. */
#define CONTENT_SCAN_HS_FLAGS HS_FLAG_MULTILINE
/* PCRE2 may not switch itself into UTF mode: subjects are raw bytes. */
#define CONTENT_SCAN_PCRE2_FLAGS (PCRE2_NEVER_UTF | PCRE2_NEVER_UCP)
/* Bounds backtracking on pathological lines (a user's pattern, a minified
 * file); a line that hits it is simply not confirmed. */
enum { CONTENT_SCAN_MATCH_LIMIT = 1000000 };
/* Block mode takes at most 4 GiB; bigger contents are scanned in pieces cut
 * at a newline (files that large are normally skipped long before). */
#define CONTENT_SCAN_PIECE ((size_t)1 << 30)

struct content_scan_pattern {
    pcre2_code *code; /* NULL for rules without a pattern */
    pcre2_code **allow;
};

/* A vectorscan match, reduced to its rule and the line it ends on. */
struct content_scan_candidate {
    unsigned rule;
    size_t line_start, line_end; /* line_end: offset of the '\n' or the length */
};

/* A confirmed secret on the current line. */
struct content_scan_found {
    unsigned rule;
    size_t start, length; /* in the line */
};

/* A byte range of the current line to redact. */
struct content_scan_span {
    size_t start, end;
};

/* Everything one thread needs to scan with one engine. */
struct content_scan_thread {
    pthread_t owner;
    hs_scratch_t *scratch;
    pcre2_match_data *match_data; /* for the rules' patterns */
    pcre2_match_data *allow_data; /* for allowlist regexes */
    size_t *line_done;            /* per rule: end of the last line queued, plus one */
    unsigned char *path_state;    /* per rule: 0 not yet known, 1 applies, 2 does not */
    struct content_scan_candidate *candidates;
    size_t candidate_count, candidate_capacity;
    struct content_scan_found *found;
    size_t found_count, found_capacity;
    struct content_scan_span *spans;
    size_t span_count, span_capacity;
    struct strbuf snippet;
    struct content_scan_thread *next;
};

struct content_scan_engine {
    const struct rule *rules;
    size_t rule_count;
    struct content_scan_pattern *patterns; /* index-aligned with rules */
    pcre2_match_context *match_context;
    hs_database_t *database; /* NULL: no pattern rules */
    hs_scratch_t *prototype;
    bool deserialized;
    uint64_t serial; /* tells a thread's cached state apart from a freed engine's */
    pthread_mutex_t lock;
    struct content_scan_thread *threads; /* every thread's state, freed with the engine */
};

/* The calling thread's state for the engine it used last: a cache in front
 * of the engine's locked list. The serial, unique per engine ever built,
 * keeps a stale pointer from a freed engine from ever being used. */
static _Thread_local struct {
    uint64_t serial;
    struct content_scan_thread *thread;
} content_scan_cache;

static atomic_uint_fast64_t content_scan_serial = 1;

/* ---- helpers ---- */

/* Out of memory inside vectorscan or PCRE2: the xalloc.h policy (a clear
 * message, exit status 2) for allocations those libraries make. */
static void content_scan_die(const char *what)
{
    fprintf(stderr, "prodready: out of memory (%s); free memory or lower --jobs\n", what);
    exit(2);
}

double content_scan_entropy(const char *text, size_t length)
{
    if (length == 0)
        return 0.0;
    size_t counts[256] = {0};
    for (size_t i = 0; i < length; i++)
        counts[(unsigned char)text[i]]++;
    double entropy = 0.0;
    for (size_t i = 0; i < 256; i++) {
        if (!counts[i])
            continue;
        double p = (double)counts[i] / (double)length;
        entropy -= p * log2(p);
    }
    return entropy;
}

void content_scan_redact(const char *secret, size_t length, char *out)
{
    /* At most 4 bytes, and at most a third of a short secret, so an 8-byte
     * password does not lose half of itself to the report. */
    size_t keep = length / 3 < 4 ? length / 3 : 4;
    while (keep > 0 && ((unsigned char)secret[keep] & 0xc0) == 0x80)
        keep--; /* never cut a UTF-8 sequence */
    size_t used = 0;
    for (size_t i = 0; i < keep; i++) {
        unsigned char c = (unsigned char)secret[i];
        out[used++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    snprintf(out + used, CONTENT_SCAN_REDACTED_MAX - used, "\xe2\x80\xa6(%zu)", length);
}

void content_scan_example_path(const struct rule *rule, char *out, size_t size)
{
    const char *glob = rule->path_count ? rule->paths[0] : "example.txt";
    size_t used = 0;
    for (const char *p = glob; *p && used + 1 < size; p++) {
        if (*p == '/' && p == glob)
            continue;
        out[used++] = *p == '*' || *p == '?' ? 'x' : *p;
    }
    if (size)
        out[used] = '\0';
}

bool content_scan_path_matches(const char *glob, const char *path)
{
    if (!strchr(glob, '/'))
        return gitignore_wildmatch(glob, text_basename(path), true);
    return gitignore_wildmatch(glob[0] == '/' ? glob + 1 : glob, path, true);
}

static bool content_scan_rule_applies(const struct rule *rule, const char *path)
{
    if (!path)
        return rule->path_count == 0;
    for (size_t i = 0; i < rule->exclude_path_count; i++)
        if (content_scan_path_matches(rule->exclude_paths[i], path))
            return false;
    if (rule->path_count == 0)
        return true;
    for (size_t i = 0; i < rule->path_count; i++)
        if (content_scan_path_matches(rule->paths[i], path))
            return true;
    return false;
}

/* Case-insensitive search for an ASCII keyword in a line. */
static bool content_scan_contains(const char *text, size_t length, const char *keyword)
{
    size_t keyword_length = strlen(keyword);
    if (keyword_length == 0 || keyword_length > length)
        return keyword_length == 0;
    int first_lower = tolower((unsigned char)keyword[0]);
    int first_upper = toupper((unsigned char)keyword[0]);
    for (size_t i = 0; i + keyword_length <= length; i++) {
        if (text[i] != first_lower && text[i] != first_upper)
            continue;
        if (strncasecmp(text + i, keyword, keyword_length) == 0)
            return true;
    }
    return false;
}

/* ---- building ---- */

static pcre2_code *content_scan_pcre2(const char *regex, const struct rule *rule,
                                      struct strbuf *errors)
{
    int code = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code *compiled = pcre2_compile((PCRE2_SPTR)regex, PCRE2_ZERO_TERMINATED,
                                         CONTENT_SCAN_PCRE2_FLAGS, &code, &offset, NULL);
    if (!compiled) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(code, message, sizeof(message));
        strbuf_printf(errors, "%s:%d: %s: PCRE2 cannot compile '%s': %s at offset %zu\n",
                      rule->pack ? rule->pack : "-", rule->pack_line, rule->id, regex,
                      (const char *)message, (size_t)offset);
        return NULL;
    }
    /* Without JIT PCRE2 still works, only slower: not an error. */
    (void)pcre2_jit_compile(compiled, PCRE2_JIT_COMPLETE);
    return compiled;
}

static bool content_scan_compile(struct content_scan_engine *engine, struct strbuf *errors)
{
    size_t count = engine->rule_count;
    const char **expressions = xcalloc(count ? count : 1, sizeof(*expressions));
    unsigned *flags = xcalloc(count ? count : 1, sizeof(*flags));
    unsigned *ids = xcalloc(count ? count : 1, sizeof(*ids));
    unsigned pattern_count = 0;
    for (size_t i = 0; i < count; i++) {
        if (!engine->rules[i].pattern)
            continue;
        expressions[pattern_count] = engine->rules[i].pattern;
        flags[pattern_count] = CONTENT_SCAN_HS_FLAGS;
        ids[pattern_count] = (unsigned)i;
        pattern_count++;
    }
    bool ok = true;
    if (pattern_count > 0) {
        hs_compile_error_t *error = NULL;
        if (hs_compile_multi(expressions, flags, ids, pattern_count, HS_MODE_BLOCK, NULL,
                             &engine->database, &error) != HS_SUCCESS) {
            if (error && error->expression >= 0) {
                const struct rule *rule = &engine->rules[ids[error->expression]];
                strbuf_printf(errors, "%s:%d: %s: vectorscan cannot compile the pattern: %s\n",
                              rule->pack ? rule->pack : "-", rule->pack_line, rule->id,
                              error->message);
            } else {
                strbuf_printf(errors, "vectorscan cannot compile the pattern rules: %s\n",
                              error ? error->message : "unknown error");
            }
            hs_free_compile_error(error);
            engine->database = NULL;
            ok = false;
        }
    }
    free(expressions);
    free(flags);
    free(ids);
    return ok;
}

struct content_scan_engine *content_scan_engine_new(const struct rule *rules, size_t count,
                                                    const void *database, size_t database_size,
                                                    struct strbuf *errors)
{
    struct content_scan_engine *engine = xcalloc(1, sizeof(*engine));
    engine->rules = rules;
    engine->rule_count = count;
    engine->serial = atomic_fetch_add(&content_scan_serial, 1);
    pthread_mutex_init(&engine->lock, NULL);
    engine->patterns = xcalloc(count ? count : 1, sizeof(*engine->patterns));
    engine->match_context = pcre2_match_context_create(NULL);
    if (!engine->match_context)
        content_scan_die("PCRE2 match context");
    pcre2_set_match_limit(engine->match_context, CONTENT_SCAN_MATCH_LIMIT);

    bool ok = true;
    size_t pattern_count = 0;
    for (size_t i = 0; i < count; i++) {
        const struct rule *rule = &rules[i];
        if (!rule->pattern)
            continue;
        pattern_count++;
        engine->patterns[i].code = content_scan_pcre2(rule->pattern, rule, errors);
        ok = ok && engine->patterns[i].code;
        if (rule->allow_count) {
            engine->patterns[i].allow = xcalloc(rule->allow_count, sizeof(pcre2_code *));
            for (size_t a = 0; a < rule->allow_count; a++) {
                engine->patterns[i].allow[a] = content_scan_pcre2(rule->allow[a], rule, errors);
                ok = ok && engine->patterns[i].allow[a];
            }
        }
        uint32_t groups = 0;
        if (engine->patterns[i].code)
            pcre2_pattern_info(engine->patterns[i].code, PCRE2_INFO_CAPTURECOUNT, &groups);
        if (rule->secret_group < 0 || (uint32_t)rule->secret_group > groups) {
            strbuf_printf(errors, "%s:%d: %s: secret_group %d but the pattern has %u group(s)\n",
                          rule->pack ? rule->pack : "-", rule->pack_line, rule->id,
                          rule->secret_group, groups);
            ok = false;
        }
    }
    if (ok && pattern_count > 0 && database && database_size > 0) {
        /* A database from another vectorscan version or for CPU features
         * this machine lacks is refused here; compile instead. */
        hs_database_t *loaded = NULL;
        if (hs_deserialize_database(database, database_size, &loaded) == HS_SUCCESS) {
            engine->database = loaded;
            engine->deserialized = true;
        }
    }
    if (ok && pattern_count > 0 && !engine->database)
        ok = content_scan_compile(engine, errors);
    if (ok && engine->database &&
        hs_alloc_scratch(engine->database, &engine->prototype) != HS_SUCCESS) {
        strbuf_printf(errors, "vectorscan cannot allocate scratch space\n");
        ok = false;
    }
    if (!ok) {
        content_scan_engine_free(engine);
        return NULL;
    }
    return engine;
}

bool content_scan_engine_deserialized(const struct content_scan_engine *engine)
{
    return engine->deserialized;
}

void content_scan_engine_free(struct content_scan_engine *engine)
{
    if (!engine)
        return;
    struct content_scan_thread *thread = engine->threads;
    while (thread) {
        struct content_scan_thread *next = thread->next;
        hs_free_scratch(thread->scratch);
        pcre2_match_data_free(thread->match_data);
        pcre2_match_data_free(thread->allow_data);
        free(thread->line_done);
        free(thread->path_state);
        free(thread->candidates);
        free(thread->found);
        free(thread->spans);
        strbuf_release(&thread->snippet);
        free(thread);
        thread = next;
    }
    for (size_t i = 0; i < engine->rule_count; i++) {
        pcre2_code_free(engine->patterns[i].code);
        for (size_t a = 0; engine->patterns[i].allow && a < engine->rules[i].allow_count; a++)
            pcre2_code_free(engine->patterns[i].allow[a]);
        free(engine->patterns[i].allow);
    }
    free(engine->patterns);
    pcre2_match_context_free(engine->match_context);
    hs_free_scratch(engine->prototype);
    hs_free_database(engine->database);
    pthread_mutex_destroy(&engine->lock);
    free(engine);
}

/* The calling thread's state for `engine`, created on its first scan. */
static struct content_scan_thread *content_scan_thread_state(struct content_scan_engine *engine)
{
    if (content_scan_cache.serial == engine->serial && content_scan_cache.thread)
        return content_scan_cache.thread;
    pthread_t self = pthread_self();
    pthread_mutex_lock(&engine->lock);
    struct content_scan_thread *thread = engine->threads;
    while (thread && !pthread_equal(thread->owner, self))
        thread = thread->next;
    if (!thread) {
        /* A dead thread's state may be picked up by a new thread that got
         * the same id: harmless, since its first owner no longer runs. */
        thread = xcalloc(1, sizeof(*thread));
        thread->owner = self;
        strbuf_init(&thread->snippet);
        if (hs_clone_scratch(engine->prototype, &thread->scratch) != HS_SUCCESS)
            content_scan_die("vectorscan scratch");
        /* Enough ovector pairs for every pattern's groups. */
        uint32_t most = 0;
        for (size_t i = 0; i < engine->rule_count; i++) {
            uint32_t groups = 0;
            if (engine->patterns[i].code)
                pcre2_pattern_info(engine->patterns[i].code, PCRE2_INFO_CAPTURECOUNT, &groups);
            most = groups > most ? groups : most;
        }
        thread->match_data = pcre2_match_data_create(most + 1, NULL);
        thread->allow_data = pcre2_match_data_create(1, NULL);
        if (!thread->match_data || !thread->allow_data)
            content_scan_die("PCRE2 match data");
        thread->line_done = xcalloc(engine->rule_count, sizeof(*thread->line_done));
        thread->path_state = xcalloc(engine->rule_count, sizeof(*thread->path_state));
        thread->next = engine->threads;
        engine->threads = thread;
    }
    pthread_mutex_unlock(&engine->lock);
    content_scan_cache.serial = engine->serial;
    content_scan_cache.thread = thread;
    return thread;
}

/* ---- scanning ---- */

struct content_scan_context {
    struct content_scan_thread *thread;
    const char *content;
    size_t length;
    size_t base; /* offset of the piece being scanned */
};

/* vectorscan callback: queue each (rule, line) once; confirming waits until
 * the scan is over, so candidates can be sorted into line order. */
static int content_scan_on_match(unsigned int id, unsigned long long from, unsigned long long to,
                                 unsigned int flags, void *user)
{
    (void)from;
    (void)flags;
    struct content_scan_context *context = user;
    struct content_scan_thread *thread = context->thread;
    size_t end = context->base + (size_t)to;
    size_t last = end > 0 ? end - 1 : 0; /* a byte inside the match */
    if (last >= context->length)
        return 0;
    if (thread->line_done[id] > last)
        return 0;
    const char *before = last > 0 ? memrchr(context->content, '\n', last) : NULL;
    size_t line_start = before ? (size_t)(before - context->content) + 1 : 0;
    const char *after = memchr(context->content + last, '\n', context->length - last);
    size_t line_end = after ? (size_t)(after - context->content) : context->length;
    thread->line_done[id] = line_end + 1;
    thread->candidates = xgrow(thread->candidates, &thread->candidate_capacity,
                               thread->candidate_count + 1, sizeof(*thread->candidates));
    thread->candidates[thread->candidate_count++] =
        (struct content_scan_candidate){id, line_start, line_end};
    return 0;
}

static int content_scan_candidate_compare(const void *left, const void *right)
{
    const struct content_scan_candidate *a = left, *b = right;
    if (a->line_start != b->line_start)
        return a->line_start < b->line_start ? -1 : 1;
    return a->rule < b->rule ? -1 : a->rule > b->rule;
}

static bool content_scan_allowed(const struct content_scan_engine *engine,
                                 struct content_scan_thread *thread, unsigned rule,
                                 const char *secret, size_t length)
{
    for (size_t a = 0; a < engine->rules[rule].allow_count; a++) {
        /* rc 0 means "matched, ovector too small": still a match. */
        if (pcre2_match(engine->patterns[rule].allow[a], (PCRE2_SPTR)secret, length, 0, 0,
                        thread->allow_data, engine->match_context) >= 0)
            return true;
    }
    return false;
}

/* Confirms one rule on one line (already known to apply to the file) and
 * records every secret it finds there. */
static void content_scan_confirm(const struct content_scan_engine *engine,
                                 struct content_scan_thread *thread, unsigned rule_index,
                                 const char *line, size_t length)
{
    const struct rule *rule = &engine->rules[rule_index];
    if (rule->keyword_count) {
        bool any = false;
        for (size_t k = 0; k < rule->keyword_count && !any; k++)
            any = content_scan_contains(line, length, rule->keywords[k]);
        if (!any)
            return;
    }
    pcre2_code *code = engine->patterns[rule_index].code;
    size_t group = (size_t)rule->secret_group;
    size_t offset = 0;
    while (offset <= length) {
        int rc = pcre2_match(code, (PCRE2_SPTR)line, length, offset, 0, thread->match_data,
                             engine->match_context);
        if (rc < 0)
            break;
        PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(thread->match_data);
        size_t match_start = ovector[0], match_end = ovector[1];
        offset = match_end > match_start ? match_end : match_start + 1;
        if (rc > 0 && (size_t)rc <= group)
            continue; /* the secret's group did not take part in this match */
        size_t start = ovector[2 * group], end = ovector[2 * group + 1];
        if (start == PCRE2_UNSET || end <= start)
            continue;
        if (rule->entropy_min > 0 &&
            content_scan_entropy(line + start, end - start) < rule->entropy_min)
            continue;
        if (content_scan_allowed(engine, thread, rule_index, line + start, end - start))
            continue;
        thread->found = xgrow(thread->found, &thread->found_capacity, thread->found_count + 1,
                              sizeof(*thread->found));
        thread->found[thread->found_count++] =
            (struct content_scan_found){rule_index, start, end - start};
    }
}

static void content_scan_add_span(struct content_scan_thread *thread, size_t start, size_t end)
{
    thread->spans = xgrow(thread->spans, &thread->span_capacity, thread->span_count + 1,
                          sizeof(*thread->spans));
    thread->spans[thread->span_count++] = (struct content_scan_span){start, end};
}

static int content_scan_span_compare(const void *left, const void *right)
{
    const struct content_scan_span *a = left, *b = right;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

static int content_scan_found_compare(const void *left, const void *right)
{
    const struct content_scan_found *a = left, *b = right;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->rule < b->rule ? -1 : a->rule > b->rule;
}

/* Builds the line with every secret found on it redacted — including other
 * occurrences of the same bytes that no rule matched (a secret repeated
 * after a word character, say), so no snippet can leak one. */
static void content_scan_redact_line(const struct content_scan_engine *engine,
                                     struct content_scan_thread *thread, const char *line,
                                     size_t length)
{
    thread->span_count = 0;
    for (size_t i = 0; i < thread->found_count; i++) {
        const struct content_scan_found *found = &thread->found[i];
        if (!engine->rules[found->rule].redact) {
            /* The match only marks a secret (a PEM header); what follows it
             * on the line is the secret itself (a key inside a JSON or .env
             * value), so that part is redacted. */
            if (found->start + found->length < length)
                content_scan_add_span(thread, found->start + found->length, length);
            continue;
        }
        content_scan_add_span(thread, found->start, found->start + found->length);
        const char *secret = line + found->start;
        size_t from = 0;
        while (from + found->length <= length) {
            const char *again = memmem(line + from, length - from, secret, found->length);
            if (!again)
                break;
            size_t at = (size_t)(again - line);
            if (at != found->start)
                content_scan_add_span(thread, at, at + found->length);
            from = at + 1;
        }
    }
    /* No spans (a PEM header alone on its line) means a NULL array: qsort
     * must not see it (UBSan). */
    if (thread->span_count > 1)
        qsort(thread->spans, thread->span_count, sizeof(*thread->spans), content_scan_span_compare);
    strbuf_reset(&thread->snippet);
    size_t cursor = 0;
    for (size_t i = 0; i < thread->span_count;) {
        size_t start = thread->spans[i].start, end = thread->spans[i].end;
        /* Overlapping secrets are redacted as one region. */
        for (i++; i < thread->span_count && thread->spans[i].start < end; i++)
            if (thread->spans[i].end > end)
                end = thread->spans[i].end;
        if (start < cursor)
            start = cursor;
        strbuf_append(&thread->snippet, line + cursor, start - cursor);
        char redacted[CONTENT_SCAN_REDACTED_MAX];
        content_scan_redact(line + start, end - start, redacted);
        strbuf_append_str(&thread->snippet, redacted);
        cursor = end;
    }
    strbuf_append(&thread->snippet, line + cursor, length - cursor);
}

/* A generic rule's secret that a specific rule also reports (overlapping
 * bytes): the provider's rule says more, so the generic hit is dropped.
 * Lines hold a handful of hits, so the quadratic scan costs nothing. */
static bool content_scan_yields(const struct content_scan_engine *engine,
                                const struct content_scan_thread *thread, size_t index)
{
    const struct content_scan_found *found = &thread->found[index];
    if (!engine->rules[found->rule].generic)
        return false;
    for (size_t i = 0; i < thread->found_count; i++) {
        const struct content_scan_found *other = &thread->found[i];
        if (engine->rules[other->rule].generic)
            continue;
        if (other->start < found->start + found->length &&
            found->start < other->start + other->length)
            return true;
    }
    return false;
}

static void content_scan_emit_line(const struct content_scan_engine *engine,
                                   struct content_scan_thread *thread, const char *line,
                                   size_t length, size_t line_offset, int line_number,
                                   content_scan_fn emit, void *user)
{
    if (thread->found_count > 1)
        qsort(thread->found, thread->found_count, sizeof(*thread->found),
              content_scan_found_compare);
    content_scan_redact_line(engine, thread, line, length);
    for (size_t i = 0; i < thread->found_count; i++) {
        const struct content_scan_found *found = &thread->found[i];
        if (i > 0 && found->rule == thread->found[i - 1].rule &&
            found->start == thread->found[i - 1].start)
            continue; /* one finding per (rule, line, column) */
        if (content_scan_yields(engine, thread, i))
            continue;
        const struct rule *rule = &engine->rules[found->rule];
        const char *secret = line + found->start;
        char redacted[CONTENT_SCAN_REDACTED_MAX];
        content_scan_redact(secret, found->length, redacted);
        /* The fingerprint must survive line shifts but must not be the
         * secret itself: the rule id and a hash of the secret. */
        char hex[17];
        hash_hex64(hash_fnv64(HASH_FNV64_INIT, secret, found->length), hex);
        struct strbuf match = STRBUF_INIT;
        strbuf_printf(&match, "%s:%s", rule->id, hex);
        struct strbuf shown = STRBUF_INIT;
        if (!rule->redact)
            strbuf_append(&shown, secret, found->length);
        struct content_scan_hit hit = {
            .rule = rule,
            .line = line_number,
            .column = found->start + 1 > (size_t)INT32_MAX ? INT32_MAX : (int)found->start + 1,
            .redacted = rule->redact ? redacted : shown.data,
            .snippet = thread->snippet.data,
            .match = match.data,
            .secret_offset = line_offset + found->start,
            .secret_length = found->length,
        };
        emit(user, &hit);
        strbuf_release(&match);
        strbuf_release(&shown);
    }
}

static void content_scan_hs(struct content_scan_engine *engine,
                            struct content_scan_context *context)
{
    size_t start = 0;
    while (start < context->length) {
        size_t piece = context->length - start;
        if (piece > CONTENT_SCAN_PIECE) {
            piece = CONTENT_SCAN_PIECE;
            const char *newline = memrchr(context->content + start, '\n', piece);
            if (newline)
                piece = (size_t)(newline - (context->content + start)) + 1;
        }
        context->base = start;
        /* Only our callback can stop a scan, and it never does; other errors
         * (none expected with a valid scratch) leave the file unscanned. */
        (void)hs_scan(engine->database, context->content + start, (unsigned int)piece, 0,
                      context->thread->scratch, content_scan_on_match, context);
        start += piece;
    }
}

/* Scans one buffer whose first line is line `first_line` of the file and
 * whose first byte is at `base` in the file. */
static void content_scan_buffer(struct content_scan_engine *engine, const char *path,
                                const char *content, size_t length, int first_line, size_t base,
                                content_scan_fn emit, void *user)
{
    if (!engine || !engine->database || length == 0)
        return;
    struct content_scan_thread *thread = content_scan_thread_state(engine);
    thread->candidate_count = 0;
    memset(thread->line_done, 0, engine->rule_count * sizeof(*thread->line_done));
    memset(thread->path_state, 0, engine->rule_count * sizeof(*thread->path_state));
    struct content_scan_context context = {.thread = thread, .content = content, .length = length};
    content_scan_hs(engine, &context);
    if (thread->candidate_count == 0)
        return;
    qsort(thread->candidates, thread->candidate_count, sizeof(*thread->candidates),
          content_scan_candidate_compare);

    /* Line numbers are counted only up to lines with candidates. */
    size_t counted = 0;
    int line_number = first_line;
    for (size_t i = 0; i < thread->candidate_count;) {
        size_t line_start = thread->candidates[i].line_start;
        size_t line_end = thread->candidates[i].line_end;
        while (counted < line_start) {
            const char *newline = memchr(content + counted, '\n', line_start - counted);
            if (!newline)
                break;
            line_number++;
            counted = (size_t)(newline - content) + 1;
        }
        counted = line_start;
        const char *line = content + line_start;
        size_t line_length = line_end - line_start;
        if (line_length > 0 && line[line_length - 1] == '\r')
            line_length--; /* CRLF: '$' and snippets see the line without it */
        thread->found_count = 0;
        for (; i < thread->candidate_count && thread->candidates[i].line_start == line_start; i++) {
            unsigned rule = thread->candidates[i].rule;
            if (!thread->path_state[rule])
                thread->path_state[rule] =
                    content_scan_rule_applies(&engine->rules[rule], path) ? 1 : 2;
            if (thread->path_state[rule] == 1)
                content_scan_confirm(engine, thread, rule, line, line_length);
        }
        if (thread->found_count)
            content_scan_emit_line(engine, thread, line, line_length, base + line_start,
                                   line_number, emit, user);
    }
}

void content_scan_engine_scan(struct content_scan_engine *engine, const char *path,
                              const char *content, size_t length, content_scan_fn emit, void *user)
{
    content_scan_buffer(engine, path, content, length, 1, 0, emit, user);
}

int content_scan_engine_scan_fd(struct content_scan_engine *engine, const char *path, int fd,
                                size_t chunk_size, content_scan_fn emit, void *user)
{
    if (!engine || !engine->database)
        return 0;
    if (chunk_size < 4096)
        chunk_size = 4096;
    char *buffer = xmalloc(chunk_size);
    size_t filled = 0, base = 0;
    int first_line = 1, status = 0;
    for (;;) {
        ssize_t got = read(fd, buffer + filled, chunk_size - filled);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            status = -1;
            break;
        }
        filled += (size_t)got;
        bool end = got == 0;
        if (filled < chunk_size && !end)
            continue; /* fill the chunk before scanning it */
        if (filled == 0)
            break;
        /* Patterns match within one line (docs/rules.md), so a chunk cut
         * after its last newline scans exactly as the whole file would. A
         * line longer than the chunk is scanned in chunk-sized pieces that
         * keep its line number (a secret across such a cut is missed). */
        size_t cut = filled;
        if (!end) {
            const char *newline = memrchr(buffer, '\n', filled);
            if (newline)
                cut = (size_t)(newline - buffer) + 1;
        }
        content_scan_buffer(engine, path, buffer, cut, first_line, base, emit, user);
        /* memchr jumps from newline to newline (a byte loop here cost 1.5 %
         * of a kernel audit, whose largest headers come this way). */
        for (const char *at = buffer, *stop = buffer + cut;
             (at = memchr(at, '\n', (size_t)(stop - at))) != NULL; at++)
            first_line++;
        base += cut;
        memmove(buffer, buffer + cut, filled - cut);
        filled -= cut;
        if (end && filled == 0)
            break;
    }
    free(buffer);
    return status;
}

/* ---- the built-in engine ---- */

static _Atomic(struct content_scan_engine *) content_scan_builtin_engine;
static pthread_mutex_t content_scan_builtin_lock = PTHREAD_MUTEX_INITIALIZER;
static bool content_scan_builtin_failed;

struct content_scan_engine *content_scan_builtin(void)
{
    struct content_scan_engine *engine = atomic_load(&content_scan_builtin_engine);
    if (engine)
        return engine;
    pthread_mutex_lock(&content_scan_builtin_lock);
    engine = atomic_load(&content_scan_builtin_engine);
    if (!engine && !content_scan_builtin_failed) {
        struct strbuf errors = STRBUF_INIT;
        engine =
            content_scan_engine_new(builtin_rules, builtin_rule_count, builtin_pattern_database,
                                    builtin_pattern_database_size, &errors);
        if (!engine) {
            /* The build checked every pattern, so this is a broken build or
             * library; say so once and audit without pattern rules. */
            fprintf(stderr, "prodready: BUG: pattern rules unusable:\n%s", errors.data);
            content_scan_builtin_failed = true;
        }
        strbuf_release(&errors);
        atomic_store(&content_scan_builtin_engine, engine);
    }
    pthread_mutex_unlock(&content_scan_builtin_lock);
    return engine;
}

/* The secrets.* rules of builtin_rules in table order: the selection
 * rulegen's secrets database was built from (pattern ids index it). */
static _Atomic(struct content_scan_engine *) content_scan_secrets_engine;
static struct rule *content_scan_secrets_rules; /* owned while the engine lives */
static bool content_scan_secrets_failed;

struct content_scan_engine *content_scan_builtin_secrets(void)
{
    struct content_scan_engine *engine = atomic_load(&content_scan_secrets_engine);
    if (engine)
        return engine;
    pthread_mutex_lock(&content_scan_builtin_lock);
    engine = atomic_load(&content_scan_secrets_engine);
    if (!engine && !content_scan_secrets_failed) {
        struct rule *rules = xcalloc(builtin_rule_count ? builtin_rule_count : 1, sizeof(*rules));
        size_t kept = 0;
        for (size_t i = 0; i < builtin_rule_count; i++)
            if (builtin_rules[i].pattern && strncmp(builtin_rules[i].id, "secrets.", 8) == 0)
                rules[kept++] = builtin_rules[i];
        struct strbuf errors = STRBUF_INIT;
        engine = content_scan_engine_new(rules, kept, builtin_secrets_database,
                                         builtin_secrets_database_size, &errors);
        strbuf_release(&errors);
        if (engine) {
            content_scan_secrets_rules = rules;
        } else {
            /* Callers fall back to the full engine. */
            free(rules);
            content_scan_secrets_failed = true;
        }
        atomic_store(&content_scan_secrets_engine, engine);
    }
    pthread_mutex_unlock(&content_scan_builtin_lock);
    return engine;
}

/* The `paths` globs of the built-in pattern rules that are not secrets.*
 * rules: "*.ext" ones as suffixes, the rest as globs. Built once. */
static struct {
    bool every_file; /* such a rule has no paths: it reads every file */
    const char **suffixes, **globs;
    size_t suffix_count, glob_count;
} content_scan_other_paths;
static pthread_once_t content_scan_other_paths_once = PTHREAD_ONCE_INIT;

static void content_scan_other_paths_add(const char ***list, size_t *count, const char *text)
{
    for (size_t i = 0; i < *count; i++)
        if (strcmp((*list)[i], text) == 0)
            return;
    *list = xrealloc(*list, (*count + 1) * sizeof(**list));
    (*list)[(*count)++] = text;
}

static void content_scan_other_paths_build(void)
{
    for (size_t i = 0; i < builtin_rule_count; i++) {
        const struct rule *rule = &builtin_rules[i];
        if (!rule->pattern || strncmp(rule->id, "secrets.", 8) == 0)
            continue;
        if (rule->path_count == 0)
            content_scan_other_paths.every_file = true;
        for (size_t k = 0; k < rule->path_count; k++) {
            const char *glob = rule->paths[k];
            if (glob[0] == '*' && glob[1] == '.' && !strpbrk(glob + 1, "*?[\\/"))
                content_scan_other_paths_add(&content_scan_other_paths.suffixes,
                                             &content_scan_other_paths.suffix_count, glob + 1);
            else
                content_scan_other_paths_add(&content_scan_other_paths.globs,
                                             &content_scan_other_paths.glob_count, glob);
        }
    }
}

bool content_scan_builtin_secrets_suffice(const char *path)
{
    pthread_once(&content_scan_other_paths_once, content_scan_other_paths_build);
    if (content_scan_other_paths.every_file)
        return false;
    const char *base = text_basename(path);
    size_t base_length = strlen(base);
    for (size_t i = 0; i < content_scan_other_paths.suffix_count; i++) {
        const char *suffix = content_scan_other_paths.suffixes[i];
        size_t length = strlen(suffix);
        /* "*.py" is "anything, then .py" for wildmatch: ".py" itself too. */
        if (base_length >= length && memcmp(base + base_length - length, suffix, length) == 0)
            return false;
    }
    for (size_t i = 0; i < content_scan_other_paths.glob_count; i++)
        if (content_scan_path_matches(content_scan_other_paths.globs[i], path))
            return false;
    return true;
}

void content_scan_builtin_release(void)
{
    pthread_mutex_lock(&content_scan_builtin_lock);
    struct content_scan_engine *engine = atomic_exchange(&content_scan_builtin_engine, NULL);
    content_scan_engine_free(engine);
    engine = atomic_exchange(&content_scan_secrets_engine, NULL);
    content_scan_engine_free(engine);
    free(content_scan_secrets_rules);
    content_scan_secrets_rules = NULL;
    pthread_mutex_unlock(&content_scan_builtin_lock);
}
