/*
 * report/html: the audit as one self-contained HTML file — no network, no
 * external fonts, styles or scripts: the summary, category scores as an
 * inline SVG chart, the score trend when the history has earlier audits, a
 * findings table that sorts, filters by severity and category and searches,
 * each finding's snippet, why and fix, the checks, and the plan
 * (docs/report-html.md).
 *
 * The table is rendered here, in C; the small inline script only hides,
 * shows and reorders rows, and reads its filter state from the URL fragment
 * (#severity=high&category=security&q=token) so a filtered view can be
 * linked and tested. Every piece of audited text is HTML-escaped; nothing
 * from the audit reaches the script or an attribute unescaped. No clock
 * value is printed.
 */
#include "report/report.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "score/score.h"
#include "util/strbuf.h"
#include "util/utf8.h"

struct html {
    FILE *out;
};

/* Text content or attribute value: &, <, >, " and ' escaped, invalid UTF-8
 * and control characters (except tab and newline) replaced. */
static void html_text(struct html *html, const char *text)
{
    const unsigned char *bytes = (const unsigned char *)(text ? text : "");
    size_t length = strlen((const char *)bytes);
    for (size_t i = 0; i < length;) {
        uint32_t code;
        size_t step = utf8_decode(bytes + i, length - i, &code);
        if (step == 0) {
            fputs("\xef\xbf\xbd", html->out);
            i++;
            continue;
        }
        if (step == 1) {
            switch (bytes[i]) {
            case '&':
                fputs("&amp;", html->out);
                break;
            case '<':
                fputs("&lt;", html->out);
                break;
            case '>':
                fputs("&gt;", html->out);
                break;
            case '"':
                fputs("&quot;", html->out);
                break;
            case '\'':
                fputs("&#39;", html->out);
                break;
            default:
                if ((bytes[i] < 0x20 && bytes[i] != '\t' && bytes[i] != '\n') || bytes[i] == 0x7f)
                    fputs("\xef\xbf\xbd", html->out);
                else
                    fputc(bytes[i], html->out);
            }
        } else {
            fwrite(bytes + i, 1, step, html->out);
        }
        i += step;
    }
}

/* A link only for http(s) URLs (rule references come from rule packs; a
 * user pack must not be able to plant a javascript: URL). */
static void html_reference(struct html *html, const char *url)
{
    bool web = url && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0);
    if (web) {
        fputs("<a href=\"", html->out);
        html_text(html, url);
        fputs("\" rel=\"noreferrer\">", html->out);
    }
    html_text(html, url);
    if (web)
        fputs("</a>", html->out);
}

static void html_location(struct html *html, const char *file, int line)
{
    if (!file) {
        fputs("<span class=\"repo\">repository</span>", html->out);
        return;
    }
    fputs("<code>", html->out);
    html_text(html, file);
    if (line > 0)
        fprintf(html->out, ":%d", line);
    fputs("</code>", html->out);
}

static double html_tenths(double value)
{
    return isfinite(value) ? round(value * 10.0) / 10.0 + 0.0 : 0.0;
}

