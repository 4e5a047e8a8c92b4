/*
 * gha_workflow: the GitHub Actions analyzer. It reads every workflow GitHub
 * runs (.github/workflows/NAME.yml|yaml) with libfyaml through util/yaml.c,
 * raises the per-file `ci.*` rules of rules/ci.yml on the exact line —
 * actions not pinned to a commit SHA, missing or write-all permissions,
 * pull_request_target/workflow_run checking out the untrusted head, script
 * injection through `${{ github.event.* }}` in `run:`, secrets printed or
 * handed to unpinned actions, self-hosted runners on pull requests, tests
 * allowed to fail, plaintext secrets in `env:` — and records the facts
 * checks/ci.c judges the repository on (tests, lint, type checks, coverage
 * gates, security scans, matrix, deployment; see ci_script.h).
 *
 * Findings inside a `run:` script go on the script's own line, not on the
 * `run:` key: the script's source bytes are scanned directly. It reads only
 * its own file; what an alias or merge key hides is not judged.
 */
#include "analyzers/gha_workflow.h"
#include "analyzers/ci_script.h"
#include "analyzers/ci_yaml.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/yaml.h"

#include <stdarg.h>
#include <string.h>

enum { GHA_EXPRESSIONS_MAX = 256 };

/* ---- pure helpers (gha_workflow.h) ---- */

