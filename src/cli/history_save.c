/*
 * history_save: after `prodready audit`, stores the audit in the history
 * database (src/store) so `prodready history` and `prodready diff` can show
 * progress. A database that cannot be written is a warning, never a failed
 * audit: the report has already been written.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"
#include "report/report.h"
#include "store/store.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef PRODREADY_VERSION
#define PRODREADY_VERSION "unknown"
#endif

int cli_history_save(const struct audit_result *result, const char *root, const char *database,
                     bool quiet)
{
    struct strbuf default_path = STRBUF_INIT, error = STRBUF_INIT;
    if (!database) {
        store_default_path(root, &default_path);
        database = default_path.data;
    }
    /* The stored report is the JSON report, so diff reads the same contract
     * from the database as from a file. */
    char *json = NULL;
    size_t json_length = 0;
    FILE *memory = open_memstream(&json, &json_length);
    struct report_options options = {.color = false, .version = PRODREADY_VERSION};
    int status = -1;
    if (!memory || report_json_write(result, &options, memory) != 0) {
        strbuf_printf(&error, "cannot render the report for the history");
    } else {
        fclose(memory);
        memory = NULL;
        struct store *store = store_open(database, true, &error);
        if (store) {
            int64_t id = store_save(store, result, json, &error);
            store_close(store);
            status = id > 0 ? 0 : -1;
        }
    }
    if (memory)
        fclose(memory);
    if (status != 0 && !quiet)
        fprintf(stderr,
                "prodready: warning: the audit was not saved to the history (%s); "
                "use --db FILE or --no-save\n",
                error.data);
    free(json);
    strbuf_release(&default_path);
    strbuf_release(&error);
    return status;
}

int *cli_history_scores(const struct audit_result *result, const char *root, const char *database,
                        size_t *count)
{
    struct strbuf default_path = STRBUF_INIT, error = STRBUF_INIT;
    if (!database) {
        store_default_path(root, &default_path);
        database = default_path.data;
    }
    struct store_audit *audits = NULL;
    size_t stored = 0;
    /* Read-only and silent: no history is the common case, not an error. */
    struct store *store = store_open(database, false, &error);
    if (store) {
        store_list(store, &audits, &stored, &error);
        store_close(store);
    }
    strbuf_release(&default_path);
    strbuf_release(&error);
    /* The stored scores, then this audit's (not saved yet, or not at all). */
    int *scores = xmalloc((stored + 1) * sizeof(*scores));
    for (size_t i = 0; i < stored; i++)
        scores[i] = audits[i].score;
    scores[stored] = result->score;
    free(audits);
    *count = stored + 1;
    return scores;
}
