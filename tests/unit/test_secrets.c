/*
 * Unit tests for the content scanning engine and the pattern rules: every
 * example of every built-in pattern rule fires that rule (and only it) on
 * line 1, every counter-example fires nothing; then the engine's own
 * behaviour — line and column, CRLF, invalid UTF-8, several secrets on a
 * line, redaction, entropy, allowlist, keywords, path globs, threads — and
 * the validation of the pattern fields in rule packs.
 */
/* memmem */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzers/content_rules.h"
#include "analyzers/content_scan.h"
#include "inventory/language.h"
#include "rules/builtin.h"
#include "rules/rulepack.h"
#include "util/xalloc.h"

/* ---- collecting hits ---- */

struct hit_copy {
    const char *rule;
    int line, column;
    char *snippet, *redacted, *match;
    size_t secret_offset, secret_length;
};

struct hits {
    struct hit_copy *items;
    size_t count, capacity;
};

static void collect(void *user, const struct content_scan_hit *hit)
{
    struct hits *hits = user;
    hits->items = xgrow(hits->items, &hits->capacity, hits->count + 1, sizeof(*hits->items));
    hits->items[hits->count++] = (struct hit_copy){
        .rule = hit->rule->id,
        .line = hit->line,
        .column = hit->column,
        .snippet = xstrdup(hit->snippet),
        .redacted = xstrdup(hit->redacted),
        .match = xstrdup(hit->match),
        .secret_offset = hit->secret_offset,
        .secret_length = hit->secret_length,
    };
}

static void hits_free(struct hits *hits)
{
    for (size_t i = 0; i < hits->count; i++) {
        free(hits->items[i].snippet);
        free(hits->items[i].redacted);
        free(hits->items[i].match);
    }
    free(hits->items);
    memset(hits, 0, sizeof(*hits));
}

static struct hits scan(struct content_scan_engine *engine, const char *path, const char *text,
                        size_t length)
{
    struct hits hits = {0};
    content_scan_engine_scan(engine, path, text, length, collect, &hits);
    return hits;
}

static struct hits scan_str(struct content_scan_engine *engine, const char *path, const char *text)
{
    return scan(engine, path, text, strlen(text));
}

/* The whole secret must not appear in any text a hit hands out. */
static void assert_no_leak(const struct hit_copy *hit, const char *content)
{
    if (hit->secret_length <= 4)
        return;
    const char *secret = content + hit->secret_offset;
    /* The fingerprint input starts with the rule id: only the rest counts. */
    const char *texts[] = {hit->snippet, hit->match + strlen(hit->rule)};
    for (size_t i = 0; i < 2; i++) {
        if (memmem(texts[i], strlen(texts[i]), secret, hit->secret_length)) {
            fprintf(stderr, "secret of %s leaked into '%s'\n", hit->rule, texts[i]);
            fail();
        }
    }
}

/* Drops the hits an audit drops: those of `context: code` rules whose
 * anchor lies in a comment or string of the example, lexed as a file at
 * `path` (the rule's first glob), exactly as content_rules.c does. */
static void keep_code_hits(struct hits *hits, const char *path, const char *text)
{
    const struct language *language = language_detect(path, text, strcspn(text, "\n"));
    struct content_rules_filter filter;
    content_rules_filter_init(&filter, language ? language->name : NULL, text, strlen(text));
    size_t kept = 0;
    for (size_t i = 0; i < hits->count; i++) {
        const struct rule *rule = NULL;
        for (size_t r = 0; r < builtin_rule_count && !rule; r++)
            if (strcmp(builtin_rules[r].id, hits->items[i].rule) == 0)
                rule = &builtin_rules[r];
        if (rule && !content_rules_filter_keeps(&filter, rule, hits->items[i].secret_offset)) {
            free(hits->items[i].snippet);
            free(hits->items[i].redacted);
            free(hits->items[i].match);
            continue;
        }
        hits->items[kept++] = hits->items[i];
    }
    hits->count = kept;
    content_rules_filter_release(&filter);
}

/* ---- the built-in rules' own examples ---- */

