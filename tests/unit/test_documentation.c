/*
 * test_documentation: unit tests of the documentation analyzers
 * (analyzers/markdown.c, analyzers/license.c) on in-memory files, and of the
 * documentation check family (checks/documentation.c) on hand-built check
 * contexts.
 *
 * File contents are copied into buffers of exactly their length (no NUL
 * after them), so a sanitizer build catches any read past the end. The
 * license excerpts are short distinguishing phrases, not full license texts.
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
#include "checks/check.h"
#include "model/model.h"
#include "util/arena.h"

extern const struct analyzer analyzer_markdown;
extern const struct analyzer analyzer_license;
extern const struct check_family check_family_documentation;

/* ---- running an analyzer on one in-memory file ---- */

struct scan {
    struct arena arena;
    struct analysis analysis;
    char *buffer;
};

static void scan_run(struct scan *scan, const struct analyzer *analyzer, const char *path,
                     const char *content, size_t length)
{
    arena_init(&scan->arena);
    analysis_init(&scan->analysis, &scan->arena, path);
    scan->buffer = malloc(length ? length : 1);
    assert_non_null(scan->buffer);
    memcpy(scan->buffer, content, length);
    struct source_file file = {
        .path = path, .content = scan->buffer, .length = length, .role = FILE_ROLE_DOCS};
    assert_true(analyzer->applies(&file));
    analyzer->run(&file, &scan->analysis);
}

static void scan_release(struct scan *scan)
{
    analysis_release(&scan->analysis);
    arena_destroy(&scan->arena);
    free(scan->buffer);
}

static bool applies(const struct analyzer *analyzer, const char *path)
{
    struct source_file file = {.path = path, .content = "", .length = 0};
    return analyzer->applies(&file);
}

/* Runs the markdown analyzer and compares its headings with `expected`, a
 * NULL-terminated list of "LINE:text". */
static void expect_headings_n(const char *path, const char *content, size_t length,
                              const char *const *expected)
{
    struct scan scan;
    scan_run(&scan, &analyzer_markdown, path, content, length);
    size_t count = 0;
    while (expected[count])
        count++;
    for (size_t i = 0; i < scan.analysis.fact_count; i++)
        print_message("  fact %d: %s\n", scan.analysis.facts[i].line, scan.analysis.facts[i].value);
    assert_int_equal(scan.analysis.fact_count, count);
    for (size_t i = 0; i < count; i++) {
        const struct fact *fact = &scan.analysis.facts[i];
        char actual[300];
        snprintf(actual, sizeof(actual), "%d:%s", fact->line, fact->value);
        assert_string_equal(fact->key, "doc.heading");
        assert_string_equal(actual, expected[i]);
    }
    scan_release(&scan);
}

static void expect_headings(const char *path, const char *content, const char *const *expected)
{
    expect_headings_n(path, content, strlen(content), expected);
}

#define HEADINGS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NO_HEADINGS   ((const char *const[]){NULL})

/* Runs the license analyzer; expects one license.spdx fact. */
static void expect_license_n(const char *content, size_t length, const char *spdx, int line)
{
    struct scan scan;
    scan_run(&scan, &analyzer_license, "LICENSE", content, length);
    assert_int_equal(scan.analysis.fact_count, 1);
    assert_string_equal(scan.analysis.facts[0].key, "license.spdx");
    assert_string_equal(scan.analysis.facts[0].value, spdx);
    assert_int_equal(scan.analysis.facts[0].line, line);
    scan_release(&scan);
}

static void expect_license(const char *content, const char *spdx, int line)
{
    expect_license_n(content, strlen(content), spdx, line);
}

/* ---- markdown analyzer ---- */

static void test_markdown_applies(void **state)
{
    (void)state;
    assert_true(applies(&analyzer_markdown, "README.md"));
    assert_true(applies(&analyzer_markdown, "README"));
    assert_true(applies(&analyzer_markdown, "readme.rst"));
    assert_true(applies(&analyzer_markdown, "README.txt"));
    assert_true(applies(&analyzer_markdown, "services/api/README.md"));
    assert_true(applies(&analyzer_markdown, "docs/guide.md"));
    assert_true(applies(&analyzer_markdown, "docs/ops/runbook.rst"));
    assert_true(applies(&analyzer_markdown, "packages/x/doc/intro.markdown"));
    assert_true(applies(&analyzer_markdown, "NOTES.md")); /* root documents count */
    assert_false(applies(&analyzer_markdown, "src/NOTES.md"));
    assert_false(applies(&analyzer_markdown, "src/main.c"));
    assert_false(applies(&analyzer_markdown, "docs/logo.png"));
    assert_false(applies(&analyzer_markdown, "docs/conf.py"));
    assert_false(applies(&analyzer_markdown, "README.py"));
    assert_false(applies(&analyzer_markdown, "docsite/page.md"));
}

static void test_markdown_atx(void **state)
{
    (void)state;
    expect_headings(
        "README.md",
        "# Project\n"
        "\n"
        "Some text.\n"
        "\n"
        "## Installation ##\n"
        "###### Deep heading\n"
        "####### seven is not a heading\n"
        "#hashtag is not a heading\n"
        "   ### Indented three\n"
        "# C#\n"
        "#\n",
        HEADINGS("1:project", "5:installation", "6:deep heading", "9:indented three", "10:c#"));
}

