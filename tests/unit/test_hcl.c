/*
 * test_hcl: unit tests of the HCL tokenizer and parser (analyzers/hcl.h):
 * every token kind, heredocs with and without indentation, nested templates,
 * comments holding quotes, strings holding comment markers, unterminated
 * constructs at the end of the input, CRLF, exact lines, and the value tree;
 * then every terraform.* rule of the analyzer (a positive case with its
 * exact line and a negative case) and the Terraform check family
 * (checks/terraform.c) on hand-built contexts.
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
#include "analyzers/hcl.h"
#include "checks/check.h"
#include "model/model.h"
#include "rules/registry.h"
#include "util/arena.h"

extern const struct analyzer analyzer_terraform;
extern const struct check_family check_family_terraform;

/* ---- tokens ---- */

struct lexed {
    struct arena arena;
    struct hcl_tokens tokens;
    char *buffer;
    bool ok;
};

static void lex(struct lexed *lexed, const char *content)
{
    size_t length = strlen(content);
    arena_init(&lexed->arena);
    lexed->buffer = malloc(length ? length : 1);
    assert_non_null(lexed->buffer);
    memcpy(lexed->buffer, content, length);
    lexed->ok = hcl_tokenize(&lexed->arena, lexed->buffer, length, &lexed->tokens);
}

static void lexed_release(struct lexed *lexed)
{
    arena_destroy(&lexed->arena);
    free(lexed->buffer);
}

/* The tokens without newlines, as "KIND:text@line" joined by spaces. */
static const char *describe(struct lexed *lexed)
{
    static char out[2048];
    static const char kinds[] = "INSHPLE"; /* L: newline, E: end */
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < lexed->tokens.count; i++) {
        const struct hcl_token *t = &lexed->tokens.items[i];
        int written =
            snprintf(out + used, sizeof(out) - used, "%s%c:%s@%d", used ? " " : "", kinds[t->kind],
                     t->kind == HCL_TOKEN_NEWLINE ? "" : t->text, t->line);
        if (written > 0 && (size_t)written < sizeof(out) - used)
            used += (size_t)written;
    }
    return out;
}

static void test_token_kinds(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "a_b-c = 1.5e3 # note\n"
            "x=\"s\"\n"
            "y = [1, 2] => == != <= >= && || ... ? : ! % / * + - < > . ( ) { }\n");
    assert_true(l.ok);
    assert_string_equal(describe(&l), "I:a_b-c@1 P:=@1 N:1.5e3@1 L:@1 I:x@2 P:=@2 S:s@2 L:@2 "
                                      "I:y@3 P:=@3 P:[@3 N:1@3 P:,@3 N:2@3 P:]@3 P:=>@3 P:==@3 "
                                      "P:!=@3 P:<=@3 P:>=@3 P:&&@3 P:||@3 P:...@3 P:?@3 P::@3 "
                                      "P:!@3 P:%@3 P:/@3 P:*@3 P:+@3 P:-@3 P:<@3 P:>@3 P:.@3 "
                                      "P:(@3 P:)@3 P:{@3 P:}@3 L:@3 E:@4");
    lexed_release(&l);
}

static void test_comments(void **state)
{
    (void)state;
    struct lexed l;
    /* Comments holding quotes and braces; strings holding comment markers. */
    lex(&l, "# it's \"quoted\" {\n"
            "a = \"http://x/#frag\" // she said \"hi\"\n"
            "/* multi \"line\n"
            "   comment */ b = \"/* not a comment */\"\n");
    assert_true(l.ok);
    assert_string_equal(describe(&l), "L:@1 I:a@2 P:=@2 S:http://x/#frag@2 L:@2 I:b@4 P:=@4 "
                                      "S:/* not a comment */@4 L:@4 E:@5");
    lexed_release(&l);
}

static void test_strings(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "a = \"t\\tq\\\"\\\\ \\u00e9 $${x} %%{y}\"\n"
            "b = \"${jsonencode({k = \"}\"})} and ${var.x}\"\n"
            "c = \"${format(\"%s\", \"${upper(\"x\")}\")}\"\n"
            "d = \"%{ if var.on }on%{ else }off%{ endif }\"\n");
    assert_true(l.ok);
    const struct hcl_token *a = &l.tokens.items[2];
    assert_int_equal(a->kind, HCL_TOKEN_STRING);
    assert_string_equal(a->text, "t\tq\"\\ \xc3\xa9 ${x} %{y}");
    assert_false(a->templated);
    const struct hcl_token *b = &l.tokens.items[6];
    assert_string_equal(b->text, "${jsonencode({k = \"}\"})} and ${var.x}");
    assert_true(b->templated);
    assert_int_equal(b->line, 2);
    const struct hcl_token *c = &l.tokens.items[10];
    assert_string_equal(c->text, "${format(\"%s\", \"${upper(\"x\")}\")}");
    assert_int_equal(c->line, 3);
    const struct hcl_token *d = &l.tokens.items[14];
    assert_string_equal(d->text, "%{ if var.on }on%{ else }off%{ endif }");
    assert_true(d->templated);
    lexed_release(&l);
}

