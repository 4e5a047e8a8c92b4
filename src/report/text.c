/*
 * report/text: the human-readable terminal report — verdict first, then the
 * category table, the findings by severity (with the fix for blockers), the
 * checks with their evidence, the plan and a short footer.
 *
 * Every string from the audited repository (file names, messages, snippets)
 * is untrusted: it passes through report_text_clean so that no byte it holds
 * can drive the terminal. Colour comes only from this file's own escape
 * sequences and only when options->color is set; with colour off the output
 * holds no escape byte at all. This file must not compute scores, verdicts or
 * plans, and must not change the result.
 */
#include "report/report.h"
#include "util/utf8.h"
#include "util/strbuf.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#ifndef PRODREADY_VERSION
#define PRODREADY_VERSION "unknown"
#endif

#define REPORT_TEXT_WIDTH        100
#define REPORT_TEXT_EVIDENCE_MAX 5  /* evidence lines shown per check */
#define REPORT_TEXT_COMMIT_MAX   12 /* hex digits of the commit shown */

/* SGR parameters (ECMA-48). */
#define REPORT_TEXT_BOLD   "1"
#define REPORT_TEXT_DIM    "2"
#define REPORT_TEXT_RED    "31"
#define REPORT_TEXT_GREEN  "32"
#define REPORT_TEXT_YELLOW "33"
#define REPORT_TEXT_CYAN   "36"

struct report_text {
    FILE *out;
    bool color;
    struct strbuf clean; /* sanitized copy of the untrusted text being printed */
    struct strbuf line;  /* a line assembled before wrapping */
};

/* ---- untrusted text ---- */

/* Code points a terminal may act on or that make text display as something
 * it is not: C0 controls and DEL (ESC starts every escape sequence), C1
 * controls (U+009B is a one-character CSI for some terminals) and the bidi
 * embeddings, overrides and isolates ("Trojan Source", CVE-2021-42574). */
static bool report_text_unsafe(uint32_t code)
{
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) ||
           (code >= 0x2066 && code <= 0x2069);
}

/* Appends `length` bytes of text to buffer with every unsafe code point and
 * every byte that is not valid UTF-8 replaced by '?' — a raw 0x9b byte is a
 * CSI on an 8-bit terminal. With `tabs`, a tab becomes a space (indentation in
 * snippets and rule text) instead of '?'. Returns the columns appended,
 * counting one per code point. */
static size_t report_text_clean(struct strbuf *buffer, const char *text, size_t length, bool tabs)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t columns = 0;

    for (size_t i = 0; i < length;) {
        uint32_t code = 0;
        size_t step = utf8_decode(bytes + i, length - i, &code);
        if (step == 0) {
            strbuf_append_char(buffer, '?');
            i++;
        } else if (code == '\t' && tabs) {
            strbuf_append_char(buffer, ' ');
            i += step;
        } else if (report_text_unsafe(code)) {
            strbuf_append_char(buffer, '?');
            i += step;
        } else {
            strbuf_append(buffer, text + i, step);
            i += step;
        }
        columns++;
    }
    return columns;
}

/* Columns of clean text: one per code point. */
static size_t report_text_columns(const char *text, size_t length)
{
    size_t columns = 0;
    for (size_t i = 0; i < length; i++)
        columns += ((unsigned char)text[i] & 0xc0u) != 0x80u;
    return columns;
}

/* Byte length of the first `columns` code points of clean text. */
static size_t report_text_prefix_bytes(const char *text, size_t length, size_t columns)
{
    size_t i = 0;
    while (i < length && columns > 0) {
        i++;
        while (i < length && ((unsigned char)text[i] & 0xc0u) == 0x80u)
            i++;
        columns--;
    }
    return i;
}

/* Rounded to 0.1 the way the JSON report rounds (half away from zero, where
 * printf's "%.1f" would print 9.25 as 9.2), never "-0.0", never "nan". */
static double report_text_tenths(double value)
{
    if (!isfinite(value))
        return 0.0;
    return round(value * 10.0) / 10.0 + 0.0;
}

/* ---- output primitives ---- */