static const char html_style[] =
    ":root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;"
    "--critical:#a40e26;--high:#cf222e;--medium:#bc4c00;--low:#7d4e00;--info:#57606a;"
    "--good:#1a7f37}"
    "*{box-sizing:border-box}"
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);"
    "background:var(--bg);margin:0 auto;max-width:1200px;padding:24px}"
    "h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.25em;margin:32px 0 8px;"
    "border-bottom:1px solid var(--line);padding-bottom:4px}"
    ".meta{color:var(--muted)}code{font:13px ui-monospace,monospace;background:var(--soft);"
    "padding:1px 4px;border-radius:4px;word-break:break-all}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}"
    ".card{border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:150px}"
    ".card b{display:block;font-size:1.6em}"
    ".verdict-not-ready b{color:var(--critical)}.verdict-ready-with-conditions "
    "b{color:var(--medium)}"
    ".verdict-ready b{color:var(--good)}"
    "table{border-collapse:collapse;width:100%;margin:8px 0}"
    "th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}"
    "th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;"
    "color:inherit}th button:focus-visible,tr.finding:focus-visible,select:focus-visible,"
    "input:focus-visible{outline:2px solid #0969da;outline-offset:1px}"
    ".sev{font-weight:600;text-transform:uppercase;font-size:12px}"
    ".sev-critical{color:var(--critical)}.sev-high{color:var(--high)}"
    ".sev-medium{color:var(--medium)}.sev-low{color:var(--low)}.sev-info{color:var(--info)}"
    "tr.finding{cursor:pointer}tr.finding:hover{background:var(--soft)}"
    "tr.detail td{background:var(--soft)}tr.detail pre{white-space:pre-wrap;margin:4px 0}"
    ".controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}"
    ".controls label{color:var(--muted)}"
    ".pass{color:var(--good)}.fail{color:var(--high)}.skip{color:var(--muted)}"
    "svg text{font:12px system-ui,sans-serif;fill:var(--fg)}"
    "@media print{.controls,.noprint{display:none}tr.detail{display:table-row!important}"
    "tr.finding[hidden],tr.detail[hidden]{display:table-row!important}body{max-width:none}}";

/* Sorting and filtering over the rows rendered above. Sort keys are data
 * attributes; filter state lives in the URL fragment. */
static const char html_script[] =
    "(function(){'use strict';"
    "var body=document.getElementById('findings-body');if(!body)return;"
    "var sev=document.getElementById('filter-severity'),cat=document.getElementById('filter-"
    "category'),q=document.getElementById('filter-text'),shown=document.getElementById('shown-"
    "count');"
    "function rows(){return Array.prototype.slice.call(body.querySelectorAll('tr.finding'));}"
    "function detail(r){return document.getElementById(r.getAttribute('aria-controls'));}"
    "function apply(){var s=sev.value,c=cat.value,t=q.value.toLowerCase(),n=0;"
    "rows().forEach(function(r){var ok=(!s||r.dataset.severity===s)&&(!c||r.dataset.category===c)"
    "&&(!t||r.dataset.text.indexOf(t)>=0);r.hidden=!ok;var d=detail(r);"
    "if(!ok||r.getAttribute('aria-expanded')!=='true')d.hidden=true;else d.hidden=false;"
    "if(ok)n++;});"
    "shown.textContent=n+' of '+rows().length+' findings shown';"
    "var h=[];if(s)h.push('severity='+encodeURIComponent(s));"
    "if(c)h.push('category='+encodeURIComponent(c));if(t)h.push('q='+encodeURIComponent(t));"
    "var next=h.length?'#'+h.join('&'):'';if(location.hash!==next&&history.replaceState)"
    "history.replaceState(null,'',next||location.pathname+location.search);}"
    "function readHash(){var p={};location.hash.replace(/^#/,'').split('&').forEach(function(kv)"
    "{var i=kv.indexOf('=');if(i>0)p[kv.slice(0,i)]=decodeURIComponent(kv.slice(i+1));});"
    "if(p.severity!==undefined)sev.value=p.severity;if(p.category!==undefined)cat.value="
    "p.category;if(p.q!==undefined)q.value=p.q;}"
    "function toggle(r){var open=r.getAttribute('aria-expanded')==='true';"
    "r.setAttribute('aria-expanded',open?'false':'true');detail(r).hidden=open;}"
    "body.addEventListener('click',function(e){var r=e.target.closest('tr.finding');"
    "if(r&&!e.target.closest('a'))toggle(r);});"
    "body.addEventListener('keydown',function(e){var r=e.target.closest('tr.finding');"
    "if(r&&(e.key==='Enter'||e.key===' ')){e.preventDefault();toggle(r);}});"
    "document.querySelectorAll('th button[data-sort]').forEach(function(b){"
    "b.addEventListener('click',function(){var key=b.dataset.sort,th=b.parentNode,"
    "dir=th.getAttribute('aria-sort')==='ascending'?-1:1;"
    "document.querySelectorAll('th[aria-sort]').forEach(function(o){o.removeAttribute("
    "'aria-sort');});th.setAttribute('aria-sort',dir>0?'ascending':'descending');"
    "rows().sort(function(a,b){var x=a.dataset[key],y=b.dataset[key];"
    "if(key==='rank'||key==='order')return dir*(Number(x)-Number(y));"
    "return dir*(x<y?-1:x>y?1:Number(a.dataset.order)-Number(b.dataset.order));})"
    ".forEach(function(r){var d=detail(r);body.appendChild(r);body.appendChild(d);});});});"
    "[sev,cat].forEach(function(e){e.addEventListener('change',apply);});"
    "q.addEventListener('input',apply);window.addEventListener('hashchange',function(){"
    "readHash();apply();});readHash();apply();})();";

