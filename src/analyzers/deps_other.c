/*
 * deps_other: dependency analyzers for Go (go.mod), Rust (Cargo.toml,
 * Cargo.lock), Ruby (Gemfile), PHP (composer.json), Java (pom.xml through
 * libxml2 with metrics/xml_safe.h's hardened settings; build.gradle and
 * build.gradle.kts read as text, never run) and .NET (*.csproj, *.fsproj,
 * *.vbproj PackageReference items; packages.lock.json).
 *
 * Each dependency becomes a "deps.dependency" fact; each manifest records
 * the lockfile its tool writes (go.sum, Cargo.lock, Gemfile.lock,
 * composer.lock) for checks/dependencies.c. Go modules always name one
 * exact version (minimal version selection writes the selected one), so
 * go.mod has nothing to judge but its lockfile; a `replace`d module has no
 * exact version (it is built from elsewhere). Cargo and Composer ranges are resolved through the
 * lockfile; what is reported on its line is "*", and git sources. A Gemfile is read as text (it is
 * Ruby code; it is never run): `gem` lines with literal arguments only. Maven and Gradle have no
 * lockfile in common use, so a version range or a dynamic version there ("[1.0,2.0)", "1.+",
 * "latest.release", LATEST, RELEASE) is reported on its line; so is a
 * floating NuGet version ("1.*", "*").
 *
 * Like every analyzer it reads only its own file and writes only its own
 * analysis.
 */
#include "analyzers/deps_common.h"
#include "metrics/xml_safe.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/toml.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void deps_other_copy(char *out, size_t size, const char *start, size_t length)
{
    if (length >= size)
        length = size - 1;
    memcpy(out, start, length);
    out[length] = '\0';
}

/* ---- Go ---- */

/* The modules a `replace` directive swaps out, read before the requires
 * (the directive may come after them). */
struct deps_go_replaced {
    char names[64][256];
    size_t count;
};

/* One "module [version] => ..." entry of a replace directive. */
static void deps_go_replace(struct deps_go_replaced *replaced, const char *entry)
{
    if (replaced->count < sizeof(replaced->names) / sizeof(*replaced->names) &&
        sscanf(entry, "%255s", replaced->names[replaced->count]) == 1 &&
        strcmp(replaced->names[replaced->count], "=>") != 0)
        replaced->count++;
}

static bool deps_go_is_replaced(const struct deps_go_replaced *replaced, const char *module)
{
    for (size_t i = 0; i < replaced->count; i++)
        if (strcmp(replaced->names[i], module) == 0)
            return true;
    return false;
}

/* One "module version [// indirect]" entry of a require directive. The
 * version is exact: minimal version selection writes the one it selected
 * for every requirement, pseudo-versions and "+incompatible" included
 * (https://go.dev/ref/mod#go-mod-file-require). A replaced module is built
 * from elsewhere, so its require version is not what runs. */
static void deps_go_require(struct deps_file *deps, const struct deps_go_replaced *replaced,
                            int line, const char *entry)
{
    char module[256], version[128];
    if (sscanf(entry, "%255s %127s", module, version) != 2 || version[0] != 'v')
        return;
    bool indirect = strstr(entry, "// indirect") != NULL;
    deps_record(deps, line, module, version, deps_go_is_replaced(replaced, module) ? NULL : version,
                !indirect);
}

/* Calls `entry` for each entry of every `directive` line or block. */
static size_t deps_go_directive(struct deps_file *deps, const char *directive,
                                struct deps_go_replaced *replaced, bool requires)
{
    char text[1024];
    struct deps_lines lines = {deps->file->content, deps->file->content + deps->file->length, 0};
    size_t length = strlen(directive), count = 0;
    bool in_block = false;
    while (deps_next_line(&lines, text, sizeof text)) {
        const char *p = text;
        while (*p == ' ' || *p == '\t')
            p++;
        if (in_block) {
            if (*p == ')')
                in_block = false;
            else if (*p && strncmp(p, "//", 2) != 0)
                count++;
            else
                continue;
        } else if (strncmp(p, directive, length) == 0 &&
                   (p[length] == ' ' || p[length] == '\t' || p[length] == '(')) {
            p += length;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p == '(') {
                in_block = true;
                continue;
            }
            count++;
        } else {
            continue;
        }
        if (!in_block && *p == ')')
            continue;
        if (requires)
            deps_go_require(deps, replaced, lines.number, p);
        else
            deps_go_replace(replaced, p);
    }
    return count;
}

