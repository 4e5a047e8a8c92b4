/*
 * kubernetes: the analyzer that raises the `k8s.*` rules of
 * rules/kubernetes.yml on Kubernetes manifests, Helm chart templates and
 * Helm values files, and leaves facts (Deployments, PodDisruptionBudgets)
 * for the repository-level check in checks/infrastructure.c.
 *
 * What is a manifest: any YAML document whose top level has `apiVersion`
 * and `kind`, in any file (multi-document files included). A YAML file under
 * a `templates/` directory that holds `{{` is a Helm template: Go template
 * actions are blanked line by line before parsing (whole-line actions become
 * blank lines, inline ones a placeholder), so line numbers stay those of the
 * file. What a template fills in is unknown and never judged: a value with
 * a placeholder, a key whose value an action supplies, and the absences in
 * a container into which an action injects keys. A template document that
 * still cannot be parsed is skipped and counted (fact "yaml.unparsed").
 *
 * Where a finding goes: the line of the offending key (`privileged: true`,
 * `image:`, `hostPath:`); what a container lacks goes on its securityContext
 * or resources key when it has one, else on the container's first line.
 *
 * Like every analyzer it reads only its own file and writes only its own
 * analysis; cross-file questions are left to checks/infrastructure.c.
 */
#include "analyzers/analyzer.h"
#include "analyzers/content_scan.h"
#include "analyzers/yaml_walk.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>

#define K8S_PLACEHOLDER "__helm_value__"

/* Lines of a Helm template that the blanking pass learnt about. */
struct k8s_template {
    bool active;
    unsigned char *injected;  /* per line: an output action that inserts keys here */
    unsigned char *value_set; /* per line: a `key:` whose value an action supplies */
    int line_count;
    const char *text; /* the blanked text */
    size_t length;
};

struct k8s_context {
    const struct source_file *file;
    struct analysis *analysis;
    struct arena *arena;
    const struct ywalk_document *document;
    const struct k8s_template *template;
    /* Per-file tallies for the strength facts. */
    int containers, with_probes, with_limits, non_root, first_container_line;
};

/* ---- Helm template blanking ---- */

static bool k8s_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* What a Go template action does to the text around it. */
enum k8s_action {
    K8S_ACTION_OUTPUT, /* writes text: {{ .Values.x }}, {{ include … }}, {{ toYaml … }} */
    K8S_ACTION_OPEN,   /* if, with, range, define, block: opens a branch up to its end */
    K8S_ACTION_ELSE,   /* else, else if, else with */
    K8S_ACTION_END,
    K8S_ACTION_QUIET, /* prints nothing: a comment, an assignment, break, continue */
};

static bool k8s_word(const char *text, size_t length, const char *word)
{
    size_t n = strlen(word);
    return length >= n && memcmp(text, word, n) == 0 &&
           (length == n || k8s_blank(text[n]) || text[n] == '(' || text[n] == '-');
}

static enum k8s_action k8s_action_kind(const char *action, size_t length)
{
    while (length && (k8s_blank(*action) || *action == '-' || *action == '\n')) {
        action++;
        length--;
    }
    if (k8s_word(action, length, "if") || k8s_word(action, length, "with") ||
        k8s_word(action, length, "range") || k8s_word(action, length, "define") ||
        k8s_word(action, length, "block"))
        return K8S_ACTION_OPEN;
    if (k8s_word(action, length, "else"))
        return K8S_ACTION_ELSE;
    if (k8s_word(action, length, "end"))
        return K8S_ACTION_END;
    if ((length >= 2 && memcmp(action, "/*", 2) == 0) || k8s_word(action, length, "break") ||
        k8s_word(action, length, "continue"))
        return K8S_ACTION_QUIET;
    /* `$name := …` and `$name = …` assign; they print nothing. */
    if (length && action[0] == '$') {
        for (size_t i = 0; i + 1 < length; i++)
            if (action[i] == ':' && action[i + 1] == '=')
                return K8S_ACTION_QUIET;
        for (size_t i = 1; i + 1 < length; i++)
            if (action[i] == '=' && action[i - 1] == ' ' && action[i + 1] == ' ')
                return K8S_ACTION_QUIET;
    }
    return K8S_ACTION_OUTPUT;
}

/* The if/else nesting: only the first branch of each conditional is kept,
 * so a key set in both branches (`{{ if }} a: 1 {{ else }} a: 2 {{ end }}`)
 * is read once instead of making the YAML a duplicate-key error. */
enum { K8S_BRANCH_DEPTH = 64 };
struct k8s_branches {
    bool in_else[K8S_BRANCH_DEPTH];
    int depth, overflow, skipping; /* skipping: open branches now in an else part */
};