static void html_summary(struct html *html, const struct audit_result *result)
{
    size_t counts[SEVERITY_COUNT] = {0};
    for (size_t i = 0; i < result->finding_count; i++)
        if ((unsigned)result->findings[i].severity < SEVERITY_COUNT)
            counts[result->findings[i].severity]++;
    char grade[4] = {0};
    memcpy(grade, result->grade, strnlen(result->grade, 3));
    const char *verdict = result->verdict ? result->verdict : "unknown";

    fputs("<section aria-labelledby=\"summary\"><h2 id=\"summary\">Executive summary</h2>"
          "<div class=\"cards\">",
          html->out);
    fprintf(html->out, "<div class=\"card\">Score<b id=\"score\">%d/100</b></div>", result->score);
    fputs("<div class=\"card\">Grade<b>", html->out);
    html_text(html, grade[0] ? grade : "?");
    fputs("</b></div><div class=\"card verdict-", html->out);
    html_text(html, verdict);
    fputs("\">Verdict<b id=\"verdict\">", html->out);
    html_text(html, verdict);
    fputs("</b></div><div class=\"card\">Risk<b>", html->out);
    html_text(html, result->risk ? result->risk : "unknown");
    fputs("</b></div><div class=\"card\">Findings<b>", html->out);
    fprintf(html->out, "%zu</b>%zu critical · %zu high · %zu medium · %zu low · %zu info</div>",
            result->finding_count, counts[SEVERITY_CRITICAL], counts[SEVERITY_HIGH],
            counts[SEVERITY_MEDIUM], counts[SEVERITY_LOW], counts[SEVERITY_INFO]);
    fprintf(html->out,
            "<div class=\"card\">Remediation<b>%.1f h</b>%.1f developer-days, about %zu week%s"
            "</div></div>",
            html_tenths(result->plan_total_hours), html_tenths(result->plan_total_hours / 8.0),
            result->plan_week_count, result->plan_week_count == 1 ? "" : "s");

    if (result->verdict_reason_count > 0) {
        fprintf(html->out, "<p><strong>Why %s:</strong> %zu ", verdict,
                result->verdict_reason_count);
        html_text(html, severity_id(result->verdict_reasons[0]->severity));
        fprintf(html->out, " finding%s stand%s: ", result->verdict_reason_count == 1 ? "" : "s",
                result->verdict_reason_count == 1 ? "s" : "");
        for (size_t i = 0; i < result->verdict_reason_count && i < 10; i++) {
            if (i)
                fputs("; ", html->out);
            fputs("<code>", html->out);
            html_text(html, result->verdict_reasons[i]->rule->id);
            fputs("</code> at ", html->out);
            html_location(html, result->verdict_reasons[i]->file, result->verdict_reasons[i]->line);
        }
        if (result->verdict_reason_count > 10)
            fprintf(html->out, "; and %zu more", result->verdict_reason_count - 10);
        fputs(".</p>", html->out);
    }
    if (result->next_step) {
        fputs("<p><strong>Next step:</strong> ", html->out);
        html_text(html, result->next_step->rule->title);
        fputs(" — ", html->out);
        html_location(html, result->next_step->file, result->next_step->line);
        fprintf(html->out, " (about %.1f h). ", html_tenths(result->next_step->hours));
        html_text(html, result->next_step->rule->fix);
        fputs("</p>", html->out);
    }
    size_t unchecked = 0;
    for (int c = 0; c < CATEGORY_COUNT; c++)
        unchecked += !result->categories[c].checked;
    if (unchecked) {
        fputs("<p class=\"meta\">Not checked by this version: ", html->out);
        bool first = true;
        for (int c = 0; c < CATEGORY_COUNT; c++) {
            if (result->categories[c].checked)
                continue;
            fprintf(html->out, "%s%s", first ? "" : ", ", category_title((enum category)c));
            first = false;
        }
        fputs(". The score says nothing about these areas.</p>", html->out);
    }
    fputs("</section>", html->out);
}

