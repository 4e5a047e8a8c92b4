/*
 * gitlab_ci: the GitLab CI analyzer. It reads .gitlab-ci.yml (or .yaml) at
 * the root, include files named NAME.gitlab-ci.yml anywhere, and the files of a
 * .gitlab/ci/ folder, which is where projects keep the local files their
 * pipeline includes (an analyzer sees one file at a time, so it cannot
 * follow `include: local:` itself). It raises the per-file `ci.*` rules on
 * the exact line — `image:` untagged or `latest`, plaintext secrets in
 * `variables:`, tests allowed to fail — and records the facts checks/ci.c
 * judges: what each job's scripts run (ci_script.h), GitLab's own security
 * templates and components pulled in with `include:`, `parallel: matrix`,
 * and deploy jobs (a deploy stage or an `environment:`).
 *
 * It reads only its own file; what an alias, merge key or `extends:` hides
 * is not judged.
 */
#include "analyzers/ci_script.h"
#include "analyzers/ci_yaml.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/yaml.h"

#include <string.h>

/* Top-level keys that are pipeline settings, not jobs. */
static const char *const gitlab_global_keys[] = {
    "default", "include",       "stages",       "variables", "workflow", "image", "services",
    "cache",   "before_script", "after_script", "spec",      "types",    NULL};

static bool gitlab_is_global_key(const char *name)
{
    for (size_t i = 0; gitlab_global_keys[i]; i++)
        if (strcmp(name, gitlab_global_keys[i]) == 0)
            return true;
    return false;
}

static bool gitlab_ends_with(const char *text, const char *suffix)
{
    size_t length = strlen(text), suffix_length = strlen(suffix);
    return length >= suffix_length &&
           text_equals_nocase(text + length - suffix_length, suffix_length, suffix);
}

static bool gitlab_applies(const struct source_file *file)
{
    const char *path = file->path;
    if (strcmp(path, ".gitlab-ci.yml") == 0 || strcmp(path, ".gitlab-ci.yaml") == 0)
        return true;
    /* A .gitlab-ci.yml below the root is another project's pipeline (a
     * sample, a fixture, a vendored repository); GitLab only reads the
     * root one. Named fragments (build.gitlab-ci.yml) are include files. */
    const char *name = text_basename(path);
    if (name[0] != '.' &&
        (gitlab_ends_with(name, ".gitlab-ci.yml") || gitlab_ends_with(name, ".gitlab-ci.yaml")))
        return true;
    return strncmp(path, ".gitlab/ci/", 11) == 0 &&
           (gitlab_ends_with(path, ".yml") || gitlab_ends_with(path, ".yaml"));
}

/* An image reference without a tag, or tagged latest (digests pass;
 * variables cannot be judged). */
static void gitlab_check_image(struct analysis *analysis, const struct source_file *file,
                               struct fy_node *image)
{
    struct fy_node *name = ci_yaml_get(image, "name", NULL);
    if (name)
        image = name;
    const char *text = ci_yaml_scalar_copy(analysis->arena, image);
    if (!text || !*text || strchr(text, '$') || strchr(text, '@'))
        return;
    const char *slash = strrchr(text, '/');
    const char *colon = strchr(slash ? slash : text, ':');
    if (colon && strcmp(colon + 1, "latest") != 0)
        return;
    int line = yaml_node_line(image);
    analysis_add_finding(analysis, "ci.gitlab-image-latest", line, 0,
                         analysis_line_text(analysis, file, line), text,
                         colon ? "image %s: 'latest' changes under the pipeline"
                               : "image %s has no tag: it means 'latest', which changes under "
                                 "the pipeline",
                         text);
}

static void gitlab_check_images(struct analysis *analysis, const struct source_file *file,
                                struct fy_node *holder)
{
    gitlab_check_image(analysis, file, ci_yaml_get(holder, "image", NULL));
    struct fy_node *services = ci_yaml_get(holder, "services", NULL);
    if (!services || fy_node_get_type(services) != FYNT_SEQUENCE)
        return;
    void *iterator = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(services, &iterator)) != NULL)
        if (fy_node_get_style(item) != FYNS_ALIAS)
            gitlab_check_image(analysis, file, item);
}

