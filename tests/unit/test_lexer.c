/*
 * Unit tests for the comment/string lexers (src/analyzers/lexer.c): per
 * language, comment markers inside strings, strings inside comments, raw
 * strings, template literals and interpolation, heredocs, escapes, and
 * constructs left open at the end of the input; then the invariants every
 * input must keep (sorted, non-overlapping spans inside the input) on
 * every prefix of every sample, the `context: code` filter, and the
 * content-rules analyzer's snippets for code findings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "analyzers/content_rules.h"
#include "analyzers/lexer.h"
#include "inventory/language.h"

/* One expectation: the first byte of the `occurrence`-th (0-based) copy of
 * `needle` in the text is of kind `kind`: 'c' code, '#' comment,
 * 's' string, 'd' docstring, 't' text outside code. */
struct expectation {
    const char *needle;
    int occurrence;
    char kind;
};

static char kind_at(const struct lexer_spans *spans, size_t offset)
{
    const struct lexer_span *span = lexer_span_at(spans, offset);
    if (!span)
        return 'c';
    switch (span->kind) {
    case LEXER_COMMENT:
        return '#';
    case LEXER_STRING:
        return 's';
    case LEXER_DOCSTRING:
        return 'd';
    case LEXER_TEXT:
        return 't';
    }
    return '?';
}

static void check_invariants(const struct lexer_spans *spans, size_t length)
{
    for (size_t i = 0; i < spans->count; i++) {
        assert_true(spans->items[i].start < spans->items[i].end);
        assert_true(spans->items[i].end <= length);
        if (i > 0)
            assert_true(spans->items[i - 1].end <= spans->items[i].start);
    }
}

static void expect(enum lexer_language language, const char *text,
                   const struct expectation *expectations)
{
    struct lexer_spans spans = {0};
    size_t length = strlen(text);
    lexer_lex(language, text, length, &spans);
    check_invariants(&spans, length);
    for (const struct expectation *e = expectations; e->needle; e++) {
        const char *at = text;
        for (int n = 0; at && n <= e->occurrence; n++) {
            at = strstr(n == 0 ? text : at + 1, e->needle);
        }
        if (!at) {
            fprintf(stderr, "needle '%s' #%d not in sample\n", e->needle, e->occurrence);
            fail();
        }
        char kind = kind_at(&spans, (size_t)(at - text));
        if (kind != e->kind) {
            fprintf(stderr, "'%s' #%d: expected '%c', got '%c' in:\n%s\n", e->needle, e->occurrence,
                    e->kind, kind, text);
            fail();
        }
    }
    /* Every prefix (a truncated file) keeps the invariants. */
    for (size_t cut = 0; cut < length; cut++) {
        lexer_lex(language, text, cut, &spans);
        check_invariants(&spans, cut);
    }
    lexer_spans_release(&spans);
}

static const char python_sample[] = "#!/usr/bin/env python3\n"
                                    "\"\"\"Module docstring: os.system(cmd) here is prose.\"\"\"\n"
                                    "import os  # os.system in a comment\n"
                                    "s = \"# not a comment\" ; os.system(a)\n"
                                    "t = 'it''s' + r\"raw \\\" still\" + b'x'\n"
                                    "q = f\"{os.popen(x)} and {{literal}} {d['k']}\"\n"
                                    "def f():\n"
                                    "    '''doc with \"quotes\" and yaml.load(x)'''\n"
                                    "    call(\"\"\"\n"
                                    "multi # not comment\n"
                                    "\"\"\")\n"
                                    "    return rb'\\d' + Rb\"z\" + u'\\u00e9'\n"
                                    "g = f'''{eval(\"inner\")} tail'''\n"
                                    "h = \"unterminated\n"
                                    "after = 1\n";

static void test_python(void **state)
{
    (void)state;
    static const struct expectation e[] = {
        {"#!/usr", 0, '#'},
        {"Module docstring", 0, 'd'},
        {"import", 0, 'c'},
        {"os.system in", 0, '#'},
        {"# not a comment", 0, 's'},
        {"os.system(a)", 0, 'c'},
        {"raw", 0, 's'},
        {"still", 0, 's'},
        {"os.popen", 0, 'c'},
        {"literal", 0, 's'},
        {"'k'", 0, 'c'},
        {"k'", 0, 's'},
        {" and ", 0, 's'},
        {"doc with", 0, 'd'},
        {"multi # not", 0, 's'},
        {"\\d", 0, 's'},
        {"eval(", 0, 'c'},
        {"inner", 0, 's'},
        {" tail", 0, 's'},
        {"unterminated", 0, 's'},
        {"after", 0, 'c'},
        {NULL, 0, 0},
    };
    expect(LEXER_PYTHON, python_sample, e);
}

