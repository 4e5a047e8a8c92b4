/*
 * diff: see diff.h. Findings are matched by fingerprint as a multiset: when
 * a fingerprint appears twice in the old report and three times in the new,
 * one is new. Output orders are those of the reports (file, line, rule), so
 * a diff is as reproducible as the reports it compares.
 */
#include "store/diff.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/json_builder.h"

static const char *diff_string(json_t *object, const char *key)
{
    return json_string_value(json_object_get(object, key));
}

static int diff_side_read(json_t *root, const char *label, struct diff_side *side,
                          struct strbuf *error)
{
    const char *schema = diff_string(root, "schema");
    if (!json_is_object(root) || !schema || strcmp(schema, "prodready/report/v1") != 0) {
        strbuf_printf(error, "%s is not a prodready JSON report (schema prodready/report/v1)",
                      label);
        return -1;
    }
    side->label = strdup(label);
    json_t *target = json_object_get(root, "target");
    side->commit = diff_string(target, "commit");
    side->created_at = diff_string(json_object_get(root, "timing"), "timestamp");
    side->score = (int)json_integer_value(json_object_get(root, "score"));
    side->grade = diff_string(root, "grade");
    side->verdict = diff_string(root, "verdict");
    side->hours = json_number_value(json_object_get(json_object_get(root, "plan"), "total_hours"));
    for (int c = 0; c < CATEGORY_COUNT; c++)
        side->category_scores[c] = -1;
    size_t index;
    json_t *entry;
    json_array_foreach(json_object_get(root, "categories"), index, entry)
    {
        const char *id = diff_string(entry, "id");
        json_t *score = json_object_get(entry, "score");
        for (int c = 0; id && c < CATEGORY_COUNT; c++)
            if (strcmp(id, category_id((enum category)c)) == 0 && json_is_integer(score))
                side->category_scores[c] = (int)json_integer_value(score);
    }
    side->finding_count = json_array_size(json_object_get(root, "findings"));
    return side->label ? 0 : -1;
}

static struct diff_finding diff_finding_of(json_t *entry)
{
    struct diff_finding finding = {0};
    finding.fingerprint = diff_string(entry, "fingerprint");
    finding.rule = diff_string(entry, "rule");
    finding.severity = diff_string(entry, "severity");
    finding.file = diff_string(entry, "file");
    finding.line = (int)json_integer_value(json_object_get(entry, "line"));
    finding.message = diff_string(entry, "message");
    if (!finding.fingerprint)
        finding.fingerprint = "";
    if (!finding.rule)
        finding.rule = "";
    if (!finding.severity)
        finding.severity = "";
    if (!finding.message)
        finding.message = "";
    return finding;
}

struct diff_key {
    const char *fingerprint;
    size_t index; /* position in the report, to restore report order */
    bool matched;
};

static int diff_key_compare(const void *left, const void *right)
{
    const struct diff_key *a = left, *b = right;
    int order = strcmp(a->fingerprint, b->fingerprint);
    return order ? order : (a->index < b->index ? -1 : a->index > b->index);
}

static int diff_index_compare(const void *left, const void *right)
{
    const struct diff_key *a = left, *b = right;
    return a->index < b->index ? -1 : a->index > b->index;
}

static struct diff_key *diff_keys(json_t *findings, size_t *count)
{
    *count = json_array_size(findings);
    struct diff_key *keys = calloc(*count ? *count : 1, sizeof(*keys));
    if (!keys)
        return NULL;
    for (size_t i = 0; i < *count; i++) {
        const char *fingerprint = diff_string(json_array_get(findings, i), "fingerprint");
        keys[i] = (struct diff_key){fingerprint ? fingerprint : "", i, false};
    }
    qsort(keys, *count, sizeof(*keys), diff_key_compare);
    return keys;
}

/* Marks the pairs both sorted key lists share (multiset intersection). */
static size_t diff_match(struct diff_key *old_keys, size_t old_count, struct diff_key *new_keys,
                         size_t new_count)
{
    size_t i = 0, j = 0, matched = 0;
    while (i < old_count && j < new_count) {
        int order = strcmp(old_keys[i].fingerprint, new_keys[j].fingerprint);
        if (order == 0) {
            old_keys[i++].matched = true;
            new_keys[j++].matched = true;
            matched++;
        } else if (order < 0) {
            i++;
        } else {
            j++;
        }
    }
    return matched;
}

