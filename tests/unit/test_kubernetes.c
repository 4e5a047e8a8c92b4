/*
 * test_kubernetes: unit tests of the Kubernetes analyzer
 * (analyzers/kubernetes.c) — every k8s.* rule with a positive case on its
 * exact line and a negative case, multi-document files, Helm templates
 * (what an action fills in is not judged, lines stay the file's, a template
 * that does not parse is counted), values files — and of the
 * PodDisruptionBudget check (checks/infrastructure.c) on hand-built
 * contexts. Every input kept in tests/fuzz/corpus/fuzz_kubernetes is run
 * through the analyzer as a regression.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>

#include "analyzers/analyzer.h"
#include "analyzer_harness.h"
#include "checks/check.h"
#include "model/model.h"
#include "rules/registry.h"
#include "util/arena.h"

extern const struct analyzer analyzer_kubernetes;
extern const struct check_family check_family_infrastructure;

static void scan_run(struct analyzer_scan *scan, const char *path, const char *content)
{
    static const struct analyzer *const analyzers[] = {&analyzer_kubernetes, NULL};
    analyzer_scan_run(scan, analyzers, path, FILE_ROLE_SOURCE, content, strlen(content));
}

struct rule_case {
    const char *rule;
    const char *path;
    const char *content;
    const char *lines; /* expected lines, "" for a negative case */
};

#define M   "k8s/app.yaml"
#define POD "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n"
/* Line 6 onwards: a container with every hardening, then what a case adds. */
#define HARDENED                                                                                   \
    "  securityContext: {runAsNonRoot: true}\n"                                                    \
    "  containers:\n"                                                                              \
    "    - name: app\n"                                                                            \
    "      image: app:1.0\n"                                                                       \
    "      securityContext:\n"                                                                     \
    "        allowPrivilegeEscalation: false\n"                                                    \
    "        readOnlyRootFilesystem: true\n"                                                       \
    "        capabilities: {drop: [ALL]}\n"                                                        \
    "      resources: {requests: {cpu: 1m}, limits: {memory: 1Mi}}\n"                              \
    "      livenessProbe: {tcpSocket: {port: 1}}\n"                                                \
    "      readinessProbe: {tcpSocket: {port: 1}}\n"
#define BARE     "  containers:\n    - name: app\n      image: app:1.0\n"
#define TEMPLATE "chart/templates/deployment.yaml"

