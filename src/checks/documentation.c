/*
 * documentation: the repository-level checks of the `documentation` category
 * — README and its sections, LICENSE and whether its text is a known license,
 * CHANGELOG, CONTRIBUTING, SECURITY.md, CODEOWNERS, a docs/ folder, runbooks,
 * architecture decision records, an API specification, an architecture
 * document and disaster-recovery documentation.
 *
 * Each check passes with evidence (the file, and the heading's line where a
 * heading proved it) or fails saying what was searched; a failure raises the
 * finding of its rule in rules/documentation.yml when that rule applies to
 * the project's kind, and is reported "not-checked" when it does not (a
 * library needs no runbook). Headings come from the "doc.heading" facts of
 * analyzers/markdown.c, license ids from the "license.spdx" facts of
 * analyzers/license.c.
 *
 * It reads only the check context: it must not open files.
 */
#include "analyzers/deps_common.h"
#include "checks/check.h"
#include "util/text.h"
#include "rules/registry.h"
#include "util/strbuf.h"
#include "util/threadpool.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* At most this many files are cited as evidence of one check; the summary
 * gives the total. */
enum { DOCUMENTATION_EVIDENCE_MAX = 5 };
/* Words of one heading or file name looked at when matching topics. */
enum { DOCUMENTATION_WORDS_MAX = 64 };

#define DOCUMENTATION_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* ---- path helpers (paths are relative and '/'-separated) ---- */

/* Whether the file sits directly in `dir` ("" is the root). */
static bool documentation_in_dir(const char *path, const char *dir)
{
    const char *name = text_basename(path);
    size_t length = name == path ? 0 : (size_t)(name - path) - 1;
    return text_equals_nocase(path, length, dir);
}

/* Whether the file sits directly in one of `dirs` (NULL-terminated). */
static bool documentation_in_dirs(const char *path, const char *const *dirs)
{
    for (size_t i = 0; dirs[i]; i++)
        if (documentation_in_dir(path, dirs[i]))
            return true;
    return false;
}

/* Whether the file lies anywhere below the root-level folder `dir`. */
static bool documentation_under(const char *path, const char *dir)
{
    size_t length = strlen(dir);
    return text_prefix_nocase(path, dir) && path[length] == '/';
}

static bool documentation_in_docs_folder(const char *path)
{
    return documentation_under(path, "docs") || documentation_under(path, "doc") ||
           documentation_under(path, "documentation");
}

/* Whether a directory of the path (not its file name) is called `segment`;
 * with `parents` non-NULL, only when the directory above it is one of them. */
static bool documentation_has_segment(const char *path, const char *segment,
                                      const char *const *parents)
{
    const char *name = text_basename(path);
    const char *previous = NULL;
    size_t previous_length = 0;
    for (const char *start = path; start < name;) {
        const char *slash = strchr(start, '/');
        size_t length = (size_t)(slash - start);
        if (text_equals_nocase(start, length, segment)) {
            if (!parents)
                return true;
            for (size_t i = 0; previous && parents[i]; i++)
                if (text_equals_nocase(previous, previous_length, parents[i]))
                    return true;
        }
        previous = start;
        previous_length = length;
        start = slash + 1;
    }
    return false;
}

/* Whether the file belongs to tests, fixtures or examples rather than to the
 * project: a sample repository's CHANGELOG in tests/fixtures/ or an
 * example's README heading is no evidence about the project itself. */
static bool documentation_is_sample(const struct check_context *context, const char *path)
{
    static const char *const folders[] = {"test",      "tests",     "__tests__", "testdata",
                                          "test-data", "test_data", "fixtures",  "__fixtures__",
                                          "examples",  "example",   "samples",   NULL};
    for (size_t i = 0; folders[i]; i++)
        if (documentation_has_segment(path, folders[i], NULL))
            return true;
    const struct check_file *file = check_find_file(context, path);
    return file && file->role == FILE_ROLE_TEST;
}

/* The extension of a base name ("" when it has none; a leading dot starts
 * no extension). */
static const char *documentation_extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    return (dot && dot != name) ? dot + 1 : "";
}

static bool documentation_extension_in(const char *name, const char *const *list)
{
    const char *extension = documentation_extension(name);
    for (size_t i = 0; list[i]; i++)
        if (text_equals_nocase(extension, strlen(extension), list[i]))
            return true;
    return false;
}

/* Extensions of prose documents ("" = none, as in CHANGELOG or NEWS). */
static const char *const documentation_prose_extensions[] = {
    "", "md", "markdown", "mdown", "mkd", "rst", "txt", "adoc", "asciidoc", "org", NULL};

static bool documentation_is_prose(const char *path)
{
    return documentation_extension_in(text_basename(path), documentation_prose_extensions);
}

/* Whether the base name is `stem` itself, or `stem` followed by an
 * extension or a '-'/'_' suffix (CHANGELOG.md, CHANGES-2023.txt). */
static bool documentation_stem_is(const char *name, const char *stem)
{
    if (!text_prefix_nocase(name, stem))
        return false;
    char next = name[strlen(stem)];
    return next == '\0' || next == '.' || next == '-' || next == '_';
}

/* ---- matching words of headings and file names ---- */

struct documentation_words {
    const char *word[DOCUMENTATION_WORDS_MAX];
    size_t length[DOCUMENTATION_WORDS_MAX];
    size_t count;
};

/* Splits text into words: runs of ASCII letters and digits, or of non-ASCII
 * bytes (letters of other scripts). "set-up" is two words, as is "on-call". */
static void documentation_split(const char *text, size_t length, struct documentation_words *words)
{
    words->count = 0;
    for (size_t i = 0; i < length && words->count < DOCUMENTATION_WORDS_MAX;) {
        unsigned char c = (unsigned char)text[i];
        bool word_char =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
        if (!word_char) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < length) {
            c = (unsigned char)text[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  c >= 0x80))
                break;
            i++;
        }
        words->word[words->count] = text + start;
        words->length[words->count] = i - start;
        words->count++;
    }
}

