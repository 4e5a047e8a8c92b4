/*
 * cmd_diff: `prodready diff [OLD] [NEW]` — what changed between two audits:
 * score and category deltas, plan hours, and the findings new, fixed and
 * unchanged by fingerprint. OLD and NEW are audit ids from the history
 * database (`prodready history` lists them) or JSON reports written by
 * `prodready audit --format json`; by default the two latest stored audits.
 */
#include "cli/cli.h"
#include "store/diff.h"
#include "store/store.h"
#include "util/file.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char diff_help[] =
    "usage: prodready diff [OLD] [NEW] [options]\n"
    "\n"
    "Compares two audits: score, grade, verdict and category deltas, remediation hours,\n"
    "and the findings that are new, fixed or unchanged (matched by fingerprint, so a\n"
    "finding that only moved is unchanged). OLD and NEW are each an audit id from\n"
    "'prodready history' (negative ids count back: -1 the latest, -2 the one before)\n"
    "or a JSON report file from 'prodready audit --format json'. Default: -2 and -1.\n"
    "\n"
    "options:\n"
    "      --db FILE        history database (default: ./.prodready/history.db)\n"
    "  -f, --format FORMAT  text (default), json or md\n"
    "      --fail-on-new    exit 1 when NEW has findings OLD did not\n"
    "  -h, --help           show this help\n"
    "\n"
    "examples:\n"
    "  prodready diff                     the last audit against the one before\n"
    "  prodready diff 3 7                 audits 3 and 7 of the history\n"
    "  prodready diff before.json after.json --format md\n";

/* An audit id: an optional '-' and digits. Anything else is a file name. */
static bool diff_is_id(const char *text, int64_t *id)
{
    const char *digits = text[0] == '-' ? text + 1 : text;
    if (!*digits || strlen(digits) > 15)
        return false;
    for (const char *p = digits; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    *id = strtoll(text, NULL, 10);
    return *id != 0;
}

/* Loads one side: from the database for an id, else from a file. */
static char *diff_load(const char *spec, const char *database, struct store **store,
                       struct strbuf *label, struct strbuf *error)
{
    int64_t id;
    if (diff_is_id(spec, &id)) {
        if (!*store && !(*store = store_open(database, false, error)))
            return NULL;
        int64_t found = 0;
        char *text = store_report(*store, id, &found, error);
        if (text)
            strbuf_printf(label, "audit %lld", (long long)found);
        return text;
    }
    size_t length = 0;
    char *text = file_read_all(spec, (size_t)512 << 20, &length);
    if (!text) {
        strbuf_printf(error, "cannot read %s", spec);
        return NULL;
    }
    strbuf_append_str(label, spec);
    return text;
}

int cmd_diff(int argc, char **argv)
{
    const char *specs[2] = {NULL, NULL}, *database = NULL, *format = "text";
    size_t spec_count = 0;
    bool fail_on_new = false;
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        bool missing = false;
        int64_t id;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(diff_help, stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(argv[i], "--fail-on-new") == 0) {
            fail_on_new = true;
        } else if (cli_option_value(argc, argv, &i, "--db", NULL, &value, &missing)) {
            if (missing || !*value)
                return cli_usage_error("diff", "--db needs a file name");
            database = value;
        } else if (cli_option_value(argc, argv, &i, "--format", "-f", &value, &missing)) {
            if (missing || (strcmp(value, "text") != 0 && strcmp(value, "json") != 0 &&
                            strcmp(value, "md") != 0))
                return cli_usage_error("diff", "--format needs text, json or md, got '%s'",
                                       value ? value : "");
            format = value;
        } else if (argv[i][0] == '-' && argv[i][1] && !diff_is_id(argv[i], &id)) {
            return cli_usage_error("diff", "unknown option '%s'", argv[i]);
        } else if (spec_count == 2) {
            return cli_usage_error("diff", "at most two audits to compare (got a third: '%s')",
                                   argv[i]);
        } else {
            specs[spec_count++] = argv[i];
        }
    }
    if (spec_count == 1)
        return cli_usage_error("diff", "give two audits to compare, or none for the two latest");
    if (spec_count == 0) {
        specs[0] = "-2";
        specs[1] = "-1";
    }
    struct strbuf default_path = STRBUF_INIT, error = STRBUF_INIT;
    struct strbuf labels[2] = {STRBUF_INIT, STRBUF_INIT};
    if (!database) {
        store_default_path(".", &default_path);
        database = default_path.data;
    }
    struct store *store = NULL;
    char *texts[2] = {NULL, NULL};
    int status = CLI_EXIT_OK;
    for (int i = 0; i < 2 && status == CLI_EXIT_OK; i++) {
        texts[i] = diff_load(specs[i], database, &store, &labels[i], &error);
        if (!texts[i]) {
            fprintf(stderr, "prodready diff: %s\n", error.data);
            status = CLI_EXIT_USAGE;
        }
    }
    struct diff_result diff;
    if (status == CLI_EXIT_OK) {
        strbuf_reset(&error);
        if (diff_reports(texts[0], labels[0].data, texts[1], labels[1].data, &diff, &error) != 0) {
            fprintf(stderr, "prodready diff: %s\n", error.data);
            status = CLI_EXIT_USAGE;
        } else {
            int written = strcmp(format, "json") == 0 ? diff_write_json(&diff, stdout)
                          : strcmp(format, "md") == 0 ? diff_write_markdown(&diff, stdout)
                                                      : diff_write_text(&diff, stdout);
            if (written != 0) {
                fprintf(stderr, "prodready diff: cannot write the output\n");
                status = CLI_EXIT_USAGE;
            } else if (fail_on_new && diff.added_count > 0) {
                status = CLI_EXIT_GATE_FAILED;
            }
            diff_release(&diff);
        }
    }
    free(texts[0]);
    free(texts[1]);
    store_close(store);
    strbuf_release(&labels[0]);
    strbuf_release(&labels[1]);
    strbuf_release(&default_path);
    strbuf_release(&error);
    return status;
}