static const struct rule_case rule_cases[] = {
    {"k8s.no-resource-limits", M, POD BARE, "7"},
    {"k8s.no-resource-limits", M, POD BARE "      resources:\n        limits: {cpu: 1}\n", "9"},
    {"k8s.no-resource-limits", M, POD HARDENED, ""},
    {"k8s.no-resource-requests", M, POD BARE, "7"},
    {"k8s.no-resource-requests", M, POD HARDENED, ""},
    {"k8s.no-liveness-probe", M, POD BARE, "7"},
    {"k8s.no-liveness-probe", M,
     "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n      - "
     "name: j\n        image: j:1\n",
     ""},
    {"k8s.no-readiness-probe", M, POD BARE, "7"},
    {"k8s.no-readiness-probe", M, POD HARDENED, ""},
    {"k8s.run-as-root", M, POD "  securityContext: {runAsUser: 0}\n" BARE, "6"},
    {"k8s.run-as-root", M,
     POD "  securityContext: {runAsUser: 0}\n" BARE "      securityContext: {runAsUser: 1000}\n",
     ""},
    {"k8s.run-as-non-root-missing", M, POD BARE, "7"},
    {"k8s.run-as-non-root-missing", M,
     POD BARE "      securityContext:\n        runAsNonRoot: false\n", "10"},
    {"k8s.run-as-non-root-missing", M, POD "  securityContext: {runAsUser: 1000}\n" BARE, ""},
    {"k8s.privileged", M, POD BARE "      securityContext:\n        privileged: true\n", "10"},
    {"k8s.privileged", M, POD BARE "      securityContext:\n        privileged: false\n", ""},
    {"k8s.privilege-escalation", M, POD BARE "      securityContext: {}\n", "9"},
    {"k8s.privilege-escalation", M,
     POD BARE "      securityContext:\n        allowPrivilegeEscalation: true\n", "10"},
    {"k8s.privilege-escalation", M, POD HARDENED, ""},
    {"k8s.writable-root-filesystem", M, POD BARE, "7"},
    {"k8s.writable-root-filesystem", M, POD HARDENED, ""},
    {"k8s.capabilities-not-dropped", M,
     POD BARE "      securityContext:\n        capabilities:\n          drop: [NET_RAW]\n", "11"},
    {"k8s.capabilities-not-dropped", M, POD HARDENED, ""},
    {"k8s.dangerous-capability", M,
     POD BARE "      securityContext:\n        capabilities:\n          add:\n            - "
              "NET_BIND_SERVICE\n            - CAP_SYS_ADMIN\n",
     "13"},
    {"k8s.dangerous-capability", M,
     POD BARE "      securityContext:\n        capabilities:\n          add: [NET_BIND_SERVICE]\n",
     ""},
    {"k8s.host-path", M,
     POD BARE "  volumes:\n    - name: a\n      emptyDir: {}\n    - name: b\n      hostPath:\n   "
              "     path: /etc\n",
     "13"},
    {"k8s.host-path", M, POD BARE "  volumes:\n    - name: a\n      emptyDir: {}\n", ""},
    {"k8s.host-network", M, POD "  hostNetwork: true\n" BARE, "6"},
    {"k8s.host-network", M, POD "  hostNetwork: false\n" BARE, ""},
    {"k8s.host-pid", M, POD "  hostPID: yes\n" BARE, "6"},
    {"k8s.host-pid", M, POD BARE, ""},
    {"k8s.host-ipc", M, POD "  hostIPC: true\n" BARE, "6"},
    {"k8s.host-ipc", M, POD BARE, ""},
    {"k8s.image-latest", M, POD "  containers:\n    - name: a\n      image: nginx\n", "8"},
    {"k8s.image-latest", M,
     POD "  initContainers:\n    - name: i\n      image: busybox:latest\n" BARE, "8"},
    {"k8s.image-latest", M, POD BARE, ""},
    {"k8s.image-latest", "chart/values.yaml",
     "image:\n  repository: app\n  tag: latest\nredis:\n  image: redis\n", "3,5"},
    {"k8s.image-latest", "chart/values.yaml",
     "image:\n  repository: app\n  tag: \"\"\nredis:\n  image: redis:7.2\n", ""},
    {"k8s.secret-plaintext", M,
     "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: bWFkZS11cA==\n", "4"},
    {"k8s.secret-plaintext", M,
     "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: \"\"\n", ""},
    {"k8s.secret-plaintext", TEMPLATE,
     "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: {{ .Values.pw | "
     "b64enc }}\n",
     ""},
    {"k8s.single-replica", M,
     "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1\n", "5"},
    {"k8s.single-replica", M,
     "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 2\n", ""},
    {"k8s.single-replica", TEMPLATE,
     "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: {{ "
     ".Values.replicas }}\n",
     ""},
    {"k8s.default-namespace", M,
     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default\n", "5"},
    {"k8s.default-namespace", M,
     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\n", ""},
    {"k8s.secret-in-env", M,
     POD BARE "      env:\n        - name: DB_PASSWORD\n          value: made-up-pw\n        - "
              "name: LOG_LEVEL\n          value: debug\n",
     "11"},
    {"k8s.secret-in-env", M,
     POD BARE "      env:\n        - name: DB_PASSWORD\n          valueFrom: {secretKeyRef: "
              "{name: a, key: b}}\n        - name: TOKEN_PATH\n          value: /t\n",
     ""},
    {"k8s.service-exposed", M,
     "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: NodePort\n", "5"},
    {"k8s.service-exposed", M,
     "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: ClusterIP\n", ""},
    /* Not a manifest: no apiVersion. */
    {"k8s.host-network", M, "kind: Pod\nspec:\n  hostNetwork: true\n", ""},
    /* Helm: what the template fills in is not judged; literal text is. */
    {"k8s.run-as-non-root-missing", TEMPLATE,
     POD "  securityContext:\n    {{- toYaml .Values.pod | nindent 4 }}\n" BARE, ""},
    {"k8s.no-liveness-probe", TEMPLATE,
     POD BARE "      {{- include \"probes\" . | nindent 6 }}\n    - name: side\n      image: "
              "s:1\n",
     "10"},
    {"k8s.host-network", TEMPLATE,
     POD "  {{- if .Values.host }}\n  hostNetwork: true\n  {{- end }}\n" BARE, "7"},
};

static void test_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rule_cases) / sizeof(rule_cases[0]); i++) {
        const struct rule_case *c = &rule_cases[i];
        struct analyzer_scan scan;
        scan_run(&scan, c->path, c->content);
        const char *lines = analyzer_scan_rule_lines(&scan, c->rule);
        if (strcmp(lines, c->lines) != 0)
            analyzer_scan_print_mismatch(&scan, i, c->rule, c->lines, lines);
        assert_string_equal(lines, c->lines);
        analyzer_scan_release(&scan);
    }
}