/* Horizontal bars, one per category; not-checked and not-applicable ones
 * are labelled, never drawn as a score. */
static void html_category_chart(struct html *html, const struct audit_result *result)
{
    const int row = 24, label = 150, width = 420;
    fputs("<section aria-labelledby=\"categories\"><h2 id=\"categories\">Scores by category</h2>",
          html->out);
    fprintf(html->out,
            "<svg role=\"img\" aria-labelledby=\"chart-title\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\"><title id=\"chart-title\">Score of each category, 0 to "
            "100</title>",
            label + width + 60, row * CATEGORY_COUNT + 8, label + width + 60,
            row * CATEGORY_COUNT + 8);
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        const struct category_result *category = &result->categories[c];
        int y = c * row + 4;
        fprintf(html->out, "<text x=\"0\" y=\"%d\">%s</text>", y + 15,
                category_title((enum category)c));
        fprintf(html->out,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#f6f8fa\" "
                "stroke=\"#d0d7de\"/>",
                label, y + 2, width);
        if (category->checked && category->applicable) {
            int score = category->score < 0 ? 0 : category->score > 100 ? 100 : category->score;
            const char *color = score >= 80 ? "#1a7f37" : score >= 60 ? "#bc4c00" : "#cf222e";
            fprintf(html->out,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" "
                    "fill=\"%s\"/><text x=\"%d\" y=\"%d\">%d</text>",
                    label, y + 2, width * score / 100, color, label + width + 8, y + 15, score);
        } else {
            fprintf(html->out, "<text x=\"%d\" y=\"%d\" fill=\"#57606a\">%s</text>", label + 8,
                    y + 15, category->checked ? "not applicable" : "not checked");
        }
    }
    fputs("</svg></section>", html->out);
}

static void html_trend(struct html *html, const struct report_options *options)
{
    if (!options || options->history_count < 2)
        return;
    const int width = 560, height = 120, pad = 20;
    size_t count = options->history_count;
    fputs("<section aria-labelledby=\"trend\"><h2 id=\"trend\">Score trend</h2>", html->out);
    fprintf(html->out,
            "<svg id=\"trend-chart\" role=\"img\" aria-labelledby=\"trend-title\" width=\"%d\" "
            "height=\"%d\" viewBox=\"0 0 %d %d\"><title id=\"trend-title\">Overall score of "
            "the last %zu audits</title><polyline fill=\"none\" stroke=\"#0969da\" "
            "stroke-width=\"2\" points=\"",
            width, height, width, height, count);
    for (size_t i = 0; i < count; i++) {
        int score = options->history_scores[i];
        score = score < 0 ? 0 : score > 100 ? 100 : score;
        double x = pad + (double)(width - 2 * pad) * (double)i / (double)(count - 1);
        double y = pad + (double)(height - 2 * pad) * (100 - score) / 100.0;
        fprintf(html->out, "%s%.1f,%.1f", i ? " " : "", x, y);
    }
    fprintf(html->out,
            "\"/><text x=\"0\" y=\"%d\">%d</text><text x=\"%d\" y=\"%d\">%d</text>"
            "</svg></section>",
            height - 4, options->history_scores[0], width - 30, height - 4,
            options->history_scores[count - 1]);
}