static void report_text_style(struct report_text *text, const char *sgr)
{
    if (text->color)
        fprintf(text->out, "\x1b[%sm", sgr);
}

static void report_text_reset(struct report_text *text)
{
    if (text->color)
        fputs("\x1b[0m", text->out);
}

/* Trusted text (literals and numbers formatted here). */
static void report_text_put(struct report_text *text, const char *literal)
{
    fputs(literal, text->out);
}

static void report_text_styled(struct report_text *text, const char *sgr, const char *literal)
{
    report_text_style(text, sgr);
    fputs(literal, text->out);
    report_text_reset(text);
}

static void report_text_spaces(struct report_text *text, size_t count)
{
    while (count--)
        fputc(' ', text->out);
}

/* Untrusted text on one line; returns the columns printed. NULL prints "". */
static size_t report_text_put_clean(struct report_text *text, const char *untrusted)
{
    if (!untrusted)
        return 0;
    strbuf_reset(&text->clean);
    size_t columns = report_text_clean(&text->clean, untrusted, strlen(untrusted), false);
    fwrite(text->clean.data, 1, text->clean.length, text->out);
    return columns;
}

/* Prints untrusted text word-wrapped to REPORT_TEXT_WIDTH and ends the line.
 * The cursor is at column `used` of the current line; continuation lines
 * start at column `indent`. A newline in the text starts a new line (rule
 * text keeps its paragraphs); a word longer than a whole line is broken. */
static void report_text_wrap(struct report_text *text, const char *untrusted, size_t indent,
                             size_t used)
{
    const char *cursor = untrusted ? untrusted : "";
    size_t column = used;
    bool line_has_words = false;
    bool first_paragraph = true;

    if (indent > REPORT_TEXT_WIDTH / 2)
        indent = REPORT_TEXT_WIDTH / 2;
    for (;;) {
        const char *end = strchr(cursor, '\n');
        size_t length = end ? (size_t)(end - cursor) : strlen(cursor);
        if (length > 0 && cursor[length - 1] == '\r')
            length--; /* CRLF line endings in a rule pack or a message */

        strbuf_reset(&text->clean);
        report_text_clean(&text->clean, cursor, length, true);
        const char *clean = text->clean.data;
        size_t clean_length = text->clean.length;

        size_t position = 0;
        while (position < clean_length) {
            while (position < clean_length && clean[position] == ' ')
                position++;
            size_t word_end = position;
            while (word_end < clean_length && clean[word_end] != ' ')
                word_end++;
            if (word_end == position)
                break;
            if (!first_paragraph && !line_has_words && column == 0) {
                report_text_spaces(text, indent);
                column = indent;
            }

            const char *word = clean + position;
            size_t word_bytes = word_end - position;
            size_t word_columns = report_text_columns(word, word_bytes);
            if (line_has_words && column + 1 + word_columns > REPORT_TEXT_WIDTH) {
                fputc('\n', text->out);
                report_text_spaces(text, indent);
                column = indent;
                line_has_words = false;
            } else if (line_has_words) {
                fputc(' ', text->out);
                column++;
            } else if (column > indent && column + word_columns > REPORT_TEXT_WIDTH &&
                       indent + word_columns <= REPORT_TEXT_WIDTH) {
                /* After a long prefix: move a word that fits a fresh line there
                 * rather than break it. */
                fputc('\n', text->out);
                report_text_spaces(text, indent);
                column = indent;
            }
            /* Break a word (a long path or URL) that cannot fit on any line. */
            while (column + word_columns > REPORT_TEXT_WIDTH) {
                size_t room = column < REPORT_TEXT_WIDTH ? REPORT_TEXT_WIDTH - column : 0;
                if (room == 0) {
                    fputc('\n', text->out);
                    report_text_spaces(text, indent);
                    column = indent;
                    continue;
                }
                size_t chunk = report_text_prefix_bytes(word, word_bytes, room);
                fwrite(word, 1, chunk, text->out);
                word += chunk;
                word_bytes -= chunk;
                word_columns -= room;
                fputc('\n', text->out);
                report_text_spaces(text, indent);
                column = indent;
            }
            fwrite(word, 1, word_bytes, text->out);
            column += word_columns;
            line_has_words = true;
            position = word_end;
        }

        if (!end)
            break;
        cursor = end + 1;
        /* Blank paragraphs are dropped: the report stays compact. */
        if (line_has_words) {
            fputc('\n', text->out);
            column = 0;
            line_has_words = false;
            first_paragraph = false;
        }
    }
    /* Unless a paragraph break already ended the last line. */
    if (line_has_words || first_paragraph)
        fputc('\n', text->out);
}

