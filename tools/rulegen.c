/*
 * rulegen: build-time compiler of the built-in rule packs (rules/ (the .yml files)) into
 * a C source file holding one sorted, static table of struct rule.
 *
 *   rulegen --root SRCDIR --output FILE PACK.yml...
 *
 * It validates every pack (rulepack.c) and the ids across packs, compiles
 * every pattern rule into one vectorscan block-mode database for a generic
 * x86-64/ARM target (so it loads on any CPU the binary runs on) and embeds
 * the serialized bytes, and fails the build with "file:line: message" lines
 * on any problem — a pattern vectorscan rejects names the rule and
 * vectorscan's reason. It must not depend on anything but the rule-pack
 * reader and vectorscan, so it stays quick to build.
 */
#include "rules/rulepack.h"
#include "util/arena.h"
#include "util/file.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <hs.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The profile `prodready secrets` scans with (see builtin.h). */
#define RULEGEN_SECRETS_PREFIX "secrets."

struct rulegen_entry {
    const struct rule *rule;
    const char *const *examples;
    const char *const *counter_examples;
};

/* Writes `text` as a C string literal; NULL becomes the NULL constant. */
static void rulegen_literal(FILE *out, const char *text)
{
    if (!text) {
        fputs("NULL", out);
        return;
    }
    fputc('"', out);
    size_t column = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (column > 90) {
            /* Split long literals so the generated file stays readable. */
            fputs("\"\n        \"", out);
            column = 0;
        }
        if (*p == '"' || *p == '\\') {
            fputc('\\', out);
            fputc(*p, out);
            column += 2;
        } else if (*p == '\n') {
            fputs("\\n", out);
            column += 2;
        } else if (*p < 0x20 || *p >= 0x7f || *p == '?') {
            /* Octal escapes are at most three digits, so they cannot swallow
             * the next character (unlike \x); '?' avoids trigraphs. */
            fprintf(out, "\\%03o", *p);
            column += 4;
        } else {
            fputc(*p, out);
            column++;
        }
    }
    fputc('"', out);
}

static void rulegen_list(FILE *out, const char *name, size_t index, const char *const *list)
{
    fprintf(out, "static const char *const %s_%zu[] = {", name, index);
    for (size_t i = 0; list && list[i]; i++) {
        fputs("\n    ", out);
        rulegen_literal(out, list[i]);
        fputc(',', out);
    }
    fputs("\n    NULL};\n", out);
}

/* Compiles the pattern rules whose id starts with `prefix` ("" for all)
 * and returns the serialized database, or NULL with *size 0 when there are
 * no such rules. Ids are the index among those rules in the sorted table,
 * as content_scan.c expects of the rule array it is given (for the prefix
 * "", the index in the whole table). On a rejected pattern it appends
 * "pack:line: rule: vectorscan: reason" and returns NULL with *failed set. */
static char *rulegen_compile_patterns(const struct rulegen_entry *entries, size_t count,
                                      const char *prefix, size_t *size, bool *failed,
                                      struct strbuf *messages)
{
    *size = 0;
    *failed = false;
    const char **expressions = xcalloc(count ? count : 1, sizeof(*expressions));
    unsigned *flags = xcalloc(count ? count : 1, sizeof(*flags));
    unsigned *ids = xcalloc(count ? count : 1, sizeof(*ids));
    unsigned *entry_of = xcalloc(count ? count : 1, sizeof(*entry_of));
    size_t pattern_count = 0, selected = 0;
    size_t prefix_length = strlen(prefix);
    for (size_t i = 0; i < count; i++) {
        if (strncmp(entries[i].rule->id, prefix, prefix_length) != 0)
            continue;
        /* The whole table keeps every rule's index; a profile's array (see
         * cmd_secrets.c) holds its pattern rules alone. */
        size_t index = prefix_length ? selected : i;
        if (!entries[i].rule->pattern)
            continue;
        selected++;
        expressions[pattern_count] = entries[i].rule->pattern;
        /* The same flags as content_scan.c's run-time compile; keep in step. */
        flags[pattern_count] = HS_FLAG_MULTILINE;
        ids[pattern_count] = (unsigned)index;
        entry_of[pattern_count] = (unsigned)i;
        pattern_count++;
    }
    char *bytes = NULL;
    if (pattern_count > 0) {
        /* Generic target: a database tuned for the build machine's CPU
         * (AVX-512, say) would not load on an older one. */
        hs_platform_info_t platform = {.tune = HS_TUNE_FAMILY_GENERIC, .cpu_features = 0};
        hs_database_t *database = NULL;
        hs_compile_error_t *error = NULL;
        if (hs_compile_multi(expressions, flags, ids, (unsigned)pattern_count, HS_MODE_BLOCK,
                             &platform, &database, &error) != HS_SUCCESS) {
            if (error && error->expression >= 0) {
                const struct rule *rule = entries[entry_of[error->expression]].rule;
                strbuf_printf(messages, "%s:%d: %s: vectorscan cannot compile the pattern: %s\n",
                              rule->pack, rule->pack_line, rule->id, error->message);
            } else {
                strbuf_printf(messages, "rulegen: vectorscan cannot compile the rule set: %s\n",
                              error ? error->message : "unknown error");
            }
            hs_free_compile_error(error);
            *failed = true;
        } else if (hs_serialize_database(database, &bytes, size) != HS_SUCCESS) {
            strbuf_printf(messages, "rulegen: vectorscan cannot serialize the database\n");
            *failed = true;
            bytes = NULL;
            *size = 0;
        }
        hs_free_database(database);
    }
    free(expressions);
    free(flags);
    free(ids);
    free(entry_of);
    return bytes;
}