static void test_heredocs(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "a = <<EOT\n"
            "  keep\n"
            "${x}\n"
            "EOT\n"
            "b = <<-JSON\n"
            "    {\n"
            "\n"
            "      \"k\": 1\n"
            "    }\n"
            "    JSON\n"
            "c = 2\n");
    assert_true(l.ok);
    const struct hcl_token *a = &l.tokens.items[2];
    assert_int_equal(a->kind, HCL_TOKEN_HEREDOC);
    assert_string_equal(a->text, "  keep\n${x}\n");
    assert_true(a->templated);
    assert_false(a->indented);
    assert_string_equal(a->delimiter, "EOT");
    assert_int_equal(a->line, 1);
    assert_int_equal(a->end_line, 4);
    const struct hcl_token *b = &l.tokens.items[6];
    assert_int_equal(b->kind, HCL_TOKEN_HEREDOC);
    assert_true(b->indented);
    assert_string_equal(b->text, "{\n\n  \"k\": 1\n}\n");
    assert_false(b->templated);
    assert_int_equal(b->line, 5);
    const struct hcl_token *c = &l.tokens.items[8];
    assert_string_equal(c->text, "c");
    assert_int_equal(c->line, 11);
    lexed_release(&l);
}

static void test_crlf(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "a = \"x\"\r\nb = <<EOT\r\nline\r\nEOT\r\n# c\r\nc = 1\r\n");
    assert_true(l.ok);
    assert_string_equal(describe(&l),
                        "I:a@1 P:=@1 S:x@1 L:@1 I:b@2 P:=@2 H:line\n@2 L:@4 L:@5 I:c@6 P:=@6 "
                        "N:1@6 L:@6 E:@7");
    lexed_release(&l);
}

struct bad_case {
    const char *content;
    int line;
    const char *error; /* a part of the message */
};

static const struct bad_case bad_cases[] = {
    {"a = \"open", 1, "never closed"},
    {"\n\na = \"no\nnewline\"\n", 3, "not closed on its line"},
    {"a = <<EOT\nbody\n", 1, "never closed"},
    {"a = <<EOT trailing\nEOT\n", 1, "must end its line"},
    {"x = 1\n/* open", 2, "never closed"},
    {"a = \"${x\"", 1, "never closed"},
    {"a = \"bad \\q\"", 1, "invalid escape"},
    {"a = \"\\u12\"", 1, "\\u"},
    {"a = 1\nb = @\n", 2, "unexpected character '@'"},
    {"a = 1\nb = \"\xff\"\n", 2, "invalid UTF-8"},
    {"a = ${x}\n", 1, "outside a quoted string"},
    {"a = \"x\\", 1, "never closed"},
};

static void test_lex_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        struct lexed l;
        lex(&l, bad_cases[i].content);
        if (l.ok || l.tokens.error_line != bad_cases[i].line ||
            !strstr(l.tokens.error, bad_cases[i].error))
            print_message("case %zu: ok=%d line %d error %s\n", i, l.ok, l.tokens.error_line,
                          l.tokens.error ? l.tokens.error : "(none)");
        assert_false(l.ok);
        assert_int_equal(l.tokens.error_line, bad_cases[i].line);
        assert_non_null(strstr(l.tokens.error, bad_cases[i].error));
        assert_int_equal(l.tokens.items[l.tokens.count - 1].kind, HCL_TOKEN_END);
        lexed_release(&l);
    }
}

/* ---- the tree ---- */

struct parsed {
    struct arena arena;
    struct hcl_file file;
    char *buffer;
    bool ok;
};

static void parse(struct parsed *p, const char *content)
{
    size_t length = strlen(content);
    arena_init(&p->arena);
    p->buffer = malloc(length ? length : 1);
    assert_non_null(p->buffer);
    memcpy(p->buffer, content, length);
    p->ok = hcl_parse(&p->arena, p->buffer, length, &p->file);
}

static void parsed_release(struct parsed *p)
{
    arena_destroy(&p->arena);
    free(p->buffer);
}

