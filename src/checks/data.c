/*
 * data: the repository-level checks of database migrations, over the facts
 * of analyzers/migrations.c — which migration tooling the project uses,
 * whether every migration can be rolled back, and `.up.sql` files that have
 * no `.down.sql` beside them (golang-migrate, dbmate and sql-migrate keep
 * the two directions in paired files).
 *
 * It reads only the check context: it must not open files.
 */
#include "checks/check.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <string.h>

enum { DATA_EVIDENCE_MAX = 5 };

static const char data_searched[] =
    "searched alembic versions/, Django migrations/, Rails db/migrate/, Knex, Sequelize and "
    "TypeORM migrations/, EF Core Migrations/, *.up.sql/*.down.sql and Flyway V*__*.sql files";

static void data_run(struct check_context *context)
{
    size_t migrations = 0, irreversible = 0;
    for (size_t i = 0; i < context->fact_count; i++) {
        migrations += strcmp(context->facts[i].key, "data.migration") == 0;
        irreversible += strcmp(context->facts[i].key, "data.irreversible") == 0;
    }

    /* Each .up.sql needs its .down.sql. */
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "data.sql-up") != 0 || !fact->file)
            continue;
        struct strbuf down = STRBUF_INIT;
        size_t length = strlen(fact->file);
        strbuf_append(&down, fact->file, length - strlen(".up.sql"));
        strbuf_append_str(&down, ".down.sql");
        if (!check_find_fact(context, "data.sql-down", down.data)) {
            check_add_finding(context, "data.irreversible-migration", fact->file, 0,
                              "%s has no %s: the migration cannot be rolled back", fact->file,
                              down.data);
            irreversible++;
        }
        strbuf_release(&down);
    }

    if (migrations == 0) {
        struct strbuf none = STRBUF_INIT;
        strbuf_printf(&none, "no migration files found: %s", data_searched);
        check_add(context, "data.migrations", CATEGORY_DATA, CHECK_NOT_CHECKED,
                  "Database migrations managed by a tool", none.data, NULL);
        strbuf_release(&none);
        check_add(context, "data.reversible-migrations", CATEGORY_DATA, CHECK_NOT_CHECKED,
                  "Every migration can be rolled back", "no migration files found", NULL);
        return;
    }
    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary, "%zu migration file%s", migrations, migrations == 1 ? "" : "s");
    struct check *tooling = check_add(context, "data.migrations", CATEGORY_DATA, CHECK_PASS,
                                      "Database migrations managed by a tool", summary.data, NULL);
    size_t shown = 0;
    for (size_t i = 0; i < context->fact_count && shown < DATA_EVIDENCE_MAX; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "data.migration") != 0)
            continue;
        check_add_evidence(context, tooling, fact->file, fact->line, fact->value);
        shown++;
    }
    strbuf_reset(&summary);
    if (irreversible == 0) {
        strbuf_printf(&summary, "all %zu migration files have a way back", migrations);
        check_add(context, "data.reversible-migrations", CATEGORY_DATA, CHECK_PASS,
                  "Every migration can be rolled back", summary.data, NULL);
    } else {
        strbuf_printf(&summary, "%zu operation%s in migrations cannot be rolled back", irreversible,
                      irreversible == 1 ? "" : "s");
        struct check *reversible =
            check_add(context, "data.reversible-migrations", CATEGORY_DATA, CHECK_FAIL,
                      "Every migration can be rolled back", summary.data, NULL);
        shown = 0;
        for (size_t i = 0; i < context->fact_count && shown < DATA_EVIDENCE_MAX; i++) {
            const struct fact *fact = &context->facts[i];
            if (strcmp(fact->key, "data.irreversible") != 0)
                continue;
            check_add_evidence(context, reversible, fact->file, fact->line, fact->value);
            shown++;
        }
    }
    strbuf_release(&summary);
}

const struct check_family check_family_data = {"data", data_run};