/* A list field and its count ("NULL" and 0 are the defaults, so an empty
 * list writes nothing). The array is named after the field. */
static void rulegen_optional_list(FILE *out, const char *field, const char *count_field,
                                  size_t index, size_t count)
{
    if (count)
        fprintf(out, " .%s = %s_%zu, .%s = %zu,", field, field, index, count_field, count);
}

static int rulegen_compare(const void *left, const void *right)
{
    const struct rulegen_entry *a = left, *b = right;
    return strcmp(a->rule->id, b->rule->id);
}

int main(int argc, char **argv)
{
    const char *root = NULL, *output = NULL;
    struct arena arena;
    arena_init(&arena);
    struct rulegen_entry *entries = NULL;
    size_t entry_count = 0, entry_capacity = 0;
    int errors = 0;
    struct strbuf messages = STRBUF_INIT;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
            root = argv[++i];
            continue;
        }
        if (strcmp(argv[i], "--output") == 0 && i + 1 < argc) {
            output = argv[++i];
            continue;
        }
        const char *path = argv[i];
        size_t length = 0;
        char *text = file_read_all(path, 16 * 1024 * 1024, &length);
        if (!text) {
            fprintf(stderr, "%s: cannot read rule pack: %s\n", path, strerror(errno));
            errors++;
            continue;
        }
        /* Record packs by their path relative to the source root, so the
         * generated file (and `prodready explain`) does not depend on where
         * the tree was checked out. */
        const char *shown = path;
        size_t root_length = root ? strlen(root) : 0;
        if (root && strncmp(path, root, root_length) == 0 && path[root_length] == '/')
            shown = path + root_length + 1;
        struct rulepack pack;
        errors += rulepack_parse(shown, text, length, &arena, &pack, &messages);
        free(text);
        for (size_t r = 0; r < pack.rule_count; r++) {
            if (!pack.rules[r].id)
                continue;
            entries = xgrow(entries, &entry_capacity, entry_count + 1, sizeof(*entries));
            entries[entry_count++] =
                (struct rulegen_entry){&pack.rules[r], pack.examples[r], pack.counter_examples[r]};
        }
    }
    if (!output) {
        fprintf(stderr, "usage: rulegen --root SRCDIR --output FILE PACK.yml...\n");
        return 2;
    }
    qsort(entries, entry_count, sizeof(*entries), rulegen_compare);
    for (size_t i = 1; i < entry_count; i++) {
        if (strcmp(entries[i].rule->id, entries[i - 1].rule->id) == 0) {
            strbuf_printf(&messages, "%s:%d: duplicate rule id '%s' (also %s:%d)\n",
                          entries[i].rule->pack, entries[i].rule->pack_line, entries[i].rule->id,
                          entries[i - 1].rule->pack, entries[i - 1].rule->pack_line);
            errors++;
        }
    }
    if (errors) {
        fputs(messages.data, stderr);
        fprintf(stderr, "rulegen: %d error(s) in the rule packs; nothing generated\n", errors);
        return 1;
    }

    size_t database_size = 0, secrets_size = 0;
    bool compile_failed = false, secrets_failed = false;
    char *database = rulegen_compile_patterns(entries, entry_count, "", &database_size,
                                              &compile_failed, &messages);
    /* The secrets profile (`prodready secrets`): its rules alone scan a tree
     * faster, and compiling them at start-up cost 0.6 s. */
    char *secrets = compile_failed
                        ? NULL
                        : rulegen_compile_patterns(entries, entry_count, RULEGEN_SECRETS_PREFIX,
                                                   &secrets_size, &secrets_failed, &messages);
    if (compile_failed || secrets_failed) {
        fputs(messages.data, stderr);
        fprintf(stderr, "rulegen: a pattern does not compile; nothing generated\n");
        return 1;
    }

    struct strbuf temporary = STRBUF_INIT;
    strbuf_printf(&temporary, "%s.tmp", output);
    FILE *out = fopen(temporary.data, "w");
    if (!out) {
        fprintf(stderr, "%s: cannot write: %s\n", temporary.data, strerror(errno));
        return 1;
    }
    fputs("/* Generated by tools/rulegen.c from the rule packs in rules/ -- generated, do not "
          "edit. */\n"
          "#include <stddef.h>\n\n#include \"model/model.h\"\n#include \"rules/builtin.h\"\n\n",
          out);
    for (size_t i = 0; i < entry_count; i++) {
        const struct rule *rule = entries[i].rule;
        rulegen_list(out, "references", i, rule->references);
        rulegen_list(out, "examples", i, entries[i].examples);
        rulegen_list(out, "counter_examples", i, entries[i].counter_examples);
        if (rule->keyword_count)
            rulegen_list(out, "keywords", i, rule->keywords);
        if (rule->path_count)
            rulegen_list(out, "paths", i, rule->paths);
        if (rule->exclude_path_count)
            rulegen_list(out, "exclude_paths", i, rule->exclude_paths);
        if (rule->allow_count)
            rulegen_list(out, "allow", i, rule->allow);
    }
    fprintf(out, "\nconst size_t builtin_rule_count = %zu;\n\n", entry_count);
    fputs("const struct rule builtin_rules[] = {\n", out);
    for (size_t i = 0; i < entry_count; i++) {
        const struct rule *rule = entries[i].rule;
        fputs("    {.id = ", out);
        rulegen_literal(out, rule->id);
        fprintf(out,
                ",\n     .category = %d, .severity = %d, .confidence = %d, .effort_minutes = %d,"
                " .kinds = %uu,\n     .title = ",
                (int)rule->category, (int)rule->severity, (int)rule->confidence,
                rule->effort_minutes, rule->kinds);
        rulegen_literal(out, rule->title);
        fputs(",\n     .why = ", out);
        rulegen_literal(out, rule->why);
        fputs(",\n     .fix = ", out);
        rulegen_literal(out, rule->fix);
        fprintf(out,
                ",\n     .references = references_%zu, .reference_count = %zu,\n     .pack = ", i,
                rule->reference_count);
        rulegen_literal(out, rule->pack);
        fprintf(out, ", .pack_line = %d", rule->pack_line);
        if (rule->pattern) {
            fputs(",\n     .pattern = ", out);
            rulegen_literal(out, rule->pattern);
            /* %a keeps the threshold exact, whatever the locale. */
            fprintf(out, ",\n     .secret_group = %d, .redact = %s, .entropy_min = %a,",
                    rule->secret_group, rule->redact ? "true" : "false", rule->entropy_min);
            rulegen_optional_list(out, "keywords", "keyword_count", i, rule->keyword_count);
            rulegen_optional_list(out, "paths", "path_count", i, rule->path_count);
            rulegen_optional_list(out, "exclude_paths", "exclude_path_count", i,
                                  rule->exclude_path_count);
            rulegen_optional_list(out, "allow", "allow_count", i, rule->allow_count);
            if (rule->generic)
                fputs(" .generic = true,", out);
            if (rule->context == RULE_CONTEXT_CODE)
                fputs(" .context = RULE_CONTEXT_CODE,", out);
        }
        fputs("},\n", out);
    }
    if (entry_count == 0)
        fputs("    {0},\n", out);
    fputs("};\n\nconst char *const *const builtin_rule_examples[] = {\n", out);
    for (size_t i = 0; i < entry_count; i++)
        fprintf(out, "    examples_%zu,\n", i);
    fputs("    NULL};\n\nconst char *const *const builtin_rule_counter_examples[] = {\n", out);
    for (size_t i = 0; i < entry_count; i++)
        fprintf(out, "    counter_examples_%zu,\n", i);
    fputs("    NULL};\n", out);
    /* The pattern rules' vectorscan database, serialized (content_scan.c
     * deserializes it at start-up, or recompiles when it does not fit). */
    fprintf(out, "\nconst size_t builtin_pattern_database_size = %zu;\n", database_size);
    fputs("const unsigned char builtin_pattern_database[] = {", out);
    for (size_t i = 0; i < database_size; i++)
        fprintf(out, "%s0x%02x,", i % 16 ? " " : "\n    ", (unsigned char)database[i]);
    fputs(database_size ? "\n};\n" : "0};\n", out);
    free(database);
    /* The same for the pattern rules whose id starts with "secrets.", ids
     * counted among those rules in table order. */
    fprintf(out, "\nconst size_t builtin_secrets_database_size = %zu;\n", secrets_size);
    fputs("const unsigned char builtin_secrets_database[] = {", out);
    for (size_t i = 0; i < secrets_size; i++)
        fprintf(out, "%s0x%02x,", i % 16 ? " " : "\n    ", (unsigned char)secrets[i]);
    fputs(secrets_size ? "\n};\n" : "0};\n", out);
    free(secrets);
    if (fclose(out) != 0 || rename(temporary.data, output) != 0) {
        fprintf(stderr, "%s: cannot write: %s\n", output, strerror(errno));
        return 1;
    }
    strbuf_release(&temporary);
    strbuf_release(&messages);
    free(entries);
    arena_destroy(&arena);
    return 0;
}
