/*
 * role: classifies a file as source, test, docs, config, ci, container, iac,
 * migration, data or build from its relative path and detected language.
 *
 * Path-only by contract: it must not open the file, allocate or keep state
 * (workers call it concurrently). The rules are tried in a fixed order and
 * the first that matches wins; the order is the policy:
 *
 *   1. docs       prose (Markdown, reStructuredText, AsciiDoc) anywhere, and
 *                 README/LICENSE/CHANGELOG/… files that are plain text or have
 *                 no language; OpenAPI and Swagger specs. A README inside .github/ or a chart is
 *                 still documentation.
 *   2. ci         .github/workflows/, .github/actions/, .gitlab-ci.yml, .gitlab/,
 *                 .circleci/, Jenkinsfile*, azure-pipelines*.yml, .travis.yml,
 *                 bitbucket-pipelines.yml, .drone.yml, a top-level ci/ …
 *   3. container  Dockerfile*, *.dockerfile, Containerfile*, docker-compose*.y*ml,
 *                 compose*.y*ml, .dockerignore, .devcontainer/.
 *   4. build      build scripts, dependency manifests and lockfiles by name
 *                 (Makefile, CMakeLists.txt, setup.py, pyproject.toml,
 *                 requirements*.txt and requirements/ files, package.json,
 *                 Cargo.toml, go.mod, pom.xml, build.gradle, Gemfile …). Every *.lock file is
 * build: lock files belong to the dependency manifest next to them. Build comes before test so that
 * tests/CMakeLists.txt is build.
 *   5. test       code in a test directory (tests/, test/, __tests__/, spec/,
 *                 testdata/, e2e/ …) or named like a test (test_*.py,
 *                 *_test.go, *.test.ts, *.spec.js, *Test.java, *_spec.rb,
 *                 conftest.py …). Non-code files in test directories are data.
 *   6. migration  migrations/, migrate/ (db/migrate), alembic/, db/changelog/,
 *                 evolutions/; *.up.sql / *.down.sql; Flyway V1__*.sql.
 *   7. iac        Terraform (*.tf, *.tfvars, *.tf.json, *.tfstate), *.hcl,
 *                 *.bicep, Helm (Chart.yaml, values*.yaml), kustomization.yaml,
 *                 CloudFormation/SAM by name (template.yaml, *.cfn.*,
 *                 *cloudformation*), serverless.yml, Pulumi.*.yaml,
 *                 skaffold.yaml, Vagrantfile; non-code files under k8s/,
 *                 kubernetes/, helm/, charts/, terraform/, ansible/ ….
 *   8. docs       anything under docs/, doc/, documentation/.
 *   9. data       *.csv, *.tsv, *.parquet, *.jsonl … and static assets
 *                 (images, fonts, SVG); non-code files under fixtures/, data/,
 *                 datasets/ or a test directory.
 *  10. docs       remaining plain text (*.txt) and man pages.
 *  11. config     .env*, dotfiles, *.ini, *.toml, *.cfg, *.conf, *.properties,
 *                 *.config.js, YAML/JSON/XML not claimed above, and any file
 *                 whose language is unknown.
 *  12. source     everything else (code).
 */
#include "inventory/role.h"
#include "util/text.h"

#include <stdbool.h>
#include <string.h>

/* ---- small path helpers (ASCII case folding where noted) ---- */

static bool role_suffix(const char *text, size_t length, const char *suffix)
{
    size_t suffix_length = strlen(suffix);
    return length >= suffix_length &&
           memcmp(text + length - suffix_length, suffix, suffix_length) == 0;
}

static bool role_suffix_nocase(const char *text, size_t length, const char *suffix)
{
    size_t suffix_length = strlen(suffix);
    if (length < suffix_length)
        return false;
    return text_equals_nocase(text + length - suffix_length, suffix_length, suffix);
}

