/*
 * report/json: the machine-readable report, schema prodready/report/v1
 * (DESIGN.md "JSON report contract"; docs/report.schema.json describes it).
 *
 * The output is one JSON object whose keys come in a fixed order and whose
 * values derive from the audit result alone, so two audits of the same tree
 * give byte-identical output apart from the "timing" member. This file must
 * not compute scores, verdicts or plans, must not reorder anything, and must
 * not put a clock- or address-dependent value anywhere outside "timing".
 */
#include "analyzers/deps_common.h"
#include "report/json_builder.h"
#include "report/report.h"
#include "score/score.h"
#include "util/strbuf.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#ifndef PRODREADY_VERSION
#define PRODREADY_VERSION "unknown"
#endif

#define REPORT_JSON_SCHEMA "prodready/report/v1"

/* grade is a char[3] that need not be terminated when all three bytes are used. */
static json_t *report_json_grade(struct json_builder *builder, const char grade[3])
{
    char copy[4];
    size_t length = strnlen(grade, 3);

    memcpy(copy, grade, length);
    copy[length] = '\0';
    return json_builder_string(builder, copy);
}

/* Lines and columns are 1-based; 0 (or anything below) means "none". */
static json_t *report_json_position(int value)
{
    return value > 0 ? json_integer(value) : json_null();
}

/* Rounds to `scale` (10 = one decimal). Non-finite values, which jansson
 * cannot represent, become 0; adding 0.0 turns -0.0 into +0.0 so "-0.0" can
 * never appear. */
static json_t *report_json_real(double value, double scale)
{
    if (!isfinite(value))
        value = 0.0;
    double rounded = round(value * scale) / scale;
    if (!isfinite(rounded))
        rounded = value;
    return json_real(rounded + 0.0);
}

static json_t *report_json_evidence(struct json_builder *builder, const struct evidence *evidence,
                                    bool with_note)
{
    json_t *object = json_builder_object(builder);

    json_builder_set(builder, object, "file", json_builder_string(builder, evidence->file));
    json_builder_set(builder, object, "line", report_json_position(evidence->line));
    if (with_note)
        json_builder_set(builder, object, "note", json_builder_string(builder, evidence->note));
    return object;
}

static json_t *report_json_target(struct json_builder *builder, const struct audit_result *result)
{
    json_t *target = json_builder_object(builder);

    json_builder_set(builder, target, "path", json_builder_text(builder, result->path));
    json_builder_set(builder, target, "commit", json_builder_string(builder, result->commit));
    json_builder_set(builder, target, "files", json_builder_count(result->files));
    json_builder_set(builder, target, "bytes", json_builder_count(result->bytes));
    json_builder_set(builder, target, "kind", json_string(project_kind_id(result->kind)));

    json_t *evidence = json_builder_array(builder);
    for (size_t i = 0; result->kind_evidence && i < result->kind_evidence_count; i++)
        json_builder_append(builder, evidence,
                            report_json_evidence(builder, &result->kind_evidence[i], false));
    json_builder_set(builder, target, "kind_evidence", evidence);

    const struct skipped_counts *skipped = &result->skipped;
    json_t *skip = json_builder_object(builder);
    json_builder_set(builder, skip, "binary", json_builder_count(skipped->binary));
    json_builder_set(builder, skip, "too_large", json_builder_count(skipped->too_large));
    json_builder_set(builder, skip, "vendored", json_builder_count(skipped->vendored));
    json_builder_set(builder, skip, "generated", json_builder_count(skipped->generated));
    json_builder_set(builder, skip, "unreadable", json_builder_count(skipped->unreadable));
    json_builder_set(builder, skip, "symlink", json_builder_count(skipped->symlink));
    json_builder_set(builder, skip, "unparsed", json_builder_count(skipped->unparsed));
    json_builder_set(builder, skip, "excluded", json_builder_count(skipped->excluded));
    json_builder_set(builder, target, "skipped", skip);

    json_t *languages = json_builder_array(builder);
    for (size_t i = 0; result->languages && i < result->language_count; i++) {
        const struct language_stats *stats = &result->languages[i];
        json_t *language = json_builder_object(builder);
        json_builder_set(builder, language, "name", json_builder_text(builder, stats->name));
        json_builder_set(builder, language, "files", json_builder_count(stats->files));
        json_builder_set(builder, language, "code", json_builder_count(stats->lines.code));
        json_builder_set(builder, language, "comment", json_builder_count(stats->lines.comment));
        json_builder_set(builder, language, "blank", json_builder_count(stats->lines.blank));
        json_builder_append(builder, languages, language);
    }
    json_builder_set(builder, target, "languages", languages);
    return target;
}