static void k8s_branch_apply(struct k8s_branches *branches, enum k8s_action action)
{
    if (action == K8S_ACTION_OPEN) {
        if (branches->depth < K8S_BRANCH_DEPTH)
            branches->in_else[branches->depth++] = false;
        else
            branches->overflow++;
    } else if (action == K8S_ACTION_ELSE) {
        if (!branches->overflow && branches->depth > 0 && !branches->in_else[branches->depth - 1]) {
            branches->in_else[branches->depth - 1] = true;
            branches->skipping++;
        }
    } else if (action == K8S_ACTION_END) {
        if (branches->overflow) {
            branches->overflow--;
        } else if (branches->depth > 0) {
            branches->depth--;
            branches->skipping -= branches->in_else[branches->depth];
        }
    }
}

/* Blanks the Go template actions of `text` into an arena copy. */
static void k8s_template_prepare(struct arena *arena, const char *text, size_t length,
                                 struct k8s_template *template)
{
    memset(template, 0, sizeof(*template));
    template->active = true;
    int lines = 1;
    for (size_t i = 0; i < length; i++)
        lines += text[i] == '\n';
    template->line_count = lines;
    template->injected = arena_alloc(arena, (size_t)lines + 2);
    template->value_set = arena_alloc(arena, (size_t)lines + 2);
    memset(template->injected, 0, (size_t)lines + 2);
    memset(template->value_set, 0, (size_t)lines + 2);

    struct strbuf out = STRBUF_INIT;
    struct k8s_branches branches = {.depth = 0};
    int line = 1, last_content_line = 0;
    bool last_content_opens_value = false; /* the last content line ends with ':' */
    bool in_action = false;                /* inside an action spanning lines */
    const char *p = text, *end = text + length;
    while (p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = newline ? newline : end;
        size_t out_start = out.length;
        bool had_action = in_action, had_output = false;
        const char *q = p;
        while (q < line_end) {
            if (in_action) {
                const char *close = NULL;
                for (const char *r = q; r + 1 < line_end; r++)
                    if (r[0] == '}' && r[1] == '}') {
                        close = r;
                        break;
                    }
                if (!close)
                    break; /* the action goes on past this line */
                q = close + 2;
                in_action = false;
                continue;
            }
            if (q + 1 < line_end && q[0] == '{' && q[1] == '{') {
                const char *body = q + 2, *close = NULL;
                for (const char *r = body; r + 1 < line_end; r++)
                    if (r[0] == '}' && r[1] == '}') {
                        close = r;
                        break;
                    }
                size_t body_length = (size_t)((close ? close : line_end) - body);
                enum k8s_action action = k8s_action_kind(body, body_length);
                had_action = true;
                /* Every action leaves a placeholder, so a value that holds
                 * one (even a conditional) reads as unknown, not as text. */
                if (!branches.skipping) {
                    strbuf_append_str(&out, K8S_PLACEHOLDER);
                    had_output = had_output || action == K8S_ACTION_OUTPUT;
                }
                k8s_branch_apply(&branches, action);
                if (!close) {
                    in_action = true;
                    break;
                }
                q = close + 2;
                continue;
            }
            if (!branches.skipping)
                strbuf_append_char(&out, *q);
            q++;
        }
        /* A line that held only actions (and blanks) becomes blank, so the
         * YAML around it keeps its shape; an output action there inserts
         * text the parser never sees. */
        size_t placeholder = strlen(K8S_PLACEHOLDER);
        bool only_actions = had_action;
        for (size_t k = out_start; only_actions && k < out.length;) {
            if (k8s_blank(out.data[k]))
                k++;
            else if (out.length - k >= placeholder &&
                     memcmp(out.data + k, K8S_PLACEHOLDER, placeholder) == 0)
                k += placeholder;
            else
                only_actions = false;
        }
        if (only_actions) {
            out.length = out_start;
            if (out.data)
                out.data[out.length] = '\0';
            if (had_output && line <= lines) {
                if (last_content_opens_value && last_content_line > 0)
                    template->value_set[last_content_line] = 1;
                else
                    template->injected[line] = 1;
            }
        } else {
            /* Remember whether this content line opens a value (`key:`). */
            size_t k = out.length;
            while (k > out_start && k8s_blank(out.data[k - 1]))
                k--;
            size_t first = out_start;
            while (first < k && k8s_blank(out.data[first]))
                first++;
            bool comment = first < k && out.data[first] == '#';
            if (k > out_start && !comment) {
                last_content_line = line;
                last_content_opens_value = out.data[k - 1] == ':';
            }
        }
        if (newline)
            strbuf_append_char(&out, '\n');
        p = newline ? newline + 1 : end;
        line++;
    }
    template->length = out.length;
    template->text = out.length ? arena_strndup(arena, out.data, out.length) : "";
    strbuf_release(&out);
}

