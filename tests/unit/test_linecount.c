/*
 * test_linecount: code / comment / blank counts on small inputs, with exact
 * numbers: comments, strings holding comment markers, block comments with
 * blank lines, nesting, docstrings, CRLF, missing final newline, empty
 * input, invalid bytes, and every edge of the 64-byte block scan, with both
 * its SSE2 and AVX2 builds. Where cloc 1.96 counts differently on purpose,
 * the test says so.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "inventory/language.h"
#include "inventory/linecount.h"

/* Counts `length` bytes copied into a buffer of exactly that size, so a read
 * past the end is caught by AddressSanitizer builds. */
static struct line_counts count_bytes(const char *language_name, const char *text, size_t length)
{
    const struct language *language = language_name ? language_find(language_name) : NULL;
    if (language_name)
        assert_non_null(language);
    char *copy = malloc(length ? length : 1);
    assert_non_null(copy);
    memcpy(copy, text, length);
    struct line_counts counts;
    linecount_count(language, copy, length, &counts);
    free(copy);
    return counts;
}

static struct line_counts count(const char *language_name, const char *text)
{
    return count_bytes(language_name, text, strlen(text));
}

#define assert_counts(counts, want_code, want_comment, want_blank)                                 \
    do {                                                                                           \
        struct line_counts got_ = (counts);                                                        \
        assert_int_equal(got_.code, (want_code));                                                  \
        assert_int_equal(got_.comment, (want_comment));                                            \
        assert_int_equal(got_.blank, (want_blank));                                                \
    } while (0)

static void test_empty_and_trivial(void **state)
{
    (void)state;
    assert_counts(count("C", ""), 0, 0, 0);
    assert_counts(count("C", "\n"), 0, 0, 1);
    assert_counts(count("C", "\n\n  \t\n"), 0, 0, 3);
    assert_counts(count("C", "int x;"), 1, 0, 0);       /* no final newline */
    assert_counts(count("C", "int x;\n// c"), 1, 1, 0); /* idem, last line a comment */
    assert_counts(count("C", "   "), 0, 0, 1);
    struct line_counts counts = {7, 7, 7};
    linecount_count(language_find("C"), NULL, 0, &counts);
    assert_counts(counts, 0, 0, 0);
}

static void test_c_comments(void **state)
{
    (void)state;
    assert_counts(count("C", "// c\nint a; // trailing\n/* b */\n"), 1, 2, 0);
    /* blank lines inside a block comment are blank */
    assert_counts(count("C", "/*\n\n x\n*/\nint a;\n"), 1, 3, 1);
    /* code after the end of a block comment makes the line code */
    assert_counts(count("C", "/* a\n b */ int x;\n"), 1, 1, 0);
    assert_counts(count("C", "/* a */ /* b */\n"), 0, 1, 0);
    assert_counts(count("C", "int a; /* starts\n ends */\n"), 1, 1, 0);
    /* "//" inside a block comment and "/ *" inside a line comment open nothing */
    assert_counts(count("C", "/* // */ int a;\n// /* x\nint b;\n"), 2, 1, 0);
    /* C block comments do not nest */
    assert_counts(count("C", "/* a /* b */ x */\n"), 1, 0, 0);
}

static void test_c_strings(void **state)
{
    (void)state;
    /* cloc 1.96 sees a comment from "/ *" to "* /" here and counts 2 code, 1 comment */
    assert_counts(count("C", "char *s = \"/* not\";\nint b;\nchar *t = \"*/\";\n"), 3, 0, 0);
    assert_counts(count("C", "char *u = \"http://x\";\n"), 1, 0, 0);
    /* escaped quote does not end the string */
    assert_counts(count("C", "s = \"a\\\"/*\";\nx;\n"), 2, 0, 0);
    /* a quote in a char literal does not open a string */
    assert_counts(count("C", "char q = '\"'; /* c */\n/* d */\n"), 1, 1, 0);
    /* an unterminated literal ends with its line */
    assert_counts(count("C", "char c = '\"; // odd\n// c\nint x;\n"), 2, 1, 0);
}

