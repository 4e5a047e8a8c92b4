/*
 * migrations: the analyzer of database migrations (category `data`). It
 * recognises the migration files of alembic, Django, Rails, Knex, Sequelize,
 * TypeORM, EF Core, golang-migrate style `.up.sql`/`.down.sql` pairs and
 * Flyway, records a "data.migration" fact per file (the tool, at the line
 * that proved it), and reports on the exact line:
 *
 *   - a migration that cannot be rolled back: an alembic `downgrade` that is
 *     missing or only passes or raises; Django `RunPython`/`RunSQL` without a
 *     reverse; irreversible operations in a Rails `change`; a JS migration
 *     with `up` and no `down`;
 *   - a destructive statement (DROP TABLE/COLUMN, TRUNCATE, a column type
 *     change, and each tool's drop helpers) in the forward direction with no
 *     acknowledging comment on its line or the line above.
 *
 * `.up.sql` files without their `.down.sql` are found by the data checks
 * (src/checks/data.c) from the "data.sql-up"/"data.sql-down" facts.
 *
 * Recognition is by path and content, line by line; it does not parse the
 * languages, so a statement split oddly can be missed (documented in
 * docs/data.md). It must never read past the file's length and must touch
 * nothing but its own file and analysis.
 */
#include "analyzers/analyzer.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

enum migration_tool {
    MIGRATION_NONE,
    MIGRATION_ALEMBIC,
    MIGRATION_DJANGO,
    MIGRATION_RAILS,
    MIGRATION_JS, /* Knex, Sequelize, TypeORM */
    MIGRATION_EFCORE,
    MIGRATION_SQL, /* golang-migrate and friends (.up.sql / .down.sql), Flyway */
};

/* One line of the file: [start, start + length), 1-based number. */
struct migration_line {
    const char *start;
    size_t length;
    int number;
};

struct migration_file {
    const struct source_file *file;
    struct analysis *analysis;
    struct migration_line *lines;
    size_t line_count;
};

static bool migration_contains(const struct migration_line *line, const char *needle)
{
    size_t needle_length = strlen(needle);
    if (needle_length > line->length)
        return false;
    for (size_t i = 0; i + needle_length <= line->length; i++)
        if (memcmp(line->start + i, needle, needle_length) == 0)
            return true;
    return false;
}

/* Case-insensitive, for SQL keywords. */
static bool migration_contains_nocase(const struct migration_line *line, const char *needle)
{
    size_t needle_length = strlen(needle);
    for (size_t i = 0; i + needle_length <= line->length; i++) {
        size_t k = 0;
        while (k < needle_length && text_lower(line->start[i + k]) == text_lower(needle[k]))
            k++;
        if (k == needle_length)
            return true;
    }
    return false;
}

static size_t migration_indent(const struct migration_line *line)
{
    size_t i = 0;
    while (i < line->length && (line->start[i] == ' ' || line->start[i] == '\t'))
        i++;
    return i;
}

/* The line without its indentation starts with prefix. */
static bool migration_starts(const struct migration_line *line, const char *prefix)
{
    size_t indent = migration_indent(line);
    size_t length = strlen(prefix);
    return line->length - indent >= length && memcmp(line->start + indent, prefix, length) == 0;
}

static bool migration_blank(const struct migration_line *line)
{
    return migration_indent(line) == line->length;
}

static bool migration_path_has(const char *path, const char *component)
{
    size_t length = strlen(component);
    for (const char *p = path; (p = strstr(p, component)) != NULL; p++)
        if ((p == path || p[-1] == '/') && p[length] == '/')
            return true;
    return false;
}

static bool migration_suffix(const char *path, const char *suffix)
{
    size_t length = strlen(path), suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(path + length - suffix_length, suffix) == 0;
}

static const char *migration_language(const struct source_file *file)
{
    return file->language ? file->language->name : "";
}

static bool migration_applies(const struct source_file *file)
{
    const char *language = migration_language(file);
    if (migration_suffix(file->path, ".up.sql") || migration_suffix(file->path, ".down.sql"))
        return true;
    if (strcmp(language, "SQL") == 0)
        return migration_path_has(file->path, "migrations") ||
               migration_path_has(file->path, "migration") || migration_path_has(file->path, "db");
    if (strcmp(language, "Python") == 0)
        return migration_path_has(file->path, "versions") ||
               migration_path_has(file->path, "migrations");
    if (strcmp(language, "Ruby") == 0)
        return strstr(file->path, "db/migrate/") != NULL;
    if (strcmp(language, "JavaScript") == 0 || strcmp(language, "TypeScript") == 0)
        return migration_path_has(file->path, "migrations") ||
               migration_path_has(file->path, "migration");
    if (strcmp(language, "C#") == 0)
        return migration_path_has(file->path, "Migrations");
    return false;
}

