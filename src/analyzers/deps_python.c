/*
 * deps_python: the Python dependency analyzer. It reads requirements files
 * (requirements*.txt, *-requirements.txt, requirements/NAME.txt,
 * constraints*.txt: pip's own format, with continuation lines, comments,
 * options and per-requirement --hash), pyproject.toml (PEP 621 [project],
 * PEP 735 [dependency-groups], Poetry, PDM and uv tables), Pipfile,
 * setup.cfg and setup.py (install_requires, read as text: the file is never
 * run), and the lockfiles poetry.lock, uv.lock, pdm.lock and Pipfile.lock.
 *
 * Each dependency becomes a "deps.dependency" fact. A requirements file is
 * what pip installs, so it is the application's lock: a range or a missing
 * version there is reported on its line, and so is the absence of hashes.
 * Manifests that resolve through a lockfile (Poetry, PDM, uv, Pipfile, PEP
 * 621) may hold ranges; they record which lockfile they need and
 * checks/dependencies.c looks for it. VCS and URL sources are reported
 * wherever they appear. Requirements for building documentation (under
 * docs/) are recorded but not judged: they never reach production.
 *
 * Like every analyzer it reads only its own file and writes only its own
 * analysis; TOML goes through util/toml.h, JSON through jansson.
 */
#include "analyzers/deps_common.h"
#include "util/text.h"
#include "util/toml.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One PEP 508 requirement, split into what the rules look at. */
struct deps_pep508 {
    char name[128];
    char spec[256];     /* version specifiers as written, without parentheses; "" when none */
    char url[512];      /* the URL after '@', or "" */
    char version[128];  /* the exact version when spec is "==V" or "===V" */
    char marker[256];   /* the environment marker after ';', or "" */
    char recorded[520]; /* spec and marker, as the fact records them */
};

static const char *deps_skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static void deps_copy_trimmed(char *out, size_t size, const char *start, size_t length)
{
    while (length && (*start == ' ' || *start == '\t')) {
        start++;
        length--;
    }
    while (length &&
           (start[length - 1] == ' ' || start[length - 1] == '\t' || start[length - 1] == '\r'))
        length--;
    if (length >= size)
        length = size - 1;
    memcpy(out, start, length);
    out[length] = '\0';
}

/* The exact version a PEP 440 specifier set allows, or false. */
static bool deps_python_exact(const char *spec, char *version, size_t size)
{
    const char *p = deps_skip_space(spec);
    size_t skip = strncmp(p, "===", 3) == 0 ? 3 : strncmp(p, "==", 2) == 0 ? 2 : 0;
    if (!skip)
        return false;
    p = deps_skip_space(p + skip);
    size_t length = strcspn(p, " \t,;*");
    if (!length || p[length] == ',' || p[length] == '*' || *deps_skip_space(p + length))
        return false;
    deps_copy_trimmed(version, size, p, length);
    return true;
}

/* Parses "name[extras] (specs) ; marker" or "name @ url ; marker". */
static bool deps_pep508_parse(const char *text, struct deps_pep508 *out)
{
    memset(out, 0, sizeof(*out));
    const char *p = deps_skip_space(text);
    const char *start = p;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '-' || *p == '_' || *p == '.')
        p++;
    if (p == start || p - start >= (long)sizeof(out->name))
        return false;
    memcpy(out->name, start, (size_t)(p - start));
    p = deps_skip_space(p);
    if (*p == '[') {
        const char *close = strchr(p, ']');
        if (!close)
            return false;
        p = deps_skip_space(close + 1);
    }
    if (*p == '@') {
        p = deps_skip_space(p + 1);
        size_t length = strcspn(p, " \t;");
        deps_copy_trimmed(out->url, sizeof out->url, p, length);
        return out->url[0] != '\0';
    }
    size_t length = strcspn(p, ";");
    char spec[256];
    deps_copy_trimmed(spec, sizeof spec, p, length);
    /* "name (>=1.0)" is the older parenthesised form. */
    size_t spec_length = strlen(spec);
    if (spec_length >= 2 && spec[0] == '(' && spec[spec_length - 1] == ')') {
        deps_copy_trimmed(out->spec, sizeof out->spec, spec + 1, spec_length - 2);
    } else {
        memcpy(out->spec, spec, spec_length + 1);
    }
    /* Anything that does not start like a specifier is not PEP 508. */
    if (out->spec[0] && !strchr("=<>!~", out->spec[0]))
        return false;
    deps_python_exact(out->spec, out->version, sizeof out->version);
    if (p[length] == ';')
        deps_copy_trimmed(out->marker, sizeof out->marker, p + length + 1, strlen(p + length + 1));
    /* The marker stays in the recorded spec: two pins of one package under
     * exclusive markers (one per platform) do not conflict. */
    snprintf(out->recorded, sizeof out->recorded, "%s%s%s", out->spec, out->marker[0] ? "; " : "",
             out->marker);
    return true;
}