static bool documentation_same_nocase(const char *a, const char *b, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (text_lower(a[i]) != text_lower(b[i]))
            return false;
    return true;
}

/* One pattern word against one text word: "install*" matches every word
 * that starts with "install"; any other pattern word must equal the word. */
static bool documentation_word_matches(const char *pattern, size_t pattern_length, const char *word,
                                       size_t word_length)
{
    if (pattern_length > 1 && pattern[pattern_length - 1] == '*')
        return word_length >= pattern_length - 1 &&
               documentation_same_nocase(word, pattern, pattern_length - 1);
    return word_length == pattern_length && documentation_same_nocase(word, pattern, word_length);
}

/* Whether `text` contains the words of `pattern` ("getting started",
 * "backup*") consecutively. */
static bool documentation_phrase_matches(const char *const *word, const size_t *word_length,
                                         size_t word_count, const char *pattern)
{
    struct documentation_words phrase;
    /* Pattern words keep their '*': split on blanks only. */
    phrase.count = 0;
    for (const char *p = pattern; *p && phrase.count < DOCUMENTATION_WORDS_MAX;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        const char *end = strchr(p, ' ');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        phrase.word[phrase.count] = p;
        phrase.length[phrase.count] = length;
        phrase.count++;
        p += length;
    }
    if (phrase.count == 0 || phrase.count > word_count)
        return false;
    for (size_t start = 0; start + phrase.count <= word_count; start++) {
        size_t k = 0;
        while (k < phrase.count &&
               documentation_word_matches(phrase.word[k], phrase.length[k], word[start + k],
                                          word_length[start + k]))
            k++;
        if (k == phrase.count)
            return true;
    }
    return false;
}

/* Whether any of `patterns` (NULL-terminated) occurs in the words. */
static bool documentation_words_match(const char *const *word, const size_t *word_length,
                                      size_t word_count, const char *const *patterns)
{
    for (size_t i = 0; patterns[i]; i++)
        if (documentation_phrase_matches(word, word_length, word_count, patterns[i]))
            return true;
    return false;
}

/* Whether any of `patterns` (NULL-terminated) occurs in `text`. */
static bool documentation_topic_matches(const char *text, size_t length,
                                        const char *const *patterns)
{
    struct documentation_words words;
    documentation_split(text, length, &words);
    return documentation_words_match(words.word, words.length, words.count, patterns);
}

/* Whether the file name without its extension is about the topic
 * (docs/getting-started.md is about usage). */
static bool documentation_name_matches(const char *path, const char *const *patterns)
{
    const char *name = text_basename(path);
    const char *dot = strrchr(name, '.');
    size_t length = (dot && dot != name) ? (size_t)(dot - name) : strlen(name);
    return documentation_topic_matches(name, length, patterns);
}

/* "install*, setup" → "install…, setup" for summaries. */
static void documentation_describe_patterns(struct strbuf *out, const char *const *patterns)
{
    for (size_t i = 0; patterns[i]; i++) {
        if (i > 0)
            strbuf_append_str(out, ", ");
        size_t length = strlen(patterns[i]);
        if (length > 1 && patterns[i][length - 1] == '*') {
            strbuf_append(out, patterns[i], length - 1);
            strbuf_append_str(out, "\xE2\x80\xA6"); /* … */
        } else {
            strbuf_append(out, patterns[i], length);
        }
    }
}

/* ---- topics ---- */

static const char *const documentation_installation_words[] = {"install*",
                                                               "setup",
                                                               "set up",
                                                               "build from source",
                                                               "building from source",
                                                               "getting started",
                                                               "get started",
                                                               "quickstart",
                                                               "quick start",
                                                               "local development",
                                                               "development setup",
                                                               "prerequisites",
                                                               "run locally",
                                                               "running locally",
                                                               NULL};
static const char *const documentation_usage_words[] = {
    "usage",       "how to use", "using",     "getting started", "get started", "quickstart",
    "quick start", "example*",   "tutorial*", "basic use",       "user guide",  "command line",
    "commandline", "commands",   "cli",       "reference",       NULL};
static const char *const documentation_configuration_words[] = {
    "configur*", "config", "settings", "environment*", "env", "options", NULL};
static const char *const documentation_deployment_words[] = {
    "deploy*", "production", "hosting", "self host*", "docker", "kubernetes", "helm", NULL};
static const char *const documentation_contributing_words[] = {"contribut*", "develop*", "hacking",
                                                               NULL};
static const char *const documentation_runbook_words[] = {"runbook*", "playbook*", "incident*",
                                                          "on call",  "oncall",    NULL};
static const char *const documentation_architecture_words[] = {
    "architecture*", "architectural", "system design", "design overview", NULL};
static const char *const documentation_recovery_words[] = {"disaster recovery", "backup*",
                                                           "restor*", "business continuity", NULL};

/* ---- recording outcomes ---- */

/* Whether the rule applies to the project's kind (rules/documentation.yml
 * `kinds`). An unknown id is let through so check_add_finding reports it. */
static bool documentation_rule_applies(const struct check_context *context, const char *rule_id)
{
    const struct rule *rule = rule_registry_find(rule_id);
    return !rule || (rule->kinds & PROJECT_KIND_BIT(context->kind)) != 0;
}

/* Records a failed check and raises its rule's finding at file (NULL: the
 * repository), without a line. When the rule does not apply to this kind of
 * project the check is "not-checked" instead and no finding is raised. */