static void migration_split(struct migration_file *m)
{
    const char *content = m->file->content;
    size_t length = m->file->length, count = 0;
    for (size_t i = 0; i < length; i++)
        count += content[i] == '\n';
    count++;
    m->lines = arena_alloc(m->analysis->arena, count * sizeof(*m->lines));
    const char *start = content, *end = content + length;
    int number = 1;
    while (start <= end && m->line_count < count) {
        const char *newline = memchr(start, '\n', (size_t)(end - start));
        size_t line_length = newline ? (size_t)(newline - start) : (size_t)(end - start);
        if (line_length && start[line_length - 1] == '\r')
            line_length--;
        m->lines[m->line_count++] = (struct migration_line){start, line_length, number++};
        if (!newline)
            break;
        start = newline + 1;
    }
}

/* Which tool wrote this file, and the line that shows it (0: not one). */
static enum migration_tool migration_detect(const struct migration_file *m, int *line)
{
    const char *language = migration_language(m->file);
    const char *path = m->file->path;
    *line = 1;
    if (migration_suffix(path, ".up.sql") || migration_suffix(path, ".down.sql"))
        return MIGRATION_SQL;
    const char *base = text_basename(path);
    if (strcmp(language, "SQL") == 0 && (base[0] == 'V' || base[0] == 'U') &&
        isdigit((unsigned char)base[1]) && strstr(base, "__"))
        return MIGRATION_SQL; /* Flyway: V1__init.sql, undo U1__init.sql */
    for (size_t i = 0; i < m->line_count; i++) {
        const struct migration_line *l = &m->lines[i];
        *line = l->number;
        if (strcmp(language, "Python") == 0) {
            if (migration_starts(l, "def upgrade(") && migration_path_has(path, "versions"))
                return MIGRATION_ALEMBIC;
            if (migration_starts(l, "class Migration(") && migration_contains(l, "Migration)"))
                return MIGRATION_DJANGO;
        } else if (strcmp(language, "Ruby") == 0) {
            if (migration_contains(l, "< ActiveRecord::Migration"))
                return MIGRATION_RAILS;
        } else if (strcmp(language, "C#") == 0) {
            if (migration_contains(l, ": Migration"))
                return MIGRATION_EFCORE;
        } else if (strcmp(language, "JavaScript") == 0 || strcmp(language, "TypeScript") == 0) {
            if (migration_contains(l, "exports.up") || migration_contains(l, "function up(") ||
                migration_contains(l, "async up(") || migration_contains(l, "up: async") ||
                migration_contains(l, "up(knex") || migration_contains(l, "MigrationInterface"))
                return MIGRATION_JS;
        }
    }
    return MIGRATION_NONE;
}

static void migration_finding(struct migration_file *m, const char *rule, int line,
                              const char *message)
{
    analysis_add_finding(m->analysis, rule, line, 1, analysis_line_text(m->analysis, m->file, line),
                         NULL, "%s", message);
    /* The data checks decide "every migration is reversible" from facts. */
    if (strcmp(rule, "data.irreversible-migration") == 0)
        analysis_add_fact(m->analysis, "data.irreversible", line, message);
}

/* A comment on this line or alone on the line above that says the data loss
 * is intended. */
static bool migration_acknowledged(const struct migration_file *m, size_t index)
{
    static const char *const words[] = {"destructive", "data loss", "irreversible", "intentional",
                                        "prodready:destructive-ok"};
    for (size_t k = index > 0 ? index - 1 : 0; k <= index; k++) {
        const struct migration_line *l = &m->lines[k];
        bool comment = migration_contains(l, "#") || migration_contains(l, "--") ||
                       migration_contains(l, "//") || migration_contains(l, "/*");
        if (!comment)
            continue;
        for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
            if (migration_contains_nocase(l, words[w]))
                return true;
    }
    return false;
}

