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

struct history_scores {
    int *scores;
    size_t count, capacity;
};

static void history_scores_collect(void *user, const struct store_audit *audit)
{
    struct history_scores *list = user;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        int *grown = realloc(list->scores, capacity * sizeof(*grown));
        if (!grown)
            return;
        list->scores = grown;
        list->capacity = capacity;
    }
    list->scores[list->count++] = audit->score;
}

int *cli_history_scores(const struct audit_result *result, const char *root, const char *database,
                        size_t *count)
{
    struct strbuf default_path = STRBUF_INIT, error = STRBUF_INIT;
    if (!database) {
        store_default_path(root, &default_path);
        database = default_path.data;
    }
    struct history_scores list = {0};
    /* Read-only and silent: no history is the common case, not an error. */
    struct store *store = store_open(database, false, &error);
    if (store) {
        store_list(store, history_scores_collect, &list, &error);
        store_close(store);
    }
    strbuf_release(&default_path);
    strbuf_release(&error);
    history_scores_collect(&list, &(struct store_audit){.score = result->score});
    *count = list.count;
    return list.scores;
}