/* ---- small helpers ---- */

static int k8s_line(struct k8s_context *c, struct fy_node *node)
{
    return ywalk_line(c->document, node);
}

static void k8s_report(struct k8s_context *c, const char *rule, int line, struct fy_node *at,
                       const char *message)
{
    analysis_add_finding(c->analysis, rule, line, at ? ywalk_column(at) : 0,
                         analysis_line_text(c->analysis, c->file, line), NULL, "%s", message);
}

static void k8s_report_at(struct k8s_context *c, const char *rule, struct fy_node *key,
                          const char *message)
{
    k8s_report(c, rule, k8s_line(c, key), key, message);
}

/* Whether a template supplies this value: the value holds a placeholder,
 * or its key's value comes from an action on the following lines. */
static bool k8s_templated(struct k8s_context *c, struct fy_node *key, struct fy_node *value)
{
    if (!c->template->active)
        return false;
    int line = k8s_line(c, key);
    if (line > 0 && line <= c->template->line_count && c->template->value_set[line])
        return true;
    struct fy_node *scalar = ywalk_deref(value);
    if (scalar && fy_node_get_type(scalar) == FYNT_SCALAR) {
        size_t length = 0;
        const char *text = fy_node_get_scalar(scalar, &length);
        for (size_t i = 0; text && i + sizeof(K8S_PLACEHOLDER) - 1 <= length; i++)
            if (memcmp(text + i, K8S_PLACEHOLDER, sizeof(K8S_PLACEHOLDER) - 1) == 0)
                return true;
    }
    return false;
}

/* The value of `key` in `map` and whether a template supplies it. */
static struct fy_node *k8s_get(struct k8s_context *c, struct fy_node *map, const char *key,
                               struct fy_node **key_node, bool *templated)
{
    struct fy_node *k = NULL;
    struct fy_node *value = ywalk_get(map, key, &k);
    if (key_node)
        *key_node = k;
    if (templated)
        *templated = k && k8s_templated(c, k, value);
    return value;
}

/* Whether an action injects keys into the mapping that starts at
 * `first_line` with its keys in column `column`: any injection line after it
 * and before the first later line indented less than `column`. */
static bool k8s_injected_into(struct k8s_context *c, int first_line, int column)
{
    const struct k8s_template *template = c->template;
    if (!template->active || first_line <= 0 || column <= 0)
        return false;
    const char *p = template->text, *end = template->text + template->length;
    int line = 1;
    while (p < end && line < first_line) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        if (!newline)
            return false;
        p = newline + 1;
        line++;
    }
    for (; p < end; line++) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = newline ? newline : end;
        if (line > first_line) {
            if (line <= template->line_count && template->injected[line])
                return true;
            int indent = 0;
            while (p + indent < line_end && p[indent] == ' ')
                indent++;
            bool blank = p + indent == line_end || p[indent] == '#' || p[indent] == '\r';
            if (!blank && indent + 1 < column)
                return false;
        }
        if (!newline)
            break;
        p = newline + 1;
    }
    return false;
}

/* ---- containers ---- */

struct k8s_pod {
    struct fy_node *spec;
    struct fy_node *security; /* pod-level securityContext */
    bool security_templated;
    bool long_running; /* probes apply */
    const char *owner; /* "Deployment web" */
};

/* The effective value of a securityContext field: the container's, else
 * the pod's (for the fields both levels have). */
static struct fy_node *k8s_security_field(struct k8s_context *c, const struct k8s_pod *pod,
                                          struct fy_node *container_security, const char *field,
                                          struct fy_node **key, bool *templated)
{
    struct fy_node *value = k8s_get(c, container_security, field, key, templated);
    if (*key)
        return value;
    return k8s_get(c, pod->security, field, key, templated);
}

/* Literal secrets in `env`: `- name: DB_PASSWORD` with a `value:` (not a
 * `valueFrom` reference, not a template, not a $(VAR) expansion). */
static void k8s_check_env(struct k8s_context *c, struct fy_node *container, const char *owner)
{
    struct fy_node *env = ywalk_get(container, "env", NULL);
    if (!ywalk_is_sequence(env))
        return;
    void *iterator = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(ywalk_deref(env), &iterator)) != NULL) {
        const char *name = ywalk_scalar(c->arena, ywalk_get(item, "name", NULL));
        struct fy_node *key = NULL;
        bool templated = false;
        struct fy_node *value_node = k8s_get(c, item, "value", &key, &templated);
        const char *value = ywalk_scalar(c->arena, value_node);
        if (!name || !value || !*value || templated || value[0] == '$' || !ywalk_secret_name(name))
            continue;
        int line = k8s_line(c, key);
        const char *text = analysis_line_text(c->analysis, c->file, line);
        size_t length = strlen(value);
        char redacted[CONTENT_SCAN_REDACTED_MAX];
        content_scan_redact(value, length, redacted);
        const char *found = text ? strstr(text, value) : NULL;
        const char *snippet = found ? arena_printf(c->arena, "%.*s%s%s", (int)(found - text), text,
                                                   redacted, found + length)
                                    : arena_printf(c->arena, "value: %s", redacted);
        analysis_add_finding(c->analysis, "k8s.secret-in-env", line, ywalk_column(key), snippet,
                             arena_printf(c->arena, "%s=%s", name, redacted),
                             "container %s sets %s to a literal secret (%s)", owner, name,
                             redacted);
    }
}