static void check_examples(struct content_scan_engine *engine)
{
    size_t pattern_rules = 0;
    for (size_t r = 0; r < builtin_rule_count; r++) {
        const struct rule *rule = &builtin_rules[r];
        if (!rule->pattern)
            continue;
        pattern_rules++;
        char path[256];
        content_scan_example_path(rule, path, sizeof(path));
        const char *const *examples = builtin_rule_examples[r];
        const char *const *counter = builtin_rule_counter_examples[r];
        assert_non_null(examples[0]);
        assert_non_null(counter[0]);
        for (size_t e = 0; examples[e]; e++) {
            struct hits hits = scan_str(engine, path, examples[e]);
            keep_code_hits(&hits, path, examples[e]);
            if (hits.count == 0)
                fprintf(stderr, "%s: example %zu does not fire: %s\n", rule->id, e, examples[e]);
            assert_true(hits.count > 0);
            for (size_t h = 0; h < hits.count; h++) {
                if (strcmp(hits.items[h].rule, rule->id) != 0)
                    fprintf(stderr, "%s: example %zu also fires %s\n", rule->id, e,
                            hits.items[h].rule);
                assert_string_equal(hits.items[h].rule, rule->id);
                assert_int_equal(hits.items[h].line, 1);
                assert_true(hits.items[h].column >= 1);
                if (rule->redact)
                    assert_no_leak(&hits.items[h], examples[e]);
            }
            hits_free(&hits);
        }
        for (size_t c = 0; counter[c]; c++) {
            struct hits hits = scan_str(engine, path, counter[c]);
            keep_code_hits(&hits, path, counter[c]);
            for (size_t h = 0; h < hits.count; h++)
                fprintf(stderr, "%s: counter-example %zu fires %s: %s\n", rule->id, c,
                        hits.items[h].rule, counter[c]);
            assert_int_equal(hits.count, 0);
            hits_free(&hits);
        }
    }
    assert_true(pattern_rules >= 15);
}

static void test_builtin_examples(void **state)
{
    (void)state;
    struct content_scan_engine *engine = content_scan_builtin();
    assert_non_null(engine);
    /* The database built by rulegen loads on the machine that built it. */
    assert_true(content_scan_engine_deserialized(engine));
    check_examples(engine);
    content_scan_builtin_release();
}

static void test_runtime_compile_matches_serialized(void **state)
{
    (void)state;
    struct strbuf errors = STRBUF_INIT;
    struct content_scan_engine *engine =
        content_scan_engine_new(builtin_rules, builtin_rule_count, NULL, 0, &errors);
    assert_non_null(engine);
    assert_false(content_scan_engine_deserialized(engine));
    check_examples(engine);
    content_scan_engine_free(engine);
    /* A database that does not deserialize is recompiled, not fatal. */
    static const unsigned char garbage[64] = {1, 2, 3};
    engine = content_scan_engine_new(builtin_rules, builtin_rule_count, garbage, sizeof(garbage),
                                     &errors);
    assert_non_null(engine);
    assert_false(content_scan_engine_deserialized(engine));
    content_scan_engine_free(engine);
    assert_string_equal(errors.data, "");
    strbuf_release(&errors);
}

/* The secrets profile of `prodready secrets`: the pattern rules whose id
 * starts with "secrets.", in table order, and the database rulegen built
 * for exactly them. Every such rule's examples must fire that rule, and its
 * counter-examples nothing, with the serialized database and with one
 * compiled now: a database whose ids were counted differently would report
 * the wrong rule or none. */
