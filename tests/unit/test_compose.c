/*
 * test_compose: unit tests of the Compose analyzer (analyzers/compose.c):
 * every compose.* rule with a positive case on its exact line and a
 * negative case, the base-file / override-file distinction, `<<` merge keys,
 * redaction of secrets, and of the multi-document reader it shares with
 * the Kubernetes analyzer (analyzers/yaml_walk.c): document splitting, file
 * lines, hostile inputs. Every input kept in tests/fuzz/corpus/fuzz_compose
 * is run through the analyzer as a regression.
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
#include "analyzers/yaml_walk.h"
#include "checks/check.h"
#include "model/model.h"
#include "rules/registry.h"
#include "util/arena.h"

extern const struct analyzer analyzer_compose;
extern const struct check_family check_family_infrastructure;

static void scan_run(struct analyzer_scan *scan, const char *path, const char *content)
{
    static const struct analyzer *const analyzers[] = {&analyzer_compose, NULL};
    analyzer_scan_run(scan, analyzers, path, FILE_ROLE_SOURCE, content, strlen(content));
    analyzer_scan_check(scan, &check_family_infrastructure);
}

struct rule_case {
    const char *rule;
    const char *path;
    const char *content;
    const char *lines; /* expected lines, "" for a negative case */
};

#define BASE "docker-compose.yml"
/* A service with everything the absence rules ask for. */
#define COMPLETE "    restart: always\n    healthcheck: {test: [CMD, true]}\n    mem_limit: 1g\n"