static void k8s_check_container(struct k8s_context *c, const struct k8s_pod *pod,
                                struct fy_node *container, bool init)
{
    container = ywalk_deref(container);
    if (!ywalk_is_mapping(container))
        return;
    const char *name = ywalk_scalar(c->arena, ywalk_get(container, "name", NULL));
    if (!name)
        name = "(unnamed)";
    int line = k8s_line(c, container);
    int column = 0;
    {
        void *iterator = NULL;
        struct fy_node_pair *first = fy_node_mapping_iterate(container, &iterator);
        column = first ? ywalk_column(fy_node_pair_key(first)) : 0;
    }
    /* Keys an action may inject make every absence unknowable. */
    bool open = k8s_injected_into(c, line, column);
    struct fy_node *key = NULL;
    bool templated = false;

    struct fy_node *image = k8s_get(c, container, "image", &key, &templated);
    const char *image_text = ywalk_scalar(c->arena, image);
    if (image_text && !templated && ywalk_image_floats(image_text))
        k8s_report_at(c, "k8s.image-latest", key,
                      arena_printf(c->arena,
                                   "container %s runs image %s, which floats with "
                                   "`latest`",
                                   name, image_text));

    struct fy_node *security_key = NULL;
    bool security_templated = false;
    struct fy_node *security =
        k8s_get(c, container, "securityContext", &security_key, &security_templated);
    int security_line = security_key ? k8s_line(c, security_key) : line;
    /* Most fields exist only on the container; runAsNonRoot and runAsUser
     * may also come from the pod, so a templated pod context hides only
     * those. */
    bool security_known = !security_templated && !open;
    bool user_known = security_known && !pod->security_templated;

    struct fy_node *value = k8s_get(c, security, "privileged", &key, &templated);
    if (ywalk_is_true(value) && !templated)
        k8s_report_at(c, "k8s.privileged", key,
                      arena_printf(c->arena, "container %s runs privileged", name));

    value = k8s_get(c, security, "allowPrivilegeEscalation", &key, &templated);
    if (!templated && security_known && !ywalk_is_false(value))
        k8s_report(c, "k8s.privilege-escalation", key ? k8s_line(c, key) : security_line, key,
                   arena_printf(c->arena,
                                "container %s does not set allowPrivilegeEscalation: false", name));

    value = k8s_get(c, security, "readOnlyRootFilesystem", &key, &templated);
    if (!templated && security_known && !ywalk_is_true(value))
        k8s_report(c, "k8s.writable-root-filesystem", key ? k8s_line(c, key) : security_line, key,
                   arena_printf(c->arena, "container %s has a writable root filesystem", name));