static void test_parse_tree(void **state)
{
    (void)state;
    struct parsed p;
    parse(&p, "resource \"aws_s3_bucket\" logs {\n"
              "  bucket = \"b\"\n"
              "  count  = var.on ? 1 : 0\n"
              "  tags = {\n"
              "    Name = \"x\", \"Env\" : \"prod\"\n"
              "    (var.k) = 1\n"
              "  }\n"
              "  list = [\n"
              "    1, -2, true, null,\n"
              "  ]\n"
              "  policy = jsonencode({\n"
              "    Statement = [{ Action = \"*\" }]\n"
              "  })\n"
              "  names = [for n in var.xs : upper(n) if n != \"\"]\n"
              "  ref = aws_s3_bucket.other[0].id\n"
              "  nested { inner { a = 1 } }\n"
              "  one { x = 1 }\n"
              "}\n");
    if (!p.ok)
        print_message("%d: %s\n", p.file.error_line, p.file.error);
    assert_true(p.ok);
    assert_int_equal(p.file.body.block_count, 1);
    const struct hcl_block *r = &p.file.body.blocks[0];
    assert_string_equal(r->type, "resource");
    assert_int_equal(r->label_count, 2);
    assert_string_equal(r->labels[0], "aws_s3_bucket");
    assert_string_equal(r->labels[1], "logs");
    assert_int_equal(r->line, 1);
    assert_int_equal(r->end_line, 18);
    const struct hcl_attribute *count = hcl_body_attribute(&r->body, "count");
    assert_int_equal(count->value.kind, HCL_VALUE_RAW);
    assert_int_equal(count->line, 3);
    assert_int_equal(count->value.source_length, strlen("var.on ? 1 : 0"));
    assert_memory_equal(count->value.source, "var.on ? 1 : 0", count->value.source_length);
    const struct hcl_attribute *tags = hcl_body_attribute(&r->body, "tags");
    assert_int_equal(tags->value.kind, HCL_VALUE_OBJECT);
    assert_int_equal(tags->value.item_count, 3);
    assert_string_equal(hcl_value_literal(hcl_object_item(&tags->value, "Name")), "x");
    assert_string_equal(hcl_value_literal(hcl_object_item(&tags->value, "Env")), "prod");
    assert_null(tags->value.keys[2]);
    assert_int_equal(hcl_object_item(&tags->value, "Env")->line, 5);
    const struct hcl_attribute *list = hcl_body_attribute(&r->body, "list");
    assert_int_equal(list->value.kind, HCL_VALUE_LIST);
    assert_int_equal(list->value.item_count, 4);
    assert_true(list->value.items[1].kind == HCL_VALUE_NUMBER && list->value.items[1].number == -2);
    assert_int_equal(hcl_value_truth(&list->value.items[2]), 1);
    assert_int_equal(list->value.items[3].kind, HCL_VALUE_NULL);
    assert_int_equal(list->value.items[1].line, 9);
    const struct hcl_attribute *policy = hcl_body_attribute(&r->body, "policy");
    assert_int_equal(policy->value.kind, HCL_VALUE_CALL);
    assert_string_equal(policy->value.string, "jsonencode");
    const struct hcl_value *statements = hcl_object_item(&policy->value.items[0], "Statement");
    assert_int_equal(statements->kind, HCL_VALUE_LIST);
    assert_int_equal(statements->line, 12);
    assert_string_equal(hcl_value_literal(hcl_object_item(&statements->items[0], "Action")), "*");
    assert_int_equal(hcl_body_attribute(&r->body, "names")->value.kind, HCL_VALUE_RAW);
    const struct hcl_attribute *ref = hcl_body_attribute(&r->body, "ref");
    assert_int_equal(ref->value.kind, HCL_VALUE_RAW);
    assert_int_equal(ref->value.source_length, strlen("aws_s3_bucket.other[0].id"));
    size_t index = 0;
    const struct hcl_block *nested = hcl_body_next_block(&r->body, "nested", &index);
    assert_non_null(nested);
    assert_int_equal(nested->body.block_count, 1);
    assert_int_equal(nested->body.blocks[0].body.attribute_count, 1);
    index = 0;
    assert_non_null(hcl_body_next_block(&r->body, "one", &index));
    double number = 0;
    assert_true(hcl_value_number(&hcl_body_attribute(&r->body, "list")->value.items[0], &number));
    assert_true(number == 1);
    parsed_release(&p);
}

static const struct bad_case parse_cases[] = {
    {"resource \"a\" \"b\" {\n  x = 1\n", 1, "never closed"},
    {"a = 1 b = 2\n", 1, "expected a newline"},
    {"a = [1, 2\n", 1, "never closed"},
    {"a = {\n  k = 1\n  =\n}\n", 3, "expected an expression"},
    {"x {\n}\n}\n", 3, "unexpected '}'"},
    {"\"label\" {}\n", 1, "expected an attribute or a block"},
    {"a b c = 1\n", 1, "expected '=' or a block's '{'"},
    {"a = foo(1 2)\n", 1, "expected ',' or ')'"},
    {"a = x.\n", 1, "expected a name after '.'"},
    {"a = x ? 1\n", 1, "expected ':'"},
    {"block {\n  a = \"unterminated\n}\n", 2, "not closed on its line"},
};

static void test_parse_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
        struct parsed p;
        parse(&p, parse_cases[i].content);
        if (p.ok || p.file.error_line != parse_cases[i].line ||
            !strstr(p.file.error, parse_cases[i].error))
            print_message("case %zu: ok=%d line %d error %s\n", i, p.ok, p.file.error_line,
                          p.file.error ? p.file.error : "(none)");
        assert_false(p.ok);
        assert_int_equal(p.file.error_line, parse_cases[i].line);
        assert_non_null(strstr(p.file.error, parse_cases[i].error));
        parsed_release(&p);
    }
}

static void test_parse_deep_nesting(void **state)
{
    (void)state;
    /* Deep nesting is refused with an error, not a stack overflow. */
    enum { DEPTH = 5000 };
    char *content = malloc(DEPTH * 2 + 8);
    assert_non_null(content);
    memcpy(content, "a = ", 4);
    for (int i = 0; i < DEPTH; i++)
        content[4 + i] = '[';
    for (int i = 0; i < DEPTH; i++)
        content[4 + DEPTH + i] = ']';
    content[4 + 2 * DEPTH] = '\0';
    struct parsed p;
    parse(&p, content);
    assert_false(p.ok);
    assert_non_null(strstr(p.file.error, "nested"));
    parsed_release(&p);
    /* Blocks too. */
    char *blocks = malloc(DEPTH * 4 + 8);
    assert_non_null(blocks);
    size_t used = 0;
    for (int i = 0; i < DEPTH; i++) {
        memcpy(blocks + used, "b {\n", 4);
        used += 4;
    }
    blocks[used] = '\0';
    parse(&p, blocks);
    assert_false(p.ok);
    parsed_release(&p);
    free(blocks);
    free(content);
}