static struct diff_finding *diff_unmatched(struct diff_key *keys, size_t count, json_t *findings,
                                           size_t *out_count)
{
    qsort(keys, count, sizeof(*keys), diff_index_compare);
    size_t unmatched = 0;
    for (size_t i = 0; i < count; i++)
        unmatched += !keys[i].matched;
    struct diff_finding *list = calloc(unmatched ? unmatched : 1, sizeof(*list));
    *out_count = 0;
    for (size_t i = 0; list && i < count; i++)
        if (!keys[i].matched)
            list[(*out_count)++] = diff_finding_of(json_array_get(findings, keys[i].index));
    return list;
}

static struct diff_target diff_target_of(json_t *old_entry, json_t *new_entry)
{
    struct diff_target target = {0};
    target.id = diff_string(new_entry ? new_entry : old_entry, "id");
    target.target = diff_string(new_entry ? new_entry : old_entry, "target");
    target.old_status = old_entry ? diff_string(old_entry, "status") : NULL;
    target.new_status = new_entry ? diff_string(new_entry, "status") : NULL;
    target.old_actual = old_entry ? diff_string(old_entry, "actual") : NULL;
    target.new_actual = new_entry ? diff_string(new_entry, "actual") : NULL;
    if (!target.old_status)
        target.old_status = "not-checked";
    if (!target.new_status)
        target.new_status = "not-checked";
    if (!target.target)
        target.target = target.id;
    return target;
}

static json_t *diff_target_find(json_t *targets, const char *id)
{
    size_t index;
    json_t *entry;
    json_array_foreach(targets, index, entry)
    {
        const char *other = diff_string(entry, "id");
        if (other && strcmp(other, id) == 0)
            return entry;
    }
    return NULL;
}

static bool diff_met(const char *status)
{
    return strcmp(status, "met") == 0;
}

/* Targets whose "met" changed, in the newer report's order, then the ones
 * only the older report had. Reports before targets existed have none. */
static int diff_targets(struct diff_result *out)
{
    json_t *old_targets = json_object_get(out->reports[0], "targets");
    json_t *new_targets = json_object_get(out->reports[1], "targets");
    size_t capacity = json_array_size(old_targets) + json_array_size(new_targets) + 1;
    out->newly_met = calloc(capacity, sizeof(*out->newly_met));
    out->no_longer_met = calloc(capacity, sizeof(*out->no_longer_met));
    if (!out->newly_met || !out->no_longer_met)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        json_t *list = pass == 0 ? new_targets : old_targets;
        size_t index;
        json_t *entry;
        json_array_foreach(list, index, entry)
        {
            const char *id = diff_string(entry, "id");
            if (!id)
                continue;
            json_t *other = diff_target_find(pass == 0 ? old_targets : new_targets, id);
            if (pass == 1 && other)
                continue; /* compared in the first pass */
            struct diff_target target =
                pass == 0 ? diff_target_of(other, entry) : diff_target_of(entry, NULL);
            bool before = diff_met(target.old_status), after = diff_met(target.new_status);
            if (after && !before)
                out->newly_met[out->newly_met_count++] = target;
            else if (before && !after)
                out->no_longer_met[out->no_longer_met_count++] = target;
        }
    }
    return 0;
}

int diff_reports(const char *old_json, const char *old_label, const char *new_json,
                 const char *new_label, struct diff_result *out, struct strbuf *error)
{
    memset(out, 0, sizeof(*out));
    const char *texts[2] = {old_json, new_json};
    const char *labels[2] = {old_label, new_label};
    for (int i = 0; i < 2; i++) {
        json_error_t problem;
        json_t *root = json_loads(texts[i] ? texts[i] : "", 0, &problem);
        if (!root) {
            strbuf_printf(error, "%s: not valid JSON (line %d: %s)", labels[i], problem.line,
                          problem.text);
            diff_release(out);
            return -1;
        }
        out->reports[i] = root;
        if (diff_side_read(root, labels[i], i == 0 ? &out->old_side : &out->new_side, error) != 0) {
            diff_release(out);
            return -1;
        }
    }

    json_t *old_findings = json_object_get(out->reports[0], "findings");
    json_t *new_findings = json_object_get(out->reports[1], "findings");
    size_t old_count, new_count;
    struct diff_key *old_keys = diff_keys(old_findings, &old_count);
    struct diff_key *new_keys = diff_keys(new_findings, &new_count);
    if (!old_keys || !new_keys) {
        free(old_keys);
        free(new_keys);
        strbuf_printf(error, "out of memory");
        diff_release(out);
        return -1;
    }
    out->unchanged_count = diff_match(old_keys, old_count, new_keys, new_count);
    out->added = diff_unmatched(new_keys, new_count, new_findings, &out->added_count);
    out->fixed = diff_unmatched(old_keys, old_count, old_findings, &out->fixed_count);
    free(old_keys);
    free(new_keys);
    if (diff_targets(out) != 0) {
        strbuf_printf(error, "out of memory");
        diff_release(out);
        return -1;
    }
    return 0;
}

