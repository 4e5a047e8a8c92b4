/*
 * test_role: file roles from paths (and the language detected for them),
 * including the precedence between overlapping rules documented in role.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "inventory/language.h"
#include "inventory/role.h"

struct expectation {
    const char *path;
    enum file_role role;
};

static void check_all(const struct expectation *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const struct language *language = language_detect(cases[i].path, NULL, 0);
        enum file_role got = role_detect(cases[i].path, language);
        if (got != cases[i].role)
            print_error("%s: got %s, want %s\n", cases[i].path, file_role_id(got),
                        file_role_id(cases[i].role));
        assert_int_equal(got, cases[i].role);
    }
}

#define CHECK_ALL(cases) check_all(cases, sizeof(cases) / sizeof(cases[0]))

static void test_source(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"app/main.py", FILE_ROLE_SOURCE},        {"src/lib.rs", FILE_ROLE_SOURCE},
        {"cmd/server/main.go", FILE_ROLE_SOURCE}, {"src/index.ts", FILE_ROLE_SOURCE},
        {"lib/latest.py", FILE_ROLE_SOURCE},      {"src/Latest.java", FILE_ROLE_SOURCE},
        {"src/BIT.java", FILE_ROLE_SOURCE},       {"src/contest.c", FILE_ROLE_SOURCE},
        {"pkg/ci/runner.go", FILE_ROLE_SOURCE},   {"app/license.py", FILE_ROLE_SOURCE},
        {"web/index.html", FILE_ROLE_SOURCE},     {"web/site.css", FILE_ROLE_SOURCE},
        {"data/loader.py", FILE_ROLE_SOURCE},     {"db/queries.sql", FILE_ROLE_SOURCE},
        {"scripts/deploy.sh", FILE_ROLE_SOURCE},
    };
    CHECK_ALL(cases);
}

static void test_tests(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"tests/test_api.py", FILE_ROLE_TEST},
        {"tests/helpers.py", FILE_ROLE_TEST},
        {"test/unit/a.c", FILE_ROLE_TEST},
        {"src/__tests__/App.jsx", FILE_ROLE_TEST},
        {"spec/models/user_spec.rb", FILE_ROLE_TEST},
        {"app/test_models.py", FILE_ROLE_TEST},
        {"app/models_test.py", FILE_ROLE_TEST},
        {"pkg/server/server_test.go", FILE_ROLE_TEST},
        {"src/app.test.ts", FILE_ROLE_TEST},
        {"src/app.spec.js", FILE_ROLE_TEST},
        {"src/app.e2e-spec.ts", FILE_ROLE_TEST},
        {"src/main/java/com/x/UserServiceTest.java", FILE_ROLE_TEST},
        {"src/test/java/com/x/Helper.java", FILE_ROLE_TEST},
        {"src/UserServiceIT.java", FILE_ROLE_TEST},
        {"Tests/ParserTests.cs", FILE_ROLE_TEST},
        {"lib/user_spec.rb", FILE_ROLE_TEST},
        {"conftest.py", FILE_ROLE_TEST},
        {"app/tests.py", FILE_ROLE_TEST},
        {"test/run.bats", FILE_ROLE_TEST},
        {"internal/testdata/gen.go", FILE_ROLE_TEST},
    };
    CHECK_ALL(cases);
}

static void test_docs(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"README.md", FILE_ROLE_DOCS},
        {"README", FILE_ROLE_DOCS},
        {"readme.txt", FILE_ROLE_DOCS},
        {"LICENSE", FILE_ROLE_DOCS},
        {"LICENSE.txt", FILE_ROLE_DOCS},
        {"LICENSE-MIT", FILE_ROLE_DOCS},
        {"COPYING", FILE_ROLE_DOCS},
        {"CHANGELOG", FILE_ROLE_DOCS},
        {"CHANGES.rst", FILE_ROLE_DOCS},
        {"CONTRIBUTING.md", FILE_ROLE_DOCS},
        {"SECURITY.md", FILE_ROLE_DOCS},
        {"docs/index.rst", FILE_ROLE_DOCS},
        {"docs/conf.py", FILE_ROLE_DOCS},
        {"doc/guide/setup.txt", FILE_ROLE_DOCS},
        {"documentation/api.html", FILE_ROLE_DOCS},
        {"tests/README.md", FILE_ROLE_DOCS},
        {"charts/app/README.md", FILE_ROLE_DOCS},
        {".github/ISSUE_TEMPLATE/bug.md", FILE_ROLE_DOCS},
        {"api/openapi.yaml", FILE_ROLE_DOCS},
        {"notes.txt", FILE_ROLE_DOCS},
        {"man/tool.1", FILE_ROLE_DOCS},
    };
    CHECK_ALL(cases);
}

static void test_config(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {".env", FILE_ROLE_CONFIG},
        {".env.production", FILE_ROLE_CONFIG},
        {".env.example", FILE_ROLE_CONFIG},
        {"config/app.env", FILE_ROLE_CONFIG},
        {"config/settings.ini", FILE_ROLE_CONFIG},
        {"tox.ini", FILE_ROLE_CONFIG},
        {"config.toml", FILE_ROLE_CONFIG},
        {"app.cfg", FILE_ROLE_CONFIG},
        {"nginx/site.conf", FILE_ROLE_CONFIG},
        {"config/application.yml", FILE_ROLE_CONFIG},
        {"tsconfig.json", FILE_ROLE_CONFIG},
        {"src/main/resources/app.properties", FILE_ROLE_CONFIG},
        {".editorconfig", FILE_ROLE_CONFIG},
        {".gitignore", FILE_ROLE_CONFIG},
        {".eslintrc.js", FILE_ROLE_CONFIG},
        {".github/dependabot.yml", FILE_ROLE_CONFIG},
        {"webpack.config.js", FILE_ROLE_CONFIG},
        {"vite.config.ts", FILE_ROLE_CONFIG},
        {"logback.xml", FILE_ROLE_CONFIG},
        {"VERSION", FILE_ROLE_CONFIG},
        {"history.json", FILE_ROLE_CONFIG},
    };
    CHECK_ALL(cases);
}

static void test_ci(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {".github/workflows/ci.yml", FILE_ROLE_CI},
        {".github/workflows/test.yaml", FILE_ROLE_CI},
        {".github/actions/setup/action.yml", FILE_ROLE_CI},
        {".gitlab-ci.yml", FILE_ROLE_CI},
        {".gitlab/ci/build.yml", FILE_ROLE_CI},
        {".circleci/config.yml", FILE_ROLE_CI},
        {"Jenkinsfile", FILE_ROLE_CI},
        {"ci/Jenkinsfile.release", FILE_ROLE_CI},
        {"azure-pipelines.yml", FILE_ROLE_CI},
        {"azure-pipelines-release.yaml", FILE_ROLE_CI},
        {".travis.yml", FILE_ROLE_CI},
        {"bitbucket-pipelines.yml", FILE_ROLE_CI},
        {".drone.yml", FILE_ROLE_CI},
        {"ci/install.sh", FILE_ROLE_CI},
        {".buildkite/pipeline.yml", FILE_ROLE_CI},
    };
    CHECK_ALL(cases);
}

static void test_container(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"Dockerfile", FILE_ROLE_CONTAINER},
        {"docker/Dockerfile.prod", FILE_ROLE_CONTAINER},
        {"api.dockerfile", FILE_ROLE_CONTAINER},
        {"Containerfile", FILE_ROLE_CONTAINER},
        {"docker-compose.yml", FILE_ROLE_CONTAINER},
        {"docker-compose.override.yaml", FILE_ROLE_CONTAINER},
        {"compose.yaml", FILE_ROLE_CONTAINER},
        {"compose.prod.yml", FILE_ROLE_CONTAINER},
        {".dockerignore", FILE_ROLE_CONTAINER},
        {".devcontainer/devcontainer.json", FILE_ROLE_CONTAINER},
        /* a Dockerfile under tests/ is still a Dockerfile */
        {"tests/integration/Dockerfile", FILE_ROLE_CONTAINER},
        /* source code about Dockerfiles is source */
        {"src/analyzers/dockerfile.c", FILE_ROLE_SOURCE},
        {"lib/dockerfile_lint.py", FILE_ROLE_SOURCE},
    };
    CHECK_ALL(cases);
}