/* ---- pieces ---- */

static const char *report_text_severity_color(enum severity severity)
{
    switch (severity) {
    case SEVERITY_CRITICAL:
        return REPORT_TEXT_BOLD ";" REPORT_TEXT_RED;
    case SEVERITY_HIGH:
        return REPORT_TEXT_RED;
    case SEVERITY_MEDIUM:
        return REPORT_TEXT_YELLOW;
    case SEVERITY_LOW:
        return REPORT_TEXT_CYAN;
    default:
        return REPORT_TEXT_DIM;
    }
}

static const char *report_text_grade_color(const char *grade)
{
    switch (grade[0]) {
    case 'A':
    case 'B':
        return REPORT_TEXT_GREEN;
    case 'C':
        return REPORT_TEXT_YELLOW;
    default:
        return REPORT_TEXT_RED;
    }
}

static const char *report_text_verdict_color(const char *verdict)
{
    if (verdict && strcmp(verdict, "ready") == 0)
        return REPORT_TEXT_BOLD ";" REPORT_TEXT_GREEN;
    if (verdict && strcmp(verdict, "ready-with-conditions") == 0)
        return REPORT_TEXT_BOLD ";" REPORT_TEXT_YELLOW;
    return REPORT_TEXT_BOLD ";" REPORT_TEXT_RED;
}

/* Replaces buffer's content with an ASCII upper-case copy of id. */
static void report_text_upper(struct strbuf *buffer, const char *id)
{
    strbuf_reset(buffer);
    for (const char *c = id; *c; c++)
        strbuf_append_char(buffer, *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c);
}

/* grade is a char[3] that need not be terminated when all three bytes are used. */
static void report_text_grade_copy(char out[4], const char grade[3])
{
    size_t length = strnlen(grade, 3);
    memcpy(out, grade, length);
    out[length] = '\0';
}

static void report_text_heading(struct report_text *text, const char *heading)
{
    fputc('\n', text->out);
    report_text_styled(text, REPORT_TEXT_BOLD, heading);
    fputc('\n', text->out);
}

/* "file:line", "file", or "(repository)" for a repository-level item; untrusted. */
static size_t report_text_location(struct report_text *text, const char *file, int line)
{
    if (!file) {
        report_text_put(text, "(repository)");
        return 12;
    }
    size_t columns = report_text_put_clean(text, file);
    if (line > 0)
        columns += (size_t)fprintf(text->out, ":%d", line);
    return columns;
}

static void report_text_header(struct report_text *text, const struct audit_result *result,
                               const struct report_options *options)
{
    const char *version = options && options->version ? options->version : PRODREADY_VERSION;
    uint64_t lines = 0;

    for (size_t i = 0; result->languages && i < result->language_count; i++) {
        const struct line_counts *counts = &result->languages[i].lines;
        lines += counts->code + counts->comment + counts->blank;
    }

    report_text_style(text, REPORT_TEXT_BOLD);
    report_text_put(text, "prodready ");
    size_t columns = 10 + report_text_put_clean(text, version);
    report_text_put(text, " audit of ");
    report_text_reset(text);
    report_text_wrap(text, result->path ? result->path : ".", 4, columns + 10);

    strbuf_reset(&text->line);
    strbuf_printf(&text->line, "kind: %s", project_kind_id(result->kind));
    if (result->kind_evidence && result->kind_evidence_count > 0) {
        const struct evidence *evidence = &result->kind_evidence[0];
        strbuf_append_str(&text->line, " (");
        strbuf_append_str(&text->line, evidence->file ? evidence->file : "(repository)");
        if (evidence->line > 0)
            strbuf_printf(&text->line, ":%d", evidence->line);
        if (evidence->note) {
            strbuf_append_char(&text->line, ' ');
            strbuf_append_str(&text->line, evidence->note);
        }
        if (result->kind_evidence_count > 1)
            strbuf_printf(&text->line, ", +%zu more", result->kind_evidence_count - 1);
        strbuf_append_char(&text->line, ')');
    }
    /* The line mixes trusted and untrusted parts; wrap cleans all of it. */
    report_text_wrap(text, text->line.data, 4, 0);

    strbuf_reset(&text->line);
    strbuf_printf(&text->line, "files: %" PRIu64 " | lines: %" PRIu64, result->files, lines);
    if (result->commit)
        strbuf_printf(&text->line, " | commit: %.*s", REPORT_TEXT_COMMIT_MAX, result->commit);
    report_text_wrap(text, text->line.data, 4, 0);
}