static const struct rule_case rule_cases[] = {
    {"compose.privileged", BASE, "services:\n  a:\n    image: x:1\n    privileged: true\n", "4"},
    {"compose.privileged", BASE, "services:\n  a:\n    image: x:1\n    privileged: false\n", ""},
    {"compose.network-host", BASE, "services:\n  a:\n    network_mode: host\n", "3"},
    {"compose.network-host", BASE, "services:\n  a:\n    network_mode: bridge\n", ""},
    {"compose.docker-socket", BASE,
     "services:\n  a:\n    volumes:\n      - ./x:/x\n      - /var/run/docker.sock:/s:ro\n", "5"},
    {"compose.docker-socket", BASE,
     "services:\n  a:\n    volumes:\n      - type: bind\n        source: /run/docker.sock\n", "5"},
    {"compose.docker-socket", BASE, "services:\n  a:\n    volumes: [\"data:/data\"]\n", ""},
    {"compose.database-port-public", BASE,
     "services:\n  db:\n    ports:\n      - \"5432:5432\"\n      - 6379\n      - "
     "\"0.0.0.0:3306:3306\"\n      - \"[::]:27017:27017\"\n      - \"9201:9200/tcp\"\n",
     "4,5,6,7,8"},
    {"compose.database-port-public", BASE,
     "services:\n  db:\n    ports:\n      - \"127.0.0.1:5432:5432\"\n      - \"[::1]:6379:6379\"\n"
     "      - \"8080:80\"\n      - target: 5432\n        host_ip: 127.0.0.1\n      - "
     "\"${PORT}:5432\"\n",
     ""},
    {"compose.database-port-public", BASE,
     "services:\n  db:\n    ports:\n      - target: 6379\n        published: 6379\n", "4"},
    {"compose.secret-in-environment", BASE,
     "services:\n  a:\n    environment:\n      DB_PASSWORD: made-up-1\n      apiKey: made-up-2\n"
     "      LOG_LEVEL: debug\n",
     "4,5"},
    {"compose.secret-in-environment", BASE,
     "services:\n  a:\n    environment:\n      - STRIPE_SECRET_KEY=made-up-3\n      - "
     "DEBUG=1\n",
     "4"},
    {"compose.secret-in-environment", BASE,
     "services:\n  a:\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n      "
     "DB_PASSWORD_FILE: /run/secrets/db\n      TOKEN_TTL: 3600\n      API_TOKEN: \"\"\n      "
     "SECRET_NAME: app\n      - nope\n",
     ""},
    {"compose.no-restart-policy", BASE, "services:\n  a:\n    image: x:1\n", "2"},
    {"compose.no-restart-policy", BASE,
     "services:\n  a:\n    image: x:1\n    deploy:\n      restart_policy: {condition: "
     "on-failure}\n",
     ""},
    {"compose.no-restart-policy", "compose.override.yml", "services:\n  a:\n    image: x:1\n", ""},
    {"compose.no-restart-policy", "docker-compose.dev.yaml", "services:\n  a:\n    image: x:1\n",
     ""},
    {"compose.no-restart-policy", BASE,
     "x-d: &d\n  restart: always\nservices:\n  a:\n    <<: *d\n    image: x:1\n", ""},
    {"compose.no-restart-policy", BASE,
     "x-d: &d\n  restart: always\nx-e: &e\n  mem_limit: 1g\nservices:\n  a:\n    <<: [*e, "
     "*d]\n",
     ""},
    {"compose.no-healthcheck", BASE, "services:\n  a:\n    image: x:1\n", "2"},
    {"compose.no-healthcheck", BASE,
     "services:\n  a:\n    image: x:1\n    healthcheck:\n      disable: true\n", "2"},
    {"compose.no-healthcheck", BASE, "services:\n  a:\n    build: .\n", ""},
    {"compose.no-healthcheck", BASE, "services:\n  a:\n    extends: {service: b}\n", ""},
    {"compose.no-resource-limits", BASE, "services:\n  a:\n    image: x:1\n", "2"},
    {"compose.no-resource-limits", BASE,
     "services:\n  a:\n    image: x:1\n    deploy:\n      resources:\n        limits: {memory: "
     "1G}\n",
     ""},
    {"compose.image-latest", BASE,
     "services:\n  a:\n    image: postgres\n  b:\n    image: ghcr.io/o/r:latest\n  c:\n    "
     "image: registry:5000/team/app\n",
     "3,5,7"},
    {"compose.image-latest", BASE, "services:\n  a:\n    build: .\n    image: app:latest\n", ""},
    {"compose.no-restart-policy", "compose.deploy.yml",
     "services:\n  a:\n    restart: always\n  b:\n    labels: [x]\n", ""},
    {"compose.image-latest", BASE,
     "services:\n  a:\n    image: postgres:16\n  b:\n    image: r@sha256:abc\n  c:\n    image: "
     "registry:5000/team/app:1.2\n  d:\n    image: ${IMAGE}\n",
     ""},
    {"compose.parse-error", BASE, "services:\n  a:\n    image: \"x:1\n", "3"},
    {"compose.parse-error", BASE, "services: {}\n", ""},
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

static void test_complete_service_is_silent(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    scan_run(&scan, BASE, "services:\n  a:\n    image: x:1\n" COMPLETE);
    assert_int_equal(scan.analysis.finding_count, 0);
    assert_int_equal(scan.context.finding_count, 0);
    analyzer_scan_release(&scan);
}

static void test_rules_covered(void **state)
{
    (void)state;
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    size_t compose = 0;
    for (size_t i = 0; i < count; i++) {
        if (strncmp(rules[i].id, "compose.", 8) != 0)
            continue;
        compose++;
        bool positive = false, negative = false;
        for (size_t k = 0; k < sizeof(rule_cases) / sizeof(rule_cases[0]); k++)
            if (strcmp(rule_cases[k].rule, rules[i].id) == 0) {
                positive = positive || rule_cases[k].lines[0];
                negative = negative || !rule_cases[k].lines[0];
            }
        if (!positive || !negative)
            print_message("%s lacks a %s case\n", rules[i].id, positive ? "negative" : "positive");
        assert_true(positive && negative);
    }
    assert_true(compose >= 9);
}

static void test_applies(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        bool applies;
    } cases[] = {
        {"docker-compose.yml", true},     {"deploy/compose.yaml", true}, {"compose.prod.yml", true},
        {"docker-compose-ci.yaml", true}, {"compose.yml.tmpl", false},   {"composer.json", false},
        {"k8s/deployment.yaml", false},   {"my-compose.yml", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct source_file file = {.path = cases[i].path, .content = "", .length = 0};
        assert_int_equal(analyzer_compose.applies(&file), cases[i].applies);
    }
}

static void test_secret_redacted(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    scan_run(&scan, BASE,
             "services:\n  a:\n    environment:\n      DB_PASSWORD: madeup-s3cr3t-value\n");
    assert_int_equal(scan.analysis.finding_count > 0, 1);
    bool found = false;
    for (size_t i = 0; i < scan.analysis.finding_count; i++) {
        const struct finding *finding = &scan.analysis.findings[i];
        if (strcmp(finding->rule->id, "compose.secret-in-environment") != 0)
            continue;
        found = true;
        assert_null(strstr(finding->snippet, "s3cr3t"));
        assert_null(strstr(finding->message, "s3cr3t"));
        assert_non_null(strstr(finding->snippet, "made\xe2\x80\xa6(19)"));
    }
    assert_true(found);
    analyzer_scan_release(&scan);
}

/* A base file's absence is settled by a file beside it that sets it. */
static void test_absence_filled_by_sibling(void **state)
{
    (void)state;
    struct analyzer_scan base, prod, elsewhere;
    scan_run(&base, "deploy/compose.yml", "services:\n  a:\n    image: x:1\n");
    scan_run(&prod, "deploy/compose.prod.yml", "services:\n  a:\n    restart: always\n");
    scan_run(&elsewhere, "other/compose.prod.yml", "services:\n  a:\n    mem_limit: 1g\n");
    size_t count =
        base.analysis.fact_count + prod.analysis.fact_count + elsewhere.analysis.fact_count;
    struct fact *facts = calloc(count, sizeof(*facts));
    assert_non_null(facts);
    size_t used = 0;
    struct analyzer_scan *scans[] = {&base, &prod, &elsewhere};
    for (size_t s = 0; s < 3; s++)
        for (size_t i = 0; i < scans[s]->analysis.fact_count; i++)
            facts[used++] = scans[s]->analysis.facts[i];
    struct arena arena;
    arena_init(&arena);
    struct check_context context = {.arena = &arena, .facts = facts, .fact_count = used};
    check_family_infrastructure.run(&context);
    /* Restart comes from compose.prod.yml; limits only from another
     * directory, so they are still missing, as is the healthcheck. */
    assert_int_equal(context.finding_count, 2);
    for (size_t i = 0; i < context.finding_count; i++) {
        assert_string_equal(context.findings[i].file, "deploy/compose.yml");
        assert_int_equal(context.findings[i].line, 2);
        assert_true(strcmp(context.findings[i].rule->id, "compose.no-restart-policy") != 0);
    }
    assert_string_not_equal(context.findings[0].fingerprint, context.findings[1].fingerprint);
    free(context.findings);
    free(context.checks);
    free(facts);
    arena_destroy(&arena);
    analyzer_scan_release(&base);
    analyzer_scan_release(&prod);
    analyzer_scan_release(&elsewhere);
}

/* ---- yaml_walk ---- */

static void test_stream_lines(void **state)
{
    (void)state;
    static const char text[] = "# leading comment\n"
                               "---\n"
                               "a: 1\n"
                               "b: |\n"
                               "  ---not a marker inside a scalar (indented)\n"
                               "--- # second\n"
                               "c: 2\n"
                               "---\n"
                               "...\n"
                               "---\n"
                               "d: [unclosed\n";
    struct arena arena;
    arena_init(&arena);
    struct ywalk_stream stream;
    ywalk_parse_stream(&arena, text, strlen(text), &stream);
    assert_int_equal(stream.count, 3);
    assert_int_equal(stream.failed, 1);
    struct fy_node *root = fy_document_root(stream.documents[0].document);
    struct fy_node *key = NULL;
    assert_non_null(ywalk_get(root, "b", &key));
    assert_int_equal(ywalk_line(&stream.documents[0], key), 4);
    root = fy_document_root(stream.documents[1].document);
    ywalk_get(root, "c", &key);
    assert_int_equal(ywalk_line(&stream.documents[1], key), 7);
    assert_null(stream.documents[2].document);
    assert_int_equal(stream.documents[2].error_line, 11);
    ywalk_stream_release(&stream);
    arena_destroy(&arena);
}

static void test_hostile_yaml(void **state)
{
    (void)state;
    /* Aliases that refer to themselves, a merge of a merge, deep nesting,
     * invalid UTF-8, control characters: a finding or a skip, no crash. */
    static const char *const inputs[] = {
        "services: &s\n  a: &a\n    <<: *a\n    image: *s\n",
        "x: &x {<<: *x}\nservices:\n  a:\n    <<: *x\n",
        "services:\n  a:\n    image: \xff\xfe\n",
        "services:\n  a:\n    image: \x01\n",
        "? a:\t?\n",
        "services: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]\n",
        "services:\n  a: !!binary AAAA\n  b: *undefined\n",
        "---\n---\n---\n",
        "",
    };
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        struct analyzer_scan scan;
        scan_run(&scan, BASE, inputs[i]);
        analyzer_scan_release(&scan);
    }
}