static void test_parse_empty_and_odd(void **state)
{
    (void)state;
    struct parsed p;
    parse(&p, "");
    assert_true(p.ok);
    assert_int_equal(p.file.body.block_count + p.file.body.attribute_count, 0);
    parsed_release(&p);
    parse(&p, "\xef\xbb\xbf# only a comment");
    assert_true(p.ok);
    parsed_release(&p);
    parse(&p, "a = 1");
    assert_true(p.ok);
    assert_int_equal(p.file.body.attribute_count, 1);
    parsed_release(&p);
}

/* ---- rules ---- */

static void scan_run(struct analyzer_scan *scan, const char *path, const char *content)
{
    static const struct analyzer *const analyzers[] = {&analyzer_terraform, NULL};
    assert_int_equal(
        analyzer_scan_run(scan, analyzers, path, FILE_ROLE_IAC, content, strlen(content)), 1);
}

struct rule_case {
    const char *rule;
    const char *content;
    const char *lines; /* expected lines, "" for a negative case */
};

#define SG_OPEN(from, to, proto)                                                                   \
    "resource \"aws_security_group\" \"w\" {\n"                                                    \
    "  ingress {\n"                                                                                \
    "    from_port   = " from "\n"                                                                 \
    "    to_port     = " to "\n"                                                                   \
    "    protocol    = " proto "\n"                                                                \
    "    cidr_blocks = [\"10.0.0.0/8\", \"0.0.0.0/0\"]\n"                                          \
    "  }\n"                                                                                        \
    "}\n"

#define RDS_SAFE                                                                                   \
    "  storage_encrypted = true\n  backup_retention_period = 7\n  deletion_protection = true\n"

