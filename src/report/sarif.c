/*
 * report/sarif: SARIF 2.1.0 as GitHub code scanning accepts it — one run;
 * tool.driver.rules holds each rule that has a result, once, sorted by id;
 * each result has its ruleIndex, a level from its severity, a message, one
 * physical location relative to %SRCROOT% and partialFingerprints so alerts
 * survive edits that move lines (docs/sarif.md).
 *
 * Like every writer it renders the audit result and decides nothing: no
 * filtering, no re-scoring. It must not put a machine-dependent value (an
 * absolute path, a time) in the output, which is reproducible byte for byte.
 */
#include "report/json_builder.h"
#include "report/report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA_URI                                                                           \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define SARIF_INFORMATION_URI "https://github.com/prodready/prodready"
#define SARIF_FINGERPRINT_KEY "prodready/v1"
/* GitHub has no file to point a repository-level result at, yet refuses a
 * result without a location: the repository root stands for "the whole
 * repository" (docs/sarif.md). */
#define SARIF_REPOSITORY_URI "."

/* GitHub's code-scanning levels: error, warning, note. */
static const char *sarif_level(enum severity severity)
{
    switch (severity) {
    case SEVERITY_CRITICAL:
    case SEVERITY_HIGH:
        return "error";
    case SEVERITY_MEDIUM:
        return "warning";
    default:
        return "note";
    }
}

/* GitHub reads "security-severity" (0.0–10.0) for security rules and files
 * them as critical above 9.0, high from 7.0, medium from 4.0, low below. */
static const char *sarif_security_severity(enum severity severity)
{
    switch (severity) {
    case SEVERITY_CRITICAL:
        return "9.5";
    case SEVERITY_HIGH:
        return "8.0";
    case SEVERITY_MEDIUM:
        return "5.5";
    case SEVERITY_LOW:
        return "3.0";
    default:
        return "1.0";
    }
}

static int sarif_rule_compare(const void *left, const void *right)
{
    const struct rule *a = *(const struct rule *const *)left;
    const struct rule *b = *(const struct rule *const *)right;
    return strcmp(a->id, b->id);
}

/* The distinct rules of the findings, sorted by id. Returns the count; the
 * array is malloc'd (caller frees), NULL when there are no findings. */
static size_t sarif_rules_used(const struct audit_result *result, const struct rule ***out)
{
    *out = NULL;
    size_t total = result->finding_count + result->suppressed_count;
    if (total == 0)
        return 0;
    const struct rule **rules = calloc(total, sizeof *rules);
    if (!rules)
        return 0;
    size_t count = 0;
    for (size_t i = 0; i < result->finding_count; i++)
        rules[count++] = result->findings[i].rule;
    for (size_t i = 0; i < result->suppressed_count; i++)
        rules[count++] = result->suppressed[i].rule;
    qsort(rules, count, sizeof *rules, sarif_rule_compare);
    size_t unique = 0;
    for (size_t i = 0; i < count; i++)
        if (unique == 0 || strcmp(rules[unique - 1]->id, rules[i]->id) != 0)
            rules[unique++] = rules[i];
    *out = rules;
    return unique;
}

static long sarif_rule_index(const struct rule *const *rules, size_t count, const struct rule *rule)
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        int order = strcmp(rules[middle]->id, rule->id);
        if (order == 0)
            return (long)middle;
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return -1;
}

static json_t *sarif_message(struct json_builder *builder, const char *text)
{
    json_t *message = json_builder_object(builder);
    json_builder_set(builder, message, "text", json_builder_text(builder, text));
    return message;
}