static enum deps_source deps_python_source(const char *url)
{
    if (deps_is_vcs_url(url))
        return DEPS_SOURCE_VCS;
    if (deps_is_http_url(url))
        return DEPS_SOURCE_URL;
    return DEPS_SOURCE_LOCAL;
}

/* The name in a URL's "#egg=name" fragment, or the last path segment. */
static void deps_name_from_url(const char *url, char *name, size_t size)
{
    const char *egg = strstr(url, "egg=");
    if (egg) {
        egg += 4;
        deps_copy_trimmed(name, size, egg, strcspn(egg, "&[ \t"));
        return;
    }
    size_t length = strcspn(url, "#?");
    const char *end = url + length;
    while (end > url && end[-1] == '/')
        end--;
    const char *slash = end;
    while (slash > url && slash[-1] != '/')
        slash--;
    size_t segment = (size_t)(end - slash);
    if (segment > 4 && memcmp(end - 4, ".git", 4) == 0)
        segment -= 4;
    /* An sdist or wheel file name starts with the project name, then
     * "-VERSION" (name-1.0.tar.gz, name-1.0-py3-none-any.whl). */
    for (size_t i = 1; i + 1 < segment; i++)
        if (slash[i] == '-' && slash[i + 1] >= '0' && slash[i + 1] <= '9') {
            segment = i;
            break;
        }
    deps_copy_trimmed(name, size, slash, segment);
}

/* A PEP 508 string from a manifest (pyproject arrays, setup.cfg/py):
 * recorded, and its source judged. Ranges and bare names are fine here. */
static void deps_python_manifest_requirement(struct deps_file *deps, int line, const char *text)
{
    struct deps_pep508 requirement;
    if (!deps_pep508_parse(text, &requirement))
        return;
    if (requirement.url[0]) {
        deps_record(deps, line, requirement.name, requirement.url, NULL, true);
        deps_report_source(deps, deps_python_source(requirement.url), line, requirement.name,
                           requirement.url);
        return;
    }
    deps_record(deps, line, requirement.name, requirement.recorded,
                requirement.version[0] ? requirement.version : NULL, true);
}

/* ---- requirements files ---- */

static bool deps_is_requirements_file(const char *path)
{
    const char *base = text_basename(path);
    size_t length = strlen(base);
    if (length < 5 || strcmp(base + length - 4, ".txt") != 0)
        return false;
    if (text_prefix_nocase(base, "requirements") || text_prefix_nocase(base, "constraints"))
        return true;
    if (length > 16 && (text_equals_nocase(base + length - 16, 16, "requirements.txt") ||
                        text_equals_nocase(base + length - 15, 15, "constraints.txt")))
        return true;
    /* requirements/base.txt, requirements/prod.txt … */
    size_t dir_length = (size_t)(base - path);
    return dir_length >= 13 && text_equals_nocase(base - 13, 12, "requirements") &&
           (dir_length == 13 || base[-14] == '/');
}

static bool deps_is_docs_path(const char *path)
{
    return text_prefix_nocase(path, "docs/") || text_prefix_nocase(path, "doc/") ||
           strstr(path, "/docs/") != NULL;
}