static void documentation_fail(struct check_context *context, const char *id, const char *title,
                               const char *rule_id, const char *summary, const char *file,
                               const char *message)
{
    if (rule_id && !documentation_rule_applies(context, rule_id)) {
        struct strbuf text = STRBUF_INIT;
        strbuf_printf(&text, "%s; not required for a %s project", summary,
                      project_kind_id(context->kind));
        check_add(context, id, CATEGORY_DOCUMENTATION, CHECK_NOT_CHECKED, title, text.data,
                  rule_id);
        strbuf_release(&text);
        return;
    }
    check_add(context, id, CATEGORY_DOCUMENTATION, CHECK_FAIL, title, summary, rule_id);
    if (rule_id)
        check_add_finding(context, rule_id, file, 0, "%s", message);
}

/* Evidence gathered for one check before it is recorded. */
struct documentation_proof {
    const char *file[DOCUMENTATION_EVIDENCE_MAX];
    int line[DOCUMENTATION_EVIDENCE_MAX];
    const char *note[DOCUMENTATION_EVIDENCE_MAX];
    size_t count; /* kept, at most DOCUMENTATION_EVIDENCE_MAX */
    size_t total; /* found */
};

static void documentation_prove(struct documentation_proof *proof, const char *file, int line,
                                const char *note)
{
    if (proof->count < DOCUMENTATION_EVIDENCE_MAX) {
        proof->file[proof->count] = file;
        proof->line[proof->count] = line;
        proof->note[proof->count] = note;
        proof->count++;
    }
    proof->total++;
}

/* Records a passed check: the summary names the first pieces of evidence
 * ("README.md:12 (heading \"installation\")", "CHANGELOG.md") and the total. */
static void documentation_pass(struct check_context *context, const char *id, const char *title,
                               const char *rule_id, const struct documentation_proof *proof)
{
    struct strbuf summary = STRBUF_INIT;
    strbuf_append_str(&summary, "found ");
    for (size_t i = 0; i < proof->count; i++) {
        if (i > 0)
            strbuf_append_str(&summary, ", ");
        strbuf_append_str(&summary, proof->file[i]);
        if (proof->note[i])
            strbuf_printf(&summary, ":%d (%s)", proof->line[i], proof->note[i]);
    }
    if (proof->total > proof->count)
        strbuf_printf(&summary, " and %zu more", proof->total - proof->count);
    struct check *check =
        check_add(context, id, CATEGORY_DOCUMENTATION, CHECK_PASS, title, summary.data, rule_id);
    for (size_t i = 0; i < proof->count; i++)
        check_add_evidence(context, check, proof->file[i], proof->line[i], proof->note[i]);
    strbuf_release(&summary);
}

/* Whether the file is already cited, by name or by an earlier heading. */
static bool documentation_proves_file(const struct documentation_proof *proof, const char *file)
{
    for (size_t i = 0; i < proof->count; i++)
        if (strcmp(proof->file[i], file) == 0)
            return true;
    return false;
}

/* The "doc.heading" facts of the project's own documents (samples left
 * out), each split into words once: a dozen checks search the same
 * headings, and a large tree has tens of thousands of them among hundreds
 * of thousands of facts. */
struct documentation_heading {
    const struct fact *fact;
    size_t first_word, word_count; /* in documentation_headings.word/length */
};

struct documentation_headings {
    struct documentation_heading *items; /* malloc'd, in fact order */
    size_t count, capacity;
    const char **word; /* malloc'd; the words point into the facts' values */
    size_t *length;
    size_t word_total, word_capacity, length_capacity;
};

static void documentation_headings_collect(const struct check_context *context,
                                           struct documentation_headings *headings)
{
    *headings = (struct documentation_headings){0};
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (!fact->key || strcmp(fact->key, "doc.heading") != 0 || !fact->file || !fact->value)
            continue;
        if (documentation_is_sample(context, fact->file))
            continue;
        struct documentation_words words;
        documentation_split(fact->value, strlen(fact->value), &words);
        headings->items = xgrow(headings->items, &headings->capacity, headings->count + 1,
                                sizeof(*headings->items));
        headings->items[headings->count++] = (struct documentation_heading){
            .fact = fact, .first_word = headings->word_total, .word_count = words.count};
        size_t total = headings->word_total + words.count;
        headings->word =
            xgrow(headings->word, &headings->word_capacity, total + 1, sizeof(*headings->word));
        headings->length = xgrow(headings->length, &headings->length_capacity, total + 1,
                                 sizeof(*headings->length));
        for (size_t k = 0; k < words.count; k++) {
            headings->word[headings->word_total + k] = words.word[k];
            headings->length[headings->word_total + k] = words.length[k];
        }
        headings->word_total = total;
    }
}

static void documentation_headings_release(struct documentation_headings *headings)
{
    free(headings->items);
    free(headings->word);
    free(headings->length);
}

/* Collects headings about a topic into proof, from files the filter accepts
 * (NULL: every file with headings), one per file: the first heading of a
 * document makes the point. Notes are allocated in the result arena, which
 * outlives the check. */
static void documentation_find_headings(const struct check_context *context,
                                        const struct documentation_headings *headings,
                                        const char *const *patterns,
                                        bool (*filter)(const char *path, const void *data),
                                        const void *data, struct documentation_proof *proof)
{
    for (size_t i = 0; i < headings->count; i++) {
        const struct documentation_heading *heading = &headings->items[i];
        const struct fact *fact = heading->fact;
        if (filter && !filter(fact->file, data))
            continue;
        if (!documentation_words_match(headings->word + heading->first_word,
                                       headings->length + heading->first_word, heading->word_count,
                                       patterns))
            continue;
        if (documentation_proves_file(proof, fact->file))
            continue; /* the whole document is already cited */
        documentation_prove(proof, fact->file, fact->line,
                            arena_printf(context->arena, "heading \"%s\"", fact->value));
    }
}

/* ---- README and its sections ---- */

static const char *const documentation_readme_extensions[] = {
    "md", "markdown", "rst", "txt", "", "adoc", "asciidoc", "org", "mdown", "mkd", NULL};