static json_t *report_json_categories(struct json_builder *builder,
                                      const struct audit_result *result)
{
    json_t *categories = json_builder_array(builder);

    for (int i = 0; i < CATEGORY_COUNT; i++) {
        const struct category_result *category = &result->categories[i];
        json_t *entry = json_builder_object(builder);

        json_builder_set(builder, entry, "id", json_string(category_id((enum category)i)));
        json_builder_set(builder, entry, "title", json_string(category_title((enum category)i)));
        /* A score of a category with nothing to audit is meaningless (model.h),
         * so it must not look like a number a consumer could average. */
        json_builder_set(builder, entry, "score",
                         category->applicable ? json_integer(category->score) : json_null());
        json_builder_set(builder, entry, "grade",
                         category->applicable ? report_json_grade(builder, category->grade)
                                              : json_null());
        json_builder_set(builder, entry, "applicable", json_boolean(category->applicable));
        json_builder_set(builder, entry, "checked", json_boolean(category->checked));
        json_builder_set(builder, entry, "findings", json_builder_count(category->findings));
        json_builder_set(builder, entry, "deductions", json_integer(category->deductions));
        json_builder_append(builder, categories, entry);
    }
    return categories;
}

/* `with_baseline`: the audit compared against a baseline, so every finding
 * says whether it is new ("baseline": false) or known (true). */
static json_t *report_json_finding(struct json_builder *builder, const struct finding *finding,
                                   bool with_baseline)
{
    const struct rule *rule = finding->rule;
    json_t *object = json_builder_object(builder);

    /* A finding always has a rule (finding_compare relies on it); the guards
     * only keep a broken result from crashing the writer. */
    json_builder_set(builder, object, "rule", json_builder_string(builder, rule ? rule->id : NULL));
    json_builder_set(builder, object, "category",
                     rule ? json_string(category_id(rule->category)) : json_null());
    json_builder_set(builder, object, "severity", json_string(severity_id(finding->severity)));
    json_builder_set(builder, object, "confidence",
                     rule ? json_string(confidence_id(rule->confidence)) : json_null());
    json_builder_set(builder, object, "title",
                     json_builder_text(builder, rule ? rule->title : NULL));
    json_builder_set(builder, object, "file", json_builder_string(builder, finding->file));
    json_builder_set(builder, object, "line", report_json_position(finding->line));
    json_builder_set(builder, object, "column", report_json_position(finding->column));
    json_builder_set(builder, object, "message", json_builder_text(builder, finding->message));
    json_builder_set(builder, object, "snippet", json_builder_string(builder, finding->snippet));
    json_builder_set(builder, object, "fingerprint",
                     json_stringn(finding->fingerprint,
                                  strnlen(finding->fingerprint, sizeof finding->fingerprint - 1)));
    json_builder_set(builder, object, "effort_minutes",
                     json_integer(rule ? rule->effort_minutes : 0));
    if (with_baseline)
        json_builder_set(builder, object, "baseline", json_boolean(finding->baseline));
    if (finding->suppression) {
        const struct suppression *suppression = finding->suppression;
        json_t *why = json_builder_object(builder);
        json_builder_set(builder, why, "kind", json_builder_text(builder, suppression->kind));
        json_builder_set(builder, why, "file", json_builder_string(builder, suppression->file));
        json_builder_set(builder, why, "line", report_json_position(suppression->line));
        json_builder_set(builder, why, "reason", json_builder_string(builder, suppression->reason));
        json_builder_set(builder, object, "suppression", why);
    }
    /* Only findings of the --history scan have a commit: where the secret
     * was added, for whoever must rotate it. */
    if (finding->commit) {
        const struct finding_commit *commit = finding->commit;
        json_t *where = json_builder_object(builder);
        json_builder_set(builder, where, "sha", json_builder_string(builder, commit->sha));
        json_builder_set(builder, where, "short", json_builder_string(builder, commit->short_sha));
        json_builder_set(builder, where, "author", json_builder_string(builder, commit->author));
        json_builder_set(builder, where, "date", json_builder_string(builder, commit->date));
        json_builder_set(builder, object, "commit", where);
    }
    return object;
}