static void test_markdown_fences_ignored(void **state)
{
    (void)state;
    expect_headings("README.md",
                    "# Usage\n"
                    "```sh\n"
                    "# install the tool\n"
                    "make install\n"
                    "```\n"
                    "~~~~\n"
                    "# not a heading either\n"
                    "```\n"
                    "# still inside the tilde fence\n"
                    "~~~~\n"
                    "    # indented code\n"
                    "## Configuration\n",
                    HEADINGS("1:usage", "12:configuration"));
}

static void test_markdown_unclosed_fence(void **state)
{
    (void)state;
    /* A stray fence that never closes must not hide the rest of the file. */
    expect_headings("README.md", "```\n## Deployment\n", HEADINGS("2:deployment"));
}

static void test_markdown_setext(void **state)
{
    (void)state;
    expect_headings("README",
                    "My Project\n"
                    "==========\n"
                    "\n"
                    "Getting started\n"
                    "---------------\n"
                    "\n"
                    "Two line\n"
                    "heading\n"
                    "===\n"
                    "\n"
                    "text\n"
                    "\n"
                    "---\n"
                    "\n"
                    "- a list item\n"
                    "---\n"
                    "> quoted\n"
                    "===\n"
                    "\n"
                    "  indented paragraph\n"
                    "---\n",
                    HEADINGS("1:my project", "4:getting started", "7:two line heading"));
}

static void test_markdown_normalization(void **state)
{
    (void)state;
    expect_headings("docs/index.md",
                    "## \xF0\x9F\x9A\x80 1. Quick *Start* [guide](https://x.test/a_b) "
                    "![badge](b.svg) :rocket:\n"
                    "## 2.3) `Environment`   Variables:\n"
                    "## [![CI](https://ci.test/badge.svg)](https://ci.test) Deployment\n"
                    "## Déploiement en __production__\n"
                    "## snake_case_name\n"
                    "<h2 align=\"center\">Usage</h2>\n"
                    "## \xE2\x9A\x99\xEF\xB8\x8F\n",
                    HEADINGS("1:quick start guide", "2:environment variables", "3:deployment",
                             "4:d\xC3\xA9ploiement en production", "5:snake_case_name", "6:usage"));
}

static void test_markdown_comments_and_front_matter(void **state)
{
    (void)state;
    expect_headings("docs/page.md",
                    "---\n"
                    "title: Page\n"
                    "---\n"
                    "<!--\n"
                    "# hidden\n"
                    "-->\n"
                    "<!-- one line --> \n"
                    "# Shown\n",
                    HEADINGS("8:shown"));
    /* A README that opens with a thematic break and no closing one keeps
     * its headings. */
    expect_headings("README.md", "---\n# Title\n", HEADINGS("2:title"));
}

static void test_markdown_line_endings_and_bytes(void **state)
{
    (void)state;
    expect_headings("README.md", "\xEF\xBB\xBFTitle\r\n=====\r\n\r\n# Usage\r\n",
                    HEADINGS("1:title", "4:usage"));
    /* Invalid UTF-8 and control bytes are dropped, never copied out. */
    static const char weird[] = "# Bad \xFF\xFE\x01 bytes \xC3\n# Ok \xC3\xA9t\xC3\xA9\n";
    expect_headings_n("README.md", weird, sizeof(weird) - 1,
                      HEADINGS("1:bad bytes", "2:ok \xC3\xA9t\xC3\xA9"));
    /* An embedded NUL is just a byte; the length, not the NUL, ends the file. */
    static const char nul[] = "# One\0two\n# Three\n# Four";
    expect_headings_n("README.md", nul, sizeof(nul) - 1 - 7, HEADINGS("1:one two", "2:three"));
    expect_headings_n("README.md", "# Cut here", 5, HEADINGS("1:cut"));
    expect_headings_n("README.md", "", 0, NO_HEADINGS);
}

static void test_markdown_long_heading(void **state)
{
    (void)state;
    char content[1200];
    content[0] = '#';
    content[1] = ' ';
    for (size_t i = 2; i < sizeof(content); i++)
        content[i] = (i % 7 == 0) ? ' ' : 'a';
    struct scan scan;
    scan_run(&scan, &analyzer_markdown, "README.md", content, sizeof(content));
    assert_int_equal(scan.analysis.fact_count, 1);
    assert_true(strlen(scan.analysis.facts[0].value) <= 200);
    scan_release(&scan);
}

static void test_markdown_rst(void **state)
{
    (void)state;
    expect_headings("README.rst",
                    "=========\n"
                    " Project\n"
                    "=========\n"
                    "\n"
                    "Installation\n"
                    "------------\n"
                    "\n"
                    ".. code-block:: bash\n"
                    "\n"
                    "   pip install project\n"
                    "   Not a title\n"
                    "   -----------\n"
                    "\n"
                    "Usage\n"
                    "~~~~~\n"
                    "\n"
                    "A paragraph\n"
                    "right before\n"
                    "~~~~~~~~~~~~\n"
                    "\n"
                    "=====  =====\n"
                    "col    col\n"
                    "=====  =====\n"
                    "\n"
                    "----\n"
                    "\n"
                    "Backup and restore\n"
                    "^^^^^^^^^^^^^^^^^^\n",
                    HEADINGS("2:project", "5:installation", "14:usage", "27:backup and restore"));
}