static void deps_requirement_line(struct deps_file *deps, int line, char *text, bool judge,
                                  int *first_requirement, size_t *registry_count)
{
    /* Per-requirement options (--hash, --global-option) follow the
     * requirement after whitespace. */
    for (char *q = text; *q; q++)
        if ((*q == ' ' || *q == '\t') && q[1] == '-' && q[2] == '-') {
            *q = '\0';
            break;
        }
    char *p = (char *)deps_skip_space(text);
    bool editable = false;
    if (*p == '-') {
        size_t option = strcspn(p, " \t=");
        if ((option == 2 && p[1] == 'e') || (option == 10 && strncmp(p, "--editable", 10) == 0)) {
            editable = true;
            p = (char *)deps_skip_space(p + option + (p[option] == '=' ? 1 : 0));
        } else {
            return; /* -r, -c, -i, --index-url …: not a requirement */
        }
    }
    if (!*p)
        return;
    if (deps_is_vcs_url(p) || deps_is_http_url(p)) {
        char name[128], url[512];
        deps_copy_trimmed(url, sizeof url, p, strcspn(p, " \t"));
        deps_name_from_url(url, name, sizeof name);
        deps_record(deps, line, name, url, NULL, true);
        if (judge)
            deps_report_source(deps, deps_python_source(url), line, name, url);
        return;
    }
    if (editable || *p == '.' || *p == '/' || text_prefix_nocase(p, "file:"))
        return; /* a local path: the project itself or a sibling */
    struct deps_pep508 requirement;
    if (!deps_pep508_parse(p, &requirement))
        return;
    if (requirement.url[0]) {
        deps_record(deps, line, requirement.name, requirement.url, NULL, true);
        if (judge)
            deps_report_source(deps, deps_python_source(requirement.url), line, requirement.name,
                               requirement.url);
        return;
    }
    deps_record(deps, line, requirement.name, requirement.recorded,
                requirement.version[0] ? requirement.version : NULL, true);
    if (!*first_requirement)
        *first_requirement = line;
    (*registry_count)++;
    if (!judge)
        return;
    /* A bare name in a requirements file is the loosest range there is:
     * like any range, it is the application's problem, not a library's. */
    if (!requirement.spec[0])
        deps_report(deps, "deps.unpinned-version", line, requirement.name,
                    "%s has no version: pip installs whatever release is newest", requirement.name);
    else if (!requirement.version[0])
        deps_report(deps, "deps.unpinned-version", line, requirement.name,
                    "%s%s allows more than one version", requirement.name, requirement.spec);
}

static void deps_requirements(struct deps_file *deps)
{
    const char *content = deps->file->content;
    const char *end = content + deps->file->length;
    bool judge = !deps_is_docs_path(deps->file->path);
    bool hashes = false;
    int first_requirement = 0;
    size_t registry_count = 0;
    int line = 1;
    char logical[4096];
    const char *p = content;
    while (p < end) {
        int start_line = line;
        size_t used = 0;
        /* Join continuation lines (a trailing backslash). */
        for (;;) {
            const char *newline = memchr(p, '\n', (size_t)(end - p));
            const char *stop = newline ? newline : end;
            size_t length = (size_t)(stop - p);
            if (length && p[length - 1] == '\r')
                length--;
            bool continued = length && p[length - 1] == '\\';
            if (continued)
                length--;
            if (used + length >= sizeof logical)
                length = sizeof logical - 1 - used;
            memcpy(logical + used, p, length);
            used += length;
            p = newline ? newline + 1 : end;
            if (newline)
                line++;
            if (!continued || p >= end)
                break;
        }
        logical[used] = '\0';
        /* A comment starts with '#' at the start of the line or after
         * whitespace (a URL fragment "#egg=" is not one). */
        for (size_t i = 0; i < used; i++)
            if (logical[i] == '#' && (i == 0 || logical[i - 1] == ' ' || logical[i - 1] == '\t')) {
                logical[i] = '\0';
                break;
            }
        if (strstr(logical, "--hash"))
            hashes = true;
        /* NUL bytes would hide the rest of the line; binary is skipped
         * before analyzers run, so a stray one only cuts the line short. */
        deps_requirement_line(deps, start_line, logical, judge, &first_requirement,
                              &registry_count);
    }
    /* pip reads hashes from requirements files, not from constraints files. */
    bool constraints = text_prefix_nocase(text_basename(deps->file->path), "constraints") ||
                       strstr(deps->file->path, "constraints.txt") != NULL;
    if (judge && registry_count && !hashes && !constraints)
        deps_report(deps, "deps.no-hashes", first_requirement, "",
                    "%zu requirement%s without --hash: pip cannot verify what it downloads",
                    registry_count, registry_count == 1 ? "" : "s");
}