/* Where GitHub and GitLab look for the README they display, in their order. */
static const char *const documentation_readme_dirs[] = {"", ".github", "docs", NULL};

/* The README that represents the project: at the root, else in .github/ or
 * docs/ (GitHub shows those too); README.md before .markdown, .rst, .txt, no
 * extension, .adoc, .org. NULL when there is none. */
static const char *documentation_find_readme(const struct check_context *context)
{
    const char *best = NULL;
    size_t best_rank = (size_t)-1;
    for (size_t i = 0; i < context->file_count; i++) {
        const char *path = context->files[i].path;
        const char *name = text_basename(path);
        if (!documentation_stem_is(name, "readme"))
            continue;
        size_t stem_end = strlen("readme");
        if (name[stem_end] != '\0' && name[stem_end] != '.')
            continue;
        if (name[stem_end] == '.' && strchr(name + stem_end + 1, '.'))
            continue; /* README.ja.md: a translation, not the main README */
        for (size_t d = 0; documentation_readme_dirs[d]; d++) {
            if (!documentation_in_dir(path, documentation_readme_dirs[d]))
                continue;
            for (size_t e = 0; documentation_readme_extensions[e]; e++) {
                const char *extension = documentation_extension(name);
                if (!text_equals_nocase(extension, strlen(extension),
                                        documentation_readme_extensions[e]))
                    continue;
                size_t rank = d * 100 + e;
                if (rank < best_rank) {
                    best_rank = rank;
                    best = path;
                }
            }
        }
    }
    return best;
}

static bool documentation_filter_file(const char *path, const void *data)
{
    return strcmp(path, (const char *)data) == 0;
}

/* docs/ documents and Markdown/rst documents at the root (deployment.md,
 * development.md …), which READMEs link to for the details. */
static bool documentation_filter_docs(const char *path, const void *data)
{
    (void)data;
    return documentation_in_docs_folder(path) ||
           (!strchr(path, '/') && documentation_is_prose(path));
}

struct documentation_section {
    const char *check_id;
    const char *title;
    const char *rule_id; /* NULL: informational, raises nothing */
    const char *topic;   /* for messages: "installation" */
    const char *const *words;
};

static const struct documentation_section documentation_sections[] = {
    {"docs.readme-installation", "README explains installation", "docs.readme-no-installation",
     "installation", documentation_installation_words},
    {"docs.readme-usage", "README explains usage", "docs.readme-no-usage", "usage",
     documentation_usage_words},
    {"docs.readme-configuration", "README documents configuration", "docs.readme-no-configuration",
     "configuration", documentation_configuration_words},
    {"docs.readme-deployment", "README explains deployment", "docs.readme-no-deployment",
     "deployment", documentation_deployment_words},
    {"docs.readme-contributing", "README explains how to contribute", NULL, "contributing",
     documentation_contributing_words},
};

/* What the file-name tests say of each file, computed for all files at
 * once on every core: about twenty checks walk every file of the tree,
 * and the tests are pure functions of the path. */
enum {
    DOCUMENTATION_TRAIT_SAMPLE = 1u << 0,  /* documentation_is_sample (only when it matters) */
    DOCUMENTATION_TRAIT_LICENSE = 1u << 1, /* documentation_is_license */
    DOCUMENTATION_TRAIT_SECTION = 1u << 2, /* << section: a docs/ document named after it */
    DOCUMENTATION_TRAIT_PRESENCE = DOCUMENTATION_TRAIT_SECTION
                                   << DOCUMENTATION_COUNT(documentation_sections),
};
/* A section counts when a heading of the README covers it; a heading of a
 * document in docs/, or a docs/ document named after the topic
 * (docs/installation.md), counts too, since READMEs often link there. */
static void documentation_check_section(struct check_context *context,
                                        const struct documentation_headings *headings,
                                        const uint32_t *traits, uint32_t section_bit,
                                        const char *readme,
                                        const struct documentation_section *section)
{
    struct documentation_proof proof = {0};
    if (readme)
        documentation_find_headings(context, headings, section->words, documentation_filter_file,
                                    readme, &proof);
    if (proof.total == 0)
        documentation_find_headings(context, headings, section->words, documentation_filter_docs,
                                    NULL, &proof);
    if (proof.total == 0) {
        for (size_t i = 0; i < context->file_count; i++)
            if ((traits[i] & section_bit) && !(traits[i] & DOCUMENTATION_TRAIT_SAMPLE))
                documentation_prove(&proof, context->files[i].path, 1, NULL);
    }
    if (proof.total > 0) {
        documentation_pass(context, section->check_id, section->title, section->rule_id, &proof);
        return;
    }

    struct strbuf summary = STRBUF_INIT;
    if (readme)
        strbuf_printf(&summary,
                      "no heading of %s, of docs/ or of root documents, and no docs/ file "
                      "name about %s (",
                      readme, section->topic);
    else
        strbuf_printf(&summary,
                      "no README to search, and no heading or file name in docs/ "
                      "about %s (",
                      section->topic);
    documentation_describe_patterns(&summary, section->words);
    strbuf_append_str(&summary, ")");
    if (!readme) {
        /* The missing README is the finding; its sections are not judged. */
        check_add(context, section->check_id, CATEGORY_DOCUMENTATION, CHECK_NOT_CHECKED,
                  section->title, summary.data, section->rule_id);
    } else {
        struct strbuf message = STRBUF_INIT;
        strbuf_printf(&message,
                      "%s has no %s section: no heading about %s in it, in docs/ or in root "
                      "documents",
                      readme, section->topic, section->topic);
        documentation_fail(context, section->check_id, section->title, section->rule_id,
                           summary.data, readme, message.data);
        strbuf_release(&message);
    }
    strbuf_release(&summary);
}