/* ---- license analyzer ---- */

static void test_license_applies(void **state)
{
    (void)state;
    assert_true(applies(&analyzer_license, "LICENSE"));
    assert_true(applies(&analyzer_license, "LICENSE.md"));
    assert_true(applies(&analyzer_license, "licence.txt"));
    assert_true(applies(&analyzer_license, "COPYING"));
    assert_true(applies(&analyzer_license, "COPYING.LESSER"));
    assert_true(applies(&analyzer_license, "LICENSE-MIT"));
    assert_true(applies(&analyzer_license, "UNLICENSE"));
    assert_true(applies(&analyzer_license, "LICENSES/Apache-2.0.txt"));
    assert_true(applies(&analyzer_license, "vendor-free/lib/LICENSE"));
    assert_false(applies(&analyzer_license, "license.py"));
    assert_false(applies(&analyzer_license, "src/licenses.c"));
    assert_false(applies(&analyzer_license, "LICENSES.md"));
    assert_false(applies(&analyzer_license, "docs/licensing.md"));
}

static void test_license_permissive(void **state)
{
    (void)state;
    expect_license("MIT License\n\nCopyright (c) 2024 Example\n\n"
                   "Permission is hereby granted, free of charge, to any person obtaining a\n"
                   "copy of this software ...\n"
                   "The above copyright notice and this permission notice shall be included in\n"
                   "all copies or substantial portions of the Software.\n",
                   "MIT", 5);
    expect_license("PERMISSION IS HEREBY GRANTED, FREE OF CHARGE, TO ANY PERSON\n   OBTAINING A\t"
                   "COPY of this software, without conditions.\n",
                   "MIT-0", 1);
    expect_license("Copyright 2024 Example\n\n"
                   "Redistribution and use in source and binary forms, with or without\n"
                   "modification, are permitted provided that the following conditions are met:\n"
                   "1. Redistributions of source code must retain the above copyright notice.\n"
                   "2. Redistributions in binary form must reproduce the above copyright notice.\n",
                   "BSD-2-Clause", 3);
    expect_license("Redistribution and use in source and binary forms, with or without\n"
                   "modification, are permitted provided that ...\n"
                   "1. ...\n2. ...\n"
                   "3. Neither the name of the copyright holder nor the names of its\n"
                   "   contributors may be used to endorse or promote products\n",
                   "BSD-3-Clause", 5);
    expect_license("Permission to use, copy, modify, and/or distribute this software for any\n"
                   "purpose with or without fee is hereby granted, provided that the above\n"
                   "copyright notice and this permission notice appear in all copies.\n",
                   "ISC", 1);
    expect_license("Copyright (C) 2024 Example\n\n"
                   "Permission to use, copy, modify, and/or distribute this software for any\n"
                   "purpose with or without fee is hereby granted.\n",
                   "0BSD", 3);
    expect_license("This is free and unencumbered software released into the public domain.\n",
                   "Unlicense", 1);
}

static void test_license_apache_mpl(void **state)
{
    (void)state;
    expect_license("\n                                 Apache License\n"
                   "                           Version 2.0, January 2004\n"
                   "                        http://www.apache.org/licenses/\n",
                   "Apache-2.0", 3);
    expect_license("Copyright 2024 Example\n\nLicensed under the Apache License, Version 2.0 "
                   "(the \"License\");\n",
                   "Apache-2.0", 3);
    /* The MPL names the GNU licenses as secondary licenses; it stays MPL. */
    expect_license("Mozilla Public License Version 2.0\n"
                   "==================================\n"
                   "1.12. \"Secondary License\" means either the GNU General Public License,\n"
                   "Version 2.0, the GNU Lesser General Public License, Version 2.1 ...\n",
                   "MPL-2.0", 1);
}

static void test_license_gnu(void **state)
{
    (void)state;
    expect_license("                    GNU GENERAL PUBLIC LICENSE\n"
                   "                       Version 3, 29 June 2007\n"
                   "...\n"
                   "  13. Use with the GNU Affero General Public License.\n",
                   "GPL-3.0", 2);
    expect_license("GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n\n"
                   "...use the GNU Lesser General Public License instead of this License.\n",
                   "GPL-2.0", 2);
    expect_license("GNU LESSER GENERAL PUBLIC LICENSE\n Version 2.1, February 1999\n", "LGPL-2.1",
                   2);
    expect_license("GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\n"
                   "This version of the GNU Lesser General Public License incorporates\n"
                   "the terms and conditions of version 3 of the GNU General Public License\n",
                   "LGPL-3.0", 2);
    expect_license("GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007\n", "AGPL-3.0",
                   2);
    /* The short notice projects put in place of the full text. */
    expect_license("This program is free software: you can redistribute it and/or modify\n"
                   "it under the terms of the GNU General Public License as published by\n"
                   "the Free Software Foundation, either version 3 of the License, or\n"
                   "(at your option) any later version.\n",
                   "GPL-3.0", 3);
    expect_license("GNU Library General Public License\nVersion 2, June 1991\n", "LGPL-2.0", 2);
    /* A GNU name without any version says too little. */
    expect_license("Licensed under the GNU General Public License.\n", "unknown", 1);
}

