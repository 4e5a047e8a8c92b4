/*
 * store: see store.h. Every write goes through one transaction; every
 * statement is prepared with bound parameters (audited text is data, never
 * SQL). SQLite's own WAL journal is what makes a killed save harmless; this
 * file must not write the database any other way.
 */
#define _POSIX_C_SOURCE 200809L
#include "store/store.h"
#include "util/xalloc.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct store {
    sqlite3 *db;
    bool trace; /* PRODREADY_STORE_TRACE: "store: begin/commit" on stderr (tests) */
};

/* Migration N takes the schema from version N-1 to N. Never edit one that
 * has shipped: add the next. */
static const char *const store_migrations[STORE_SCHEMA_VERSION + 1] = {
    NULL,
    "CREATE TABLE audits ("
    "  id INTEGER PRIMARY KEY,"
    "  created_at TEXT NOT NULL,"
    "  path TEXT NOT NULL,"
    "  commit_id TEXT,"
    "  tool_version TEXT NOT NULL,"
    "  score INTEGER NOT NULL,"
    "  grade TEXT NOT NULL,"
    "  verdict TEXT NOT NULL,"
    "  risk TEXT,"
    "  finding_count INTEGER NOT NULL,"
    "  total_hours REAL NOT NULL,"
    "  report_json TEXT NOT NULL"
    ");"
    "CREATE TABLE category_scores ("
    "  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,"
    "  category TEXT NOT NULL,"
    "  score INTEGER," /* NULL: not applicable or not checked */
    "  findings INTEGER NOT NULL,"
    "  PRIMARY KEY (audit_id, category)"
    ");"
    "CREATE TABLE findings ("
    "  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,"
    "  fingerprint TEXT NOT NULL,"
    "  rule TEXT NOT NULL,"
    "  severity TEXT NOT NULL,"
    "  file TEXT,"
    "  line INTEGER,"
    "  message TEXT NOT NULL"
    ");"
    "CREATE INDEX findings_by_audit ON findings(audit_id, fingerprint);",
};

static void store_error(struct strbuf *error, sqlite3 *db, const char *what)
{
    if (error)
        strbuf_printf(error, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

static int store_exec(struct store *store, const char *sql, struct strbuf *error)
{
    char *message = NULL;
    if (sqlite3_exec(store->db, sql, NULL, NULL, &message) == SQLITE_OK)
        return 0;
    if (error)
        strbuf_printf(error, "%s", message ? message : sqlite3_errmsg(store->db));
    sqlite3_free(message);
    return -1;
}

static int store_user_version(struct store *store, int *version, struct strbuf *error)
{
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &statement, NULL) != SQLITE_OK) {
        store_error(error, store->db, "cannot read the schema version");
        return -1;
    }
    int status = sqlite3_step(statement);
    if (status == SQLITE_ROW)
        *version = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    if (status != SQLITE_ROW) {
        store_error(error, store->db, "cannot read the schema version");
        return -1;
    }
    return 0;
}

static int store_migrate(struct store *store, struct strbuf *error)
{
    int version = 0;
    if (store_user_version(store, &version, error) != 0)
        return -1;
    if (version > STORE_SCHEMA_VERSION) {
        strbuf_printf(error,
                      "the history database has schema version %d, newer than this prodready "
                      "understands (%d); upgrade prodready or use --db for another file",
                      version, STORE_SCHEMA_VERSION);
        return -1;
    }
    for (int next = version + 1; next <= STORE_SCHEMA_VERSION; next++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d;", next);
        /* One migration, one transaction: a crash leaves the old version. */
        if (store_exec(store, "BEGIN IMMEDIATE;", error) != 0)
            return -1;
        if (store_exec(store, store_migrations[next], error) != 0 ||
            store_exec(store, bump, error) != 0 || store_exec(store, "COMMIT;", error) != 0) {
            store_exec(store, "ROLLBACK;", NULL);
            return -1;
        }
    }
    return 0;
}