static void html_findings(struct html *html, const struct audit_result *result)
{
    fputs("<section aria-labelledby=\"findings\"><h2 id=\"findings\">Findings</h2>", html->out);
    if (result->finding_count == 0) {
        fputs("<p>No findings.</p></section>", html->out);
        return;
    }
    fputs("<div class=\"controls\"><label for=\"filter-severity\">Severity</label>"
          "<select id=\"filter-severity\"><option value=\"\">all</option>",
          html->out);
    for (int s = SEVERITY_COUNT - 1; s >= 0; s--)
        fprintf(html->out, "<option value=\"%s\">%s</option>", severity_id((enum severity)s),
                severity_id((enum severity)s));
    fputs("</select><label for=\"filter-category\">Category</label><select "
          "id=\"filter-category\"><option value=\"\">all</option>",
          html->out);
    for (int c = 0; c < CATEGORY_COUNT; c++)
        if (result->categories[c].findings > 0)
            fprintf(html->out, "<option value=\"%s\">%s</option>", category_id((enum category)c),
                    category_title((enum category)c));
    fprintf(html->out,
            "</select><label for=\"filter-text\">Search</label><input id=\"filter-text\" "
            "type=\"search\" placeholder=\"rule, file or message\"><span id=\"shown-count\" "
            "aria-live=\"polite\">%zu of %zu findings shown</span></div>",
            result->finding_count, result->finding_count);
    fputs("<table id=\"findings-table\"><thead><tr>"
          "<th scope=\"col\"><button type=\"button\" data-sort=\"rank\">Severity</button></th>"
          "<th scope=\"col\"><button type=\"button\" data-sort=\"category\">Category</button></th>"
          "<th scope=\"col\"><button type=\"button\" data-sort=\"rule\">Rule</button></th>"
          "<th scope=\"col\" aria-sort=\"ascending\"><button type=\"button\" "
          "data-sort=\"order\">Location</button></th>"
          "<th scope=\"col\">Finding</th></tr></thead><tbody id=\"findings-body\">",
          html->out);
    for (size_t i = 0; i < result->finding_count; i++) {
        const struct finding *finding = &result->findings[i];
        const char *severity = severity_id(finding->severity);
        /* data-text is what the search box matches: rule, file and message,
         * lower-cased ASCII (the script lower-cases the query the same way). */
        fprintf(html->out,
                "<tr class=\"finding\" tabindex=\"0\" aria-expanded=\"false\" "
                "aria-controls=\"detail-%zu\" data-severity=\"%s\" data-rank=\"%d\" "
                "data-category=\"%s\" data-order=\"%zu\" data-rule=\"",
                i, severity, SEVERITY_COUNT - (int)finding->severity,
                category_id(finding->rule->category), i);
        html_text(html, finding->rule->id);
        fputs("\" data-text=\"", html->out);
        struct strbuf lower = STRBUF_INIT;
        strbuf_printf(&lower, "%s %s %s", finding->rule->id, finding->file ? finding->file : "",
                      finding->message ? finding->message : "");
        for (size_t k = 0; k < lower.length; k++)
            if (lower.data[k] >= 'A' && lower.data[k] <= 'Z')
                lower.data[k] = (char)(lower.data[k] - 'A' + 'a');
        html_text(html, lower.data);
        strbuf_release(&lower);
        fprintf(html->out, "\"><td class=\"sev sev-%s\">%s</td><td>%s</td><td><code>", severity,
                severity, category_id(finding->rule->category));
        html_text(html, finding->rule->id);
        fputs("</code></td><td>", html->out);
        html_location(html, finding->file, finding->line);
        fputs("</td><td>", html->out);
        html_text(html, finding->message);
        fprintf(html->out,
                "</td></tr><tr class=\"detail\" id=\"detail-%zu\" hidden><td "
                "colspan=\"5\">",
                i);
        if (finding->snippet && finding->snippet[0]) {
            fputs("<pre><code>", html->out);
            html_text(html, finding->snippet);
            fputs("</code></pre>", html->out);
        }
        fputs("<p><strong>", html->out);
        html_text(html, finding->rule->title);
        fputs(".</strong> ", html->out);
        html_text(html, finding->rule->why);
        fputs("</p><p><strong>Fix.</strong> ", html->out);
        html_text(html, finding->rule->fix);
        fprintf(html->out, "</p><p class=\"meta\">Effort: %d min. References: ",
                finding->rule->effort_minutes);
        for (size_t r = 0; r < finding->rule->reference_count; r++) {
            if (r)
                fputs(", ", html->out);
            html_reference(html, finding->rule->references[r]);
        }
        fputs("</p></td></tr>", html->out);
    }
    fputs("</tbody></table></section>", html->out);
}

