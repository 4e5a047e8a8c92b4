/*
 * ci_yaml: what the CI analyzers (gha_workflow.c, gitlab_ci.c) share on top
 * of util/yaml.c — mapping lookups that never follow aliases (a crafted
 * alias chain must not cost exponential time), the source text and line of
 * a scalar (so a finding inside a `run: |` block lands on its own line), and
 * the two rules both systems raise the same way: plaintext secrets in
 * variables and tests allowed to fail.
 *
 * It must not know which CI system a document belongs to.
 */
#ifndef PRODREADY_ANALYZERS_CI_YAML_H
#define PRODREADY_ANALYZERS_CI_YAML_H

#include <libfyaml.h>
#include <stdbool.h>
#include <stddef.h>

#include "analyzers/analyzer.h"
#include "util/strbuf.h"

/* Parses a CI file with util/yaml.c; a document it rejects only for flow
 * collections indented less than their key (`needs: [a,\n  b\n]`, which
 * GitHub and GitLab accept) is parsed again with libfyaml's sloppy flow
 * indentation, after util/yaml.c's safety checks have passed. Same contract
 * as yaml_parse. */
struct fy_document *ci_yaml_parse(const char *text, size_t length, struct strbuf *error,
                                  int *error_line);

/* The value of `key` in `mapping` (NULL when absent, when `mapping` is not a
 * mapping, or when the value is an alias); *key_line (if non-NULL) gets the
 * 1-based line of the key. */
struct fy_node *ci_yaml_get(struct fy_node *mapping, const char *key, int *key_line);

/* Whether `mapping` has the key at all (an empty `permissions:` counts). */
bool ci_yaml_has(struct fy_node *mapping, const char *key, int *key_line);

/* The text of a scalar that is not an alias, or NULL; *length gets its size. */
const char *ci_yaml_scalar(struct fy_node *node, size_t *length);

/* The scalar copied into the arena (NULL when not a plain scalar). */
const char *ci_yaml_scalar_copy(struct arena *arena, struct fy_node *node);

/* True for the scalars YAML and both CI systems read as true. */
bool ci_yaml_is_true(struct fy_node *node);

/* The bytes of `file` a scalar was parsed from (for a block scalar, its
 * content lines) and the 1-based line they start on. False when unknown. */
bool ci_yaml_source(struct fy_node *node, const struct source_file *file, const char **text,
                    size_t *length, int *line);

/* Whether a variable name says it holds a credential (API_TOKEN,
 * DB_PASSWORD …) and not a reference to one (TOKEN_FILE, SECRET_NAME …). */
bool ci_yaml_secret_name(const char *name, size_t length);

/* Whether a value looks like a real credential rather than a reference
 * (`$VAR`, `${{ secrets.X }}`), a placeholder or a throwaway test value. */
bool ci_yaml_secret_value(const char *value, size_t length);

/* Raises ci.plaintext-secret for every secret-named variable of a
 * `variables:`/`env:` mapping whose value is a literal credential. */
void ci_yaml_check_variables(struct analysis *analysis, const struct source_file *file,
                             struct fy_node *variables);

#endif
