/*
 * cmd_history: `prodready history [PATH]` — the stored audits of PATH, oldest
 * first: date, commit, score (with a sparkline of the trend), grade,
 * verdict, findings, plan hours and each category's score. Reads the
 * database only; never audits.
 */
#include "cli/cli.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char history_help[] =
    "usage: prodready history [PATH] [--db FILE] [--format text|json]\n"
    "\n"
    "Lists the audits stored for PATH (default: the current directory) by earlier\n"
    "'prodready audit' runs, oldest first, with the score trend as a sparkline and\n"
    "each category's score.\n"
    "\n"
    "options:\n"
    "      --db FILE        history database (default: PATH/.prodready/history.db)\n"
    "  -f, --format FORMAT  text (default) or json\n"
    "  -h, --help           show this help\n";

struct history_rows {
    struct store_audit *audits; /* owned: from store_list */
    size_t count;
};

/* Eight levels of block: U+2581 .. U+2588, scaled to 0..100. */
static void history_sparkline(FILE *out, const struct history_rows *rows)
{
    static const char *const blocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    for (size_t i = 0; i < rows->count; i++) {
        int score = rows->audits[i].score < 0     ? 0
                    : rows->audits[i].score > 100 ? 100
                                                  : rows->audits[i].score;
        fputs(blocks[score * 7 / 100], out);
    }
}

static void history_text(FILE *out, const struct history_rows *rows, const char *database)
{
    if (rows->count == 0) {
        fprintf(out, "no audits stored in %s yet; run 'prodready audit' first\n", database);
        return;
    }
    fprintf(out, "%zu audit%s in %s\nscore trend: ", rows->count, rows->count == 1 ? "" : "s",
            database);
    history_sparkline(out, rows);
    fprintf(out, "  %d -> %d\n\n", rows->audits[0].score, rows->audits[rows->count - 1].score);
    fprintf(out, "%4s  %-20s  %-12s  %5s  %-5s  %-21s  %8s  %7s", "ID", "DATE (UTC)", "COMMIT",
            "SCORE", "GRADE", "VERDICT", "FINDINGS", "HOURS");
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        /* Short headers keep the row readable: the first four letters. */
        fprintf(out, "  %4.4s", category_id((enum category)c));
    }
    fputc('\n', out);
    for (size_t i = 0; i < rows->count; i++) {
        const struct store_audit *audit = &rows->audits[i];
        fprintf(out, "%4lld  %-20.20s  %-12.12s  %5d  %-5s  %-21s  %8lld  %7.1f",
                (long long)audit->id, audit->created_at, audit->commit[0] ? audit->commit : "-",
                audit->score, audit->grade, audit->verdict, (long long)audit->findings,
                audit->hours);
        for (int c = 0; c < CATEGORY_COUNT; c++) {
            if (audit->category_scores[c] < 0)
                fputs("     -", out);
            else
                fprintf(out, "  %4d", audit->category_scores[c]);
        }
        fputc('\n', out);
    }
}

static int history_json(FILE *out, const struct history_rows *rows)
{
    json_t *array = json_array();
    for (size_t i = 0; array && i < rows->count; i++) {
        const struct store_audit *audit = &rows->audits[i];
        json_t *categories = json_object();
        for (int c = 0; categories && c < CATEGORY_COUNT; c++)
            json_object_set_new(categories, category_id((enum category)c),
                                audit->category_scores[c] < 0
                                    ? json_null()
                                    : json_integer(audit->category_scores[c]));
        json_array_append_new(
            array, json_pack("{s:I, s:s, s:s?, s:i, s:s, s:s, s:I, s:f, s:o}", "id",
                             (json_int_t)audit->id, "created_at", audit->created_at, "commit",
                             audit->commit[0] ? audit->commit : NULL, "score", audit->score,
                             "grade", audit->grade, "verdict", audit->verdict, "findings",
                             (json_int_t)audit->findings, "plan_hours", audit->hours, "categories",
                             categories ? categories : json_null()));
    }
    if (!array)
        return -1;
    int status = json_dumpf(array, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(array);
    fputc('\n', out);
    return status;
}

int cmd_history(int argc, char **argv)
{
    const char *path = NULL, *database = NULL, *format = "text";
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        bool missing = false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(history_help, stdout);
            return CLI_EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--db", NULL, &value, &missing)) {
            if (missing || !*value)
                return cli_usage_error("history", "--db needs a file name");
            database = value;
        } else if (cli_option_value(argc, argv, &i, "--format", "-f", &value, &missing)) {
            if (missing || (strcmp(value, "text") != 0 && strcmp(value, "json") != 0))
                return cli_usage_error("history", "--format needs text or json, got '%s'",
                                       value ? value : "");
            format = value;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("history", "unknown option '%s'", argv[i]);
        } else if (path) {
            return cli_usage_error("history", "one PATH only");
        } else {
            path = argv[i];
        }
    }
    struct strbuf default_path = STRBUF_INIT, error = STRBUF_INIT;
    if (!database) {
        store_default_path(path ? path : ".", &default_path);
        database = default_path.data;
    }
    struct history_rows rows = {0};
    struct store *store = store_open(database, false, &error);
    int status = CLI_EXIT_OK;
    if (!store) {
        fprintf(stderr, "prodready history: %s; run 'prodready audit' first, or give --db\n",
                error.data);
        status = CLI_EXIT_USAGE;
    } else if (store_list(store, &rows.audits, &rows.count, &error) != 0) {
        fprintf(stderr, "prodready history: %s\n", error.data);
        status = CLI_EXIT_USAGE;
    } else if (strcmp(format, "json") == 0) {
        if (history_json(stdout, &rows) != 0)
            status = CLI_EXIT_USAGE;
    } else {
        history_text(stdout, &rows, database);
    }
    store_close(store);
    free(rows.audits);
    strbuf_release(&default_path);
    strbuf_release(&error);
    return status;
}
