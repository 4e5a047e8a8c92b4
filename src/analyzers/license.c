/*
 * license: the analyzer that reads license files (LICENSE, LICENCE, COPYING,
 * UNLICENSE, with or without an extension or a suffix such as LICENSE-MIT,
 * and every file of a REUSE-style LICENSES/ folder) and records which license
 * the text is, as one "license.spdx" fact: the SPDX identifier at the line of
 * the phrase that told it apart, or "unknown" at line 1.
 *
 * Recognition looks for phrases that only one license's text contains (the
 * dated version line of a GNU license, the "Neither the name" clause that
 * separates BSD-3-Clause from BSD-2-Clause …), comparing case-insensitively
 * and treating any run of whitespace as one space, because projects rewrap
 * and recase the canonical texts. An explicit "SPDX-License-Identifier:" line
 * wins over everything.
 *
 * It must not judge whether a license is suitable (that is the checks' job),
 * must never read past the file's length (the content may hold any bytes),
 * and must touch nothing but its own file and analysis (it runs in parallel
 * worker threads).
 */
#include "analyzers/analyzer.h"
#include "util/text.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Longest SPDX expression taken from an SPDX-License-Identifier line. */
enum { LICENSE_EXPRESSION_MAX = 100 };

#define LICENSE_COUNT(array) (sizeof(array) / sizeof((array)[0]))

static bool license_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool license_is_letter(char c)
{
    c = text_lower(c);
    return c >= 'a' && c <= 'z';
}

/* Matches `phrase` (lowercase ASCII; a space stands for one or more
 * whitespace bytes of any kind, so a rewrapped line still matches) at
 * text[at]. Returns the offset just past the match, or 0. */
static size_t license_match_at(const char *text, size_t length, size_t at, const char *phrase)
{
    size_t k = at;
    for (const char *p = phrase; *p; p++) {
        if (*p == ' ') {
            if (k >= length || !license_is_space(text[k]))
                return 0;
            while (k < length && license_is_space(text[k]))
                k++;
        } else {
            if (k >= length || text_lower(text[k]) != *p)
                return 0;
            k++;
        }
    }
    return k;
}

/* Finds the first match of `phrase` at or after `from`; sets *at to its
 * offset. */
static bool license_find(const char *text, size_t length, size_t from, const char *phrase,
                         size_t *at)
{
    char first = phrase[0];
    for (size_t i = from; i < length; i++) {
        if (text_lower(text[i]) != first)
            continue;
        if (license_match_at(text, length, i, phrase)) {
            *at = i;
            return true;
        }
    }
    return false;
}

static bool license_contains(const char *text, size_t length, const char *phrase)
{
    size_t at;
    return license_find(text, length, 0, phrase, &at);
}

struct license_result {
    const char *spdx; /* static string, or arena copy for an SPDX line */
    size_t at;        /* offset of the distinguishing phrase */
};

/* "SPDX-License-Identifier: MIT OR Apache-2.0": the expression as written,
 * stopped at the end of the line or a comment closer, limited to the
 * characters SPDX expressions use. */
static bool license_spdx_line(const char *text, size_t length, struct arena *arena,
                              struct license_result *result)
{
    size_t at;
    if (!license_find(text, length, 0, "spdx-license-identifier:", &at))
        return false;
    size_t i = at + strlen("spdx-license-identifier:");
    while (i < length && (text[i] == ' ' || text[i] == '\t'))
        i++;
    size_t start = i;
    while (i < length && i - start < LICENSE_EXPRESSION_MAX) {
        char c = text[i];
        bool allowed = license_is_letter(c) || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                       c == '+' || c == ':' || c == '(' || c == ')' || c == ' ';
        if (!allowed)
            break;
        i++;
    }
    size_t end = i;
    while (end > start && text[end - 1] == ' ')
        end--;
    if (end == start)
        return false;
    result->spdx = arena_strndup(arena, text + start, end - start);
    result->at = at;
    return true;
}

/* The GNU family. The license's own name comes first in each of its texts
 * (later sections mention the others: GPLv3 names the Affero license, the
 * LGPL names the GPL), so the word before the first "general public license"
 * gives the family, and the dated version line gives the version. A text
 * without the dated line may still be the standard notice ("either version 3
 * of the License"). */