void diff_release(struct diff_result *diff)
{
    free(diff->added);
    free(diff->fixed);
    free(diff->newly_met);
    free(diff->no_longer_met);
    free((char *)diff->old_side.label);
    free((char *)diff->new_side.label);
    for (int i = 0; i < 2; i++)
        json_decref(diff->reports[i]);
    memset(diff, 0, sizeof(*diff));
}

static double diff_tenths(double value)
{
    return isfinite(value) ? round(value * 10.0) / 10.0 + 0.0 : 0.0;
}

static void diff_text_finding(FILE *out, char mark, const struct diff_finding *finding)
{
    fprintf(out, "  %c %-8s %s  ", mark, finding->severity, finding->rule);
    if (finding->file)
        fprintf(out, "%s%s", finding->file, finding->line > 0 ? ":" : "");
    else
        fputs("(repository)", out);
    if (finding->file && finding->line > 0)
        fprintf(out, "%d", finding->line);
    fprintf(out, "\n      %s\n", finding->message);
}

static const char *diff_or(const char *text, const char *otherwise)
{
    return text ? text : otherwise;
}

static void diff_text_targets(FILE *out, const char *heading, const struct diff_target *list,
                              size_t count)
{
    if (!count)
        return;
    fprintf(out, "\n%s (%zu)\n", heading, count);
    for (size_t i = 0; i < count; i++)
        fprintf(out, "  %s %s: %s (%s) -> %s (%s)\n", diff_met(list[i].new_status) ? "+" : "-",
                list[i].target, list[i].old_status, diff_or(list[i].old_actual, "-"),
                list[i].new_status, diff_or(list[i].new_actual, "-"));
}

static int diff_finish(FILE *out)
{
    errno = 0;
    if (fflush(out) != 0 || ferror(out)) {
        if (!errno)
            errno = EIO;
        return -1;
    }
    return 0;
}

int diff_write_text(const struct diff_result *diff, FILE *out)
{
    const struct diff_side *old_side = &diff->old_side, *new_side = &diff->new_side;
    fprintf(out, "prodready diff: %s -> %s\n\n", old_side->label, new_side->label);
    fprintf(out, "  score    %3d -> %3d  (%+d)   grade %s -> %s   verdict %s -> %s\n",
            old_side->score, new_side->score, new_side->score - old_side->score,
            old_side->grade ? old_side->grade : "?", new_side->grade ? new_side->grade : "?",
            old_side->verdict ? old_side->verdict : "?",
            new_side->verdict ? new_side->verdict : "?");
    fprintf(out, "  findings %zu -> %zu: %zu new, %zu fixed, %zu unchanged\n",
            old_side->finding_count, new_side->finding_count, diff->added_count, diff->fixed_count,
            diff->unchanged_count);
    fprintf(out, "  plan     %.1f h -> %.1f h  (%+.1f h)\n\n", diff_tenths(old_side->hours),
            diff_tenths(new_side->hours), diff_tenths(new_side->hours - old_side->hours));

    fputs("Categories\n", out);
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        int before = old_side->category_scores[c], after = new_side->category_scores[c];
        if (before < 0 && after < 0)
            continue;
        fprintf(out, "  %-16s ", category_id((enum category)c));
        if (before < 0)
            fputs("  -", out);
        else
            fprintf(out, "%3d", before);
        fputs(" -> ", out);
        if (after < 0)
            fputs("  -", out);
        else
            fprintf(out, "%3d", after);
        if (before >= 0 && after >= 0 && after != before)
            fprintf(out, "  (%+d)", after - before);
        fputc('\n', out);
    }
    diff_text_targets(out, "Targets newly met", diff->newly_met, diff->newly_met_count);
    diff_text_targets(out, "Targets no longer met", diff->no_longer_met, diff->no_longer_met_count);
    if (diff->added_count) {
        fprintf(out, "\nNew findings (%zu)\n", diff->added_count);
        for (size_t i = 0; i < diff->added_count; i++)
            diff_text_finding(out, '+', &diff->added[i]);
    }
    if (diff->fixed_count) {
        fprintf(out, "\nFixed findings (%zu)\n", diff->fixed_count);
        for (size_t i = 0; i < diff->fixed_count; i++)
            diff_text_finding(out, '-', &diff->fixed[i]);
    }
    return diff_finish(out);
}