static bool role_in(const char *text, const char *const *list)
{
    for (; *list; list++) {
        /* The first byte rules out most names without a call (every file). */
        if ((*list)[0] == text[0] && strcmp(text, *list) == 0)
            return true;
    }
    return false;
}

/* Is one of the directories of `path` (not its file name) `name`, ignoring case? */
static bool role_has_dir(const char *path, const char *base, const char *const *names)
{
    const char *start = path;
    while (start < base) {
        const char *slash = memchr(start, '/', (size_t)(base - start));
        if (!slash)
            break;
        for (const char *const *name = names; *name; name++) {
            if (text_equals_nocase(start, (size_t)(slash - start), *name))
                return true;
        }
        start = slash + 1;
    }
    return false;
}

/* Does `path` contain the directory sequence `dirs` ("db/migrate") as whole
 * components, before the file name? */
static bool role_has_dirs(const char *path, const char *base, const char *dirs)
{
    size_t length = strlen(dirs);
    for (const char *at = path; at + length < base; at++) {
        if ((at == path || at[-1] == '/') && at[length] == '/' &&
            text_equals_nocase(at, length, dirs))
            return true;
    }
    return false;
}

/* The extension after the last dot of the file name ("" when none; a
 * leading dot alone does not start an extension). */
static const char *role_extension(const char *base)
{
    const char *dot = strrchr(base, '.');
    return (dot && dot != base) ? dot + 1 : "";
}

static bool role_extension_in(const char *extension, const char *const *list)
{
    char lower[16];
    size_t length = strlen(extension);
    if (length == 0 || length >= sizeof(lower))
        return false;
    for (size_t i = 0; i <= length; i++)
        lower[i] = text_lower(extension[i]);
    return role_in(lower, list);
}

/* Formats and prose are not code: they never make a file a test, and count
 * as data or config inside test, fixture and manifest directories. */
static bool role_is_code(const struct language *language)
{
    static const char *const not_code[] = {"JSON",
                                           "JSON5",
                                           "YAML",
                                           "TOML",
                                           "XML",
                                           "INI",
                                           "Properties",
                                           "CSV",
                                           "SVG",
                                           "XSD",
                                           "XAML",
                                           "Text",
                                           "Markdown",
                                           "reStructuredText",
                                           "MSBuild script",
                                           NULL};
    return language && !language->is_prose && !role_in(language->name, not_code);
}

/* ---- the rules, in order ---- */

static bool role_is_docs_strong(const char *base, const char *extension,
                                const struct language *language)
{
    static const char *const prose[] = {"md", "markdown", "mdx", "rst", "adoc", "asciidoc", NULL};
    static const char *const names[] = {
        "readme",          "license",    "licence",      "copying",
        "changelog",       "changes",    "history",      "news",
        "contributing",    "authors",    "contributors", "code_of_conduct",
        "code-of-conduct", "security",   "notice",       "maintainers",
        "support",         "governance", "roadmap",      "release_notes",
        "release-notes",   "releasing",  "upgrading",    NULL};
    if (role_extension_in(extension, prose))
        return true;
    if (language && language->is_prose && strcmp(language->name, "Text") != 0)
        return true;
    if (!language || language->is_prose) {
        for (const char *const *name = names; *name; name++) {
            size_t length = strlen(*name);
            if (text_prefix_nocase(base, *name) && (base[length] == '\0' || base[length] == '.' ||
                                                    base[length] == '-' || base[length] == '_'))
                return true;
        }
    }
    return text_prefix_nocase(base, "openapi.") || text_prefix_nocase(base, "swagger.");
}