static void test_continuation(void **state)
{
    (void)state;
    /* after a trailing backslash a blank line continues the macro: code (cloc too) */
    assert_counts(count("C", "#define X \\\n\nint y;\n"), 3, 0, 0);
    /* … but not inside a block comment */
    assert_counts(count("C", "/* a \\\n\n*/\n"), 0, 3, 0);
    /* languages without continuation keep the line blank */
    assert_counts(count("Text", "a \\\n\nb\n"), 2, 0, 1);
    assert_counts(count("Bourne Shell", "echo a \\\n\n"), 2, 0, 0);
}

static void test_crlf_and_bom(void **state)
{
    (void)state;
    assert_counts(count("C", "int a;\r\n\r\n// c\r\n/*\r\n\r\n*/\r\n"), 1, 3, 2);
    assert_counts(count("Python", "\xef\xbb\xbf\n# c\nx = 1\n"), 1, 1, 1);
    assert_counts(count("Python", "\xef\xbb\xbf#!/usr/bin/env python\n"), 1, 0, 0);
    /* a lone CR does not end a line (as in cloc) */
    assert_counts(count("C", "int a;\r// c\r\n"), 1, 0, 0);
}

static void test_nested_comments(void **state)
{
    (void)state;
    assert_counts(count("Rust", "/* a /* b */ still */\nfn main() {}\n"), 1, 1, 0);
    assert_counts(count("Rust", "/* a\n/* b\n*/\nstill\n*/\nfn main() {}\n"), 1, 5, 0);
    assert_counts(count("Haskell", "{-# LANGUAGE X #-}\n{- a {- b -} c -}\nmain = 1 -- x\n"), 2, 1,
                  0);
    assert_counts(count("Haskell", "{- a\n{- b -}\n-}\nf = 1\n"), 1, 3, 0);
}

static void test_rust_literals(void **state)
{
    (void)state;
    /* lifetimes are not char literals */
    assert_counts(count("Rust", "fn f<'a>(x: &'a str) -> &'a str { x } // c\n// d\n"), 1, 1, 0);
    assert_counts(count("Rust", "let c = '\"'; // c\nlet d = '\\''; /* e */\n"), 2, 0, 0);
    assert_counts(count("Rust", "let s = r#\"/* not \"quoted\" */\"#;\n// c\n"), 1, 1, 0);
    /* Rust strings may span lines */
    assert_counts(count("Rust", "let s = \"a\n// not\nb\";\n// yes\n"), 3, 1, 0);
}

static const char python_sample[] = "#!/usr/bin/env python3\n"
                                    "\"\"\"Module docstring.\"\"\"\n"
                                    "import os  # comment\n"
                                    "\n"
                                    "def f():\n"
                                    "    \"\"\"Multi\n"
                                    "    line\n"
                                    "\n"
                                    "    docstring\n"
                                    "    \"\"\"\n"
                                    "    x = \"\"\"abc\n"
                                    "    def\n"
                                    "    ghi\"\"\"\n"
                                    "    y = r\"\"\"raw\n"
                                    "    text\n"
                                    "    \"\"\"\n"
                                    "    s = \"# not a comment\"\n"
                                    "    t = '''one''' + '''two'''\n"
                                    "    p = \"a/*b\"\n"
                                    "    q = 1\n"
                                    "    # real comment\n"
                                    "    return x\n";

static void test_python(void **state)
{
    (void)state;
    /* cloc 1.96 counts 9 / 11 / 2: it treats the line holding "/ *" in a
     * string as a comment. Everything else matches it: the text of every
     * triple-quoted string is comment, the r prefix is code. */
    assert_counts(count("Python", python_sample), 10, 10, 2);
    /* a docstring followed by code on its closing line */
    assert_counts(count("Python", "\"\"\"a\nb\"\"\".strip()\n"), 1, 1, 0);
    /* u prefix: still a docstring; f prefix: code, as in cloc */
    assert_counts(count("Python", "u\"\"\"doc\"\"\"\nf\"\"\"x\"\"\"\n"), 1, 1, 0);
    /* '#' in a string, then a real triple-quoted string */
    assert_counts(count("Python", "s = \"#\"; t = \"\"\"x\ny\"\"\"\n"), 1, 1, 0);
    /* triple quotes inside an ordinary string open nothing (cloc: 1 code, 1 comment) */
    assert_counts(count("Python", "s = 'a \"\"\" b'\nx = 1\n"), 2, 0, 0);
    /* a backslash continues an ordinary string onto the next line */
    assert_counts(count("Python", "s = 'a\\\n# still string'\nx = 1\n"), 3, 0, 0);
    /* escaped quotes inside a triple-quoted string */
    assert_counts(count("Python", "\"\"\"a \\\"\"\" b\nc\"\"\"\nx = 1\n"), 1, 2, 0);
}