static json_t *diff_json_side(struct json_builder *builder, const struct diff_side *side)
{
    json_t *object = json_builder_object(builder);
    json_builder_set(builder, object, "label", json_builder_text(builder, side->label));
    json_builder_set(builder, object, "commit", json_builder_string(builder, side->commit));
    json_builder_set(builder, object, "score", json_integer(side->score));
    json_builder_set(builder, object, "grade", json_builder_string(builder, side->grade));
    json_builder_set(builder, object, "verdict", json_builder_string(builder, side->verdict));
    json_builder_set(builder, object, "plan_hours", json_real(diff_tenths(side->hours)));
    json_builder_set(builder, object, "findings", json_builder_count(side->finding_count));
    return object;
}

static json_t *diff_json_findings(struct json_builder *builder, const struct diff_finding *list,
                                  size_t count)
{
    json_t *array = json_builder_array(builder);
    for (size_t i = 0; i < count; i++) {
        json_t *object = json_builder_object(builder);
        json_builder_set(builder, object, "fingerprint",
                         json_builder_text(builder, list[i].fingerprint));
        json_builder_set(builder, object, "rule", json_builder_text(builder, list[i].rule));
        json_builder_set(builder, object, "severity", json_builder_text(builder, list[i].severity));
        json_builder_set(builder, object, "file", json_builder_string(builder, list[i].file));
        json_builder_set(builder, object, "line",
                         list[i].line > 0 ? json_integer(list[i].line) : json_null());
        json_builder_set(builder, object, "message", json_builder_text(builder, list[i].message));
        json_builder_append(builder, array, object);
    }
    return array;
}

static json_t *diff_json_targets(struct json_builder *builder, const struct diff_target *list,
                                 size_t count)
{
    json_t *array = json_builder_array(builder);
    for (size_t i = 0; i < count; i++) {
        json_t *object = json_builder_object(builder);
        json_builder_set(builder, object, "id", json_builder_text(builder, list[i].id));
        json_builder_set(builder, object, "target", json_builder_text(builder, list[i].target));
        json_builder_set(builder, object, "old_status",
                         json_builder_text(builder, list[i].old_status));
        json_builder_set(builder, object, "new_status",
                         json_builder_text(builder, list[i].new_status));
        json_builder_set(builder, object, "old_actual",
                         json_builder_string(builder, list[i].old_actual));
        json_builder_set(builder, object, "new_actual",
                         json_builder_string(builder, list[i].new_actual));
        json_builder_append(builder, array, object);
    }
    return array;
}

int diff_write_json(const struct diff_result *diff, FILE *out)
{
    struct json_builder builder = JSON_BUILDER_INIT;
    json_t *root = json_builder_object(&builder);
    json_builder_set(&builder, root, "schema", json_string("prodready/diff/v1"));
    json_builder_set(&builder, root, "old", diff_json_side(&builder, &diff->old_side));
    json_builder_set(&builder, root, "new", diff_json_side(&builder, &diff->new_side));
    json_builder_set(&builder, root, "score_delta",
                     json_integer(diff->new_side.score - diff->old_side.score));
    json_builder_set(&builder, root, "plan_hours_delta",
                     json_real(diff_tenths(diff->new_side.hours - diff->old_side.hours)));
    json_t *categories = json_builder_array(&builder);
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        int before = diff->old_side.category_scores[c], after = diff->new_side.category_scores[c];
        json_t *entry = json_builder_object(&builder);
        json_builder_set(&builder, entry, "id", json_string(category_id((enum category)c)));
        json_builder_set(&builder, entry, "old", before >= 0 ? json_integer(before) : json_null());
        json_builder_set(&builder, entry, "new", after >= 0 ? json_integer(after) : json_null());
        json_builder_set(&builder, entry, "delta",
                         before >= 0 && after >= 0 ? json_integer(after - before) : json_null());
        json_builder_append(&builder, categories, entry);
    }
    json_builder_set(&builder, root, "categories", categories);
    json_builder_set(&builder, root, "new_findings",
                     diff_json_findings(&builder, diff->added, diff->added_count));
    json_builder_set(&builder, root, "fixed_findings",
                     diff_json_findings(&builder, diff->fixed, diff->fixed_count));
    json_builder_set(&builder, root, "unchanged", json_builder_count(diff->unchanged_count));
    json_builder_set(&builder, root, "targets_newly_met",
                     diff_json_targets(&builder, diff->newly_met, diff->newly_met_count));
    json_builder_set(&builder, root, "targets_no_longer_met",
                     diff_json_targets(&builder, diff->no_longer_met, diff->no_longer_met_count));
    int status = json_builder_dump(&builder, root, out);
    json_builder_release(&builder);
    return status;
}

