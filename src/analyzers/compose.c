/*
 * compose: the analyzer that raises the `compose.*` rules of
 * rules/compose.yml on Compose files (compose.yaml, compose.*.yml,
 * docker-compose*.yml …), read as YAML through analyzers/yaml_walk.h.
 *
 * What a finding points at: the line of the offending key or list entry
 * (`privileged: true`, the `- "5432:5432"` entry, the environment variable);
 * what a service lacks (restart policy, healthcheck, limits) goes on the
 * line of the service's name. A secret value is shown only redacted.
 *
 * Override and per-environment files (compose.override.yml,
 * docker-compose.dev.yml, …) only add to a base file, so what they lack is
 * not reported; what they set is. A service that `extends` another, or has
 * neither `image` nor `build` (a fragment another file completes), is
 * judged the same way. What a base file's service lacks is left as a fact
 * ("compose.lacks") and reported by checks/infrastructure.c unless another
 * Compose file in the same directory sets it (facts "compose.service").
 *
 * Services built from a Dockerfile are not asked for a healthcheck (the
 * Dockerfile's HEALTHCHECK is the docker analyzer's), and their `image:`
 * names the build's result, so it is not judged as a pull.
 *
 * Like every analyzer it reads only its own file and writes only its own
 * analysis.
 */
#include "analyzers/analyzer.h"
#include "analyzers/content_scan.h"
#include "analyzers/yaml_walk.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>

struct compose_context {
    const struct source_file *file;
    struct analysis *analysis;
    struct arena *arena;
    const struct ywalk_document *document;
};

/* Datastores and brokers whose default port should never face every
 * interface of a host (each vendor's documented default port). */
static const struct {
    int port;
    const char *name;
} compose_data_ports[] = {
    {1433, "SQL Server"},
    {1521, "Oracle"},
    {2181, "ZooKeeper"},
    {2379, "etcd"},
    {3306, "MySQL/MariaDB"},
    {5432, "PostgreSQL"},
    {5672, "RabbitMQ"},
    {5984, "CouchDB"},
    {6379, "Redis"},
    {7687, "Neo4j Bolt"},
    {8086, "InfluxDB"},
    {9042, "Cassandra"},
    {9092, "Kafka"},
    {9200, "Elasticsearch"},
    {9300, "Elasticsearch transport"},
    {11211, "Memcached"},
    {15672, "RabbitMQ management"},
    {26257, "CockroachDB"},
    {27017, "MongoDB"},
    {28015, "RethinkDB"},
};

static const char *compose_data_port(int port)
{
    for (size_t i = 0; i < sizeof(compose_data_ports) / sizeof(*compose_data_ports); i++)
        if (compose_data_ports[i].port == port)
            return compose_data_ports[i].name;
    return NULL;
}

static int compose_line(struct compose_context *c, struct fy_node *node)
{
    return ywalk_line(c->document, node);
}

static void compose_report(struct compose_context *c, const char *rule, struct fy_node *at,
                           const char *message)
{
    int line = compose_line(c, at);
    analysis_add_finding(c->analysis, rule, line, ywalk_column(at),
                         analysis_line_text(c->analysis, c->file, line), NULL, "%s", message);
}

/* ---- ports ---- */

/* Reads a port number at *p (digits only), or -1. */
static int compose_number(const char **p)
{
    int value = 0, digits = 0;
    while (**p >= '0' && **p <= '9' && digits < 6) {
        value = value * 10 + (**p - '0');
        (*p)++;
        digits++;
    }
    return digits ? value : -1;
}

/* Short syntax [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], where the
 * host IP may be a bracketed IPv6 address and ports may be ranges. Sets
 * *all_interfaces when no host IP (or a wildcard one) is given and returns
 * the container port, or -1 when the entry cannot be read. */
