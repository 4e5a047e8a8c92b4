/*
 * report/junit: the audit as JUnit XML, for CI systems that read nothing
 * else. One <testsuite> per category; in it one <testcase> per repository
 * check (failed checks fail, checks not run are skipped) and one per rule
 * that ran for this project kind, which fails when the rule has findings —
 * the <failure> lists each finding's location and message.
 *
 * Written with libxml2's text writer, so escaping is the library's; audited
 * text is first made valid XML 1.0 characters. Like every writer it decides
 * nothing and prints no time, so two audits of one tree give the same file.
 */
#include "report/report.h"

#include <errno.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "rules/registry.h"
#include "util/strbuf.h"
#include "util/utf8.h"

struct junit {
    xmlTextWriterPtr writer;
    struct strbuf clean;
    bool failed; /* a libxml2 call failed: sticky, checked once at the end */
};

/* XML 1.0 allows tab, newline, carriage return and U+0020 upwards except
 * surrogates and U+FFFE/U+FFFF; anything else (and invalid UTF-8, which
 * audited files may hold) becomes U+FFFD. */
static const xmlChar *junit_clean(struct junit *junit, const char *text)
{
    const unsigned char *bytes = (const unsigned char *)(text ? text : "");
    size_t length = strlen((const char *)bytes);
    strbuf_reset(&junit->clean);
    for (size_t i = 0; i < length;) {
        uint32_t code;
        size_t step = utf8_decode(bytes + i, length - i, &code);
        bool allowed = step > 0 && (code == 0x9 || code == 0xA || code == 0xD ||
                                    (code >= 0x20 && code != 0xFFFE && code != 0xFFFF));
        if (allowed)
            strbuf_append(&junit->clean, (const char *)bytes + i, step);
        else
            strbuf_append(&junit->clean, "\xef\xbf\xbd", 3);
        i += step ? step : 1;
    }
    return (const xmlChar *)junit->clean.data;
}

static void junit_start(struct junit *junit, const char *element)
{
    if (xmlTextWriterStartElement(junit->writer, (const xmlChar *)element) < 0)
        junit->failed = true;
}

static void junit_end(struct junit *junit)
{
    if (xmlTextWriterEndElement(junit->writer) < 0)
        junit->failed = true;
}

static void junit_attribute(struct junit *junit, const char *name, const char *value)
{
    if (xmlTextWriterWriteAttribute(junit->writer, (const xmlChar *)name,
                                    junit_clean(junit, value)) < 0)
        junit->failed = true;
}

static void junit_attribute_count(struct junit *junit, const char *name, size_t value)
{
    char number[32];
    snprintf(number, sizeof number, "%zu", value);
    junit_attribute(junit, name, number);
}

static void junit_text(struct junit *junit, const char *text)
{
    if (xmlTextWriterWriteString(junit->writer, junit_clean(junit, text)) < 0)
        junit->failed = true;
}

static bool junit_rule_ran(const struct audit_result *result, const struct rule *rule)
{
    return (rule->kinds & PROJECT_KIND_BIT(result->kind)) != 0;
}

static size_t junit_rule_findings(const struct audit_result *result, const struct rule *rule)
{
    size_t count = 0;
    for (size_t i = 0; i < result->finding_count; i++)
        count += result->findings[i].rule == rule;
    return count;
}

static void junit_check_case(struct junit *junit, const struct check *check)
{
    struct strbuf name = STRBUF_INIT;
    strbuf_printf(&name, "check %s: %s", check->id, check->title ? check->title : "");
    junit_start(junit, "testcase");
    junit_attribute(junit, "classname", category_id(check->category));
    junit_attribute(junit, "name", name.data);
    strbuf_release(&name);
    if (check->status == CHECK_FAIL) {
        junit_start(junit, "failure");
        junit_attribute(junit, "type", "check");
        junit_attribute(junit, "message", check->summary);
        junit_text(junit, check->summary);
        junit_end(junit);
    } else if (check->status == CHECK_NOT_CHECKED) {
        junit_start(junit, "skipped");
        junit_attribute(junit, "message", check->summary);
        junit_end(junit);
    } else if (check->evidence_count > 0) {
        /* A pass says what proved it, as every check in prodready does. */
        struct strbuf evidence = STRBUF_INIT;
        for (size_t i = 0; i < check->evidence_count; i++) {
            const struct evidence *item = &check->evidence[i];
            strbuf_printf(&evidence, "%s", item->file ? item->file : "repository");
            if (item->line > 0)
                strbuf_printf(&evidence, ":%d", item->line);
            if (item->note)
                strbuf_printf(&evidence, " %s", item->note);
            strbuf_append_char(&evidence, '\n');
        }
        junit_start(junit, "system-out");
        junit_text(junit, evidence.data);
        junit_end(junit);
        strbuf_release(&evidence);
    }
    junit_end(junit);
}