/* Markdown for a pull-request comment; audited text is put in code spans
 * with '|' and backticks neutralised so it cannot break the table. */
static void diff_md_code(FILE *out, const char *text)
{
    fputc('`', out);
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '`')
            fputc('\'', out);
        else if (*p == '|')
            fputs("\\|", out);
        else if ((unsigned char)*p < 0x20)
            fputc(' ', out);
        else
            fputc(*p, out);
    }
    fputc('`', out);
}

static void diff_md_findings(FILE *out, const char *heading, const struct diff_finding *list,
                             size_t count)
{
    if (!count)
        return;
    fprintf(out, "\n### %s (%zu)\n\n| Severity | Rule | Location |\n|---|---|---|\n", heading,
            count);
    for (size_t i = 0; i < count; i++) {
        fprintf(out, "| %s | ", list[i].severity);
        diff_md_code(out, list[i].rule);
        fputs(" | ", out);
        if (list[i].file) {
            struct strbuf where = STRBUF_INIT;
            strbuf_append_str(&where, list[i].file);
            if (list[i].line > 0)
                strbuf_printf(&where, ":%d", list[i].line);
            diff_md_code(out, where.data);
            strbuf_release(&where);
        } else {
            fputs("repository", out);
        }
        fputs(" |\n", out);
    }
}

static void diff_md_targets(FILE *out, const char *heading, const struct diff_target *list,
                            size_t count)
{
    if (!count)
        return;
    fprintf(out, "\n### %s (%zu)\n\n| Target | Before | After |\n|---|---|---|\n", heading, count);
    for (size_t i = 0; i < count; i++) {
        fputs("| ", out);
        diff_md_code(out, list[i].target);
        const char *statuses[2] = {list[i].old_status, list[i].new_status};
        const char *actuals[2] = {list[i].old_actual, list[i].new_actual};
        for (int side = 0; side < 2; side++) {
            fprintf(out, " | %s", statuses[side]);
            if (actuals[side]) {
                fputc(' ', out);
                diff_md_code(out, actuals[side]);
            }
        }
        fputs(" |\n", out);
    }
}

int diff_write_markdown(const struct diff_result *diff, FILE *out)
{
    const struct diff_side *old_side = &diff->old_side, *new_side = &diff->new_side;
    fputs("## prodready: changes since the last audit\n\n", out);
    fprintf(out, "| | Before | After | Change |\n|---|---:|---:|---:|\n");
    fprintf(out, "| Score | %d | %d | %+d |\n", old_side->score, new_side->score,
            new_side->score - old_side->score);
    fprintf(out, "| Findings | %zu | %zu | %+lld |\n", old_side->finding_count,
            new_side->finding_count,
            (long long)new_side->finding_count - (long long)old_side->finding_count);
    fprintf(out, "| Plan hours | %.1f | %.1f | %+.1f |\n", diff_tenths(old_side->hours),
            diff_tenths(new_side->hours), diff_tenths(new_side->hours - old_side->hours));
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        int before = old_side->category_scores[c], after = new_side->category_scores[c];
        if (before < 0 && after < 0)
            continue;
        fprintf(out, "| %s | ", category_title((enum category)c));
        before < 0 ? fputs("–", out) : fprintf(out, "%d", before);
        fputs(" | ", out);
        after < 0 ? fputs("–", out) : fprintf(out, "%d", after);
        if (before >= 0 && after >= 0)
            fprintf(out, " | %+d |\n", after - before);
        else
            fputs(" | |\n", out);
    }
    fprintf(out, "\nVerdict: %s → **%s**. %zu new, %zu fixed, %zu unchanged findings.\n",
            old_side->verdict ? old_side->verdict : "?",
            new_side->verdict ? new_side->verdict : "?", diff->added_count, diff->fixed_count,
            diff->unchanged_count);
    diff_md_targets(out, "Targets newly met", diff->newly_met, diff->newly_met_count);
    diff_md_targets(out, "Targets no longer met", diff->no_longer_met, diff->no_longer_met_count);
    diff_md_findings(out, "New findings", diff->added, diff->added_count);
    diff_md_findings(out, "Fixed findings", diff->fixed, diff->fixed_count);
    return diff_finish(out);
}