/* The destructive statements each tool writes, in the forward direction. */
static const char *migration_destructive(const struct migration_line *l, enum migration_tool tool)
{
    static const char *const sql[] = {"drop table",     "drop column",   "truncate ",
                                      "truncate table", "drop database", "drop schema"};
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        if (migration_contains_nocase(l, sql[i]))
            return sql[i];
    if (migration_contains_nocase(l, "alter column") && migration_contains_nocase(l, " type "))
        return "column type change";
    switch (tool) {
    case MIGRATION_ALEMBIC:
        if (migration_contains(l, "op.drop_table("))
            return "op.drop_table";
        if (migration_contains(l, "op.drop_column("))
            return "op.drop_column";
        break;
    case MIGRATION_DJANGO:
        if (migration_contains(l, "migrations.DeleteModel("))
            return "DeleteModel";
        if (migration_contains(l, "migrations.RemoveField("))
            return "RemoveField";
        break;
    case MIGRATION_RAILS:
        if (migration_starts(l, "drop_table "))
            return "drop_table";
        if (migration_starts(l, "remove_column "))
            return "remove_column";
        break;
    case MIGRATION_JS:
        if (migration_contains(l, ".dropTable(") || migration_contains(l, ".dropTableIfExists("))
            return "dropTable";
        if (migration_contains(l, ".dropColumn("))
            return "dropColumn";
        if (migration_contains(l, "removeColumn("))
            return "removeColumn";
        break;
    case MIGRATION_EFCORE:
        if (migration_contains(l, ".DropTable(") || migration_contains(l, ".DropColumn("))
            return "DropTable/DropColumn";
        break;
    default:
        break;
    }
    return NULL;
}

/* Python: the body of `def name(` — its lines until the next line at the
 * def's indentation or less. Returns whether the body does anything (not
 * only pass, `...`, a docstring, comments or a raise). */
static bool migration_python_body_acts(const struct migration_file *m, size_t def_index,
                                       size_t *end_index)
{
    size_t indent = migration_indent(&m->lines[def_index]);
    bool acts = false, in_docstring = false;
    size_t i = def_index + 1;
    for (; i < m->line_count; i++) {
        const struct migration_line *l = &m->lines[i];
        if (migration_blank(l))
            continue;
        if (!in_docstring && migration_indent(l) <= indent)
            break;
        const char *text = l->start + migration_indent(l);
        size_t length = l->length - migration_indent(l);
        bool triple =
            length >= 3 && (memcmp(text, "\"\"\"", 3) == 0 || memcmp(text, "'''", 3) == 0);
        if (in_docstring) {
            if (migration_contains(l, "\"\"\"") || migration_contains(l, "'''"))
                in_docstring = false;
            continue;
        }
        if (triple) {
            /* A one-line docstring closes on the same line. */
            const char *close =
                length > 3 ? strstr(text + 3, text[0] == '"' ? "\"\"\"" : "'''") : NULL;
            in_docstring = !(close && close < text + length);
            continue;
        }
        if (text[0] == '#' || migration_starts(l, "pass") || migration_starts(l, "...") ||
            migration_starts(l, "raise "))
            continue;
        acts = true;
    }
    *end_index = i;
    return acts;
}

static void migration_alembic(struct migration_file *m)
{
    size_t upgrade = m->line_count, downgrade = m->line_count;
    for (size_t i = 0; i < m->line_count; i++) {
        if (migration_indent(&m->lines[i]) != 0)
            continue;
        if (migration_starts(&m->lines[i], "def upgrade("))
            upgrade = i;
        else if (migration_starts(&m->lines[i], "def downgrade("))
            downgrade = i;
    }
    if (upgrade == m->line_count)
        return;
    size_t end;
    bool upgrade_acts = migration_python_body_acts(m, upgrade, &end);
    if (downgrade == m->line_count) {
        if (upgrade_acts)
            migration_finding(m, "data.irreversible-migration", m->lines[upgrade].number,
                              "alembic migration has no downgrade(): it cannot be rolled back");
    } else if (upgrade_acts && !migration_python_body_acts(m, downgrade, &end)) {
        migration_finding(m, "data.irreversible-migration", m->lines[downgrade].number,
                          "alembic downgrade() only passes or raises: the upgrade cannot be "
                          "rolled back");
    }
    /* Destructive operations in upgrade() only: in downgrade() a drop undoes
     * a create. */
    migration_python_body_acts(m, upgrade, &end);
    for (size_t i = upgrade + 1; i < end; i++) {
        const char *what = migration_destructive(&m->lines[i], MIGRATION_ALEMBIC);
        if (what && !migration_acknowledged(m, i)) {
            struct strbuf message = STRBUF_INIT;
            strbuf_printf(&message, "%s in upgrade() deletes data, with no comment saying so",
                          what);
            migration_finding(m, "data.destructive-migration", m->lines[i].number, message.data);
            strbuf_release(&message);
        }
    }
}

/* The text of a call starting at line index: up to the parenthesis that
 * closes the first one opened, across at most 40 lines. */
