/*
 * test_gha: unit tests of the CI analyzers — the GitHub Actions parsing
 * helpers (analyzers/gha_workflow.h: `uses:` pinning classification,
 * `${{ }}` extraction with exact lines inside block scalars, untrusted
 * contexts), script recognition (analyzers/ci_script.h), a positive and a
 * negative case with exact lines for every per-file ci.* rule of
 * gha_workflow.c and gitlab_ci.c, malformed input, and the ci check family
 * (checks/ci.c) on hand-built contexts.
 *
 * Contents are copied into buffers of exactly their length, so a sanitizer
 * build catches any read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzers/analyzer.h"
#include "analyzer_harness.h"
#include "analyzers/ci_script.h"
#include "analyzers/gha_workflow.h"
#include "checks/check.h"
#include "model/model.h"
#include "rules/registry.h"
#include "util/arena.h"

extern const struct analyzer analyzer_gha_workflow;
extern const struct analyzer analyzer_gitlab_ci;
extern const struct analyzer analyzer_ci_detect;
extern const struct check_family check_family_ci;

#define SHA "0123456789abcdef0123456789abcdef01234567"

/* ---- uses: classification ---- */

static void test_classify_uses(void **state)
{
    (void)state;
    struct {
        const char *uses;
        enum gha_ref_kind kind;
        bool first_party;
    } cases[] = {
        {"actions/checkout@" SHA, GHA_REF_SHA, true},
        {"example/tool@" SHA, GHA_REF_SHA, false},
        {"example/tool@0123456789abcdef0123456789abcdef0123456", GHA_REF_BRANCH, false},
        {"example/tool@v4", GHA_REF_TAG, false},
        {"example/tool@v1.2.3", GHA_REF_TAG, false},
        {"example/tool@2.0.0-rc.1", GHA_REF_TAG, false},
        {"example/tool@main", GHA_REF_BRANCH, false},
        {"example/tool@master", GHA_REF_BRANCH, false},
        {"dtolnay/rust-toolchain@stable", GHA_REF_BRANCH, false},
        {"example/tool@release/v1", GHA_REF_BRANCH, false},
        {"example/tool", GHA_REF_BRANCH, false},
        {"example/tool@", GHA_REF_BRANCH, false},
        {"github/codeql-action/init@v3", GHA_REF_TAG, true},
        {"example/repo/.github/workflows/build.yml@main", GHA_REF_BRANCH, false},
        {"docker://alpine:3.20", GHA_REF_DOCKER_TAG, false},
        {"docker://alpine", GHA_REF_DOCKER_TAG, false},
        {"docker://alpine@sha256:" SHA SHA, GHA_REF_DOCKER_DIGEST, false},
        {"./.github/actions/setup", GHA_REF_LOCAL, false},
        {"../shared/action", GHA_REF_LOCAL, false},
        {"", GHA_REF_INVALID, false},
        {"${{ matrix.action }}", GHA_REF_INVALID, false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool first_party = !cases[i].first_party;
        enum gha_ref_kind kind = gha_classify_uses(cases[i].uses, &first_party);
        if (kind != cases[i].kind || first_party != cases[i].first_party)
            print_message("%s: kind %d first-party %d\n", cases[i].uses, kind, first_party);
        assert_int_equal(kind, cases[i].kind);
        assert_int_equal(first_party, cases[i].first_party);
    }
    assert_int_equal(gha_classify_uses("example/tool@v1", NULL), GHA_REF_TAG);
}

/* ---- expressions ---- */

static void test_find_expressions(void **state)
{
    (void)state;
    const char *text = "echo one\n"
                       "echo \"${{ github.event.issue.title }}\"\n"
                       "x=${{matrix.os}} y=${{ secrets.A }}\n"
                       "${{ format('{0}',\n"
                       "   github.head_ref) }}\n"
                       "tail ${{ unterminated";
    struct gha_expression found[8];
    size_t count = gha_find_expressions(text, strlen(text), 10, found, 8);
    assert_int_equal(count, 4);
    assert_int_equal(found[0].line, 11);
    assert_int_equal(found[0].length, strlen("github.event.issue.title"));
    assert_memory_equal(text + found[0].offset, "github.event.issue.title", found[0].length);
    assert_int_equal(found[1].line, 12);
    assert_memory_equal(text + found[1].offset, "matrix.os", found[1].length);
    assert_int_equal(found[2].line, 12);
    assert_memory_equal(text + found[2].offset, "secrets.A", found[2].length);
    assert_int_equal(found[3].line, 13);
    /* A cap on the output is honoured. */
    assert_int_equal(gha_find_expressions(text, strlen(text), 1, found, 1), 1);
    assert_int_equal(gha_find_expressions("", 0, 1, found, 8), 0);
    assert_int_equal(gha_find_expressions("${{", 3, 1, found, 8), 0);
}

static void test_untrusted_expressions(void **state)
{
    (void)state;
    static const char *const untrusted[] = {
        "github.event.issue.title",
        "github.event.pull_request.body",
        "github.event.comment.body",
        "github.event.pull_request.head.ref",
        "github.event.pull_request.head.label",
        "github.event.pull_request.head.repo.default_branch",
        "github.event.head_commit.message",
        "github.event.commits[0].message",
        "github.event.head_commit.author.email",
        "github.event.workflow_run.head_branch",
        "github.head_ref",
        "toJSON(github.event)",
        "format('{0}', github.event.review.body)",
        "GITHUB.EVENT.ISSUE.TITLE",
        "github.event.client_payload.command",
    };
    static const char *const trusted[] = {
        "github.event.pull_request.number",
        "github.event.pull_request.head.sha",
        "github.event.issue.id",
        "github.event.inputs.version",
        "github.event.repository.name",
        "github.event.pull_request.base.ref",
        "github.event.sender.login",
        "github.event_name",
        "github.event_path",
        "github.sha",
        "github.ref_name",
        "secrets.TOKEN",
        "matrix.os",
        "env.my_github.head_ref",
    };
    for (size_t i = 0; i < sizeof(untrusted) / sizeof(untrusted[0]); i++) {
        if (!gha_expression_untrusted(untrusted[i], strlen(untrusted[i])))
            print_message("should be untrusted: %s\n", untrusted[i]);
        assert_true(gha_expression_untrusted(untrusted[i], strlen(untrusted[i])));
    }
    for (size_t i = 0; i < sizeof(trusted) / sizeof(trusted[0]); i++) {
        if (gha_expression_untrusted(trusted[i], strlen(trusted[i])))
            print_message("should be trusted: %s\n", trusted[i]);
        assert_false(gha_expression_untrusted(trusted[i], strlen(trusted[i])));
    }
}

static void test_workflow_path(void **state)
{
    (void)state;
    assert_true(gha_is_workflow_path(".github/workflows/ci.yml"));
    assert_true(gha_is_workflow_path(".github/workflows/release.yaml"));
    assert_false(gha_is_workflow_path(".github/workflows/sub/ci.yml"));
    assert_false(gha_is_workflow_path("tests/fixtures/x/.github/workflows/ci.yml"));
    assert_false(gha_is_workflow_path(".github/workflows/README.md"));
    assert_false(gha_is_workflow_path(".github/dependabot.yml"));
}

/* ---- script recognition ---- */

static unsigned line_kinds(const char *line)
{
    return ci_script_line(line, strlen(line), NULL);
}

static void test_script_recognition(void **state)
{
    (void)state;
    const unsigned test = CI_SCRIPT_BIT(CI_SCRIPT_TEST), lint = CI_SCRIPT_BIT(CI_SCRIPT_LINT),
                   types = CI_SCRIPT_BIT(CI_SCRIPT_TYPE_CHECK),
                   gate = CI_SCRIPT_BIT(CI_SCRIPT_COVERAGE_GATE),
                   scan = CI_SCRIPT_BIT(CI_SCRIPT_SECURITY),
                   deploy = CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY);
    assert_int_equal(line_kinds("pytest -q"), test);
    assert_int_equal(line_kinds("poetry run pytest --cov --cov-fail-under=85"), test | gate);
    assert_int_equal(line_kinds("python -m unittest discover"), test);
    assert_int_equal(line_kinds("go test -race ./..."), test);
    assert_int_equal(line_kinds("npm run test:unit"), test);
    assert_int_equal(line_kinds("./gradlew --no-daemon check"), test);
    assert_int_equal(line_kinds("mvn -B verify"), test);
    assert_int_equal(line_kinds("cd build && ctest --output-on-failure"), test);
    assert_int_equal(line_kinds("ruff check . && mypy src"), lint | types);
    assert_int_equal(line_kinds("npx tsc --noEmit"), types);
    assert_int_equal(line_kinds("cargo clippy -- -D warnings"), lint);
    assert_int_equal(line_kinds("pip-audit -r requirements.txt"), scan);
    assert_int_equal(line_kinds("npm audit --audit-level=high"), scan);
    assert_int_equal(line_kinds("trivy image app:1.0"), scan);
    assert_int_equal(line_kinds("twine upload dist/*"), deploy);
    assert_int_equal(line_kinds("kubectl apply -f k8s/"), deploy);
    /* Installing, printing or mentioning a tool is not running it. */
    assert_int_equal(line_kinds("pip install pytest mypy ruff"), 0);
    assert_int_equal(line_kinds("python -m pip install --upgrade pytest"), 0);
    assert_int_equal(line_kinds("npm install --save-dev jest"), 0);
    assert_int_equal(line_kinds("echo \"run pytest next\""), 0);
    assert_int_equal(line_kinds("# pytest is run by tox"), 0);
    assert_int_equal(line_kinds("make build"), 0);
    assert_int_equal(line_kinds("go build ./..."), 0);
    assert_int_equal(line_kinds("pytest_plugins=foo"), 0);
    assert_int_equal(line_kinds("${PREFIX}coverage run -m pytest \"$@\""), test);
    assert_int_equal(line_kinds("git commit -m \"Bump pre-commit hooks and pytest\""), 0);
    assert_int_equal(line_kinds("bash -c \"pytest -q\""), test);
    assert_int_equal(line_kinds("\"pytest -q\""), test);
    assert_int_equal(line_kinds("smokeshow upload htmlcov"), 0);
    assert_int_equal(line_kinds("./scripts/smoke-test.sh"), CI_SCRIPT_BIT(CI_SCRIPT_HEALTH_CHECK));
    /* …but the next command on the line can be. */
    assert_int_equal(line_kinds("pip install -e . && pytest"), test);
    assert_int_equal(line_kinds("sh 'make test'  // Jenkins"), test);

    assert_int_equal(ci_script_action("github/codeql-action/init@v3"), scan);
    assert_int_equal(ci_script_action("Aquasecurity/Trivy-Action@0.28.0"), scan);
    assert_int_equal(ci_script_action("golangci/golangci-lint-action@v6"), lint);
    assert_int_equal(ci_script_action("actions/checkout@v4"), 0);
    assert_int_equal(ci_script_action("github/codeql-action-fork@v1"), 0);
    assert_int_equal(ci_script_name("Deploy to production"), deploy);
    assert_int_equal(ci_script_name("Run tests"), 0);
    assert_int_equal(ci_script_name("smokeshow"), 0);
    assert_int_equal(ci_script_name("Smoke tests"), CI_SCRIPT_BIT(CI_SCRIPT_HEALTH_CHECK));

    /* Repository scripts a line runs. */
    static const struct {
        const char *line, *path;
    } calls[] = {
        {"scripts/test", "scripts/test"},
        {"./ci/lint.sh --fix", "ci/lint.sh"},
        {"uv run bash scripts/tests-start.sh", "scripts/tests-start.sh"},
        {"set -e; FOO=1 ./build.sh", "build.sh"},
        {"pytest tests/unit", NULL},
        {"curl https://example.com/x.sh | sh", NULL},
        {"/usr/bin/env make", NULL},
        {"# scripts/test", NULL},
    };
    for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
        size_t offset = 0, length = 0;
        bool found = ci_script_called_path(calls[i].line, strlen(calls[i].line), &offset, &length);
        assert_int_equal(found, calls[i].path != NULL);
        if (found) {
            assert_int_equal(length, strlen(calls[i].path));
            assert_memory_equal(calls[i].line + offset, calls[i].path, length);
        }
    }

    /* Notes keep at most six words and never a long (possibly secret) word. */
    struct arena arena;
    arena_init(&arena);
    const char *line =
        "curl -H \"Authorization: Bearer 0123456789abcdef0123456789abcdef0123456789\" "
        "https://x/health";
    const char *note = ci_script_note(&arena, line, strlen(line), 0);
    assert_null(strstr(note, "0123456789abcdef"));
    assert_string_equal(ci_script_note(&arena, "a b c d e f g h", 15, 2), "b c d e f g");
    arena_destroy(&arena);
}