static bool gha_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* v4, 4, v1.2.3, 1.2.3-rc.1: a version tag rather than a branch. */
static bool gha_version_like(const char *ref)
{
    const char *p = ref;
    if (*p == 'v' || *p == 'V')
        p++;
    if (*p < '0' || *p > '9')
        return false;
    for (; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '+' ||
              (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            return false;
    return true;
}

enum gha_ref_kind gha_classify_uses(const char *uses, bool *first_party)
{
    if (first_party)
        *first_party = false;
    while (*uses == ' ' || *uses == '\t')
        uses++;
    if (!*uses || strstr(uses, "${{"))
        return GHA_REF_INVALID;
    if (strncmp(uses, "./", 2) == 0 || strncmp(uses, "../", 3) == 0)
        return GHA_REF_LOCAL;
    if (text_prefix_nocase(uses, "docker://"))
        return strstr(uses, "@sha256:") ? GHA_REF_DOCKER_DIGEST : GHA_REF_DOCKER_TAG;
    if (first_party)
        *first_party = text_prefix_nocase(uses, "actions/") || text_prefix_nocase(uses, "github/");
    const char *at = strrchr(uses, '@');
    if (!at || !at[1])
        return GHA_REF_BRANCH; /* no ref: whatever the default branch holds */
    const char *ref = at + 1;
    size_t length = strlen(ref);
    bool hex = true;
    for (size_t i = 0; i < length && hex; i++)
        hex = gha_hex(ref[i]);
    if (hex && (length == 40 || length == 64))
        return GHA_REF_SHA;
    /* An abbreviated SHA is not a commit pin: git resolves it as a branch
     * or tag name first, and anyone can push a branch of that name. */
    if (hex && length >= 7)
        return GHA_REF_BRANCH;
    return gha_version_like(ref) ? GHA_REF_TAG : GHA_REF_BRANCH;
}

size_t gha_find_expressions(const char *text, size_t length, int first_line,
                            struct gha_expression *out, size_t max)
{
    size_t count = 0;
    int line = first_line;
    for (size_t i = 0; i < length && count < max; i++) {
        if (text[i] == '\n') {
            line++;
            continue;
        }
        if (!(text[i] == '$' && i + 2 < length && text[i + 1] == '{' && text[i + 2] == '{'))
            continue;
        int start_line = line;
        size_t inside = i + 3, end = inside;
        while (end + 1 < length && !(text[end] == '}' && text[end + 1] == '}')) {
            if (text[end] == '\n')
                line++;
            end++;
        }
        if (end + 1 >= length)
            break; /* unterminated: GitHub rejects it, nothing to judge */
        size_t first = inside, last = end;
        while (first < last && (text[first] == ' ' || text[first] == '\t'))
            first++;
        while (last > first && (text[last - 1] == ' ' || text[last - 1] == '\t'))
            last--;
        out[count++] = (struct gha_expression){first, last - first, start_line};
        i = end + 1;
    }
    return count;
}

static bool gha_identifier_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

/* Event fields whose format an outsider cannot choose (numbers, ids, SHAs,
 * timestamps, booleans, GitHub-made URLs, logins and repository names,
 * which allow no shell metacharacters). */
static const char *const gha_safe_fields[] = {"number",
                                              "id",
                                              "node_id",
                                              "sha",
                                              "head_sha",
                                              "before",
                                              "after",
                                              "run_id",
                                              "run_number",
                                              "run_attempt",
                                              "action",
                                              "merged",
                                              "draft",
                                              "state",
                                              "locked",
                                              "created_at",
                                              "updated_at",
                                              "closed_at",
                                              "merged_at",
                                              "pushed_at",
                                              "size",
                                              "forced",
                                              "private",
                                              "fork",
                                              "url",
                                              "html_url",
                                              "api_url",
                                              "login",
                                              "full_name",
                                              "type",
                                              "additions",
                                              "deletions",
                                              "changed_files",
                                              "conclusion",
                                              "status",
                                              "workflow_id",
                                              "check_suite_id",
                                              "visibility",
                                              "event",
                                              "comments",
                                              "review_comments",
                                              NULL};

static bool gha_event_path_untrusted(const char *path, size_t length)
{
    if (length >= 7 && memcmp(path, "inputs.", 7) == 0)
        return false; /* workflow_dispatch inputs come from people with write access */
    static const char *const safe_suffixes[] = {"repository.name", "base.ref", NULL};
    for (size_t i = 0; safe_suffixes[i]; i++) {
        size_t suffix = strlen(safe_suffixes[i]);
        if (length >= suffix && memcmp(path + length - suffix, safe_suffixes[i], suffix) == 0 &&
            (length == suffix || path[length - suffix - 1] == '.'))
            return false;
    }
    const char *last = path;
    for (size_t i = 0; i < length; i++)
        if (path[i] == '.')
            last = path + i + 1;
    size_t last_length = (size_t)(path + length - last);
    for (size_t i = 0; gha_safe_fields[i]; i++)
        if (text_equals_nocase(last, last_length, gha_safe_fields[i]))
            return false;
    return true;
}

bool gha_expression_untrusted(const char *expression, size_t length)
{
    static const char head_ref[] = "github.head_ref", event[] = "github.event";
    for (size_t i = 0; i < length; i++) {
        if (i > 0 && (gha_identifier_byte(expression[i - 1]) || expression[i - 1] == '.'))
            continue;
        size_t rest = length - i;
        if (rest >= sizeof(head_ref) - 1 &&
            text_equals_nocase(expression + i, sizeof(head_ref) - 1, head_ref) &&
            (rest == sizeof(head_ref) - 1 ||
             !gha_identifier_byte(expression[i + sizeof(head_ref) - 1])))
            return true;
        if (rest < sizeof(event) - 1 ||
            !text_equals_nocase(expression + i, sizeof(event) - 1, event))
            continue;
        size_t j = i + sizeof(event) - 1;
        if (j < length && (gha_identifier_byte(expression[j])))
            continue; /* github.event_name, github.event_path */
        if (j == length || expression[j] != '.')
            return true; /* the whole event (toJSON(github.event)) or a computed index */
        size_t start = j + 1, end = start;
        while (end < length && (gha_identifier_byte(expression[end]) || expression[end] == '.' ||
                                expression[end] == '*'))
            end++;
        if (end < length && expression[end] == '[')
            return true;
        if (gha_event_path_untrusted(expression + start, end - start))
            return true;
        i = end;
    }
    return false;
}

bool gha_is_workflow_path(const char *path)
{
    static const char prefix[] = ".github/workflows/";
    if (strncmp(path, prefix, sizeof(prefix) - 1) != 0)
        return false;
    const char *name = path + sizeof(prefix) - 1;
    size_t length = strlen(name);
    if (strchr(name, '/') || length < 5)
        return false;
    return text_equals_nocase(name + length - 4, 4, ".yml") ||
           (length >= 6 && text_equals_nocase(name + length - 5, 5, ".yaml"));
}

/* ---- the analyzer ---- */

struct gha_context {
    const struct source_file *file;
    struct analysis *analysis;
    bool on_pull_request;    /* runs code from pull requests (forks included) */
    bool privileged_trigger; /* pull_request_target / workflow_run: secrets and a write token */
    bool only_workflow_call; /* a reusable workflow: its caller sets the token's permissions */
};

static void gha_finding(struct gha_context *c, const char *rule, int line, const char *match,
                        const char *format, ...) __attribute__((format(printf, 5, 6)));

static void gha_finding(struct gha_context *c, const char *rule, int line, const char *match,
                        const char *format, ...)
{
    va_list args;
    va_start(args, format);
    const char *message = arena_vprintf(c->analysis->arena, format, args);
    va_end(args);
    analysis_add_finding(c->analysis, rule, line, 0, analysis_line_text(c->analysis, c->file, line),
                         match, "%s", message);
}

static void gha_read_triggers(struct gha_context *c, struct fy_node *on)
{
    static const char *const pull_requests[] = {"pull_request", "pull_request_target",
                                                "pull_request_review",
                                                "pull_request_review_comment", NULL};
    static const char *const privileged[] = {"pull_request_target", "workflow_run", NULL};
    struct fy_node *names[64];
    size_t count = 0;
    if (ci_yaml_scalar(on, NULL)) {
        names[count++] = on;
    } else if (on && fy_node_get_type(on) == FYNT_SEQUENCE) {
        void *iterator = NULL;
        struct fy_node *item;
        while (count < 64 && (item = fy_node_sequence_iterate(on, &iterator)) != NULL)
            names[count++] = item;
    } else if (on && fy_node_get_type(on) == FYNT_MAPPING) {
        void *iterator = NULL;
        struct fy_node_pair *pair;
        while (count < 64 && (pair = fy_node_mapping_iterate(on, &iterator)) != NULL)
            names[count++] = fy_node_pair_key(pair);
    }
    c->only_workflow_call = count == 1 && yaml_scalar_equals(names[0], "workflow_call");
    for (size_t i = 0; i < count; i++) {
        for (size_t k = 0; pull_requests[k]; k++)
            c->on_pull_request |= yaml_scalar_equals(names[i], pull_requests[k]);
        for (size_t k = 0; privileged[k]; k++)
            c->privileged_trigger |= yaml_scalar_equals(names[i], privileged[k]);
    }
}

static void gha_check_write_all(struct gha_context *c, struct fy_node *permissions,
                                const char *where)
{
    size_t length = 0;
    const char *text = ci_yaml_scalar(permissions, &length);
    if (text && text_equals_nocase(text, length, "write-all"))
        gha_finding(c, "ci.gha-write-all", yaml_node_line(permissions), where,
                    "permissions: write-all %s: every scope of GITHUB_TOKEN can write", where);
}

/* Scans a script's source for injection and printed secrets, and records
 * what it runs. Returns the ci_script kinds found. */
static unsigned gha_check_script(struct gha_context *c, struct fy_node *script, bool javascript)
{
    const char *text;
    size_t length;
    int first_line;
    if (!ci_yaml_source(script, c->file, &text, &length, &first_line))
        return 0;
    struct gha_expression expressions[GHA_EXPRESSIONS_MAX];
    size_t count = gha_find_expressions(text, length, first_line, expressions, GHA_EXPRESSIONS_MAX);
    int last_injection = 0;
    for (size_t i = 0; i < count; i++) {
        const char *expression = text + expressions[i].offset;
        size_t expression_length = expressions[i].length;
        char *copy = arena_strndup(c->analysis->arena, expression, expression_length);
        if (gha_expression_untrusted(expression, expression_length) &&
            expressions[i].line != last_injection) {
            last_injection = expressions[i].line;
            gha_finding(c, "ci.gha-script-injection", expressions[i].line, copy,
                        "${{ %s }} is expanded into a %s before it runs: an attacker-controlled "
                        "value becomes code",
                        copy, javascript ? "github-script script" : "run: script");
        }
        if (strstr(copy, "toJSON(secrets)") || strstr(copy, "tojson(secrets)"))
            gha_finding(c, "ci.gha-secret-echoed", expressions[i].line, copy,
                        "${{ %s }} writes every secret of the repository into the script", copy);
    }
    if (javascript)
        return 0;
    /* Secrets printed: echo/printf of ${{ secrets.X }} straight to the log. */
    int line = first_line;
    for (size_t start = 0; start < length; line++) {
        const char *newline = memchr(text + start, '\n', length - start);
        size_t end = newline ? (size_t)(newline - text) : length;
        const char *p = text + start;
        size_t n = end - start;
        while (n && (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'')) {
            p++;
            n--;
        }
        static const char *const printers[] = {"echo ",       "printf ",       "print ",
                                               "write-host ", "write-output ", NULL};
        bool printer = false;
        for (size_t k = 0; printers[k] && !printer; k++)
            printer =
                n >= strlen(printers[k]) && text_equals_nocase(p, strlen(printers[k]), printers[k]);
        if (printer && memchr(p, '|', n) == NULL && memchr(p, '>', n) == NULL) {
            struct gha_expression found[8];
            size_t hits = gha_find_expressions(p, n, line, found, 8);
            for (size_t k = 0; k < hits; k++) {
                const char *e = p + found[k].offset;
                if (found[k].length > 8 && memcmp(e, "secrets.", 8) == 0) {
                    char *name = arena_strndup(c->analysis->arena, e, found[k].length);
                    gha_finding(c, "ci.gha-secret-echoed", line, name,
                                "${{ %s }} is printed to the job log", name);
                    break;
                }
            }
        }
        start = end + 1;
    }
    return ci_script_record_lines(c->analysis, text, length, first_line);
}

static bool gha_mentions_secret(const char *text, size_t length)
{
    struct gha_expression found[8];
    size_t hits = gha_find_expressions(text, length, 1, found, 8);
    for (size_t i = 0; i < hits; i++) {
        const char *e = text + found[i].offset;
        size_t n = found[i].length;
        for (size_t k = 0; k + 8 <= n; k++)
            if (memcmp(e + k, "secrets.", 8) == 0 ||
                (k + 12 <= n && memcmp(e + k, "github.token", 12) == 0))
                return true;
    }
    return false;
}

/* Secrets handed to an action whose code can change under the same ref. */
static void gha_check_secrets_to_action(struct gha_context *c, struct fy_node *holder,
                                        const char *uses)
{
    static const char *const keys[] = {"with", "env", "secrets", NULL};
    for (size_t k = 0; keys[k]; k++) {
        int key_line = 0;
        struct fy_node *inputs = ci_yaml_get(holder, keys[k], &key_line);
        if (k == 2 && yaml_scalar_equals(inputs, "inherit")) {
            gha_finding(c, "ci.secret-to-unpinned-action", key_line, uses,
                        "secrets: inherit hands every secret to %s, which is not pinned to a "
                        "commit SHA",
                        uses);
            continue;
        }
        if (!inputs || fy_node_get_type(inputs) != FYNT_MAPPING)
            continue;
        void *iterator = NULL;
        struct fy_node_pair *pair;
        while ((pair = fy_node_mapping_iterate(inputs, &iterator)) != NULL) {
            size_t length = 0;
            const char *value = ci_yaml_scalar(fy_node_pair_value(pair), &length);
            if (!value || !gha_mentions_secret(value, length))
                continue;
            gha_finding(c, "ci.secret-to-unpinned-action", yaml_node_line(fy_node_pair_value(pair)),
                        uses, "a secret is passed to %s, which is not pinned to a commit SHA",
                        uses);
        }
    }
}

/* Raises the pinning rule of a `uses:`; returns whether it is pinned. */
static bool gha_check_uses(struct gha_context *c, struct fy_node *node, const char **uses_out)
{
    const char *uses = ci_yaml_scalar_copy(c->analysis->arena, node);
    *uses_out = uses;
    if (!uses)
        return true;
    bool first_party = false;
    enum gha_ref_kind kind = gha_classify_uses(uses, &first_party);
    int line = yaml_node_line(node);
    const char *at = strrchr(uses, '@');
    const char *ref = at ? at + 1 : "(none)";
    switch (kind) {
    case GHA_REF_LOCAL:
    case GHA_REF_SHA:
    case GHA_REF_DOCKER_DIGEST:
    case GHA_REF_INVALID:
        return true;
    case GHA_REF_DOCKER_TAG:
        gha_finding(c, "ci.action-unpinned-tag", line, uses,
                    "container action %s is not pinned by digest", uses);
        return false;
    case GHA_REF_TAG:
    case GHA_REF_BRANCH:
        break;
    }
    if (first_party)
        gha_finding(c, "ci.action-unpinned-first-party", line, uses,
                    "%s is pinned to '%s', not to a commit SHA", uses, ref);
    else if (kind == GHA_REF_BRANCH)
        gha_finding(c, "ci.action-unpinned-branch", line, uses,
                    "%s follows the branch '%s': whoever can push there runs code in this "
                    "workflow",
                    uses, ref);
    else
        gha_finding(c, "ci.action-unpinned-tag", line, uses,
                    "%s is pinned to the tag '%s', which its owner can move; pin the commit SHA",
                    uses, ref);
    return false;
}

static bool gha_untrusted_ref(const char *text)
{
    static const char *const markers[] = {
        "head.sha",    "head.ref",   "head_ref",         "head_sha",
        "head_branch", "refs/pull/", "merge_commit_sha", "head.repo.full_name",
        NULL};
    for (size_t i = 0; markers[i]; i++)
        if (strstr(text, markers[i]))
            return true;
    return false;
}

struct gha_job_state {
    bool has_test;
};

static void gha_step(struct gha_context *c, struct fy_node *step, struct gha_job_state *job)
{
    if (!step || fy_node_get_type(step) != FYNT_MAPPING)
        return;
    unsigned kinds = 0;
    int uses_line = 0;
    struct fy_node *uses_node = ci_yaml_get(step, "uses", &uses_line);
    if (uses_node) {
        const char *uses = NULL;
        bool pinned = gha_check_uses(c, uses_node, &uses);
        if (uses) {
            unsigned action_kinds = ci_script_action(uses);
            ci_script_record(c->analysis, action_kinds, yaml_node_line(uses_node), uses);
            kinds |= action_kinds;
            bool first_party = false;
            enum gha_ref_kind ref_kind = gha_classify_uses(uses, &first_party);
            if (!pinned && !first_party && ref_kind != GHA_REF_LOCAL)
                gha_check_secrets_to_action(c, step, uses);
            struct fy_node *with = ci_yaml_get(step, "with", NULL);
            if (c->privileged_trigger && text_prefix_nocase(uses, "actions/checkout")) {
                static const char *const keys[] = {"ref", "repository", NULL};
                for (size_t k = 0; keys[k]; k++) {
                    struct fy_node *value = ci_yaml_get(with, keys[k], NULL);
                    const char *text = ci_yaml_scalar_copy(c->analysis->arena, value);
                    if (text && gha_untrusted_ref(text))
                        gha_finding(c, "ci.gha-untrusted-checkout", yaml_node_line(value), text,
                                    "a privileged workflow (pull_request_target/workflow_run) "
                                    "checks out untrusted code: %s: %s",
                                    keys[k], text);
                }
            }
            if (text_prefix_nocase(uses, "actions/github-script"))
                gha_check_script(c, ci_yaml_get(with, "script", NULL), true);
        }
    }
    struct fy_node *run = ci_yaml_get(step, "run", NULL);
    if (run)
        kinds |= gha_check_script(c, run, false);
    int name_line = 0;
    const char *name =
        ci_yaml_scalar_copy(c->analysis->arena, ci_yaml_get(step, "name", &name_line));
    if (name)
        ci_script_record(c->analysis, ci_script_name(name), name_line, name);
    ci_yaml_check_variables(c->analysis, c->file, ci_yaml_get(step, "env", NULL));
    if (kinds & CI_SCRIPT_BIT(CI_SCRIPT_TEST)) {
        job->has_test = true;
        struct fy_node *allow = ci_yaml_get(step, "continue-on-error", NULL);
        if (ci_yaml_is_true(allow))
            gha_finding(c, "ci.tests-allowed-to-fail", yaml_node_line(allow), "step",
                        "continue-on-error: true on a test step: failing tests do not fail the "
                        "workflow");
    }
}

static bool gha_runs_on_self_hosted(struct fy_node *runs_on)
{
    size_t length = 0;
    const char *text = ci_yaml_scalar(runs_on, &length);
    if (text)
        return text_equals_nocase(text, length, "self-hosted");
    if (!runs_on)
        return false;
    if (fy_node_get_type(runs_on) == FYNT_MAPPING)
        return gha_runs_on_self_hosted(ci_yaml_get(runs_on, "labels", NULL));
    if (fy_node_get_type(runs_on) != FYNT_SEQUENCE)
        return false;
    void *iterator = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(runs_on, &iterator)) != NULL)
        if (yaml_scalar_equals(item, "self-hosted"))
            return true;
    return false;
}

