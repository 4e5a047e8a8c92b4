/*
 * test_language: language detection by exact file name, by extension (with
 * cloc's names and case rules), by shebang, and the unknown cases; plus the
 * consistency of the language table itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "inventory/language.h"

struct expectation {
    const char *path;
    const char *first_line; /* NULL = none */
    const char *name;       /* NULL = unknown */
};

static void check_all(const struct expectation *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *line = cases[i].first_line;
        const struct language *language =
            language_detect(cases[i].path, line, line ? strlen(line) : 0);
        const char *got = language ? language->name : "(unknown)";
        const char *want = cases[i].name ? cases[i].name : "(unknown)";
        if (strcmp(got, want) != 0)
            print_error("%s: got %s, want %s\n", cases[i].path, got, want);
        assert_string_equal(got, want);
    }
}

#define CHECK_ALL(cases) check_all(cases, sizeof(cases) / sizeof(cases[0]))

static void test_file_names(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"Dockerfile", NULL, "Dockerfile"},
        {"deploy/Dockerfile", NULL, "Dockerfile"},
        {"Dockerfile.prod", NULL, "Dockerfile"},
        {"Dockerfile.go", NULL, "Dockerfile"},
        {"Dockerfile-dev", NULL, "Dockerfile"},
        {"web.dockerfile", NULL, "Dockerfile"},
        {"dockerfile.dev", NULL, "Dockerfile"},
        {"src/analyzers/dockerfile.c", NULL, "C"},
        {"lib/dockerfile.py", NULL, "Python"},
        {"Containerfile", NULL, "Containerfile"},
        {"Containerfile.ci", NULL, "Containerfile"},
        {"Makefile", NULL, "make"},
        {"GNUmakefile", NULL, "make"},
        {"makefile", NULL, "make"},
        {"Makefile.in", NULL, "make"},
        {"Makefile.am", NULL, "make"},
        {"build/rules.mk", NULL, "make"},
        {"makefile.py", NULL, "Python"},
        {"Makefile.PL", NULL, "Perl"},
        {"Jenkinsfile", NULL, "Groovy"},
        {"Jenkinsfile.release", NULL, "Groovy"},
        {"CMakeLists.txt", NULL, "CMake"},
        {"src/CMakeLists.txt", NULL, "CMake"},
        {"Gemfile", NULL, "Ruby"},
        {"Rakefile", NULL, "Ruby"},
        {"Vagrantfile", NULL, "Ruby"},
        {"Podfile", NULL, "Ruby"},
        {"go.mod", NULL, "Go Module"},
        {".bashrc", NULL, "Bourne Again Shell"},
        {"home/.bash_profile", NULL, "Bourne Again Shell"},
        {".profile", NULL, "Bourne Shell"},
        {".zshrc", NULL, "zsh"},
        {"BUILD", NULL, "Bazel"},
        {"BUILD.bazel", NULL, "Starlark"},
        {"WORKSPACE", NULL, "Bazel"},
        {"meson.build", NULL, "Meson"},
        {"SConstruct", NULL, "Python"},
        {"Pipfile", NULL, "TOML"},
        {"Cargo.lock", NULL, "TOML"},
        {".editorconfig", NULL, "INI"},
        {".clang-format", NULL, "YAML"},
        {"composer.lock", NULL, "JSON"},
    };
    CHECK_ALL(cases);
}

