/*
 * deps_node: the Node.js dependency analyzer. It reads package.json
 * (dependencies, devDependencies, optionalDependencies, peerDependencies)
 * and package-lock.json / npm-shrinkwrap.json (lockfileVersion 1's
 * "dependencies" and 2/3's "packages") with jansson, and finds each entry's
 * line with the key scanner of deps_common.h. yarn.lock (v1 and Berry) and
 * pnpm-lock.yaml are read line by line for their resolved packages: their
 * entries are one-line keys with the version a few lines below, and a
 * line-oriented reader never has to hold a YAML tree of a multi-megabyte
 * lockfile.
 *
 * Each dependency becomes a "deps.dependency" fact. Ranges in package.json
 * are how npm is meant to be used: the lockfile pins them, and
 * checks/dependencies.c looks for one (package.json records the lockfile
 * names npm, Yarn, pnpm and Bun write). What a lockfile cannot tame is
 * reported on its line: "*", "latest", "x" or an empty version, git
 * repositories and tarball URLs. Peer dependencies state what a package
 * works with, so they are recorded and never judged.
 *
 * Like every analyzer it reads only its own file and writes only its own
 * analysis.
 */
#include "analyzers/deps_common.h"
#include "util/text.h"

#include <jansson.h>
#include <string.h>

static const char *const deps_node_sections[] = {"dependencies", "devDependencies",
                                                 "optionalDependencies", "peerDependencies"};

/* The exact version npm would install for a spec, or false: "1.2.3",
 * "=1.2.3", "v1.2.3" with an optional pre-release or build. */
static bool deps_node_exact(const char *spec, const char **version)
{
    const char *p = spec;
    if (*p == '=')
        p++;
    if (*p == 'v')
        p++;
    *version = p;
    int parts = 0;
    while (parts < 3) {
        if (*p < '0' || *p > '9')
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
        parts++;
        if (parts < 3) {
            if (*p != '.')
                return false;
            p++;
        }
    }
    if (*p == '-' || *p == '+') {
        p++;
        while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
               *p == '.' || *p == '-' || *p == '+')
            p++;
    }
    return *p == '\0';
}

static enum deps_source deps_node_source(const char *spec)
{
    if (deps_is_vcs_url(spec))
        return DEPS_SOURCE_VCS;
    if (deps_is_http_url(spec))
        return DEPS_SOURCE_URL;
    if (text_prefix_nocase(spec, "file:") || text_prefix_nocase(spec, "link:") ||
        text_prefix_nocase(spec, "workspace:") || text_prefix_nocase(spec, "portal:") ||
        text_prefix_nocase(spec, "npm:") || spec[0] == '.' || spec[0] == '/' || spec[0] == '~')
        return DEPS_SOURCE_LOCAL;
    /* "user/repo" and "user/repo#ref" are GitHub shorthands. */
    const char *slash = strchr(spec, '/');
    if (slash && slash != spec && spec[0] != '@' && !strpbrk(spec, " :<>=|") &&
        !strchr(slash + 1, '/'))
        return DEPS_SOURCE_VCS;
    return DEPS_SOURCE_REGISTRY;
}

static bool deps_node_any_version(const char *spec)
{
    const char *p = spec;
    while (*p == ' ')
        p++;
    return !*p || strcmp(p, "*") == 0 || strcmp(p, "latest") == 0 || strcmp(p, "x") == 0 ||
           strcmp(p, "X") == 0 || strcmp(p, "next") == 0;
}