static const char javascript_sample[] =
    "// exec(cmd) in a line comment\n"
    "/* block with \"quote\n still */ const a = 'it\\'s // no comment';\n"
    "const b = \"/* not a comment */\"; exec(b);\n"
    "const t = `shell ${run(`inner ${deep}`)} end // text`;\n"
    "const r = /ab\\/c[/]d/g.test(x) ? 1 : a / b / c;\n"
    "if (x) return /re+/;\n"
    "const u = 'open\n"
    "next();\n"
    "const v = `open template ${\n";

static void test_javascript(void **state)
{
    (void)state;
    static const struct expectation e[] = {
        {"exec(cmd)", 0, '#'}, {"block with", 0, '#'},    {"still", 0, '#'},
        {"const a", 0, 'c'},   {"// no comment", 0, 's'}, {"/* not a comment", 0, 's'},
        {"exec(b)", 0, 'c'},   {"shell", 0, 's'},         {"run(", 0, 'c'},
        {"inner", 0, 's'},     {"deep", 0, 'c'},          {" end // text", 0, 's'},
        {"ab\\/c", 0, 's'},    {"d/g", 0, 's'},           {".test", 0, 'c'},
        {" b / c", 0, 'c'},    {"re+", 0, 's'},           {"open\n", 0, 's'},
        {"next()", 0, 'c'},    {"open template", 0, 's'}, {NULL, 0, 0},
    };
    expect(LEXER_JAVASCRIPT, javascript_sample, e);
}

static const char go_sample[] = "package main // exec.Command in comment\n"
                                "/* block\n exec.Command(\"sh\") */\n"
                                "var s = \"// not \\\" comment\"\n"
                                "var raw = `raw \\` + exec.Command(\"x\")\n"
                                "var r = '\"'\n"
                                "func f() { exec.Command(\"sh\", \"-c\", s) }\n"
                                "var open = `never closed\n";

static void test_go(void **state)
{
    (void)state;
    static const struct expectation e[] = {
        {"package", 0, 'c'}, {"exec.Command in", 0, '#'}, {"exec.Command(\"sh\") */", 0, '#'},
        {"// not", 0, 's'},  {"comment\"", 0, 's'},       {"raw \\", 0, 's'},
        {"+ exec", 0, 'c'},  {"var r", 0, 'c'},           {"exec.Command(\"sh\", ", 0, 'c'},
        {"-c", 0, 's'},      {"never", 0, 's'},           {NULL, 0, 0},
    };
    expect(LEXER_GO, go_sample, e);
}

static const char java_sample[] = "// readObject() in a comment\n"
                                  "String q = \"\"\"\n"
                                  "    SELECT * FROM t // not a comment\n"
                                  "    \"\"\"; in.readObject();\n"
                                  "char c = '\"'; String s = \"a /* b\";\n"
                                  "/** javadoc readObject() */ int x;\n"
                                  "/* unterminated\n";

static void test_java(void **state)
{
    (void)state;
    static const struct expectation e[] = {
        {"readObject() in", 0, '#'}, {"SELECT", 0, 's'},
        {"// not", 0, 's'},          {"in.readObject", 0, 'c'},
        {"String s", 0, 'c'},        {"a /* b", 0, 's'},
        {"javadoc", 0, '#'},         {"int x", 0, 'c'},
        {"unterminated", 0, '#'},    {NULL, 0, 0},
    };
    expect(LEXER_JAVA, java_sample, e);
}

static const char ruby_sample[] = "# system(cmd) in a comment\n"
                                  "=begin\n"
                                  "system(\"in block comment\")\n"
                                  "=end\n"
                                  "a = 'single # not comment'\n"
                                  "b = \"dq #{system(x)} tail\"\n"
                                  "c = `ls #{dir}`\n"
                                  "d = %w(one two #{x}) + %Q{nested {braces} #{y}} + %q[q]\n"
                                  "e = <<~EOS.strip\n"
                                  "  heredoc body # not comment\n"
                                  "  EOS\n"
                                  "f = x % 3 # modulo then comment\n"
                                  "g = ?# ; h = $' ; eval(code)\n"
                                  "r = value / 2 ; s = /re#x/\n"
                                  "__END__\n"
                                  "data system(1)\n";

static void test_ruby(void **state)
{
    (void)state;
    static const struct expectation e[] = {
        {"system(cmd)", 0, '#'},  {"=begin", 0, '#'},  {"in block comment", 0, '#'},
        {"single", 0, 's'},       {"dq ", 0, 's'},     {"system(x)", 0, 'c'},
        {" tail", 0, 's'},        {"`ls", 0, 'c'},     {"ls ", 0, 's'},
        {"dir}", 0, 'c'},         {"one two", 0, 's'}, {"nested", 0, 's'},
        {"braces} ", 0, 's'},     {"y}}", 0, 'c'},     {".strip", 0, 'c'},
        {"heredoc body", 0, 's'}, {"f = x", 0, 'c'},   {"modulo", 0, '#'},
        {"eval(code)", 0, 'c'},   {" 2 ;", 0, 'c'},    {"re#x", 0, 's'},
        {"data system", 0, 't'},  {NULL, 0, 0},
    };
    expect(LEXER_RUBY, ruby_sample, e);
}