/* ---- the analyzers, rule by rule ---- */

static void scan_run(struct analyzer_scan *scan, const char *path, const char *content,
                     size_t length)
{
    static const struct analyzer *const analyzers[] = {&analyzer_gha_workflow, &analyzer_gitlab_ci,
                                                       &analyzer_ci_detect, NULL};
    assert_true(analyzer_scan_run(scan, analyzers, path, FILE_ROLE_CI, content, length) > 0);
}

#define WF   ".github/workflows/ci.yml"
#define GL   ".gitlab-ci.yml"
#define HEAD "on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"

struct rule_case {
    const char *rule;
    const char *path;
    const char *content;
    const char *lines;
};

static const struct rule_case rule_cases[] = {
    {"ci.action-unpinned-branch", WF, HEAD "      - uses: example/tool@main\n", "7"},
    {"ci.action-unpinned-branch", WF, HEAD "      - uses: example/tool@" SHA "\n", ""},
    {"ci.action-unpinned-branch", WF,
     "on: push\npermissions: {}\njobs:\n  call:\n    uses: example/repo/.github/workflows/"
     "b.yml@main\n",
     "5"},
    {"ci.action-unpinned-tag", WF, HEAD "      - uses: example/tool@v2\n", "7"},
    {"ci.action-unpinned-tag", WF, HEAD "      - uses: docker://alpine\n", "7"},
    {"ci.action-unpinned-tag", WF,
     HEAD "      - uses: docker://alpine@sha256:" SHA SHA "\n      - uses: ./local\n", ""},
    {"ci.action-unpinned-first-party", WF, HEAD "      - uses: actions/checkout@v4\n", "7"},
    {"ci.action-unpinned-first-party", WF, HEAD "      - uses: actions/checkout@" SHA "\n", ""},
    {"ci.gha-no-permissions", WF,
     "on: push\njobs:\n  a:\n    permissions: {}\n    runs-on: x\n  b:\n    runs-on: x\n", "6"},
    {"ci.gha-no-permissions", WF,
     "on: push\njobs:\n  a:\n    permissions:\n    runs-on: x\n  b:\n    permissions: {}\n", ""},
    {"ci.gha-no-permissions", WF, HEAD "      - run: make\n", ""},
    {"ci.gha-no-permissions", WF, "on: workflow_call\njobs:\n  a:\n    runs-on: x\n", ""},
    {"ci.gha-write-all", WF, "on: push\npermissions: write-all\njobs: {}\n", "2"},
    {"ci.gha-write-all", WF, "on: push\npermissions: read-all\njobs: {}\n", ""},
    {"ci.gha-untrusted-checkout", WF,
     "on: pull_request_target\npermissions: {}\njobs:\n  t:\n    steps:\n      - uses: "
     "actions/checkout@" SHA "\n        with:\n          ref: ${{ "
     "github.event.pull_request.head.sha }}\n",
     "8"},
    {"ci.gha-untrusted-checkout", WF,
     "on:\n  workflow_run:\n    workflows: [ci]\npermissions: {}\njobs:\n  t:\n    steps:\n   "
     "   - uses: actions/checkout@" SHA "\n        with:\n          ref: "
     "refs/pull/${{ github.event.workflow_run.pull_requests[0].number }}/merge\n",
     "10"},
    {"ci.gha-untrusted-checkout", WF,
     "on: pull_request\npermissions: {}\njobs:\n  t:\n    steps:\n      - uses: "
     "actions/checkout@" SHA "\n        with:\n          ref: ${{ "
     "github.event.pull_request.head.sha }}\n",
     ""},
    {"ci.gha-untrusted-checkout", WF,
     "on: pull_request_target\npermissions: {}\njobs:\n  t:\n    steps:\n      - uses: "
     "actions/checkout@" SHA "\n",
     ""},
    /* the line of the expression inside a block scalar, not of `run:` */
    {"ci.gha-script-injection", WF,
     HEAD "      - name: greet\n        run: |\n          echo hi\n\n          echo \"${{ "
          "github.event.issue.title }}\"\n",
     "11"},
    {"ci.gha-script-injection", WF,
     HEAD "      - run: >-\n          echo a\n          ${{ github.head_ref }}\n", "9"},
    {"ci.gha-script-injection", WF, HEAD "      - run: \"echo ${{ github.event.comment.body }}\"\n",
     "7"},
    {"ci.gha-script-injection", WF,
     HEAD "      - env:\n          T: ${{ github.event.issue.title }}\n        run: echo \"$T "
          "${{ github.event.issue.number }}\"\n",
     ""},
    {"ci.gha-script-injection", WF,
     HEAD "      - uses: actions/github-script@" SHA "\n        with:\n          script: |\n     "
          "       const b = `${{ github.event.pull_request.body }}`\n",
     "10"},
    {"ci.gha-secret-echoed", WF,
     HEAD "      - run: |\n          make\n          echo "
          "\"${{ secrets.TOKEN }}\"\n",
     "9"},
    {"ci.gha-secret-echoed", WF, HEAD "      - run: echo '${{ toJSON(secrets) }}' > all.json\n",
     "7"},
    {"ci.gha-secret-echoed", WF,
     HEAD "      - run: echo \"${{ secrets.TOKEN }}\" | docker login -u me --password-stdin\n", ""},
    {"ci.secret-to-unpinned-action", WF,
     HEAD "      - uses: example/deploy@v1\n        with:\n          key: ${{ secrets.KEY }}\n",
     "9"},
    {"ci.secret-to-unpinned-action", WF,
     HEAD "      - uses: example/deploy@v1\n        env:\n          GH: ${{ github.token }}\n",
     "9"},
    {"ci.secret-to-unpinned-action", WF,
     "on: push\npermissions: {}\njobs:\n  call:\n    uses: example/r/.github/workflows/"
     "d.yml@v1\n    secrets: inherit\n",
     "6"},
    {"ci.secret-to-unpinned-action", WF,
     HEAD "      - uses: example/deploy@" SHA "\n        with:\n          key: ${{ secrets.KEY "
          "}}\n      - uses: actions/setup-node@v4\n        with:\n          token: ${{ "
          "secrets.NPM }}\n",
     ""},
    {"ci.gha-self-hosted-pr", WF,
     "on: [pull_request]\npermissions: {}\njobs:\n  t:\n    runs-on: [self-hosted, x64]\n", "5"},
    {"ci.gha-self-hosted-pr", WF,
     "on:\n  pull_request_target:\npermissions: {}\njobs:\n  t:\n    runs-on:\n      labels: "
     "self-hosted\n",
     "7"},
    {"ci.gha-self-hosted-pr", WF,
     "on: push\npermissions: {}\njobs:\n  t:\n    runs-on: self-hosted\n", ""},
    /* a job kept off pull-request events by its condition */
    {"ci.gha-self-hosted-pr", WF,
     "on: [push, pull_request]\npermissions: {}\njobs:\n  t:\n    runs-on: self-hosted\n    "
     "if: github.event_name == 'push' && github.repository == 'a/b'\n",
     ""},
    {"ci.gha-self-hosted-pr", WF,
     "on: [push, pull_request]\npermissions: {}\njobs:\n  t:\n    runs-on: self-hosted\n    "
     "if: github.event_name != 'pull_request'\n",
     ""},
    {"ci.gha-self-hosted-pr", WF,
     "on: [push, pull_request]\npermissions: {}\njobs:\n  t:\n    runs-on: self-hosted\n    "
     "if: github.event_name == 'pull_request'\n",
     "5"},
    {"ci.tests-allowed-to-fail", WF, HEAD "      - run: pytest\n        continue-on-error: true\n",
     "8"},
    {"ci.tests-allowed-to-fail", WF,
     "on: push\npermissions: {}\njobs:\n  t:\n    continue-on-error: true\n    steps:\n      - "
     "run: go test ./...\n",
     "5"},
    {"ci.tests-allowed-to-fail", WF,
     HEAD "      - run: make docs\n        continue-on-error: true\n      - run: pytest\n"
          "        continue-on-error: ${{ matrix.experimental }}\n",
     ""},
    {"ci.tests-allowed-to-fail", GL, "test:\n  script: [pytest]\n  allow_failure: true\n", "3"},
    {"ci.tests-allowed-to-fail", GL, "docs:\n  script: [make docs]\n  allow_failure: true\n", ""},
    {"ci.plaintext-secret", WF,
     "on: push\npermissions: {}\nenv:\n  API_TOKEN: Zx9Lq2Vt8Rw4Pk7Hm3Nb\njobs: {}\n", "4"},
    {"ci.plaintext-secret", WF,
     "on: push\npermissions: {}\nenv:\n  API_TOKEN: ${{ secrets.API_TOKEN }}\n  DB_PASSWORD: "
     "postgres\n  TOKEN_FILE: /run/Zx9Lq2Vt8Rw4Pk7Hm3Nb\njobs: {}\n",
     ""},
    {"ci.plaintext-secret", GL, "variables:\n  DEPLOY_TOKEN:\n    value: Zx9Lq2Vt8Rw4Pk7Hm3Nb\n",
     "3"},
    {"ci.plaintext-secret", GL,
     "variables:\n  DEPLOY_TOKEN: $VAULT_TOKEN\n  PASSWORD: "
     "changeme-Zx9Lq2\n",
     ""},
    {"ci.plaintext-secret", GL,
     "variables:\n  SECRET_KEY: test_secret_key_123\n  DB_PASSWORD: Fake-Pw-2024\n", ""},
    {"ci.gitlab-image-latest", GL,
     "image: python\nt:\n  image:\n    name: node:latest\n  "
     "script: [x]\n",
     "1,4"},
    {"ci.gitlab-image-latest", GL,
     "image: python:3.12\nservices: [postgres:16]\nt:\n  image: $CI_REGISTRY_IMAGE\n  script: "
     "[x]\nu:\n  image: registry.example.com:5000/tools@sha256:" SHA "\n  script: [x]\n",
     ""},
    {"ci.gitlab-image-latest", GL, "default:\n  services:\n    - redis\n", "3"},
    {"ci.invalid-yaml", WF, "on: push\njobs:\n  t:\n   - a\n  - b\n", "5"},
    {"ci.invalid-yaml", WF, "- just\n- a list\n", "1"},
    {"ci.invalid-yaml", GL, "test:\n  script: [\"unterminated\n", "2"},
    {"ci.invalid-yaml", WF, HEAD "      - run: make\n", ""},
    /* a flow sequence closed at its key's indentation, which GitHub accepts */
    {"ci.invalid-yaml", WF,
     "on: push\npermissions: {}\njobs:\n  t:\n    needs: [\n      a,\n      b\n    ]\n    "
     "runs-on: x\n",
     ""},
};

