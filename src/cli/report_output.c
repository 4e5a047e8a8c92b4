/*
 * report_output: writes the audit's reports — one format to standard output
 * or --output FILE, or several (`--format md,html,sarif,json`) into
 * --output-dir DIR under fixed names — so CI gets every artifact from one
 * audit. The writers render; this file only opens, names and closes files.
 */
#include "cli/cli.h"
#include "report/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PRODREADY_VERSION
#define PRODREADY_VERSION "unknown"
#endif

/* The file each format gets in --output-dir. */
static const char *report_output_name(const char *format)
{
    static const struct {
        const char *format, *name;
    } names[] = {
        {"text", "prodready.txt"},  {"json", "prodready.json"},   {"md", "prodready.md"},
        {"html", "prodready.html"}, {"sarif", "prodready.sarif"}, {"junit", "prodready-junit.xml"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].format, format) == 0)
            return names[i].name;
    return "prodready.out";
}

size_t cli_formats_parse(const char *list, const char **bad)
{
    size_t count = 0;
    *bad = NULL;
    const char *start = list;
    for (;;) {
        const char *comma = strchr(start, ',');
        size_t length = comma ? (size_t)(comma - start) : strlen(start);
        char name[32];
        if (length == 0 || length >= sizeof name) {
            *bad = start;
            return 0;
        }
        memcpy(name, start, length);
        name[length] = '\0';
        if (!report_writer_find(name)) {
            *bad = start;
            return 0;
        }
        /* A format named twice would overwrite its own file. */
        for (const char *p = list; p < start;) {
            const char *next = strchr(p, ',');
            if ((size_t)(next - p) == length && memcmp(p, name, length) == 0) {
                *bad = start;
                return 0;
            }
            p = next + 1;
        }
        count++;
        if (!comma)
            return count;
        start = comma + 1;
    }
}

static bool report_output_color(FILE *out, bool to_file)
{
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return false;
    return !to_file && isatty(fileno(out));
}

static int report_output_one(const struct audit_result *result, const char *format,
                             const char *file, const char *root, const char *database)
{
    FILE *out = file ? fopen(file, "w") : stdout;
    if (!out) {
        fprintf(stderr, "prodready audit: cannot write '%s': %s\n", file, strerror(errno));
        return -1;
    }
    struct report_options options = {
        .color = strcmp(format, "text") == 0 && report_output_color(out, file != NULL),
        .version = PRODREADY_VERSION,
    };
    int *history_scores = NULL;
    if (strcmp(format, "html") == 0)
        options.history_scores = history_scores =
            cli_history_scores(result, root, database, &options.history_count);
    int written = report_writer_find(format)->write(result, &options, out);
    free(history_scores);
    if (fflush(out) != 0)
        written = -1;
    if (file && fclose(out) != 0)
        written = -1;
    if (written != 0)
        fprintf(stderr, "prodready audit: writing the %s report%s%s failed: %s\n", format,
                file ? " to " : "", file ? file : "", strerror(errno));
    return written;
}

int cli_write_reports(const struct audit_result *result, const char *formats, const char *output,
                      const char *output_dir, const char *root, const char *database)
{
    if (!output_dir)
        return report_output_one(result, formats, output, root, database);
    if (mkdir(output_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "prodready audit: cannot create '%s': %s\n", output_dir, strerror(errno));
        return -1;
    }
    int status = 0;
    const char *start = formats;
    for (;;) {
        const char *comma = strchr(start, ',');
        size_t length = comma ? (size_t)(comma - start) : strlen(start);
        char format[32];
        snprintf(format, sizeof format, "%.*s", (int)length, start);
        struct strbuf path = STRBUF_INIT;
        strbuf_printf(&path, "%s/%s", output_dir, report_output_name(format));
        if (report_output_one(result, format, path.data, root, database) != 0)
            status = -1;
        strbuf_release(&path);
        if (!comma)
            break;
        start = comma + 1;
    }
    return status;
}