static void test_shell_and_hash_languages(void **state)
{
    (void)state;
    assert_counts(count("Bourne Shell", "#!/bin/sh\n# comment\necho '#'\n  # indented\n"), 2, 2, 0);
    assert_counts(count("YAML", "# c\nkey: value # trailing\nurl: \"http://x#y\"\n"), 2, 1, 0);
    assert_counts(count("Dockerfile", "FROM x\n# c\nRUN echo \\\n  # inside\n"), 2, 2, 0);
    assert_counts(count("Ruby", "=begin\nx\n=end\nputs 1 # c\n"), 1, 3, 0);
    assert_counts(count("Perl", "#!/usr/bin/perl\n=pod\ntext\n=cut\nprint 1;\n__END__\nstuff\n"), 2,
                  5, 0);
}

static void test_javascript_and_go(void **state)
{
    (void)state;
    /* template literals span lines; their text is code */
    assert_counts(count("JavaScript", "const s = `\n// not a comment\n`;\n// real\n"), 3, 1, 0);
    /* a regex literal holding "/" "*" opens no comment */
    assert_counts(count("JavaScript", "x = s.replace(/\\/*$/, '');\ny = 1;\n"), 2, 0, 0);
    assert_counts(count("TypeScript", "let a: string = '/*';\n/** doc\n * more\n */\n"), 1, 3, 0);
    /* Go raw strings: no escapes, may span lines */
    assert_counts(count("Go", "s := `C:\\`\n// c\nt := `a\n/* b\n`\n"), 4, 1, 0);
}

static void test_other_languages(void **state)
{
    (void)state;
    assert_counts(count("HTML", "<p>\n<!-- a\n\nb -->\n</p>\n"), 2, 2, 1);
    assert_counts(count("Markdown", "# Title\n\n<!-- hidden -->\ntext\n[//]: # (a comment)\n"), 2,
                  2, 1);
    assert_counts(count("Markdown", "[comment]: <> (spans\nlines)\nafter\n"), 1, 2, 0);
    assert_counts(count("JSON", "{\n  \"a\": \"//\",\n  \"b\": \"#\"\n}\n"), 4, 0, 0);
    assert_counts(count("Text", "hello # no comment\n\n// nor this\n"), 2, 0, 1);
    assert_counts(count("Lua", "--[[ a\nb ]]\nprint(1) -- c\n-- d\n"), 1, 3, 0);
    /* long brackets end only at the same level */
    assert_counts(count("Lua", "--[==[ a\n]] still\n]=] still\n]==] x = 1\n"), 1, 3, 0);
    /* CMake bracket comments (cloc 1.96 does not know them: 2 code, 1 comment) */
    assert_counts(count("CMake", "#[=[ docs\ntext\n#]=]\nset(A 1) # c\n# [[ line\n"), 1, 4, 0);
    assert_counts(count("Pascal", "{$mode objfpc}\n{ a\n  b }\n(* c *) x := 1;\n// d\n"), 2, 3, 0);
    assert_counts(count("SQL", "SELECT '--' FROM t; -- c\n-- d\n/* e\n*/\n"), 1, 3, 0);
    assert_counts(count("CSS", "a { content: \"/*\"; }\n/* c */\n"), 1, 1, 0);
    assert_counts(count("reStructuredText", "Title\n=====\n\n.. note::\n   body\nText\n"), 3, 2, 1);
    assert_counts(count("DOS Batch", "@echo off\nREM comment\n:: c\nremove x\n@rem c\n"), 2, 3, 0);
    assert_counts(count("INI", "; c\n# c\n[s]\nk=v\n"), 2, 2, 0);
    assert_counts(count("Assembly", "#include <x.h>\n# comment\n; c\nmov a, b\n/* x */\n"), 2, 3,
                  0);
    assert_counts(count("C#", "var s = @\"a\n// not\n\"\"b\"\"\";\n// c\n"), 3, 1, 0);
    assert_counts(count("Kotlin", "val s = \"\"\"\n// not\n\"\"\"\n// c\n"), 3, 1, 0);
    assert_counts(count("Elixir", "@doc \"\"\"\nHello\n\"\"\"\ndef f, do: 1\n"), 1, 3, 0);
    assert_counts(count("PHP", "<?php\n# c\n// c\n$a = 1; /* c */\n"), 2, 2, 0);
    assert_counts(count("Vuejs Component", "<template>\n<!-- c -->\n</template>\n<script>\n// c\n"
                                           "export default {}\n</script>\n"),
                  5, 2, 0);
    assert_counts(count("Fortran 77", "C comment\n      X = 1\n* c\n      ! c\n"), 1, 3, 0);
    assert_counts(count("PowerShell", "<# a\nb #>\nWrite-Host 1 # c\n# d\n"), 1, 3, 0);
    assert_counts(count("Julia", "#= a\n#= nested =#\n=#\nx = 1\n"), 1, 3, 0);
}