static void test_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rule_cases) / sizeof(rule_cases[0]); i++) {
        const struct rule_case *c = &rule_cases[i];
        struct analyzer_scan scan;
        scan_run(&scan, c->path, c->content, strlen(c->content));
        const char *lines = analyzer_scan_rule_lines(&scan, c->rule);
        if (strcmp(lines, c->lines) != 0)
            analyzer_scan_print_mismatch(&scan, i, c->rule, c->lines, lines);
        assert_string_equal(lines, c->lines);
        analyzer_scan_release(&scan);
    }
}

/* Every per-file ci.* rule has a positive and a negative case above; the
 * repository-level ones are covered by test_checks. */
static void test_rules_covered(void **state)
{
    (void)state;
    static const char *const repository_rules[] = {"ci.no-ci",
                                                   "ci.no-test-job",
                                                   "ci.no-lint",
                                                   "ci.no-type-check",
                                                   "ci.no-coverage-gate",
                                                   "ci.no-security-scan",
                                                   NULL};
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    size_t seen = 0;
    for (size_t i = 0; i < count; i++) {
        if (strncmp(rules[i].id, "ci.", 3) != 0)
            continue;
        seen++;
        bool repository = false;
        for (size_t k = 0; repository_rules[k]; k++)
            repository |= strcmp(rules[i].id, repository_rules[k]) == 0;
        if (repository)
            continue;
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
    assert_true(seen >= 20);
}

static void test_facts(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    const char *workflow = HEAD "      - run: |\n"
                                "          pip install pytest\n"
                                "          pytest -q --cov-fail-under=90\n"
                                "      - uses: github/codeql-action/init@" SHA "\n"
                                "    strategy:\n"
                                "      matrix:\n"
                                "        os: [a, b]\n";
    scan_run(&scan, WF, workflow, strlen(workflow));
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.system"), "1");
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.test"), "9");
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.coverage-gate"), "9");
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.security"), "10");
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.matrix"), "12");
    analyzer_scan_release(&scan);

    const char *gitlab = "include:\n  - template: Security/Secret-Detection.gitlab-ci.yml\n"
                         "test:\n  script:\n    - pytest\n    - - nested && mypy .\n"
                         "deploy:\n  stage: deploy\n  script: ./go.sh\n";
    scan_run(&scan, GL, gitlab, strlen(gitlab));
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.security"), "2");
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.test"), "5");
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.type-check"), "6");
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.deploy"), "7,8");
    analyzer_scan_release(&scan);

    const char *codecov =
        "coverage:\n  status:\n    project:\n      default:\n        target: 80%\n";
    scan_run(&scan, "codecov.yml", codecov, strlen(codecov));
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.coverage-gate"), "5");
    analyzer_scan_release(&scan);
    const char *pyproject = "[tool.coverage.report]\nfail_under = 0\n";
    scan_run(&scan, "pyproject.toml", pyproject, strlen(pyproject));
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.coverage-gate"), "");
    analyzer_scan_release(&scan);
    scan_run(&scan, "Jenkinsfile", "sh 'make check'\n", 16);
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.system"), "1");
    assert_string_equal(analyzer_scan_fact_lines(&scan, "ci.test"), "1");
    analyzer_scan_release(&scan);
}

static void test_secret_redacted(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    const char *text = "variables:\n  API_TOKEN: \"Zx9Lq2Vt8Rw4Pk7Hm3Nb\"\n"
                       "  DB_PASSWORD: \"Q\\x41w8Er5Ty2Ui9Op\"\n";
    scan_run(&scan, GL, text, strlen(text));
    assert_int_equal(scan.analysis.finding_count, 2);
    for (size_t i = 0; i < scan.analysis.finding_count; i++) {
        const struct finding *finding = &scan.analysis.findings[i];
        assert_string_equal(finding->rule->id, "ci.plaintext-secret");
        assert_null(strstr(finding->snippet, "Vt8Rw4"));
        assert_null(strstr(finding->message, "Vt8Rw4"));
        assert_null(strstr(finding->snippet, "Er5Ty2"));
        assert_null(strstr(finding->message, "Er5Ty2"));
    }
    assert_non_null(strstr(scan.analysis.findings[0].snippet, "Zx9L\xe2\x80\xa6(20)"));
    analyzer_scan_release(&scan);
}

/* Malformed input: a message or nothing, never a crash or a hang. */
static void test_bad_input(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "\xff\xfe on: push\n",
        "on: push\x01\njobs: {}\n",
        "? a:\t|\n",
        "a: &x [*x, *x]\nb: *x\n",
        "jobs: &j\n  t: *j\n",
        "on: push\njobs:\n  t:\n    steps: *s\n",
        ("on: "
         "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
         "]]]]]]]]]]]]]]]]]]]]]\n"),
        "%YAML 1.2\n---\non: push\n...\n---\nsecond: doc\n",
        "",
        "\n\n\n",
        "jobs:\n  t:\n    steps:\n      - run: \"${{\"\n      - run: ${{ }}\n",
        "jobs:\n  t:\n    steps:\n      - uses:\n      - uses: [a]\n      - uses: '@'\n",
        "jobs:\n  ? [a, b]\n  : {steps: x}\n",
    };
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        for (int which = 0; which < 2; which++) {
            struct analyzer_scan scan;
            scan_run(&scan, which ? GL : WF, inputs[i], strlen(inputs[i]));
            analyzer_scan_release(&scan);
        }
    }
    /* Bytes past the declared length and NUL bytes inside are never read as text. */
    struct analyzer_scan scan;
    static const char nul[] = "on: push\0\njobs: {}\n";
    scan_run(&scan, WF, nul, sizeof(nul) - 1);
    assert_string_equal(analyzer_scan_rule_lines(&scan, "ci.invalid-yaml"), "1");
    analyzer_scan_release(&scan);
}