void store_default_path(const char *root, struct strbuf *out)
{
    strbuf_printf(out, "%s/.prodready/history.db", root && *root ? root : ".");
}

struct store *store_open(const char *path, bool create, struct strbuf *error)
{
    if (create) {
        /* Only the database's own directory is created (.prodready/), never
         * a chain of parents a typo in --db could invent. */
        char *directory = strdup(path);
        char *slash = directory ? strrchr(directory, '/') : NULL;
        if (slash && slash != directory) {
            *slash = '\0';
            if (mkdir(directory, 0777) == 0) {
                /* A fresh state directory ignores itself, so the database
                 * never shows up in `git status` of the audited repository
                 * (as pytest's and mypy's caches do). */
                struct strbuf ignore = STRBUF_INIT;
                strbuf_printf(&ignore, "%s/.gitignore", directory);
                FILE *file = fopen(ignore.data, "w");
                if (file) {
                    fputs("# written by prodready: its history database, not for git\n*\n", file);
                    fclose(file);
                }
                strbuf_release(&ignore);
            } else if (errno != EEXIST) {
                strbuf_printf(error, "cannot create %s: %s", directory, strerror(errno));
                free(directory);
                return NULL;
            }
        }
        free(directory);
    }

    struct store *store = calloc(1, sizeof(*store));
    if (!store) {
        strbuf_printf(error, "out of memory");
        return NULL;
    }
    const char *trace = getenv("PRODREADY_STORE_TRACE");
    store->trace = trace && *trace && strcmp(trace, "0") != 0;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &store->db, flags, NULL) != SQLITE_OK) {
        strbuf_printf(error, "cannot open %s: %s", path,
                      store->db ? sqlite3_errmsg(store->db) : "out of memory");
        store_close(store);
        return NULL;
    }
    sqlite3_busy_timeout(store->db, 5000);
    struct strbuf reason = STRBUF_INIT;
    /* WAL: readers never block the writer, and a killed writer leaves only
     * an uncommitted tail in the -wal file, which the next open discards. */
    if (store_exec(store, "PRAGMA journal_mode = WAL;", &reason) != 0 ||
        store_exec(store, "PRAGMA synchronous = NORMAL;", &reason) != 0 ||
        store_exec(store, "PRAGMA foreign_keys = ON;", &reason) != 0 ||
        store_migrate(store, &reason) != 0) {
        strbuf_printf(error, "%s: %s", path, reason.data);
        strbuf_release(&reason);
        store_close(store);
        return NULL;
    }
    strbuf_release(&reason);
    return store;
}

void store_close(struct store *store)
{
    if (!store)
        return;
    sqlite3_close(store->db);
    free(store);
}

static int store_bind_text(sqlite3_stmt *statement, int index, const char *text)
{
    return text ? sqlite3_bind_text(statement, index, text, -1, SQLITE_TRANSIENT)
                : sqlite3_bind_null(statement, index);
}

static int store_step_once(struct store *store, sqlite3_stmt *statement, struct strbuf *error,
                           const char *what)
{
    int status = sqlite3_step(statement);
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    if (status != SQLITE_DONE) {
        store_error(error, store->db, what);
        return -1;
    }
    return 0;
}

static int64_t store_insert_audit(struct store *store, const struct audit_result *result,
                                  const char *report_json, struct strbuf *error)
{
    sqlite3_stmt *statement = NULL;
    const char *sql = "INSERT INTO audits (created_at, path, commit_id, tool_version, score, "
                      "grade, verdict, risk, finding_count, total_hours, report_json) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (sqlite3_prepare_v2(store->db, sql, -1, &statement, NULL) != SQLITE_OK) {
        store_error(error, store->db, "cannot save the audit");
        return -1;
    }
    char grade[4] = {0};
    memcpy(grade, result->grade, strnlen(result->grade, 3));
    store_bind_text(statement, 1, result->timestamp ? result->timestamp : "");
    store_bind_text(statement, 2, result->path ? result->path : ".");
    store_bind_text(statement, 3, result->commit);
