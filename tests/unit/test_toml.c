/*
 * test_toml: unit tests of the TOML 1.0 parser (util/toml.h) on the
 * specification's tricky cases: every string form with its escapes and
 * trimming rules, number forms and their invalid spellings, dates, dotted
 * keys, tables defined implicitly then explicitly, arrays of tables with
 * sub-tables, inline tables that may not be extended, redefinitions, CRLF,
 * and the line numbers of values and of errors.
 *
 * Inputs are copied into buffers of exactly their length, so a sanitizer
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

#include "util/toml.h"

struct parsed {
    struct toml_document doc;
    char *buffer;
    bool ok;
};

static void parse(struct parsed *parsed, const char *text)
{
    size_t length = strlen(text);
    parsed->buffer = malloc(length ? length : 1);
    memcpy(parsed->buffer, text, length);
    parsed->ok = toml_parse(&parsed->doc, parsed->buffer, length);
}

static void done(struct parsed *parsed)
{
    toml_release(&parsed->doc);
    free(parsed->buffer);
}

/* Asserts that `text` is refused on `line`. */
static void assert_refused(const char *text, int line)
{
    struct parsed parsed;
    parse(&parsed, text);
    if (parsed.ok)
        fail_msg("accepted: %s", text);
    if (parsed.doc.error_line != line)
        fail_msg("error on line %d (%s), expected %d: %s", parsed.doc.error_line, parsed.doc.error,
                 line, text);
    assert_true(parsed.doc.error[0] != '\0');
    done(&parsed);
}

static const char *string_at(const struct parsed *parsed, const char *path)
{
    const struct toml_value *value = toml_get_path(parsed->doc.root, path);
    return toml_string(value);
}

static void test_strings(void **state)
{
    (void)state;
    struct parsed parsed;
    parse(&parsed, "basic = \"tab\\there \\\"q\\\" \\u00e9 \\U0001F600\"\n"
                   "literal = 'C:\\Users\\nodejs'\n"
                   "multi = \"\"\"\nRoses\nViolets\"\"\"\n"
                   "trimmed = \"\"\"\\\n    The quick \\\n\n    fox.\"\"\"\n"
                   "quotes = \"\"\"Here are two quotes: \"\". Five: \"\"\"\"\"\n"
                   "lit_multi = '''\nThe first newline is\ntrimmed.'''\n"
                   "lit_quotes = ''''That,' she said.'''\n"
                   "empty = \"\"\n");
    assert_true(parsed.ok);
    assert_string_equal(string_at(&parsed, "basic"), "tab\there \"q\" \xc3\xa9 \xf0\x9f\x98\x80");
    assert_string_equal(string_at(&parsed, "literal"), "C:\\Users\\nodejs");
    assert_string_equal(string_at(&parsed, "multi"), "Roses\nViolets");
    assert_string_equal(string_at(&parsed, "trimmed"), "The quick fox.");
    assert_string_equal(string_at(&parsed, "quotes"), "Here are two quotes: \"\". Five: \"\"");
    assert_string_equal(string_at(&parsed, "lit_multi"), "The first newline is\ntrimmed.");
    assert_string_equal(string_at(&parsed, "lit_quotes"), "'That,' she said.");
    assert_string_equal(string_at(&parsed, "empty"), "");
    assert_int_equal(toml_get(parsed.doc.root, "lit_multi")->line, 11);
    done(&parsed);

    assert_refused("a = \"unterminated\n", 1);
    assert_refused("a = \"bad \\x escape\"\n", 1);
    assert_refused("a = \"\\uD800\"\n", 1);
    assert_refused("a = 'no\nnewline'\n", 1);
    assert_refused("a = \"\"\"\n\nnever closed\n", 1);
    assert_refused("a = \"ctrl \x01\"\n", 1);
    assert_refused("a = \"\"\"six quotes\"\"\"\"\"\"\n", 1);
}