static void report_text_verdict(struct report_text *text, const struct audit_result *result)
{
    char grade[4];
    size_t counts[SEVERITY_COUNT] = {0};

    report_text_grade_copy(grade, result->grade);
    for (size_t i = 0; result->findings && i < result->finding_count; i++) {
        if ((unsigned)result->findings[i].severity < SEVERITY_COUNT)
            counts[result->findings[i].severity]++;
    }

    fputc('\n', text->out);
    report_text_put(text, "  ");
    report_text_styled(text, REPORT_TEXT_BOLD, "SCORE ");
    /* Coloured like the grade: the thresholds belong to scoring, not here. */
    report_text_style(text, REPORT_TEXT_BOLD);
    report_text_style(text, report_text_grade_color(grade));
    fprintf(text->out, "%d", result->score);
    report_text_reset(text);
    report_text_put(text, "/100    ");
    report_text_styled(text, REPORT_TEXT_BOLD, "GRADE ");
    report_text_style(text, REPORT_TEXT_BOLD);
    report_text_style(text, report_text_grade_color(grade));
    report_text_put_clean(text, grade[0] ? grade : "?");
    report_text_reset(text);
    report_text_put(text, "    ");
    report_text_styled(text, REPORT_TEXT_BOLD, "VERDICT ");
    report_text_style(text, report_text_verdict_color(result->verdict));
    /* Upper case: the verdict is the one word a reader must not miss. */
    report_text_upper(&text->line, result->verdict ? result->verdict : "unknown");
    report_text_put_clean(text, text->line.data);
    report_text_reset(text);
    fputc('\n', text->out);

    fprintf(text->out, "  %zu critical, %zu high, %zu medium, %zu low, %zu info finding%s\n",
            counts[SEVERITY_CRITICAL], counts[SEVERITY_HIGH], counts[SEVERITY_MEDIUM],
            counts[SEVERITY_LOW], counts[SEVERITY_INFO], result->finding_count == 1 ? "" : "s");
    /* Suppressed findings count nowhere, but a reader must know they exist. */
    if (result->suppressed_count)
        fprintf(text->out,
                "  %zu suppressed finding%s (prodready:ignore comments or the config's "
                "rules.ignore; listed by --format json)\n",
                result->suppressed_count, result->suppressed_count == 1 ? "" : "s");
    if (result->baseline_file) {
        strbuf_reset(&text->line);
        strbuf_printf(&text->line,
                      "against the baseline %s: %zu new, %zu in the baseline, %zu fixed since",
                      result->baseline_file, result->baseline_new, result->baseline_known,
                      result->baseline_fixed);
        report_text_put(text, "  ");
        report_text_wrap(text, text->line.data, 4, 2);
    }
    /* The verdict covers only what was examined: say so when that is not
     * everything, rather than let "ready" stand for unchecked areas. */
    size_t unchecked = 0;
    for (int i = 0; i < CATEGORY_COUNT; i++)
        unchecked += !result->categories[i].checked;
    if (unchecked) {
        strbuf_reset(&text->line);
        for (int i = 0; i < CATEGORY_COUNT; i++)
            if (result->categories[i].checked)
                strbuf_printf(&text->line, "%s%s", text->line.length ? ", " : "",
                              category_id((enum category)i));
        report_text_style(text, REPORT_TEXT_DIM);
        fprintf(text->out, "  prodready checked %s; %zu categor%s not checked yet.\n",
                text->line.length ? text->line.data : "nothing", unchecked,
                unchecked == 1 ? "y is" : "ies are");
        report_text_reset(text);
    }
}