static const struct rule_case rule_cases[] = {
    {"terraform.parse-error", "resource \"a\" \"b\" {\n  x = \"open\n}\n", "2"},
    {"terraform.parse-error", "resource \"a\" \"b\" {\n  x = 1\n}\n", ""},
    {"terraform.sg-world-open-port", SG_OPEN("22", "22", "\"tcp\""), "6"},
    {"terraform.sg-world-open-port", SG_OPEN("0", "65535", "\"tcp\""), "6"},
    {"terraform.sg-world-open-port", SG_OPEN("0", "0", "\"-1\""), "6"},
    {"terraform.sg-world-open-port", SG_OPEN("5000", "6000", "\"6\""), "6"},
    {"terraform.sg-world-open-port", SG_OPEN("443", "443", "\"tcp\""), ""},
    {"terraform.sg-world-open-port", SG_OPEN("22", "22", "\"udp\""), ""},
    {"terraform.sg-world-open-port", SG_OPEN("var.port", "22", "\"tcp\""), ""},
    {"terraform.sg-world-open-port",
     "resource \"aws_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  from_port = 3389\n"
     "  to_port = 3389\n  protocol = \"tcp\"\n  ipv6_cidr_blocks = [\"::/0\"]\n}\n",
     "6"},
    {"terraform.sg-world-open-port",
     "resource \"aws_security_group_rule\" \"r\" {\n  type = \"egress\"\n  from_port = 0\n"
     "  to_port = 0\n  protocol = \"-1\"\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n",
     ""},
    {"terraform.sg-world-open-port",
     "resource \"aws_vpc_security_group_ingress_rule\" \"r\" {\n  cidr_ipv4 = \"0.0.0.0/0\"\n"
     "  from_port = 5432\n  to_port = 5432\n  ip_protocol = \"tcp\"\n}\n",
     "2"},
    {"terraform.sg-world-open-port",
     "resource \"aws_vpc_security_group_ingress_rule\" \"r\" {\n  cidr_ipv4 = \"10.0.0.0/16\"\n"
     "  ip_protocol = \"-1\"\n}\n",
     ""},
    {"terraform.s3-public-acl", "resource \"aws_s3_bucket\" \"b\" {\n  acl = \"public-read\"\n}\n",
     "2"},
    {"terraform.s3-public-acl",
     "resource \"aws_s3_bucket_acl\" \"b\" {\n  bucket = aws_s3_bucket.b.id\n"
     "  acl = \"public-read-write\"\n}\n",
     "3"},
    {"terraform.s3-public-acl", "resource \"aws_s3_bucket_acl\" \"b\" {\n  acl = \"private\"\n}\n",
     ""},
    {"terraform.ebs-unencrypted", "resource \"aws_ebs_volume\" \"v\" {\n  size = 10\n}\n", "1"},
    {"terraform.ebs-unencrypted",
     "resource \"aws_ebs_volume\" \"v\" {\n  size = 10\n  encrypted = false\n}\n", "3"},
    {"terraform.ebs-unencrypted",
     "resource \"aws_instance\" \"i\" {\n  root_block_device {\n    volume_size = 8\n  }\n"
     "  metadata_options {\n    http_tokens = \"required\"\n  }\n}\n",
     "2"},
    {"terraform.ebs-unencrypted",
     "resource \"aws_launch_template\" \"t\" {\n  block_device_mappings {\n    ebs {\n"
     "      encrypted = \"false\"\n    }\n  }\n}\n",
     "4"},
    {"terraform.ebs-unencrypted",
     "resource \"aws_ebs_volume\" \"v\" {\n  size = 10\n  encrypted = true\n}\n", ""},
    {"terraform.ebs-unencrypted",
     "resource \"aws_ebs_volume\" \"v\" {\n  encrypted = var.encrypted\n}\n", ""},
    {"terraform.rds-unencrypted",
     "resource \"aws_db_instance\" \"d\" {\n  backup_retention_period = 7\n"
     "  deletion_protection = true\n}\n",
     "1"},
    {"terraform.rds-unencrypted",
     "resource \"aws_rds_cluster\" \"c\" {\n  storage_encrypted = false\n" RDS_SAFE "}\n", "2"},
    {"terraform.rds-unencrypted", "resource \"aws_db_instance\" \"d\" {\n" RDS_SAFE "}\n", ""},
    {"terraform.rds-unencrypted",
     "resource \"aws_db_instance\" \"replica\" {\n  replicate_source_db = aws_db_instance.d.id\n"
     "  deletion_protection = true\n}\n",
     ""},
    {"terraform.rds-public",
     "resource \"aws_db_instance\" \"d\" {\n" RDS_SAFE "  publicly_accessible = true\n}\n", "5"},
    {"terraform.rds-public",
     "resource \"aws_rds_cluster_instance\" \"d\" {\n  publicly_accessible = true\n}\n", "2"},
    {"terraform.rds-public",
     "resource \"aws_db_instance\" \"d\" {\n" RDS_SAFE "  publicly_accessible = false\n}\n", ""},
    {"terraform.rds-no-backup",
     "resource \"aws_db_instance\" \"d\" {\n  storage_encrypted = true\n"
     "  backup_retention_period = 0\n  deletion_protection = true\n}\n",
     "3"},
    {"terraform.rds-no-backup",
     "resource \"aws_db_instance\" \"d\" {\n  storage_encrypted = true\n"
     "  deletion_protection = true\n}\n",
     "1"},
    {"terraform.rds-no-backup", "resource \"aws_rds_cluster\" \"d\" {\n" RDS_SAFE "}\n", ""},
    {"terraform.rds-no-deletion-protection",
     "resource \"aws_db_instance\" \"d\" {\n  storage_encrypted = true\n"
     "  backup_retention_period = 7\n}\n",
     "1"},
    {"terraform.rds-no-deletion-protection",
     "resource \"aws_db_instance\" \"d\" {\n  storage_encrypted = true\n"
     "  backup_retention_period = 7\n  deletion_protection = false\n}\n",
     "4"},
    {"terraform.rds-no-deletion-protection",
     "resource \"aws_db_instance\" \"d\" {\n" RDS_SAFE "}\n", ""},
    {"terraform.provider-hardcoded-credentials",
     "provider \"aws\" {\n  region     = \"eu-west-1\"\n  access_key = \"AKIAEXAMPLEFAKE12345\"\n"
     "  secret_key = \"made/up/secret/value/for/tests/only0000\"\n}\n",
     "3,4"},
    {"terraform.provider-hardcoded-credentials",
     "provider \"aws\" {\n  access_key = var.access_key\n  secret_key = \"${var.secret}\"\n}\n",
     ""},
    {"terraform.provider-hardcoded-credentials",
     "provider \"aws\" {\n  access_key = \"test\"\n  secret_key = \"test\"\n"
     "  skip_credentials_validation = true\n}\n",
     ""},
    {"terraform.provider-hardcoded-credentials",
     "provider \"aws\" {\n  access_key = \"AKIAIOSFODNN7EXAMPLE\"\n"
     "  secret_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\n}\n",
     ""},
    {"terraform.db-password-literal",
     "resource \"aws_rds_cluster\" \"c\" {\n" RDS_SAFE "  master_password = \"Made-up-pass1\"\n}\n",
     "5"},
    {"terraform.db-password-literal",
     "resource \"aws_db_instance\" \"d\" {\n" RDS_SAFE "  password = var.db_password\n}\n", ""},
    {"terraform.iam-wildcard-policy",
     "data \"aws_iam_policy_document\" \"admin\" {\n  statement {\n    actions   = [\"*\"]\n"
     "    resources = [\"*\"]\n  }\n}\n",
     "3"},
    {"terraform.iam-wildcard-policy",
     "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    effect    = \"Deny\"\n"
     "    actions   = [\"*\"]\n    resources = [\"*\"]\n  }\n  statement {\n"
     "    actions   = [\"s3:GetObject\"]\n    resources = [\"*\"]\n  }\n}\n",
     ""},
    {"terraform.iam-wildcard-policy",
     "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n"
     "    Statement = [\n      {\n        Effect   = \"Allow\"\n        Action   = \"*\"\n"
     "        Resource = \"*\"\n      },\n    ]\n  })\n}\n",
     "7"},
    {"terraform.iam-wildcard-policy",
     "resource \"aws_iam_role_policy\" \"p\" {\n  policy = <<-EOF\n    {\n"
     "      \"Version\": \"2012-10-17\",\n      \"Statement\": [{\"Effect\": \"Allow\",\n"
     "        \"Action\": [\"*\"], \"Resource\": \"*\"}]\n    }\n  EOF\n}\n",
     "6"},
    {"terraform.iam-wildcard-policy",
     "resource \"aws_iam_role_policy\" \"p\" {\n  policy = \"{\\\"Statement\\\": {\\\"Effect\\\": "
     "\\\"Allow\\\", \\\"Action\\\": \\\"*\\\", \\\"Resource\\\": \\\"*\\\"}}\"\n}\n",
     "2"},
    {"terraform.iam-wildcard-policy",
     "resource \"aws_iam_role_policy\" \"p\" {\n  policy = <<EOF\n{\"Statement\": [{\"Effect\": "
     "\"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}\nEOF\n}\n",
     ""},
    {"terraform.iam-wildcard-policy",
     "resource \"aws_iam_role_policy\" \"p\" {\n  policy = \"not json {\"\n}\n", ""},
    {"terraform.cloudtrail-logging-off",
     "resource \"aws_cloudtrail\" \"t\" {\n  is_multi_region_trail = true\n"
     "  enable_logging = false\n}\n",
     "3"},
    {"terraform.cloudtrail-logging-off",
     "resource \"aws_cloudtrail\" \"t\" {\n  is_multi_region_trail = true\n}\n", ""},
    {"terraform.cloudtrail-single-region",
     "resource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n}\n", "1"},
    {"terraform.cloudtrail-single-region",
     "resource \"aws_cloudtrail\" \"t\" {\n  is_multi_region_trail = true\n}\n", ""},
    {"terraform.lb-no-access-logs", "resource \"aws_lb\" \"l\" {\n  name = \"l\"\n}\n", "1"},
    {"terraform.lb-no-access-logs",
     "resource \"aws_lb\" \"l\" {\n  access_logs {\n    bucket = \"b\"\n  }\n}\n", "2"},
    {"terraform.lb-no-access-logs",
     "resource \"aws_elb\" \"l\" {\n  access_logs {\n    bucket = \"b\"\n    enabled = false\n"
     "  }\n}\n",
     "4"},
    {"terraform.lb-no-access-logs",
     "resource \"aws_lb\" \"l\" {\n  access_logs {\n    bucket = \"b\"\n    enabled = true\n"
     "  }\n}\n",
     ""},
    {"terraform.lb-no-access-logs",
     "resource \"aws_lb\" \"g\" {\n  load_balancer_type = \"gateway\"\n}\n", ""},
    {"terraform.instance-public-ip",
     "resource \"aws_instance\" \"i\" {\n  associate_public_ip_address = true\n"
     "  metadata_options {\n    http_tokens = \"required\"\n  }\n}\n",
     "2"},
    {"terraform.instance-public-ip",
     "resource \"aws_instance\" \"i\" {\n  associate_public_ip_address = false\n"
     "  metadata_options {\n    http_tokens = \"required\"\n  }\n}\n",
     ""},
    {"terraform.imdsv1-allowed", "resource \"aws_instance\" \"i\" {\n  ami = \"ami-1\"\n}\n", "1"},
    {"terraform.imdsv1-allowed",
     "resource \"aws_launch_template\" \"t\" {\n  metadata_options {\n"
     "    http_tokens = \"optional\"\n  }\n}\n",
     "3"},
    {"terraform.imdsv1-allowed",
     "resource \"aws_instance\" \"i\" {\n  metadata_options {\n    http_endpoint = \"enabled\"\n"
     "  }\n}\n",
     "2"},
    {"terraform.imdsv1-allowed",
     "resource \"aws_instance\" \"i\" {\n  metadata_options {\n    http_endpoint = \"disabled\"\n"
     "  }\n}\n",
     ""},
    {"terraform.imdsv1-allowed",
     "resource \"aws_launch_template\" \"t\" {\n  dynamic \"metadata_options\" {\n"
     "    for_each = [var.metadata_options]\n    content {\n"
     "      http_tokens = metadata_options.value.http_tokens\n    }\n  }\n}\n",
     ""},
    {"terraform.lb-no-access-logs",
     "resource \"aws_lb\" \"l\" {\n  dynamic \"access_logs\" {\n    for_each = var.logs\n"
     "    content {\n      bucket = access_logs.value\n    }\n  }\n}\n",
     ""},
    {"terraform.kms-no-rotation", "resource \"aws_kms_key\" \"k\" {\n  description = \"k\"\n}\n",
     "1"},
    {"terraform.kms-no-rotation",
     "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = false\n}\n", "2"},
    {"terraform.kms-no-rotation",
     "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n", ""},
    {"terraform.kms-no-rotation",
     "resource \"aws_kms_key\" \"k\" {\n  customer_master_key_spec = \"RSA_2048\"\n"
     "  key_usage = \"SIGN_VERIFY\"\n}\n",
     ""},
};