static bool role_is_ci(const char *path, const char *base, size_t base_length)
{
    static const char *const names[] = {".gitlab-ci.yml",
                                        ".gitlab-ci.yaml",
                                        ".travis.yml",
                                        "bitbucket-pipelines.yml",
                                        ".drone.yml",
                                        ".drone.yaml",
                                        ".drone.star",
                                        "appveyor.yml",
                                        ".appveyor.yml",
                                        "cloudbuild.yaml",
                                        "cloudbuild.yml",
                                        "cloudbuild.json",
                                        "buildspec.yml",
                                        "buildspec.yaml",
                                        ".woodpecker.yml",
                                        ".woodpecker.yaml",
                                        "codefresh.yml",
                                        "wercker.yml",
                                        ".cirrus.yml",
                                        "Jenkinsfile",
                                        NULL};
    static const char *const dirs[] = {".circleci",  ".buildkite",       ".woodpecker", ".tekton",
                                       ".semaphore", ".azure-pipelines", ".gitlab",     NULL};
    if (role_in(base, names))
        return true;
    if (strncmp(base, "Jenkinsfile.", 12) == 0 ||
        role_suffix_nocase(base, base_length, ".jenkinsfile"))
        return true;
    if (text_prefix_nocase(base, "azure-pipelines") &&
        (role_suffix(base, base_length, ".yml") || role_suffix(base, base_length, ".yaml")))
        return true;
    if (role_suffix(base, base_length, ".gitlab-ci.yml"))
        return true;
    /* a top-level ci/ holds CI scripts; deeper, "ci" is more often a package */
    if (strncmp(path, "ci/", 3) == 0 || strncmp(path, ".ci/", 4) == 0)
        return true;
    return role_has_dirs(path, base, ".github/workflows") ||
           role_has_dirs(path, base, ".github/actions") || role_has_dir(path, base, dirs);
}

static bool role_is_yaml_name(const char *base, size_t base_length, const char *stem_prefix)
{
    return text_prefix_nocase(base, stem_prefix) &&
           (role_suffix_nocase(base, base_length, ".yml") ||
            role_suffix_nocase(base, base_length, ".yaml"));
}

static bool role_is_container(const char *path, const char *base, size_t base_length,
                              const struct language *language)
{
    static const char *const names[] = {".dockerignore",     ".containerignore",
                                        "devcontainer.json", ".devcontainer.json",
                                        "docker-bake.hcl",   NULL};
    static const char *const dirs[] = {".devcontainer", NULL};
    if (language &&
        (strcmp(language->name, "Dockerfile") == 0 || strcmp(language->name, "Containerfile") == 0))
        return true;
    /* By name only when the language says nothing: dockerfile.c is source. */
    if (!language &&
        (text_prefix_nocase(base, "dockerfile") || text_prefix_nocase(base, "containerfile") ||
         role_suffix_nocase(base, base_length, ".dockerfile") ||
         role_suffix_nocase(base, base_length, ".dockerignore")))
        return true;
    if (role_in(base, names) || role_has_dir(path, base, dirs))
        return true;
    return role_is_yaml_name(base, base_length, "docker-compose") ||
           role_is_yaml_name(base, base_length, "compose.") ||
           role_is_yaml_name(base, base_length, "compose-");
}