static void test_numbers_and_dates(void **state)
{
    (void)state;
    struct parsed parsed;
    parse(&parsed, "int = +99\nneg = -17\nbig = 5_349_221\nhex = 0xDEAD_beef\noct = 0o755\n"
                   "bin = 0b1101\nflt = 6.626e-34\nexp = 1E6\ninf = -inf\nnan = nan\n"
                   "t = true\nf = false\nodt = 1979-05-27T07:32:00-08:00\n"
                   "space = 1979-05-27 07:32:00Z\nld = 1979-05-27\nlt = 00:32:00.999999\n");
    assert_true(parsed.ok);
    const struct toml_value *root = parsed.doc.root;
    assert_int_equal(toml_get(root, "int")->integer, 99);
    assert_int_equal(toml_get(root, "neg")->integer, -17);
    assert_int_equal(toml_get(root, "big")->integer, 5349221);
    assert_int_equal(toml_get(root, "hex")->integer, 0xDEADBEEF);
    assert_int_equal(toml_get(root, "oct")->integer, 0755);
    assert_int_equal(toml_get(root, "bin")->integer, 13);
    assert_int_equal(toml_get(root, "flt")->type, TOML_FLOAT);
    assert_true(toml_get(root, "exp")->real == 1e6);
    assert_true(toml_get(root, "inf")->real < -1e308);
    assert_int_equal(toml_get(root, "t")->boolean, true);
    assert_int_equal(toml_get(root, "f")->boolean, false);
    assert_int_equal(toml_get(root, "odt")->type, TOML_DATETIME);
    assert_string_equal(toml_get(root, "space")->string, "1979-05-27 07:32:00Z");
    assert_int_equal(toml_get(root, "ld")->type, TOML_DATETIME);
    assert_int_equal(toml_get(root, "lt")->type, TOML_DATETIME);
    done(&parsed);

    assert_refused("a = 01\n", 1);
    assert_refused("a = 1__0\n", 1);
    assert_refused("a = _1\n", 1);
    assert_refused("a = 1.\n", 1);
    assert_refused("a = .5\n", 1);
    assert_refused("a = 0x\n", 1);
    assert_refused("a = +0x10\n", 1);
    assert_refused("a = 9223372036854775808\n", 1);
    assert_refused("a = 1979-02-30\n", 1);
    assert_refused("a = 24:00:00\n", 1);
    assert_refused("a = TRUE\n", 1);
    assert_refused("a = 1 2\n", 1);
}

static void test_keys_and_tables(void **state)
{
    (void)state;
    struct parsed parsed;
    parse(&parsed, "# comment\n"
                   "name = \"x\"\n"
                   "physical.color = \"orange\"\n"
                   "physical.shape = \"round\"\n"
                   "site.\"google.com\" = true\n"
                   "\"\" = 'empty key'\n"
                   "[x.y.z.w]\n"
                   "a = 1\n"
                   "[x]\n"
                   "b = 2\n"
                   "[ dog . \"tater.man\" ]\n"
                   "type.name = \"pug\"\n"
                   "[fruit]\n"
                   "apple.color = \"red\"\n"
                   "[fruit.apple.texture]\n"
                   "smooth = true\n");
    assert_true(parsed.ok);
    const struct toml_value *root = parsed.doc.root;
    assert_string_equal(string_at(&parsed, "physical.shape"), "round");
    assert_non_null(toml_get(toml_get(root, "site"), "google.com"));
    assert_string_equal(toml_string(toml_get(root, "")), "empty key");
    assert_int_equal(toml_get_path(root, "x.y.z.w.a")->integer, 1);
    assert_int_equal(toml_get_path(root, "x.b")->integer, 2);
    assert_int_equal(toml_get_path(root, "x")->line, 9);
    assert_string_equal(
        toml_string(
            toml_get(toml_get(toml_get(toml_get(root, "dog"), "tater.man"), "type"), "name")),
        "pug");
    assert_true(toml_get_path(root, "fruit.apple.texture.smooth")->boolean);
    assert_int_equal(toml_get_path(root, "fruit.apple.color")->key_line, 14);
    done(&parsed);

    assert_refused("a = 1\na = 2\n", 2);
    assert_refused("[a]\n[a]\n", 2);
    assert_refused("[a.b]\n[a]\n[a]\n", 3);
    assert_refused("a.b = 1\na.b.c = 2\n", 2);
    assert_refused("[fruit]\napple.color = 1\n[fruit.apple]\n", 3);
    assert_refused("[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", 4);
    assert_refused("a = 1 # ok\nb = \n", 2);
    assert_refused("= 1\n", 1);
    assert_refused("a b = 1\n", 1);
    assert_refused("[a\n", 1);
    assert_refused("[[a]\n", 1);
    assert_refused("[a] b = 1\n", 1);
    assert_refused("a = 1 b = 2\n", 1);
    assert_refused("bad\xff = 1\n", 1);
    assert_refused("ok = 1\n# \x01 control\n", 2);
}