static void documentation_check_readme(struct check_context *context,
                                       const struct documentation_headings *headings,
                                       const uint32_t *traits, const char **readme_out)
{
    const char *readme = documentation_find_readme(context);
    *readme_out = readme;
    if (readme) {
        struct documentation_proof proof = {0};
        documentation_prove(&proof, readme, 1,
                            documentation_in_dir(readme, "") ? NULL
                                                             : "not at the root, but shown by "
                                                               "GitHub from there");
        documentation_pass(context, "docs.readme", "README present", "docs.no-readme", &proof);
    } else {
        documentation_fail(context, "docs.readme", "README present", "docs.no-readme",
                           "searched README, README.md, README.rst, README.txt (any case, also "
                           ".markdown, .adoc, .org) at the root, in .github/ and in docs/",
                           NULL,
                           "no README: searched README, README.md, README.rst and README.txt "
                           "at the root, in .github/ and in docs/");
    }
    for (size_t i = 0; i < DOCUMENTATION_COUNT(documentation_sections); i++)
        documentation_check_section(context, headings, traits, DOCUMENTATION_TRAIT_SECTION << i,
                                    readme, &documentation_sections[i]);
}

/* ---- LICENSE ---- */

/* A license text at the root: LICENSE, LICENCE, COPYING or UNLICENSE with an
 * optional extension or suffix (LICENSE.md, LICENSE-MIT, COPYING.LESSER), or
 * a file of a REUSE-style LICENSES/ folder. analyzers/license.c reads the
 * same names (at any level). */
static bool documentation_is_license(const char *path)
{
    if (documentation_in_dir(path, "licenses"))
        return true;
    if (!documentation_in_dir(path, ""))
        return false;
    static const char *const stems[] = {"license", "licence", "copying", "unlicense", NULL};
    static const char *const code[] = {"py", "js",   "ts",  "go",   "rs",   "c",    "h",
                                       "sh", "json", "yml", "yaml", "toml", "java", NULL};
    for (size_t i = 0; stems[i]; i++) {
        if (!documentation_stem_is(path, stems[i]))
            continue;
        return path[strlen(stems[i])] != '.' || !documentation_extension_in(path, code);
    }
    return false;
}

static void documentation_check_license(struct check_context *context, const uint32_t *traits)
{
    static const char *const title = "LICENSE present";
    static const char *const recognised_title = "License text is a recognised license";
    struct documentation_proof present = {0}, recognised = {0};
    const char *first = NULL;
    for (size_t i = 0; i < context->file_count; i++) {
        const char *path = context->files[i].path;
        if (!(traits[i] & DOCUMENTATION_TRAIT_LICENSE))
            continue;
        const struct fact *fact = check_find_fact(context, "license.spdx", path);
        const char *spdx = fact && fact->value ? fact->value : "unknown";
        if (!first)
            first = path;
        documentation_prove(&present, path, 1, strcmp(spdx, "unknown") ? spdx : NULL);
        if (strcmp(spdx, "unknown") != 0)
            documentation_prove(&recognised, path, fact->line, spdx);
    }
    if (!first) {
        documentation_fail(context, "docs.license", title, "docs.no-license",
                           "searched LICENSE, LICENCE, COPYING and UNLICENSE (any case, with "
                           "any extension or suffix) and a LICENSES/ folder at the root",
                           NULL,
                           "no LICENSE file: searched LICENSE, LICENCE, COPYING and UNLICENSE "
                           "at the root");
        check_add(context, "docs.license-recognized", CATEGORY_DOCUMENTATION, CHECK_NOT_CHECKED,
                  recognised_title, "no license file to read", "docs.license-unrecognized");
        return;
    }
    documentation_pass(context, "docs.license", title, "docs.no-license", &present);
    if (recognised.total > 0) {
        documentation_pass(context, "docs.license-recognized", recognised_title,
                           "docs.license-unrecognized", &recognised);
        return;
    }
    struct strbuf summary = STRBUF_INIT, message = STRBUF_INIT;
    strbuf_printf(&summary,
                  "the text of %s matches no known license (MIT, Apache-2.0, GPL, LGPL, AGPL, "
                  "BSD, MPL-2.0, ISC, Unlicense, 0BSD …) and has no SPDX-License-Identifier line",
                  first);
    strbuf_printf(&message, "%s: license text not recognised as a standard (SPDX) license", first);
    documentation_fail(context, "docs.license-recognized", recognised_title,
                       "docs.license-unrecognized", summary.data, first, message.data);
    strbuf_release(&summary);
    strbuf_release(&message);
}

/* ---- documents found by name (and, for some, by heading) ---- */

static const char *const documentation_root_docs_github[] = {"", "docs", ".github", NULL};

static bool documentation_is_changelog(const char *path)
{
    static const char *const root_stems[] = {"changelog",     "changes",      "history",
                                             "news",          "releases",     "release-notes",
                                             "release_notes", "releasenotes", NULL};
    static const char *const docs[] = {"", "docs", "doc", NULL};
    const char *name = text_basename(path);
    /* Changelog fragments: towncrier/scriv (changelog.d/), changesets. */
    if (documentation_has_segment(path, "changelog.d", NULL) ||
        documentation_has_segment(path, ".changeset", NULL))
        return true;
    if (!documentation_is_prose(path))
        return false;
    if (documentation_stem_is(name, "changelog") ||
        documentation_has_segment(path, "changelog", NULL) ||
        documentation_has_segment(path, "release-notes", NULL))
        return true;
    if (!documentation_in_dirs(path, docs))
        return false;
    for (size_t i = 0; root_stems[i]; i++)
        if (documentation_stem_is(name, root_stems[i]))
            return true;
    return false;
}

static bool documentation_is_contributing(const char *path)
{
    const char *name = text_basename(path);
    if (!documentation_is_prose(path))
        return false;
    return (documentation_in_dirs(path, documentation_root_docs_github) &&
            documentation_stem_is(name, "contributing")) ||
           (documentation_in_dir(path, "") && documentation_stem_is(name, "hacking"));
}