static void test_jupyter(void **state)
{
    (void)state;
    static const char notebook[] = "{\n"
                                   " \"cells\": [\n"
                                   "  {\n"
                                   "   \"cell_type\": \"markdown\",\n"
                                   "   \"source\": [\n"
                                   "    \"# Title\"\n"
                                   "   ]\n"
                                   "  },\n"
                                   "  {\n"
                                   "   \"cell_type\": \"code\",\n"
                                   "   \"execution_count\": 1,\n"
                                   "   \"source\": [\n"
                                   "    \"# a comment\\n\",\n"
                                   "    \"\\n\",\n"
                                   "    \"import os\\n\",\n"
                                   "    \"print(os.name)\"\n"
                                   "   ]\n"
                                   "  }\n"
                                   " ]\n"
                                   "}\n";
    /* as cloc: only the two source lines of the code cell are code */
    assert_counts(count("Jupyter Notebook", notebook), 2, 18, 0);
}

static void test_unknown_language(void **state)
{
    (void)state;
    assert_counts(count(NULL, "a\n\n#b\n// c\n"), 3, 0, 1);
}

static void test_invalid_bytes(void **state)
{
    (void)state;
    static const char junk[] = "\xff\xfe\x00"
                               "abc\n\x80/* \xc3\n*/\n\x00\n";
    assert_counts(count_bytes("C", junk, sizeof(junk) - 1), 3, 1, 0);
    /* every byte value, in every language: must not crash or over-read */
    char all[512];
    for (size_t i = 0; i < sizeof(all); i++)
        all[i] = (char)(i * 7);
    size_t languages = 0;
    const struct language *table = language_table(&languages);
    for (size_t i = 0; i < languages; i++) {
        for (size_t length = 0; length <= sizeof(all); length += 61) {
            struct line_counts counts = count_bytes(table[i].name, all, length);
            /* every line is counted exactly once */
            size_t lines = 0;
            for (size_t j = 0; j < length; j++)
                lines += all[j] == '\n';
            if (length && all[length - 1] != '\n')
                lines++;
            assert_int_equal(counts.code + counts.comment + counts.blank, lines);
        }
    }
}

static void test_truncated_markers(void **state)
{
    (void)state;
    /* the buffer ends in the middle of a marker: nothing is read past it */
    assert_counts(count_bytes("C", "x /* y", 3), 1, 0, 0);
    assert_counts(count_bytes("C", "/* y", 1), 1, 0, 0);
    assert_counts(count_bytes("Python", "\"\"\"doc", 2), 1, 0, 0);
    assert_counts(count_bytes("Lua", "--[[ x", 3), 0, 1, 0);
    assert_counts(count_bytes("Rust", "r#\"x\"#", 2), 1, 0, 0);
    assert_counts(count_bytes("C", "s = \"abc\\", 9), 1, 0, 0);
}