static void html_checks(struct html *html, const struct audit_result *result)
{
    if (result->check_count == 0)
        return;
    fputs("<section aria-labelledby=\"checks\"><h2 id=\"checks\">Checks</h2><table><thead><tr>"
          "<th scope=\"col\">Status</th><th scope=\"col\">Check</th><th scope=\"col\">Evidence"
          "</th></tr></thead><tbody>",
          html->out);
    for (size_t i = 0; i < result->check_count; i++) {
        const struct check *check = &result->checks[i];
        const char *status = check->status == CHECK_PASS   ? "pass"
                             : check->status == CHECK_FAIL ? "fail"
                                                           : "skip";
        fprintf(html->out, "<tr><td class=\"%s\">%s</td><td><code>", status,
                check->status == CHECK_NOT_CHECKED ? "not checked" : status);
        html_text(html, check->id);
        fputs("</code> ", html->out);
        html_text(html, check->title);
        fputs("</td><td>", html->out);
        for (size_t e = 0; e < check->evidence_count && e < 5; e++) {
            if (e)
                fputs("<br>", html->out);
            html_location(html, check->evidence[e].file, check->evidence[e].line);
            if (check->evidence[e].note) {
                fputc(' ', html->out);
                html_text(html, check->evidence[e].note);
            }
        }
        if ((check->status != CHECK_PASS || check->evidence_count == 0) && check->summary) {
            if (check->evidence_count)
                fputs("<br>", html->out);
            html_text(html, check->summary);
        }
        fputs("</td></tr>", html->out);
    }
    fputs("</tbody></table></section>", html->out);
}