static void deps_package_json(struct deps_file *deps, json_t *root,
                              const struct deps_json_lines *lines)
{
    size_t recorded = 0;
    for (size_t s = 0; s < sizeof(deps_node_sections) / sizeof(*deps_node_sections); s++) {
        const char *section_name = deps_node_sections[s];
        bool peer = strcmp(section_name, "peerDependencies") == 0;
        json_t *section = json_object_get(root, section_name);
        if (!json_is_object(section))
            continue;
        const char *name;
        json_t *value;
        json_object_foreach(section, name, value)
        {
            const char *spec = json_string_value(value);
            if (!spec)
                continue;
            int line = deps_json_line(lines, section_name, name, 1);
            const char *version = NULL;
            bool exact = deps_node_exact(spec, &version);
            deps_record(deps, line, name, spec, exact ? version : NULL, !peer);
            recorded += !peer;
            if (peer)
                continue;
            enum deps_source source = deps_node_source(spec);
            if (source != DEPS_SOURCE_REGISTRY)
                deps_report_source(deps, source, line, name, spec);
            else if (deps_node_any_version(spec))
                deps_report(deps, "deps.no-version", line, name, "%s accepts any version (\"%s\")",
                            name, spec);
        }
    }
    if (recorded)
        deps_manifest(deps, "package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml,"
                            "bun.lockb,bun.lock");
    if (json_object_get(root, "renovate"))
        analysis_add_fact(deps->analysis, "deps.automation",
                          deps_json_line(lines, NULL, "renovate", 1),
                          "renovate configuration in package.json");
}

/* The package name in a lockfile v2/v3 path: the part after the last
 * "node_modules/". */
static const char *deps_lock_name(const char *path, bool *top_level)
{
    const char *last = NULL;
    for (const char *p = path; (p = strstr(p, "node_modules/")) != NULL; p += 13)
        last = p + 13;
    *top_level = last == path + 13;
    return last;
}

static void deps_package_lock(struct deps_file *deps, json_t *root,
                              const struct deps_json_lines *lines)
{
    json_t *packages = json_object_get(root, "packages");
    json_t *root_package = json_object_get(packages, "");
    if (json_is_object(packages)) {
        const char *path;
        json_t *entry;
        json_object_foreach(packages, path, entry)
        {
            bool top_level;
            const char *name = deps_lock_name(path, &top_level);
            if (!name || !json_is_object(entry))
                continue;
            const char *version = json_string_value(json_object_get(entry, "version"));
            bool direct = false;
            for (size_t s = 0; top_level && !direct && s < 3; s++)
                direct = json_object_get(json_object_get(root_package, deps_node_sections[s]),
                                         name) != NULL;
            deps_record(deps, deps_json_line(lines, "packages", path, 1), name,
                        version ? version : "", version, direct);
        }
        return;
    }
    json_t *dependencies = json_object_get(root, "dependencies");
    if (!json_is_object(dependencies))
        return;
    const char *name;
    json_t *entry;
    json_object_foreach(dependencies, name, entry)
    {
        const char *version = json_string_value(json_object_get(entry, "version"));
        deps_record(deps, deps_json_line(lines, "dependencies", name, 1), name,
                    version ? version : "", version, false);
    }
}

/* ---- yarn.lock and pnpm-lock.yaml ---- */

/* Copies `text` without surrounding quotes and blanks into out. */
static void deps_node_unquote(char *out, size_t size, const char *text, size_t length)
{
    while (length && (*text == ' ' || *text == '"' || *text == '\'')) {
        text++;
        length--;
    }
    while (length && (text[length - 1] == ' ' || text[length - 1] == '"' ||
                      text[length - 1] == '\'' || text[length - 1] == ':'))
        length--;
    if (length >= size)
        length = size - 1;
    memcpy(out, text, length);
    out[length] = '\0';
}

/* The package name of "name@range" or "@scope/name@range" (npm: and
 * patch: protocols keep the name before them). */
static bool deps_node_split_at(char *entry)
{
    char *at = strchr(entry + (entry[0] == '@'), '@');
    if (!at || at == entry)
        return false;
    *at = '\0';
    return true;
}