static void test_license_spdx_line(void **state)
{
    (void)state;
    expect_license("Copyright 2024 Example\nSPDX-License-Identifier: Apache-2.0 OR MIT\n",
                   "Apache-2.0 OR MIT", 2);
    expect_license("/* SPDX-License-Identifier: GPL-2.0-or-later */\n"
                   "Redistribution and use in source and binary forms\n",
                   "GPL-2.0-or-later", 1);
    /* An empty identifier is ignored; the text still decides. */
    expect_license("SPDX-License-Identifier:\nThis is free and unencumbered software released "
                   "into the public domain.\n",
                   "Unlicense", 2);
}

static void test_license_unknown_and_proprietary(void **state)
{
    (void)state;
    expect_license("Use it however you like, just do not blame me.\n", "unknown", 1);
    expect_license("", "unknown", 1);
    expect_license("Copyright 2024 Example Corp.\nAll rights reserved.\n", "LicenseRef-Proprietary",
                   2);
}

static void test_license_bytes_and_length(void **state)
{
    (void)state;
    static const char weird[] = "\0\xFF\xFE\x80\nRedistribution and use in source\0and binary";
    expect_license_n(weird, sizeof(weird) - 1, "unknown", 1);
    static const char nul[] = "\xFF\0\nRedistribution and use in source and binary forms\n";
    expect_license_n(nul, sizeof(nul) - 1, "BSD-2-Clause", 2);
    /* The phrase continues past the length: it must not be matched. */
    static const char cut[] = "Permission is hereby granted, free of charge, to any person "
                              "obtaining a copy";
    expect_license_n(cut, sizeof(cut) - 1 - 4, "unknown", 1);
    expect_license_n("SPDX-License-Identifier: MIT", 26, "M", 1);
}

/* ---- the check family ---- */

struct fixture {
    struct arena arena;
    struct check_context context;
    struct check_file files[64];
    struct fact facts[64];
};

static int compare_files(const void *a, const void *b)
{
    return strcmp(((const struct check_file *)a)->path, ((const struct check_file *)b)->path);
}

static int compare_facts(const void *a, const void *b)
{
    const struct fact *x = a, *y = b;
    int order = strcmp(x->file, y->file);
    if (order == 0)
        order = (x->line > y->line) - (x->line < y->line);
    return order ? order : strcmp(x->key, y->key);
}

/* Builds a context from NULL-terminated paths and facts ("FILE|LINE|KEY|VALUE"
 * strings), sorts them as the pipeline does, and runs the family. */
static void fixture_run(struct fixture *fixture, enum project_kind kind, const char *const *paths,
                        const char *const *facts)
{
    memset(fixture, 0, sizeof(*fixture));
    arena_init(&fixture->arena);
    struct check_context *context = &fixture->context;
    context->arena = &fixture->arena;
    context->kind = kind;
    size_t count = 0;
    for (; paths[count]; count++) {
        assert_true(count < 64);
        fixture->files[count].path = paths[count];
        fixture->files[count].role = FILE_ROLE_DOCS;
    }
    qsort(fixture->files, count, sizeof(fixture->files[0]), compare_files);
    context->files = fixture->files;
    context->file_count = count;
    size_t fact_count = 0;
    for (; facts && facts[fact_count]; fact_count++) {
        assert_true(fact_count < 64);
        char *copy = arena_strdup(&fixture->arena, facts[fact_count]);
        struct fact *fact = &fixture->facts[fact_count];
        fact->file = copy;
        char *bar = strchr(copy, '|');
        *bar = '\0';
        fact->line = (int)strtol(bar + 1, &bar, 10);
        fact->key = bar + 1;
        bar = strchr(bar + 1, '|');
        *bar = '\0';
        fact->value = bar + 1;
    }
    qsort(fixture->facts, fact_count, sizeof(fixture->facts[0]), compare_facts);
    context->facts = fixture->facts;
    context->fact_count = fact_count;
    check_family_documentation.run(context);
}

static void fixture_release(struct fixture *fixture)
{
    /* The check and finding arrays are the context's (heap); their strings
     * and evidence belong to the result arena. */
    free(fixture->context.checks);
    free(fixture->context.findings);
    arena_destroy(&fixture->arena);
}

static const struct check *find_check(const struct fixture *fixture, const char *id)
{
    for (size_t i = 0; i < fixture->context.check_count; i++)
        if (strcmp(fixture->context.checks[i].id, id) == 0)
            return &fixture->context.checks[i];
    fail_msg("no check %s", id);
    return NULL;
}

static enum check_status status_of(const struct fixture *fixture, const char *id)
{
    return find_check(fixture, id)->status;
}

static const struct finding *find_finding(const struct fixture *fixture, const char *rule_id)
{
    for (size_t i = 0; i < fixture->context.finding_count; i++)
        if (strcmp(fixture->context.findings[i].rule->id, rule_id) == 0)
            return &fixture->context.findings[i];
    return NULL;
}