static bool documentation_is_security_policy(const char *path)
{
    const char *name = text_basename(path);
    /* RFC 9116's security.txt is a disclosure policy too. */
    if (documentation_has_segment(path, ".well-known", NULL) &&
        text_equals_nocase(name, strlen(name), "security.txt"))
        return true;
    return documentation_is_prose(path) &&
           documentation_in_dirs(path, documentation_root_docs_github) &&
           documentation_stem_is(name, "security");
}

static bool documentation_is_codeowners(const char *path)
{
    static const char *const dirs[] = {"", "docs", ".github", ".gitlab", NULL};
    const char *name = text_basename(path);
    if (documentation_in_dirs(path, dirs) && text_equals_nocase(name, strlen(name), "codeowners"))
        return true;
    /* OWNERS: the Prow / Chromium convention. */
    return documentation_in_dir(path, "") && text_equals_nocase(name, strlen(name), "owners");
}

static bool documentation_is_runbook(const char *path)
{
    static const char *const words[] = {"runbook", "playbook", "incident", "oncall",
                                        "on-call", "on_call",  NULL};
    /* Prose only: an Ansible playbook.yml is no incident playbook. */
    if (!documentation_is_prose(path))
        return false;
    for (size_t i = 0; words[i]; i++)
        if (text_contains_nocase(path, words[i]))
            return true;
    return false;
}

static bool documentation_is_adr(const char *path)
{
    static const char *const extensions[] = {"md", "markdown", "rst", "adoc", "txt", NULL};
    static const char *const folders[] = {"adr",
                                          "adrs",
                                          "architecture-decisions",
                                          "architecture-decision-records",
                                          "decision-records",
                                          "decision-log",
                                          NULL};
    static const char *const decision_parents[] = {"docs", "doc", "documentation", "architecture",
                                                   NULL};
    const char *name = text_basename(path);
    if (!documentation_extension_in(name, extensions))
        return false;
    for (size_t i = 0; folders[i]; i++)
        if (documentation_has_segment(path, folders[i], NULL))
            return true;
    if (documentation_has_segment(path, "decisions", decision_parents))
        return true;
    /* adr-0001-….md, ADR_12.md, adr001.md */
    if (text_prefix_nocase(name, "adr")) {
        const char *rest = name + 3;
        if (*rest == '-' || *rest == '_')
            rest++;
        return *rest >= '0' && *rest <= '9';
    }
    return false;
}

static bool documentation_is_api_spec(const char *path)
{
    static const char *const spec_extensions[] = {"yaml", "yml", "json", NULL};
    static const char *const schema_extensions[] = {"proto", "graphqls", "raml", "apib", NULL};
    const char *name = text_basename(path);
    if (documentation_extension_in(name, spec_extensions) &&
        (text_prefix_nocase(name, "openapi") || text_prefix_nocase(name, "swagger") ||
         text_prefix_nocase(name, "asyncapi") || text_contains_nocase(name, ".openapi.") ||
         text_contains_nocase(name, ".swagger.")))
        return true;
    /* gRPC (protobuf), GraphQL SDL, RAML and API Blueprint describe APIs too. */
    if (documentation_extension_in(name, schema_extensions))
        return true;
    return text_equals_nocase(name, strlen(name), "schema.graphql");
}

static bool documentation_is_architecture(const char *path)
{
    static const char *const docs[] = {"", "docs", "doc", "documentation", NULL};
    const char *name = text_basename(path);
    if (!documentation_is_prose(path))
        return false;
    if (documentation_stem_is(name, "architecture") ||
        documentation_has_segment(path, "architecture", NULL))
        return true;
    return documentation_in_dirs(path, docs) && documentation_stem_is(name, "design");
}

static bool documentation_is_recovery(const char *path)
{
    static const char *const words[] = {
        "disaster-recovery", "disaster_recovery",   "disasterrecovery",    "backup",
        "restore",           "business-continuity", "business_continuity", NULL};
    if (!documentation_is_prose(path))
        return false;
    for (size_t i = 0; words[i]; i++)
        if (text_contains_nocase(path, words[i]))
            return true;
    return documentation_stem_is(text_basename(path), "dr");
}

static bool documentation_is_docs_folder(const char *path)
{
    return documentation_in_docs_folder(path);
}

/* Web frameworks and libraries that build an OpenAPI document from the
 * code and serve it, each as its own documentation describes: a service
 * using one has a machine-readable specification without a file for it.
 * The name is compared as its ecosystem compares names (PEP 503 folding for
 * PyPI, case-insensitive for NuGet); a trailing '*' takes any suffix. */
static const struct documentation_api_generator {
    const char *ecosystem;
    const char *name;
} documentation_api_generators[] = {
    /* fastapi.tiangolo.com/tutorial/first-steps ("OpenAPI ... /openapi.json") */
    {"pypi", "fastapi"},
    /* drf-spectacular.readthedocs.io, drf-yasg.readthedocs.io */
    {"pypi", "drf-spectacular"},
    {"pypi", "drf-yasg"},
    /* django-ninja.dev ("automatic OpenAPI schema"), flask-smorest, Litestar */
    {"pypi", "django-ninja"},
    {"pypi", "flask-smorest"},
    {"pypi", "flask-restx"},
    {"pypi", "litestar"},
    /* github.com/Surnet/swagger-jsdoc, docs.nestjs.com/openapi/introduction,
     * tsoa-community.github.io, github.com/fastify/fastify-swagger */
    {"npm", "swagger-jsdoc"},
    {"npm", "@nestjs/swagger"},
    {"npm", "tsoa"},
    {"npm", "@fastify/swagger"},
    {"npm", "hapi-swagger"},
    /* github.com/swaggo/swag (generates docs/swagger.* from annotations) */
    {"go", "github.com/swaggo/swag"},
    {"go", "github.com/danielgtaylor/huma*"},
    /* springdoc.org, springfox.github.io */
    {"maven", "org.springdoc:springdoc-openapi*"},
    {"maven", "io.springfox:springfox*"},
    /* learn.microsoft.com/aspnet/core/tutorials/web-api-help-pages-using-swagger */
    {"nuget", "Swashbuckle.AspNetCore*"},
    {"nuget", "NSwag.AspNetCore"},
    /* github.com/rswag/rswag, github.com/ruby-grape/grape-swagger */
    {"rubygems", "rswag*"},
    {"rubygems", "grape-swagger"},
    /* zircote.github.io/swagger-php, symfony.com/bundles/NelmioApiDocBundle */
    {"packagist", "zircote/swagger-php"},
    {"packagist", "nelmio/api-doc-bundle"},
};