static json_t *sarif_descriptor(struct json_builder *builder, const struct rule *rule)
{
    json_t *descriptor = json_builder_object(builder);
    json_builder_set(builder, descriptor, "id", json_builder_text(builder, rule->id));
    json_builder_set(builder, descriptor, "shortDescription", sarif_message(builder, rule->title));
    json_builder_set(builder, descriptor, "fullDescription", sarif_message(builder, rule->why));

    /* help carries the fix, which is what a reviewer of an alert needs next. */
    struct strbuf text = STRBUF_INIT, markdown = STRBUF_INIT;
    strbuf_printf(&text, "%s\n\nFix: %s", rule->why ? rule->why : "", rule->fix ? rule->fix : "");
    strbuf_printf(&markdown, "%s\n\n**Fix.** %s", rule->why ? rule->why : "",
                  rule->fix ? rule->fix : "");
    if (rule->reference_count > 0) {
        strbuf_append_str(&text, "\n\nReferences:");
        strbuf_append_str(&markdown, "\n\n**References**\n");
        for (size_t i = 0; i < rule->reference_count; i++) {
            strbuf_printf(&text, "\n- %s", rule->references[i]);
            strbuf_printf(&markdown, "\n- <%s>", rule->references[i]);
        }
    }
    json_t *help = json_builder_object(builder);
    json_builder_set(builder, help, "text", json_builder_text(builder, text.data));
    json_builder_set(builder, help, "markdown", json_builder_text(builder, markdown.data));
    json_builder_set(builder, descriptor, "help", help);
    strbuf_release(&text);
    strbuf_release(&markdown);
    if (rule->reference_count > 0)
        json_builder_set(builder, descriptor, "helpUri",
                         json_builder_text(builder, rule->references[0]));

    json_t *configuration = json_builder_object(builder);
    json_builder_set(builder, configuration, "level", json_string(sarif_level(rule->severity)));
    json_builder_set(builder, descriptor, "defaultConfiguration", configuration);

    json_t *properties = json_builder_object(builder);
    json_t *tags = json_builder_array(builder);
    /* The category id is the tag; GitHub files rules tagged "security",
     * which the security category's id already is. */
    json_builder_append(builder, tags, json_string(category_id(rule->category)));
    json_builder_set(builder, properties, "tags", tags);
    json_builder_set(builder, properties, "precision",
                     json_string(confidence_id(rule->confidence)));
    json_builder_set(builder, properties, "severity", json_string(severity_id(rule->severity)));
    if (rule->category == CATEGORY_SECURITY)
        json_builder_set(builder, properties, "security-severity",
                         json_string(sarif_security_severity(rule->severity)));
    json_builder_set(builder, descriptor, "properties", properties);
    return descriptor;
}

static json_t *sarif_location(struct json_builder *builder, const struct finding *finding)
{
    json_t *artifact = json_builder_object(builder);
    json_builder_set(
        builder, artifact, "uri",
        json_builder_text(builder, finding->file ? finding->file : SARIF_REPOSITORY_URI));
    json_builder_set(builder, artifact, "uriBaseId", json_string("%SRCROOT%"));

    json_t *physical = json_builder_object(builder);
    json_builder_set(builder, physical, "artifactLocation", artifact);
    if (finding->file && finding->line > 0) {
        json_t *region = json_builder_object(builder);
        json_builder_set(builder, region, "startLine", json_integer(finding->line));
        if (finding->column > 0)
            json_builder_set(builder, region, "startColumn", json_integer(finding->column));
        if (finding->snippet && finding->snippet[0]) {
            json_t *snippet = json_builder_object(builder);
            json_builder_set(builder, snippet, "text",
                             json_builder_text(builder, finding->snippet));
            json_builder_set(builder, region, "snippet", snippet);
        }
        json_builder_set(builder, physical, "region", region);
    }
    json_t *location = json_builder_object(builder);
    json_builder_set(builder, location, "physicalLocation", physical);
    json_t *locations = json_builder_array(builder);
    json_builder_append(builder, locations, location);
    return locations;
}