static const char php_sample[] = "<html><?php system($cmd); ?> text system($x) <?php\n"
                                 "// shell_exec($a) comment ?> back in text <?php\n"
                                 "# hash comment\n"
                                 "#[Attribute] class A {}\n"
                                 "$s = 'single \\' # not';\n"
                                 "$d = \"double // not $x\";\n"
                                 "$e = `ls $dir`;\n"
                                 "$h = <<<EOT\n"
                                 "  heredoc passthru($y)\n"
                                 "  EOT;\n"
                                 "$n = <<<'NOW'\n"
                                 "nowdoc\n"
                                 "NOW;\n"
                                 "unserialize($_GET['x']); /* open\n";

static void test_php(void **state)
{
    (void)state;
    static const struct expectation e[] = {
        {"<html>", 0, 't'},
        {"system($cmd)", 0, 'c'},
        {" text system", 0, 't'},
        {"shell_exec", 0, '#'},
        {" back in text", 0, 't'},
        {"hash comment", 0, '#'},
        {"#[Attribute]", 0, 'c'},
        {"# not", 0, 's'},
        {"// not", 0, 's'},
        {"ls $dir", 0, 's'},
        {"heredoc passthru", 0, 's'},
        {"EOT;", 0, 'c'},
        {"nowdoc", 0, 's'},
        {"unserialize", 0, 'c'},
        {"open", 0, '#'},
        {NULL, 0, 0},
    };
    expect(LEXER_PHP, php_sample, e);
}

static const char shell_sample[] = "#!/bin/sh\n"
                                   "echo \"# not a comment $(curl -k x # inner comment\n"
                                   ") still string\" # real comment\n"
                                   "echo ${#arr} $# a#b 'single # not' $'ansi \\' # not'\n"
                                   "cat <<-'EOF' > out # after heredoc opener\n"
                                   "\tbody export NODE_TLS_REJECT_UNAUTHORIZED=0\n"
                                   "\tEOF\n"
                                   "export NODE_TLS_REJECT_UNAUTHORIZED=0\n"
                                   "x=$((1<<2)) ; cat <<EOF\n"
                                   "open body\n";

static void test_shell(void **state)
{
    (void)state;
    static const struct expectation e[] = {
        {"#!/bin/sh", 0, '#'},     {"# not a comment", 0, 's'},
        {"curl -k", 0, 'c'},       {"# inner comment", 0, '#'},
        {" still string", 0, 's'}, {"# real", 0, '#'},
        {"#arr", 0, 'c'},          {"$#", 0, 'c'},
        {"a#b", 0, 'c'},           {"single #", 0, 's'},
        {"ansi", 0, 's'},          {"# after heredoc", 0, '#'},
        {"body export", 0, 's'},   {"export NODE", 1, 'c'},
        {"open body", 0, 's'},     {NULL, 0, 0},
    };
    expect(LEXER_SHELL, shell_sample, e);
}

static void test_language_names(void **state)
{
    (void)state;
    assert_int_equal(lexer_language_for("Python"), LEXER_PYTHON);
    assert_int_equal(lexer_language_for("TypeScript"), LEXER_JAVASCRIPT);
    assert_int_equal(lexer_language_for("Bourne Again Shell"), LEXER_SHELL);
    assert_int_equal(lexer_language_for("C"), LEXER_NONE);
    assert_int_equal(lexer_language_for(NULL), LEXER_NONE);
    struct lexer_spans spans = {0};
    lexer_lex(LEXER_NONE, "# x", 3, &spans);
    assert_int_equal(spans.count, 0);
    lexer_spans_release(&spans);
}