/* ---- pyproject.toml, Pipfile, TOML lockfiles ---- */

static void deps_toml_unparsed(struct deps_file *deps, const struct toml_document *doc)
{
    char reason[200];
    snprintf(reason, sizeof reason, "not valid TOML: %s", doc->error);
    analysis_add_fact(deps->analysis, "yaml.unparsed", doc->error_line, reason);
}

/* An array of PEP 508 strings (PEP 621, PEP 735, PDM, uv). */
static void deps_pep508_array(struct deps_file *deps, const struct toml_value *array)
{
    if (!array || array->type != TOML_ARRAY)
        return;
    for (const struct toml_value *item = array->first; item; item = item->next)
        if (item->type == TOML_STRING)
            deps_python_manifest_requirement(deps, item->line, item->string);
}

/* A table of arrays of PEP 508 strings (optional-dependencies, groups). */
static void deps_pep508_groups(struct deps_file *deps, const struct toml_value *table)
{
    if (!table || table->type != TOML_TABLE)
        return;
    for (const struct toml_value *group = table->first; group; group = group->next)
        deps_pep508_array(deps, group);
}

/* Poetry's and Pipenv's tables: name = "spec" or name = {version, git, url,
 * path …} (Poetry also allows a list of such tables). */
static void deps_name_table(struct deps_file *deps, const struct toml_value *table, bool poetry)
{
    if (!table || table->type != TOML_TABLE)
        return;
    for (const struct toml_value *entry = table->first; entry; entry = entry->next) {
        if (poetry && strcmp(entry->key, "python") == 0)
            continue;
        const struct toml_value *value = entry;
        if (value->type == TOML_ARRAY && value->first)
            value = value->first;
        const char *spec = NULL;
        if (value->type == TOML_STRING) {
            spec = value->string;
        } else if (value->type == TOML_TABLE) {
            const char *git = toml_string(toml_get(value, "git"));
            const char *url = toml_string(toml_get(value, "url"));
            if (git || url) {
                deps_record(deps, entry->key_line, entry->key, git ? git : url, NULL, true);
                deps_report_source(deps, git ? DEPS_SOURCE_VCS : DEPS_SOURCE_URL, entry->key_line,
                                   entry->key, git ? git : url);
                continue;
            }
            if (toml_get(value, "path") || toml_get(value, "file"))
                continue;
            spec = toml_string(toml_get(value, "version"));
            if (!spec)
                spec = "";
        } else {
            continue;
        }
        char version[128] = "";
        const char *p = deps_skip_space(spec);
        if (poetry && *p >= '0' && *p <= '9' && !strpbrk(p, " ,*<>=!~^|")) {
            /* Poetry reads a bare version as that exact version. */
            deps_copy_trimmed(version, sizeof version, p, strlen(p));
        } else {
            deps_python_exact(spec, version, sizeof version);
        }
        deps_record(deps, entry->key_line, entry->key, spec, version[0] ? version : NULL, true);
        /* Pipenv writes "*" for every package and pins in Pipfile.lock;
         * Poetry users choose a constraint, so "*" there is a choice. */
        if (poetry && (!*p || strcmp(p, "*") == 0))
            deps_report(deps, "deps.no-version", entry->key_line, entry->key,
                        "%s accepts any version (\"%s\")", entry->key, p);
    }
}