static bool license_gnu(const char *text, size_t length, struct license_result *result)
{
    size_t title;
    if (!license_find(text, length, 0, "general public license", &title))
        return false;
    /* The word before the title: affero, lesser, library or gnu. */
    size_t end = title;
    while (end > 0 && license_is_space(text[end - 1]))
        end--;
    size_t start = end;
    while (start > 0 && end - start < 8 && license_is_letter(text[start - 1]))
        start--;
    char family = 'g'; /* g: GPL, a: Affero, l: Lesser/Library (LGPL) */
    bool library = false;
    if (license_match_at(text, length, start, "affero") == end)
        family = 'a';
    else if (license_match_at(text, length, start, "lesser") == end)
        family = 'l';
    else if (license_match_at(text, length, start, "library") == end) {
        family = 'l';
        library = true;
    }

    static const struct {
        const char *phrase;
        const char *version; /* "3", "3a" (the Affero date), "2.1", "2" */
    } dated[] = {
        {"version 3, 19 november 2007", "3a"},
        {"version 3, 29 june 2007", "3"},
        {"version 2.1, february 1999", "2.1"},
        {"version 2, june 1991", "2"},
    };
    static const struct {
        const char *phrase;
        const char *version;
    } notices[] = {
        {"version 3 of the license", "3"},
        {"version 2.1 of the license", "2.1"},
        {"version 2 of the license", "2"},
    };

    const char *version = NULL;
    size_t best = length;
    for (size_t i = 0; i < LICENSE_COUNT(dated); i++) {
        size_t at;
        if (license_find(text, length, 0, dated[i].phrase, &at) && at < best) {
            best = at;
            version = dated[i].version;
        }
    }
    for (size_t i = 0; !version && i < LICENSE_COUNT(notices); i++) {
        size_t at;
        if (license_find(text, length, title, notices[i].phrase, &at) && at < best) {
            best = at;
            version = notices[i].version;
        }
    }
    if (!version)
        return false;

    if (strcmp(version, "3a") == 0 || (family == 'a' && strcmp(version, "3") == 0))
        result->spdx = "AGPL-3.0";
    else if (family == 'l' && strcmp(version, "3") == 0)
        result->spdx = "LGPL-3.0";
    else if (family == 'l' && strcmp(version, "2.1") == 0)
        result->spdx = "LGPL-2.1";
    else if (family == 'l' && (library || strcmp(version, "2") == 0))
        result->spdx = "LGPL-2.0";
    else if (family == 'g' && strcmp(version, "3") == 0)
        result->spdx = "GPL-3.0";
    else if (family == 'g' && strcmp(version, "2") == 0)
        result->spdx = "GPL-2.0";
    else
        return false;
    result->at = best;
    return true;
}

/* BSD family: the redistribution conditions, then the clauses that tell the
 * variants apart (an advertising clause: 4-clause; a no-endorsement clause:
 * 3-clause; neither: 2-clause). */
static bool license_bsd(const char *text, size_t length, struct license_result *result)
{
    size_t at, clause;
    if (!license_find(text, length, 0, "redistribution and use in source and binary forms", &at))
        return false;
    if (license_find(text, length, at, "all advertising materials mentioning", &clause)) {
        result->spdx = "BSD-4-Clause";
        result->at = clause;
    } else if (license_find(text, length, at, "neither the name", &clause) ||
               license_find(text, length, at, "the name of the author may not be used", &clause)) {
        result->spdx = "BSD-3-Clause";
        result->at = clause;
    } else {
        result->spdx = "BSD-2-Clause";
        result->at = at;
    }
    return true;
}

/* ISC and 0BSD share their grant sentence; only ISC keeps the condition
 * that the notice appear in all copies. */
static bool license_isc(const char *text, size_t length, struct license_result *result)
{
    size_t at;
    if (!license_find(text, length, 0,
                      "permission to use, copy, modify, and/or distribute this software for any "
                      "purpose",
                      &at) &&
        !license_find(text, length, 0,
                      "permission to use, copy, modify, and distribute this software for any "
                      "purpose with or without fee",
                      &at))
        return false;
    result->spdx = license_contains(text, length, "and this permission notice appear in all copies")
                       ? "ISC"
                       : "0BSD";
    result->at = at;
    return true;
}

/* MIT and MIT-0 share their grant sentence; only MIT keeps the condition
 * that the notice be included in all copies. */
static bool license_mit(const char *text, size_t length, struct license_result *result)
{
    size_t at;
    if (!license_find(text, length, 0,
                      "permission is hereby granted, free of charge, to any person obtaining a "
                      "copy",
                      &at))
        return false;
    result->spdx = license_contains(text, length, "shall be included in all copies or substantial")
                       ? "MIT"
                       : "MIT-0";
    result->at = at;
    return true;
}

/* Licenses told apart by one phrase of their own. Order matters where one
 * text quotes another's name: the MPL lists the GNU licenses as "Secondary
 * Licenses", so it is tried before the GNU family. */
struct license_phrase {
    const char *phrase;
    const char *spdx;
};

static const struct license_phrase license_phrases_first[] = {
    {"mozilla public license version 2.0", "MPL-2.0"},
    {"mozilla public license, v. 2.0", "MPL-2.0"},
    {"mozilla public license version 1.1", "MPL-1.1"},
    {"version 2.0, january 2004", "Apache-2.0"},
    {"apache license, version 2.0", "Apache-2.0"},
    {"eclipse public license - v 2.0", "EPL-2.0"},
    {"eclipse public license - v 1.0", "EPL-1.0"},
};