static void deps_yarn_lock(struct deps_file *deps)
{
    char text[1024], name[256] = "";
    int entry_line = 0;
    struct deps_lines lines = {deps->file->content, deps->file->content + deps->file->length, 0};
    while (deps_next_line(&lines, text, sizeof text)) {
        if (!text[0] || text[0] == '#')
            continue;
        if (text[0] != ' ') {
            /* "name@^1.0.0, name@~1.1.0": or name@npm:^1.0.0: */
            size_t first = strcspn(text, ",");
            deps_node_unquote(name, sizeof name, text, first);
            entry_line =
                deps_node_split_at(name) && strcmp(name, "__metadata") != 0 ? lines.number : 0;
            continue;
        }
        const char *p = text;
        while (*p == ' ')
            p++;
        if (!entry_line || strncmp(p, "version", 7) != 0 || (p[7] != ' ' && p[7] != ':'))
            continue;
        p += 7 + (p[7] == ':');
        char version[128];
        deps_node_unquote(version, sizeof version, p, strlen(p));
        deps_record(deps, entry_line, name, version, version, false);
        entry_line = 0;
    }
}

static void deps_pnpm_lock(struct deps_file *deps)
{
    char text[1024];
    bool in_packages = false;
    struct deps_lines lines = {deps->file->content, deps->file->content + deps->file->length, 0};
    while (deps_next_line(&lines, text, sizeof text)) {
        if (text[0] && text[0] != ' ' && text[0] != '#') {
            in_packages = strncmp(text, "packages:", 9) == 0;
            continue;
        }
        /* Two-space keys: "/name@1.2.3:", "name@1.2.3(peer@1):" (v6+) or
         * "/name/1.2.3:" (v5). */
        if (!in_packages || text[0] != ' ' || text[1] != ' ' || text[2] == ' ' || !text[2])
            continue;
        size_t length = strlen(text);
        if (text[length - 1] != ':')
            continue;
        char key[512];
        deps_node_unquote(key, sizeof key, text + 2, length - 2);
        char *entry = key[0] == '/' ? key + 1 : key;
        entry[strcspn(entry, "(")] = '\0';
        char *version = NULL;
        if (deps_node_split_at(entry)) {
            version = entry + strlen(entry) + 1;
        } else {
            char *slash = strrchr(entry, '/');
            if (!slash || slash == entry || !(slash[1] >= '0' && slash[1] <= '9'))
                continue;
            *slash = '\0';
            version = slash + 1;
        }
        if (*version)
            deps_record(deps, lines.number, entry, version, version, false);
    }
}

static bool deps_node_applies(const struct source_file *file)
{
    const char *base = text_basename(file->path);
    return strcmp(base, "package.json") == 0 || strcmp(base, "package-lock.json") == 0 ||
           strcmp(base, "npm-shrinkwrap.json") == 0 || strcmp(base, "yarn.lock") == 0 ||
           strcmp(base, "pnpm-lock.yaml") == 0;
}

static void deps_node_run(const struct source_file *file, struct analysis *analysis)
{
    struct deps_file deps = {.file = file, .analysis = analysis, .ecosystem = "npm"};
    const char *base = text_basename(file->path);
    if (strcmp(base, "yarn.lock") == 0) {
        deps_yarn_lock(&deps);
        return;
    }
    if (strcmp(base, "pnpm-lock.yaml") == 0) {
        deps_pnpm_lock(&deps);
        return;
    }
    json_error_t error;
    json_t *root = json_loadb(file->content, file->length, 0, &error);
    if (!root || !json_is_object(root)) {
        analysis_add_fact(analysis, "yaml.unparsed", error.line > 0 ? error.line : 1,
                          "not a valid JSON object");
        json_decref(root);
        return;
    }
    struct deps_json_lines *lines =
        deps_json_lines_build(analysis->arena, file->content, file->length);
    if (strcmp(text_basename(file->path), "package.json") == 0)
        deps_package_json(&deps, root, lines);
    else
        deps_package_lock(&deps, root, lines);
    json_decref(root);
}

const struct analyzer analyzer_deps_node = {
    .name = "deps-node",
    .applies = deps_node_applies,
    .run = deps_node_run,
};