static void deps_go_mod(struct deps_file *deps)
{
    struct deps_go_replaced *replaced = xcalloc(1, sizeof(*replaced));
    deps_go_directive(deps, "replace", replaced, false);
    if (deps_go_directive(deps, "require", replaced, true))
        deps_manifest(deps, "go.sum");
    free(replaced);
}

/* ---- Rust ---- */

static void deps_cargo_table(struct deps_file *deps, const struct toml_value *table, size_t *count)
{
    if (!table || table->type != TOML_TABLE)
        return;
    for (const struct toml_value *entry = table->first; entry; entry = entry->next) {
        const char *spec = NULL;
        if (entry->type == TOML_STRING) {
            spec = entry->string;
        } else if (entry->type == TOML_TABLE) {
            const char *git = toml_string(toml_get(entry, "git"));
            if (git) {
                deps_record(deps, entry->key_line, entry->key, git, NULL, true);
                const char *rev = toml_string(toml_get(entry, "rev"));
                deps_report(deps, "deps.vcs-dependency", entry->key_line, entry->key,
                            "%s is built from a git repository: %s%s%s", entry->key, git,
                            rev ? " at " : "", rev ? rev : "");
                (*count)++;
                continue;
            }
            if (toml_get(entry, "path") || toml_get(entry, "workspace"))
                continue;
            spec = toml_string(toml_get(entry, "version"));
        }
        if (!spec)
            continue;
        (*count)++;
        const char *version = spec[0] == '=' && spec[1] != '=' ? spec + 1 : NULL;
        while (version && *version == ' ')
            version++;
        deps_record(deps, entry->key_line, entry->key, spec, version, true);
        if (!spec[0] || strcmp(spec, "*") == 0)
            deps_report(deps, "deps.no-version", entry->key_line, entry->key,
                        "%s accepts any version (\"%s\")", entry->key, spec);
    }
}

static void deps_cargo_sections(struct deps_file *deps, const struct toml_value *table,
                                size_t *count)
{
    static const char *const sections[] = {"dependencies", "dev-dependencies",
                                           "build-dependencies"};
    for (size_t i = 0; i < sizeof(sections) / sizeof(*sections); i++)
        deps_cargo_table(deps, toml_get(table, sections[i]), count);
}

static void deps_cargo(struct deps_file *deps, bool lock)
{
    struct toml_document doc;
    if (!toml_parse(&doc, deps->file->content, deps->file->length)) {
        char reason[200];
        snprintf(reason, sizeof reason, "not valid TOML: %s", doc.error);
        analysis_add_fact(deps->analysis, "yaml.unparsed", doc.error_line, reason);
        toml_release(&doc);
        return;
    }
    if (lock) {
        const struct toml_value *packages = toml_get(doc.root, "package");
        for (const struct toml_value *package =
                 packages && packages->type == TOML_ARRAY ? packages->first : NULL;
             package; package = package->next) {
            const char *name = toml_string(toml_get(package, "name"));
            const char *version = toml_string(toml_get(package, "version"));
            /* Without a source it is one of the workspace's own crates. */
            if (!name || !toml_get(package, "source"))
                continue;
            deps_record(deps, toml_get(package, "name")->key_line, name, version ? version : "",
                        version, false);
        }
    } else {
        size_t count = 0;
        deps_cargo_sections(deps, doc.root, &count);
        deps_cargo_table(deps, toml_get_path(doc.root, "workspace.dependencies"), &count);
        const struct toml_value *targets = toml_get(doc.root, "target");
        for (const struct toml_value *target =
                 targets && targets->type == TOML_TABLE ? targets->first : NULL;
             target; target = target->next)
            deps_cargo_sections(deps, target, &count);
        if (count)
            deps_manifest(deps, "Cargo.lock");
    }
    toml_release(&doc);
}

/* ---- Ruby ---- */

/* The next quoted literal at *p, copied into out; false when none. */
static bool deps_ruby_literal(const char **p, char *out, size_t size)
{
    const char *q = *p;
    while (*q == ' ' || *q == '\t' || *q == ',')
        q++;
    if (*q != '\'' && *q != '"')
        return false;
    char quote = *q++;
    const char *start = q;
    while (*q && *q != quote)
        q++;
    if (*q != quote)
        return false;
    deps_other_copy(out, size, start, (size_t)(q - start));
    *p = q + 1;
    return true;
}

