/*
 * dependencies: the repository-level dependency checks over the facts of
 * the dependency analyzers (analyzers/deps_common.h):
 *
 *   dependencies.lockfile           each manifest that resolves ranges has
 *                                   the lockfile its tool writes, beside it
 *                                   or in a parent directory (a workspace
 *                                   root); libraries need none.
 *   dependencies.update-automation  Dependabot or Renovate is configured.
 *   dependencies.consistent-pins    no package is pinned to two different
 *                                   exact versions in two manifests.
 *   dependencies.known-vulnerabilities
 *                                   no exact (locked or pinned) version is
 *                                   affected by an advisory of the OSV
 *                                   export given with --advisories; without
 *                                   one the check says "not checked", never
 *                                   that there are none.
 *
 * Each passes with evidence or fails naming what was searched, and raises
 * its rule's finding; without any dependency fact there are no checks at
 * all (the category is not applicable); whether the rule applies to this kind of project is
 * the audit's decision (the rule's kinds). It reads only the check context:
 * it must not open files.
 */
#include "advisories/osv.h"
#include "analyzers/deps_common.h"
#include "checks/check.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The lockfile called `name` in the manifest's directory or a parent. */
static const struct check_file *deps_find_lock(const struct check_context *context,
                                               const char *manifest, const char *name,
                                               size_t name_length)
{
    const char *slash = strrchr(manifest, '/');
    size_t dir_length = slash ? (size_t)(slash - manifest) + 1 : 0;
    for (;;) {
        struct strbuf path = STRBUF_INIT;
        strbuf_append(&path, manifest, dir_length);
        strbuf_append(&path, name, name_length);
        const struct check_file *found = check_find_file(context, path.data);
        strbuf_release(&path);
        if (found || dir_length == 0)
            return found;
        dir_length--;
        while (dir_length && manifest[dir_length - 1] != '/')
            dir_length--;
    }
}

static void deps_check_lockfiles(struct check_context *context)
{
    struct check *check = NULL;
    bool failed = false;
    bool library = context->kind == PROJECT_KIND_LIBRARY;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "deps.manifest") != 0 || !fact->file || !fact->value)
            continue;
        if (!check)
            check = check_add(context, "dependencies.lockfile", CATEGORY_DEPENDENCIES,
                              library ? CHECK_NOT_CHECKED : CHECK_PASS,
                              "Each dependency manifest has a lockfile",
                              library ? "a library resolves its dependencies in its users' "
                                        "environments and needs no lockfile"
                                      : "",
                              "deps.no-lockfile");
        if (library)
            continue;
        const char *locks = strchr(fact->value, '\t');
        locks = locks ? locks + 1 : "";
        const struct check_file *found = NULL;
        for (const char *p = locks; *p && !found;) {
            size_t length = strcspn(p, ",");
            found = deps_find_lock(context, fact->file, p, length);
            p += length + (p[length] == ',');
        }
        if (found) {
            char *note = arena_printf(context->arena, "lockfile for %s", fact->file);
            check_add_evidence(context, check, found->path, 0, note);
            continue;
        }
        failed = true;
        char *note = arena_printf(context->arena, "no lockfile (searched for %s)", locks);
        check_add_evidence(context, check, fact->file, 0, note);
        const char *first = locks;
        size_t first_length = strcspn(first, ",");
        check_add_finding(context, "deps.no-lockfile", fact->file, 0,
                          "%s has no lockfile (%.*s or another the tool writes): every install "
                          "resolves its ranges again",
                          text_basename(fact->file), (int)first_length, first);
    }
    if (!check) {
        check_add(context, "dependencies.lockfile", CATEGORY_DEPENDENCIES, CHECK_NOT_CHECKED,
                  "Each dependency manifest has a lockfile",
                  "no manifest that resolves version ranges (package.json, pyproject.toml, "
                  "Pipfile, Cargo.toml, go.mod, Gemfile, composer.json)",
                  "deps.no-lockfile");
        return;
    }
    if (library)
        return;
    check->status = failed ? CHECK_FAIL : CHECK_PASS;
    check->summary = failed ? "a manifest has no lockfile: installs are not reproducible"
                            : "every manifest has its lockfile";
}