static json_t *sarif_result(struct json_builder *builder, const struct finding *finding,
                            long rule_index, bool with_baseline)
{
    json_t *object = json_builder_object(builder);
    json_builder_set(builder, object, "ruleId", json_builder_text(builder, finding->rule->id));
    json_builder_set(builder, object, "ruleIndex", json_integer(rule_index));
    json_builder_set(builder, object, "level", json_string(sarif_level(finding->severity)));
    json_builder_set(builder, object, "message", sarif_message(builder, finding->message));
    json_builder_set(builder, object, "locations", sarif_location(builder, finding));

    json_t *fingerprints = json_builder_object(builder);
    json_builder_set(builder, fingerprints, SARIF_FINGERPRINT_KEY,
                     json_stringn(finding->fingerprint,
                                  strnlen(finding->fingerprint, sizeof finding->fingerprint - 1)));
    json_builder_set(builder, object, "partialFingerprints", fingerprints);

    /* Code scanning shows suppressed results as dismissed, with the reason:
     * a prodready:ignore comment is "inSource", the config's rules.ignore
     * "external". */
    if (finding->suppression) {
        json_t *suppression = json_builder_object(builder);
        json_builder_set(builder, suppression, "kind",
                         json_string(strcmp(finding->suppression->kind, "inline") == 0
                                         ? "inSource"
                                         : "external"));
        if (finding->suppression->reason)
            json_builder_set(builder, suppression, "justification",
                             json_builder_text(builder, finding->suppression->reason));
        json_t *suppressions = json_builder_array(builder);
        json_builder_append(builder, suppressions, suppression);
        json_builder_set(builder, object, "suppressions", suppressions);
    }
    if (with_baseline)
        json_builder_set(builder, object, "baselineState",
                         json_string(finding->baseline ? "unchanged" : "new"));

    json_t *properties = json_builder_object(builder);
    json_builder_set(builder, properties, "severity", json_string(severity_id(finding->severity)));
    json_builder_set(builder, properties, "category",
                     json_string(category_id(finding->rule->category)));
    json_builder_set(builder, object, "properties", properties);
    return object;
}

static json_t *sarif_build(struct json_builder *builder, const struct audit_result *result,
                           const struct report_options *options)
{
    const struct rule **rules = NULL;
    size_t rule_count = sarif_rules_used(result, &rules);
    if (result->finding_count + result->suppressed_count > 0 && !rules) {
        builder->failed = true;
        return NULL;
    }

    json_t *driver = json_builder_object(builder);
    json_builder_set(builder, driver, "name", json_string("prodready"));
    json_builder_set(
        builder, driver, "version",
        json_builder_text(builder, options && options->version ? options->version : "unknown"));
    json_builder_set(builder, driver, "informationUri", json_string(SARIF_INFORMATION_URI));
    json_t *descriptors = json_builder_array(builder);
    for (size_t i = 0; i < rule_count; i++)
        json_builder_append(builder, descriptors, sarif_descriptor(builder, rules[i]));
    json_builder_set(builder, driver, "rules", descriptors);
    json_t *tool = json_builder_object(builder);
    json_builder_set(builder, tool, "driver", driver);

    json_t *results = json_builder_array(builder);
    bool with_baseline = result->baseline_file != NULL;
    for (size_t i = 0; i < result->finding_count; i++) {
        const struct finding *finding = &result->findings[i];
        json_builder_append(builder, results,
                            sarif_result(builder, finding,
                                         sarif_rule_index(rules, rule_count, finding->rule),
                                         with_baseline));
    }
    for (size_t i = 0; i < result->suppressed_count; i++) {
        const struct finding *finding = &result->suppressed[i];
        json_builder_append(builder, results,
                            sarif_result(builder, finding,
                                         sarif_rule_index(rules, rule_count, finding->rule),
                                         false));
    }
    free(rules);

    json_t *run = json_builder_object(builder);
    json_builder_set(builder, run, "tool", tool);
    json_builder_set(builder, run, "columnKind", json_string("unicodeCodePoints"));
    json_builder_set(builder, run, "results", results);
    json_t *runs = json_builder_array(builder);
    json_builder_append(builder, runs, run);

    json_t *root = json_builder_object(builder);
    json_builder_set(builder, root, "$schema", json_string(SARIF_SCHEMA_URI));
    json_builder_set(builder, root, "version", json_string("2.1.0"));
    json_builder_set(builder, root, "runs", runs);
    return root;
}

int report_sarif_write(const struct audit_result *result, const struct report_options *options,
                       FILE *out)
{
    if (!result || !out) {
        errno = EINVAL;
        return -1;
    }
    struct json_builder builder = JSON_BUILDER_INIT;
    json_t *root = sarif_build(&builder, result, options);
    int status = json_builder_dump(&builder, root, out);
    json_builder_release(&builder);
    return status;
}
