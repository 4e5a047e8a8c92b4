/*
 * report/markdown: the audit as a Markdown document a team pastes into its
 * wiki or a pull request — executive summary, score table, critical
 * blockers (file, issue, impact, evidence, fix), defect inventory, a section
 * per category with its findings and strengths, the remediation plan, and
 * how the audit was done (docs/report-markdown.md).
 *
 * Every value comes from the audit result; this file decides nothing (no
 * scoring, no filtering beyond display caps it states). Audited content
 * (snippets, paths, messages) is untrusted: it is escaped so that it can
 * neither break a table nor inject HTML or links. No clock value is printed,
 * so two audits of the same tree give the same document.
 */
#include "report/report.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score/score.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* Display caps keep a large audit readable; each cap says what it left out
 * and where the rest is (the JSON report has everything). */
enum {
    MARKDOWN_BLOCKERS_MAX = 25,
    MARKDOWN_INVENTORY_MAX = 200,
    MARKDOWN_LOCATIONS_MAX = 10,
    MARKDOWN_EVIDENCE_MAX = 3,
    MARKDOWN_REASONS_MAX = 10,
    MARKDOWN_STRENGTHS_MAX = 8,
    MARKDOWN_PLAN_ITEMS_MAX = 100,
};

struct markdown {
    FILE *out;
    struct strbuf scratch;
};

/* Appends text made safe for Markdown prose and table cells: invalid UTF-8
 * becomes U+FFFD, control characters and newlines become spaces, and the
 * characters that could start markup inside a line (emphasis, code, links,
 * HTML, entities, table cells) are backslash-escaped. Text never starts a
 * line here, so line-start markers (#, -, +, 1.) need no escape; '_' only
 * opens emphasis after a non-alphanumeric, so "ghp_…" stays readable. */
static void markdown_escape(struct strbuf *buffer, const char *text)
{
    const unsigned char *bytes = (const unsigned char *)(text ? text : "");
    size_t length = strlen((const char *)bytes);
    for (size_t i = 0; i < length;) {
        uint32_t code;
        size_t step = utf8_decode(bytes + i, length - i, &code);
        if (step == 0) {
            strbuf_append(buffer, "\xef\xbf\xbd", 3);
            i++;
            continue;
        }
        if (step == 1) {
            unsigned char c = bytes[i];
            if (c < 0x20 || c == 0x7f)
                strbuf_append_char(buffer, ' ');
            else if (strchr("\\`*[]<>|~&", c) || (c == '_' && (i == 0 || !isalnum(bytes[i - 1]))))
                strbuf_printf(buffer, "\\%c", c);
            else
                strbuf_append_char(buffer, (char)c);
        } else {
            strbuf_append(buffer, (const char *)bytes + i, step);
        }
        i += step;
    }
}

/* Appends text as an inline code span inside a table cell: a backtick fence
 * one longer than the longest run inside, '|' escaped (GFM tables split on
 * it even in code), newlines and control characters as spaces. */