static const struct license_phrase license_phrases_last[] = {
    {"this is free and unencumbered software released into the public domain", "Unlicense"},
    {"cc0 1.0 universal", "CC0-1.0"},
    {"boost software license - version 1.0", "BSL-1.0"},
    {"altered source versions must be plainly marked as such", "Zlib"},
    {"do what the fuck you want to public license", "WTFPL"},
};

/* Words that mark a text as a proprietary grant once no open license
 * matched ("All rights reserved" also opens many open licenses' copyright
 * lines, hence last). */
static const char *const license_proprietary[] = {"all rights reserved", "proprietary",
                                                  "confidential"};

static bool license_phrase_table(const char *text, size_t length,
                                 const struct license_phrase *table, size_t count,
                                 struct license_result *result)
{
    for (size_t i = 0; i < count; i++) {
        size_t at;
        if (license_find(text, length, 0, table[i].phrase, &at)) {
            result->spdx = table[i].spdx;
            result->at = at;
            return true;
        }
    }
    return false;
}

static bool license_recognise(const char *text, size_t length, struct arena *arena,
                              struct license_result *result)
{
    if (license_spdx_line(text, length, arena, result))
        return true;
    if (license_phrase_table(text, length, license_phrases_first,
                             LICENSE_COUNT(license_phrases_first), result))
        return true;
    if (license_gnu(text, length, result))
        return true;
    if (license_phrase_table(text, length, license_phrases_last,
                             LICENSE_COUNT(license_phrases_last), result))
        return true;
    if (license_bsd(text, length, result) || license_isc(text, length, result) ||
        license_mit(text, length, result))
        return true;
    for (size_t i = 0; i < LICENSE_COUNT(license_proprietary); i++) {
        size_t at;
        if (license_find(text, length, 0, license_proprietary[i], &at)) {
            /* SPDX has no id for "all rights reserved"; LicenseRef- is its
             * prefix for licenses outside the list. */
            result->spdx = "LicenseRef-Proprietary";
            result->at = at;
            return true;
        }
    }
    return false;
}

/* ---- which files ---- */

/* Extensions that make a LICENSE-like name a program or data file rather
 * than a license text (license.py, licence.json …). */
static const char *const license_code_extensions[] = {
    "py",   "js",   "ts", "go", "rs",    "c",     "h",  "java", "rb",  "php", "sh",  "json", "yml",
    "yaml", "toml", "cs", "kt", "swift", "scala", "pl", "lua",  "css", "tsx", "jsx", "vue",  NULL};

/* LICENSE, LICENCE, COPYING or UNLICENSE, optionally followed by an extension
 * or a suffix (LICENSE.md, LICENSE-MIT, COPYING.LESSER), at any level. */
static bool license_is_license_name(const char *name)
{
    static const char *const stems[] = {"license", "licence", "copying", "unlicense", NULL};
    for (size_t i = 0; stems[i]; i++) {
        if (!text_prefix_nocase(name, stems[i]))
            continue;
        const char *rest = name + strlen(stems[i]);
        if (*rest == '\0' || *rest == '-' || *rest == '_')
            return true;
        if (*rest != '.')
            continue;
        const char *extension = strrchr(rest, '.') + 1;
        for (size_t k = 0; license_code_extensions[k]; k++) {
            if (strlen(extension) == strlen(license_code_extensions[k]) &&
                text_prefix_nocase(extension, license_code_extensions[k]))
                return false;
        }
        return true;
    }
    return false;
}

static bool license_applies(const struct source_file *file)
{
    if (!file->path)
        return false;
    const char *slash = strrchr(file->path, '/');
    const char *name = slash ? slash + 1 : file->path;
    if (license_is_license_name(name))
        return true;
    /* REUSE (https://reuse.software/spec/) keeps one text per license in a
     * LICENSES/ folder, named after its SPDX id. */
    if (slash && slash - file->path >= 8 && text_prefix_nocase(slash - 8, "licenses/") &&
        (slash - 8 == file->path || slash[-9] == '/'))
        return true;
    return false;
}

static void license_run(const struct source_file *file, struct analysis *analysis)
{
    struct license_result result = {NULL, 0};
    const char *text = file->content ? file->content : "";
    size_t length = file->content ? file->length : 0;
    if (license_recognise(text, length, analysis->arena, &result))
        analysis_add_fact(analysis, "license.spdx", text_line_of(text, result.at), result.spdx);
    else
        analysis_add_fact(analysis, "license.spdx", 1, "unknown");
}

const struct analyzer analyzer_license = {
    .name = "license",
    .applies = license_applies,
    .run = license_run,
};