static void test_secrets_profile_database(void **state)
{
    (void)state;
    struct rule *rules = xcalloc(builtin_rule_count, sizeof(*rules));
    size_t *index_of = xcalloc(builtin_rule_count, sizeof(*index_of));
    size_t kept = 0;
    for (size_t r = 0; r < builtin_rule_count; r++) {
        if (!builtin_rules[r].pattern || strncmp(builtin_rules[r].id, "secrets.", 8) != 0)
            continue;
        index_of[kept] = r;
        rules[kept++] = builtin_rules[r];
    }
    assert_true(kept >= 150);
    assert_true(builtin_secrets_database_size > 0);
    struct strbuf errors = STRBUF_INIT;
    struct content_scan_engine *loaded = content_scan_engine_new(
        rules, kept, builtin_secrets_database, builtin_secrets_database_size, &errors);
    struct content_scan_engine *compiled = content_scan_engine_new(rules, kept, NULL, 0, &errors);
    assert_non_null(loaded);
    assert_non_null(compiled);
    assert_true(content_scan_engine_deserialized(loaded));
    assert_false(content_scan_engine_deserialized(compiled));
    for (size_t k = 0; k < kept; k++) {
        const struct rule *rule = &rules[k];
        char path[256];
        content_scan_example_path(rule, path, sizeof(path));
        const char *const *lists[] = {builtin_rule_examples[index_of[k]],
                                      builtin_rule_counter_examples[index_of[k]]};
        for (size_t l = 0; l < 2; l++) {
            for (size_t e = 0; lists[l][e]; e++) {
                struct hits a = scan_str(loaded, path, lists[l][e]);
                struct hits b = scan_str(compiled, path, lists[l][e]);
                if (a.count != b.count)
                    fprintf(stderr, "%s: %s %zu: %zu hit(s) serialized, %zu compiled\n", rule->id,
                            l ? "counter-example" : "example", e, a.count, b.count);
                assert_int_equal(a.count, b.count);
                for (size_t h = 0; h < a.count; h++) {
                    assert_string_equal(a.items[h].rule, b.items[h].rule);
                    assert_int_equal(a.items[h].line, b.items[h].line);
                    assert_int_equal(a.items[h].column, b.items[h].column);
                }
                /* An example fires its own rule (others may fire too, e.g.
                 * a generic rule the code-context filter would drop). */
                bool own = false;
                for (size_t h = 0; h < a.count; h++)
                    own = own || strcmp(a.items[h].rule, rule->id) == 0;
                if (l == 0 && !own)
                    fprintf(stderr, "%s: example %zu does not fire\n", rule->id, e);
                assert_true(l == 1 || own);
                hits_free(&a);
                hits_free(&b);
            }
        }
    }
    content_scan_engine_free(loaded);
    content_scan_engine_free(compiled);
    assert_string_equal(errors.data, "");
    strbuf_release(&errors);
    free(rules);
    free(index_of);
}

/* A file only secret rules read is scanned with the secrets database; it
 * must find what the full engine finds on every secret rule's examples. */
static void test_secrets_suffice(void **state)
{
    (void)state;
    assert_true(content_scan_builtin_secrets_suffice("drivers/net/dev.c"));
    assert_true(content_scan_builtin_secrets_suffice("include/linux/list.h"));
    assert_true(content_scan_builtin_secrets_suffice("README.md"));
    assert_false(content_scan_builtin_secrets_suffice("app/main.py"));
    assert_false(content_scan_builtin_secrets_suffice("web/src/index.tsx"));
    assert_false(content_scan_builtin_secrets_suffice(".env"));
    assert_false(content_scan_builtin_secrets_suffice("deploy/.env.production"));
    assert_false(content_scan_builtin_secrets_suffice("Rakefile"));
    assert_false(content_scan_builtin_secrets_suffice("scripts/run.sh"));
    assert_false(content_scan_builtin_secrets_suffice("config/app.yml"));
    /* Every non-secret pattern rule's example path needs the full engine. */
    for (size_t r = 0; r < builtin_rule_count; r++) {
        const struct rule *rule = &builtin_rules[r];
        if (!rule->pattern || strncmp(rule->id, "secrets.", 8) == 0)
            continue;
        char path[256];
        content_scan_example_path(rule, path, sizeof(path));
        if (content_scan_builtin_secrets_suffice(path))
            fprintf(stderr, "%s: %s would skip it\n", rule->id, path);
        assert_false(content_scan_builtin_secrets_suffice(path));
    }
    struct content_scan_engine *full = content_scan_builtin();
    struct content_scan_engine *secrets = content_scan_builtin_secrets();
    assert_non_null(full);
    assert_non_null(secrets);
    for (size_t r = 0; r < builtin_rule_count; r++) {
        if (!builtin_rules[r].pattern || strncmp(builtin_rules[r].id, "secrets.", 8) != 0)
            continue;
        char path[256];
        content_scan_example_path(&builtin_rules[r], path, sizeof(path));
        for (size_t e = 0; builtin_rule_examples[r][e]; e++) {
            struct hits a = scan_str(full, path, builtin_rule_examples[r][e]);
            struct hits b = scan_str(secrets, path, builtin_rule_examples[r][e]);
            size_t secret_hits = 0;
            for (size_t h = 0; h < a.count; h++)
                secret_hits += strncmp(a.items[h].rule, "secrets.", 8) == 0;
            assert_int_equal(secret_hits, b.count);
            hits_free(&a);
            hits_free(&b);
        }
    }
    content_scan_builtin_release();
}