static void test_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rule_cases) / sizeof(rule_cases[0]); i++) {
        const struct rule_case *c = &rule_cases[i];
        struct analyzer_scan scan;
        scan_run(&scan, "infra/main.tf", c->content);
        const char *lines = analyzer_scan_rule_lines(&scan, c->rule);
        if (strcmp(lines, c->lines) != 0)
            analyzer_scan_print_mismatch(&scan, i, c->rule, c->lines, lines);
        assert_string_equal(lines, c->lines);
        analyzer_scan_release(&scan);
    }
}

static bool rule_has_check_case(const char *id)
{
    static const char *const check_rules[] = {
        "terraform.s3-no-public-access-block", "terraform.s3-no-encryption",
        "terraform.s3-no-access-logging", "terraform.no-remote-backend"};
    for (size_t i = 0; i < sizeof(check_rules) / sizeof(check_rules[0]); i++)
        if (strcmp(check_rules[i], id) == 0)
            return true;
    return false;
}

/* Every terraform.* rule has a positive and a negative case above, or a check
 * test below. */
static void test_rules_covered(void **state)
{
    (void)state;
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    size_t terraform = 0;
    for (size_t i = 0; i < count; i++) {
        if (strncmp(rules[i].id, "terraform.", 10) != 0)
            continue;
        terraform++;
        bool positive = rule_has_check_case(rules[i].id), negative = positive;
        for (size_t k = 0; k < sizeof(rule_cases) / sizeof(rule_cases[0]); k++)
            if (strcmp(rule_cases[k].rule, rules[i].id) == 0) {
                positive = positive || rule_cases[k].lines[0];
                negative = negative || !rule_cases[k].lines[0];
            }
        if (!positive || !negative)
            print_message("%s lacks a %s case\n", rules[i].id, positive ? "negative" : "positive");
        assert_true(positive && negative);
    }
    assert_true(terraform >= 12);
}