static void test_huge_line(void **state)
{
    (void)state;
    const size_t length = 1u << 20;
    char *text = malloc(length + 6);
    assert_non_null(text);
    memset(text, 'a', length);
    memcpy(text + length, "\n// c", 5);
    struct line_counts counts;
    linecount_count(language_find("C"), text, length + 5, &counts);
    assert_counts(counts, 1, 1, 0);
    free(text);
}

/* Lines are looked at 16 bytes at a time: whatever decides a line (a
 * comment opener, a quote, a backslash, the only non-blank byte) must count
 * at every offset, across block edges and at the end of the content. */
static void test_every_offset(void **state)
{
    (void)state;
    for (size_t offset = 0; offset < 40; offset++) {
        char text[256];
        /* line 1: code; line 2: blanks, then a comment opener at `offset`;
         * line 3: blanks with one '}' at `offset`; line 4: blanks only;
         * line 5: code, ending in a backslash at `offset`; line 6: blank
         * (so: code, by the continuation); line 7: blanks at `offset`
         * with no newline. */
        size_t used = 0;
        memcpy(text + used, "int a;\n", 7);
        used += 7;
        memset(text + used, ' ', offset);
        used += offset;
        memcpy(text + used, "// c\n", 5);
        used += 5;
        memset(text + used, '\t', offset);
        used += offset;
        memcpy(text + used, "}\n", 2);
        used += 2;
        memset(text + used, ' ', offset + 1);
        used += offset + 1;
        text[used++] = '\n';
        memset(text + used, 'x', offset);
        used += offset;
        memcpy(text + used, "\\\n\n", 3);
        used += 3;
        memset(text + used, ' ', offset);
        used += offset;
        struct line_counts counts = count_bytes("C", text, used);
        assert_int_equal(counts.comment, 1);
        assert_int_equal(counts.code, 4);
        assert_int_equal(counts.blank, offset ? 2 : 1);
    }
}

/* The 64-byte block scan of C-like languages (and its SSE2 and AVX2
 * builds, chosen by this switch inside linecount.c; 1 forces SSE2). */
extern int linecount_simd_override;

struct block_case {
    const char *language;
    const char *text;
    size_t code, comment, blank;
};

static const struct block_case block_cases[] = {
    {"C", "/* c */\n", 0, 1, 0},
    {"C", "s = \"/* no */\";\n", 1, 0, 0},
    {"C", "#define X \\\n\n", 2, 0, 0}, /* continued blank line */
    {"C", "x;\r\n\r\n \r\n", 1, 0, 2},
    {"C", "/*\n * a\n\n * b", 0, 3, 1}, /* ends inside the comment */
    {"C", "y; // c\n", 1, 0, 0},
    {"C", "'\"'; /* a\n\n */ z;\n", 2, 0, 1},
    {"C", "   \t  \nq", 1, 0, 1}, /* last line without newline */
    {"C", "/* a *\n/ b */\n", 0, 2, 0},
    {"C", "/* a \\\n\n*/\n", 0, 3, 0}, /* a backslash in a comment */
    {"C",
     "/* x */ /*\n                                                                      \n*/\n", 0,
     2, 1},
    {"C", "/*\n * a long comment line, long enough to cross a 64-byte block edge ...\n */\n", 0, 3,
     0},
    {"C", "/*\n*\n*\n**\n*/*/\n", 1, 4, 0},
    {"C",
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
     "                                                                               "
     "                                                     \n",
     1, 0, 1},
    {"C", "a\\\nb\n", 2, 0, 0},
    {"C", "/* open to the end\n\n   \n still", 0, 2, 2},
    {"C", "s = \"a\\\r\n/* c\nx;\n", 3, 0, 0}, /* a string going on past "\\\r" */
    {"Vuejs Component", "x = 1; <!-- a\n b -->\n", 1, 1, 0},
    {"D", "x; /+ a\n\n+/ y;\n", 2, 0, 1},
    {"Go", "s := `a\n\nb`\nx := 1 // c\n", 3, 0, 1},
    {"JavaScript", "a = `x\n\n`; /* c\n */\n", 2, 1, 1},
};