static void deps_gemfile(struct deps_file *deps)
{
    char text[1024];
    struct deps_lines lines = {deps->file->content, deps->file->content + deps->file->length, 0};
    size_t count = 0;
    while (deps_next_line(&lines, text, sizeof text)) {
        int line = lines.number;
        const char *p = text;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, "gem ", 4) != 0 && strncmp(p, "gem(", 4) != 0)
            continue;
        p += 4;
        char name[128], spec[128] = "", part[128];
        if (!deps_ruby_literal(&p, name, sizeof name))
            continue;
        size_t used = 0;
        while (deps_ruby_literal(&p, part, sizeof part)) {
            /* snprintf truncates at the buffer's end, as the spec may. */
            int wrote = snprintf(spec + used, sizeof spec - used, "%s%s", used ? ", " : "", part);
            if (wrote > 0)
                used += (size_t)wrote < sizeof spec - used ? (size_t)wrote : sizeof spec - used - 1;
        }
        const char *git = strstr(p, "git:");
        if (!git)
            git = strstr(p, ":git =>");
        const char *github = strstr(p, "github:");
        count++;
        if (git || github) {
            char where[256] = "";
            const char *value = strpbrk(git ? git : github, "'\"");
            if (value)
                deps_ruby_literal(&value, where, sizeof where);
            deps_record(deps, line, name, where, NULL, true);
            deps_report(deps, "deps.vcs-dependency", line, name,
                        "%s is installed from a git repository: %s", name, where);
            continue;
        }
        const char *version = NULL;
        if (spec[0] && !strpbrk(spec, "<>~!,")) {
            version = spec;
            while (*version == '=' || *version == ' ')
                version++;
        }
        deps_record(deps, line, name, spec, version, true);
    }
    if (count)
        deps_manifest(deps, "Gemfile.lock");
}

/* ---- PHP ---- */

static void deps_composer(struct deps_file *deps)
{
    json_error_t error;
    json_t *root = json_loadb(deps->file->content, deps->file->length, 0, &error);
    if (!json_is_object(root)) {
        analysis_add_fact(deps->analysis, "yaml.unparsed", error.line > 0 ? error.line : 1,
                          "not a valid JSON object");
        json_decref(root);
        return;
    }
    struct deps_json_lines *lines =
        deps_json_lines_build(deps->analysis->arena, deps->file->content, deps->file->length);
    static const char *const sections[] = {"require", "require-dev"};
    size_t count = 0;
    for (size_t s = 0; s < 2; s++) {
        json_t *section = json_object_get(root, sections[s]);
        const char *name;
        json_t *value;
        if (!json_is_object(section))
            continue;
        json_object_foreach(section, name, value)
        {
            const char *spec = json_string_value(value);
            /* The PHP version and extensions are platform requirements. */
            if (!spec || strcmp(name, "php") == 0 || strncmp(name, "ext-", 4) == 0)
                continue;
            int line = deps_json_line(lines, sections[s], name, 1);
            const char *version = spec;
            if (*version == 'v')
                version++;
            bool exact = *version >= '0' && *version <= '9' && !strpbrk(version, " *^~<>|,");
            deps_record(deps, line, name, spec, exact ? version : NULL, true);
            count++;
            if (!spec[0] || strcmp(spec, "*") == 0)
                deps_report(deps, "deps.no-version", line, name, "%s accepts any version (\"%s\")",
                            name, spec);
        }
    }
    if (count)
        deps_manifest(deps, "composer.lock");
    json_decref(root);
}

/* ---- Java ---- */

enum { DEPS_XML_MAX_BYTES = 8 * 1024 * 1024 };

/* The trimmed text of child element `name` of `parent`, or "". */
static void deps_xml_child_text(const xmlNode *parent, const char *name, char *out, size_t size,
                                int *line)
{
    out[0] = '\0';
    for (const xmlNode *child = parent->children; child; child = child->next) {
        if (!xml_safe_is(child, name))
            continue;
        xmlChar *content = xmlNodeGetContent(child);
        if (content) {
            const char *text = (const char *)content;
            while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
                text++;
            size_t length = strlen(text);
            while (length && strchr(" \t\r\n", text[length - 1]))
                length--;
            deps_other_copy(out, size, text, length);
            xmlFree(content);
        }
        if (line)
            *line = (int)xmlGetLineNo(child);
        return;
    }
}

static xmlDocPtr deps_xml_parse(struct deps_file *deps)
{
    struct strbuf error = STRBUF_INIT;
    xmlDocPtr document =
        xml_safe_parse(deps->file->content, deps->file->length, DEPS_XML_MAX_BYTES, &error);
    if (!document)
        analysis_add_fact(deps->analysis, "yaml.unparsed", 1, error.data);
    strbuf_release(&error);
    return document;
}