static void test_iac(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"infra/main.tf", FILE_ROLE_IAC},
        {"infra/prod.tfvars", FILE_ROLE_IAC},
        {"terragrunt.hcl", FILE_ROLE_IAC},
        {"stack.tf.json", FILE_ROLE_IAC},
        {"k8s/deployment.yaml", FILE_ROLE_IAC},
        {"deploy/kubernetes/service.yml", FILE_ROLE_IAC},
        {"charts/app/Chart.yaml", FILE_ROLE_IAC},
        {"charts/app/templates/deployment.yaml", FILE_ROLE_IAC},
        {"charts/app/templates/_helpers.tpl", FILE_ROLE_IAC},
        {"helm/values.yaml", FILE_ROLE_IAC},
        {"values-prod.yaml", FILE_ROLE_IAC},
        {"overlays/prod/kustomization.yaml", FILE_ROLE_IAC},
        {"template.yaml", FILE_ROLE_IAC},
        {"stack.cfn.json", FILE_ROLE_IAC},
        {"cloudformation/network.yml", FILE_ROLE_IAC},
        {"serverless.yml", FILE_ROLE_IAC},
        {"main.bicep", FILE_ROLE_IAC},
        {"Vagrantfile", FILE_ROLE_IAC},
        /* code in an infrastructure directory stays code */
        {"k8s/render.py", FILE_ROLE_SOURCE},
    };
    CHECK_ALL(cases);
}