static void report_text_categories(struct report_text *text, const struct audit_result *result)
{
    report_text_heading(text, "Categories");
    report_text_style(text, REPORT_TEXT_DIM);
    fprintf(text->out, "  %-15s %-14s %5s  %-5s  %8s", "ID", "TITLE", "SCORE", "GRADE", "FINDINGS");
    report_text_reset(text);
    fputc('\n', text->out);

    for (int i = 0; i < CATEGORY_COUNT; i++) {
        const struct category_result *category = &result->categories[i];
        char grade[4];

        report_text_grade_copy(grade, category->grade);
        fprintf(text->out, "  %-15s %-14s ", category_id((enum category)i),
                category_title((enum category)i));
        if (!category->checked) {
            report_text_style(text, REPORT_TEXT_DIM);
            fprintf(text->out, "%-12s", "not checked");
            report_text_reset(text);
        } else if (!category->applicable) {
            report_text_style(text, REPORT_TEXT_DIM);
            fprintf(text->out, "%5s  %-5s", "n/a", "n/a");
            report_text_reset(text);
        } else {
            fprintf(text->out, "%5d  ", category->score);
            /* Pad outside the colour so columns line up with colour on. */
            report_text_style(text, report_text_grade_color(grade));
            size_t columns = report_text_put_clean(text, grade);
            report_text_reset(text);
            report_text_spaces(text, columns < 5 ? 5 - columns : 0);
        }
        fprintf(text->out, "  %8zu\n", category->findings);
    }
}

/* First line of a snippet, leading blanks dropped, cut to fit after `used`. */
static void report_text_snippet(struct report_text *text, const char *snippet, size_t used)
{
    while (*snippet == ' ' || *snippet == '\t')
        snippet++;
    size_t length = strcspn(snippet, "\r\n");
    bool cut = snippet[length] != '\0';

    strbuf_reset(&text->clean);
    size_t columns = report_text_clean(&text->clean, snippet, length, true);
    size_t room = REPORT_TEXT_WIDTH > used + 3 ? REPORT_TEXT_WIDTH - used - 3 : 1;
    size_t bytes = text->clean.length;
    if (columns > room) {
        bytes = report_text_prefix_bytes(text->clean.data, text->clean.length, room);
        cut = true;
    }
    report_text_style(text, REPORT_TEXT_DIM);
    fwrite(text->clean.data, 1, bytes, text->out);
    if (cut)
        report_text_put(text, "...");
    report_text_reset(text);
    fputc('\n', text->out);
}

static void report_text_finding(struct report_text *text, const struct finding *finding)
{
    const struct rule *rule = finding->rule;
    bool blocker = finding->severity >= SEVERITY_HIGH;

    report_text_put(text, "    ");
    report_text_style(text, REPORT_TEXT_BOLD);
    size_t columns = 4 + report_text_location(text, finding->file, finding->line);
    report_text_reset(text);
    if (columns + 2 >= REPORT_TEXT_WIDTH / 2) {
        /* A long path gets the rule id on a line of its own. */
        fputc('\n', text->out);
        report_text_spaces(text, 6);
    } else {
        report_text_put(text, "  ");
    }
    report_text_style(text, report_text_severity_color(finding->severity));
    report_text_put_clean(text, rule && rule->id ? rule->id : "(unknown rule)");
    report_text_reset(text);
    if (finding->baseline)
        report_text_styled(text, REPORT_TEXT_DIM, "  [baseline]");
    fputc('\n', text->out);

    report_text_put(text, "      ");
    report_text_wrap(text, finding->message ? finding->message : (rule ? rule->title : ""), 6, 6);
    if (finding->commit) {
        /* A secret only in history: the commit that added it. */
        strbuf_reset(&text->line);
        strbuf_printf(&text->line, "in git history: commit %s by %s on %s",
                      finding->commit->short_sha, finding->commit->author, finding->commit->date);
        report_text_put(text, "      ");
        report_text_wrap(text, text->line.data, 6, 6);
    }
    if (blocker && finding->snippet && finding->snippet[0]) {
        report_text_put(text, "      > ");
        report_text_snippet(text, finding->snippet, 8);
    }
    if (blocker && rule && rule->fix) {
        report_text_put(text, "      ");
        report_text_styled(text, REPORT_TEXT_BOLD, "fix:");
        report_text_put(text, " ");
        report_text_wrap(text, rule->fix, 11, 11);
    }
}