static void html_plan(struct html *html, const struct audit_result *result)
{
    fputs("<section aria-labelledby=\"plan\"><h2 id=\"plan\">Remediation plan</h2>", html->out);
    if (result->phase_count == 0) {
        fputs("<p>Nothing to remediate.</p></section>", html->out);
        return;
    }
    fputs("<table><thead><tr><th scope=\"col\">Phase</th><th scope=\"col\">Hours</th>"
          "<th scope=\"col\">Findings</th></tr></thead><tbody>",
          html->out);
    for (size_t i = 0; i < result->phase_count; i++)
        fprintf(html->out, "<tr><td>%d. %s</td><td>%.1f</td><td>%zu</td></tr>",
                result->phases[i].id, plan_phase_name(result->phases[i].id),
                html_tenths(result->phases[i].hours), result->phases[i].finding_count);
    fprintf(html->out,
            "</tbody></table><p>Total %.1f hours, %.1f developer-days; %zu week%s for %u %s at "
            "%.1f hours a week",
            html_tenths(result->plan_total_hours), html_tenths(result->plan_total_hours / 8.0),
            result->plan_week_count, result->plan_week_count == 1 ? "" : "s",
            result->plan_settings.team, result->plan_settings.team == 1 ? "person" : "people",
            html_tenths(result->plan_settings.capacity_hours));
    if (result->plan_settings.hourly_rate > 0)
        fprintf(html->out, "; cost %.2f at %.2f an hour", result->plan_cost,
                result->plan_settings.hourly_rate);
    fputs(".</p>", html->out);
    if (result->plan_week_count > 0) {
        fputs("<table><thead><tr><th scope=\"col\">Week</th><th scope=\"col\">Hours</th>"
              "<th scope=\"col\">Phases</th></tr></thead><tbody>",
              html->out);
        for (size_t w = 0; w < result->plan_week_count; w++) {
            const struct plan_week *week = &result->plan_weeks[w];
            fprintf(html->out, "<tr><td>%d</td><td>%.1f</td><td>", week->week,
                    html_tenths(week->hours));
            bool first = true;
            for (int p = 1; p <= PLAN_PHASE_COUNT; p++) {
                if (!(week->phase_hours[p] > 0.05))
                    continue;
                fprintf(html->out, "%s%d. %s (%.1f h)", first ? "" : ", ", p, plan_phase_name(p),
                        html_tenths(week->phase_hours[p]));
                first = false;
            }
            fputs("</td></tr>", html->out);
        }
        fputs("</tbody></table>", html->out);
    }
    fputs("</section>", html->out);
}

static void html_method(struct html *html, const struct audit_result *result,
                        const struct report_options *options)
{
    const struct skipped_counts *skipped = &result->skipped;
    fputs("<section aria-labelledby=\"method\"><h2 id=\"method\">How this audit was done</h2><p>",
          html->out);
    fputs("prodready ", html->out);
    html_text(html, options && options->version ? options->version : "unknown");
    fprintf(html->out,
            " read %" PRIu64 " files (%" PRIu64 " bytes) with %zu rules. Skipped: %" PRIu64
            " binary, %" PRIu64 " too large, %" PRIu64 " vendored, %" PRIu64 " generated, %" PRIu64
            " unreadable, %" PRIu64
            " symlinks. Secrets are shown redacted; the code was read, never run.</p>",
            result->files, result->bytes, result->rules_run, skipped->binary, skipped->too_large,
            skipped->vendored, skipped->generated, skipped->unreadable, skipped->symlink);
    fputs("</section>", html->out);
}

int report_html_write(const struct audit_result *result, const struct report_options *options,
                      FILE *out)
{
    if (!result || !out) {
        errno = EINVAL;
        return -1;
    }
    struct html html = {out};
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta "
          "name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
          "<title>prodready audit: ",
          out);
    html_text(&html, result->path);
    fprintf(out,
            "</title><style>%s</style></head><body><header><h1>Production-readiness audit"
            "</h1><p class=\"meta\"><code>",
            html_style);
    html_text(&html, result->path);
    fputs("</code>", out);
    if (result->commit) {
        fputs(" at commit <code>", out);
        html_text(&html, result->commit);
        fputs("</code>", out);
    }
    fputs(" — project kind ", out);
    html_text(&html, project_kind_id(result->kind));
    fputs("</p></header><main>", out);
    html_summary(&html, result);
    html_category_chart(&html, result);
    html_trend(&html, options);
    html_findings(&html, result);
    html_checks(&html, result);
    html_plan(&html, result);
    html_method(&html, result, options);
    fprintf(out, "</main><script>%s</script></body></html>\n", html_script);
    errno = 0;
    if (fflush(out) != 0 || ferror(out)) {
        if (!errno)
            errno = EIO;
        return -1;
    }
    return 0;
}