static void test_secret_redacted(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    scan_run(&scan, "main.tf",
             "provider \"aws\" {\n  secret_key = \"madeupSecretValueForTests1234\"\n}\n");
    assert_int_equal(scan.analysis.finding_count, 1);
    const struct finding *f = &scan.analysis.findings[0];
    assert_null(strstr(f->message, "madeupSecret"));
    assert_null(strstr(f->snippet, "madeupSecret"));
    assert_null(strstr(f->match, "madeupSecret"));
    assert_non_null(strstr(f->snippet, "made"));
    analyzer_scan_release(&scan);
}

static const char *fact_values(struct analyzer_scan *scan, const char *key)
{
    static char out[512];
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < scan->analysis.fact_count; i++) {
        const struct fact *fact = &scan->analysis.facts[i];
        if (strcmp(fact->key, key) != 0)
            continue;
        int written = snprintf(out + used, sizeof(out) - used, "%s%d:%s", used ? "," : "",
                               fact->line, fact->value ? fact->value : "");
        if (written > 0 && (size_t)written < sizeof(out) - used)
            used += (size_t)written;
    }
    return out;
}

static void test_facts(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    scan_run(&scan, "main.tf",
             "terraform {\n  backend \"s3\" {\n    bucket = \"state\"\n  }\n}\n"
             "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n"
             "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"d\"\n}\n"
             "resource \"aws_s3_bucket_public_access_block\" \"data\" {\n"
             "  bucket = aws_s3_bucket.data.id\n}\n"
             "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"x\" {\n"
             "  bucket = var.bucket\n}\n"
             "resource \"aws_s3_bucket_logging\" \"data\" {\n  bucket = aws_s3_bucket.data[0].id\n"
             "  target_bucket = aws_s3_bucket.logs.id\n}\n");
    assert_string_equal(fact_values(&scan, "terraform.backend"), "2:s3");
    assert_string_equal(fact_values(&scan, "terraform.provider"), "6:aws");
    assert_string_equal(fact_values(&scan, "terraform.s3-bucket"), "9:data");
    assert_string_equal(fact_values(&scan, "terraform.s3-companion"),
                        "12:public-access-block data,15:encryption *,18:logging data,"
                        "18:logging logs");
    analyzer_scan_release(&scan);
}

static void test_applies(void **state)
{
    (void)state;
    struct source_file tf = {.path = "infra/main.tf", .content = "", .length = 0};
    struct source_file vars = {.path = "infra/prod.tfvars", .content = "", .length = 0};
    struct source_file json = {.path = "infra/main.tf.json", .content = "", .length = 0};
    struct source_file template = {
        .path = "{{cookiecutter.name}}/main.tf", .content = "", .length = 0};
    assert_false(analyzer_terraform.applies(&template));
    assert_true(analyzer_terraform.applies(&tf));
    assert_false(analyzer_terraform.applies(&vars));
    assert_false(analyzer_terraform.applies(&json));
}

/* ---- the check family ---- */

struct check_run {
    struct arena arena;
    struct check_context context;
};

static void check_run(struct check_run *run, const struct fact *facts, size_t fact_count)
{
    arena_init(&run->arena);
    memset(&run->context, 0, sizeof(run->context));
    run->context.arena = &run->arena;
    run->context.facts = facts;
    run->context.fact_count = fact_count;
    run->context.kind = PROJECT_KIND_INFRASTRUCTURE;
    check_family_terraform.run(&run->context);
}