/* Compares the set of finding rule ids with `expected` (NULL-terminated). */
static void expect_findings(const struct fixture *fixture, const char *const *expected)
{
    size_t count = 0;
    for (; expected[count]; count++) {
        if (!find_finding(fixture, expected[count]))
            fail_msg("missing finding %s", expected[count]);
    }
    for (size_t i = 0; i < fixture->context.finding_count; i++)
        print_message("  finding %s\n", fixture->context.findings[i].rule->id);
    assert_int_equal(fixture->context.finding_count, count);
}

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE      ((const char *const[]){NULL})

static const char *const all_checks[] = {"docs.readme",
                                         "docs.readme-installation",
                                         "docs.readme-usage",
                                         "docs.readme-configuration",
                                         "docs.readme-deployment",
                                         "docs.readme-contributing",
                                         "docs.license",
                                         "docs.license-recognized",
                                         "docs.changelog",
                                         "docs.contributing",
                                         "docs.security-policy",
                                         "docs.codeowners",
                                         "docs.docs-folder",
                                         "docs.runbook",
                                         "docs.adr",
                                         "docs.api-spec",
                                         "docs.architecture",
                                         "docs.disaster-recovery",
                                         NULL};

static void test_checks_complete(void **state)
{
    (void)state;
    struct fixture fixture;
    fixture_run(&fixture, PROJECT_KIND_SERVICE,
                LIST("README.md", "LICENSE", "CHANGELOG.md", "CONTRIBUTING.md", "SECURITY.md",
                     ".github/CODEOWNERS", "docs/runbook.md", "docs/adr/0001-record.md",
                     "openapi.yaml", "ARCHITECTURE.md", "docs/backup-restore.md", "app.py"),
                LIST("README.md|1|doc.heading|shop service", "README.md|5|doc.heading|installation",
                     "README.md|12|doc.heading|usage", "README.md|20|doc.heading|configuration",
                     "README.md|30|doc.heading|deployment", "README.md|40|doc.heading|contributing",
                     "LICENSE|5|license.spdx|MIT", "docs/runbook.md|1|doc.heading|runbook"));
    for (size_t i = 0; all_checks[i]; i++) {
        print_message("  %s\n", all_checks[i]);
        assert_int_equal(status_of(&fixture, all_checks[i]), CHECK_PASS);
        assert_int_equal(find_check(&fixture, all_checks[i])->category, CATEGORY_DOCUMENTATION);
    }
    assert_int_equal(fixture.context.check_count, 18);
    expect_findings(&fixture, NONE);

    const struct check *readme = find_check(&fixture, "docs.readme");
    assert_int_equal(readme->evidence_count, 1);
    assert_string_equal(readme->evidence[0].file, "README.md");
    assert_int_equal(readme->evidence[0].line, 1);
    const struct check *usage = find_check(&fixture, "docs.readme-usage");
    assert_string_equal(usage->evidence[0].file, "README.md");
    assert_int_equal(usage->evidence[0].line, 12);
    const struct check *deployment = find_check(&fixture, "docs.readme-deployment");
    assert_int_equal(deployment->evidence[0].line, 30);
    const struct check *license = find_check(&fixture, "docs.license-recognized");
    assert_string_equal(license->evidence[0].file, "LICENSE");
    assert_int_equal(license->evidence[0].line, 5);
    assert_string_equal(license->evidence[0].note, "MIT");
    const struct check *codeowners = find_check(&fixture, "docs.codeowners");
    assert_string_equal(codeowners->evidence[0].file, ".github/CODEOWNERS");
    /* The runbook is found by name; its own "Runbook" heading adds nothing. */
    const struct check *runbook = find_check(&fixture, "docs.runbook");
    assert_int_equal(runbook->evidence_count, 1);
    assert_string_equal(runbook->evidence[0].file, "docs/runbook.md");
    assert_non_null(strstr(runbook->summary, "docs/runbook.md"));
    fixture_release(&fixture);
}

static void test_checks_nothing_service(void **state)
{
    (void)state;
    struct fixture fixture;
    fixture_run(&fixture, PROJECT_KIND_SERVICE, LIST("app.py"), NULL);
    expect_findings(&fixture,
                    LIST("docs.no-readme", "docs.no-license", "docs.no-changelog",
                         "docs.no-contributing", "docs.no-security-policy", "docs.no-codeowners",
                         "docs.no-runbook", "docs.no-adr", "docs.no-api-spec",
                         "docs.no-architecture", "docs.no-disaster-recovery"));
    for (size_t i = 0; i < fixture.context.finding_count; i++) {
        assert_null(fixture.context.findings[i].file);
        assert_int_equal(fixture.context.findings[i].line, 0);
        assert_int_equal(fixture.context.findings[i].rule->category, CATEGORY_DOCUMENTATION);
    }
    const struct check *readme = find_check(&fixture, "docs.readme");
    assert_int_equal(readme->status, CHECK_FAIL);
    assert_non_null(strstr(readme->summary, "searched README, README.md, README.rst, README.txt"));
    assert_int_equal(readme->evidence_count, 0);
    /* Without a README its sections are not judged. */
    assert_int_equal(status_of(&fixture, "docs.readme-installation"), CHECK_NOT_CHECKED);
    assert_int_equal(status_of(&fixture, "docs.readme-usage"), CHECK_NOT_CHECKED);
    assert_int_equal(status_of(&fixture, "docs.license-recognized"), CHECK_NOT_CHECKED);
    assert_int_equal(status_of(&fixture, "docs.docs-folder"), CHECK_FAIL);
    assert_int_equal(status_of(&fixture, "docs.runbook"), CHECK_FAIL);
    assert_non_null(strstr(find_check(&fixture, "docs.changelog")->summary, "CHANGELOG"));
    fixture_release(&fixture);
}