static void test_migration(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"app/migrations/0001_initial.py", FILE_ROLE_MIGRATION},
        {"app/migrations/__init__.py", FILE_ROLE_MIGRATION},
        {"alembic/versions/abc123_add_users.py", FILE_ROLE_MIGRATION},
        {"alembic/env.py", FILE_ROLE_MIGRATION},
        {"db/migrate/20240101_create_users.rb", FILE_ROLE_MIGRATION},
        {"sql/000001_init.up.sql", FILE_ROLE_MIGRATION},
        {"sql/000001_init.down.sql", FILE_ROLE_MIGRATION},
        {"db/V1__init.sql", FILE_ROLE_MIGRATION},
        {"db/V2_1__add_index.sql", FILE_ROLE_MIGRATION},
        {"db/R__views.sql", FILE_ROLE_MIGRATION},
        {"src/main/resources/db/changelog/master.yaml", FILE_ROLE_MIGRATION},
        /* not migrations */
        {"db/V__bad.sql", FILE_ROLE_SOURCE},
        {"db/Views.sql", FILE_ROLE_SOURCE},
        {"tools/migrate.py", FILE_ROLE_SOURCE},
        {"alembic.ini", FILE_ROLE_CONFIG},
        {"alembic/README", FILE_ROLE_DOCS},
        /* tests of migrations are tests */
        {"tests/migrations/test_0001.py", FILE_ROLE_TEST},
    };
    CHECK_ALL(cases);
}

static void test_data(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"data/prices.csv", FILE_ROLE_DATA},
        {"export.tsv", FILE_ROLE_DATA},
        {"warehouse/events.parquet", FILE_ROLE_DATA},
        {"events.jsonl", FILE_ROLE_DATA},
        {"tests/fixtures/user.json", FILE_ROLE_DATA},
        {"fixtures/users.yaml", FILE_ROLE_DATA},
        {"data/schema.json", FILE_ROLE_DATA},
        {"tests/data/expected.txt", FILE_ROLE_DATA},
        {"src/test/resources/app.yml", FILE_ROLE_DATA},
        {"pkg/parser/testdata/input.golden", FILE_ROLE_DATA},
        {"static/logo.svg", FILE_ROLE_DATA},
        {"static/logo.png", FILE_ROLE_DATA},
    };
    CHECK_ALL(cases);
}

static void test_build(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"Makefile", FILE_ROLE_BUILD},
        {"src/Makefile", FILE_ROLE_BUILD},
        {"CMakeLists.txt", FILE_ROLE_BUILD},
        {"tests/CMakeLists.txt", FILE_ROLE_BUILD},
        {"cmake/FindFoo.cmake", FILE_ROLE_BUILD},
        {"setup.py", FILE_ROLE_BUILD},
        {"setup.cfg", FILE_ROLE_BUILD},
        {"pyproject.toml", FILE_ROLE_BUILD},
        {"requirements.txt", FILE_ROLE_BUILD},
        {"requirements-dev.txt", FILE_ROLE_BUILD},
        {"requirements/base.in", FILE_ROLE_BUILD},
        {"package.json", FILE_ROLE_BUILD},
        {"package-lock.json", FILE_ROLE_BUILD},
        {"yarn.lock", FILE_ROLE_BUILD},
        {"poetry.lock", FILE_ROLE_BUILD},
        {"Gemfile", FILE_ROLE_BUILD},
        {"Gemfile.lock", FILE_ROLE_BUILD},
        {"Cargo.toml", FILE_ROLE_BUILD},
        {"Cargo.lock", FILE_ROLE_BUILD},
        {"go.mod", FILE_ROLE_BUILD},
        {"go.sum", FILE_ROLE_BUILD},
        {"pom.xml", FILE_ROLE_BUILD},
        {"build.gradle", FILE_ROLE_BUILD},
        {"app/build.gradle.kts", FILE_ROLE_BUILD},
        {"src/App/App.csproj", FILE_ROLE_BUILD},
        {"mylib.gemspec", FILE_ROLE_BUILD},
        {"BUILD.bazel", FILE_ROLE_BUILD},
        {".terraform.lock.hcl", FILE_ROLE_BUILD},
    };
    CHECK_ALL(cases);
}

static void test_without_language(void **state)
{
    (void)state;
    /* role_detect must not depend on language detection having succeeded */
    assert_int_equal(role_detect("tests/test_x.py", NULL), FILE_ROLE_DATA);
    assert_int_equal(role_detect("Dockerfile", NULL), FILE_ROLE_CONTAINER);
    assert_int_equal(role_detect("README", NULL), FILE_ROLE_DOCS);
    assert_int_equal(role_detect("src/thing", NULL), FILE_ROLE_CONFIG);
    assert_int_equal(role_detect("", NULL), FILE_ROLE_CONFIG);
    assert_int_equal(role_detect(NULL, NULL), FILE_ROLE_CONFIG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_source),
        cmocka_unit_test(test_tests),
        cmocka_unit_test(test_docs),
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_ci),
        cmocka_unit_test(test_container),
        cmocka_unit_test(test_iac),
        cmocka_unit_test(test_migration),
        cmocka_unit_test(test_data),
        cmocka_unit_test(test_build),
        cmocka_unit_test(test_without_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