static void test_extensions(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"a.c", NULL, "C"},
        {"a.h", NULL, "C/C++ Header"},
        {"a.H", NULL, "C/C++ Header"},
        {"a.hpp", NULL, "C/C++ Header"},
        {"a.cc", NULL, "C++"},
        {"a.cpp", NULL, "C++"},
        {"a.cxx", NULL, "C++"},
        {"a.C", NULL, "C++"},
        {"a.CPP", NULL, "C++"},
        {"a.py", NULL, "Python"},
        {"a.PY", NULL, "Python"},
        {"a.pyi", NULL, "Python"},
        {"a.js", NULL, "JavaScript"},
        {"a.mjs", NULL, "JavaScript"},
        {"a.cjs", NULL, "JavaScript"},
        {"a.jsx", NULL, "JSX"},
        {"a.ts", NULL, "TypeScript"},
        {"types.d.ts", NULL, "TypeScript"},
        {"a.tsx", NULL, "TypeScript"},
        {"a.go", NULL, "Go"},
        {"a.rs", NULL, "Rust"},
        {"A.java", NULL, "Java"},
        {"A.JAVA", NULL, "Java"},
        {"a.kt", NULL, "Kotlin"},
        {"build.gradle.kts", NULL, "Gradle"},
        {"script.kts", NULL, "Kotlin"},
        {"a.gradle", NULL, "Gradle"},
        {"a.scala", NULL, "Scala"},
        {"a.groovy", NULL, "Groovy"},
        {"a.rb", NULL, "Ruby"},
        {"a.gemspec", NULL, "Ruby"},
        {"a.php", NULL, "PHP"},
        {"a.cs", NULL, "C#"},
        {"a.swift", NULL, "Swift"},
        {"a.m", NULL, "Objective-C"},
        {"a.mm", NULL, "Objective-C++"},
        {"a.sh", NULL, "Bourne Shell"},
        {"a.bash", NULL, "Bourne Again Shell"},
        {"a.zsh", NULL, "zsh"},
        {"a.ps1", NULL, "PowerShell"},
        {"a.lua", NULL, "Lua"},
        {"a.pl", NULL, "Perl"},
        {"a.pm", NULL, "Perl"},
        {"a.r", NULL, "R"},
        {"a.R", NULL, "R"},
        {"a.sql", NULL, "SQL"},
        {"a.html", NULL, "HTML"},
        {"a.css", NULL, "CSS"},
        {"a.scss", NULL, "SCSS"},
        {"a.vue", NULL, "Vuejs Component"},
        {"a.yaml", NULL, "YAML"},
        {".github/workflows/ci.yml", NULL, "YAML"},
        {"a.json", NULL, "JSON"},
        {"a.toml", NULL, "TOML"},
        {"a.xml", NULL, "XML"},
        {"README.md", NULL, "Markdown"},
        {"a.rst", NULL, "reStructuredText"},
        {"main.tf", NULL, "HCL"},
        {"prod.tfvars", NULL, "HCL"},
        {"a.proto", NULL, "Protocol Buffers"},
        {"a.ini", NULL, "INI"},
        {"a.properties", NULL, "Properties"},
        {"a.dart", NULL, "Dart"},
        {"a.ex", NULL, "Elixir"},
        {"a.exs", NULL, "Elixir"},
        {"a.erl", NULL, "Erlang"},
        {"a.hs", NULL, "Haskell"},
        {"a.ml", NULL, "OCaml"},
        {"a.clj", NULL, "Clojure"},
        {"a.jl", NULL, "Julia"},
        {"a.cmake", NULL, "CMake"},
        {"a.bat", NULL, "DOS Batch"},
        {"a.cmd", NULL, "DOS Batch"},
        {"a.asm", NULL, "Assembly"},
        {"a.S", NULL, "Assembly"},
        {"a.s", NULL, "Assembly"},
        {"a.f90", NULL, "Fortran 90"},
        {"a.F90", NULL, "Fortran 90"},
        {"a.f", NULL, "Fortran 77"},
        {"a.ipynb", NULL, "Jupyter Notebook"},
        {"notes.txt", NULL, "Text"},
        {"requirements.txt", NULL, "Text"},
        {"a.svg", NULL, "SVG"},
        {"a.csv", NULL, "CSV"},
        {"a.jsonl", NULL, "JSON"},
        {"dir.with.dots/file.py", NULL, "Python"},
    };
    CHECK_ALL(cases);
}

static void test_shebangs(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"bin/tool", "#!/usr/bin/python", "Python"},
        {"bin/tool", "#!/usr/bin/python3", "Python"},
        {"bin/tool", "#!/usr/bin/env python3", "Python"},
        {"bin/tool", "#!/usr/bin/env python3.11\n", "Python"},
        {"bin/tool", "#!/bin/bash", "Bourne Again Shell"},
        {"bin/tool", "#!/bin/bash\r\n", "Bourne Again Shell"},
        {"bin/tool", "#! /bin/sh -e", "Bourne Shell"},
        {"bin/tool", "#!/bin/zsh", "zsh"},
        {"bin/tool", "#!/usr/bin/env node", "JavaScript"},
        {"bin/tool", "#!/usr/bin/env -S node --experimental-modules", "JavaScript"},
        {"bin/tool", "#!/usr/bin/env -i PATH=/bin ruby", "Ruby"},
        {"bin/tool", "#!/usr/bin/env -u HOME perl", "Perl"},
        {"bin/tool", "#!/usr/bin/ruby -w", "Ruby"},
        {"bin/tool", "#!/usr/bin/perl5.36", "Perl"},
        {"bin/tool", "#!/usr/bin/php", "PHP"},
        {"bin/tool", "#!/usr/bin/env Rscript", "R"},
        {"bin/tool", "#!/usr/bin/make -f", "make"},
        {"bin/tool", "#!/usr/bin/awk -f", "awk"},
        /* name and extension win over the shebang */
        {"tool.py", "#!/bin/bash", "Python"},
        /* unknown */
        {"bin/tool", "#!/usr/bin/frobnicate", NULL},
        {"bin/tool", "#!/usr/bin/env", NULL},
        {"bin/tool", "#!", NULL},
        {"bin/tool", "# not a shebang", NULL},
        {"bin/tool", "", NULL},
        {"bin/tool", NULL, NULL},
    };
    CHECK_ALL(cases);
}