static void test_checks_kinds(void **state)
{
    (void)state;
    struct fixture fixture;
    /* A library needs no runbook, DR plan, API spec, configuration or
     * deployment section: those checks are not-checked, with no finding. */
    fixture_run(&fixture, PROJECT_KIND_LIBRARY, LIST("README.md", "lib.py"),
                LIST("README.md|1|doc.heading|installation",
                     "README.md|9|doc.heading|command-line reference"));
    expect_findings(&fixture, LIST("docs.no-license", "docs.no-changelog", "docs.no-contributing",
                                   "docs.no-security-policy", "docs.no-codeowners", "docs.no-adr",
                                   "docs.no-architecture"));
    assert_int_equal(status_of(&fixture, "docs.runbook"), CHECK_NOT_CHECKED);
    assert_non_null(strstr(find_check(&fixture, "docs.runbook")->summary, "library"));
    assert_int_equal(status_of(&fixture, "docs.disaster-recovery"), CHECK_NOT_CHECKED);
    assert_int_equal(status_of(&fixture, "docs.api-spec"), CHECK_NOT_CHECKED);
    assert_int_equal(status_of(&fixture, "docs.readme-configuration"), CHECK_NOT_CHECKED);
    assert_int_equal(status_of(&fixture, "docs.readme-deployment"), CHECK_NOT_CHECKED);
    assert_int_equal(status_of(&fixture, "docs.readme-installation"), CHECK_PASS);
    assert_int_equal(find_check(&fixture, "docs.readme-usage")->evidence[0].line, 9);
    /* Informational checks without a rule fail without a finding. */
    assert_int_equal(status_of(&fixture, "docs.readme-contributing"), CHECK_FAIL);
    fixture_release(&fixture);

    /* A documentation repository: only the universal rules. */
    fixture_run(&fixture, PROJECT_KIND_DOCUMENTATION, LIST("README.md", "docs/guide.md"), NULL);
    expect_findings(&fixture,
                    LIST("docs.no-license", "docs.no-contributing", "docs.no-codeowners"));
    assert_int_equal(status_of(&fixture, "docs.readme-installation"), CHECK_NOT_CHECKED);
    fixture_release(&fixture);
}

static void test_checks_readme_sections(void **state)
{
    (void)state;
    struct fixture fixture;
    fixture_run(&fixture, PROJECT_KIND_SERVICE,
                LIST("README.md", "docs/examples.md", "docs/ops.md", "LICENSE"),
                LIST("README.md|1|doc.heading|api", "README.md|3|doc.heading|architecture",
                     "README.md|9|doc.heading|environment variables",
                     "docs/ops.md|4|doc.heading|incident response",
                     "docs/ops.md|20|doc.heading|backups and restore",
                     "docs/ops.md|30|doc.heading|running with docker",
                     "LICENSE|1|license.spdx|unknown"));
    /* Installation: nothing in the README or docs/. */
    assert_int_equal(status_of(&fixture, "docs.readme-installation"), CHECK_FAIL);
    const struct finding *installation = find_finding(&fixture, "docs.readme-no-installation");
    assert_non_null(installation);
    assert_string_equal(installation->file, "README.md");
    assert_int_equal(installation->line, 0);
    assert_non_null(strstr(find_check(&fixture, "docs.readme-installation")->summary, "install"));
    /* Usage: the docs/ file name says "examples". */
    const struct check *usage = find_check(&fixture, "docs.readme-usage");
    assert_int_equal(usage->status, CHECK_PASS);
    assert_string_equal(usage->evidence[0].file, "docs/examples.md");
    /* Configuration: a README heading. */
    const struct check *configuration = find_check(&fixture, "docs.readme-configuration");
    assert_int_equal(configuration->status, CHECK_PASS);
    assert_int_equal(configuration->evidence[0].line, 9);
    /* Deployment: a docs/ heading. */
    const struct check *deployment = find_check(&fixture, "docs.readme-deployment");
    assert_int_equal(deployment->status, CHECK_PASS);
    assert_string_equal(deployment->evidence[0].file, "docs/ops.md");
    assert_int_equal(deployment->evidence[0].line, 30);
    /* Runbook, architecture, DR by heading. */
    const struct check *runbook = find_check(&fixture, "docs.runbook");
    assert_int_equal(runbook->status, CHECK_PASS);
    assert_int_equal(runbook->evidence[0].line, 4);
    assert_int_equal(find_check(&fixture, "docs.architecture")->evidence[0].line, 3);
    assert_int_equal(find_check(&fixture, "docs.disaster-recovery")->evidence[0].line, 20);
    /* The license is there but unrecognised. */
    assert_int_equal(status_of(&fixture, "docs.license"), CHECK_PASS);
    assert_int_equal(status_of(&fixture, "docs.license-recognized"), CHECK_FAIL);
    const struct finding *license = find_finding(&fixture, "docs.license-unrecognized");
    assert_non_null(license);
    assert_string_equal(license->file, "LICENSE");
    expect_findings(&fixture,
                    LIST("docs.readme-no-installation", "docs.license-unrecognized",
                         "docs.no-changelog", "docs.no-contributing", "docs.no-security-policy",
                         "docs.no-codeowners", "docs.no-adr", "docs.no-api-spec"));
    fixture_release(&fixture);
}

