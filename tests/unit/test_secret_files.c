/*
 * Unit tests for the secret-files analyzer: which names are dotenv files and
 * which are templates, which names are keys or keystores (and that test
 * directories and PEM keys the secrets pack reports raise nothing), the
 * .env assignment parser with its placeholder policy and redaction, and
 * the facts for the .env/.gitignore check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "analyzers/secret_files.h"

extern const struct analyzer analyzer_secret_files;

static void test_env_file_names(void **state)
{
    (void)state;
    assert_true(secret_files_is_env_file(".env"));
    assert_true(secret_files_is_env_file("deploy/.env.production"));
    assert_true(secret_files_is_env_file(".env.local"));
    assert_false(secret_files_is_env_file(".env.example"));
    assert_false(secret_files_is_env_file(".env.local.example"));
    assert_false(secret_files_is_env_file(".env.SAMPLE"));
    assert_false(secret_files_is_env_file(".env.template"));
    assert_false(secret_files_is_env_file(".env.dist"));
    assert_false(secret_files_is_env_file(".env."));
    assert_false(secret_files_is_env_file(".envrc"));
    assert_false(secret_files_is_env_file("production.env"));
    assert_false(secret_files_is_env_file("src/env.py"));
}

static void test_name_rules(void **state)
{
    (void)state;
    static const char pem[] = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n";
    static const char other[] = "SSH PRIVATE KEY FILE FORMAT 1.1\n";
    assert_string_equal(secret_files_name_rule("certs/server.p12", true, NULL, 0),
                        "secrets.file-keystore");
    assert_string_equal(secret_files_name_rule("app/release.JKS", true, NULL, 0),
                        "secrets.file-keystore");
    assert_string_equal(secret_files_name_rule("tls.key", true, NULL, 0),
                        "secrets.file-private-key");
    assert_string_equal(
        secret_files_name_rule("home/.ssh/id_ed25519", false, other, sizeof other - 1),
        "secrets.file-private-key");
    /* The secrets pack reports a PEM key on its header line. */
    assert_null(secret_files_name_rule("keys/id_rsa", false, pem, sizeof pem - 1));
    assert_null(secret_files_name_rule("keys/id_rsa.pub", false, other, sizeof other - 1));
    assert_null(secret_files_name_rule("keys/id_rsa", false, "", 0));
    /* A text .key is too often not a key; test directories are skipped. */
    assert_null(secret_files_name_rule("license.key", false, other, sizeof other - 1));
    assert_null(secret_files_name_rule("tests/certs/client.p12", true, NULL, 0));
    assert_null(secret_files_name_rule("src/test/resources/keystore.jks", true, NULL, 0));
    assert_null(secret_files_name_rule("fixtures/id_rsa", false, other, sizeof other - 1));
    assert_null(secret_files_name_rule("README.md", false, other, sizeof other - 1));
}

static void test_env_scan(void **state)
{
    (void)state;
    struct secret_files_env_hit hit;
    static const char placeholders[] = "# comment\n"
                                       "SECRET_KEY=changeme\n"
                                       "DB_PASSWORD=${DB_PASSWORD}\n"
                                       "API_KEY=<your key>\n"
                                       "AUTH_TOKEN=\n"
                                       "TOKEN=xxxxxxxxxxxx\n"
                                       "PASSWORD=\"your-password-here\"\n"
                                       "PORT=8000\n"
                                       "DATABASE_HOST=db.internal\n";
    assert_false(secret_files_env_scan(placeholders, sizeof placeholders - 1, &hit));

    static const char real[] = "DEBUG=1\r\n"
                               "export  API_KEY = 'Zm9vYmFyYmF6cXV4MTIz' # prod\r\n"
                               "DB_PASS=r8Tq2LmXz9Vb\r\n"
                               "NAME=value with SECRET inside\r\n";
    assert_true(secret_files_env_scan(real, sizeof real - 1, &hit));
    assert_int_equal(hit.line, 2);
    assert_int_equal(hit.column, 20);
    assert_int_equal(hit.count, 2);
    assert_string_equal(hit.key, "API_KEY");
    assert_string_equal(hit.redacted, "Zm9v\xe2\x80\xa6(20)");
    assert_string_equal(hit.snippet, "API_KEY=Zm9v\xe2\x80\xa6(20)");
    assert_null(strstr(hit.snippet, "YmFy"));
    assert_int_equal(strncmp(hit.match, "secrets.file-env:", 17), 0);

    /* Malformed input: no crash, nothing found. */
    static const char junk[] = "=\n==\nexport\n\"\n\xff\xfe=\xff\n";
    assert_false(secret_files_env_scan(junk, sizeof junk - 1, &hit));
    assert_false(secret_files_env_scan("", 0, &hit));
}