/* Judges a Maven or Gradle version, which no lockfile pins. */
static void deps_jvm_version(struct deps_file *deps, int line, const char *name, const char *spec)
{
    const char *version = NULL;
    if (strcmp(spec, "LATEST") == 0 || strcmp(spec, "RELEASE") == 0 ||
        strncmp(spec, "latest.", 7) == 0 || strcmp(spec, "+") == 0) {
        deps_report(deps, "deps.no-version", line, name, "%s accepts any version (\"%s\")", name,
                    spec);
    } else if (spec[0] == '[' || spec[0] == '(' || strchr(spec, '+')) {
        deps_report(deps, "deps.unpinned-version", line, name,
                    "%s %s allows more than one version, and nothing locks it", name, spec);
    } else if (spec[0] && spec[0] != '$') {
        version = spec;
    }
    deps_record(deps, line, name, spec, version, true);
}

static void deps_pom(struct deps_file *deps)
{
    xmlDocPtr document = deps_xml_parse(deps);
    if (!document)
        return;
    xmlNode *root = xmlDocGetRootElement(document);
    for (xmlNode *node = root; node; node = xml_safe_next(node, root, false)) {
        /* Build plugins are tools, not what the application ships. */
        if (xml_safe_is(node, "plugins") || xml_safe_is(node, "pluginManagement")) {
            node = xml_safe_next(node, root, true);
            if (!node)
                break;
        }
        if (!xml_safe_is(node, "dependency") || !node->parent ||
            !xml_safe_is(node->parent, "dependencies"))
            continue;
        char group[128], artifact[128], version[128];
        int line = (int)xmlGetLineNo(node);
        deps_xml_child_text(node, "groupId", group, sizeof group, NULL);
        deps_xml_child_text(node, "artifactId", artifact, sizeof artifact, NULL);
        deps_xml_child_text(node, "version", version, sizeof version, &line);
        if (!artifact[0])
            continue;
        char name[260];
        snprintf(name, sizeof name, "%s:%s", group, artifact);
        deps_jvm_version(deps, line, name, version);
    }
    xmlFreeDoc(document);
}

static void deps_gradle(struct deps_file *deps)
{
    static const char *const configurations[] = {"implementation",      "api",
                                                 "compileOnly",         "runtimeOnly",
                                                 "testImplementation",  "testRuntimeOnly",
                                                 "annotationProcessor", "kapt",
                                                 "classpath",           "compile",
                                                 "testCompile",         "runtime"};
    char text[1024];
    struct deps_lines lines = {deps->file->content, deps->file->content + deps->file->length, 0};
    while (deps_next_line(&lines, text, sizeof text)) {
        const char *p = text;
        while (*p == ' ' || *p == '\t')
            p++;
        size_t word = 0;
        while (p[word] && (p[word] == '_' || (p[word] >= 'a' && p[word] <= 'z') ||
                           (p[word] >= 'A' && p[word] <= 'Z')))
            word++;
        bool known = false;
        for (size_t i = 0; i < sizeof(configurations) / sizeof(*configurations) && !known; i++)
            known = strlen(configurations[i]) == word && strncmp(p, configurations[i], word) == 0;
        if (!known)
            continue;
        p += word;
        while (*p == ' ' || *p == '(')
            p++;
        if (*p != '\'' && *p != '"')
            continue;
        char quote = *p++;
        const char *end = strchr(p, quote);
        if (!end)
            continue;
        char coordinate[512];
        deps_other_copy(coordinate, sizeof coordinate, p, (size_t)(end - p));
        /* group:name:version[:classifier][@type] */
        char *first = strchr(coordinate, ':');
        char *second = first ? strchr(first + 1, ':') : NULL;
        if (!second)
            continue;
        *second = '\0';
        char *version = second + 1;
        version[strcspn(version, ":@")] = '\0';
        deps_jvm_version(deps, lines.number, coordinate, version);
    }
}

/* ---- .NET ---- */