/* Every case after a code line and a filler line of every length up to
 * two blocks and a bit, so that each byte that matters (a quote, a comment
 * opener or end, a backslash, a newline, a "\r") lands at every offset of
 * a block, across block edges and in the short tail of the content; the
 * filler is code or blank, and the case also stands alone. */
static void test_block_edges(void **state)
{
    (void)state;
    for (int simd = 0; simd < 2; simd++) {
        linecount_simd_override = simd ? 1 : 0;
        for (size_t c = 0; c < sizeof(block_cases) / sizeof(block_cases[0]); c++) {
            const struct block_case *want = &block_cases[c];
            const size_t length = strlen(want->text);
            struct line_counts alone = count_bytes(want->language, want->text, length);
            assert_int_equal(alone.code, want->code);
            assert_int_equal(alone.comment, want->comment);
            assert_int_equal(alone.blank, want->blank);
            for (size_t filler = 0; filler < 140; filler++) {
                for (int blank_filler = 0; blank_filler < 2; blank_filler++) {
                    char text[512];
                    size_t used = 0;
                    memcpy(text, "int a;\n", 7);
                    used += 7;
                    memset(text + used, blank_filler ? '\t' : ' ', filler);
                    used += filler;
                    if (!blank_filler)
                        text[used++] = 'x';
                    text[used++] = '\n';
                    memcpy(text + used, want->text, length);
                    used += length;
                    struct line_counts got = count_bytes(want->language, text, used);
                    assert_int_equal(got.code, want->code + (blank_filler ? 1 : 2));
                    assert_int_equal(got.comment, want->comment);
                    assert_int_equal(got.blank, want->blank + (blank_filler ? 1 : 0));
                }
            }
        }
    }
    linecount_simd_override = 0;
}

/* Inside a block comment the blocks start at the comment's second line:
 * filler there moves the end marker (and a backslash, and a quote that
 * opens nothing) across every offset, including "*" and "/" on both sides
 * of a block edge. */
static void test_block_comment_edges(void **state)
{
    (void)state;
    for (int simd = 0; simd < 2; simd++) {
        linecount_simd_override = simd ? 1 : 0;
        for (size_t filler = 0; filler < 140; filler++) {
            for (int variant = 0; variant < 3; variant++) {
                char text[512];
                size_t used = 0;
                memcpy(text, "int a;\n/*\n", 10);
                used += 10;
                memset(text + used, variant == 1 ? '\n' : '*', filler);
                used += filler;
                if (variant == 2) {
                    memcpy(text + used, "\"\\\n", 3); /* a quote, a backslash */
                    used += 3;
                }
                memcpy(text + used, "*/ x;\n", 6);
                used += 6;
                struct line_counts got = count_bytes("C", text, used);
                const size_t inside = variant == 1 ? filler : 0;
                assert_int_equal(got.code, 2);
                assert_int_equal(got.comment, variant == 2 ? 2 : 1);
                assert_int_equal(got.blank, inside);
            }
        }
    }
    linecount_simd_override = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_and_trivial),
        cmocka_unit_test(test_c_comments),
        cmocka_unit_test(test_c_strings),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_nested_comments),
        cmocka_unit_test(test_rust_literals),
        cmocka_unit_test(test_python),
        cmocka_unit_test(test_shell_and_hash_languages),
        cmocka_unit_test(test_javascript_and_go),
        cmocka_unit_test(test_other_languages),
        cmocka_unit_test(test_jupyter),
        cmocka_unit_test(test_unknown_language),
        cmocka_unit_test(test_invalid_bytes),
        cmocka_unit_test(test_truncated_markers),
        cmocka_unit_test(test_huge_line),
        cmocka_unit_test(test_every_offset),
        cmocka_unit_test(test_block_edges),
        cmocka_unit_test(test_block_comment_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