static void deps_pyproject(struct deps_file *deps, const struct toml_value *root)
{
    size_t before = deps->analysis->fact_count;
    const struct toml_value *project = toml_get(root, "project");
    deps_pep508_array(deps, toml_get(project, "dependencies"));
    deps_pep508_groups(deps, toml_get(project, "optional-dependencies"));
    deps_pep508_groups(deps, toml_get(root, "dependency-groups"));

    const struct toml_value *poetry = toml_get_path(root, "tool.poetry");
    deps_name_table(deps, toml_get(poetry, "dependencies"), true);
    deps_name_table(deps, toml_get(poetry, "dev-dependencies"), true);
    const struct toml_value *groups = toml_get(poetry, "group");
    for (const struct toml_value *group = groups && groups->type == TOML_TABLE ? groups->first
                                                                               : NULL;
         group; group = group->next)
        deps_name_table(deps, toml_get(group, "dependencies"), true);

    const struct toml_value *pdm = toml_get_path(root, "tool.pdm");
    deps_pep508_groups(deps, toml_get(pdm, "dev-dependencies"));
    const struct toml_value *uv = toml_get_path(root, "tool.uv");
    deps_pep508_array(deps, toml_get(uv, "dev-dependencies"));
    const struct toml_value *sources = toml_get(uv, "sources");
    for (const struct toml_value *source = sources && sources->type == TOML_TABLE ? sources->first
                                                                                  : NULL;
         source; source = source->next) {
        const char *git = toml_string(toml_get(source, "git"));
        const char *url = toml_string(toml_get(source, "url"));
        if (git || url)
            deps_report_source(deps, git ? DEPS_SOURCE_VCS : DEPS_SOURCE_URL, source->key_line,
                               source->key, git ? git : url);
    }

    bool has_dependencies = false;
    for (size_t i = before; i < deps->analysis->fact_count; i++)
        has_dependencies |= strcmp(deps->analysis->facts[i].key, "deps.dependency") == 0;
    if (!has_dependencies)
        return;
    if (poetry)
        deps_manifest(deps, "poetry.lock");
    else if (pdm)
        deps_manifest(deps, "pdm.lock");
    else if (uv)
        deps_manifest(deps, "uv.lock");
    else
        deps_manifest(deps, "uv.lock,pdm.lock,poetry.lock,pylock.toml,requirements.txt,"
                            "requirements.lock");
}

/* [[package]] name/version: poetry.lock, uv.lock, pdm.lock. */
static void deps_toml_lock(struct deps_file *deps, const struct toml_value *root)
{
    const struct toml_value *packages = toml_get(root, "package");
    if (!packages || packages->type != TOML_ARRAY)
        return;
    for (const struct toml_value *package = packages->first; package; package = package->next) {
        const char *name = toml_string(toml_get(package, "name"));
        const char *version = toml_string(toml_get(package, "version"));
        const struct toml_value *source = toml_get(package, "source");
        /* uv lists the project itself as an editable or virtual package. */
        if (!name || toml_get(source, "editable") || toml_get(source, "virtual"))
            continue;
        const struct toml_value *at = toml_get(package, "name");
        deps_record(deps, at ? at->key_line : package->line, name, version ? version : "", version,
                    false);
    }
}

static void deps_toml_file(struct deps_file *deps, const char *base)
{
    struct toml_document doc;
    if (!toml_parse(&doc, deps->file->content, deps->file->length)) {
        deps_toml_unparsed(deps, &doc);
        toml_release(&doc);
        return;
    }
    if (strcmp(base, "pyproject.toml") == 0) {
        deps_pyproject(deps, doc.root);
    } else if (strcmp(base, "Pipfile") == 0) {
        size_t before = deps->analysis->fact_count;
        deps_name_table(deps, toml_get(doc.root, "packages"), false);
        deps_name_table(deps, toml_get(doc.root, "dev-packages"), false);
        if (deps->analysis->fact_count > before)
            deps_manifest(deps, "Pipfile.lock");
    } else {
        deps_toml_lock(deps, doc.root);
    }
    toml_release(&doc);
}