/* ---- engine behaviour, on the built-in rules ---- */

#define GHP_A  "ghp_KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi3"
#define GHP_B  "ghp_4zWH8xMS9BMoXOJrLo8F2nXMzqQdgCWwDllJ"
#define AKIA_A "AKIA33RB6PVP5BN2PZCY"

static void test_line_and_column(void **state)
{
    (void)state;
    struct content_scan_engine *engine = content_scan_builtin();
    const char *text = "first\n\n  second line\n    token = \"" GHP_A "\"\nlast\n";
    struct hits hits = scan_str(engine, "app.py", text);
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.items[0].rule, "secrets.github-token");
    assert_int_equal(hits.items[0].line, 4);
    assert_int_equal(hits.items[0].column, 14);
    assert_string_equal(hits.items[0].redacted, "ghp_\xe2\x80\xa6(40)");
    assert_string_equal(hits.items[0].snippet, "    token = \"ghp_\xe2\x80\xa6(40)\"");
    assert_int_equal(strncmp(hits.items[0].match, "secrets.github-token:", 21), 0);
    assert_no_leak(&hits.items[0], text);
    hits_free(&hits);

    /* The fingerprint input does not depend on the line. */
    struct hits again = scan_str(engine, "app.py", "\n\n\n\n\n\ntoken = \"" GHP_A "\"");
    assert_int_equal(again.count, 1);
    assert_int_equal(again.items[0].line, 7);
    struct hits first = scan_str(engine, "app.py", text);
    assert_string_equal(again.items[0].match, first.items[0].match);
    hits_free(&again);
    hits_free(&first);
}

static void test_crlf_and_no_trailing_newline(void **state)
{
    (void)state;
    struct content_scan_engine *engine = content_scan_builtin();
    const char *text = "a=1\r\nKEY=" AKIA_A "\r\nb=2\r\nTOKEN=" GHP_B;
    struct hits hits = scan_str(engine, ".env", text);
    assert_int_equal(hits.count, 2);
    assert_string_equal(hits.items[0].rule, "secrets.aws-access-key-id");
    assert_int_equal(hits.items[0].line, 2);
    assert_int_equal(hits.items[0].column, 5);
    assert_string_equal(hits.items[0].snippet, "KEY=AKIA\xe2\x80\xa6(20)");
    assert_string_equal(hits.items[1].rule, "secrets.github-token");
    assert_int_equal(hits.items[1].line, 4);
    assert_int_equal(hits.items[1].column, 7);
    for (size_t i = 0; i < hits.count; i++)
        assert_no_leak(&hits.items[i], text);
    hits_free(&hits);

    /* A private key header at the end of a CRLF line. */
    hits = scan_str(engine, "k.pem", "-----BEGIN EC PRIVATE KEY-----\r\nMHcCAQEEI\r\n");
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.items[0].rule, "secrets.private-key");
    assert_string_equal(hits.items[0].snippet, "-----BEGIN EC PRIVATE KEY-----");
    hits_free(&hits);
}

