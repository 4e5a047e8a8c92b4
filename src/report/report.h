/*
 * report: one writer interface for every output format; each format lives in
 * its own file and renders the one in-memory audit_result. Writers must not
 * change the result and must not compute anything a score or check decides.
 */
#ifndef PRODREADY_REPORT_REPORT_H
#define PRODREADY_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/model.h"

struct report_options {
    bool color;          /* ANSI colour (text only); the CLI decides (TTY, NO_COLOR) */
    const char *version; /* tool version string */
    /* Overall scores of the stored audits, oldest first, this one last (the
     * HTML trend chart); NULL when there is no history. */
    const int *history_scores;
    size_t history_count;
};

struct report_writer {
    const char *name; /* --format value */
    /* Returns 0, or -1 on a write error (errno set). */
    int (*write)(const struct audit_result *result, const struct report_options *options,
                 FILE *out);
};

const struct report_writer *report_writer_find(const char *name);
/* Comma-separated list of format names, for messages. */
const char *report_writer_names(void);

int report_text_write(const struct audit_result *result, const struct report_options *options,
                      FILE *out);
int report_json_write(const struct audit_result *result, const struct report_options *options,
                      FILE *out);

int report_html_write(const struct audit_result *result, const struct report_options *options,
                      FILE *out);
int report_junit_write(const struct audit_result *result, const struct report_options *options,
                       FILE *out);
int report_markdown_write(const struct audit_result *result, const struct report_options *options,
                          FILE *out);
int report_sarif_write(const struct audit_result *result, const struct report_options *options,
                       FILE *out);

#endif