static void test_image_floats(void **state)
{
    (void)state;
    assert_true(ywalk_image_floats("nginx"));
    assert_true(ywalk_image_floats("nginx:latest"));
    assert_true(ywalk_image_floats("localhost:5000/app"));
    assert_true(ywalk_image_floats("${REGISTRY}/app:latest"));
    assert_false(ywalk_image_floats("nginx:1.27"));
    assert_false(ywalk_image_floats("localhost:5000/app:2"));
    assert_false(ywalk_image_floats("nginx@sha256:0123"));
    assert_false(ywalk_image_floats("${IMAGE}"));
    assert_false(ywalk_image_floats(""));
}

/* Every input kept in the fuzz corpus, through the analyzer. */
static void test_fuzz_corpus(void **state)
{
    (void)state;
    const char *source = getenv("PRODREADY_SOURCE_DIR");
    if (!source)
        skip();
    char directory[4096];
    snprintf(directory, sizeof(directory), "%s/tests/fuzz/corpus/fuzz_compose", source);
    DIR *dir = opendir(directory);
    assert_non_null(dir);
    struct dirent *entry;
    size_t seen = 0;
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
        data[length] = '\0';
        if (!length)
            continue;
        struct arena arena;
        arena_init(&arena);
        struct analysis analysis;
        analysis_init(&analysis, &arena, BASE);
        char *content = malloc(length);
        memcpy(content, data + 1, length - 1);
        content[length - 1] = '\0';
        struct source_file file = {.path = BASE, .content = content, .length = length - 1};
        analyzer_compose.run(&file, &analysis);
        analysis_release(&analysis);
        arena_destroy(&arena);
        free(content);
        seen++;
    }
    closedir(dir);
    assert_true(seen >= 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),           cmocka_unit_test(test_complete_service_is_silent),
        cmocka_unit_test(test_rules_covered),   cmocka_unit_test(test_applies),
        cmocka_unit_test(test_secret_redacted), cmocka_unit_test(test_stream_lines),
        cmocka_unit_test(test_hostile_yaml),    cmocka_unit_test(test_image_floats),
        cmocka_unit_test(test_fuzz_corpus),     cmocka_unit_test(test_absence_filled_by_sibling),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
