/*
 * store: the audit history in SQLite — one row per audit with its summary,
 * its category scores and findings in their own tables, and the full JSON
 * report, so `prodready history` and `prodready diff` can compare runs.
 *
 * The database is schema-versioned (PRAGMA user_version, migrations applied
 * in order inside a transaction), in WAL mode, and each audit is written in
 * one transaction: a process killed while saving leaves the previous state,
 * never half an audit. This module must not audit or score anything; it
 * stores what the report says.
 */
#ifndef PRODREADY_STORE_STORE_H
#define PRODREADY_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "util/strbuf.h"

/* The schema version this build writes (migrations 1..STORE_SCHEMA_VERSION). */
#define STORE_SCHEMA_VERSION 1

struct store;

/* Opens (creating it and its directory when `create`) the database at path
 * and migrates it to the current schema. NULL with a one-line reason in
 * `error` when it cannot (unwritable, not a database, newer schema). */
struct store *store_open(const char *path, bool create, struct strbuf *error);
void store_close(struct store *store);

/* Saves one audit: its summary, categories, findings and `report_json` (the
 * JSON report's text) in one transaction. Returns the new audit id, or -1
 * with the reason in `error` (nothing is saved then). */
int64_t store_save(struct store *store, const struct audit_result *result, const char *report_json,
                   struct strbuf *error);

/* One stored audit's summary, as `prodready history` lists it. */
struct store_audit {
    int64_t id;
    char created_at[32]; /* ISO 8601 UTC */
    char commit[48];     /* "" when not a git repository */
    int score;
    char grade[4];
    char verdict[32];
    int64_t findings;
    double hours;
    int category_scores[CATEGORY_COUNT]; /* -1: not applicable or not checked */
};

/* Every stored audit, oldest first, as a malloc'd array the caller frees
 * (*count entries; NULL with *count 0 when there are none). Returns 0, or
 * -1 with `error` (then *audits is NULL). */
int store_list(struct store *store, struct store_audit **audits, size_t *count,
               struct strbuf *error);

/* The JSON report of audit `id` (a negative id counts back from the latest:
 * -1 is the latest, -2 the one before), as malloc'd text (caller frees), or
 * NULL with `error` (no such audit). *found_id receives the audit's id. */
char *store_report(struct store *store, int64_t id, int64_t *found_id, struct strbuf *error);

/* The default database path for an audited root: ROOT/.prodready/history.db. */
void store_default_path(const char *root, struct strbuf *out);

#endif