static void test_first_line_length_is_respected(void **state)
{
    (void)state;
    /* Only the first 12 bytes belong to the line: "#!/bin/bash" + "\n". */
    const char *text = "#!/bin/bash\nthis is not looked at";
    const struct language *language = language_detect("bin/run", text, 12);
    assert_non_null(language);
    assert_string_equal(language->name, "Bourne Again Shell");
    /* A length that cuts the interpreter short finds "ba", which is unknown. */
    assert_null(language_detect("bin/run", text, 9));
}

static void test_content_disambiguation(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"app_de.ts", "<?xml version=\"1.0\" encoding=\"utf-8\"?>", "XML"},
        {"app.ts", "import { x } from './x';", "TypeScript"},
        {"solve.m", "% solve the system", "MATLAB"},
        {"solve.m", "function x = solve(a)", "MATLAB"},
        {"View.m", "#import <UIKit/UIKit.h>", "Objective-C"},
    };
    CHECK_ALL(cases);
}

static void test_unknown(void **state)
{
    (void)state;
    static const struct expectation cases[] = {
        {"Dockerfile.dockerignore", NULL, NULL},
        {"LICENSE", NULL, NULL},
        {"data.bin", NULL, NULL},
        {"archive.tar.gz", NULL, NULL},
        {"config.h.in", NULL, NULL},
        {"file.", NULL, NULL},
        {"dir/", NULL, NULL},
        {"no_extension", "plain", NULL},
        {".gitignore", NULL, NULL},
    };
    CHECK_ALL(cases);
    assert_null(language_detect(NULL, NULL, 0));
    assert_null(language_detect("", NULL, 0));
}

static void test_find_and_table(void **state)
{
    (void)state;
    size_t count = 0;
    const struct language *table = language_table(&count);
    assert_non_null(table);
    assert_true(count >= 40);
    for (size_t i = 0; i < count; i++) {
        assert_non_null(table[i].name);
        assert_true(table[i].name[0] != '\0');
        /* block markers come in pairs */
        assert_int_equal(table[i].block_open == NULL, table[i].block_close == NULL);
        assert_int_equal(table[i].block_open2 == NULL, table[i].block_close2 == NULL);
        for (size_t j = i + 1; j < count; j++)
            assert_string_not_equal(table[i].name, table[j].name);
        assert_ptr_equal(language_find(table[i].name), &table[i]);
    }
    assert_ptr_equal(language_find("Python"), language_detect("x.py", NULL, 0));
    assert_null(language_find("Klingon"));
    assert_null(language_find(NULL));

    const struct language *c = language_find("C");
    assert_string_equal(c->line_comment, "//");
    assert_string_equal(c->block_open, "/*");
    assert_string_equal(c->block_close, "*/");
    const struct language *python = language_find("Python");
    assert_string_equal(python->line_comment, "#");
    assert_true(python->python_docstrings);
    assert_true(language_find("Rust")->nested_blocks);
    assert_true(language_find("Markdown")->is_prose);
    assert_null(language_find("JSON")->line_comment);
}

/* Found by fuzzing: a NUL byte inside a shebang's interpreter name made the
 * table lookup read past the end of a table key. */
static void test_shebang_with_nul_byte(void **state)
{
    (void)state;
    static const char line[] = "#!sh\0 tail";
    assert_null(language_detect("script", line, sizeof(line) - 1));
    static const char env_line[] = "#!/usr/bin/env py\0thon";
    assert_null(language_detect("script", env_line, sizeof(env_line) - 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shebang_with_nul_byte),
        cmocka_unit_test(test_file_names),
        cmocka_unit_test(test_extensions),
        cmocka_unit_test(test_shebangs),
        cmocka_unit_test(test_first_line_length_is_respected),
        cmocka_unit_test(test_content_disambiguation),
        cmocka_unit_test(test_unknown),
        cmocka_unit_test(test_find_and_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