/* Whether a job's `if:` keeps it off pull-request events: it tests
 * github.event_name and either never names a pull_request event or only
 * to exclude it (`github.event_name != 'pull_request'`). */
static bool gha_condition_excludes_pull_requests(struct fy_node *condition)
{
    size_t length = 0;
    const char *text = ci_yaml_scalar(condition, &length);
    if (!text)
        return false;
    bool event_name = false, pull_request = false, excluded = false;
    for (size_t i = 0; i < length; i++) {
        if (i + 10 <= length && memcmp(text + i, "event_name", 10) == 0) {
            event_name = true;
            size_t k = i + 10;
            while (k < length && text[k] == ' ')
                k++;
            if (k + 1 < length && text[k] == '!' && text[k + 1] == '=') {
                k += 2;
                while (k < length && (text[k] == ' ' || text[k] == '\'' || text[k] == '"'))
                    k++;
                if (k + 12 <= length && memcmp(text + k, "pull_request", 12) == 0)
                    excluded = true;
            }
        }
        if (i + 12 <= length && memcmp(text + i, "pull_request", 12) == 0)
            pull_request = true;
    }
    return event_name && (!pull_request || excluded);
}

static void gha_matrix_fact(struct gha_context *c, struct fy_node *job)
{
    int line = 0;
    struct fy_node *matrix = ci_yaml_get(ci_yaml_get(job, "strategy", NULL), "matrix", &line);
    if (!matrix)
        return;
    struct strbuf note = STRBUF_INIT;
    strbuf_append_str(&note, "matrix:");
    if (fy_node_get_type(matrix) == FYNT_MAPPING) {
        void *iterator = NULL;
        struct fy_node_pair *pair;
        int shown = 0;
        while (shown < 4 && (pair = fy_node_mapping_iterate(matrix, &iterator)) != NULL) {
            size_t length = 0;
            const char *key = ci_yaml_scalar(fy_node_pair_key(pair), &length);
            if (!key || length > 40)
                continue;
            strbuf_printf(&note, "%s %.*s", shown ? "," : "", (int)length, key);
            shown++;
        }
    }
    analysis_add_fact(c->analysis, "ci.matrix", line, note.data);
    strbuf_release(&note);
}