static void markdown_code(struct strbuf *buffer, const char *text)
{
    const char *value = text ? text : "";
    size_t longest = 0, run = 0;
    for (const char *p = value; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    /* A space pads the span only where CommonMark needs one: content that
     * starts or ends with a backtick (the parser strips one space each side). */
    size_t value_length = strlen(value);
    bool pad = value_length > 0 && (value[0] == '`' || value[value_length - 1] == '`');
    for (size_t i = 0; i <= longest; i++)
        strbuf_append_char(buffer, '`');
    if (pad)
        strbuf_append_char(buffer, ' ');
    const unsigned char *bytes = (const unsigned char *)value;
    size_t length = strlen(value);
    for (size_t i = 0; i < length;) {
        uint32_t code;
        size_t step = utf8_decode(bytes + i, length - i, &code);
        if (step == 0) {
            strbuf_append(buffer, "\xef\xbf\xbd", 3);
            i++;
        } else if (step == 1 && (bytes[i] < 0x20 || bytes[i] == 0x7f)) {
            strbuf_append_char(buffer, ' ');
            i++;
        } else if (step == 1 && bytes[i] == '|') {
            strbuf_append(buffer, "\\|", 2);
            i++;
        } else {
            strbuf_append(buffer, (const char *)bytes + i, step);
            i += step;
        }
    }
    if (pad)
        strbuf_append_char(buffer, ' ');
    for (size_t i = 0; i <= longest; i++)
        strbuf_append_char(buffer, '`');
}

static void markdown_put_escaped(struct markdown *md, const char *text)
{
    strbuf_reset(&md->scratch);
    markdown_escape(&md->scratch, text);
    fputs(md->scratch.data, md->out);
}

static void markdown_put_code(struct markdown *md, const char *text)
{
    strbuf_reset(&md->scratch);
    markdown_code(&md->scratch, text);
    fputs(md->scratch.data, md->out);
}

/* "file:line" (or "repository" for repository-level findings) as code. */
static void markdown_put_location(struct markdown *md, const char *file, int line)
{
    if (!file) {
        fputs("repository", md->out);
        return;
    }
    strbuf_reset(&md->scratch);
    struct strbuf where = STRBUF_INIT;
    strbuf_append_str(&where, file);
    if (line > 0)
        strbuf_printf(&where, ":%d", line);
    markdown_code(&md->scratch, where.data);
    strbuf_release(&where);
    fputs(md->scratch.data, md->out);
}

static double markdown_tenths(double value)
{
    return isfinite(value) ? round(value * 10.0) / 10.0 + 0.0 : 0.0;
}

static void markdown_grade(char out[4], const char grade[3])
{
    size_t length = strnlen(grade, 3);
    memcpy(out, grade, length);
    out[length] = '\0';
}

static void markdown_summary(struct markdown *md, const struct audit_result *result)
{
    size_t counts[SEVERITY_COUNT] = {0};
    for (size_t i = 0; i < result->finding_count; i++)
        if ((unsigned)result->findings[i].severity < SEVERITY_COUNT)
            counts[result->findings[i].severity]++;
    char grade[4];
    markdown_grade(grade, result->grade);

    fputs("## Executive summary\n\n", md->out);
    fprintf(md->out,
            "| Score | Grade | Verdict | Risk |\n|---|---|---|---|\n| **%d/100** | **%s** | **%s** "
            "| %s "
            "|\n\n",
            result->score, grade[0] ? grade : "?", result->verdict ? result->verdict : "unknown",
            result->risk ? result->risk : "unknown");
    fprintf(md->out,
            "%zu finding%s: %zu critical, %zu high, %zu medium, %zu low, %zu info. "
            "Project kind: **%s**",
            result->finding_count, result->finding_count == 1 ? "" : "s", counts[SEVERITY_CRITICAL],
            counts[SEVERITY_HIGH], counts[SEVERITY_MEDIUM], counts[SEVERITY_LOW],
            counts[SEVERITY_INFO], project_kind_id(result->kind));
    if (result->kind_evidence_count > 0) {
        fputs(" (", md->out);
        markdown_put_location(md, result->kind_evidence[0].file, result->kind_evidence[0].line);
        if (result->kind_evidence[0].note) {
            fputc(' ', md->out);
            markdown_put_escaped(md, result->kind_evidence[0].note);
        }
        fputc(')', md->out);
    }
    fputs(".\n\n", md->out);

    /* The verdict covers only what was examined; say what was not. */
    size_t unchecked = 0;
    for (int i = 0; i < CATEGORY_COUNT; i++)
        unchecked += !result->categories[i].checked;
    if (unchecked) {
        fputs("Not checked by this version of prodready: ", md->out);
        bool first = true;
        for (int i = 0; i < CATEGORY_COUNT; i++) {
            if (result->categories[i].checked)
                continue;
            fprintf(md->out, "%s%s", first ? "" : ", ", category_title((enum category)i));
            first = false;
        }
        fputs(". The score and verdict say nothing about these areas.\n\n", md->out);
    }
    if (result->verdict_reason_count > 0) {
        fprintf(md->out, "**Why %s:** %zu %s finding%s stand%s", result->verdict,
                result->verdict_reason_count, severity_id(result->verdict_reasons[0]->severity),
                result->verdict_reason_count == 1 ? "" : "s",
                result->verdict_reason_count == 1 ? "s" : "");
        for (size_t i = 0; i < result->verdict_reason_count && i < MARKDOWN_REASONS_MAX; i++) {
            const struct finding *finding = result->verdict_reasons[i];
            fputs(i ? "; " : ": ", md->out);
            markdown_put_code(md, finding->rule->id);
            fputs(" at ", md->out);
            markdown_put_location(md, finding->file, finding->line);
        }
        if (result->verdict_reason_count > MARKDOWN_REASONS_MAX)
            fprintf(md->out, "; and %zu more", result->verdict_reason_count - MARKDOWN_REASONS_MAX);
        fputs(".\n\n", md->out);
    }

    /* Strengths: what passed, with what proved it — what a reviewer would
     * praise, so the summary is not only a list of faults. */
    size_t passed = 0;
    for (size_t i = 0; i < result->check_count; i++)
        passed += result->checks[i].status == CHECK_PASS;
    if (passed > 0) {
        fputs("**Strengths:**\n\n", md->out);
        size_t shown = 0;
        for (size_t i = 0; i < result->check_count && shown < MARKDOWN_STRENGTHS_MAX; i++) {
            const struct check *check = &result->checks[i];
            if (check->status != CHECK_PASS)
                continue;
            shown++;
            fputs("- ", md->out);
            markdown_put_escaped(md, check->title);
            if (check->evidence_count > 0) {
                fputs(" (", md->out);
                markdown_put_location(md, check->evidence[0].file, check->evidence[0].line);
                fputc(')', md->out);
            }
            fputc('\n', md->out);
        }
        if (passed > shown)
            fprintf(md->out, "- and %zu more passed checks (below, by category)\n", passed - shown);
        fputc('\n', md->out);
    }

    if (result->next_step) {
        const struct plan_item *step = result->next_step;
        fputs("**Next step:** ", md->out);
        markdown_put_escaped(md, step->rule->title);
        fputs(" — ", md->out);
        markdown_put_location(md, step->file, step->line);
        fprintf(md->out, " (%zu finding%s, about %.1f h). ", step->finding_count,
                step->finding_count == 1 ? "" : "s", markdown_tenths(step->hours));
        markdown_put_escaped(md, step->rule->fix);
        fputs("\n\n", md->out);
    }

    if (result->plan_total_hours > 0) {
        fprintf(md->out,
                "Estimated remediation: **%.1f hours** (%.1f developer-days of 8 hours), "
                "about %zu week%s for %u %s at %.0f hours a week",
                markdown_tenths(result->plan_total_hours),
                markdown_tenths(result->plan_total_hours / 8.0), result->plan_week_count,
                result->plan_week_count == 1 ? "" : "s", result->plan_settings.team,
                result->plan_settings.team == 1 ? "person" : "people",
                result->plan_settings.capacity_hours);
        if (result->plan_settings.hourly_rate > 0)
            fprintf(md->out, ", costing %.2f at %.2f an hour", result->plan_cost,
                    result->plan_settings.hourly_rate);
        fputs(" (see the remediation plan).\n\n", md->out);
    }
}

static void markdown_categories(struct markdown *md, const struct audit_result *result)
{
    fputs("## Scores by category\n\n| Category | Score | Grade | Findings | Points lost |\n"
          "|---|---:|---|---:|---:|\n",
          md->out);
    for (int i = 0; i < CATEGORY_COUNT; i++) {
        const struct category_result *category = &result->categories[i];
        fprintf(md->out, "| %s | ", category_title((enum category)i));
        if (!category->checked) {
            fputs("not checked | – | – | – |\n", md->out);
            continue;
        }
        if (!category->applicable) {
            fputs("not applicable | – | 0 | 0 |\n", md->out);
            continue;
        }
        char grade[4];
        markdown_grade(grade, category->grade);
        fprintf(md->out, "%d | %s | %zu | %d |\n", category->score, grade, category->findings,
                category->deductions);
    }
    fputc('\n', md->out);
}

static void markdown_blockers(struct markdown *md, const struct audit_result *result)
{
    size_t total = 0;
    for (size_t i = 0; i < result->finding_count; i++)
        total += result->findings[i].severity == SEVERITY_CRITICAL;
    fputs("## Critical blockers\n\n", md->out);
    if (total == 0) {
        fputs("No critical finding.\n\n", md->out);
        return;
    }
    fputs("| # | File | Issue | Impact | Evidence | Fix |\n|---:|---|---|---|---|---|\n", md->out);
    size_t shown = 0;
    for (size_t i = 0; i < result->finding_count && shown < MARKDOWN_BLOCKERS_MAX; i++) {
        const struct finding *finding = &result->findings[i];
        if (finding->severity != SEVERITY_CRITICAL)
            continue;
        fprintf(md->out, "| %zu | ", ++shown);
        markdown_put_location(md, finding->file, finding->line);
        fputs(" | ", md->out);
        markdown_put_escaped(md, finding->message);
        fputs(" | ", md->out);
        markdown_put_escaped(md, finding->rule->why);
        fputs(" | ", md->out);
        if (finding->snippet && finding->snippet[0])
            markdown_put_code(md, finding->snippet);
        else
            fputs("–", md->out);
        fputs(" | ", md->out);
        markdown_put_escaped(md, finding->rule->fix);
        fputs(" |\n", md->out);
    }
    if (total > shown)
        fprintf(md->out,
                "\n%zu more critical findings are in the defect inventory and the JSON "
                "report.\n",
                total - shown);
    fputc('\n', md->out);
}

static void markdown_inventory(struct markdown *md, const struct audit_result *result)
{
    fprintf(md->out, "## Defect inventory\n\n");
    if (result->finding_count == 0) {
        fputs("No findings.\n\n", md->out);
        return;
    }
    fputs("| # | Severity | Rule | Location | Finding | Effort |\n|---:|---|---|---|---|---:|\n",
          md->out);
    /* Most severe first, then the report's order (file, line): the table a
     * team triages from top to bottom. */
    size_t shown = 0;
    for (int severity = SEVERITY_COUNT - 1; severity >= 0; severity--) {
        for (size_t i = 0; i < result->finding_count && shown < MARKDOWN_INVENTORY_MAX; i++) {
            const struct finding *finding = &result->findings[i];
            if ((int)finding->severity != severity)
                continue;
            fprintf(md->out, "| %zu | %s | ", ++shown, severity_id(finding->severity));
            markdown_put_code(md, finding->rule->id);
            fputs(" | ", md->out);
            markdown_put_location(md, finding->file, finding->line);
            fputs(" | ", md->out);
            markdown_put_escaped(md, finding->message);
            fprintf(md->out, " | %d min |\n", finding->rule->effort_minutes);
        }
    }
    if (result->finding_count > shown)
        fprintf(md->out,
                "\nThe first %zu of %zu findings, most severe first; the JSON report "
                "(`--format json`) lists all.\n",
                shown, result->finding_count);
    fputc('\n', md->out);
}

static void markdown_check_evidence(struct markdown *md, const struct check *check)
{
    size_t shown = 0;
    for (; check->evidence && shown < check->evidence_count && shown < MARKDOWN_EVIDENCE_MAX;
         shown++) {
        fputs(shown ? "; " : " — ", md->out);
        markdown_put_location(md, check->evidence[shown].file, check->evidence[shown].line);
        if (check->evidence[shown].note) {
            fputc(' ', md->out);
            markdown_put_escaped(md, check->evidence[shown].note);
        }
    }
    if (check->evidence && check->evidence_count > shown)
        fprintf(md->out, " (+%zu more)", check->evidence_count - shown);
    if ((check->status != CHECK_PASS || shown == 0) && check->summary && check->summary[0]) {
        fputs(" — ", md->out);
        markdown_put_escaped(md, check->summary);
    }
}

/* Most severe rule first, then rule id, then position in the report
 * (pointers into one array). */
static int markdown_finding_by_rule(const void *left, const void *right)
{
    const struct finding *a = *(const struct finding *const *)left;
    const struct finding *b = *(const struct finding *const *)right;
    if (a->rule->severity != b->rule->severity)
        return a->rule->severity > b->rule->severity ? -1 : 1;
    int order = strcmp(a->rule->id, b->rule->id);
    return order ? order : (a < b ? -1 : a > b);
}

/* One section per checked category: its findings grouped by rule (title,
 * count, locations, why, fix) and its checks (strengths first). */
static void markdown_category_sections(struct markdown *md, const struct audit_result *result)
{
    fputs("## Findings and strengths by category\n\n", md->out);
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        const struct category_result *category = &result->categories[c];
        if (!category->checked)
            continue;
        fprintf(md->out, "### %s", category_title((enum category)c));
        if (category->applicable) {
            char grade[4];
            markdown_grade(grade, category->grade);
            fprintf(md->out, " — %d/100 (%s)", category->score, grade);
        }
        fputs("\n\n", md->out);

        bool any_check = false;
        for (int pass = 1; pass >= 0; pass--) {
            for (size_t i = 0; i < result->check_count; i++) {
                const struct check *check = &result->checks[i];
                if ((int)check->category != c || (check->status == CHECK_PASS) != (pass == 1))
                    continue;
                if (!any_check)
                    fputs("Checks:\n\n", md->out);
                any_check = true;
                fprintf(md->out, "- %s ",
                        check->status == CHECK_PASS   ? "✅ pass"
                        : check->status == CHECK_FAIL ? "❌ fail"
                                                      : "➖ not checked");
                markdown_put_code(md, check->id);
                fputs(" ", md->out);
                markdown_put_escaped(md, check->title);
                markdown_check_evidence(md, check);
                fputc('\n', md->out);
            }
        }
        if (any_check)
            fputc('\n', md->out);

        /* Findings are sorted by file; group this category's by rule (in rule
         * id order), keeping the report's order within a rule. */
        size_t count_in_category = 0;
        for (size_t i = 0; i < result->finding_count; i++)
            count_in_category += (int)result->findings[i].rule->category == c;
        const struct finding **group = NULL;
        if (count_in_category > 0)
            group = calloc(count_in_category, sizeof *group);
        size_t grouped = 0;
        for (size_t i = 0; group && i < result->finding_count; i++)
            if ((int)result->findings[i].rule->category == c)
                group[grouped++] = &result->findings[i];
        if (group)
            qsort(group, grouped, sizeof *group, markdown_finding_by_rule);
        bool any_finding = grouped > 0;
        for (size_t i = 0; i < grouped;) {
            const struct rule *rule = group[i]->rule;
            size_t end = i;
            while (end < grouped && group[end]->rule == rule)
                end++;
            fprintf(md->out, "#### %s: ", severity_id(rule->severity));
            markdown_put_escaped(md, rule->title);
            fputs(" (", md->out);
            markdown_put_code(md, rule->id);
            fprintf(md->out, ", %zu)\n\n", end - i);
            for (size_t j = i; j < end && j - i < MARKDOWN_LOCATIONS_MAX; j++) {
                fputs("- ", md->out);
                markdown_put_location(md, group[j]->file, group[j]->line);
                if (group[j]->snippet && group[j]->snippet[0]) {
                    fputc(' ', md->out);
                    markdown_put_code(md, group[j]->snippet);
                }
                fputc('\n', md->out);
            }
            if (end - i > MARKDOWN_LOCATIONS_MAX)
                fprintf(md->out, "- … and %zu more\n", end - i - MARKDOWN_LOCATIONS_MAX);
            fputs("\n**Why it matters.** ", md->out);
            markdown_put_escaped(md, rule->why);
            fputs("\n\n**Fix.** ", md->out);
            markdown_put_escaped(md, rule->fix);
            fputs("\n\n", md->out);
            i = end;
        }
        free(group);
        if (!any_finding)
            fputs("No findings in this category.\n\n", md->out);
    }
}