static void migration_call_text(const struct migration_file *m, size_t index, struct strbuf *out)
{
    int depth = 0;
    bool opened = false;
    for (size_t i = index; i < m->line_count && i < index + 40; i++) {
        const struct migration_line *l = &m->lines[i];
        for (size_t k = 0; k < l->length; k++) {
            char c = l->start[k];
            strbuf_append_char(out, c);
            if (c == '(') {
                depth++;
                opened = true;
            } else if (c == ')' && --depth == 0 && opened) {
                return;
            }
        }
        strbuf_append_char(out, ' ');
    }
}

/* Top-level positional arguments of a call text "Name(a, b, key=c)". */
static int migration_positional_arguments(const char *call)
{
    const char *open = strchr(call, '(');
    if (!open)
        return 0;
    int depth = 0, count = 0;
    bool any = false, keyword = false;
    for (const char *p = open + 1; *p; p++) {
        if (*p == '(' || *p == '[' || *p == '{')
            depth++;
        else if ((*p == ')' || *p == ']' || *p == '}') && depth-- == 0)
            break;
        else if (depth == 0 && *p == ',') {
            count += any && !keyword;
            any = keyword = false;
        } else if (depth == 0 && *p == '=' && p[1] != '=') {
            keyword = true;
        } else if (!isspace((unsigned char)*p)) {
            any = true;
        }
    }
    return count + (any && !keyword);
}

static void migration_django(struct migration_file *m)
{
    for (size_t i = 0; i < m->line_count; i++) {
        const struct migration_line *l = &m->lines[i];
        bool python = migration_contains(l, "RunPython(");
        bool sql = migration_contains(l, "RunSQL(");
        if (python || sql) {
            struct strbuf call = STRBUF_INIT;
            migration_call_text(m, i, &call);
            const char *start = strstr(call.data, python ? "RunPython(" : "RunSQL(");
            bool reversed = strstr(call.data, python ? "reverse_code" : "reverse_sql") != NULL ||
                            (start && migration_positional_arguments(start) >= 2);
            if (!reversed && !migration_acknowledged(m, i))
                migration_finding(m, "data.irreversible-migration", l->number,
                                  python ? "RunPython without reverse_code: the migration cannot "
                                           "be reversed (pass migrations.RunPython.noop if "
                                           "nothing needs undoing)"
                                         : "RunSQL without reverse_sql: the migration cannot be "
                                           "reversed");
            strbuf_release(&call);
        }
        const char *what = migration_destructive(l, MIGRATION_DJANGO);
        if (what && !migration_acknowledged(m, i)) {
            struct strbuf message = STRBUF_INIT;
            strbuf_printf(&message, "%s deletes data, with no comment saying so", what);
            migration_finding(m, "data.destructive-migration", l->number, message.data);
            strbuf_release(&message);
        }
    }
}

/* Rails: operations `change` cannot reverse, and destructive ones outside
 * `def down`. */
static void migration_rails(struct migration_file *m)
{
    enum { OUTSIDE, CHANGE, UP, DOWN } scope = OUTSIDE;
    size_t scope_indent = 0;
    for (size_t i = 0; i < m->line_count; i++) {
        const struct migration_line *l = &m->lines[i];
        if (migration_starts(l, "def change")) {
            scope = CHANGE;
            scope_indent = migration_indent(l);
            continue;
        }
        if (migration_starts(l, "def up")) {
            scope = UP;
            scope_indent = migration_indent(l);
            continue;
        }
        if (migration_starts(l, "def down")) {
            scope = DOWN;
            scope_indent = migration_indent(l);
            continue;
        }
        if (scope != OUTSIDE && migration_starts(l, "end") && migration_indent(l) == scope_indent) {
            scope = OUTSIDE;
            continue;
        }
        if (scope == CHANGE && !migration_acknowledged(m, i)) {
            const char *problem = NULL;
            if (migration_starts(l, "execute"))
                problem = "execute in change: Rails cannot reverse raw SQL (use up/down or "
                          "reversible)";
            else if (migration_starts(l, "change_column ") || migration_starts(l, "change_column("))
                problem = "change_column in change is irreversible (use up/down)";
            else if (migration_starts(l, "remove_column ")) {
                /* Reversible only with the column's type: remove_column :t, :c, :type */
                int commas = 0;
                for (size_t k = 0; k < l->length; k++)
                    commas += l->start[k] == ',';
                if (commas < 2)
                    problem = "remove_column without the column type in change is irreversible";
            } else if (migration_starts(l, "drop_table ") && !migration_contains(l, " do") &&
                       !migration_contains(l, "{"))
                problem = "drop_table without its columns in change is irreversible";
            if (problem)
                migration_finding(m, "data.irreversible-migration", l->number, problem);
        }
        if (scope != DOWN) {
            const char *what = migration_destructive(l, MIGRATION_RAILS);
            if (what && !migration_acknowledged(m, i)) {
                struct strbuf message = STRBUF_INIT;
                strbuf_printf(&message, "%s deletes data, with no comment saying so", what);
                migration_finding(m, "data.destructive-migration", l->number, message.data);
                strbuf_release(&message);
            }
        }
    }
}