    bool caps_templated = false;
    struct fy_node *caps_key = NULL;
    struct fy_node *capabilities = k8s_get(c, security, "capabilities", &caps_key, &caps_templated);
    struct fy_node *drop_key = NULL;
    bool drop_templated = false;
    struct fy_node *drop = k8s_get(c, capabilities, "drop", &drop_key, &drop_templated);
    bool drops_all = false;
    if (ywalk_is_sequence(drop)) {
        void *iterator = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(ywalk_deref(drop), &iterator)) != NULL)
            drops_all = drops_all || ywalk_scalar_is(item, "ALL") || k8s_templated(c, NULL, item);
    }
    if (!drops_all && !caps_templated && !drop_templated && security_known) {
        struct fy_node *at = drop_key ? drop_key : caps_key;
        k8s_report(c, "k8s.capabilities-not-dropped", at ? k8s_line(c, at) : security_line, at,
                   arena_printf(c->arena, "container %s does not drop ALL capabilities", name));
    }
    struct fy_node *add_key = NULL;
    struct fy_node *add = k8s_get(c, capabilities, "add", &add_key, NULL);
    if (ywalk_is_sequence(add)) {
        static const char *const dangerous[] = {"ALL",        "SYS_ADMIN",  "NET_ADMIN",
                                                "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH",
                                                "NET_RAW",    "SYS_RAWIO",  "BPF"};
        void *iterator = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(ywalk_deref(add), &iterator)) != NULL) {
            const char *capability = ywalk_scalar(c->arena, item);
            if (!capability)
                continue;
            const char *bare = text_prefix_nocase(capability, "CAP_") ? capability + 4 : capability;
            for (size_t i = 0; i < sizeof(dangerous) / sizeof(*dangerous); i++)
                if (text_equals_nocase(bare, strlen(bare), dangerous[i])) {
                    k8s_report_at(c, "k8s.dangerous-capability", item,
                                  arena_printf(c->arena, "container %s adds capability %s", name,
                                               capability));
                    break;
                }
        }
    }

    /* Root: an explicit UID 0 anywhere effective, else no runAsNonRoot. */
    struct fy_node *user_key = NULL;
    bool user_templated = false;
    struct fy_node *user =
        k8s_security_field(c, pod, security, "runAsUser", &user_key, &user_templated);
    struct fy_node *non_root_key = NULL;
    bool non_root_templated = false;
    struct fy_node *non_root =
        k8s_security_field(c, pod, security, "runAsNonRoot", &non_root_key, &non_root_templated);
    bool runs_as_root = false;
    if (user_key && !user_templated && ywalk_scalar_is(user, "0")) {
        runs_as_root = true;
        k8s_report_at(c, "k8s.run-as-root", user_key,
                      arena_printf(c->arena, "container %s runs as UID 0 (root)", name));
    } else if (!user_templated && !non_root_templated && user_known && !ywalk_is_true(non_root) &&
               !(user_key && !ywalk_is_null(user))) {
        runs_as_root = true;
        struct fy_node *at = non_root_key ? non_root_key : security_key;
        k8s_report(c, "k8s.run-as-non-root-missing", at ? k8s_line(c, at) : line, at,
                   arena_printf(c->arena,
                                "container %s may run as root: runAsNonRoot is not true and no "
                                "non-zero runAsUser is set",
                                name));
    }

    k8s_check_env(c, container, name);
    if (init)
        return;
    c->containers++;
    if (!c->first_container_line)
        c->first_container_line = line;
    c->non_root += !runs_as_root;

    struct fy_node *resources_key = NULL;
    bool resources_templated = false;
    struct fy_node *resources =
        k8s_get(c, container, "resources", &resources_key, &resources_templated);
    int resources_line = resources_key ? k8s_line(c, resources_key) : line;
    if (!resources_templated && !open) {
        bool limits_templated = false, requests_templated = false;
        struct fy_node *limits = k8s_get(c, resources, "limits", NULL, &limits_templated);
        struct fy_node *requests = k8s_get(c, resources, "requests", NULL, &requests_templated);
        bool memory_limit = ywalk_get(limits, "memory", NULL) != NULL;
        if (!limits_templated && !memory_limit)
            k8s_report(c, "k8s.no-resource-limits", resources_line, resources_key,
                       arena_printf(c->arena, "container %s has no memory limit", name));
        if (!requests_templated && !ywalk_is_mapping(requests))
            k8s_report(c, "k8s.no-resource-requests", resources_line, resources_key,
                       arena_printf(c->arena, "container %s requests no CPU or memory", name));
        c->with_limits += memory_limit || limits_templated;
    } else {
        c->with_limits++;
    }

    if (!pod->long_running)
        return;
    bool has_liveness = ywalk_get(container, "livenessProbe", NULL) != NULL;
    bool has_readiness = ywalk_get(container, "readinessProbe", NULL) != NULL;
    if (!open && !has_liveness)
        k8s_report(
            c, "k8s.no-liveness-probe", line, NULL,
            arena_printf(c->arena, "container %s of %s has no livenessProbe", name, pod->owner));
    if (!open && !has_readiness)
        k8s_report(
            c, "k8s.no-readiness-probe", line, NULL,
            arena_printf(c->arena, "container %s of %s has no readinessProbe", name, pod->owner));
    c->with_probes += open || (has_liveness && has_readiness);
}