static void deps_pipfile_lock(struct deps_file *deps)
{
    json_error_t error;
    json_t *root = json_loadb(deps->file->content, deps->file->length, 0, &error);
    if (!root) {
        analysis_add_fact(deps->analysis, "yaml.unparsed", error.line > 0 ? error.line : 1,
                          "not valid JSON");
        return;
    }
    struct deps_json_lines *lines =
        deps_json_lines_build(deps->analysis->arena, deps->file->content, deps->file->length);
    static const char *const sections[] = {"default", "develop"};
    for (size_t s = 0; s < 2; s++) {
        json_t *section = json_object_get(root, sections[s]);
        const char *name;
        json_t *entry;
        if (!json_is_object(section))
            continue;
        json_object_foreach(section, name, entry)
        {
            const char *spec = json_string_value(json_object_get(entry, "version"));
            char version[128] = "";
            if (spec)
                deps_python_exact(spec, version, sizeof version);
            deps_record(deps, deps_json_line(lines, sections[s], name, 1), name, spec ? spec : "",
                        version[0] ? version : NULL, false);
        }
    }
    json_decref(root);
}

/* ---- setup.cfg and setup.py, read as text ---- */

static void deps_setup_cfg(struct deps_file *deps)
{
    const char *p = deps->file->content, *end = p + deps->file->length;
    bool in_options = false, in_list = false;
    int line = 0;
    while (p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *stop = newline ? newline : end;
        line++;
        char text[512];
        deps_copy_trimmed(text, sizeof text, p, (size_t)(stop - p));
        bool indented = p < stop && (*p == ' ' || *p == '\t');
        p = newline ? newline + 1 : end;
        if (text[0] == '[') {
            in_options = strcmp(text, "[options]") == 0;
            in_list = false;
            continue;
        }
        if (in_list && indented) {
            if (text[0] && text[0] != '#' && text[0] != ';')
                deps_python_manifest_requirement(deps, line, text);
            continue;
        }
        in_list = false;
        if (in_options && strncmp(text, "install_requires", 16) == 0) {
            const char *value = deps_skip_space(text + 16);
            if (*value != '=' && *value != ':')
                continue;
            value = deps_skip_space(value + 1);
            in_list = true;
            if (*value)
                deps_python_manifest_requirement(deps, line, value);
        }
    }
}

static void deps_setup_py(struct deps_file *deps)
{
    const char *content = deps->file->content, *end = content + deps->file->length;
    const char *at = strstr(content, "install_requires");
    if (!at)
        return;
    const char *p = deps_skip_space(at + 16);
    if (*p != '=')
        return;
    p = deps_skip_space(p + 1);
    while (p < end && (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != '[')
        return; /* a variable or a call: not a literal list */
    for (p++; p < end && *p != ']';) {
        if (*p == '#') {
            const char *newline = memchr(p, '\n', (size_t)(end - p));
            p = newline ? newline : end;
            continue;
        }
        if (*p != '"' && *p != '\'') {
            p++;
            continue;
        }
        char quote = *p++;
        const char *start = p;
        while (p < end && *p != quote && *p != '\n')
            p++;
        if (p >= end || *p != quote)
            return;
        char text[512];
        deps_copy_trimmed(text, sizeof text, start, (size_t)(p - start));
        deps_python_manifest_requirement(deps, text_line_of(content, (size_t)(start - content)),
                                         text);
        p++;
    }
}

/* ---- the analyzer ---- */

static bool deps_python_applies(const struct source_file *file)
{
    static const char *const names[] = {"pyproject.toml", "Pipfile",  "Pipfile.lock",
                                        "setup.cfg",      "setup.py", "poetry.lock",
                                        "uv.lock",        "pdm.lock"};
    const char *base = text_basename(file->path);
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
        if (strcmp(base, names[i]) == 0)
            return true;
    return deps_is_requirements_file(file->path);
}

static void deps_python_run(const struct source_file *file, struct analysis *analysis)
{
    struct deps_file deps = {.file = file, .analysis = analysis, .ecosystem = "pypi"};
    const char *base = text_basename(file->path);
    if (strcmp(base, "Pipfile.lock") == 0)
        deps_pipfile_lock(&deps);
    else if (strcmp(base, "setup.cfg") == 0)
        deps_setup_cfg(&deps);
    else if (strcmp(base, "setup.py") == 0)
        deps_setup_py(&deps);
    else if (deps_is_requirements_file(file->path))
        deps_requirements(&deps);
    else
        deps_toml_file(&deps, base);
}

const struct analyzer analyzer_deps_python = {
    .name = "deps-python",
    .applies = deps_python_applies,
    .run = deps_python_run,
};