static bool role_is_build(const char *path, const char *base, size_t base_length,
                          const char *extension)
{
    static const char *const requirement_dirs[] = {"requirements", NULL};
    static const char *const names[] = {"Makefile",
                                        "makefile",
                                        "GNUmakefile",
                                        "CMakeLists.txt",
                                        "meson.build",
                                        "meson_options.txt",
                                        "BUILD",
                                        "BUILD.bazel",
                                        "WORKSPACE",
                                        "WORKSPACE.bazel",
                                        "MODULE.bazel",
                                        "setup.py",
                                        "setup.cfg",
                                        "pyproject.toml",
                                        "Pipfile",
                                        "MANIFEST.in",
                                        "constraints.txt",
                                        "environment.yml",
                                        "environment.yaml",
                                        "noxfile.py",
                                        "package.json",
                                        "npm-shrinkwrap.json",
                                        "pnpm-lock.yaml",
                                        "pnpm-workspace.yaml",
                                        "lerna.json",
                                        "Cargo.toml",
                                        "go.mod",
                                        "go.sum",
                                        "go.work",
                                        "go.work.sum",
                                        "pom.xml",
                                        "build.gradle",
                                        "build.gradle.kts",
                                        "settings.gradle",
                                        "settings.gradle.kts",
                                        "gradle.properties",
                                        "gradlew",
                                        "gradlew.bat",
                                        "build.xml",
                                        "ivy.xml",
                                        "build.sbt",
                                        "Gemfile",
                                        "Rakefile",
                                        "package-lock.json",
                                        "packages.lock.json",
                                        "composer.json",
                                        "Directory.Build.props",
                                        "Directory.Build.targets",
                                        "Directory.Packages.props",
                                        "packages.config",
                                        "nuget.config",
                                        "NuGet.Config",
                                        "global.json",
                                        "mix.exs",
                                        "rebar.config",
                                        "stack.yaml",
                                        "cabal.project",
                                        "package.yaml",
                                        "Package.swift",
                                        "Package.resolved",
                                        "Podfile",
                                        "Cartfile",
                                        "Cartfile.resolved",
                                        "pubspec.yaml",
                                        "build.zig",
                                        "build.zig.zon",
                                        "configure",
                                        "configure.ac",
                                        "configure.in",
                                        "Makefile.am",
                                        "Makefile.in",
                                        "Justfile",
                                        "justfile",
                                        "Taskfile.yml",
                                        "Taskfile.yaml",
                                        "flake.nix",
                                        "default.nix",
                                        "shell.nix",
                                        "vcpkg.json",
                                        "conanfile.txt",
                                        "conanfile.py",
                                        "cpanfile",
                                        "Makefile.PL",
                                        "Build.PL",
                                        "dune-project",
                                        "DESCRIPTION",
                                        NULL};
    static const char *const extensions[] = {
        "lock",  "lockb", "gemspec", "csproj", "fsproj", "vbproj", "vcxproj", "sln",
        "cabal", "opam",  "mk",      "mak",    "cmake",  "bzl",    "bazel",   NULL};
    if (role_in(base, names) || role_extension_in(extension, extensions))
        return true;
    if (role_suffix(base, base_length, ".terraform.lock.hcl"))
        return true;
    /* requirements.txt, requirements-dev.txt, requirements/base.in … */
    return (text_prefix_nocase(base, "requirements") ||
            role_has_dir(path, base, requirement_dirs)) &&
           (role_suffix(base, base_length, ".txt") || role_suffix(base, base_length, ".in"));
}

static bool role_stem_suffix(const char *stem, size_t stem_length, const char *const *suffixes)
{
    for (const char *const *suffix = suffixes; *suffix; suffix++) {
        if (role_suffix(stem, stem_length, *suffix) && stem_length > strlen(*suffix))
            return true;
    }
    return false;
}

/* FooTest, FooTests, FooIT, FooSpec, FooTestCase: the suffix must start a
 * new CamelCase word, so "Latest" and "BIT" are not tests. */