/* Records what the scripts of a script key run (a string, or a list whose
 * items may be nested lists, as GitLab allows). Returns the kinds. */
static unsigned gitlab_scripts(struct analysis *analysis, const struct source_file *file,
                               struct fy_node *scripts, int depth)
{
    if (!scripts || depth > 8 || fy_node_get_style(scripts) == FYNS_ALIAS)
        return 0;
    if (fy_node_get_type(scripts) == FYNT_SCALAR) {
        const char *text;
        size_t length;
        int line;
        if (!ci_yaml_source(scripts, file, &text, &length, &line))
            return 0;
        return ci_script_record_lines(analysis, text, length, line);
    }
    if (fy_node_get_type(scripts) != FYNT_SEQUENCE)
        return 0;
    unsigned kinds = 0;
    void *iterator = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(scripts, &iterator)) != NULL)
        kinds |= gitlab_scripts(analysis, file, item, depth + 1);
    return kinds;
}

/* GitLab's own scanners come as templates (Security/SAST.gitlab-ci.yml,
 * Jobs/Secret-Detection.gitlab-ci.yml …) or CI/CD components. */
static unsigned gitlab_template_kinds(const char *name)
{
    static const char *const scanners[] = {"sast",
                                           "secret-detection",
                                           "dependency-scanning",
                                           "container-scanning",
                                           "dast",
                                           "security/",
                                           "fuzz",
                                           "api-security",
                                           NULL};
    unsigned kinds = 0;
    size_t length = strlen(name);
    for (size_t i = 0; scanners[i]; i++) {
        size_t part = strlen(scanners[i]);
        for (size_t k = 0; k + part <= length; k++)
            if (text_equals_nocase(name + k, part, scanners[i])) {
                kinds |= CI_SCRIPT_BIT(CI_SCRIPT_SECURITY);
                break;
            }
    }
    if (strstr(name, "Auto-DevOps"))
        kinds |= CI_SCRIPT_BIT(CI_SCRIPT_TEST) | CI_SCRIPT_BIT(CI_SCRIPT_SECURITY) |
                 CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY);
    return kinds;
}

static void gitlab_include_entry(struct analysis *analysis, struct fy_node *entry)
{
    static const char *const keys[] = {"template", "component", NULL};
    for (size_t i = 0; keys[i]; i++) {
        struct fy_node *value = ci_yaml_get(entry, keys[i], NULL);
        const char *name = ci_yaml_scalar_copy(analysis->arena, value);
        if (name)
            ci_script_record(analysis, gitlab_template_kinds(name), yaml_node_line(value), name);
    }
}

static void gitlab_includes(struct analysis *analysis, struct fy_node *include)
{
    if (!include)
        return;
    if (fy_node_get_type(include) == FYNT_MAPPING) {
        gitlab_include_entry(analysis, include);
        return;
    }
    if (fy_node_get_type(include) != FYNT_SEQUENCE)
        return;
    void *iterator = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(include, &iterator)) != NULL)
        if (fy_node_get_style(item) != FYNS_ALIAS)
            gitlab_include_entry(analysis, item);
}