static void k8s_check_pod(struct k8s_context *c, struct k8s_pod *pod)
{
    struct fy_node *spec = pod->spec;
    static const struct {
        const char *field, *rule, *what;
    } host_namespaces[] = {
        {"hostNetwork", "k8s.host-network", "the node's network namespace"},
        {"hostPID", "k8s.host-pid", "the node's process namespace"},
        {"hostIPC", "k8s.host-ipc", "the node's IPC namespace"},
    };
    for (size_t i = 0; i < sizeof(host_namespaces) / sizeof(*host_namespaces); i++) {
        struct fy_node *key = NULL;
        bool templated = false;
        struct fy_node *value = k8s_get(c, spec, host_namespaces[i].field, &key, &templated);
        if (!templated && ywalk_is_true(value))
            k8s_report_at(c, host_namespaces[i].rule, key,
                          arena_printf(c->arena, "%s shares %s (%s: true)", pod->owner,
                                       host_namespaces[i].what, host_namespaces[i].field));
    }
    struct fy_node *volumes = ywalk_get(spec, "volumes", NULL);
    if (ywalk_is_sequence(volumes)) {
        void *iterator = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(ywalk_deref(volumes), &iterator)) != NULL) {
            struct fy_node *key = NULL;
            struct fy_node *host_path = ywalk_get(item, "hostPath", &key);
            if (!key)
                continue;
            const char *path = ywalk_scalar(c->arena, ywalk_get(host_path, "path", NULL));
            k8s_report_at(c, "k8s.host-path", key,
                          arena_printf(c->arena, "%s mounts host path %s", pod->owner,
                                       path ? path : "(templated)"));
        }
    }
    pod->security = k8s_get(c, spec, "securityContext", NULL, &pod->security_templated);
    static const char *const lists[] = {"containers", "initContainers"};
    for (size_t l = 0; l < 2; l++) {
        struct fy_node *containers = ywalk_get(spec, lists[l], NULL);
        if (!ywalk_is_sequence(containers))
            continue;
        void *iterator = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(ywalk_deref(containers), &iterator)) != NULL)
            k8s_check_container(c, pod, item, l == 1);
    }
}

/* ---- objects ---- */

/* "k=v,k=v" of a label mapping, in document order; "?" when a template
 * supplies it or it is not a plain mapping of scalars. */
static const char *k8s_labels(struct k8s_context *c, struct fy_node *map, const char *key)
{
    bool templated = false;
    struct fy_node *labels = k8s_get(c, map, key, NULL, &templated);
    if (templated || !ywalk_is_mapping(labels))
        return "?";
    struct strbuf out = STRBUF_INIT;
    void *iterator = NULL;
    struct fy_node_pair *pair;
    bool unknown = false;
    while ((pair = fy_node_mapping_iterate(ywalk_deref(labels), &iterator)) != NULL) {
        const char *name = ywalk_scalar(c->arena, fy_node_pair_key(pair));
        const char *value = ywalk_scalar(c->arena, fy_node_pair_value(pair));
        if (!name || !value || strstr(name, K8S_PLACEHOLDER) || strstr(value, K8S_PLACEHOLDER) ||
            strchr(name, ',') || strchr(value, ',')) {
            unknown = true;
            break;
        }
        strbuf_printf(&out, "%s%s=%s", out.length ? "," : "", name, value);
    }
    const char *result = unknown ? "?" : arena_strdup(c->arena, out.data ? out.data : "");
    strbuf_release(&out);
    return result;
}

static void k8s_check_secret(struct k8s_context *c, struct fy_node *root, const char *name)
{
    const char *type = ywalk_scalar(c->arena, ywalk_get(root, "type", NULL));
    if (type && strcmp(type, "kubernetes.io/service-account-token") == 0)
        return;
    static const char *const fields[] = {"data", "stringData"};
    for (size_t f = 0; f < 2; f++) {
        struct fy_node *key = NULL;
        bool templated = false;
        struct fy_node *data = k8s_get(c, root, fields[f], &key, &templated);
        if (templated || !ywalk_is_mapping(data))
            continue;
        size_t literal = 0;
        void *iterator = NULL;
        struct fy_node_pair *pair;
        while ((pair = fy_node_mapping_iterate(ywalk_deref(data), &iterator)) != NULL) {
            struct fy_node *value = fy_node_pair_value(pair);
            const char *text = ywalk_scalar(c->arena, value);
            if (text && *text && !k8s_templated(c, fy_node_pair_key(pair), value) && text[0] != '$')
                literal++;
        }
        if (literal)
            k8s_report_at(c, "k8s.secret-plaintext", key,
                          arena_printf(c->arena,
                                       "Secret %s commits %zu value%s in %s (base64 is an "
                                       "encoding, not encryption)",
                                       name, literal, literal == 1 ? "" : "s", fields[f]));
    }
}