static void report_text_findings(struct report_text *text, const struct audit_result *result)
{
    if (!result->findings || result->finding_count == 0) {
        report_text_heading(text, "Findings: none");
        return;
    }
    strbuf_reset(&text->line);
    strbuf_printf(&text->line, "Findings (%zu)", result->finding_count);
    report_text_heading(text, text->line.data);

    for (int severity = SEVERITY_CRITICAL; severity >= SEVERITY_INFO; severity--) {
        size_t count = 0;
        for (size_t i = 0; i < result->finding_count; i++)
            count += result->findings[i].severity == (enum severity)severity;
        if (count == 0)
            continue;

        report_text_upper(&text->line, severity_id((enum severity)severity));
        report_text_put(text, "  ");
        report_text_style(text, REPORT_TEXT_BOLD);
        report_text_style(text, report_text_severity_color((enum severity)severity));
        fprintf(text->out, "%s (%zu)", text->line.data, count);
        report_text_reset(text);
        fputc('\n', text->out);

        /* Findings keep their (file, line, rule) order within a severity. */
        for (size_t i = 0; i < result->finding_count; i++) {
            if (result->findings[i].severity == (enum severity)severity)
                report_text_finding(text, &result->findings[i]);
        }
    }
}

static void report_text_check_line(struct report_text *text, const struct check *check,
                                   const char *mark, const char *sgr)
{
    report_text_put(text, "  ");
    report_text_styled(text, sgr, mark);
    report_text_put(text, " ");
    strbuf_reset(&text->line);
    strbuf_append_str(&text->line, check->id ? check->id : "(unnamed)");
    if (check->title) {
        strbuf_append_str(&text->line, " - ");
        strbuf_append_str(&text->line, check->title);
    }
    report_text_wrap(text, text->line.data, 9, 3 + strlen(mark));
}

static void report_text_checks(struct report_text *text, const struct audit_result *result,
                               enum check_status status, const char *heading, const char *mark,
                               const char *sgr)
{
    size_t count = 0;
    for (size_t i = 0; result->checks && i < result->check_count; i++)
        count += result->checks[i].status == status;
    if (count == 0)
        return;

    strbuf_reset(&text->line);
    strbuf_printf(&text->line, "%s (%zu)", heading, count);
    report_text_heading(text, text->line.data);

    for (size_t i = 0; i < result->check_count; i++) {
        const struct check *check = &result->checks[i];
        if (check->status != status)
            continue;
        report_text_check_line(text, check, mark, sgr);

        size_t shown = 0;
        if (status == CHECK_PASS) {
            for (; check->evidence && shown < check->evidence_count; shown++) {
                if (shown == REPORT_TEXT_EVIDENCE_MAX)
                    break;
                const struct evidence *evidence = &check->evidence[shown];
                report_text_spaces(text, 9);
                size_t columns = 9 + report_text_location(text, evidence->file, evidence->line);
                if (evidence->note) {
                    report_text_put(text, "  ");
                    report_text_wrap(text, evidence->note, 11, columns + 2);
                } else {
                    fputc('\n', text->out);
                }
            }
            if (check->evidence && check->evidence_count > shown) {
                report_text_spaces(text, 9);
                fprintf(text->out, "(+%zu more)\n", check->evidence_count - shown);
            }
        }
        /* A failed or skipped check says what was searched (checks word their
         * summaries "searched …"); a pass without evidence lines at least says
         * what proved it. */
        if ((status != CHECK_PASS || shown == 0) && check->summary && check->summary[0]) {
            report_text_spaces(text, 9);
            report_text_wrap(text, check->summary, 9, 9);
        }
    }
}