#ifdef PRODREADY_VERSION
    store_bind_text(statement, 4, PRODREADY_VERSION);
#else
    store_bind_text(statement, 4, "unknown");
#endif
    sqlite3_bind_int(statement, 5, result->score);
    store_bind_text(statement, 6, grade);
    store_bind_text(statement, 7, result->verdict ? result->verdict : "");
    store_bind_text(statement, 8, result->risk);
    sqlite3_bind_int64(statement, 9, (sqlite3_int64)result->finding_count);
    sqlite3_bind_double(statement, 10, result->plan_total_hours);
    store_bind_text(statement, 11, report_json);
    int status = store_step_once(store, statement, error, "cannot save the audit");
    sqlite3_finalize(statement);
    return status == 0 ? (int64_t)sqlite3_last_insert_rowid(store->db) : -1;
}

static int store_insert_details(struct store *store, int64_t id, const struct audit_result *result,
                                struct strbuf *error)
{
    sqlite3_stmt *category = NULL, *finding = NULL;
    int status = -1;
    if (sqlite3_prepare_v2(store->db,
                           "INSERT INTO category_scores (audit_id, category, score, findings) "
                           "VALUES (?, ?, ?, ?)",
                           -1, &category, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(store->db,
                           "INSERT INTO findings (audit_id, fingerprint, rule, severity, file, "
                           "line, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           -1, &finding, NULL) != SQLITE_OK) {
        store_error(error, store->db, "cannot save the audit");
        goto done;
    }
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        const struct category_result *entry = &result->categories[c];
        sqlite3_bind_int64(category, 1, id);
        store_bind_text(category, 2, category_id((enum category)c));
        if (entry->applicable && entry->checked)
            sqlite3_bind_int(category, 3, entry->score);
        else
            sqlite3_bind_null(category, 3);
        sqlite3_bind_int64(category, 4, (sqlite3_int64)entry->findings);
        if (store_step_once(store, category, error, "cannot save the category scores") != 0)
            goto done;
    }
    for (size_t i = 0; i < result->finding_count; i++) {
        const struct finding *item = &result->findings[i];
        char fingerprint[17] = {0};
        memcpy(fingerprint, item->fingerprint, strnlen(item->fingerprint, 16));
        sqlite3_bind_int64(finding, 1, id);
        store_bind_text(finding, 2, fingerprint);
        store_bind_text(finding, 3, item->rule->id);
        store_bind_text(finding, 4, severity_id(item->severity));
        store_bind_text(finding, 5, item->file);
        if (item->line > 0)
            sqlite3_bind_int(finding, 6, item->line);
        else
            sqlite3_bind_null(finding, 6);
        store_bind_text(finding, 7, item->message ? item->message : "");
        if (store_step_once(store, finding, error, "cannot save the findings") != 0)
            goto done;
    }
    status = 0;
done:
    sqlite3_finalize(category);
    sqlite3_finalize(finding);
    return status;
}

int64_t store_save(struct store *store, const struct audit_result *result, const char *report_json,
                   struct strbuf *error)
{
    if (store_exec(store, "BEGIN IMMEDIATE;", error) != 0)
        return -1;
    if (store->trace)
        fputs("store: begin\n", stderr);
    int64_t id = store_insert_audit(store, result, report_json, error);
    if (id < 0 || store_insert_details(store, id, result, error) != 0 ||
        store_exec(store, "COMMIT;", error) != 0) {
        store_exec(store, "ROLLBACK;", NULL);
        return -1;
    }
    if (store->trace)
        fputs("store: commit\n", stderr);
    return id;
}

static void store_copy_column(char *out, size_t size, sqlite3_stmt *statement, int column)
{
    const unsigned char *text = sqlite3_column_text(statement, column);
    snprintf(out, size, "%s", text ? (const char *)text : "");
}

int store_list(struct store *store, struct store_audit **list, size_t *count, struct strbuf *error)
{
    sqlite3_stmt *audits = NULL, *scores = NULL;
    int status = -1;
    size_t capacity = 0;
    *list = NULL;
    *count = 0;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT id, created_at, commit_id, score, grade, verdict, "
                           "finding_count, total_hours FROM audits ORDER BY id",
                           -1, &audits, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(store->db,
                           "SELECT category, score FROM category_scores WHERE audit_id = ?", -1,
                           &scores, NULL) != SQLITE_OK) {
        store_error(error, store->db, "cannot read the history");
        goto done;
    }
    int step;
    while ((step = sqlite3_step(audits)) == SQLITE_ROW) {
        struct store_audit audit = {0};
        audit.id = sqlite3_column_int64(audits, 0);
        store_copy_column(audit.created_at, sizeof audit.created_at, audits, 1);
        store_copy_column(audit.commit, sizeof audit.commit, audits, 2);
        audit.score = sqlite3_column_int(audits, 3);
        store_copy_column(audit.grade, sizeof audit.grade, audits, 4);
        store_copy_column(audit.verdict, sizeof audit.verdict, audits, 5);
        audit.findings = sqlite3_column_int64(audits, 6);
        audit.hours = sqlite3_column_double(audits, 7);
        for (int c = 0; c < CATEGORY_COUNT; c++)
            audit.category_scores[c] = -1;
        sqlite3_bind_int64(scores, 1, audit.id);
        while (sqlite3_step(scores) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(scores, 0);
            for (int c = 0; name && c < CATEGORY_COUNT; c++)
                if (strcmp(name, category_id((enum category)c)) == 0 &&
                    sqlite3_column_type(scores, 1) != SQLITE_NULL)
                    audit.category_scores[c] = sqlite3_column_int(scores, 1);
        }
        sqlite3_reset(scores);
        if (*count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            *list = xrealloc(*list, capacity * sizeof(**list));
        }
        (*list)[(*count)++] = audit;
    }
    if (step != SQLITE_DONE) {
        store_error(error, store->db, "cannot read the history");
        goto done;
    }
    status = 0;
done:
    sqlite3_finalize(audits);
    sqlite3_finalize(scores);
    if (status != 0) {
        free(*list);
        *list = NULL;
        *count = 0;
    }
    return status;
}