static bool documentation_generator_matches(const struct documentation_api_generator *generator,
                                            const char *ecosystem, size_t ecosystem_length,
                                            const char *name, size_t name_length)
{
    if (strlen(generator->ecosystem) != ecosystem_length ||
        memcmp(generator->ecosystem, ecosystem, ecosystem_length) != 0)
        return false;
    char folded[256];
    if (strcmp(generator->ecosystem, "pypi") == 0) {
        if (!deps_python_fold(name, name_length, folded, sizeof(folded)))
            return false;
        name = folded;
        name_length = strlen(folded);
    }
    size_t pattern_length = strlen(generator->name);
    bool prefix = pattern_length > 0 && generator->name[pattern_length - 1] == '*';
    if (prefix)
        pattern_length--;
    if (prefix ? name_length < pattern_length : name_length != pattern_length)
        return false;
    if (strcmp(generator->ecosystem, "nuget") == 0) {
        for (size_t i = 0; i < pattern_length; i++)
            if (text_lower(name[i]) != text_lower(generator->name[i]))
                return false;
        return true;
    }
    return memcmp(name, generator->name, pattern_length) == 0;
}

/* A direct dependency on an API generator, cited from the manifest rather
 * than the lockfile where both name it. */
static void documentation_api_generated(const struct check_context *context,
                                        struct documentation_proof *proof)
{
    const struct fact *best = NULL;
    const char *best_name = NULL;
    size_t best_name_length = 0;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (!fact->key || strcmp(fact->key, "deps.dependency") != 0 || !fact->file ||
            !fact->value || documentation_is_sample(context, fact->file))
            continue;
        /* ecosystem \t name \t spec \t version \t direct */
        const char *value = fact->value;
        const char *tab1 = strchr(value, '\t');
        const char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        const char *last = strrchr(value, '\t');
        if (!tab2 || !last || strcmp(last, "\t1") != 0)
            continue;
        bool generator = false;
        for (size_t g = 0; g < DOCUMENTATION_COUNT(documentation_api_generators) && !generator; g++)
            generator = documentation_generator_matches(&documentation_api_generators[g], value,
                                                        (size_t)(tab1 - value), tab1 + 1,
                                                        (size_t)(tab2 - tab1 - 1));
        if (!generator)
            continue;
        bool manifest = !deps_is_lockfile(fact->file);
        if (!best || (manifest && deps_is_lockfile(best->file))) {
            best = fact;
            best_name = tab1 + 1;
            best_name_length = (size_t)(tab2 - tab1 - 1);
        }
        if (manifest)
            break;
    }
    if (best)
        documentation_prove(proof, best->file, best->line,
                            arena_printf(context->arena,
                                         "%.*s generates the OpenAPI document from the "
                                         "code; it is not committed",
                                         (int)best_name_length, best_name));
}

struct documentation_presence {
    const char *check_id;
    const char *title;
    const char *rule_id; /* NULL: informational, raises nothing */
    bool (*matches)(const char *path);
    const char *const *heading_words; /* NULL: file names only */
    const char *searched;             /* the failed check's summary */
    const char *message;              /* the finding's message */
    /* Other evidence, looked for when no file or heading proved it. */
    void (*other_proof)(const struct check_context *context, struct documentation_proof *proof);
};