static void test_invalid_utf8_around_secret(void **state)
{
    (void)state;
    struct content_scan_engine *engine = content_scan_builtin();
    const char text[] = "\xff\xfe\n\xc3(" AKIA_A "\xe9\xff\n\x80";
    struct hits hits = scan(engine, "data.bin.txt", text, sizeof(text) - 1);
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.items[0].rule, "secrets.aws-access-key-id");
    assert_int_equal(hits.items[0].line, 2);
    assert_int_equal(hits.items[0].column, 3);
    assert_no_leak(&hits.items[0], text);
    hits_free(&hits);
}

static void test_two_secrets_on_one_line(void **state)
{
    (void)state;
    struct content_scan_engine *engine = content_scan_builtin();
    const char *text = "a=" GHP_A " b=" AKIA_A " c=" GHP_B " again " GHP_A "x\n";
    struct hits hits = scan_str(engine, "x.sh", text);
    /* GHP_A a second time glued to "x" is no token by itself (\b), but it
     * must still be redacted in every snippet. */
    assert_int_equal(hits.count, 3);
    assert_string_equal(hits.items[0].rule, "secrets.github-token");
    assert_int_equal(hits.items[0].column, 3);
    assert_string_equal(hits.items[1].rule, "secrets.aws-access-key-id");
    assert_int_equal(hits.items[1].column, 46);
    assert_string_equal(hits.items[2].rule, "secrets.github-token");
    assert_int_equal(hits.items[2].column, 69);
    for (size_t i = 0; i < hits.count; i++) {
        assert_string_equal(hits.items[i].snippet,
                            "a=ghp_\xe2\x80\xa6(40) b=AKIA\xe2\x80\xa6(20) c=ghp_\xe2\x80\xa6(40) "
                            "again ghp_\xe2\x80\xa6(40)x");
        assert_no_leak(&hits.items[i], text);
    }
    hits_free(&hits);
}

static void test_redaction(void **state)
{
    (void)state;
    char out[CONTENT_SCAN_REDACTED_MAX];
    content_scan_redact(AKIA_A, 20, out);
    assert_string_equal(out, "AKIA\xe2\x80\xa6(20)");
    content_scan_redact("hunter2", 7, out);
    assert_string_equal(out, "hu\xe2\x80\xa6(7)");
    content_scan_redact("ab", 2, out);
    assert_string_equal(out, "\xe2\x80\xa6(2)");
    /* Never a split UTF-8 sequence: 4 bytes would cut the third é. */
    content_scan_redact("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 12, out);
    assert_string_equal(out, "\xc3\xa9\xc3\xa9\xe2\x80\xa6(12)");
    content_scan_redact("ab\xc3\xa9xyzuvw", 11, out);
    assert_string_equal(out, "ab\xe2\x80\xa6(11)");

    /* A key after its PEM header, inside a JSON value: the header shows,
     * the key material keeps at most 4 characters. */
    struct content_scan_engine *engine = content_scan_builtin();
    const char *text =
        "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQ"
        "EFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n\"}";
    struct hits hits = scan_str(engine, "sa.json", text);
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.items[0].rule, "secrets.private-key");
    assert_string_equal(hits.items[0].redacted, "-----BEGIN PRIVATE KEY-----");
    assert_null(strstr(hits.items[0].snippet, "MIIEvQIBADANBgkq"));
    assert_non_null(strstr(hits.items[0].snippet, "-----BEGIN PRIVATE KEY-----\\nMI"));
    hits_free(&hits);
}

static void test_entropy(void **state)
{
    (void)state;
    assert_true(content_scan_entropy("", 0) == 0.0);
    assert_true(content_scan_entropy("aaaa", 4) == 0.0);
    assert_true(content_scan_entropy("abcd", 4) == 2.0);
    assert_true(content_scan_entropy(GHP_A, strlen(GHP_A)) > 4.0);
    struct content_scan_engine *engine = content_scan_builtin();
    struct hits hits = scan_str(engine, "a.py", "t = 'ghp_abababababababababababababababababab'\n");
    assert_int_equal(hits.count, 0);
    hits_free(&hits);
}

/* ---- engine behaviour, on rules made for the test ---- */

static const char *const test_keywords[] = {"secret"};
static const char *const test_paths[] = {"*.env", "config/**"};
static const char *const test_excludes[] = {"test/**"};
static const char *const test_allow[] = {"^0+$", "(?i)dead"};
static const char *const test_references[] = {"x"};