static const char *const deps_automation_files[] = {
    ".github/dependabot.yml",
    ".github/dependabot.yaml",
    "renovate.json",
    "renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
    ".gitlab/renovate.json5",
};

static bool deps_has_direct_dependency(const struct check_context *context)
{
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "deps.manifest") == 0)
            return true;
        if (strcmp(fact->key, "deps.dependency") == 0 && fact->value) {
            size_t length = strlen(fact->value);
            if (length >= 2 && strcmp(fact->value + length - 2, "\t1") == 0)
                return true;
        }
    }
    return false;
}

static void deps_check_automation(struct check_context *context)
{
    const char *title = "Dependency updates are automated (Dependabot or Renovate)";
    if (!deps_has_direct_dependency(context)) {
        check_add(context, "dependencies.update-automation", CATEGORY_DEPENDENCIES,
                  CHECK_NOT_CHECKED, title, "no dependency manifest", "deps.no-update-automation");
        return;
    }
    struct check *check = NULL;
    for (size_t i = 0; i < sizeof(deps_automation_files) / sizeof(*deps_automation_files); i++) {
        const struct check_file *file = check_find_file(context, deps_automation_files[i]);
        if (!file)
            continue;
        if (!check)
            check = check_add(context, "dependencies.update-automation", CATEGORY_DEPENDENCIES,
                              CHECK_PASS, title, "an update bot is configured",
                              "deps.no-update-automation");
        check_add_evidence(context, check, file->path, 0,
                           strstr(file->path, "dependabot") ? "Dependabot configuration"
                                                            : "Renovate configuration");
    }
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "deps.automation") != 0)
            continue;
        if (!check)
            check = check_add(context, "dependencies.update-automation", CATEGORY_DEPENDENCIES,
                              CHECK_PASS, title, "an update bot is configured",
                              "deps.no-update-automation");
        check_add_evidence(context, check, fact->file, fact->line, fact->value);
    }
    if (check)
        return;
    check_add(context, "dependencies.update-automation", CATEGORY_DEPENDENCIES, CHECK_FAIL, title,
              "searched .github/dependabot.yml, renovate.json, renovate.json5, .renovaterc, "
              ".github/renovate.json and package.json \"renovate\"",
              "deps.no-update-automation");
    check_add_finding(context, "deps.no-update-automation", NULL, 0,
                      "no Dependabot or Renovate configuration: dependency updates are manual");
}

/* One exact pin read back from a "deps.dependency" fact. */
struct deps_pin {
    const char *ecosystem, *name, *version;
    const char *file;
    int line;
};

static int deps_pin_compare(const void *a, const void *b)
{
    const struct deps_pin *left = a, *right = b;
    int order = strcmp(left->ecosystem, right->ecosystem);
    if (!order)
        order = strcmp(left->name, right->name);
    if (!order)
        order = strcmp(left->file, right->file);
    if (!order)
        order = (left->line > right->line) - (left->line < right->line);
    return order;
}

/* Splits a fact value into its tab-separated fields (copied to the arena). */
static size_t deps_fields(struct arena *arena, const char *value, const char **fields, size_t max)
{
    size_t count = 0;
    while (count < max) {
        size_t length = strcspn(value, "\t");
        fields[count++] = arena_strndup(arena, value, length);
        if (!value[length])
            break;
        value += length + 1;
    }
    return count;
}