static void report_text_plan(struct report_text *text, const struct audit_result *result)
{
    if (!result->phases || result->phase_count == 0)
        return;
    strbuf_reset(&text->line);
    strbuf_printf(&text->line, "Plan: %.1f hours (%.1f developer-days)",
                  report_text_tenths(result->plan_total_hours),
                  report_text_tenths(result->plan_total_hours / 8.0));
    report_text_heading(text, text->line.data);
    for (size_t i = 0; i < result->phase_count; i++) {
        const struct plan_phase *phase = &result->phases[i];
        fprintf(text->out, "  %2d  ", phase->id);
        size_t columns = 6 + report_text_put_clean(text, phase->name);
        report_text_spaces(text, columns < 44 ? 44 - columns : 1);
        fprintf(text->out, "%7.1f h  %4zu finding%s\n", report_text_tenths(phase->hours),
                phase->finding_count, phase->finding_count == 1 ? "" : "s");
    }
}

static void report_text_footer(struct report_text *text, const struct audit_result *result)
{
    const struct skipped_counts *skipped = &result->skipped;
    const struct {
        uint64_t count;
        const char *label;
    } skips[] = {
        {skipped->binary, "binary"},
        {skipped->too_large, "too large"},
        {skipped->vendored, "vendored"},
        {skipped->generated, "generated"},
        {skipped->unreadable, "unreadable"},
        {skipped->symlink, "symlink"},
        {skipped->excluded, "excluded by the config"},
        {skipped->unparsed, "not parsable (e.g. Helm templates)"},
    };
    bool any = false;

    fputc('\n', text->out);
    strbuf_reset(&text->line);
    strbuf_append_str(&text->line, "skipped:");
    for (size_t i = 0; i < sizeof skips / sizeof skips[0]; i++) {
        if (skips[i].count == 0)
            continue;
        strbuf_printf(&text->line, "%s %" PRIu64 " %s", any ? "," : "", skips[i].count,
                      skips[i].label);
        any = true;
    }
    if (!any)
        strbuf_append_str(&text->line, " none");
    report_text_wrap(text, text->line.data, 2, 0);

    strbuf_reset(&text->line);
    strbuf_printf(&text->line, "%zu warning%s", result->warning_count,
                  result->warning_count == 1 ? "" : "s");
    if (result->warning_count > 0)
        strbuf_append_str(&text->line, " (listed by --format json)");
    /* isgreater: false for NaN too, so a broken clock prints 0.00. */
    double duration = isgreater(result->duration_seconds, 0.0) ? result->duration_seconds : 0.0;
    strbuf_printf(&text->line, " | audit took %.2f s", duration);
    report_text_wrap(text, text->line.data, 2, 0);
}

int report_text_write(const struct audit_result *result, const struct report_options *options,
                      FILE *out)
{
    if (!result || !out) {
        errno = EINVAL;
        return -1;
    }

    struct report_text text = {
        .out = out,
        .color = options && options->color,
        .clean = STRBUF_INIT,
        .line = STRBUF_INIT,
    };

    errno = 0;
    report_text_header(&text, result, options);
    report_text_verdict(&text, result);
    report_text_categories(&text, result);
    report_text_findings(&text, result);
    report_text_checks(&text, result, CHECK_PASS, "Checks passed", "[pass]", REPORT_TEXT_GREEN);
    report_text_checks(&text, result, CHECK_FAIL, "Checks failed", "[FAIL]",
                       REPORT_TEXT_BOLD ";" REPORT_TEXT_RED);
    report_text_checks(&text, result, CHECK_NOT_CHECKED, "Checks not run", "[skip]",
                       REPORT_TEXT_DIM);
    report_text_plan(&text, result);
    report_text_footer(&text, result);

    strbuf_release(&text.clean);
    strbuf_release(&text.line);
    /* Individual writes are not checked: the stream's error flag is sticky,
     * and the flush makes a full disk or closed pipe show up here. */
    if (fflush(out) != 0 || ferror(out)) {
        if (!errno)
            errno = EIO;
        return -1;
    }
    return 0;
}