static int compose_parse_port(const char *text, bool *all_interfaces)
{
    const char *host_end = NULL;
    const char *p = text;
    if (*p == '[') {
        const char *close = strchr(p, ']');
        if (!close || close[1] != ':')
            return -1;
        host_end = close + 1;
        size_t length = (size_t)(close - p - 1);
        *all_interfaces = length == 2 && memcmp(p + 1, "::", 2) == 0;
        p = close + 2;
    } else {
        /* Count the colons: three parts means a host IP first. */
        size_t colons = 0;
        for (const char *q = p; *q && *q != '/'; q++)
            colons += *q == ':';
        if (colons >= 2) {
            host_end = strchr(p, ':');
            size_t length = (size_t)(host_end - p);
            *all_interfaces = length == 0 || (length == 7 && memcmp(p, "0.0.0.0", 7) == 0);
            p = host_end + 1;
        } else {
            *all_interfaces = true;
        }
    }
    (void)host_end;
    /* The container port is the last ':'-separated part. */
    const char *last = strrchr(p, ':');
    const char *container = last ? last + 1 : p;
    int port = compose_number(&container);
    return port;
}

static void compose_check_port_entry(struct compose_context *c, struct fy_node *entry)
{
    entry = ywalk_deref(entry);
    bool all_interfaces = true;
    int port = -1;
    struct fy_node *at = entry;
    if (ywalk_is_mapping(entry)) {
        /* Long syntax: target, published, host_ip. */
        struct fy_node *key = NULL;
        const char *target = ywalk_scalar(c->arena, ywalk_get(entry, "target", &key));
        if (!target)
            return;
        at = key;
        const char *p = target;
        port = compose_number(&p);
        const char *host_ip = ywalk_scalar(c->arena, ywalk_get(entry, "host_ip", NULL));
        all_interfaces =
            !host_ip || !*host_ip || strcmp(host_ip, "0.0.0.0") == 0 || strcmp(host_ip, "::") == 0;
    } else {
        const char *text = ywalk_scalar(c->arena, entry);
        if (!text || strchr(text, '$'))
            return;
        port = compose_parse_port(text, &all_interfaces);
    }
    const char *name = port > 0 ? compose_data_port(port) : NULL;
    if (!name || !all_interfaces)
        return;
    char message[160];
    snprintf(message, sizeof(message), "%s port %d is published on every interface of the host",
             name, port);
    compose_report(c, "compose.database-port-public", at, message);
}

/* ---- environment ---- */

static void compose_secret(struct compose_context *c, const char *name, const char *value,
                           struct fy_node *at)
{
    if (!ywalk_secret_name(name) || !value || !*value || value[0] == '$')
        return;
    if (strcmp(value, "true") == 0 || strcmp(value, "false") == 0)
        return;
    int line = compose_line(c, at);
    const char *text = analysis_line_text(c->analysis, c->file, line);
    size_t length = strlen(value);
    char redacted[CONTENT_SCAN_REDACTED_MAX];
    content_scan_redact(value, length, redacted);
    const char *found = text ? strstr(text, value) : NULL;
    const char *snippet = found ? arena_printf(c->arena, "%.*s%s%s", (int)(found - text), text,
                                               redacted, found + length)
                                : arena_printf(c->arena, "%s: %s", name, redacted);
    analysis_add_finding(c->analysis, "compose.secret-in-environment", line, ywalk_column(at),
                         snippet, arena_printf(c->arena, "%s=%s", name, redacted),
                         "environment variable %s holds a plaintext secret (%s)", name, redacted);
}

static void compose_check_environment(struct compose_context *c, struct fy_node *environment)
{
    environment = ywalk_deref(environment);
    if (ywalk_is_mapping(environment)) {
        void *iterator = NULL;
        struct fy_node_pair *pair;
        while ((pair = fy_node_mapping_iterate(environment, &iterator)) != NULL) {
            struct fy_node *key = fy_node_pair_key(pair);
            const char *name = ywalk_scalar(c->arena, key);
            const char *value = ywalk_scalar(c->arena, fy_node_pair_value(pair));
            if (name)
                compose_secret(c, name, value, key);
        }
    } else if (ywalk_is_sequence(environment)) {
        void *iterator = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(environment, &iterator)) != NULL) {
            const char *entry = ywalk_scalar(c->arena, item);
            const char *equals = entry ? strchr(entry, '=') : NULL;
            if (!equals)
                continue;
            compose_secret(c, arena_strndup(c->arena, entry, (size_t)(equals - entry)), equals + 1,
                           item);
        }
    }
}