static void deps_msbuild(struct deps_file *deps)
{
    xmlDocPtr document = deps_xml_parse(deps);
    if (!document)
        return;
    xmlNode *root = xmlDocGetRootElement(document);
    for (xmlNode *node = root; node; node = xml_safe_next(node, root, false)) {
        if (!xml_safe_is(node, "PackageReference"))
            continue;
        char name[256], version[128];
        int line = (int)xmlGetLineNo(node);
        xml_safe_attr_text(node, "Include", name, sizeof name);
        if (!name[0])
            continue; /* Update= items change a reference made elsewhere */
        xml_safe_attr_text(node, "Version", version, sizeof version);
        if (!version[0])
            deps_xml_child_text(node, "Version", version, sizeof version, &line);
        const char *exact = NULL;
        if (strcmp(version, "*") == 0)
            deps_report(deps, "deps.no-version", line, name, "%s accepts any version (\"*\")",
                        name);
        else if (strchr(version, '*'))
            deps_report(deps, "deps.unpinned-version", line, name,
                        "%s %s floats to the newest matching version", name, version);
        else if (version[0] && version[0] != '[' && version[0] != '(' && version[0] != '$')
            exact = version; /* NuGet resolves a bare version to its lowest match: itself */
        deps_record(deps, line, name, version, exact, true);
    }
    xmlFreeDoc(document);
}

static void deps_nuget_lock(struct deps_file *deps)
{
    json_error_t error;
    json_t *root = json_loadb(deps->file->content, deps->file->length, 0, &error);
    if (!json_is_object(root)) {
        analysis_add_fact(deps->analysis, "yaml.unparsed", error.line > 0 ? error.line : 1,
                          "not a valid JSON object");
        json_decref(root);
        return;
    }
    struct deps_json_lines *lines =
        deps_json_lines_build(deps->analysis->arena, deps->file->content, deps->file->length);
    json_t *frameworks = json_object_get(root, "dependencies");
    const char *framework;
    json_t *packages;
    if (json_is_object(frameworks)) {
        json_object_foreach(frameworks, framework, packages)
        {
            const char *name;
            json_t *entry;
            if (!json_is_object(packages))
                continue;
            json_object_foreach(packages, name, entry)
            {
                const char *resolved = json_string_value(json_object_get(entry, "resolved"));
                const char *type = json_string_value(json_object_get(entry, "type"));
                if (type && strcmp(type, "Project") == 0)
                    continue;
                deps_record(deps, deps_json_line3(lines, "dependencies", framework, name, 1), name,
                            resolved ? resolved : "", resolved,
                            type && strcmp(type, "Direct") == 0);
            }
        }
    }
    json_decref(root);
}

/* ---- the analyzer ---- */

static bool deps_is_msbuild_project(const char *base)
{
    size_t length = strlen(base);
    return length > 7 &&
           (strcmp(base + length - 7, ".csproj") == 0 ||
            strcmp(base + length - 7, ".fsproj") == 0 || strcmp(base + length - 7, ".vbproj") == 0);
}

static bool deps_other_applies(const struct source_file *file)
{
    static const char *const names[] = {
        "go.mod",        "Cargo.toml", "Cargo.lock",   "Gemfile",          "gems.rb",
        "composer.json", "pom.xml",    "build.gradle", "build.gradle.kts", "packages.lock.json"};
    const char *base = text_basename(file->path);
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
        if (strcmp(base, names[i]) == 0)
            return true;
    return deps_is_msbuild_project(base);
}

static void deps_other_run(const struct source_file *file, struct analysis *analysis)
{
    const char *base = text_basename(file->path);
    struct deps_file deps = {.file = file, .analysis = analysis};
    if (strcmp(base, "go.mod") == 0) {
        deps.ecosystem = "go";
        deps_go_mod(&deps);
    } else if (strcmp(base, "Cargo.toml") == 0 || strcmp(base, "Cargo.lock") == 0) {
        deps.ecosystem = "cargo";
        deps_cargo(&deps, base[6] == 'l');
    } else if (strcmp(base, "pom.xml") == 0 || strncmp(base, "build.gradle", 12) == 0) {
        deps.ecosystem = "maven";
        if (base[0] == 'p')
            deps_pom(&deps);
        else
            deps_gradle(&deps);
    } else if (strcmp(base, "packages.lock.json") == 0 || deps_is_msbuild_project(base)) {
        deps.ecosystem = "nuget";
        if (base[0] == 'p' && strcmp(base, "packages.lock.json") == 0)
            deps_nuget_lock(&deps);
        else
            deps_msbuild(&deps);
    } else if (strcmp(base, "composer.json") == 0) {
        deps.ecosystem = "packagist";
        deps_composer(&deps);
    } else {
        deps.ecosystem = "rubygems";
        deps_gemfile(&deps);
    }
}

const struct analyzer analyzer_deps_other = {
    .name = "deps-other",
    .applies = deps_other_applies,
    .run = deps_other_run,
};