static const struct rule test_rules[] = {
    {.id = "test.hex-near-keyword",
     .title = "hex",
     .references = test_references,
     .reference_count = 1,
     .pattern = "\\b[0-9a-f]{32}\\b",
     .redact = true,
     .keywords = test_keywords,
     .keyword_count = 1,
     .allow = test_allow,
     .allow_count = 2},
    {.id = "test.key-in-config",
     .title = "key",
     .references = test_references,
     .reference_count = 1,
     .pattern = "(?i)key=([a-z0-9]{8,})",
     .secret_group = 1,
     .redact = true,
     .entropy_min = 2.5,
     .paths = test_paths,
     .path_count = 2,
     .exclude_paths = test_excludes,
     .exclude_path_count = 1},
    {.id = "test.not-a-pattern-rule", .title = "docs", .references = test_references},
};

static struct content_scan_engine *test_engine(void)
{
    struct strbuf errors = STRBUF_INIT;
    struct content_scan_engine *engine = content_scan_engine_new(
        test_rules, sizeof(test_rules) / sizeof(test_rules[0]), NULL, 0, &errors);
    assert_string_equal(errors.data, "");
    strbuf_release(&errors);
    assert_non_null(engine);
    return engine;
}

static void test_keywords_and_allowlist(void **state)
{
    (void)state;
    struct content_scan_engine *engine = test_engine();
    struct hits hits = scan_str(engine, "a.py", "digest = 'd41d8cd98f00b204e9800998ecf8427e'\n");
    assert_int_equal(hits.count, 0); /* no keyword on the line */
    hits_free(&hits);
    hits = scan_str(engine, "a.py", "API_SECRET = 'd41d8cd98f00b204e9800998ecf8427e'\n");
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.items[0].rule, "test.hex-near-keyword");
    assert_int_equal(hits.items[0].column, 15);
    hits_free(&hits);
    hits = scan_str(engine, "a.py",
                    "secret = '00000000000000000000000000000000'\n"
                    "secret = 'deadbeefdeadbeefdeadbeefdeadbeef'\n");
    assert_int_equal(hits.count, 0); /* both allowlisted */
    hits_free(&hits);
    content_scan_engine_free(engine);
}

static void test_paths_and_secret_group(void **state)
{
    (void)state;
    struct content_scan_engine *engine = test_engine();
    const char *text = "x\nKEY=q8Zr2mWx7LpT\n";
    const char *fire[] = {"prod.env", "deploy/prod.env", "config/app.yml", "config/a/b.ini"};
    const char *silent[] = {"app.py", "test/prod.env", "test/config/a.yml", "src/config/x"};
    for (size_t i = 0; i < sizeof(fire) / sizeof(fire[0]); i++) {
        struct hits hits = scan_str(engine, fire[i], text);
        assert_int_equal(hits.count, 1);
        assert_string_equal(hits.items[0].rule, "test.key-in-config");
        assert_int_equal(hits.items[0].line, 2);
        assert_int_equal(hits.items[0].column, 5); /* the group, not the match */
        assert_string_equal(hits.items[0].redacted, "q8Zr\xe2\x80\xa6(12)");
        assert_string_equal(hits.items[0].snippet, "KEY=q8Zr\xe2\x80\xa6(12)");
        hits_free(&hits);
    }
    for (size_t i = 0; i < sizeof(silent) / sizeof(silent[0]); i++) {
        struct hits hits = scan_str(engine, silent[i], text);
        assert_int_equal(hits.count, 0);
        hits_free(&hits);
    }
    /* Entropy of the group: "aaaaaaaa" is no key. */
    struct hits hits = scan_str(engine, "prod.env", "KEY=aaaaaaaaaa\n");
    assert_int_equal(hits.count, 0);
    hits_free(&hits);

    assert_true(content_scan_path_matches("*.pem", "a/b/c.pem"));
    assert_true(content_scan_path_matches("/settings.py", "settings.py"));
    assert_false(content_scan_path_matches("/settings.py", "app/settings.py"));
    assert_true(content_scan_path_matches("**/settings.py", "app/settings.py"));
    assert_false(content_scan_path_matches("*.pem", "c.pem.txt"));
    content_scan_engine_free(engine);
}