static void gha_job(struct gha_context *c, const char *id, int id_line, struct fy_node *job,
                    bool workflow_permissions, int *unpermitted_line, size_t *unpermitted)
{
    if (!job || fy_node_get_type(job) != FYNT_MAPPING)
        return;
    int permissions_line = 0;
    if (!ci_yaml_has(job, "permissions", &permissions_line) && !workflow_permissions) {
        if (!*unpermitted_line)
            *unpermitted_line = id_line;
        (*unpermitted)++;
    }
    gha_check_write_all(c, ci_yaml_get(job, "permissions", NULL), "on a job");
    ci_script_record(c->analysis, ci_script_name(id), id_line, id);
    int name_line = 0;
    const char *name =
        ci_yaml_scalar_copy(c->analysis->arena, ci_yaml_get(job, "name", &name_line));
    if (name)
        ci_script_record(c->analysis, ci_script_name(name), name_line, name);
    int environment_line = 0;
    if (ci_yaml_has(job, "environment", &environment_line))
        analysis_add_fact(c->analysis, "ci.deploy", environment_line,
                          arena_printf(c->analysis->arena, "job %s has an environment", id));
    struct fy_node *runs_on = ci_yaml_get(job, "runs-on", NULL);
    if (c->on_pull_request && gha_runs_on_self_hosted(runs_on) &&
        !gha_condition_excludes_pull_requests(ci_yaml_get(job, "if", NULL)))
        gha_finding(c, "ci.gha-self-hosted-pr", yaml_node_line(runs_on), id,
                    "job %s runs pull-request code on a self-hosted runner", id);
    int uses_line = 0;
    struct fy_node *uses_node = ci_yaml_get(job, "uses", &uses_line);
    if (uses_node) {
        const char *uses = NULL;
        bool pinned = gha_check_uses(c, uses_node, &uses);
        bool first_party = false;
        if (uses && !pinned && gha_classify_uses(uses, &first_party) != GHA_REF_LOCAL &&
            !first_party)
            gha_check_secrets_to_action(c, job, uses);
    }
    gha_matrix_fact(c, job);
    ci_yaml_check_variables(c->analysis, c->file, ci_yaml_get(job, "env", NULL));

    struct gha_job_state state = {0};
    struct fy_node *steps = ci_yaml_get(job, "steps", NULL);
    if (steps && fy_node_get_type(steps) == FYNT_SEQUENCE) {
        void *iterator = NULL;
        struct fy_node *step;
        while ((step = fy_node_sequence_iterate(steps, &iterator)) != NULL)
            if (fy_node_get_style(step) != FYNS_ALIAS)
                gha_step(c, step, &state);
    }
    struct fy_node *allow = ci_yaml_get(job, "continue-on-error", NULL);
    if (state.has_test && ci_yaml_is_true(allow))
        gha_finding(c, "ci.tests-allowed-to-fail", yaml_node_line(allow), id,
                    "continue-on-error: true on job %s, which runs the tests: failing tests do "
                    "not fail the workflow",
                    id);
}