/* ---- the check family ---- */

struct check_run {
    struct arena arena;
    struct check_context context;
};

static void check_run(struct check_run *run, const struct check_file *files, size_t file_count,
                      const struct fact *facts, size_t fact_count)
{
    arena_init(&run->arena);
    memset(&run->context, 0, sizeof(run->context));
    run->context.arena = &run->arena;
    run->context.files = files;
    run->context.file_count = file_count;
    run->context.facts = facts;
    run->context.fact_count = fact_count;
    run->context.kind = PROJECT_KIND_SERVICE;
    check_family_ci.run(&run->context);
}

static void check_release(struct check_run *run)
{
    free(run->context.checks);
    free(run->context.findings);
    arena_destroy(&run->arena);
}

static const struct check *find_check(const struct check_run *run, const char *id)
{
    for (size_t i = 0; i < run->context.check_count; i++)
        if (strcmp(run->context.checks[i].id, id) == 0)
            return &run->context.checks[i];
    return NULL;
}

static bool has_finding(const struct check_run *run, const char *rule)
{
    for (size_t i = 0; i < run->context.finding_count; i++)
        if (strcmp(run->context.findings[i].rule->id, rule) == 0)
            return true;
    return false;
}

static void test_checks(void **state)
{
    (void)state;
    const struct check_file python[] = {{"app.py", "Python", FILE_ROLE_SOURCE}};
    const struct check_file go[] = {{"main.go", "Go", FILE_ROLE_SOURCE}};

    struct check_run run;
    check_run(&run, python, 1, NULL, 0);
    assert_int_equal(find_check(&run, "ci.exists")->status, CHECK_FAIL);
    assert_int_equal(find_check(&run, "ci.runs-tests")->status, CHECK_NOT_CHECKED);
    assert_true(has_finding(&run, "ci.no-ci"));
    assert_int_equal(run.context.finding_count, 1);
    check_release(&run);

    const struct fact bare[] = {{"ci.system", ".gitlab-ci.yml", 1, "GitLab CI"}};
    check_run(&run, python, 1, bare, 1);
    assert_int_equal(find_check(&run, "ci.exists")->status, CHECK_PASS);
    assert_int_equal(find_check(&run, "ci.exists")->evidence[0].line, 1);
    static const char *const missing[] = {"ci.no-test-job", "ci.no-lint", "ci.no-type-check",
                                          "ci.no-coverage-gate", "ci.no-security-scan"};
    for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++)
        assert_true(has_finding(&run, missing[i]));
    assert_false(has_finding(&run, "ci.no-ci"));
    assert_int_equal(find_check(&run, "ci.post-deploy-check")->status, CHECK_NOT_CHECKED);
    check_release(&run);

    /* Go checks types when it compiles: no type-check finding. */
    check_run(&run, go, 1, bare, 1);
    assert_int_equal(find_check(&run, "ci.type-check")->status, CHECK_NOT_CHECKED);
    assert_false(has_finding(&run, "ci.no-type-check"));
    check_release(&run);

    const struct fact full[] = {
        {"ci.system", ".github/workflows/ci.yml", 1, "GitHub Actions"},
        {"ci.test", ".github/workflows/ci.yml", 42, "pytest -q"},
        {"ci.lint", ".github/workflows/ci.yml", 40, "ruff check ."},
        {"ci.type-check", ".github/workflows/ci.yml", 41, "mypy src"},
        {"ci.coverage-gate", "pyproject.toml", 12, "fail_under = 80"},
        {"ci.security", ".github/workflows/ci.yml", 50, "github/codeql-action/init@v3"},
        {"ci.deploy", ".github/workflows/ci.yml", 60, "helm upgrade"},
        {"ci.health-check", ".github/workflows/ci.yml", 61, "kubectl rollout status"},
    };
    /* A script's steps count when a CI job calls it, and only then. */
    const struct fact scripts[] = {
        {"ci.calls", ".github/workflows/ci.yml", 30, "scripts/test"},
        {"ci.system", ".github/workflows/ci.yml", 1, "GitHub Actions"},
        {"ci.script.test", "scripts/test", 14, "pytest"},
        {"ci.script.lint", "scripts/unused", 3, "ruff check ."},
    };
    check_run(&run, python, 1, scripts, sizeof(scripts) / sizeof(scripts[0]));
    assert_int_equal(find_check(&run, "ci.runs-tests")->status, CHECK_PASS);
    assert_string_equal(find_check(&run, "ci.runs-tests")->evidence[0].file, "scripts/test");
    assert_int_equal(find_check(&run, "ci.lint")->status, CHECK_FAIL);
    check_release(&run);

    check_run(&run, python, 1, full, sizeof(full) / sizeof(full[0]));
    assert_int_equal(run.context.finding_count, 0);
    const struct check *tests = find_check(&run, "ci.runs-tests");
    assert_int_equal(tests->status, CHECK_PASS);
    assert_string_equal(tests->evidence[0].file, ".github/workflows/ci.yml");
    assert_int_equal(tests->evidence[0].line, 42);
    assert_string_equal(tests->evidence[0].note, "pytest -q");
    assert_int_equal(find_check(&run, "ci.post-deploy-check")->status, CHECK_PASS);
    assert_int_equal(find_check(&run, "ci.rollback")->status, CHECK_FAIL);
    assert_int_equal(find_check(&run, "ci.matrix")->status, CHECK_FAIL);
    check_release(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classify_uses),
        cmocka_unit_test(test_find_expressions),
        cmocka_unit_test(test_untrusted_expressions),
        cmocka_unit_test(test_workflow_path),
        cmocka_unit_test(test_script_recognition),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_rules_covered),
        cmocka_unit_test(test_facts),
        cmocka_unit_test(test_secret_redacted),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