static void test_checks_file_variants(void **state)
{
    (void)state;
    struct fixture fixture;
    /* Alternative names and places each check accepts. */
    fixture_run(&fixture, PROJECT_KIND_SERVICE,
                LIST(".github/README.md", "COPYING", "LICENSE-APACHE", "HISTORY.rst",
                     "docs/CONTRIBUTING.md", ".github/SECURITY.md", "CODEOWNERS", "ops/on-call.md",
                     "doc/architecture/decisions/0002-use-grpc.md", "proto/shop.proto",
                     "doc/design.md", "docs/disaster-recovery.md"),
                LIST("COPYING|2|license.spdx|GPL-3.0", "LICENSE-APACHE|3|license.spdx|Apache-2.0"));
    for (size_t i = 0; all_checks[i]; i++) {
        if (strncmp(all_checks[i], "docs.readme-", 12) == 0)
            continue;
        print_message("  %s\n", all_checks[i]);
        assert_int_equal(status_of(&fixture, all_checks[i]), CHECK_PASS);
    }
    assert_string_equal(find_check(&fixture, "docs.readme")->evidence[0].file, ".github/README.md");
    const struct check *recognised = find_check(&fixture, "docs.license-recognized");
    assert_int_equal(recognised->evidence_count, 2);
    assert_string_equal(recognised->evidence[0].note, "GPL-3.0");
    assert_string_equal(recognised->evidence[1].note, "Apache-2.0");
    fixture_release(&fixture);
}

static void test_checks_near_misses(void **state)
{
    (void)state;
    struct fixture fixture;
    /* Names that look like documents but are not, and documents that belong
     * to tests or examples. */
    fixture_run(&fixture, PROJECT_KIND_SERVICE,
                LIST("README.md", "README.ja.md", "license.py", "ansible/playbook.yml",
                     "src/backup.py", "src/security.py", "changes.py", "docs/CODEOWNERS.md",
                     "api/routes.py", "nested/SECURITY.md", "nested/CONTRIBUTING.md",
                     "tests/fixtures/repo/CHANGELOG.md", "tests/fixtures/repo/openapi.yaml",
                     "examples/demo/docs/runbook.md", "examples/demo/README.md"),
                LIST("README.md|1|doc.heading|overview",
                     "examples/demo/README.md|3|doc.heading|architecture",
                     "examples/demo/README.md|5|doc.heading|installation"));
    assert_string_equal(find_check(&fixture, "docs.readme")->evidence[0].file, "README.md");
    assert_int_equal(status_of(&fixture, "docs.license"), CHECK_FAIL);
    assert_int_equal(status_of(&fixture, "docs.runbook"), CHECK_FAIL);
    assert_int_equal(status_of(&fixture, "docs.disaster-recovery"), CHECK_FAIL);
    assert_int_equal(status_of(&fixture, "docs.security-policy"), CHECK_FAIL);
    assert_int_equal(status_of(&fixture, "docs.contributing"), CHECK_FAIL);
    assert_int_equal(status_of(&fixture, "docs.changelog"), CHECK_FAIL);
    assert_int_equal(status_of(&fixture, "docs.codeowners"), CHECK_FAIL);
    assert_int_equal(status_of(&fixture, "docs.api-spec"), CHECK_FAIL);
    /* Tests, fixtures and examples say nothing about the project itself. */
    assert_int_equal(status_of(&fixture, "docs.architecture"), CHECK_FAIL);
    /* A README with only an overview misses both medium sections. */
    assert_non_null(find_finding(&fixture, "docs.readme-no-installation"));
    assert_non_null(find_finding(&fixture, "docs.readme-no-usage"));
    assert_non_null(find_finding(&fixture, "docs.readme-no-configuration"));
    assert_non_null(find_finding(&fixture, "docs.readme-no-deployment"));
    fixture_release(&fixture);
}

/* A service whose framework generates its OpenAPI document has a
 * specification without a file for it: the manifest line is the evidence.
 * Only direct dependencies of the project count, by exact name. */