static void k8s_check_object(struct k8s_context *c, struct fy_node *root, struct fy_node *kind_key,
                             const char *kind)
{
    struct fy_node *metadata = ywalk_get(root, "metadata", NULL);
    const char *name = ywalk_scalar(c->arena, ywalk_get(metadata, "name", NULL));
    if (!name || strstr(name, K8S_PLACEHOLDER))
        name = "(templated)";
    struct fy_node *namespace_key = NULL;
    const char *namespace =
        ywalk_scalar(c->arena, ywalk_get(metadata, "namespace", &namespace_key));
    if (namespace && strcmp(namespace, "default") == 0)
        k8s_report_at(
            c, "k8s.default-namespace", namespace_key,
            arena_printf(c->arena, "%s %s is placed in the default namespace", kind, name));
    if (!namespace || strstr(namespace, K8S_PLACEHOLDER))
    namespace = "";
    int kind_line = k8s_line(c, kind_key);
    analysis_add_fact(c->analysis, "kind.infrastructure", kind_line, "Kubernetes manifest");
    /* A Helm test hook runs only under `helm test`: not a production
     * workload. */
    const char *hook = ywalk_scalar(
        c->arena, ywalk_get(ywalk_get(metadata, "annotations", NULL), "helm.sh/hook", NULL));
    if (hook && strstr(hook, "test"))
        return;

    struct fy_node *spec = ywalk_get(root, "spec", NULL);
    if (strcmp(kind, "Secret") == 0) {
        k8s_check_secret(c, root, name);
        return;
    }
    if (strcmp(kind, "Service") == 0) {
        struct fy_node *key = NULL;
        struct fy_node *type = ywalk_get(spec, "type", &key);
        if (ywalk_scalar_is(type, "LoadBalancer") || ywalk_scalar_is(type, "NodePort"))
            k8s_report_at(c, "k8s.service-exposed", key,
                          arena_printf(c->arena, "Service %s is of type %s", name,
                                       ywalk_scalar(c->arena, type)));
        return;
    }
    if (strcmp(kind, "PodDisruptionBudget") == 0) {
        struct fy_node *selector = ywalk_get(spec, "selector", NULL);
        const char *labels = ywalk_get(selector, "matchExpressions", NULL)
                                 ? "?"
                                 : k8s_labels(c, selector, "matchLabels");
        analysis_add_fact(c->analysis, "k8s.pdb", kind_line,
                          arena_printf(c->arena, "%s\t%s", namespace, labels));
        return;
    }

    struct k8s_pod pod = {.owner = arena_printf(c->arena, "%s %s", kind, name)};
    struct fy_node *template_spec = NULL, *template_metadata = NULL;
    if (strcmp(kind, "Pod") == 0) {
        /* A bare Pod that is not restarted is a one-off task: no probes. */
        pod.spec = spec;
        struct fy_node *restart = ywalk_get(spec, "restartPolicy", NULL);
        pod.long_running =
            !ywalk_scalar_is(restart, "Never") && !ywalk_scalar_is(restart, "OnFailure");
    } else if (strcmp(kind, "CronJob") == 0) {
        struct fy_node *job = ywalk_get(ywalk_get(spec, "jobTemplate", NULL), "spec", NULL);
        pod.spec = ywalk_get(ywalk_get(job, "template", NULL), "spec", NULL);
    } else if (strcmp(kind, "Deployment") == 0 || strcmp(kind, "StatefulSet") == 0 ||
               strcmp(kind, "DaemonSet") == 0 || strcmp(kind, "ReplicaSet") == 0 ||
               strcmp(kind, "ReplicationController") == 0 || strcmp(kind, "Job") == 0) {
        struct fy_node *template = ywalk_get(spec, "template", NULL);
        template_spec = ywalk_get(template, "spec", NULL);
        template_metadata = ywalk_get(template, "metadata", NULL);
        pod.spec = template_spec;
        pod.long_running = strcmp(kind, "Job") != 0;
    }
    if (strcmp(kind, "Deployment") == 0 || strcmp(kind, "StatefulSet") == 0) {
        struct fy_node *key = NULL;
        bool templated = false;
        struct fy_node *replicas = k8s_get(c, spec, "replicas", &key, &templated);
        bool single = key && !templated && ywalk_scalar_is(replicas, "1");
        if (single)
            k8s_report_at(c, "k8s.single-replica", key,
                          arena_printf(c->arena, "%s %s runs a single replica", kind, name));
        if (strcmp(kind, "Deployment") == 0 && !single)
            analysis_add_fact(c->analysis, "k8s.deployment", kind_line,
                              arena_printf(c->arena, "%s\t%s\t%s", namespace, name,
                                           k8s_labels(c, template_metadata, "labels")));
    }
    if (ywalk_is_mapping(pod.spec))
        k8s_check_pod(c, &pod);
}

/* ---- Helm values files ---- */

/* Image tags in values.yaml: `image: name:latest`, or a mapping with
 * `repository` and `tag: latest`. Aliases are not followed: the anchored
 * node is visited where it is defined. */
