/*
 * analyzers: the table of every per-file analyzer, in the fixed order they
 * run on each file (the order never affects output, which is sorted, but a
 * fixed order keeps runs reproducible). Add a new analyzer here.
 */
#include "analyzers/analyzer.h"

extern const struct analyzer analyzer_markdown;
extern const struct analyzer analyzer_license;
extern const struct analyzer analyzer_kind_signals;
extern const struct analyzer analyzer_markers;
extern const struct analyzer analyzer_content_rules;
extern const struct analyzer analyzer_dockerfile;
extern const struct analyzer analyzer_gha_workflow;
extern const struct analyzer analyzer_gitlab_ci;
extern const struct analyzer analyzer_ci_detect;
extern const struct analyzer analyzer_compose;
extern const struct analyzer analyzer_kubernetes;
extern const struct analyzer analyzer_secret_files;
extern const struct analyzer analyzer_terraform;
extern const struct analyzer analyzer_testing;
extern const struct analyzer analyzer_migrations;
extern const struct analyzer analyzer_deps_python;
extern const struct analyzer analyzer_deps_node;
extern const struct analyzer analyzer_deps_other;
extern const struct analyzer analyzer_config_usage;
extern const struct analyzer analyzer_config_sources;

/* One entry per line, so adding an analyzer is a one-line change. */
// clang-format off
static const struct analyzer *const analyzers[] = {
    &analyzer_markdown,
    &analyzer_license,
    &analyzer_kind_signals,
    &analyzer_markers,
    &analyzer_content_rules,
    &analyzer_dockerfile,
    &analyzer_gha_workflow,
    &analyzer_gitlab_ci,
    &analyzer_ci_detect,
    &analyzer_compose,
    &analyzer_kubernetes,
    &analyzer_secret_files,
    &analyzer_terraform,
    &analyzer_testing,
    &analyzer_migrations,
    &analyzer_deps_python,
    &analyzer_deps_node,
    &analyzer_deps_other,
    &analyzer_config_usage,
    &analyzer_config_sources,
};
// clang-format on

const struct analyzer *const *analyzer_table(size_t *count)
{
    *count = sizeof(analyzers) / sizeof(analyzers[0]);
    return analyzers;
}
