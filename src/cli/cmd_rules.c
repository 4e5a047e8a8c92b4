/*
 * cmd_rules: `prodready rules [--format text|json]` — lists every rule.
 */
#include "cli/cli.h"
#include "rules/registry.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char rules_help[] =
    "usage: prodready rules [--format text|json]\n"
    "\n"
    "Lists every rule prodready knows: id, category, severity and title.\n"
    "'prodready explain ID' prints everything about one rule.\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT   text (default) or json\n"
    "  -h, --help            show this help\n";

static int rules_write_json(void)
{
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    json_t *array = json_array();
    for (size_t i = 0; i < count; i++) {
        const struct rule *rule = &rules[i];
        json_t *object = json_object();
        json_object_set_new(object, "id", json_string(rule->id));
        json_object_set_new(object, "category", json_string(category_id(rule->category)));
        json_object_set_new(object, "severity", json_string(severity_id(rule->severity)));
        json_object_set_new(object, "confidence", json_string(confidence_id(rule->confidence)));
        json_object_set_new(object, "effort_minutes", json_integer(rule->effort_minutes));
        json_object_set_new(object, "title", json_string(rule->title));
        json_t *kinds = json_array();
        for (int k = 0; k < PROJECT_KIND_COUNT; k++)
            if (rule->kinds & PROJECT_KIND_BIT(k))
                json_array_append_new(kinds, json_string(project_kind_id((enum project_kind)k)));
        json_object_set_new(object, "kinds", kinds);
        if (rule->pattern)
            json_object_set_new(object, "pattern", json_string(rule->pattern));
        json_array_append_new(array, object);
    }
    int status = json_dumpf(array, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(array);
    return status == 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

int cmd_rules(int argc, char **argv)
{
    const char *format = "text";
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        bool missing = false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(rules_help, stdout);
            return CLI_EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--format", "-f", &value, &missing)) {
            if (missing || (strcmp(value, "text") != 0 && strcmp(value, "json") != 0))
                return cli_usage_error("rules", "--format needs text or json, got '%s'",
                                       value ? value : "");
            format = value;
        } else {
            return cli_usage_error("rules",
                                   "unexpected argument '%s'; see 'prodready rules "
                                   "--help'",
                                   argv[i]);
        }
    }
    if (strcmp(format, "json") == 0)
        return rules_write_json();
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    size_t width = 2;
    for (size_t i = 0; i < count; i++)
        if (strlen(rules[i].id) > width)
            width = strlen(rules[i].id);
    printf("%-*s  %-14s  %-8s  %s\n", (int)width, "ID", "CATEGORY", "SEVERITY", "TITLE");
    for (size_t i = 0; i < count; i++)
        printf("%-*s  %-14s  %-8s  %s\n", (int)width, rules[i].id, category_id(rules[i].category),
               severity_id(rules[i].severity), rules[i].title);
    printf("\n%zu rules. 'prodready explain ID' shows one in full.\n", count);
    return CLI_EXIT_OK;
}