static void junit_rule_case(struct junit *junit, const struct audit_result *result,
                            const struct rule *rule, size_t count)
{
    struct strbuf name = STRBUF_INIT;
    strbuf_printf(&name, "rule %s: %s", rule->id, rule->title ? rule->title : "");
    junit_start(junit, "testcase");
    junit_attribute(junit, "classname", category_id(rule->category));
    junit_attribute(junit, "name", name.data);
    if (count > 0) {
        strbuf_reset(&name);
        strbuf_printf(&name, "%zu finding%s (%s)", count, count == 1 ? "" : "s",
                      severity_id(rule->severity));
        junit_start(junit, "failure");
        junit_attribute(junit, "type", severity_id(rule->severity));
        junit_attribute(junit, "message", name.data);
        struct strbuf body = STRBUF_INIT;
        for (size_t i = 0; i < result->finding_count; i++) {
            const struct finding *finding = &result->findings[i];
            if (finding->rule != rule)
                continue;
            strbuf_printf(&body, "%s", finding->file ? finding->file : "repository");
            if (finding->line > 0)
                strbuf_printf(&body, ":%d", finding->line);
            strbuf_printf(&body, ": %s\n", finding->message ? finding->message : "");
        }
        strbuf_printf(&body, "\nWhy: %s\nFix: %s\n", rule->why ? rule->why : "",
                      rule->fix ? rule->fix : "");
        junit_text(junit, body.data);
        strbuf_release(&body);
        junit_end(junit);
    }
    strbuf_release(&name);
    junit_end(junit);
}

static void junit_suite(struct junit *junit, const struct audit_result *result,
                        enum category category)
{
    size_t rule_count;
    const struct rule *rules = rule_registry_all(&rule_count);
    size_t tests = 0, failures = 0, skipped = 0;
    for (size_t i = 0; i < result->check_count; i++) {
        if (result->checks[i].category != category)
            continue;
        tests++;
        failures += result->checks[i].status == CHECK_FAIL;
        skipped += result->checks[i].status == CHECK_NOT_CHECKED;
    }
    for (size_t i = 0; i < rule_count; i++) {
        if (rules[i].category != category || !junit_rule_ran(result, &rules[i]))
            continue;
        tests++;
        failures += junit_rule_findings(result, &rules[i]) > 0;
    }
    if (tests == 0)
        return;

    junit_start(junit, "testsuite");
    junit_attribute(junit, "name", category_id(category));
    junit_attribute_count(junit, "tests", tests);
    junit_attribute_count(junit, "failures", failures);
    junit_attribute_count(junit, "errors", 0);
    junit_attribute_count(junit, "skipped", skipped);
    for (size_t i = 0; i < result->check_count; i++)
        if (result->checks[i].category == category)
            junit_check_case(junit, &result->checks[i]);
    for (size_t i = 0; i < rule_count; i++)
        if (rules[i].category == category && junit_rule_ran(result, &rules[i]))
            junit_rule_case(junit, result, &rules[i], junit_rule_findings(result, &rules[i]));
    junit_end(junit);
}

int report_junit_write(const struct audit_result *result, const struct report_options *options,
                       FILE *out)
{
    (void)options;
    if (!result || !out) {
        errno = EINVAL;
        return -1;
    }
    xmlOutputBufferPtr buffer = xmlOutputBufferCreateFile(out, NULL);
    if (!buffer) {
        errno = ENOMEM;
        return -1;
    }
    /* The writer owns the buffer from here and closes it (not `out`). */
    struct junit junit = {xmlNewTextWriter(buffer), STRBUF_INIT, false};
    if (!junit.writer) {
        xmlOutputBufferClose(buffer);
        errno = ENOMEM;
        return -1;
    }
    xmlTextWriterSetIndent(junit.writer, 1);
    xmlTextWriterSetIndentString(junit.writer, (const xmlChar *)"  ");
    if (xmlTextWriterStartDocument(junit.writer, NULL, "UTF-8", NULL) < 0)
        junit.failed = true;

    size_t tests = 0, failures = 0;
    for (size_t i = 0; i < result->check_count; i++) {
        tests++;
        failures += result->checks[i].status == CHECK_FAIL;
    }
    size_t rule_count;
    const struct rule *rules = rule_registry_all(&rule_count);
    for (size_t i = 0; i < rule_count; i++) {
        if (!junit_rule_ran(result, &rules[i]))
            continue;
        tests++;
        failures += junit_rule_findings(result, &rules[i]) > 0;
    }
    junit_start(&junit, "testsuites");
    junit_attribute(&junit, "name", "prodready");
    junit_attribute_count(&junit, "tests", tests);
    junit_attribute_count(&junit, "failures", failures);
    junit_attribute_count(&junit, "errors", 0);
    for (int category = 0; category < CATEGORY_COUNT; category++)
        junit_suite(&junit, result, (enum category)category);
    junit_end(&junit);
    if (xmlTextWriterEndDocument(junit.writer) < 0)
        junit.failed = true;
    xmlFreeTextWriter(junit.writer);
    strbuf_release(&junit.clean);

    errno = 0;
    if (junit.failed || fflush(out) != 0 || ferror(out)) {
        if (!errno)
            errno = junit.failed ? ENOMEM : EIO;
        return -1;
    }
    return 0;
}