static bool role_camel_test(const char *stem, size_t stem_length)
{
    static const char *const suffixes[] = {"Test", "Tests", "TestCase", "IT", "Spec", NULL};
    for (const char *const *suffix = suffixes; *suffix; suffix++) {
        size_t length = strlen(*suffix);
        if (!role_suffix(stem, stem_length, *suffix))
            continue;
        if (stem_length == length)
            return strcmp(*suffix, "Test") == 0 || strcmp(*suffix, "Tests") == 0;
        char before = stem[stem_length - length - 1];
        if ((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9'))
            return true;
    }
    return false;
}

static const char *const role_test_dirs[] = {"test",
                                             "tests",
                                             "__tests__",
                                             "__mocks__",
                                             "spec",
                                             "specs",
                                             "testing",
                                             "testdata",
                                             "e2e",
                                             "cypress",
                                             "unittests",
                                             "unit_tests",
                                             "integration_tests",
                                             "integration-tests",
                                             "acceptance_tests",
                                             NULL};

static bool role_is_test(const char *path, const char *base, size_t base_length,
                         const char *extension, const struct language *language)
{
    static const char *const names[] = {"conftest.py", "tests.py", "test.py", NULL};
    static const char *const stem_suffixes[] = {"_test",  "_tests",    "_spec", "-test",
                                                "-tests", "-spec",     ".test", ".spec",
                                                ".e2e",   "_unittest", NULL};
    if (role_extension_in(extension, (const char *const[]){"bats", NULL}))
        return true;
    if (!role_is_code(language))
        return false;
    if (role_has_dir(path, base, role_test_dirs) || role_in(base, names))
        return true;
    if (strncmp(base, "test_", 5) == 0 || strncmp(base, "tests_", 6) == 0)
        return true;
    size_t stem_length = extension[0] ? (size_t)(extension - 1 - base) : base_length;
    return role_stem_suffix(base, stem_length, stem_suffixes) || role_camel_test(base, stem_length);
}

/* Flyway: V1__init.sql, V2_1__x.sql, U3__undo.sql, R__views.sql. */
static bool role_is_flyway(const char *base, size_t base_length)
{
    if (!role_suffix_nocase(base, base_length, ".sql"))
        return false;
    if (base[0] == 'R' && base[1] == '_' && base[2] == '_')
        return true;
    if (base[0] != 'V' && base[0] != 'U')
        return false;
    size_t i = 1;
    while ((base[i] >= '0' && base[i] <= '9') || base[i] == '_' || base[i] == '.') {
        if (base[i] == '_' && base[i + 1] == '_')
            return i > 1;
        i++;
    }
    return false;
}

static bool role_is_migration(const char *path, const char *base, size_t base_length)
{
    static const char *const dirs[] = {"migrations", "migration",  "migrate",
                                       "alembic",    "evolutions", NULL};
    if (role_has_dir(path, base, dirs) || role_has_dirs(path, base, "db/changelog"))
        return true;
    if (role_suffix_nocase(base, base_length, ".up.sql") ||
        role_suffix_nocase(base, base_length, ".down.sql"))
        return true;
    return role_is_flyway(base, base_length);
}

static bool role_is_iac(const char *path, const char *base, size_t base_length,
                        const char *extension, const struct language *language)
{
    static const char *const extensions[] = {"tf",    "tfvars", "tfstate", "hcl",
                                             "bicep", "nomad",  NULL};
    static const char *const names[] = {"kustomization.yaml",
                                        "kustomization.yml",
                                        "Kustomization",
                                        "Chart.yaml",
                                        "Chart.lock",
                                        "helmfile.yaml",
                                        "skaffold.yaml",
                                        "skaffold.yml",
                                        "Pulumi.yaml",
                                        "serverless.yml",
                                        "serverless.yaml",
                                        "template.yaml",
                                        "template.yml",
                                        "samconfig.toml",
                                        "cdk.json",
                                        "Vagrantfile",
                                        NULL};
    static const char *const dirs[] = {"k8s",       "kubernetes", "kube",      "helm",
                                       "charts",    "chart",      "kustomize", "manifests",
                                       "terraform", "ansible",    "playbooks", "cloudformation",
                                       "cfn",       "openshift",  NULL};
    if (role_extension_in(extension, extensions) || role_in(base, names))
        return true;
    if (role_suffix(base, base_length, ".tf.json") ||
        role_suffix(base, base_length, ".tfstate.backup"))
        return true;
    if (role_is_yaml_name(base, base_length, "values") ||
        role_is_yaml_name(base, base_length, "pulumi."))
        return true;
    if (strstr(base, ".cfn.") || strstr(base, "cloudformation") || strstr(base, "CloudFormation"))
        return true;
    return !role_is_code(language) && role_has_dir(path, base, dirs);
}

static bool role_is_docs_dir(const char *path, const char *base)
{
    static const char *const dirs[] = {"docs", "doc", "documentation", NULL};
    return role_has_dir(path, base, dirs);
}

static bool role_is_data(const char *path, const char *base, const char *extension,
                         const struct language *language)
{
    static const char *const extensions[] = {
        "csv",     "tsv",  "parquet", "jsonl", "ndjson", "avro",    "orc",      "arrow",
        "feather", "xlsx", "xls",     "ods",   "sqlite", "sqlite3", "db",       "pkl",
        "pickle",  "npy",  "npz",     "h5",    "hdf5",   "geojson", "topojson", "arff",
        "dat",     "svg",  "png",     "jpg",   "jpeg",   "gif",     "webp",     "ico",
        "bmp",     "tif",  "tiff",    "mp3",   "mp4",    "wav",     "ogg",      "webm",
        "ttf",     "otf",  "woff",    "woff2", "eot",    NULL};
    static const char *const dirs[] = {"fixtures",  "fixture",     "data",
                                       "datasets",  "dataset",     "test_data",
                                       "test-data", "sample_data", NULL};
    if (role_extension_in(extension, extensions))
        return true;
    if (role_is_code(language))
        return false;
    return role_has_dir(path, base, dirs) || role_has_dir(path, base, role_test_dirs);
}

static bool role_is_docs_weak(const char *extension, const struct language *language)
{
    static const char *const extensions[] = {"txt", "1", "2", "3",   "4",   "5", "6",
                                             "7",   "8", "9", "man", "pdf", NULL};
    return (language && strcmp(language->name, "Text") == 0) ||
           role_extension_in(extension, extensions);
}

static bool role_is_config(const char *base, size_t base_length, const char *extension,
                           const struct language *language)
{
    static const char *const extensions[] = {
        "env",  "ini", "toml", "cfg",     "conf",   "config", "properties",
        "yaml", "yml", "json", "json5",   "xml",    "plist",  "service",
        "pem",  "crt", "key",  "example", "sample", "dist",   NULL};
    if (base[0] == '.') /* .env, .env.production, .editorconfig, .eslintrc.js … */
        return true;
    if (role_extension_in(extension, extensions) || !role_is_code(language))
        return true;
    /* webpack.config.js, vite.config.ts, jest.config.mjs … */
    const char *config = strstr(base, ".config.");
    return config && (size_t)(config - base) + 8 < base_length && !strchr(config + 8, '.');
}

enum file_role role_detect(const char *path, const struct language *language)
{
    if (!path)
        return FILE_ROLE_CONFIG;
    const char *base = text_basename(path);
    const size_t base_length = strlen(base);
    const char *extension = role_extension(base);

    if (role_is_docs_strong(base, extension, language))
        return FILE_ROLE_DOCS;
    if (role_is_ci(path, base, base_length))
        return FILE_ROLE_CI;
    if (role_is_container(path, base, base_length, language))
        return FILE_ROLE_CONTAINER;
    if (role_is_build(path, base, base_length, extension))
        return FILE_ROLE_BUILD;
    if (role_is_test(path, base, base_length, extension, language))
        return FILE_ROLE_TEST;
    if (role_is_migration(path, base, base_length))
        return FILE_ROLE_MIGRATION;
    if (role_is_iac(path, base, base_length, extension, language))
        return FILE_ROLE_IAC;
    if (role_is_docs_dir(path, base))
        return FILE_ROLE_DOCS;
    if (role_is_data(path, base, extension, language))
        return FILE_ROLE_DATA;
    if (role_is_docs_weak(extension, language))
        return FILE_ROLE_DOCS;
    if (role_is_config(base, base_length, extension, language))
        return FILE_ROLE_CONFIG;
    return FILE_ROLE_SOURCE;
}