static void run(const char *path, const char *content, enum file_role role, struct arena *arena,
                struct analysis *analysis)
{
    arena_init(arena);
    analysis_init(analysis, arena, path);
    struct source_file file = {
        .path = path, .content = content, .length = strlen(content), .role = role};
    analyzer_secret_files.run(&file, analysis);
}

static void test_facts(void **state)
{
    (void)state;
    struct arena arena;
    struct analysis analysis;
    run("app/settings.py",
        "import os\nfrom dotenv import load_dotenv\n\nload_dotenv()\nX = os.environ['X']\n",
        FILE_ROLE_SOURCE, &arena, &analysis);
    assert_int_equal(analysis.fact_count, 2);
    assert_string_equal(analysis.facts[0].key, "env.file-reader");
    assert_int_equal(analysis.facts[0].line, 2);
    assert_int_equal(analysis.facts[1].line, 4);
    analysis_release(&analysis);
    arena_destroy(&arena);

    run("docker-compose.yml", "services:\n  web:\n    env_file: .env\n", FILE_ROLE_CONTAINER,
        &arena, &analysis);
    assert_int_equal(analysis.fact_count, 1);
    assert_int_equal(analysis.facts[0].line, 3);
    assert_string_equal(analysis.facts[0].value, "env_file:");
    analysis_release(&analysis);
    arena_destroy(&arena);

    /* Prose about dotenv is not code that loads it. */
    run("README.md", "Call load_dotenv() first.\n", FILE_ROLE_DOCS, &arena, &analysis);
    assert_int_equal(analysis.fact_count, 0);
    analysis_release(&analysis);
    arena_destroy(&arena);

    run(".gitignore", "# build\n\nnode_modules/\r\n.env\n", FILE_ROLE_CONFIG, &arena, &analysis);
    assert_int_equal(analysis.fact_count, 2);
    assert_string_equal(analysis.facts[0].key, "gitignore.line");
    assert_string_equal(analysis.facts[0].value, "node_modules/");
    assert_int_equal(analysis.facts[1].line, 4);
    assert_string_equal(analysis.facts[1].value, ".env");
    analysis_release(&analysis);
    arena_destroy(&arena);
}

static void test_env_finding(void **state)
{
    (void)state;
    struct arena arena;
    struct analysis analysis;
    run(".env", "PORT=1\nSTRIPE_KEY=sk9Qm2Lx8Vb7Zp3Wq\n", FILE_ROLE_CONFIG, &arena, &analysis);
    assert_int_equal(analysis.finding_count, 1);
    assert_string_equal(analysis.findings[0].rule->id, "secrets.file-env");
    assert_int_equal(analysis.findings[0].line, 2);
    assert_null(strstr(analysis.findings[0].message, "sk9Qm2Lx8Vb7Zp3Wq"));
    assert_null(strstr(analysis.findings[0].snippet, "sk9Qm2Lx8Vb7Zp3Wq"));
    analysis_release(&analysis);
    arena_destroy(&arena);

    run(".env.example", "STRIPE_KEY=sk9Qm2Lx8Vb7Zp3Wq\n", FILE_ROLE_CONFIG, &arena, &analysis);
    assert_int_equal(analysis.finding_count, 0);
    analysis_release(&analysis);
    arena_destroy(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_env_file_names), cmocka_unit_test(test_name_rules),
        cmocka_unit_test(test_env_scan),       cmocka_unit_test(test_facts),
        cmocka_unit_test(test_env_finding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
