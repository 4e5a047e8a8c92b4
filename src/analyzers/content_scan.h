/*
 * content_scan: the pattern-rule engine. Every pattern rule of a rule set is
 * compiled into one vectorscan (Hyperscan API) block-mode database; a scan
 * runs that database once over a file, then confirms each candidate with
 * PCRE2 on the line where the match ends, extracts the secret's capture
 * group, applies the rule's paths, keywords, entropy and allowlist, and
 * reports exact line and column with the secret redacted.
 *
 * It must never hand out a secret in full: hits carry the redacted form
 * ("AKIA…(20)"), a snippet with every secret on the line redacted, and a
 * fingerprint input made of the rule id and a hash of the secret. It must
 * not know about analyses, reports or the registry beyond struct rule.
 */
#ifndef PRODREADY_ANALYZERS_CONTENT_SCAN_H
#define PRODREADY_ANALYZERS_CONTENT_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"
#include "util/strbuf.h"

struct content_scan_engine;

/* One confirmed finding. Every pointer is valid only during the callback. */
struct content_scan_hit {
    const struct rule *rule;
    int line;             /* 1-based */
    int column;           /* 1-based, in bytes, of the secret's first byte */
    const char *redacted; /* the secret redacted, e.g. "AKIA…(20)"; the match for redact: false */
    const char *snippet;  /* the line (no newline), every secret on it redacted */
    const char *match;    /* fingerprint input: "rule-id:" and a hash of the secret */
    size_t secret_offset; /* byte offset of the secret in the scanned content */
    size_t secret_length;
};

typedef void (*content_scan_fn)(void *user, const struct content_scan_hit *hit);

/* Builds an engine over the pattern rules among `rules` (the others are
 * ignored; vectorscan pattern ids are indexes into `rules`). `database` is
 * a serialized vectorscan database built from exactly these rules (see
 * tools/rulegen.c), or NULL to compile now; a database that does not fit
 * this CPU or library version is recompiled from the patterns. Returns NULL
 * with one line per problem in `errors`. `rules` must outlive the engine. */
struct content_scan_engine *content_scan_engine_new(const struct rule *rules, size_t count,
                                                    const void *database, size_t database_size,
                                                    struct strbuf *errors);
/* Frees the engine and every thread's scratch; no scan may be running. */
void content_scan_engine_free(struct content_scan_engine *engine);
/* True when the engine loaded the serialized database (false: compiled). */
bool content_scan_engine_deserialized(const struct content_scan_engine *engine);

/* Scans `content` (of the file at relative `path`) and calls `emit` for
 * each hit in order of line, column and rule id. Safe to call from many
 * threads at once: each thread gets its own scratch on first use. */
void content_scan_engine_scan(struct content_scan_engine *engine, const char *path,
                              const char *content, size_t length, content_scan_fn emit, void *user);

/* Scans a file too large to hold in memory: reads `fd` to its end in chunks
 * of `chunk_size` bytes cut after their last newline, so hits, lines and
 * offsets are those a whole-file scan would give (patterns match within one
 * line). Same threads rule as content_scan_engine_scan. Returns 0, or -1 on
 * a read error (errno set). */
int content_scan_engine_scan_fd(struct content_scan_engine *engine, const char *path, int fd,
                                size_t chunk_size, content_scan_fn emit, void *user);

/* The engine over the built-in rules, loaded on first use (thread-safe);
 * NULL if it cannot be built (the reason is printed once). */
struct content_scan_engine *content_scan_builtin(void);
/* Frees the built-in engine; the next content_scan_builtin() loads it
 * again. Call only when no scan runs (audit teardown). */
void content_scan_builtin_release(void);
/* The engine of the built-in secrets.* rules alone (their database is built
 * with the binary too), or NULL when it cannot be loaded. */
struct content_scan_engine *content_scan_builtin_secrets(void);
/* True when no built-in pattern rule other than a secrets.* one applies to
 * `path` (by its `paths` globs): scanning it with
 * content_scan_builtin_secrets() then finds exactly what the full engine
 * finds, for less work — on the Linux tree most bytes are C, which no code
 * rule reads. Thread-safe. */
bool content_scan_builtin_secrets_suffice(const char *path);

/* ---- small pure helpers, exposed for tests ---- */

/* A path the rule's `paths` globs accept, so a path-restricted rule can be
 * tried on its examples: its first glob with wildcards filled in ("*.py" ->
 * "x.py"), or "example.txt" when it has none. */
void content_scan_example_path(const struct rule *rule, char *out, size_t size);

/* Shannon entropy of the bytes, in bits per byte (0 for an empty text). */
double content_scan_entropy(const char *text, size_t length);

enum { CONTENT_SCAN_REDACTED_MAX = 32 };
/* Writes the redacted form of a secret into out[CONTENT_SCAN_REDACTED_MAX]:
 * at most its first 4 bytes (fewer for short secrets, never a split UTF-8
 * sequence), "…" and the length in bytes, e.g. "ghp_…(40)". */
void content_scan_redact(const char *secret, size_t length, char *out);

/* A rule glob against a relative path: a glob without '/' matches the file
 * name in any directory ("*.pem"); one with '/' matches the whole path
 * ("/settings.py", "deploy/prod.env"; "**" crosses directories), as in
 * .gitignore. */
bool content_scan_path_matches(const char *glob, const char *path);

#endif
