/*
 * Unit tests for project-kind detection: the per-file signals
 * (analyzers/kind_signals.c) and the decision over them (checks/kind.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "analyzers/analyzer.h"
#include "checks/kind.h"
#include "inventory/language.h"

extern const struct analyzer analyzer_kind_signals;

/* Runs the signal analyzer on one file; returns the first fact's key or
 * NULL, and its line in *line. */
static const char *signal_of(const char *path, const char *language, const char *content, int *line)
{
    static char key[64];
    struct arena arena;
    arena_init(&arena);
    struct analysis analysis;
    analysis_init(&analysis, &arena, path);
    struct source_file file = {.path = path,
                               .content = content,
                               .length = strlen(content),
                               .language = language ? language_find(language) : NULL,
                               .role = FILE_ROLE_SOURCE};
    analyzer_kind_signals.run(&file, &analysis);
    const char *result = NULL;
    if (analysis.fact_count) {
        strncpy(key, analysis.facts[0].key, sizeof(key) - 1);
        key[sizeof(key) - 1] = '\0';
        result = key;
        *line = analysis.facts[0].line;
    }
    analysis_release(&analysis);
    arena_destroy(&arena);
    return result;
}

static void test_signals(void **state)
{
    (void)state;
    int line = 0;
    assert_string_equal(
        signal_of("app.py", "Python", "from flask import Flask\napp = Flask(__name__)\n", &line),
        "kind.service");
    assert_int_equal(line, 2);
    assert_string_equal(signal_of("bot.py", "Python", "import x\n\napp.run_polling()\n", &line),
                        "kind.service");
    assert_int_equal(line, 3);
    assert_string_equal(signal_of("main.c", "C", "#include <stdio.h>\nint main(void)\n", &line),
                        "kind.cli");
    assert_string_equal(signal_of("pyproject.toml", NULL, "[project]\nname = 'x'\n", &line),
                        "kind.library");
    /* Mentions inside strings and comments are not programs. */
    assert_null(signal_of("table.c", "C", "static const char *s = \"int main(\";\n", &line));
    assert_null(signal_of("doc.c", "C", "/*\n * int main( is what we look for\n */\n", &line));
    assert_null(signal_of("notes.py", "Python", "# call app.run( later\n", &line));
    /* ...but a real one after a mention still counts. */
    assert_string_equal(signal_of("both.c", "C", "// int main(\nint main(void) {}\n", &line),
                        "kind.cli");
    assert_int_equal(line, 2);
}

static enum project_kind decide(const struct check_file *files, size_t file_count,
                                const struct fact *facts, size_t fact_count, size_t *evidence)
{
    struct arena arena;
    arena_init(&arena);
    struct check_context context = {.arena = &arena,
                                    .files = files,
                                    .file_count = file_count,
                                    .facts = facts,
                                    .fact_count = fact_count};
    struct evidence *list;
    enum project_kind kind = kind_decide(&context, &list, evidence);
    arena_destroy(&arena);
    return kind;
}

static void test_decision(void **state)
{
    (void)state;
    size_t evidence;
    const struct check_file service_files[] = {{"app.py", "Python", FILE_ROLE_SOURCE},
                                               {"pyproject.toml", "TOML", FILE_ROLE_BUILD}};
    const struct fact service_facts[] = {{"kind.service", "app.py", 3, "Flask application"},
                                         {"kind.library", "pyproject.toml", 1, "metadata"}};
    /* A server started wins over packaging metadata. */
    assert_int_equal(decide(service_files, 2, service_facts, 2, &evidence), PROJECT_KIND_SERVICE);
    assert_int_equal(evidence, 1);
    /* Metadata alone: a library. */
    assert_int_equal(decide(service_files, 2, service_facts + 1, 1, &evidence),
                     PROJECT_KIND_LIBRARY);
    /* A C program with a main: a cli, even with other metadata. */
    const struct check_file c_files[] = {{"main.c", "C", FILE_ROLE_SOURCE}};
    const struct fact c_facts[] = {{"kind.cli", "main.c", 10, "C main function"},
                                   {"kind.library", "main.c", 1, "x"}};
    assert_int_equal(decide(c_files, 1, c_facts, 2, &evidence), PROJECT_KIND_CLI);
    /* Only Terraform: infrastructure; only Markdown: documentation. */
    const struct check_file iac[] = {{"main.tf", "HCL", FILE_ROLE_IAC}};
    assert_int_equal(decide(iac, 1, NULL, 0, &evidence), PROJECT_KIND_INFRASTRUCTURE);
    assert_int_equal(evidence, 1);
    const struct check_file docs[] = {{"README.md", "Markdown", FILE_ROLE_DOCS}};
    assert_int_equal(decide(docs, 1, NULL, 0, &evidence), PROJECT_KIND_DOCUMENTATION);
    /* Source with no signal at all: unknown, with no evidence claimed. */
    const struct check_file plain[] = {{"x.py", "Python", FILE_ROLE_SOURCE}};
    assert_int_equal(decide(plain, 1, NULL, 0, &evidence), PROJECT_KIND_UNKNOWN);
    assert_int_equal(evidence, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signals),
        cmocka_unit_test(test_decision),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