static json_t *report_json_check(struct json_builder *builder, const struct check *check)
{
    json_t *object = json_builder_object(builder);

    json_builder_set(builder, object, "id", json_builder_text(builder, check->id));
    json_builder_set(builder, object, "category", json_string(category_id(check->category)));
    json_builder_set(builder, object, "status", json_string(check_status_id(check->status)));
    json_builder_set(builder, object, "title", json_builder_text(builder, check->title));
    json_builder_set(builder, object, "summary", json_builder_text(builder, check->summary));

    json_t *evidence = json_builder_array(builder);
    for (size_t i = 0; check->evidence && i < check->evidence_count; i++)
        json_builder_append(builder, evidence,
                            report_json_evidence(builder, &check->evidence[i], true));
    json_builder_set(builder, object, "evidence", evidence);
    json_builder_set(builder, object, "rule", json_builder_string(builder, check->rule_id));
    return object;
}

/* A ratio of two counts, or null when the denominator is 0. */
static json_t *report_json_ratio(uint64_t numerator, uint64_t denominator)
{
    return denominator ? report_json_real((double)numerator / (double)denominator, 100)
                       : json_null();
}

static void report_json_tests(struct json_builder *builder, json_t *tests,
                              const struct audit_result *result)
{
    const struct testing_metrics *testing = &result->testing;
    json_builder_set(builder, tests, "code_lines", json_builder_count(testing->test_code_lines));
    json_builder_set(builder, tests, "source_files", json_builder_count(testing->source_files));
    json_builder_set(builder, tests, "source_code_lines",
                     json_builder_count(testing->source_code_lines));
    json_builder_set(builder, tests, "file_ratio",
                     report_json_ratio(result->test_files, testing->source_files));
    json_builder_set(builder, tests, "line_ratio",
                     report_json_ratio(testing->test_code_lines, testing->source_code_lines));
    json_builder_set(builder, tests, "cases", json_builder_count(testing->test_cases));
    json_builder_set(builder, tests, "skipped", json_builder_count(testing->skipped));
    if (!testing->results_read) {
        json_builder_set(builder, tests, "results", json_null());
        return;
    }
    json_t *results = json_builder_object(builder);
    json_builder_set(builder, results, "tests", json_builder_count(testing->tests));
    json_builder_set(builder, results, "failures", json_builder_count(testing->failures));
    json_builder_set(builder, results, "errors", json_builder_count(testing->errors));
    json_builder_set(builder, results, "skipped", json_builder_count(testing->results_skipped));
    json_builder_set(builder, results, "time", report_json_real(testing->time_seconds, 1000));
    json_t *sources = json_builder_array(builder);
    for (size_t i = 0; i < testing->result_source_count; i++)
        json_builder_append(builder, sources,
                            json_builder_string(builder, testing->result_sources[i]));
    json_builder_set(builder, results, "sources", sources);
    json_builder_set(builder, tests, "results", results);
}