/* ---- one service ---- */

static bool compose_mounts_socket(struct compose_context *c, struct fy_node *volume)
{
    const char *source = NULL;
    if (ywalk_is_mapping(volume))
        source = ywalk_scalar(c->arena, ywalk_get(volume, "source", NULL));
    else
        source = ywalk_scalar(c->arena, volume);
    return source && strstr(source, "docker.sock") != NULL;
}

static bool compose_has_limits(struct fy_node *service)
{
    struct fy_node *deploy = ywalk_get(service, "deploy", NULL);
    struct fy_node *resources = ywalk_get(deploy, "resources", NULL);
    if (ywalk_is_mapping(ywalk_get(resources, "limits", NULL)))
        return true;
    /* The older service-level keys still work with `docker compose`. */
    return ywalk_get(service, "mem_limit", NULL) || ywalk_get(service, "cpus", NULL) ||
           ywalk_get(service, "cpu_quota", NULL);
}

static void compose_check_service(struct compose_context *c, struct fy_node *name_node,
                                  struct fy_node *service, bool base_file)
{
    const char *name = ywalk_scalar(c->arena, name_node);
    if (!name || !ywalk_is_mapping(service))
        return;
    struct fy_node *key = NULL, *value;

    /* With `build`, `image` names what the build produces, not a pull. */
    struct fy_node *build = ywalk_get(service, "build", NULL);
    struct fy_node *image_node = ywalk_get(service, "image", &key);
    const char *image = ywalk_scalar(c->arena, image_node);
    if (image && !build && ywalk_image_floats(image))
        compose_report(c, "compose.image-latest", key,
                       arena_printf(c->arena,
                                    "service %s runs image %s, which floats with "
                                    "`latest`",
                                    name, image));

    value = ywalk_get(service, "privileged", &key);
    if (ywalk_is_true(value))
        compose_report(c, "compose.privileged", key,
                       arena_printf(c->arena, "service %s runs privileged", name));

    value = ywalk_get(service, "network_mode", &key);
    if (ywalk_scalar_is(value, "host"))
        compose_report(c, "compose.network-host", key,
                       arena_printf(c->arena, "service %s shares the host's network stack", name));

    struct fy_node *volumes = ywalk_get(service, "volumes", NULL);
    if (ywalk_is_sequence(volumes)) {
        void *iterator = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(ywalk_deref(volumes), &iterator)) != NULL) {
            struct fy_node *volume = ywalk_deref(item);
            if (!compose_mounts_socket(c, volume))
                continue;
            struct fy_node *at = volume;
            if (ywalk_is_mapping(volume))
                ywalk_get(volume, "source", &at);
            compose_report(c, "compose.docker-socket", at ? at : volume,
                           arena_printf(c->arena, "service %s mounts the Docker socket", name));
        }
    }

    struct fy_node *ports = ywalk_get(service, "ports", NULL);
    if (ywalk_is_sequence(ports)) {
        void *iterator = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(ywalk_deref(ports), &iterator)) != NULL)
            compose_check_port_entry(c, item);
    }

    compose_check_environment(c, ywalk_get(service, "environment", NULL));

    struct fy_node *healthcheck = ywalk_get(service, "healthcheck", &key);
    bool health_disabled = ywalk_is_true(ywalk_get(healthcheck, "disable", NULL));
    if (healthcheck && !health_disabled && !ywalk_is_null(healthcheck))
        analysis_add_fact(c->analysis, "compose.strength.healthcheck", compose_line(c, key), name);

    /* What the service sets, for checks/infrastructure.c: a base file's
     * absences may be filled by another Compose file beside it
     * (`docker compose -f compose.yml -f compose.prod.yml`). */
    struct fy_node *deploy = ywalk_get(service, "deploy", NULL);
    bool restart = ywalk_get(service, "restart", NULL) || ywalk_get(deploy, "restart_policy", NULL);
    bool health = healthcheck && !health_disabled;
    bool limits = compose_has_limits(service);
    int line = compose_line(c, name_node);
    analysis_add_fact(c->analysis, "compose.service", line,
                      arena_printf(c->arena, "%s\t%s%s%s", name, restart ? "r" : "",
                                   health ? "h" : "", limits ? "l" : ""));
    /* A service with neither image nor build is a fragment another file
     * completes; one that `extends` another inherits what it lacks. */
    if (!base_file || ywalk_get(service, "extends", NULL) || (!image_node && !build))
        return;
    if (!restart)
        analysis_add_fact(c->analysis, "compose.lacks", line,
                          arena_printf(c->arena, "compose.no-restart-policy\t%s", name));
    if (!health && !build)
        analysis_add_fact(c->analysis, "compose.lacks", line,
                          arena_printf(c->arena, "compose.no-healthcheck\t%s", name));
    if (!limits)
        analysis_add_fact(c->analysis, "compose.lacks", line,
                          arena_printf(c->arena, "compose.no-resource-limits\t%s", name));
}

