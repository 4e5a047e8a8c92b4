/*
 * infrastructure: the repository-level checks of Kubernetes manifests that
 * need more than one file — whether every Deployment (fact "k8s.deployment"
 * of analyzers/kubernetes.c, value "namespace<TAB>name<TAB>labels") is
 * covered by a PodDisruptionBudget (fact "k8s.pdb", value
 * "namespace<TAB>labels") anywhere in the repository.
 *
 * A budget covers a Deployment when the namespaces agree (an unset namespace
 * is decided at deploy time, so it agrees with any) and every label of the
 * budget's matchLabels is among the Deployment's pod labels. Labels a Helm
 * template fills in ("?") cannot be compared; such a budget covers the
 * Deployments of its own directory (one chart's templates/).
 *
 * It also settles what a Compose base file's service lacks (fact
 * "compose.lacks" of analyzers/compose.c, value "rule<TAB>service"): the
 * restart policy, healthcheck or limits may come from another Compose file
 * in the same directory that names the same service (fact
 * "compose.service", value "service<TAB>flags", r/h/l for what it sets),
 * as `docker compose -f compose.yml -f compose.prod.yml` merges them.
 *
 * It reads only the check context: it must not open files.
 */
#include "checks/check.h"
#include "rules/registry.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <string.h>

/* Field `index` (0-based) of a tab-separated value, copied into `out`. */
static void infra_field(const char *value, int index, char *out, size_t size)
{
    const char *p = value ? value : "";
    for (int i = 0; i < index && p; i++) {
        p = strchr(p, '\t');
        if (p)
            p++;
    }
    size_t length = p ? strcspn(p, "\t") : 0;
    if (length >= size)
        length = size - 1;
    if (p)
        memcpy(out, p, length);
    out[length] = '\0';
}

/* Whether every "k=v" of `subset` (comma-separated) is in `set`. */
static bool infra_labels_within(const char *subset, const char *set)
{
    const char *p = subset;
    while (*p) {
        size_t length = strcspn(p, ",");
        bool found = false;
        for (const char *q = set; *q && !found;) {
            size_t other = strcspn(q, ",");
            found = other == length && memcmp(p, q, length) == 0;
            q += other;
            if (*q == ',')
                q++;
        }
        if (!found)
            return false;
        p += length;
        if (*p == ',')
            p++;
    }
    return true;
}

static bool infra_same_directory(const char *a, const char *b)
{
    const char *slash_a = strrchr(a, '/'), *slash_b = strrchr(b, '/');
    size_t length_a = slash_a ? (size_t)(slash_a - a) : 0;
    size_t length_b = slash_b ? (size_t)(slash_b - b) : 0;
    return length_a == length_b && memcmp(a, b, length_a) == 0;
}

static const struct fact *infra_budget_for(const struct check_context *context,
                                           const struct fact *deployment)
{
    char namespace[256], labels[2048];
    infra_field(deployment->value, 0, namespace, sizeof(namespace));
    infra_field(deployment->value, 2, labels, sizeof(labels));
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *budget = &context->facts[i];
        if (strcmp(budget->key, "k8s.pdb") != 0 || !budget->file)
            continue;
        char budget_namespace[256], selector[2048];
        infra_field(budget->value, 0, budget_namespace, sizeof(budget_namespace));
        infra_field(budget->value, 1, selector, sizeof(selector));
        if (*namespace && *budget_namespace && strcmp(namespace, budget_namespace) != 0)
            continue;
        if (strcmp(selector, "?") == 0 || strcmp(labels, "?") == 0) {
            if (infra_same_directory(budget->file, deployment->file))
                return budget;
            continue;
        }
        if (infra_labels_within(selector, labels))
            return budget;
    }
    return NULL;
}