static void test_arrays_and_inline_tables(void **state)
{
    (void)state;
    struct parsed parsed;
    parse(&parsed, "nums = [ 1, 2, 3, ]\n"
                   "mixed = [\n  \"a\", # comment\n  { x = 1 },\n  [ 'n' ],\n]\n"
                   "point = { x = 1, y.z = 2 }\n"
                   "empty = {}\n"
                   "[[products]]\nname = \"Hammer\"\n"
                   "[[products]]\n"
                   "[[products]]\nname = \"Nail\"\n"
                   "[products.dims]\nlen = 3\n"
                   "[[products.parts]]\nid = 1\n");
    assert_true(parsed.ok);
    const struct toml_value *root = parsed.doc.root;
    assert_int_equal(toml_get(root, "nums")->count, 3);
    const struct toml_value *mixed = toml_get(root, "mixed");
    assert_int_equal(mixed->count, 3);
    assert_int_equal(mixed->first->next->type, TOML_TABLE);
    assert_int_equal(mixed->first->next->line, 4);
    assert_int_equal(toml_get_path(root, "point.y.z")->integer, 2);
    const struct toml_value *products = toml_get(root, "products");
    assert_int_equal(products->count, 3);
    assert_int_equal(products->first->line, 9);
    assert_null(toml_get(products->first->next, "name"));
    assert_string_equal(toml_string(toml_get(products->last, "name")), "Nail");
    assert_int_equal(toml_get_path(products->last, "dims.len")->integer, 3);
    assert_int_equal(toml_get(products->last, "parts")->count, 1);
    done(&parsed);

    assert_refused("a = [1 2]\n", 1);
    assert_refused("a = [1,,2]\n", 1);
    assert_refused("a = {x = 1,}\n", 1);
    assert_refused("a = {x = 1\n}\n", 1);
    assert_refused("a = {x = 1}\n[a]\n", 2);
    assert_refused("a = {x = 1}\na.y = 2\n", 2);
    assert_refused("a = {x.y = 1}\n[a.x]\n", 2);
    assert_refused("a = [1]\n[[a]]\n", 2);
    assert_refused("[[a]]\n[a]\n", 2);
    assert_refused("[a]\n[[a]]\n", 2);
    assert_refused("a = [\n1,\n", 3);
}

static void test_crlf_and_limits(void **state)
{
    (void)state;
    struct parsed parsed;
    parse(&parsed, "\xef\xbb\xbf"
                   "a = 'x'\r\n[t]\r\nb = \"\"\"one\r\ntwo\"\"\"\r\nc = 3\r\n");
    assert_true(parsed.ok);
    assert_string_equal(string_at(&parsed, "t.b"), "one\ntwo");
    assert_int_equal(toml_get_path(parsed.doc.root, "t.c")->line, 5);
    done(&parsed);

    /* Deep nesting is refused, not recursed into. */
    char deep[400];
    size_t used = (size_t)snprintf(deep, sizeof deep, "a = ");
    for (int i = 0; i < 100; i++)
        deep[used++] = '[';
    deep[used] = '\0';
    assert_refused(deep, 1);
    assert_refused("a = \"x\r\"\n", 1);

    parse(&parsed, "");
    assert_true(parsed.ok);
    assert_int_equal(parsed.doc.root->count, 0);
    assert_null(toml_get(parsed.doc.root, "missing"));
    assert_null(toml_get_path(parsed.doc.root, "a.b"));
    done(&parsed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings),         cmocka_unit_test(test_numbers_and_dates),
        cmocka_unit_test(test_keys_and_tables), cmocka_unit_test(test_arrays_and_inline_tables),
        cmocka_unit_test(test_crlf_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