static void test_bad_pattern_is_reported(void **state)
{
    (void)state;
    static const char *const references[] = {"x"};
    /* PCRE2 accepts a backreference; vectorscan does not. */
    static const struct rule rules[] = {
        {.id = "test.backref",
         .pack = "user.yml",
         .pack_line = 7,
         .references = references,
         .reference_count = 1,
         .pattern = "(a+)\\1",
         .redact = true},
    };
    struct strbuf errors = STRBUF_INIT;
    assert_null(content_scan_engine_new(rules, 1, NULL, 0, &errors));
    assert_non_null(strstr(errors.data, "user.yml:7: test.backref: vectorscan"));
    strbuf_release(&errors);
}

struct thread_job {
    const char *text;
    size_t expected;
    bool ok;
};

static void *thread_main(void *argument)
{
    struct thread_job *job = argument;
    job->ok = true;
    for (int round = 0; round < 50; round++) {
        struct hits hits = scan_str(content_scan_builtin(), "t.env", job->text);
        job->ok = job->ok && hits.count == job->expected;
        hits_free(&hits);
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    enum { THREADS = 4 };
    pthread_t ids[THREADS];
    struct thread_job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (struct thread_job){.text = i % 2 ? "A=" AKIA_A "\nB=" GHP_A "\n"
                                                    : "nothing here\n" GHP_B "\n",
                                      .expected = i % 2 ? 2 : 1};
        assert_int_equal(pthread_create(&ids[i], NULL, thread_main, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(ids[i], NULL);
        assert_true(jobs[i].ok);
    }
    content_scan_builtin_release();
}

/* ---- rule-pack validation of the pattern fields ---- */

static int parse(const char *rule_text, struct strbuf *errors)
{
    struct strbuf text = STRBUF_INIT;
    strbuf_printf(&text,
                  "pack: p\nrules:\n  - id: p.rule\n    category: security\n    severity: high\n"
                  "    effort_minutes: 5\n    title: T\n    why: W\n    fix: F\n"
                  "    references: [x]\n%s",
                  rule_text);
    struct arena arena;
    arena_init(&arena);
    struct rulepack pack;
    int count = rulepack_parse("p.yml", text.data, text.length, &arena, &pack, errors);
    arena_destroy(&arena);
    strbuf_release(&text);
    return count;
}

static void test_pack_validation(void **state)
{
    (void)state;
    struct strbuf errors = STRBUF_INIT;
    assert_int_equal(parse("    pattern: 'ab(c)d'\n    secret_group: 1\n    entropy_min: 2.5\n"
                           "    keywords: [ab]\n    paths: ['*.py']\n    exclude_paths: [t/**]\n"
                           "    allow: ['^x']\n    redact: false\n    examples: [abcd]\n"
                           "    counter_examples: [abd]\n",
                           &errors),
                     0);
    assert_string_equal(errors.data, "");

    assert_true(
        parse("    pattern: 'ab(c'\n    examples: [a]\n    counter_examples: [b]\n", &errors) > 0);
    assert_non_null(strstr(errors.data, "p.yml:11: 'pattern' is not a valid regex"));
    strbuf_reset(&errors);

    assert_true(parse("    pattern: 'abc'\n    secret_group: 2\n    examples: [a]\n"
                      "    counter_examples: [b]\n",
                      &errors) > 0);
    assert_non_null(strstr(errors.data, "secret_group 2 but the pattern has only 0"));
    strbuf_reset(&errors);

    /* context: code or any; like the other pattern fields, only with a pattern. */
    assert_int_equal(parse("    pattern: 'abc'\n    context: code\n    redact: false\n"
                           "    examples: [abc]\n    counter_examples: [ab]\n",
                           &errors),
                     0);
    assert_true(parse("    pattern: 'abc'\n    context: comments\n    examples: [abc]\n"
                      "    counter_examples: [ab]\n",
                      &errors) > 0);
    assert_non_null(strstr(errors.data, "context must be code or any"));
    strbuf_reset(&errors);
    assert_true(parse("    context: code\n", &errors) > 0);
    assert_non_null(strstr(errors.data, "only apply to rules with a 'pattern'"));
    strbuf_reset(&errors);

    assert_true(parse("    keywords: [abc]\n", &errors) > 0);
    assert_non_null(strstr(errors.data, "p.yml:11: p.rule: secret_group, redact"));
    strbuf_reset(&errors);

    assert_true(parse("    pattern: 'abc'\n    entropy_min: 9\n    redact: maybe\n"
                      "    allow: ['(']\n",
                      &errors) > 0);
    assert_non_null(strstr(errors.data, "entropy_min must be"));
    assert_non_null(strstr(errors.data, "redact must be true or false"));
    assert_non_null(strstr(errors.data, "'allow' is not a valid regex"));
    assert_non_null(strstr(errors.data, "needs at least one 'examples'"));
    assert_non_null(strstr(errors.data, "needs at least one 'counter_examples'"));
    strbuf_release(&errors);
}

/* A file scanned in chunks from a descriptor (content_scan_engine_scan_fd,
 * for files too large to hold) gives exactly the hits, lines, columns and
 * offsets of a whole-buffer scan, whatever the chunk size — secrets right at
 * chunk boundaries and on CRLF lines included. */
static void test_scan_fd_matches_whole_scan(void **state)
{
    (void)state;
    struct content_scan_engine *engine = content_scan_builtin();
    struct strbuf text = STRBUF_INIT;
    for (int i = 0; i < 3000; i++) {
        if (i % 97 == 5)
            strbuf_printf(&text, "token_%d = \"" GHP_A "\"\r\n", i);
        else if (i % 131 == 7)
            strbuf_printf(&text, "key = AKIA33RB6PVP5BN2PZCY # %d\n", i);
        else
            strbuf_printf(&text, "line %d of ordinary text, nothing to see here\n", i);
    }
    strbuf_append_str(&text, "last = \"" GHP_A "\""); /* no trailing newline */
    struct hits whole = scan(engine, "app.py", text.data, text.length);
    assert_true(whole.count > 40);

    char path[] = "/tmp/prodready-scan-fd-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text.data, text.length), (ssize_t)text.length);
    static const size_t chunks[] = {4096, 4099, 5000, 65536, 1 << 20};
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
        struct hits pieces = {0};
        assert_int_equal(
            content_scan_engine_scan_fd(engine, "app.py", fd, chunks[c], collect, &pieces), 0);
        assert_int_equal(pieces.count, whole.count);
        for (size_t i = 0; i < whole.count; i++) {
            assert_string_equal(pieces.items[i].rule, whole.items[i].rule);
            assert_int_equal(pieces.items[i].line, whole.items[i].line);
            assert_int_equal(pieces.items[i].column, whole.items[i].column);
            assert_int_equal(pieces.items[i].secret_offset, whole.items[i].secret_offset);
            assert_string_equal(pieces.items[i].match, whole.items[i].match);
        }
        hits_free(&pieces);
    }
    close(fd);
    unlink(path);
    hits_free(&whole);
    strbuf_release(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_examples),
        cmocka_unit_test(test_runtime_compile_matches_serialized),
        cmocka_unit_test(test_secrets_profile_database),
        cmocka_unit_test(test_secrets_suffice),
        cmocka_unit_test(test_line_and_column),
        cmocka_unit_test(test_scan_fd_matches_whole_scan),
        cmocka_unit_test(test_crlf_and_no_trailing_newline),
        cmocka_unit_test(test_invalid_utf8_around_secret),
        cmocka_unit_test(test_two_secrets_on_one_line),
        cmocka_unit_test(test_redaction),
        cmocka_unit_test(test_entropy),
        cmocka_unit_test(test_keywords_and_allowlist),
        cmocka_unit_test(test_paths_and_secret_group),
        cmocka_unit_test(test_bad_pattern_is_reported),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_pack_validation),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    content_scan_builtin_release();
    return failed;
}