static void test_hardened_pod_is_silent(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    scan_run(&scan, M, POD HARDENED);
    assert_int_equal(scan.analysis.finding_count, 0);
    assert_int_equal(analyzer_scan_fact_count(&scan, "k8s.strength.probes"), 1);
    assert_int_equal(analyzer_scan_fact_count(&scan, "k8s.strength.limits"), 1);
    assert_int_equal(analyzer_scan_fact_count(&scan, "k8s.strength.non-root"), 1);
    analyzer_scan_release(&scan);
}

static void test_rules_covered(void **state)
{
    (void)state;
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    size_t k8s = 0;
    for (size_t i = 0; i < count; i++) {
        if (strncmp(rules[i].id, "k8s.", 4) != 0)
            continue;
        k8s++;
        /* The PodDisruptionBudget rule is the check's: tested below. */
        bool positive = strcmp(rules[i].id, "k8s.no-pod-disruption-budget") == 0;
        bool negative = positive;
        for (size_t k = 0; k < sizeof(rule_cases) / sizeof(rule_cases[0]); k++)
            if (strcmp(rule_cases[k].rule, rules[i].id) == 0) {
                positive = positive || rule_cases[k].lines[0];
                negative = negative || !rule_cases[k].lines[0];
            }
        if (!positive || !negative)
            print_message("%s lacks a %s case\n", rules[i].id, positive ? "negative" : "positive");
        assert_true(positive && negative);
    }
    assert_true(k8s >= 15);
}

static void test_multi_document_lines(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    scan_run(&scan, M,
             "---\n" POD "  hostPID: true\n" BARE "---\n# second\n" POD "  hostIPC: true\n" BARE);
    assert_string_equal(analyzer_scan_rule_lines(&scan, "k8s.host-pid"), "7");
    assert_string_equal(analyzer_scan_rule_lines(&scan, "k8s.host-ipc"), "18");
    analyzer_scan_release(&scan);
}

static void test_helm_unparsable_counted(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    scan_run(
        &scan, TEMPLATE,
        "apiVersion: v1\nkind: ConfigMap\ndata:\n  {{- if .a }}\n  K: a\n  {{- end }}\n  {{- if "
        "not .a }}\n  K: b\n  {{- end }}\n");
    assert_int_equal(scan.analysis.finding_count, 0);
    assert_int_equal(analyzer_scan_fact_count(&scan, "yaml.unparsed"), 1);
    analyzer_scan_release(&scan);
    /* Only the first branch of an if/else is read: no duplicate key. */
    scan_run(&scan, TEMPLATE,
             "apiVersion: v1\nkind: Pod\nspec:\n  {{- if .a }}\n  hostPID: true\n  {{- else "
             "}}\n  hostPID: false\n  {{- end }}\n" BARE);
    assert_int_equal(analyzer_scan_fact_count(&scan, "yaml.unparsed"), 0);
    assert_string_equal(analyzer_scan_rule_lines(&scan, "k8s.host-pid"), "5");
    analyzer_scan_release(&scan);
    /* A manifest-looking file with a YAML error is counted too; any other
     * YAML is not the analyzer's business. */
    scan_run(&scan, M, "apiVersion: v1\nkind: Pod\nspec: [\n");
    assert_int_equal(analyzer_scan_fact_count(&scan, "yaml.unparsed"), 1);
    analyzer_scan_release(&scan);
    scan_run(&scan, M, "name: apiVersion kind\nlist: [\n");
    assert_int_equal(analyzer_scan_fact_count(&scan, "yaml.unparsed"), 0);
    analyzer_scan_release(&scan);
}

static void test_hostile_inputs(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "apiVersion: v1\nkind: &k Pod\nspec: &s\n  containers: [*s]\n",
        "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - &c {name: a, securityContext: *c}\n",
        "apiVersion: v1\nkind: [Pod]\n",
        "apiVersion: v1\nkind: Pod\nspec: \xff\n",
        "apiVersion: v1\nkind: Deployment\nspec: {template: {spec: {containers: 5}}}\n",
        "{{ {{ }} }} apiVersion kind {{\n",
        "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: {{\n",
    };
    static const char *const paths[] = {M, TEMPLATE, "values.yaml"};
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
        for (size_t p = 0; p < 3; p++) {
            struct analyzer_scan scan;
            scan_run(&scan, paths[p], inputs[i]);
            analyzer_scan_release(&scan);
        }
}

/* More nested branches than the reader tracks, and stray ends and elses:
 * the blanking stays in bounds and the document is still read. */