static json_t *report_json_coverage(struct json_builder *builder,
                                    const struct testing_metrics *testing)
{
    json_t *coverage = json_builder_object(builder);
    json_builder_set(builder, coverage, "line_percent",
                     testing->coverage_measured ? report_json_real(testing->line_percent, 10)
                                                : json_null());
    json_builder_set(builder, coverage, "branch_percent",
                     testing->branch_measured ? report_json_real(testing->branch_percent, 10)
                                              : json_null());
    json_builder_set(builder, coverage, "lines_covered",
                     json_builder_count(testing->lines_covered));
    json_builder_set(builder, coverage, "lines_total", json_builder_count(testing->lines_total));
    json_builder_set(builder, coverage, "branches_covered",
                     json_builder_count(testing->branches_covered));
    json_builder_set(builder, coverage, "branches_total",
                     json_builder_count(testing->branches_total));
    json_builder_set(builder, coverage, "target", report_json_real(testing->coverage_target, 10));
    json_t *files = json_builder_array(builder);
    for (size_t i = 0; i < testing->least_covered_count; i++) {
        const struct coverage_file_percent *file = &testing->least_covered[i];
        json_t *object = json_builder_object(builder);
        json_builder_set(builder, object, "file", json_builder_string(builder, file->file));
        json_builder_set(builder, object, "percent", report_json_real(file->percent, 10));
        json_builder_set(builder, object, "covered", json_builder_count(file->covered));
        json_builder_set(builder, object, "total", json_builder_count(file->total));
        json_builder_append(builder, files, object);
    }
    json_builder_set(builder, coverage, "files", files);
    json_t *sources = json_builder_array(builder);
    for (size_t i = 0; i < testing->coverage_source_count; i++)
        json_builder_append(builder, sources,
                            json_builder_string(builder, testing->coverage_sources[i]));
    json_builder_set(builder, coverage, "sources", sources);
    return coverage;
}

static json_t *report_json_metrics(struct json_builder *builder, const struct audit_result *result)
{
    json_t *metrics = json_builder_object(builder);
    json_t *tests = json_builder_object(builder);

    json_builder_set(builder, tests, "files", json_builder_count(result->test_files));
    report_json_tests(builder, tests, result);
    json_builder_set(builder, metrics, "tests", tests);
    json_builder_set(builder, metrics, "todo", json_builder_count(result->todo_count));
    json_builder_set(builder, metrics, "rules_run", json_builder_count(result->rules_run));
    /* null means "not measured", which a consumer must not read as 0 %. */
    const struct testing_metrics *testing = &result->testing;
    json_builder_set(builder, metrics, "coverage_percent",
                     testing->coverage_measured ? report_json_real(testing->line_percent, 10)
                                                : json_null());
    json_builder_set(builder, metrics, "coverage", report_json_coverage(builder, testing));
    return metrics;
}

static json_t *report_json_plan_item(struct json_builder *builder, const struct plan_item *item)
{
    json_t *object = json_builder_object(builder);
    json_builder_set(builder, object, "rule", json_builder_text(builder, item->rule->id));
    json_builder_set(builder, object, "title", json_builder_text(builder, item->rule->title));
    json_builder_set(builder, object, "file", json_builder_string(builder, item->file));
    json_builder_set(builder, object, "line", report_json_position(item->line));
    json_builder_set(builder, object, "severity", json_string(severity_id(item->severity)));
    json_builder_set(builder, object, "phase", json_integer(item->phase));
    json_builder_set(builder, object, "findings", json_builder_count(item->finding_count));
    json_builder_set(builder, object, "hours", report_json_real(item->hours, 10));
    return object;
}

