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
#include "report/report.h"
#include "util/utf8.h"
#include "util/strbuf.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#ifndef PRODREADY_VERSION
#define PRODREADY_VERSION "unknown"
#endif

#define REPORT_JSON_SCHEMA "prodready/report/v1"

#if JSON_INTEGER_IS_LONG_LONG
#define REPORT_JSON_INTEGER_MAX LLONG_MAX
#else
#define REPORT_JSON_INTEGER_MAX LONG_MAX
#endif

/* 15 significant digits print a value rounded to 0.1 as "9.3", where
 * jansson's default of 17 would print 9.3000000000000007. */
#define REPORT_JSON_FLAGS (JSON_PRESERVE_ORDER | JSON_INDENT(2) | JSON_REAL_PRECISION(15))

/* jansson reports allocation failure as a NULL value. Rather than check every
 * call, the builder keeps the failure sticky and the writer checks it once. */
struct report_json_builder {
    bool failed;
    struct strbuf scratch; /* sanitized copy of the string being added */
};

/* Length of the well-formed UTF-8 sequence at s, or 0 (util/utf8.h). */
static size_t report_json_utf8_length(const unsigned char *s, size_t available)
{
    uint32_t code;
    return utf8_decode(s, available, &code);
}

/* A JSON string for text, or null for NULL. Analyzers copy bytes from the
 * audited files, which may be in any encoding; jansson refuses invalid UTF-8,
 * so each byte that starts no valid sequence becomes U+FFFD. */
static json_t *report_json_string(struct report_json_builder *builder, const char *text)
{
    if (!text)
        return json_null();

    const unsigned char *bytes = (const unsigned char *)text;
    size_t length = strlen(text);
    size_t valid = 0;
    size_t step;

    while (valid < length && (step = report_json_utf8_length(bytes + valid, length - valid)))
        valid += step;
    if (valid == length)
        return json_stringn(text, length);

    strbuf_reset(&builder->scratch);
    strbuf_append(&builder->scratch, text, valid);
    for (size_t i = valid; i < length;) {
        step = report_json_utf8_length(bytes + i, length - i);
        if (step) {
            strbuf_append(&builder->scratch, text + i, step);
            i += step;
        } else {
            strbuf_append(&builder->scratch, "\xef\xbf\xbd", 3);
            i++;
        }
    }
    return json_stringn(builder->scratch.data, builder->scratch.length);
}

/* For fields the contract types as a plain string: NULL renders as "". */
static json_t *report_json_text(struct report_json_builder *builder, const char *text)
{
    return report_json_string(builder, text ? text : "");
}

/* grade is a char[3] that need not be terminated when all three bytes are used. */
static json_t *report_json_grade(struct report_json_builder *builder, const char grade[3])
{
    char copy[4];
    size_t length = strnlen(grade, 3);

    memcpy(copy, grade, length);
    copy[length] = '\0';
    return report_json_string(builder, copy);
}