static const struct documentation_presence documentation_presences[] = {
    {"docs.changelog", "CHANGELOG or release notes present", "docs.no-changelog",
     documentation_is_changelog, NULL,
     "searched CHANGELOG*, CHANGES*, HISTORY*, NEWS*, RELEASES*, RELEASE-NOTES* at the root and "
     "in docs/, CHANGELOG* at any level, changelog.d/ and .changeset/",
     "no CHANGELOG: searched CHANGELOG, CHANGES, HISTORY, NEWS and RELEASES files at the root "
     "and in docs/",
     NULL},
    {"docs.contributing", "Contribution guide present", "docs.no-contributing",
     documentation_is_contributing, documentation_contributing_words,
     "searched CONTRIBUTING* at the root, in docs/ and .github/, HACKING at the root, and "
     "README and docs/ headings about contributing or development",
     "no contribution guide: no CONTRIBUTING file (root, docs/, .github/) and no contributing "
     "section in the README or docs/",
     NULL},
    {"docs.security-policy", "Security policy present", "docs.no-security-policy",
     documentation_is_security_policy, NULL,
     "searched SECURITY.md (any case and prose extension) at the root, in docs/ and .github/, "
     "and .well-known/security.txt",
     "no security policy: searched SECURITY.md at the root, in docs/ and .github/", NULL},
    {"docs.codeowners", "CODEOWNERS present", "docs.no-codeowners", documentation_is_codeowners,
     NULL,
     "searched CODEOWNERS at the root, in docs/, .github/ and .gitlab/, and OWNERS at "
     "the root",
     "no CODEOWNERS: searched the root, docs/, .github/ and .gitlab/", NULL},
    {"docs.docs-folder", "Documentation folder present", NULL, documentation_is_docs_folder, NULL,
     "searched for files under docs/, doc/ and documentation/ at the root", NULL, NULL},
    {"docs.runbook", "Runbook or incident-response document present", "docs.no-runbook",
     documentation_is_runbook, documentation_runbook_words,
     "searched document names containing runbook, playbook, incident, oncall or on-call, and "
     "README and docs/ headings about runbooks, playbooks, incidents or on-call",
     "no runbook or incident-response document: no document named or headed runbook, "
     "playbook, incident or on-call",
     NULL},
    {"docs.adr", "Architecture decision records present", "docs.no-adr", documentation_is_adr, NULL,
     "searched docs/adr/, doc/adr/, adr/, docs/decisions/, doc/architecture/decisions/ (any "
     "level) and adr-NNNN files for Markdown, reStructuredText or AsciiDoc records",
     "no architecture decision records: searched docs/adr/, doc/adr/, adr/, docs/decisions/ "
     "and doc/architecture/decisions/",
     NULL},
    {"docs.api-spec", "API specification present", "docs.no-api-spec", documentation_is_api_spec,
     NULL,
     "searched openapi*, swagger*, asyncapi* (.yaml, .yml, .json), *.openapi.*, *.swagger.*, "
     "*.proto, *.graphqls, schema.graphql, *.raml and *.apib at any level, and direct "
     "dependencies on frameworks that generate one (FastAPI, drf-spectacular, swagger-jsdoc, "
     "@nestjs/swagger, swag, springdoc, Swashbuckle …)",
     "no API specification: no OpenAPI/Swagger, AsyncAPI, protobuf or GraphQL schema file, and "
     "no framework that generates one",
     documentation_api_generated},
    {"docs.architecture", "Architecture document present", "docs.no-architecture",
     documentation_is_architecture, documentation_architecture_words,
     "searched ARCHITECTURE*, architecture/ folders, DESIGN* at the root and in docs/, and "
     "README and docs/ headings about architecture",
     "no architecture document: no ARCHITECTURE.md, docs/architecture* or architecture "
     "heading",
     NULL},
    {"docs.disaster-recovery", "Disaster-recovery or backup document present",
     "docs.no-disaster-recovery", documentation_is_recovery, documentation_recovery_words,
     "searched document names containing disaster-recovery, backup, restore or "
     "business-continuity, DR.*, and README and docs/ headings about disaster recovery, "
     "backups or restore",
     "no disaster-recovery or backup documentation: no document named or headed disaster "
     "recovery, backup or restore",
     NULL},
};

static void documentation_check_presence(struct check_context *context,
                                         const struct documentation_headings *headings,
                                         const uint32_t *traits, uint32_t presence_bit,
                                         const struct documentation_presence *presence)
{
    struct documentation_proof proof = {0};
    for (size_t i = 0; i < context->file_count; i++)
        if ((traits[i] & presence_bit) && !(traits[i] & DOCUMENTATION_TRAIT_SAMPLE))
            documentation_prove(&proof, context->files[i].path, 1, NULL);
    if (presence->heading_words)
        documentation_find_headings(context, headings, presence->heading_words, NULL, NULL, &proof);
    if (proof.total == 0 && presence->other_proof)
        presence->other_proof(context, &proof);
    if (proof.total > 0)
        documentation_pass(context, presence->check_id, presence->title, presence->rule_id, &proof);
    else
        documentation_fail(context, presence->check_id, presence->title, presence->rule_id,
                           presence->searched, NULL, presence->message);
}

_Static_assert(DOCUMENTATION_COUNT(documentation_sections) +
                       DOCUMENTATION_COUNT(documentation_presences) + 2 <=
                   32,
               "documentation traits must fit 32 bits");

struct documentation_traits_job {
    const struct check_context *context;
    uint32_t *traits; /* one per context->files entry */
};

static void documentation_traits_task(void *data, size_t index, unsigned worker)
{
    (void)worker;
    struct documentation_traits_job *job = data;
    const char *path = job->context->files[index].path;
    uint32_t traits = 0;
    if (documentation_is_license(path))
        traits |= DOCUMENTATION_TRAIT_LICENSE;
    if (documentation_in_docs_folder(path) && documentation_is_prose(path)) {
        for (size_t i = 0; i < DOCUMENTATION_COUNT(documentation_sections); i++)
            if (documentation_name_matches(path, documentation_sections[i].words))
                traits |= DOCUMENTATION_TRAIT_SECTION << i;
    }
    for (size_t i = 0; i < DOCUMENTATION_COUNT(documentation_presences); i++)
        if (documentation_presences[i].matches(path))
            traits |= DOCUMENTATION_TRAIT_PRESENCE << i;
    if ((traits & ~DOCUMENTATION_TRAIT_LICENSE) && documentation_is_sample(job->context, path))
        traits |= DOCUMENTATION_TRAIT_SAMPLE;
    job->traits[index] = traits;
}

static void documentation_run(struct check_context *context)
{
    struct documentation_headings headings;
    documentation_headings_collect(context, &headings);
    struct documentation_traits_job traits = {
        .context = context,
        .traits = xcalloc(context->file_count ? context->file_count : 1, sizeof(*traits.traits)),
    };
    threadpool_run(0, context->file_count, documentation_traits_task, &traits);
    const char *readme;
    documentation_check_readme(context, &headings, traits.traits, &readme);
    documentation_check_license(context, traits.traits);
    for (size_t i = 0; i < DOCUMENTATION_COUNT(documentation_presences); i++)
        documentation_check_presence(context, &headings, traits.traits,
                                     DOCUMENTATION_TRAIT_PRESENCE << i,
                                     &documentation_presences[i]);
    free(traits.traits);
    documentation_headings_release(&headings);
}

const struct check_family check_family_documentation = {
    .name = "documentation",
    .run = documentation_run,
};