static void gitlab_job(struct analysis *analysis, const struct source_file *file, const char *name,
                       int name_line, struct fy_node *job)
{
    if (!job || fy_node_get_type(job) != FYNT_MAPPING || fy_node_get_style(job) == FYNS_ALIAS)
        return;
    gitlab_check_images(analysis, file, job);
    ci_yaml_check_variables(analysis, file, ci_yaml_get(job, "variables", NULL));
    unsigned kinds = 0;
    static const char *const script_keys[] = {"before_script", "script", "after_script", NULL};
    for (size_t i = 0; script_keys[i]; i++)
        kinds |= gitlab_scripts(analysis, file, ci_yaml_get(job, script_keys[i], NULL), 0);
    ci_script_record(analysis, ci_script_name(name), name_line, name);
    int stage_line = 0;
    const char *stage =
        ci_yaml_scalar_copy(analysis->arena, ci_yaml_get(job, "stage", &stage_line));
    if (stage && (ci_script_name(stage) & CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)))
        analysis_add_fact(analysis, "ci.deploy", stage_line,
                          arena_printf(analysis->arena, "job %s in stage %s", name, stage));
    int environment_line = 0;
    if (ci_yaml_has(job, "environment", &environment_line))
        analysis_add_fact(analysis, "ci.deploy", environment_line,
                          arena_printf(analysis->arena, "job %s has an environment", name));
    int matrix_line = 0;
    if (ci_yaml_get(ci_yaml_get(job, "parallel", NULL), "matrix", &matrix_line))
        analysis_add_fact(analysis, "ci.matrix", matrix_line,
                          arena_printf(analysis->arena, "job %s: parallel: matrix", name));
    struct fy_node *allow = ci_yaml_get(job, "allow_failure", NULL);
    if ((kinds & CI_SCRIPT_BIT(CI_SCRIPT_TEST)) && ci_yaml_is_true(allow)) {
        int line = yaml_node_line(allow);
        analysis_add_finding(analysis, "ci.tests-allowed-to-fail", line, 0,
                             analysis_line_text(analysis, file, line), name,
                             "allow_failure: true on job %s, which runs the tests: failing "
                             "tests do not fail the pipeline",
                             name);
    }
}

/* The reason of a util/yaml.c error without its "LINE:" prefix (the
 * finding has the line already). */
static const char *gitlab_error_reason(const char *error)
{
    const char *p = error;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == ':')
        p++;
    while (*p == ' ')
        p++;
    return *p ? p : "not valid YAML";
}

static void gitlab_run(const struct source_file *file, struct analysis *analysis)
{
    analysis_add_fact(analysis, "ci.system", 1, "GitLab CI");
    struct strbuf error = STRBUF_INIT;
    int error_line = 0;
    struct fy_document *document = ci_yaml_parse(file->content, file->length, &error, &error_line);
    if (!document) {
        int line = error_line > 0 ? error_line : 1;
        analysis_add_finding(
            analysis, "ci.invalid-yaml", line, 0, analysis_line_text(analysis, file, line),
            "invalid", "GitLab cannot run this pipeline: %s", gitlab_error_reason(error.data));
        strbuf_release(&error);
        return;
    }
    strbuf_release(&error);
    struct fy_node *root = fy_document_root(document);
    if (!root || fy_node_get_type(root) != FYNT_MAPPING || fy_node_get_style(root) == FYNS_ALIAS) {
        analysis_add_finding(analysis, "ci.invalid-yaml", 1, 0,
                             analysis_line_text(analysis, file, 1), "not-a-mapping",
                             "GitLab cannot run this pipeline: %s",
                             "the document is not a mapping of jobs and settings");
        fy_document_destroy(document);
        return;
    }
    gitlab_includes(analysis, ci_yaml_get(root, "include", NULL));
    gitlab_check_images(analysis, file, root);
    gitlab_check_images(analysis, file, ci_yaml_get(root, "default", NULL));
    ci_yaml_check_variables(analysis, file, ci_yaml_get(root, "variables", NULL));
    struct fy_node *defaults = ci_yaml_get(root, "default", NULL);
    static const char *const script_keys[] = {"before_script", "after_script", NULL};
    for (size_t i = 0; script_keys[i]; i++) {
        gitlab_scripts(analysis, file, ci_yaml_get(root, script_keys[i], NULL), 0);
        gitlab_scripts(analysis, file, ci_yaml_get(defaults, script_keys[i], NULL), 0);
    }
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(root, &iterator)) != NULL) {
        struct fy_node *key = fy_node_pair_key(pair);
        const char *name = ci_yaml_scalar_copy(analysis->arena, key);
        if (!name || gitlab_is_global_key(name))
            continue;
        gitlab_job(analysis, file, name, yaml_node_line(key), fy_node_pair_value(pair));
    }
    fy_document_destroy(document);
}

const struct analyzer analyzer_gitlab_ci = {
    .name = "gitlab_ci",
    .applies = gitlab_applies,
    .run = gitlab_run,
};
