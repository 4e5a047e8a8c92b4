/*
 * cmd_explain: `prodready explain RULE-ID` — everything about one rule; an
 * unknown id suggests the closest ones and exits 2.
 */
#include "cli/cli.h"
#include "rules/registry.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>

static const char explain_help[] = "usage: prodready explain RULE-ID\n"
                                   "\n"
                                   "Prints everything about one rule: category, severity, "
                                   "confidence, effort,\n"
                                   "the project kinds it applies to, why it matters, how to fix "
                                   "it, references,\n"
                                   "and the rule pack it comes from. 'prodready rules' lists "
                                   "the ids.\n";

/* Prints `text` wrapped at 78 columns with a two-space indent. */
static void explain_wrapped(const char *text)
{
    size_t column = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        if (*p == '\n') {
            fputc('\n', stdout);
            column = 0;
            p++;
            continue;
        }
        const char *word = p;
        while (*p && *p != ' ' && *p != '\n')
            p++;
        size_t length = (size_t)(p - word);
        if (!length)
            continue;
        if (column == 0) {
            fputs("  ", stdout);
            column = 2;
        } else if (column + 1 + length > 78) {
            fputs("\n  ", stdout);
            column = 2;
        } else {
            fputc(' ', stdout);
            column++;
        }
        fwrite(word, 1, length, stdout);
        column += length;
    }
    if (column)
        fputc('\n', stdout);
}

static void explain_list(const char *label, const char *const *items, size_t count)
{
    if (!count)
        return;
    printf("  %-12s", label);
    for (size_t i = 0; i < count; i++)
        printf("%s%s", i ? ", " : " ", items[i]);
    fputc('\n', stdout);
}

int cmd_explain(int argc, char **argv)
{
    const char *id = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(explain_help, stdout);
            return CLI_EXIT_OK;
        }
        if (argv[i][0] == '-')
            return cli_usage_error("explain",
                                   "unknown option '%s'; see 'prodready explain "
                                   "--help'",
                                   argv[i]);
        if (id)
            return cli_usage_error("explain", "one RULE-ID at a time (got '%s' and '%s')", id,
                                   argv[i]);
        id = argv[i];
    }
    if (!id)
        return cli_usage_error("explain", "which rule? give a RULE-ID ('prodready rules' "
                                          "lists them)");
    const struct rule *rule = rule_registry_find(id);
    if (!rule) {
        const char *suggestions[5];
        size_t count = rule_registry_suggest(id, suggestions, 5);
        struct strbuf message = STRBUF_INIT;
        for (size_t i = 0; i < count; i++)
            strbuf_printf(&message, "%s%s", i ? ", " : "", suggestions[i]);
        int code = count ? cli_usage_error("explain",
                                           "no rule '%s'; did you mean %s? ('prodready rules' "
                                           "lists every rule)",
                                           id, message.data)
                         : cli_usage_error("explain",
                                           "no rule '%s'; 'prodready rules' lists every rule", id);
        strbuf_release(&message);
        return code;
    }
    printf("%s — %s\n\n", rule->id, rule->title);
    printf("  category:    %s\n", category_id(rule->category));
    printf("  severity:    %s\n", severity_id(rule->severity));
    printf("  confidence:  %s\n", confidence_id(rule->confidence));
    printf("  effort:      %d minutes per occurrence\n", rule->effort_minutes);
    printf("  applies to:  ");
    if (rule->kinds == PROJECT_KIND_ALL) {
        fputs("every kind of project", stdout);
    } else {
        bool first = true;
        for (int k = 0; k < PROJECT_KIND_COUNT; k++)
            if (rule->kinds & PROJECT_KIND_BIT(k)) {
                printf("%s%s", first ? "" : ", ", project_kind_id((enum project_kind)k));
                first = false;
            }
    }
    printf("\n  defined in:  %s:%d\n", rule->pack, rule->pack_line);
    if (rule->pattern) {
        /* Pattern rules: show what is matched and what is filtered out, so a
         * finding (or its absence) can be understood without the pack. */
        printf("  pattern:     %s\n", rule->pattern);
        if (rule->secret_group)
            printf("  secret:      capture group %d%s\n", rule->secret_group,
                   rule->redact ? " (redacted in reports)" : "");
        explain_list("keywords:", rule->keywords, rule->keyword_count);
        explain_list("paths:", rule->paths, rule->path_count);
        explain_list("not paths:", rule->exclude_paths, rule->exclude_path_count);
        if (rule->entropy_min > 0)
            printf("  entropy:     at least %.1f bits per character\n", rule->entropy_min);
        explain_list("allowed:", rule->allow, rule->allow_count);
    }
    puts("\nWhy it matters");
    explain_wrapped(rule->why);
    puts("\nHow to fix");
    explain_wrapped(rule->fix);
    puts("\nReferences");
    for (size_t i = 0; i < rule->reference_count; i++)
        printf("  - %s\n", rule->references[i]);
    return CLI_EXIT_OK;
}