static json_t *report_json_count(uint64_t value)
{
    /* json_int_t is signed; a count beyond its range cannot occur in a real
     * audit, but clamping keeps the output a valid non-negative integer. */
    if (value > (uint64_t)REPORT_JSON_INTEGER_MAX)
        value = (uint64_t)REPORT_JSON_INTEGER_MAX;
    return json_integer((json_int_t)value);
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

static void report_json_set(struct report_json_builder *builder, json_t *object, const char *key,
                            json_t *value)
{
    /* json_object_set_new releases value on every failure path, including a
     * NULL object. */
    if (json_object_set_new(object, key, value) != 0)
        builder->failed = true;
}

static void report_json_append(struct report_json_builder *builder, json_t *array, json_t *value)
{
    if (json_array_append_new(array, value) != 0)
        builder->failed = true;
}

static json_t *report_json_object(struct report_json_builder *builder)
{
    json_t *object = json_object();
    if (!object)
        builder->failed = true;
    return object;
}

static json_t *report_json_array(struct report_json_builder *builder)
{
    json_t *array = json_array();
    if (!array)
        builder->failed = true;
    return array;
}

static json_t *report_json_evidence(struct report_json_builder *builder,
                                    const struct evidence *evidence, bool with_note)
{
    json_t *object = report_json_object(builder);

    report_json_set(builder, object, "file", report_json_string(builder, evidence->file));
    report_json_set(builder, object, "line", report_json_position(evidence->line));
    if (with_note)
        report_json_set(builder, object, "note", report_json_string(builder, evidence->note));
    return object;
}

static json_t *report_json_target(struct report_json_builder *builder,
                                  const struct audit_result *result)
{
    json_t *target = report_json_object(builder);

    report_json_set(builder, target, "path", report_json_text(builder, result->path));
    report_json_set(builder, target, "commit", report_json_string(builder, result->commit));
    report_json_set(builder, target, "files", report_json_count(result->files));
    report_json_set(builder, target, "bytes", report_json_count(result->bytes));
    report_json_set(builder, target, "kind", json_string(project_kind_id(result->kind)));

    json_t *evidence = report_json_array(builder);
    for (size_t i = 0; result->kind_evidence && i < result->kind_evidence_count; i++)
        report_json_append(builder, evidence,
                           report_json_evidence(builder, &result->kind_evidence[i], false));
    report_json_set(builder, target, "kind_evidence", evidence);

    const struct skipped_counts *skipped = &result->skipped;
    json_t *skip = report_json_object(builder);
    report_json_set(builder, skip, "binary", report_json_count(skipped->binary));
    report_json_set(builder, skip, "too_large", report_json_count(skipped->too_large));
    report_json_set(builder, skip, "vendored", report_json_count(skipped->vendored));
    report_json_set(builder, skip, "generated", report_json_count(skipped->generated));
    report_json_set(builder, skip, "unreadable", report_json_count(skipped->unreadable));
    report_json_set(builder, skip, "symlink", report_json_count(skipped->symlink));
    report_json_set(builder, target, "skipped", skip);

    json_t *languages = report_json_array(builder);
    for (size_t i = 0; result->languages && i < result->language_count; i++) {
        const struct language_stats *stats = &result->languages[i];
        json_t *language = report_json_object(builder);
        report_json_set(builder, language, "name", report_json_text(builder, stats->name));
        report_json_set(builder, language, "files", report_json_count(stats->files));
        report_json_set(builder, language, "code", report_json_count(stats->lines.code));
        report_json_set(builder, language, "comment", report_json_count(stats->lines.comment));
        report_json_set(builder, language, "blank", report_json_count(stats->lines.blank));
        report_json_append(builder, languages, language);
    }
    report_json_set(builder, target, "languages", languages);
    return target;
}

static json_t *report_json_categories(struct report_json_builder *builder,
                                      const struct audit_result *result)
{
    json_t *categories = report_json_array(builder);

    for (int i = 0; i < CATEGORY_COUNT; i++) {
        const struct category_result *category = &result->categories[i];
        json_t *entry = report_json_object(builder);

        report_json_set(builder, entry, "id", json_string(category_id((enum category)i)));
        report_json_set(builder, entry, "title", json_string(category_title((enum category)i)));
        /* A score of a category with nothing to audit is meaningless (model.h),
         * so it must not look like a number a consumer could average. */
        report_json_set(builder, entry, "score",
                        category->applicable ? json_integer(category->score) : json_null());
        report_json_set(builder, entry, "grade",
                        category->applicable ? report_json_grade(builder, category->grade)
                                             : json_null());
        report_json_set(builder, entry, "applicable", json_boolean(category->applicable));
        report_json_set(builder, entry, "checked", json_boolean(category->checked));
        report_json_set(builder, entry, "findings", report_json_count(category->findings));
        report_json_set(builder, entry, "deductions", json_integer(category->deductions));
        report_json_append(builder, categories, entry);
    }
    return categories;
}

static json_t *report_json_finding(struct report_json_builder *builder,
                                   const struct finding *finding)
{
    const struct rule *rule = finding->rule;
    json_t *object = report_json_object(builder);

    /* A finding always has a rule (finding_compare relies on it); the guards
     * only keep a broken result from crashing the writer. */
    report_json_set(builder, object, "rule", report_json_string(builder, rule ? rule->id : NULL));
    report_json_set(builder, object, "category",
                    rule ? json_string(category_id(rule->category)) : json_null());
    report_json_set(builder, object, "severity", json_string(severity_id(finding->severity)));
    report_json_set(builder, object, "confidence",
                    rule ? json_string(confidence_id(rule->confidence)) : json_null());
    report_json_set(builder, object, "title", report_json_text(builder, rule ? rule->title : NULL));
    report_json_set(builder, object, "file", report_json_string(builder, finding->file));
    report_json_set(builder, object, "line", report_json_position(finding->line));
    report_json_set(builder, object, "column", report_json_position(finding->column));
    report_json_set(builder, object, "message", report_json_text(builder, finding->message));
    report_json_set(builder, object, "snippet", report_json_string(builder, finding->snippet));
    report_json_set(builder, object, "fingerprint",
                    json_stringn(finding->fingerprint,
                                 strnlen(finding->fingerprint, sizeof finding->fingerprint - 1)));
    report_json_set(builder, object, "effort_minutes",
                    json_integer(rule ? rule->effort_minutes : 0));
    return object;
}

static json_t *report_json_check(struct report_json_builder *builder, const struct check *check)
{
    json_t *object = report_json_object(builder);

    report_json_set(builder, object, "id", report_json_text(builder, check->id));
    report_json_set(builder, object, "category", json_string(category_id(check->category)));
    report_json_set(builder, object, "status", json_string(check_status_id(check->status)));
    report_json_set(builder, object, "title", report_json_text(builder, check->title));
    report_json_set(builder, object, "summary", report_json_text(builder, check->summary));

    json_t *evidence = report_json_array(builder);
    for (size_t i = 0; check->evidence && i < check->evidence_count; i++)
        report_json_append(builder, evidence,
                           report_json_evidence(builder, &check->evidence[i], true));
    report_json_set(builder, object, "evidence", evidence);
    report_json_set(builder, object, "rule", report_json_string(builder, check->rule_id));
    return object;
}

static json_t *report_json_metrics(struct report_json_builder *builder,
                                   const struct audit_result *result)
{
    json_t *metrics = report_json_object(builder);
    json_t *tests = report_json_object(builder);

    report_json_set(builder, tests, "files", report_json_count(result->test_files));
    report_json_set(builder, metrics, "tests", tests);
    report_json_set(builder, metrics, "todo", report_json_count(result->todo_count));
    report_json_set(builder, metrics, "rules_run", report_json_count(result->rules_run));
    /* Coverage reports are not ingested yet: null means "not measured", which
     * a consumer must not read as 0 %. */
    report_json_set(builder, metrics, "coverage_percent", json_null());
    return metrics;
}

static json_t *report_json_plan(struct report_json_builder *builder,
                                const struct audit_result *result)
{
    json_t *plan = report_json_object(builder);

    report_json_set(builder, plan, "total_hours", report_json_real(result->plan_total_hours, 10));
    /* A developer-day is 8 hours (DESIGN.md "remediation plan"); derived from
     * the unrounded total so the two rounded numbers stay consistent. */
    report_json_set(builder, plan, "debt_days",
                    report_json_real(result->plan_total_hours / 8.0, 10));

    json_t *phases = report_json_array(builder);
    for (size_t i = 0; result->phases && i < result->phase_count; i++) {
        const struct plan_phase *phase = &result->phases[i];
        json_t *object = report_json_object(builder);
        report_json_set(builder, object, "id", json_integer(phase->id));
        report_json_set(builder, object, "name", report_json_text(builder, phase->name));
        report_json_set(builder, object, "hours", report_json_real(phase->hours, 10));

        json_t *fingerprints = report_json_array(builder);
        for (size_t j = 0; phase->fingerprints && j < phase->finding_count; j++) {
            if (phase->fingerprints[j])
                report_json_append(builder, fingerprints,
                                   report_json_string(builder, phase->fingerprints[j]));
        }
        report_json_set(builder, object, "findings", fingerprints);
        report_json_append(builder, phases, object);
    }
    report_json_set(builder, plan, "phases", phases);
    return plan;
}

static json_t *report_json_build(struct report_json_builder *builder,
                                 const struct audit_result *result,
                                 const struct report_options *options)
{
    json_t *root = report_json_object(builder);
    const char *version = options && options->version ? options->version : PRODREADY_VERSION;

    report_json_set(builder, root, "schema", json_string(REPORT_JSON_SCHEMA));

    json_t *tool = report_json_object(builder);
    report_json_set(builder, tool, "name", json_string("prodready"));
    report_json_set(builder, tool, "version", report_json_string(builder, version));
    report_json_set(builder, root, "tool", tool);

    report_json_set(builder, root, "target", report_json_target(builder, result));
    report_json_set(builder, root, "score", json_integer(result->score));
    report_json_set(builder, root, "grade", report_json_grade(builder, result->grade));
    /* Scoring always sets the verdict; null (which the schema rejects) makes a
     * missing one visible instead of inventing a value here. */
    report_json_set(builder, root, "verdict", report_json_string(builder, result->verdict));
    report_json_set(builder, root, "categories", report_json_categories(builder, result));

    json_t *findings = report_json_array(builder);
    for (size_t i = 0; result->findings && i < result->finding_count; i++)
        report_json_append(builder, findings, report_json_finding(builder, &result->findings[i]));
    report_json_set(builder, root, "findings", findings);

    json_t *checks = report_json_array(builder);
    for (size_t i = 0; result->checks && i < result->check_count; i++)
        report_json_append(builder, checks, report_json_check(builder, &result->checks[i]));
    report_json_set(builder, root, "checks", checks);

    report_json_set(builder, root, "metrics", report_json_metrics(builder, result));
    report_json_set(builder, root, "plan", report_json_plan(builder, result));

    json_t *warnings = report_json_array(builder);
    for (size_t i = 0; result->warnings && i < result->warning_count; i++) {
        if (result->warnings[i])
            report_json_append(builder, warnings, report_json_string(builder, result->warnings[i]));
    }
    report_json_set(builder, root, "warnings", warnings);

    /* Everything that depends on the clock lives here and only here, so a
     * comparison of two runs can drop this one member. */
    json_t *timing = report_json_object(builder);
    report_json_set(
        builder, timing, "duration_seconds",
        report_json_real(result->duration_seconds < 0 ? 0 : result->duration_seconds, 1000));
    report_json_set(builder, timing, "timestamp", report_json_string(builder, result->timestamp));
    report_json_set(builder, root, "timing", timing);
    return root;
}

int report_json_write(const struct audit_result *result, const struct report_options *options,
                      FILE *out)
{
    if (!result || !out) {
        errno = EINVAL;
        return -1;
    }

    struct report_json_builder builder = {false, STRBUF_INIT};
    json_t *root = report_json_build(&builder, result, options);
    strbuf_release(&builder.scratch);
    if (builder.failed || !root) {
        json_decref(root);
        errno = ENOMEM;
        return -1;
    }

    errno = 0;
    int status = json_dumpf(root, out, REPORT_JSON_FLAGS);
    json_decref(root);
    /* Flush so a full disk or closed pipe is reported here, not lost at exit. */
    if (status != 0 || fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out)) {
        if (!errno)
            errno = EIO;
        return -1;
    }
    return 0;
}