/* ---- the analyzer interface ---- */

static bool compose_has_suffix(const char *text, const char *suffix)
{
    size_t length = strlen(text), suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

static bool compose_applies(const struct source_file *file)
{
    const char *base = text_basename(file->path);
    if (!compose_has_suffix(base, ".yml") && !compose_has_suffix(base, ".yaml"))
        return false;
    return text_prefix_nocase(base, "docker-compose") || text_prefix_nocase(base, "compose.") ||
           text_prefix_nocase(base, "compose-") || text_prefix_nocase(base, "compose_");
}

/* A file that only adds to a base file: its name carries one of these
 * words (compose.override.yml, docker-compose.dev.yaml, compose-ci.yml). */
static bool compose_is_base_file(const char *base)
{
    static const char *const partial[] = {"override", "dev",     "development", "local",
                                          "test",     "testing", "ci",          "debug",
                                          "e2e",      "example", "sample",      "devcontainer"};
    const char *p = base;
    while (*p) {
        while (*p == '.' || *p == '-' || *p == '_')
            p++;
        size_t length = strcspn(p, ".-_");
        for (size_t i = 0; i < sizeof(partial) / sizeof(*partial); i++)
            if (text_equals_nocase(p, length, partial[i]))
                return false;
        p += length;
    }
    return true;
}

static void compose_run(const struct source_file *file, struct analysis *analysis)
{
    struct ywalk_stream stream;
    ywalk_parse_stream(analysis->arena, file->content, file->length, &stream);
    for (size_t d = 0; d < stream.count; d++) {
        const struct ywalk_document *document = &stream.documents[d];
        if (!document->document) {
            int line = document->error_line ? document->error_line : document->first_line;
            analysis_add_finding(analysis, "compose.parse-error", line, 0,
                                 analysis_line_text(analysis, file, line), NULL,
                                 "not a readable Compose file: %s", document->error);
            continue;
        }
        struct compose_context c = {
            .file = file, .analysis = analysis, .arena = analysis->arena, .document = document};
        struct fy_node *root = fy_document_root(document->document);
        struct fy_node *services = ywalk_get(root, "services", NULL);
        if (!ywalk_is_mapping(services))
            continue;
        bool base_file = compose_is_base_file(text_basename(file->path));
        void *iterator = NULL;
        struct fy_node_pair *pair;
        while ((pair = fy_node_mapping_iterate(services, &iterator)) != NULL)
            compose_check_service(&c, fy_node_pair_key(pair), ywalk_deref(fy_node_pair_value(pair)),
                                  base_file);
    }
    ywalk_stream_release(&stream);
}

const struct analyzer analyzer_compose = {
    .name = "compose",
    .applies = compose_applies,
    .run = compose_run,
};