static void infrastructure_run(struct check_context *context)
{
    struct check *check = NULL;
    bool failed = false;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *deployment = &context->facts[i];
        if (strcmp(deployment->key, "k8s.deployment") != 0 || !deployment->file)
            continue;
        if (!check)
            check =
                check_add(context, "infrastructure.pod-disruption-budget", CATEGORY_INFRASTRUCTURE,
                          CHECK_PASS, "Every Deployment has a PodDisruptionBudget", "",
                          "k8s.no-pod-disruption-budget");
        char name[256];
        infra_field(deployment->value, 1, name, sizeof(name));
        const struct fact *budget = infra_budget_for(context, deployment);
        if (budget) {
            struct strbuf note = STRBUF_INIT;
            strbuf_printf(&note, "Deployment %s: PodDisruptionBudget at %s:%d", name, budget->file,
                          budget->line);
            check_add_evidence(context, check, deployment->file, deployment->line, note.data);
            strbuf_release(&note);
            continue;
        }
        failed = true;
        check_add_evidence(context, check, deployment->file, deployment->line,
                           "no PodDisruptionBudget selects its pods");
        check_add_finding(context, "k8s.no-pod-disruption-budget", deployment->file,
                          deployment->line,
                          "Deployment %s has no PodDisruptionBudget: searched every manifest "
                          "for one whose selector matches its pod labels",
                          name);
    }
    if (check) {
        check->status = failed ? CHECK_FAIL : CHECK_PASS;
        check->summary = failed ? "a node drain may evict every replica of a Deployment at once"
                                : "every Deployment's pods are selected by a "
                                  "PodDisruptionBudget";
    }
}

/* The flag in a "compose.service" value that satisfies `rule`. */
static char infra_compose_flag(const char *rule)
{
    if (strcmp(rule, "compose.no-restart-policy") == 0)
        return 'r';
    if (strcmp(rule, "compose.no-healthcheck") == 0)
        return 'h';
    return 'l';
}

static const struct fact *infra_compose_supplier(const struct check_context *context,
                                                 const struct fact *lack, const char *rule,
                                                 const char *service)
{
    char flag = infra_compose_flag(rule);
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *other = &context->facts[i];
        if (strcmp(other->key, "compose.service") != 0 || !other->file ||
            strcmp(other->file, lack->file) == 0 || !infra_same_directory(other->file, lack->file))
            continue;
        char name[256], flags[16];
        infra_field(other->value, 0, name, sizeof(name));
        infra_field(other->value, 1, flags, sizeof(flags));
        if (strcmp(name, service) == 0 && strchr(flags, flag))
            return other;
    }
    return NULL;
}

static void infra_compose_run(struct check_context *context)
{
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *lack = &context->facts[i];
        if (strcmp(lack->key, "compose.lacks") != 0 || !lack->file)
            continue;
        char rule[64], service[256];
        infra_field(lack->value, 0, rule, sizeof(rule));
        infra_field(lack->value, 1, service, sizeof(service));
        if (!rule_registry_find(rule) || infra_compose_supplier(context, lack, rule, service))
            continue;
        static const struct {
            const char *rule, *what;
        } whats[] = {{"compose.no-restart-policy", "restart policy"},
                     {"compose.no-healthcheck", "healthcheck"},
                     {"compose.no-resource-limits", "CPU or memory limits"}};
        const char *what = "setting";
        for (size_t w = 0; w < sizeof(whats) / sizeof(*whats); w++)
            if (strcmp(whats[w].rule, rule) == 0)
                what = whats[w].what;
        check_add_finding(context, rule, lack->file, lack->line,
                          "service %s has no %s, here or in another Compose file beside it",
                          service, what);
        /* One finding per service: its name is what the fingerprint hashes. */
        struct finding *finding = &context->findings[context->finding_count - 1];
        finding->match = arena_strdup(context->arena, service);
        finding_fingerprint(finding);
    }
}

static void infrastructure_run_all(struct check_context *context)
{
    infrastructure_run(context);
    infra_compose_run(context);
}

const struct check_family check_family_infrastructure = {
    .name = "infrastructure",
    .run = infrastructure_run_all,
};