static void markdown_plan(struct markdown *md, const struct audit_result *result)
{
    fputs("## Remediation plan\n\n", md->out);
    if (!result->phases || result->phase_count == 0) {
        fputs("Nothing to remediate.\n\n", md->out);
        return;
    }
    fputs("| Phase | Hours | Findings |\n|---|---:|---:|\n", md->out);
    for (size_t i = 0; i < result->phase_count; i++) {
        const struct plan_phase *phase = &result->phases[i];
        fprintf(md->out, "| %d. ", phase->id);
        markdown_put_escaped(md, phase->name);
        fprintf(md->out, " | %.1f | %zu |\n", markdown_tenths(phase->hours), phase->finding_count);
    }
    fprintf(md->out,
            "| **Total** | **%.1f** | **%zu** |\n\nTechnical debt: %.1f developer-days "
            "(8-hour days)",
            markdown_tenths(result->plan_total_hours), result->finding_count,
            markdown_tenths(result->plan_total_hours / 8.0));
    if (result->plan_settings.hourly_rate > 0)
        fprintf(md->out, "; cost at %.2f an hour: **%.2f**", result->plan_settings.hourly_rate,
                result->plan_cost);
    fputs(". Each item is one rule in one file: the rule's effort for the first finding, a "
          "quarter more for each repeat, at most three times the effort.\n\n",
          md->out);

    fputs("### Work items\n\n| # | Phase | Severity | Item | Where | Findings | Hours |\n"
          "|---:|---:|---|---|---|---:|---:|\n",
          md->out);
    for (size_t i = 0; i < result->plan_item_count && i < MARKDOWN_PLAN_ITEMS_MAX; i++) {
        const struct plan_item *item = &result->plan_items[i];
        fprintf(md->out, "| %zu | %d | %s | ", i + 1, item->phase, severity_id(item->severity));
        markdown_put_escaped(md, item->rule->title);
        fputs(" | ", md->out);
        markdown_put_location(md, item->file, item->line);
        fprintf(md->out, " | %zu | %.1f |\n", item->finding_count, markdown_tenths(item->hours));
    }
    if (result->plan_item_count > MARKDOWN_PLAN_ITEMS_MAX)
        fprintf(md->out, "\nThe first %d of %zu items; the JSON report lists all.\n",
                MARKDOWN_PLAN_ITEMS_MAX, result->plan_item_count);

    fprintf(md->out,
            "\n### Week by week\n\n%u %s at %.1f hours a week each (`--capacity`, "
            "`--team`).\n\n| Week | Hours | Phases |\n|---:|---:|---|\n",
            result->plan_settings.team, result->plan_settings.team == 1 ? "person" : "people",
            markdown_tenths(result->plan_settings.capacity_hours));
    for (size_t w = 0; w < result->plan_week_count; w++) {
        const struct plan_week *week = &result->plan_weeks[w];
        fprintf(md->out, "| %d | %.1f | ", week->week, markdown_tenths(week->hours));
        bool first = true;
        for (int p = 1; p <= PLAN_PHASE_COUNT; p++) {
            if (!(week->phase_hours[p] > 0.05))
                continue;
            fprintf(md->out, "%s%d. %s (%.1f h)", first ? "" : ", ", p, plan_phase_name(p),
                    markdown_tenths(week->phase_hours[p]));
            first = false;
        }
        fputs(" |\n", md->out);
    }
    fputc('\n', md->out);
}