char *store_report(struct store *store, int64_t id, int64_t *found_id, struct strbuf *error)
{
    sqlite3_stmt *statement = NULL;
    const char *sql = id >= 0 ? "SELECT id, report_json FROM audits WHERE id = ?"
                              : "SELECT id, report_json FROM audits ORDER BY id DESC "
                                "LIMIT 1 OFFSET ?";
    if (sqlite3_prepare_v2(store->db, sql, -1, &statement, NULL) != SQLITE_OK) {
        store_error(error, store->db, "cannot read the history");
        return NULL;
    }
    sqlite3_bind_int64(statement, 1, id >= 0 ? id : -id - 1);
    char *text = NULL;
    int step = sqlite3_step(statement);
    if (step == SQLITE_ROW) {
        const unsigned char *json = sqlite3_column_text(statement, 1);
        *found_id = sqlite3_column_int64(statement, 0);
        text = strdup(json ? (const char *)json : "");
        if (!text)
            strbuf_printf(error, "out of memory");
    } else if (step == SQLITE_DONE) {
        if (id >= 0)
            strbuf_printf(error, "no audit %lld in the history", (long long)id);
        else
            strbuf_printf(error, "the history has fewer than %lld audits", (long long)-id);
    } else {
        store_error(error, store->db, "cannot read the history");
    }
    sqlite3_finalize(statement);
    return text;
}