static json_t *report_json_plan(struct json_builder *builder, const struct audit_result *result)
{
    json_t *plan = json_builder_object(builder);

    json_builder_set(builder, plan, "total_hours", report_json_real(result->plan_total_hours, 10));
    /* A developer-day is 8 hours (DESIGN.md "remediation plan"); derived from
     * the unrounded total so the two rounded numbers stay consistent. */
    json_builder_set(builder, plan, "debt_days",
                     report_json_real(result->plan_total_hours / 8.0, 10));

    json_t *phases = json_builder_array(builder);
    for (size_t i = 0; result->phases && i < result->phase_count; i++) {
        const struct plan_phase *phase = &result->phases[i];
        json_t *object = json_builder_object(builder);
        json_builder_set(builder, object, "id", json_integer(phase->id));
        json_builder_set(builder, object, "name", json_builder_text(builder, phase->name));
        json_builder_set(builder, object, "hours", report_json_real(phase->hours, 10));

        json_t *fingerprints = json_builder_array(builder);
        for (size_t j = 0; phase->fingerprints && j < phase->finding_count; j++) {
            if (phase->fingerprints[j])
                json_builder_append(builder, fingerprints,
                                    json_builder_string(builder, phase->fingerprints[j]));
        }
        json_builder_set(builder, object, "findings", fingerprints);
        json_builder_append(builder, phases, object);
    }
    json_builder_set(builder, plan, "phases", phases);

    json_t *items = json_builder_array(builder);
    for (size_t i = 0; result->plan_items && i < result->plan_item_count; i++)
        json_builder_append(builder, items, report_json_plan_item(builder, &result->plan_items[i]));
    json_builder_set(builder, plan, "items", items);

    const struct plan_settings *settings = &result->plan_settings;
    json_builder_set(builder, plan, "capacity_hours_per_week",
                     report_json_real(settings->capacity_hours, 10));
    json_builder_set(builder, plan, "team", json_integer(settings->team));
    json_t *schedule = json_builder_array(builder);
    for (size_t i = 0; result->plan_weeks && i < result->plan_week_count; i++) {
        const struct plan_week *week = &result->plan_weeks[i];
        json_t *object = json_builder_object(builder);
        json_builder_set(builder, object, "week", json_integer(week->week));
        json_builder_set(builder, object, "hours", report_json_real(week->hours, 10));
        json_t *week_phases = json_builder_array(builder);
        for (int p = 1; p <= PLAN_PHASE_COUNT; p++) {
            if (!(week->phase_hours[p] > 0))
                continue;
            json_t *entry = json_builder_object(builder);
            json_builder_set(builder, entry, "id", json_integer(p));
            json_builder_set(builder, entry, "hours", report_json_real(week->phase_hours[p], 10));
            json_builder_append(builder, week_phases, entry);
        }
        json_builder_set(builder, object, "phases", week_phases);
        json_builder_append(builder, schedule, object);
    }
    json_builder_set(builder, plan, "weeks", json_builder_count(result->plan_week_count));
    json_builder_set(builder, plan, "schedule", schedule);
    /* Without a rate there is no cost: null, never a 0 a reader could take
     * for "free". */
    json_builder_set(builder, plan, "hourly_rate",
                     settings->hourly_rate > 0 ? report_json_real(settings->hourly_rate, 100)
                                               : json_null());
    json_builder_set(builder, plan, "cost",
                     settings->hourly_rate > 0 ? report_json_real(result->plan_cost, 100)
                                               : json_null());
    json_builder_set(builder, plan, "next_step",
                     result->next_step ? report_json_plan_item(builder, result->next_step)
                                       : json_null());
    return plan;
}

/* ---- dependencies: the "deps.dependency" facts (analyzers/deps_common.h) ---- */

struct report_json_dependency {
    char *fields[5]; /* ecosystem, name, spec, version, direct */
    const char *file;
    int line;
};

static int report_json_dependency_compare(const void *a, const void *b)
{
    const struct report_json_dependency *left = a, *right = b;
    for (int i = 0; i < 2; i++) {
        int order = strcmp(left->fields[i], right->fields[i]);
        if (order)
            return order;
    }
    int order = strcmp(left->file ? left->file : "", right->file ? right->file : "");
    if (order)
        return order;
    order = (left->line > right->line) - (left->line < right->line);
    return order ? order : strcmp(left->fields[2], right->fields[2]);
}

/* Sorted by ecosystem, name, file and line, so the order never depends on
 * the order files were analysed in. */