static void markdown_targets(struct markdown *md, const struct audit_result *result)
{
    if (result->target_count == 0)
        return;
    size_t met = 0;
    for (size_t i = 0; i < result->target_count; i++)
        met += result->targets[i].status == TARGET_MET;
    fprintf(md->out, "## Success criteria\n\n%zu of %zu met.\n\n", met, result->target_count);
    for (size_t i = 0; i < result->target_count; i++) {
        const struct target *target = &result->targets[i];
        fprintf(md->out, "- [%c] ", target->status == TARGET_MET ? 'x' : ' ');
        markdown_put_escaped(md, target->text);
        fputs(" — ", md->out);
        if (target->status == TARGET_NOT_CHECKED)
            fputs("not checked: ", md->out);
        else
            fputs("now ", md->out);
        markdown_put_escaped(md, target->actual);
        fputc('\n', md->out);
    }
    fputs("\nRe-run the audit after the fixes: these are what it is measured against.\n\n",
          md->out);
}

static void markdown_method(struct markdown *md, const struct audit_result *result,
                            const struct report_options *options)
{
    const struct skipped_counts *skipped = &result->skipped;
    fputs("## How this audit was done\n\n", md->out);
    fprintf(md->out, "- prodready %s audited ",
            options && options->version ? options->version : "unknown");
    markdown_put_code(md, result->path);
    if (result->commit) {
        fputs(" at commit ", md->out);
        markdown_put_code(md, result->commit);
    }
    fprintf(md->out, ": %" PRIu64 " files, %" PRIu64 " bytes, %zu rules.\n", result->files,
            result->bytes, result->rules_run);
    fprintf(md->out,
            "- Skipped and counted, not read: %" PRIu64 " binary, %" PRIu64 " too large, %" PRIu64
            " vendored, %" PRIu64 " generated, %" PRIu64 " unreadable, %" PRIu64 " symlinks.\n",
            skipped->binary, skipped->too_large, skipped->vendored, skipped->generated,
            skipped->unreadable, skipped->symlink);
    if (result->warning_count > 0)
        fprintf(md->out, "- %zu warning%s while reading (file and reason in the JSON report).\n",
                result->warning_count, result->warning_count == 1 ? "" : "s");
    fputs("- Every finding above names the file and line that proves it; secrets are shown "
          "redacted (first characters and length only). The code was read, never executed.\n",
          md->out);
    if (result->language_count > 0) {
        fputs("\n| Language | Files | Code lines |\n|---|---:|---:|\n", md->out);
        for (size_t i = 0; i < result->language_count; i++) {
            fputs("| ", md->out);
            markdown_put_escaped(md, result->languages[i].name);
            fprintf(md->out, " | %" PRIu64 " | %" PRIu64 " |\n", result->languages[i].files,
                    result->languages[i].lines.code);
        }
    }
    fputs("\nRe-run `prodready audit` after the fixes to measure progress; the JSON report's "
          "fingerprints identify each finding across runs.\n",
          md->out);
}

int report_markdown_write(const struct audit_result *result, const struct report_options *options,
                          FILE *out)
{
    if (!result || !out) {
        errno = EINVAL;
        return -1;
    }
    struct markdown md = {out, STRBUF_INIT};
    fputs("# Production-readiness audit: ", out);
    markdown_put_escaped(&md, result->path);
    fputs("\n\n", out);
    markdown_summary(&md, result);
    markdown_categories(&md, result);
    markdown_blockers(&md, result);
    markdown_inventory(&md, result);
    markdown_category_sections(&md, result);
    markdown_plan(&md, result);
    markdown_targets(&md, result);
    markdown_method(&md, result, options);
    strbuf_release(&md.scratch);
    errno = 0;
    if (fflush(out) != 0 || ferror(out)) {
        if (!errno)
            errno = EIO;
        return -1;
    }
    return 0;
}