static void migration_js(struct migration_file *m, int up_line)
{
    bool has_down = false;
    size_t down_index = m->line_count;
    for (size_t i = 0; i < m->line_count; i++) {
        const struct migration_line *l = &m->lines[i];
        if (migration_contains(l, "exports.down") || migration_contains(l, "function down(") ||
            migration_contains(l, "async down(") || migration_contains(l, "down: async") ||
            migration_contains(l, "down(knex") || migration_contains(l, "down(queryInterface") ||
            migration_starts(l, "down:") || migration_starts(l, "down(")) {
            has_down = true;
            down_index = i;
            break;
        }
    }
    if (!has_down) {
        migration_finding(m, "data.irreversible-migration", up_line,
                          "migration defines up but no down: it cannot be rolled back");
    }
    for (size_t i = 0; i < m->line_count && i < down_index; i++) {
        const char *what = migration_destructive(&m->lines[i], MIGRATION_JS);
        if (what && !migration_acknowledged(m, i)) {
            struct strbuf message = STRBUF_INIT;
            strbuf_printf(&message, "%s in up deletes data, with no comment saying so", what);
            migration_finding(m, "data.destructive-migration", m->lines[i].number, message.data);
            strbuf_release(&message);
        }
    }
}

static void migration_sql(struct migration_file *m)
{
    const char *path = m->file->path;
    if (migration_suffix(path, ".down.sql")) {
        analysis_add_fact(m->analysis, "data.sql-down", 1, path);
        return; /* dropping is what a down migration is for */
    }
    if (migration_suffix(path, ".up.sql"))
        analysis_add_fact(m->analysis, "data.sql-up", 1, path);
    if (text_basename(path)[0] == 'U')
        return; /* a Flyway undo migration */
    for (size_t i = 0; i < m->line_count; i++) {
        const struct migration_line *l = &m->lines[i];
        if (migration_starts(l, "--"))
            continue;
        const char *what = migration_destructive(l, MIGRATION_SQL);
        if (what && !migration_acknowledged(m, i)) {
            struct strbuf message = STRBUF_INIT;
            strbuf_printf(&message, "%s deletes data, with no comment saying so", what);
            migration_finding(m, "data.destructive-migration", l->number, message.data);
            strbuf_release(&message);
        }
    }
}

static void migration_efcore(struct migration_file *m)
{
    bool has_down = false;
    size_t down_index = m->line_count;
    for (size_t i = 0; i < m->line_count && !has_down; i++)
        if (migration_contains(&m->lines[i], "override void Down(")) {
            has_down = true;
            down_index = i;
        }
    for (size_t i = 0; i < down_index; i++) {
        const char *what = migration_destructive(&m->lines[i], MIGRATION_EFCORE);
        if (what && !migration_acknowledged(m, i)) {
            struct strbuf message = STRBUF_INIT;
            strbuf_printf(&message, "%s in Up deletes data, with no comment saying so", what);
            migration_finding(m, "data.destructive-migration", m->lines[i].number, message.data);
            strbuf_release(&message);
        }
    }
}

static void migration_run(const struct source_file *file, struct analysis *analysis)
{
    struct migration_file m = {.file = file, .analysis = analysis};
    migration_split(&m);
    int line = 1;
    enum migration_tool tool = migration_detect(&m, &line);
    static const char *const names[] = {"", "alembic", "django", "rails", "js", "efcore", "sql"};
    if (tool == MIGRATION_NONE)
        return;
    analysis_add_fact(analysis, "data.migration", line, names[tool]);
    switch (tool) {
    case MIGRATION_ALEMBIC:
        migration_alembic(&m);
        break;
    case MIGRATION_DJANGO:
        migration_django(&m);
        break;
    case MIGRATION_RAILS:
        migration_rails(&m);
        break;
    case MIGRATION_JS:
        migration_js(&m, line);
        break;
    case MIGRATION_EFCORE:
        migration_efcore(&m);
        break;
    case MIGRATION_SQL:
        migration_sql(&m);
        break;
    default:
        break;
    }
}

const struct analyzer analyzer_migrations = {
    .name = "migrations",
    .applies = migration_applies,
    .run = migration_run,
};
