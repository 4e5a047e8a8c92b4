/*
 * report: the table of output formats. Add a format here and in its own
 * file; nothing else needs to change.
 */
#include "report/report.h"

#include <string.h>

/* One entry per line, so adding a format is a one-line change. */
// clang-format off
static const struct report_writer writers[] = {
    {"text", report_text_write},
    {"json", report_json_write},
    {"md", report_markdown_write},
    {"html", report_html_write},
    {"sarif", report_sarif_write},
    {"junit", report_junit_write},
};
// clang-format on

const struct report_writer *report_writer_find(const char *name)
{
    for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
        if (strcmp(writers[i].name, name) == 0)
            return &writers[i];
    return NULL;
}

const char *report_writer_names(void)
{
    return "text, json, md, html, sarif, junit";
}