/* The reason of a util/yaml.c error without its "LINE:" prefix (the
 * finding has the line already). */
static const char *gha_error_reason(const char *error)
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

static bool gha_applies(const struct source_file *file)
{
    return gha_is_workflow_path(file->path);
}

static void gha_run(const struct source_file *file, struct analysis *analysis)
{
    analysis_add_fact(analysis, "ci.system", 1, "GitHub Actions");
    struct strbuf error = STRBUF_INIT;
    int error_line = 0;
    struct fy_document *document = ci_yaml_parse(file->content, file->length, &error, &error_line);
    if (!document) {
        analysis_add_finding(analysis, "ci.invalid-yaml", error_line > 0 ? error_line : 1, 0,
                             analysis_line_text(analysis, file, error_line > 0 ? error_line : 1),
                             "invalid", "GitHub cannot run this workflow: %s",
                             gha_error_reason(error.data));
        strbuf_release(&error);
        return;
    }
    strbuf_release(&error);
    struct fy_node *root = fy_document_root(document);
    struct gha_context c = {.file = file, .analysis = analysis};
    if (!root || fy_node_get_type(root) != FYNT_MAPPING || fy_node_get_style(root) == FYNS_ALIAS) {
        analysis_add_finding(analysis, "ci.invalid-yaml", 1, 0,
                             analysis_line_text(analysis, file, 1), "not-a-mapping",
                             "GitHub cannot run this workflow: %s",
                             "the document is not a mapping of on:, jobs: …");
        fy_document_destroy(document);
        return;
    }
    struct fy_node *on = ci_yaml_get(root, "on", NULL);
    if (!on)
        on = ci_yaml_get(root, "true", NULL); /* `on` read the YAML 1.1 way */
    gha_read_triggers(&c, on);
    bool workflow_permissions = ci_yaml_has(root, "permissions", NULL);
    gha_check_write_all(&c, ci_yaml_get(root, "permissions", NULL), "for the workflow");
    ci_yaml_check_variables(analysis, file, ci_yaml_get(root, "env", NULL));

    struct fy_node *jobs = ci_yaml_get(root, "jobs", NULL);
    int unpermitted_line = 0;
    size_t unpermitted = 0, job_count = 0;
    if (jobs && fy_node_get_type(jobs) == FYNT_MAPPING) {
        void *iterator = NULL;
        struct fy_node_pair *pair;
        while ((pair = fy_node_mapping_iterate(jobs, &iterator)) != NULL) {
            struct fy_node *key = fy_node_pair_key(pair);
            const char *id = ci_yaml_scalar_copy(analysis->arena, key);
            if (!id)
                continue;
            job_count++;
            gha_job(&c, id, yaml_node_line(key), fy_node_pair_value(pair), workflow_permissions,
                    &unpermitted_line, &unpermitted);
        }
    }
    if (unpermitted && unpermitted_line > 0 && !c.only_workflow_call)
        analysis_add_finding(analysis, "ci.gha-no-permissions", unpermitted_line, 0,
                             analysis_line_text(analysis, file, unpermitted_line), "permissions",
                             "no permissions: block for the workflow or for %zu of its %zu "
                             "job%s: GITHUB_TOKEN gets the repository's default scopes",
                             unpermitted, job_count, job_count == 1 ? "" : "s");
    fy_document_destroy(document);
}

const struct analyzer analyzer_gha_workflow = {
    .name = "gha_workflow",
    .applies = gha_applies,
    .run = gha_run,
};