static void deps_check_pins(struct check_context *context)
{
    struct deps_pin *pins = NULL;
    size_t count = 0, capacity = 0;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        /* Lockfiles hold what was resolved, several versions of one
         * package being normal there; only manifests state pins. */
        if (strcmp(fact->key, "deps.dependency") != 0 || !fact->file || !fact->value ||
            deps_is_lockfile(fact->file))
            continue;
        const char *fields[5];
        if (deps_fields(context->arena, fact->value, fields, 5) != 5 || !fields[3][0] ||
            strcmp(fields[4], "1") != 0)
            continue;
        /* A pin under an environment marker applies to some platforms
         * only, and another pin may cover the others. (A go.mod version is
         * exact: minimal version selection writes the one it selected.) */
        if (strchr(fields[2], ';'))
            continue;
        pins = xgrow(pins, &capacity, count + 1, sizeof(*pins));
        pins[count++] = (struct deps_pin){
            .ecosystem = fields[0],
            .name = strcmp(fields[0], "pypi") == 0
                        ? deps_python_normalize(context->arena, fields[1])
                        : fields[1],
            .version = fields[3],
            .file = fact->file,
            .line = fact->line,
        };
    }
    const char *title = "Each package is pinned to one version across manifests";
    if (!count) {
        check_add(context, "dependencies.consistent-pins", CATEGORY_DEPENDENCIES, CHECK_NOT_CHECKED,
                  title, "no exact version pins", "deps.conflicting-pins");
        free(pins);
        return;
    }
    qsort(pins, count, sizeof(*pins), deps_pin_compare);
    struct check *check = check_add(context, "dependencies.consistent-pins", CATEGORY_DEPENDENCIES,
                                    CHECK_PASS, title, "", "deps.conflicting-pins");
    size_t conflicts = 0;
    for (size_t start = 0; start < count;) {
        size_t end = start + 1;
        while (end < count && strcmp(pins[end].ecosystem, pins[start].ecosystem) == 0 &&
               strcmp(pins[end].name, pins[start].name) == 0)
            end++;
        for (size_t k = start + 1; k < end; k++) {
            if (strcmp(pins[k].version, pins[start].version) == 0)
                continue;
            conflicts++;
            check_add_evidence(context, check, pins[k].file, pins[k].line,
                               arena_printf(context->arena, "%s==%s (also %s in %s:%d)",
                                            pins[k].name, pins[k].version, pins[start].version,
                                            pins[start].file, pins[start].line));
            check_add_finding(context, "deps.conflicting-pins", pins[k].file, pins[k].line,
                              "%s is pinned to %s here and to %s in %s:%d", pins[k].name,
                              pins[k].version, pins[start].version, pins[start].file,
                              pins[start].line);
        }
        start = end;
    }
    check->status = conflicts ? CHECK_FAIL : CHECK_PASS;
    check->summary =
        conflicts ? arena_printf(context->arena, "%zu pin%s disagree%s with another manifest",
                                 conflicts, conflicts == 1 ? "" : "s", conflicts == 1 ? "s" : "")
                  : arena_printf(context->arena, "%zu exact pin%s, none in conflict", count,
                                 count == 1 ? "" : "s");
    free(pins);
}

/* "ID (ALIAS, ALIAS)" of an advisory. */
static const char *deps_advisory_names(struct arena *arena, const struct osv_advisory *advisory)
{
    struct strbuf names = STRBUF_INIT;
    strbuf_append_str(&names, advisory->id);
    for (size_t i = 0; i < advisory->alias_count; i++)
        strbuf_printf(&names, "%s%s", i ? ", " : " (", advisory->aliases[i]);
    if (advisory->alias_count)
        strbuf_append_char(&names, ')');
    const char *result = arena_strdup(arena, names.data);
    strbuf_release(&names);
    return result;
}