static void test_helm_deep_branches(void **state)
{
    (void)state;
    char text[8192];
    size_t used = (size_t)snprintf(text, sizeof(text), "apiVersion: v1\nkind: Pod\nspec:\n");
    for (int i = 0; i < 100; i++)
        used += (size_t)snprintf(text + used, sizeof(text) - used, "  {{- if .a%d }}\n", i);
    used += (size_t)snprintf(text + used, sizeof(text) - used, "  hostIPC: true\n");
    for (int i = 0; i < 100; i++)
        used += (size_t)snprintf(text + used, sizeof(text) - used, "  {{- else }}{{ end }}\n");
    snprintf(text + used, sizeof(text) - used, "  {{ end }}{{ end }}{{ else }}\n" BARE);
    struct analyzer_scan scan;
    scan_run(&scan, TEMPLATE, text);
    assert_string_equal(analyzer_scan_rule_lines(&scan, "k8s.host-ipc"), "104");
    analyzer_scan_release(&scan);
}

/* ---- the PodDisruptionBudget check ---- */

static struct check_context *context_with(struct arena *arena, const struct fact *facts,
                                          size_t count)
{
    struct check_context *context = arena_alloc(arena, sizeof(*context));
    memset(context, 0, sizeof(*context));
    context->arena = arena;
    context->facts = facts;
    context->fact_count = count;
    return context;
}

static void test_pdb_check(void **state)
{
    (void)state;
    struct arena arena;
    arena_init(&arena);
    const struct fact covered[] = {
        {"k8s.deployment", "k8s/web.yaml", 2, "shop\tweb\tapp=web,tier=front"},
        {"k8s.pdb", "k8s/web.yaml", 30, "shop\tapp=web"},
    };
    struct check_context *context = context_with(&arena, covered, 2);
    check_family_infrastructure.run(context);
    assert_int_equal(context->check_count, 1);
    assert_int_equal(context->checks[0].status, CHECK_PASS);
    assert_int_equal(context->finding_count, 0);
    free(context->checks);

    const struct fact uncovered[] = {
        {"k8s.deployment", "k8s/web.yaml", 2, "shop\tweb\tapp=web"},
        {"k8s.pdb", "k8s/web.yaml", 30, "other\tapp=web"},
        {"k8s.pdb", "k8s/web.yaml", 40, "shop\tapp=api"},
        {"k8s.pdb", "chart/templates/pdb.yaml", 1, "\t?"},
    };
    context = context_with(&arena, uncovered, 4);
    check_family_infrastructure.run(context);
    assert_int_equal(context->checks[0].status, CHECK_FAIL);
    assert_int_equal(context->finding_count, 1);
    assert_string_equal(context->findings[0].rule->id, "k8s.no-pod-disruption-budget");
    assert_int_equal(context->findings[0].line, 2);
    free(context->checks);
    free(context->findings);

    /* Templated labels: a budget in the same chart directory covers it. */
    const struct fact templated[] = {
        {"k8s.deployment", "chart/templates/deployment.yaml", 2, "\t?\t?"},
        {"k8s.pdb", "chart/templates/pdb.yaml", 1, "\t?"},
    };
    context = context_with(&arena, templated, 2);
    check_family_infrastructure.run(context);
    assert_int_equal(context->checks[0].status, CHECK_PASS);
    free(context->checks);

    /* No Deployment: no check at all. */
    context = context_with(&arena, NULL, 0);
    check_family_infrastructure.run(context);
    assert_int_equal(context->check_count, 0);
    arena_destroy(&arena);
}

/* Every input kept in the fuzz corpus, through the analyzer. */
static void test_fuzz_corpus(void **state)
{
    (void)state;
    const char *source = getenv("PRODREADY_SOURCE_DIR");
    if (!source)
        skip();
    char directory[4096];
    snprintf(directory, sizeof(directory), "%s/tests/fuzz/corpus/fuzz_kubernetes", source);
    DIR *dir = opendir(directory);
    assert_non_null(dir);
    struct dirent *entry;
    size_t seen = 0;
    static const char *const paths[] = {M, TEMPLATE, "chart/values.yaml"};
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char path[8192];
        snprintf(path, sizeof(path), "%s/%s", directory, entry->d_name);
        FILE *handle = fopen(path, "rb");
        assert_non_null(handle);
        char data[8192];
        size_t length = fread(data, 1, sizeof(data) - 1, handle);
        fclose(handle);
        if (!length)
            continue;
        data[length] = '\0';
        for (size_t p = 0; p < 3; p++) {
            struct analyzer_scan scan;
            scan_run(&scan, paths[p], data + 1);
            analyzer_scan_release(&scan);
        }
        seen++;
    }
    closedir(dir);
    assert_true(seen >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_hardened_pod_is_silent),
        cmocka_unit_test(test_rules_covered),
        cmocka_unit_test(test_multi_document_lines),
        cmocka_unit_test(test_helm_unparsable_counted),
        cmocka_unit_test(test_hostile_inputs),
        cmocka_unit_test(test_helm_deep_branches),
        cmocka_unit_test(test_pdb_check),
        cmocka_unit_test(test_fuzz_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
