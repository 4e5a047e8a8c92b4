/*
 * yaml_walk: what the compose and Kubernetes analyzers share for reading
 * YAML from audited repositories — a multi-document stream split at its
 * `---` markers and parsed one document at a time through util/yaml.c (so
 * every document passes the pre-validation that keeps libfyaml 0.7 from
 * crashing), file-relative lines of nodes, and mapping lookups that follow
 * aliases and `<<` merge keys without copying (no billion-laughs blow-up).
 *
 * It knows nothing about compose or Kubernetes and must not raise findings.
 */
#ifndef PRODREADY_ANALYZERS_YAML_WALK_H
#define PRODREADY_ANALYZERS_YAML_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/yaml.h"

struct ywalk_document {
    struct fy_document *document; /* NULL when this part did not parse */
    int first_line;               /* file line of the part's first line */
    int error_line;               /* file line of the parse error (0: unknown) */
    const char *error;            /* arena copy of the parse error, or NULL */
};

struct ywalk_stream {
    struct ywalk_document *documents; /* arena array */
    size_t count;
    size_t failed; /* parts with content that did not parse */
};

/* Splits `text` at lines that start with `---` (YAML forbids such lines
 * inside any scalar, so this split is exact) and parses each part holding
 * more than blanks and comments. `text` must outlive the stream. */
void ywalk_parse_stream(struct arena *arena, const char *text, size_t length,
                        struct ywalk_stream *stream);
void ywalk_stream_release(struct ywalk_stream *stream);

/* The node an alias points at (the node itself when not an alias; NULL when
 * the alias cannot be resolved). */
struct fy_node *ywalk_deref(struct fy_node *node);

/* The value of `key` in mapping `map` (aliases followed), or NULL. Keys
 * brought in by `<<: *anchor` merges count, explicit keys win. *key_node
 * (when not NULL) receives the key's node, for its line. */
struct fy_node *ywalk_get(struct fy_node *map, const char *key, struct fy_node **key_node);

/* File line of `node` in `document` (0: unknown). */
int ywalk_line(const struct ywalk_document *document, struct fy_node *node);
/* 1-based column where `node` starts when it is a scalar, else 0. */
int ywalk_column(struct fy_node *node);

/* The scalar text of `node` (aliases followed) copied into the arena, or
 * NULL when it is not a scalar. */
const char *ywalk_scalar(struct arena *arena, struct fy_node *node);
/* Whether `node` is a scalar equal to `text` (ASCII case ignored). */
bool ywalk_scalar_is(struct fy_node *node, const char *text);
/* YAML 1.1 and 1.2 true / false spellings (true, True, yes, on …). */
bool ywalk_is_true(struct fy_node *node);
bool ywalk_is_false(struct fy_node *node);
bool ywalk_is_mapping(struct fy_node *node);
bool ywalk_is_sequence(struct fy_node *node);
/* A missing value, `null`, `~` or an empty plain scalar. */
bool ywalk_is_null(struct fy_node *node);

/* Whether an environment-variable or key name says it holds a secret
 * (DB_PASSWORD, apiKey, STRIPE_SECRET_KEY …) and not a reference to one
 * (…_FILE, …_PATH, …_URL, …_NAME …). The one judgement here about meaning:
 * compose environments and Kubernetes env lists share it. */
bool ywalk_secret_name(const char *name);

/* Whether a container image reference floats: no tag (which means
 * `latest`) or the tag `latest`, and no digest. A reference built from
 * variables (`${TAG}`, a Helm `{{ }}`) is not judged unless it ends in
 * `:latest`. Both compose and Kubernetes images use this. */
bool ywalk_image_floats(const char *image);

#endif