static void test_checks_api_spec_generated(void **state)
{
    (void)state;
    static const struct {
        const char *dependency; /* FILE|LINE|deps.dependency|VALUE */
        enum check_status status;
        const char *file;
        int line;
    } cases[] = {
        {"pyproject.toml|7|deps.dependency|pypi\tFastAPI\t>=0.100\t\t1", CHECK_PASS,
         "pyproject.toml", 7},
        {"package.json|71|deps.dependency|npm\tswagger-jsdoc\t^6.0.8\t\t1", CHECK_PASS,
         "package.json", 71},
        {"api/Api.csproj|9|deps.dependency|nuget\tswashbuckle.aspnetcore.swagger\t6.5.0\t6.5.0\t1",
         CHECK_PASS, "api/Api.csproj", 9},
        {"pom.xml|30|deps.dependency|maven\torg.springdoc:springdoc-openapi-starter-webmvc-ui\t2."
         "5.0\t2.5.0\t1",
         CHECK_PASS, "pom.xml", 30},
        /* Pulled in by something else: the project does not use it. */
        {"poetry.lock|40|deps.dependency|pypi\tfastapi\t0.110.0\t0.110.0\t0", CHECK_FAIL, NULL, 0},
        /* Another package whose name starts the same. */
        {"requirements.txt|3|deps.dependency|pypi\tfastapi-utils\t\t\t1", CHECK_FAIL, NULL, 0},
        /* The right name in the wrong ecosystem. */
        {"package.json|5|deps.dependency|npm\tfastapi\t1.0.0\t\t1", CHECK_FAIL, NULL, 0},
        /* An example application's manifest says nothing of the project. */
        {"examples/api/package.json|8|deps.dependency|npm\tswagger-jsdoc\t^6\t\t1", CHECK_FAIL,
         NULL, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        print_message("  %s\n", cases[i].dependency);
        struct fixture fixture;
        fixture_run(&fixture, PROJECT_KIND_SERVICE, LIST("README.md", "app.py"),
                    LIST(cases[i].dependency));
        const struct check *check = find_check(&fixture, "docs.api-spec");
        assert_int_equal(check->status, cases[i].status);
        if (cases[i].file) {
            assert_int_equal(check->evidence_count, 1);
            assert_string_equal(check->evidence[0].file, cases[i].file);
            assert_int_equal(check->evidence[0].line, cases[i].line);
            assert_non_null(strstr(check->evidence[0].note, "generates the OpenAPI document"));
            assert_null(find_finding(&fixture, "docs.no-api-spec"));
        } else {
            assert_non_null(find_finding(&fixture, "docs.no-api-spec"));
        }
        fixture_release(&fixture);
    }
    /* The manifest is cited rather than the lockfile that sorts before it. */
    struct fixture fixture;
    fixture_run(&fixture, PROJECT_KIND_SERVICE, LIST("README.md"),
                LIST("backend/poetry.lock|563|deps.dependency|pypi\tfastapi\t0.109.2\t0.109.2\t1",
                     "backend/pyproject.toml|10|deps.dependency|pypi\tfastapi\t^0.109.1\t\t1"));
    const struct check *check = find_check(&fixture, "docs.api-spec");
    assert_int_equal(check->status, CHECK_PASS);
    assert_string_equal(check->evidence[0].file, "backend/pyproject.toml");
    assert_int_equal(check->evidence[0].line, 10);
    fixture_release(&fixture);
}

static void test_checks_evidence_cap(void **state)
{
    (void)state;
    struct fixture fixture;
    fixture_run(&fixture, PROJECT_KIND_SERVICE,
                LIST("README.md", "docs/a.md", "docs/b.md", "docs/c.md", "docs/d.md", "docs/e.md",
                     "docs/f.md", "docs/g.md"),
                NULL);
    const struct check *folder = find_check(&fixture, "docs.docs-folder");
    assert_int_equal(folder->status, CHECK_PASS);
    assert_int_equal(folder->evidence_count, 5);
    assert_non_null(strstr(folder->summary, "and 2 more"));
    fixture_release(&fixture);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_applies),
        cmocka_unit_test(test_markdown_atx),
        cmocka_unit_test(test_markdown_fences_ignored),
        cmocka_unit_test(test_markdown_unclosed_fence),
        cmocka_unit_test(test_markdown_setext),
        cmocka_unit_test(test_markdown_normalization),
        cmocka_unit_test(test_markdown_comments_and_front_matter),
        cmocka_unit_test(test_markdown_line_endings_and_bytes),
        cmocka_unit_test(test_markdown_long_heading),
        cmocka_unit_test(test_markdown_rst),
        cmocka_unit_test(test_license_applies),
        cmocka_unit_test(test_license_permissive),
        cmocka_unit_test(test_license_apache_mpl),
        cmocka_unit_test(test_license_gnu),
        cmocka_unit_test(test_license_spdx_line),
        cmocka_unit_test(test_license_unknown_and_proprietary),
        cmocka_unit_test(test_license_bytes_and_length),
        cmocka_unit_test(test_checks_complete),
        cmocka_unit_test(test_checks_nothing_service),
        cmocka_unit_test(test_checks_kinds),
        cmocka_unit_test(test_checks_readme_sections),
        cmocka_unit_test(test_checks_file_variants),
        cmocka_unit_test(test_checks_near_misses),
        cmocka_unit_test(test_checks_evidence_cap),
        cmocka_unit_test(test_checks_api_spec_generated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