static void k8s_walk_values(struct k8s_context *c, struct fy_node *node, int depth)
{
    if (!node || depth > 64 || fy_node_get_type(node) == FYNT_SCALAR)
        return;
    if (fy_node_get_type(node) == FYNT_SEQUENCE) {
        void *iterator = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(node, &iterator)) != NULL)
            k8s_walk_values(c, item, depth + 1);
        return;
    }
    struct fy_node *tag_key = NULL;
    struct fy_node *tag = ywalk_get(node, "tag", &tag_key);
    if (tag_key && ywalk_get(node, "repository", NULL) && ywalk_scalar_is(tag, "latest"))
        k8s_report_at(c, "k8s.image-latest", tag_key,
                      arena_printf(c->arena, "image %s is tagged `latest`",
                                   ywalk_scalar(c->arena, ywalk_get(node, "repository", NULL))));
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iterator)) != NULL) {
        struct fy_node *key = fy_node_pair_key(pair), *value = fy_node_pair_value(pair);
        if (fy_node_is_alias(value))
            continue;
        const char *image = NULL;
        if (yaml_scalar_equals(key, "image") && (image = ywalk_scalar(c->arena, value)) && *image &&
            ywalk_image_floats(image))
            k8s_report_at(c, "k8s.image-latest", key,
                          arena_printf(c->arena, "image %s floats with `latest`", image));
        k8s_walk_values(c, value, depth + 1);
    }
}

/* ---- the analyzer interface ---- */

static bool k8s_has_suffix(const char *text, const char *suffix)
{
    size_t length = strlen(text), suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

static bool k8s_is_compose_name(const char *base)
{
    return text_prefix_nocase(base, "docker-compose") || text_prefix_nocase(base, "compose.") ||
           text_prefix_nocase(base, "compose-") || text_prefix_nocase(base, "compose_");
}

static bool k8s_in_templates(const char *path)
{
    return strncmp(path, "templates/", 10) == 0 || strstr(path, "/templates/") != NULL;
}

static bool k8s_is_values_file(const char *path)
{
    const char *base = text_basename(path);
    return !k8s_in_templates(path) && strncmp(base, "values", 6) == 0 &&
           (k8s_has_suffix(base, ".yaml") || k8s_has_suffix(base, ".yml"));
}

static bool kubernetes_applies(const struct source_file *file)
{
    const char *base = text_basename(file->path);
    if (!k8s_has_suffix(base, ".yaml") && !k8s_has_suffix(base, ".yml"))
        return false;
    if (k8s_is_compose_name(base) || strncmp(file->path, ".github/", 8) == 0)
        return false;
    if (k8s_is_values_file(file->path))
        return true;
    /* Cheap pre-filter: a manifest names both fields. */
    return strstr(file->content, "apiVersion") && strstr(file->content, "kind");
}

static void kubernetes_run(const struct source_file *file, struct analysis *analysis)
{
    struct k8s_template template = {.active = false};
    const char *text = file->content;
    size_t length = file->length;
    bool helm = k8s_in_templates(file->path) && strstr(file->content, "{{");
    if (helm) {
        k8s_template_prepare(analysis->arena, file->content, file->length, &template);
        text = template.text;
        length = template.length;
    }
    struct ywalk_stream stream;
    ywalk_parse_stream(analysis->arena, text, length, &stream);
    struct k8s_context c = {
        .file = file, .analysis = analysis, .arena = analysis->arena, .template = &template};
    bool values = k8s_is_values_file(file->path);
    for (size_t d = 0; d < stream.count; d++) {
        const struct ywalk_document *document = &stream.documents[d];
        c.document = document;
        if (!document->document) {
            /* Only a part that looked like a manifest (or any part of a
             * chart template or values file) counts as skipped. */
            if (helm || values ||
                (strstr(file->content, "apiVersion:") && strstr(file->content, "kind:")))
                analysis_add_fact(analysis, "yaml.unparsed",
                                  document->error_line ? document->error_line
                                                       : document->first_line,
                                  document->error);
            continue;
        }
        struct fy_node *root = fy_document_root(document->document);
        if (values) {
            k8s_walk_values(&c, root, 0);
            continue;
        }
        struct fy_node *kind_key = NULL;
        const char *kind = ywalk_scalar(analysis->arena, ywalk_get(root, "kind", &kind_key));
        if (!kind || !ywalk_get(root, "apiVersion", NULL) || strstr(kind, K8S_PLACEHOLDER))
            continue;
        k8s_check_object(&c, root, kind_key, kind);
    }
    if (c.containers) {
        if (c.with_probes == c.containers)
            analysis_add_fact(analysis, "k8s.strength.probes", c.first_container_line,
                              "every container has liveness and readiness probes");
        if (c.with_limits == c.containers)
            analysis_add_fact(analysis, "k8s.strength.limits", c.first_container_line,
                              "every container has a memory limit");
        if (c.non_root == c.containers)
            analysis_add_fact(analysis, "k8s.strength.non-root", c.first_container_line,
                              "every container runs as a non-root user");
    }
    ywalk_stream_release(&stream);
}

const struct analyzer analyzer_kubernetes = {
    .name = "kubernetes",
    .applies = kubernetes_applies,
    .run = kubernetes_run,
};