static void deps_check_vulnerabilities(struct check_context *context)
{
    const char *title = "Known vulnerabilities";
    const char *rule = "deps.known-vulnerability";
    if (!context->advisories) {
        check_add(context, "dependencies.known-vulnerabilities", CATEGORY_DEPENDENCIES,
                  CHECK_NOT_CHECKED, title,
                  context->advisories_path
                      ? arena_printf(context->arena,
                                     "known vulnerabilities: not checked (cannot read the "
                                     "advisories at %s)",
                                     context->advisories_path)
                      : "known vulnerabilities: not checked (no --advisories given)",
                  rule);
        return;
    }
    struct check *check = check_add(context, "dependencies.known-vulnerabilities",
                                    CATEGORY_DEPENDENCIES, CHECK_PASS, title, "", rule);
    size_t checked = 0, ranges = 0, undetermined = 0, affected = 0;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "deps.dependency") != 0 || !fact->file || !fact->value)
            continue;
        const char *fields[5];
        if (deps_fields(context->arena, fact->value, fields, 5) != 5)
            continue;
        /* A range without a lockfile has no version to look up. */
        if (!fields[3][0]) {
            ranges++;
            continue;
        }
        checked++;
        const struct osv_match *matches;
        size_t unknown = 0;
        size_t count = osv_database_match(context->advisories, fields[0], fields[1], fields[3],
                                          &matches, &unknown);
        undetermined += unknown;
        for (size_t k = 0; k < count; k++) {
            const struct osv_advisory *advisory = matches[k].advisory;
            const char *names = deps_advisory_names(context->arena, advisory);
            const char *fixed = matches[k].fixed[0]
                                    ? arena_printf(context->arena, "fixed in %s", matches[k].fixed)
                                    : "no fixed version published";
            affected++;
            check_add_evidence(context, check, fact->file, fact->line,
                               arena_printf(context->arena, "%s %s: %s, %s; %s", fields[1],
                                            fields[3], names, severity_id(advisory->severity),
                                            fixed));
            check_add_finding(context, rule, fact->file, fact->line,
                              "%s %s is affected by %s: %s; %s (severity %s: %s)", fields[1],
                              fields[3], names,
                              advisory->summary[0] ? advisory->summary : "no summary", fixed,
                              severity_id(advisory->severity), advisory->severity_basis);
            /* The advisory rates itself; one finding per advisory and
             * package, whatever line the package moves to. */
            struct finding *finding = &context->findings[context->finding_count - 1];
            finding->severity = advisory->severity;
            finding->match = arena_printf(context->arena, "%s\t%s\t%s\t%s", advisory->id, fields[0],
                                          fields[1], fields[3]);
            finding_fingerprint(finding);
        }
    }
    /* What was looked at: every document read, minus those refused. */
    const struct osv_stats *stats = osv_database_stats(context->advisories);
    size_t usable = stats->documents - stats->too_large - stats->malformed;
    struct strbuf summary = STRBUF_INIT;
    if (!usable) {
        /* An empty directory or a zip without JSON entries: checking
         * against nothing is not checking. */
        check->status = CHECK_NOT_CHECKED;
        strbuf_printf(&summary, "known vulnerabilities: not checked (no OSV advisory found in %s)",
                      context->advisories_path);
    } else if (!checked) {
        check->status = CHECK_NOT_CHECKED;
        strbuf_printf(&summary,
                      "known vulnerabilities: not checked (no exact dependency version to look "
                      "up: %zu dependenc%s without a lockfile)",
                      ranges, ranges == 1 ? "y" : "ies");
    } else if (affected) {
        check->status = CHECK_FAIL;
        strbuf_printf(&summary,
                      "%zu known vulnerabilit%s in %zu exact version%s checked against %zu "
                      "advisor%s from %s",
                      affected, affected == 1 ? "y" : "ies", checked, checked == 1 ? "" : "s",
                      usable, usable == 1 ? "y" : "ies", context->advisories_path);
    } else {
        strbuf_printf(&summary,
                      "%zu exact version%s checked against %zu advisor%s from %s, none affected",
                      checked, checked == 1 ? "" : "s", usable, usable == 1 ? "y" : "ies",
                      context->advisories_path);
    }
    if (usable && checked && ranges)
        strbuf_printf(&summary, "; %zu dependenc%s without an exact version not checked", ranges,
                      ranges == 1 ? "y" : "ies");
    if (undetermined)
        strbuf_printf(&summary, "; %zu advisor%s could not be evaluated (version not ordered)",
                      undetermined, undetermined == 1 ? "y" : "ies");
    check->summary = arena_strdup(context->arena, summary.data);
    strbuf_release(&summary);
}

static void deps_checks_run(struct check_context *context)
{
    /* Any check, even a not-checked one, makes its category count in the
     * score: a repository without a single dependency has nothing here. */
    bool any = false;
    for (size_t i = 0; i < context->fact_count && !any; i++)
        any = strncmp(context->facts[i].key, "deps.", 5) == 0;
    if (!any)
        return;
    deps_check_lockfiles(context);
    deps_check_automation(context);
    deps_check_pins(context);
    deps_check_vulnerabilities(context);
}

const struct check_family check_family_dependencies = {
    .name = "dependencies",
    .run = deps_checks_run,
};