/* Deep interpolation and hostile bytes: bounded, in bounds, no hang. */
static void test_hostile_input(void **state)
{
    (void)state;
    enum { DEPTH = 5000 };
    char *text = malloc(DEPTH * 3 + 1);
    assert_non_null(text);
    for (int i = 0; i < DEPTH; i++)
        memcpy(text + i * 3, "`${", 3);
    text[DEPTH * 3] = '\0';
    struct lexer_spans spans = {0};
    lexer_lex(LEXER_JAVASCRIPT, text, DEPTH * 3, &spans);
    check_invariants(&spans, DEPTH * 3);
    for (int i = 0; i < DEPTH; i++)
        memcpy(text + i * 3, "f'{", 3);
    lexer_lex(LEXER_PYTHON, text, DEPTH * 3, &spans);
    check_invariants(&spans, DEPTH * 3);
    for (int i = 0; i < DEPTH; i++)
        memcpy(text + i * 3, "\"$(", 3);
    lexer_lex(LEXER_SHELL, text, DEPTH * 3, &spans);
    check_invariants(&spans, DEPTH * 3);
    for (int i = 0; i < DEPTH; i++)
        memcpy(text + i * 3, "<<A", 3);
    lexer_lex(LEXER_RUBY, text, DEPTH * 3, &spans);
    check_invariants(&spans, DEPTH * 3);
    static const char binary[] = "\xff\x00'\"\x00`#\n\x80/*";
    for (int language = LEXER_PYTHON; language <= LEXER_SHELL; language++) {
        lexer_lex((enum lexer_language)language, binary, sizeof(binary) - 1, &spans);
        check_invariants(&spans, sizeof(binary) - 1);
    }
    lexer_spans_release(&spans);
    free(text);
}

static void test_filter(void **state)
{
    (void)state;
    static const char text[] = "# os.system(a)\nos.system(b)\nx = \"os.system(c)\"\n";
    struct rule code_rule = {.id = "code.x", .context = RULE_CONTEXT_CODE};
    struct rule any_rule = {.id = "secrets.x", .context = RULE_CONTEXT_ANY};
    struct content_rules_filter filter;
    content_rules_filter_init(&filter, "Python", text, sizeof(text) - 1);
    size_t a = (size_t)(strstr(text, "os.system(a)") - text);
    size_t b = (size_t)(strstr(text, "os.system(b)") - text);
    size_t c = (size_t)(strstr(text, "os.system(c)") - text);
    /* Rules without `context: code` never make the filter lex the file. */
    assert_true(content_rules_filter_keeps(&filter, &any_rule, a));
    assert_false(filter.lexed);
    assert_false(content_rules_filter_keeps(&filter, &code_rule, a));
    assert_true(filter.lexed);
    assert_true(content_rules_filter_keeps(&filter, &code_rule, b));
    assert_false(content_rules_filter_keeps(&filter, &code_rule, c));
    content_rules_filter_release(&filter);
    /* No lexer for the language: everything is code. */
    content_rules_filter_init(&filter, "C", text, sizeof(text) - 1);
    assert_true(content_rules_filter_keeps(&filter, &code_rule, a));
    content_rules_filter_release(&filter);
}

extern const struct analyzer analyzer_content_rules;

/* The analyzer end to end: a call in code fires with the plain line as its
 * snippet and its title as message, the same call in a comment or a string
 * does not, and a secret on the same line as a call stays redacted in the
 * call's snippet (the engine's snippet of that line, which also redacts
 * what follows the call's match). */
static void test_content_rules_analyzer(void **state)
{
    (void)state;
    static const char text[] = "import os\n"
                               "os.system(cmd)\n"
                               "# os.system(cmd)\n"
                               "x = \"os.system(cmd)\"\n"
                               "os.system(cmd + \"ghp_KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi3\")\n";
    struct arena arena;
    arena_init(&arena);
    struct analysis analysis;
    analysis_init(&analysis, &arena, "app.py");
    struct source_file file = {.path = "app.py",
                               .content = text,
                               .length = sizeof(text) - 1,
                               .language = language_find("Python"),
                               .role = FILE_ROLE_SOURCE};
    analyzer_content_rules.run(&file, &analysis);
    size_t shell = 0, token = 0;
    for (size_t i = 0; i < analysis.finding_count; i++) {
        const struct finding *finding = &analysis.findings[i];
        assert_null(strstr(finding->snippet, "ghp_KGpOyQNc"));
        if (strcmp(finding->rule->id, "code.python-os-shell") == 0) {
            shell++;
            assert_true(finding->line == 2 || finding->line == 5);
            assert_string_equal(finding->message, finding->rule->title);
            if (finding->line == 2)
                assert_string_equal(finding->snippet, "os.system(cmd)");
            else
                assert_int_equal(strncmp(finding->snippet, "os.system(cmd", 13), 0);
        } else if (strcmp(finding->rule->id, "secrets.github-token") == 0) {
            token++;
            assert_int_equal(finding->line, 5);
        }
    }
    assert_int_equal(shell, 2);
    assert_int_equal(token, 1);
    analysis_release(&analysis);
    arena_destroy(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_python),
        cmocka_unit_test(test_javascript),
        cmocka_unit_test(test_go),
        cmocka_unit_test(test_java),
        cmocka_unit_test(test_ruby),
        cmocka_unit_test(test_php),
        cmocka_unit_test(test_shell),
        cmocka_unit_test(test_language_names),
        cmocka_unit_test(test_hostile_input),
        cmocka_unit_test(test_filter),
        cmocka_unit_test(test_content_rules_analyzer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
