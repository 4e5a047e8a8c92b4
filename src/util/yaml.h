/*
 * yaml: small helpers over libfyaml shared by everything that reads YAML
 * (rule packs now; workflows, compose files and manifests later): parse with
 * errors collected as "line: message" instead of printed, and find the
 * 1-based line of any node (libfyaml 0.7 has no node start mark, so a
 * collection takes the line of its first scalar).
 *
 * Nothing here prints; callers decide how to report.
 */
#ifndef PRODREADY_UTIL_YAML_H
#define PRODREADY_UTIL_YAML_H

#include <libfyaml.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* Parses one YAML document. On failure returns NULL, writes "LINE: message"
 * of the first error into `error` (" message" when no line is known, so
 * "FILE:" + error reads well either way) and sets *error_line (0: unknown).
 * libfyaml parses in place: `text` must stay alive until the document is
 * destroyed. The caller destroys the
 * document with fy_document_destroy. */
struct fy_document *yaml_parse(const char *text, size_t length, struct strbuf *error,
                               int *error_line);

/* 1-based line where `node` starts, or 0 when it cannot be known. */
int yaml_node_line(struct fy_node *node);

/* The scalar text of `node` copied into a NUL-terminated malloc'd string
 * (caller frees), or NULL when `node` is not a scalar. */
char *yaml_scalar_dup(struct fy_node *node);

/* True when `node` is a scalar equal to `text`. */
bool yaml_scalar_equals(struct fy_node *node, const char *text);

#endif