static void check_release(struct check_run *run)
{
    free(run->context.checks);
    free(run->context.findings);
    arena_destroy(&run->arena);
}

static const char *check_findings(struct check_run *run)
{
    static char out[1024];
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < run->context.finding_count; i++) {
        const struct finding *f = &run->context.findings[i];
        int written = snprintf(out + used, sizeof(out) - used, "%s%s %s:%d", used ? "," : "",
                               f->rule->id, f->file ? f->file : "-", f->line);
        if (written > 0 && (size_t)written < sizeof(out) - used)
            used += (size_t)written;
    }
    return out;
}

static const char *check_status(struct check_run *run, const char *id)
{
    for (size_t i = 0; i < run->context.check_count; i++)
        if (strcmp(run->context.checks[i].id, id) == 0)
            return check_status_id(run->context.checks[i].status);
    return "absent";
}

static void test_check_backend(void **state)
{
    (void)state;
    /* A root configuration without a backend; examples do not count. */
    static const struct fact facts1[] = {
        {"terraform.provider", "examples/basic/main.tf", 3, "aws"},
        {"terraform.provider", "live/prod/main.tf", 5, "aws"},
    };
    struct check_run run;
    check_run(&run, facts1, 2);
    assert_string_equal(check_findings(&run), "terraform.no-remote-backend live/prod/main.tf:5");
    assert_string_equal(check_status(&run, "terraform.remote-backend"), "fail");
    check_release(&run);
    static const struct fact facts2[] = {
        {"terraform.backend", "live/prod/backend.tf", 2, "s3"},
        {"terraform.provider", "live/prod/main.tf", 5, "aws"},
    };
    check_run(&run, facts2, 2);
    assert_string_equal(check_findings(&run), "");
    assert_string_equal(check_status(&run, "terraform.remote-backend"), "pass");
    check_release(&run);
    /* Terragrunt writes the backend itself. */
    static const struct check_file terragrunt_files[] = {
        {"live/prod/main.tf", "HCL", FILE_ROLE_IAC},
        {"live/prod/terragrunt.hcl", "HCL", FILE_ROLE_IAC},
    };
    arena_init(&run.arena);
    memset(&run.context, 0, sizeof(run.context));
    run.context.arena = &run.arena;
    run.context.files = terragrunt_files;
    run.context.file_count = 2;
    run.context.facts = facts1;
    run.context.fact_count = 2;
    check_family_terraform.run(&run.context);
    assert_string_equal(check_findings(&run), "");
    assert_string_equal(check_status(&run, "terraform.remote-backend"), "pass");
    check_release(&run);
    /* A module: providers only in its examples, nothing to ask. */
    static const struct fact facts3[] = {
        {"terraform.provider", "examples/complete/main.tf", 3, "aws"},
    };
    check_run(&run, facts3, 1);
    assert_string_equal(check_findings(&run), "");
    assert_string_equal(check_status(&run, "terraform.remote-backend"), "absent");
    check_release(&run);
}

static void test_check_buckets(void **state)
{
    (void)state;
    static const struct fact facts[] = {
        {"terraform.s3-bucket", "a/main.tf", 1, "data"},
        {"terraform.s3-bucket", "a/main.tf", 9, "logs"},
        {"terraform.s3-bucket", "b/main.tf", 1, "data"},
        {"terraform.s3-companion", "a/access.tf", 3, "public-access-block data"},
        {"terraform.s3-companion", "a/access.tf", 9, "public-access-block logs"},
        {"terraform.s3-companion", "a/crypto.tf", 3, "encryption *"},
        {"terraform.s3-companion", "a/main.tf", 20, "logging data"},
        {"terraform.s3-companion", "a/main.tf", 20, "logging logs"},
        /* Another module's companion does not cover b/'s bucket. */
        {"terraform.s3-companion", "c/main.tf", 3, "encryption data"},
    };
    struct check_run run;
    check_run(&run, facts, sizeof(facts) / sizeof(facts[0]));
    assert_string_equal(check_findings(&run), "terraform.s3-no-public-access-block b/main.tf:1,"
                                              "terraform.s3-no-encryption b/main.tf:1,"
                                              "terraform.s3-no-access-logging b/main.tf:1");
    assert_string_equal(check_status(&run, "terraform.s3-public-access-block"), "fail");
    check_release(&run);
    /* The account-wide block covers every bucket. */
    static const struct fact account[] = {
        {"terraform.s3-bucket", "b/main.tf", 1, "data"},
        {"terraform.s3-companion", "global/s3.tf", 1, "public-access-block account"},
    };
    check_run(&run, account, 2);
    assert_string_equal(check_status(&run, "terraform.s3-public-access-block"), "pass");
    assert_string_equal(check_status(&run, "terraform.s3-encryption"), "fail");
    check_release(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_kinds),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_heredocs),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_lex_errors),
        cmocka_unit_test(test_parse_tree),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_deep_nesting),
        cmocka_unit_test(test_parse_empty_and_odd),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_rules_covered),
        cmocka_unit_test(test_secret_redacted),
        cmocka_unit_test(test_facts),
        cmocka_unit_test(test_applies),
        cmocka_unit_test(test_check_backend),
        cmocka_unit_test(test_check_buckets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