static json_t *report_json_dependencies(struct json_builder *builder,
                                        const struct audit_result *result)
{
    json_t *array = json_builder_array(builder);
    size_t count = 0;
    for (size_t i = 0; result->facts && i < result->fact_count; i++)
        count += strcmp(result->facts[i].key, "deps.dependency") == 0 && result->facts[i].value;
    if (!count)
        return array;
    struct report_json_dependency *entries = calloc(count, sizeof(*entries));
    if (!entries) {
        builder->failed = true;
        return array;
    }
    size_t used = 0;
    for (size_t i = 0; i < result->fact_count && used < count; i++) {
        const struct fact *fact = &result->facts[i];
        if (strcmp(fact->key, "deps.dependency") != 0 || !fact->value)
            continue;
        struct report_json_dependency *entry = &entries[used];
        const char *p = fact->value;
        bool complete = true;
        for (int f = 0; f < 5; f++) {
            size_t length = strcspn(p, "\t");
            entry->fields[f] = strndup(p, length);
            complete = complete && entry->fields[f] && (f == 4 || p[length] == '\t');
            p += length + (p[length] == '\t');
        }
        entry->file = fact->file;
        entry->line = fact->line;
        if (complete) {
            used++;
        } else {
            for (int f = 0; f < 5; f++)
                free(entry->fields[f]);
            memset(entry, 0, sizeof(*entry));
        }
    }
    qsort(entries, used, sizeof(*entries), report_json_dependency_compare);
    /* A lockfile entry is direct when the manifest beside it declares it. */
    struct deps_declared *declared = deps_declared_build(result->facts, result->fact_count);
    for (size_t i = 0; i < used; i++) {
        struct report_json_dependency *entry = &entries[i];
        bool direct =
            strcmp(entry->fields[4], "1") == 0 ||
            (entry->file && deps_is_lockfile(entry->file) &&
             deps_declared_has(declared, entry->file, entry->fields[0], entry->fields[1]));
        json_t *object = json_builder_object(builder);
        json_builder_set(builder, object, "ecosystem",
                         json_builder_text(builder, entry->fields[0]));
        json_builder_set(builder, object, "name", json_builder_text(builder, entry->fields[1]));
        json_builder_set(builder, object, "version",
                         entry->fields[3][0] ? json_builder_string(builder, entry->fields[3])
                                             : json_null());
        json_builder_set(builder, object, "spec", json_builder_text(builder, entry->fields[2]));
        json_builder_set(builder, object, "direct", json_boolean(direct));
        json_builder_set(builder, object, "file", json_builder_string(builder, entry->file));
        json_builder_set(builder, object, "line", report_json_position(entry->line));
        json_builder_append(builder, array, object);
        for (int f = 0; f < 5; f++)
            free(entry->fields[f]);
    }
    deps_declared_free(declared);
    free(entries);
    return array;
}

static json_t *report_json_build(struct json_builder *builder, const struct audit_result *result,
                                 const struct report_options *options)
{
    json_t *root = json_builder_object(builder);
    const char *version = options && options->version ? options->version : PRODREADY_VERSION;

    json_builder_set(builder, root, "schema", json_string(REPORT_JSON_SCHEMA));

    json_t *tool = json_builder_object(builder);
    json_builder_set(builder, tool, "name", json_string("prodready"));
    json_builder_set(builder, tool, "version", json_builder_string(builder, version));
    json_builder_set(builder, root, "tool", tool);

    json_builder_set(builder, root, "target", report_json_target(builder, result));
    json_builder_set(builder, root, "score", json_integer(result->score));
    json_builder_set(builder, root, "grade", report_json_grade(builder, result->grade));
    /* Scoring always sets the verdict; null (which the schema rejects) makes a
     * missing one visible instead of inventing a value here. */
    json_builder_set(builder, root, "verdict", json_builder_string(builder, result->verdict));
    json_builder_set(builder, root, "risk", json_builder_string(builder, result->risk));
    json_t *reasons = json_builder_array(builder);
    for (size_t i = 0; result->verdict_reasons && i < result->verdict_reason_count; i++) {
        const struct finding *finding = result->verdict_reasons[i];
        json_t *reason = json_builder_object(builder);
        json_builder_set(builder, reason, "rule", json_builder_text(builder, finding->rule->id));
        json_builder_set(builder, reason, "file", json_builder_string(builder, finding->file));
        json_builder_set(builder, reason, "line", report_json_position(finding->line));
        json_builder_set(
            builder, reason, "fingerprint",
            json_stringn(finding->fingerprint,
                         strnlen(finding->fingerprint, sizeof finding->fingerprint - 1)));
        json_builder_append(builder, reasons, reason);
    }
    json_builder_set(builder, root, "verdict_reasons", reasons);
    json_builder_set(builder, root, "categories", report_json_categories(builder, result));

    json_t *findings = json_builder_array(builder);
    bool with_baseline = result->baseline_file != NULL;
    for (size_t i = 0; result->findings && i < result->finding_count; i++)
        json_builder_append(builder, findings,
                            report_json_finding(builder, &result->findings[i], with_baseline));
    json_builder_set(builder, root, "findings", findings);

    /* Suppressed findings stay visible, apart from the ones that count. */
    json_t *suppressed = json_builder_array(builder);
    for (size_t i = 0; result->suppressed && i < result->suppressed_count; i++)
        json_builder_append(builder, suppressed,
                            report_json_finding(builder, &result->suppressed[i], false));
    json_builder_set(builder, root, "suppressed", suppressed);
    if (with_baseline) {
        json_t *baseline = json_builder_object(builder);
        json_builder_set(builder, baseline, "file",
                         json_builder_string(builder, result->baseline_file));
        json_builder_set(builder, baseline, "new", json_builder_count(result->baseline_new));
        json_builder_set(builder, baseline, "known", json_builder_count(result->baseline_known));
        json_builder_set(builder, baseline, "fixed", json_builder_count(result->baseline_fixed));
        json_builder_set(builder, root, "baseline", baseline);
    }

    json_t *checks = json_builder_array(builder);
    for (size_t i = 0; result->checks && i < result->check_count; i++)
        json_builder_append(builder, checks, report_json_check(builder, &result->checks[i]));
    json_builder_set(builder, root, "checks", checks);
    json_builder_set(builder, root, "dependencies", report_json_dependencies(builder, result));

    json_builder_set(builder, root, "metrics", report_json_metrics(builder, result));
    json_builder_set(builder, root, "plan", report_json_plan(builder, result));

    json_t *targets = json_builder_array(builder);
    for (size_t i = 0; result->targets && i < result->target_count; i++) {
        const struct target *target = &result->targets[i];
        json_t *entry = json_builder_object(builder);
        json_builder_set(builder, entry, "id", json_builder_text(builder, target->id));
        json_builder_set(builder, entry, "target", json_builder_text(builder, target->text));
        json_builder_set(builder, entry, "actual", json_builder_text(builder, target->actual));
        json_builder_set(builder, entry, "status", json_string(target_status_id(target->status)));
        json_builder_append(builder, targets, entry);
    }
    json_builder_set(builder, root, "targets", targets);

    json_t *warnings = json_builder_array(builder);
    for (size_t i = 0; result->warnings && i < result->warning_count; i++) {
        if (result->warnings[i])
            json_builder_append(builder, warnings,
                                json_builder_string(builder, result->warnings[i]));
    }
    json_builder_set(builder, root, "warnings", warnings);

    /* Everything that depends on the clock lives here and only here, so a
     * comparison of two runs can drop this one member. */
    json_t *timing = json_builder_object(builder);
    json_builder_set(
        builder, timing, "duration_seconds",
        report_json_real(result->duration_seconds < 0 ? 0 : result->duration_seconds, 1000));
    json_builder_set(builder, timing, "timestamp", json_builder_string(builder, result->timestamp));
    json_builder_set(builder, root, "timing", timing);
    return root;
}

int report_json_write(const struct audit_result *result, const struct report_options *options,
                      FILE *out)
{
    if (!result || !out) {
        errno = EINVAL;
        return -1;
    }

    struct json_builder builder = JSON_BUILDER_INIT;
    json_t *root = report_json_build(&builder, result, options);
    int status = json_builder_dump(&builder, root, out);
    json_builder_release(&builder);
    return status;
}
