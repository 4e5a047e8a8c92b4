/*
 * test_deps: unit tests of the dependency analyzers (deps_python.c,
 * deps_node.c, deps_other.c), their shared helpers (deps_common.h) and the
 * dependency checks (checks/dependencies.c): requirements-file syntax
 * (continuations, comments, options, markers, hashes, URLs), exact versus
 * range specs per ecosystem, the JSON key-line scanner, malformed input
 * reported as unparsed, and the lockfile, automation and pin checks on
 * hand-built contexts.
 *
 * Contents are copied into buffers of exactly their length plus the NUL the
 * audit provides, so a sanitizer build catches any read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzers/analyzer.h"
#include "analyzers/deps_common.h"
#include "checks/check.h"
#include "util/strbuf.h"

extern const struct analyzer analyzer_deps_python;
extern const struct analyzer analyzer_deps_node;
extern const struct analyzer analyzer_deps_other;
extern const struct check_family check_family_dependencies;

struct scan {
    struct arena arena;
    struct analysis analysis;
    char *buffer;
    struct strbuf findings; /* "rule:line" entries, space-separated */
    struct strbuf facts;    /* "line|value" entries of deps.dependency, newline-separated */
};

static void scan(struct scan *s, const char *path, const char *content)
{
    size_t length = strlen(content);
    s->buffer = malloc(length + 1);
    memcpy(s->buffer, content, length + 1);
    arena_init(&s->arena);
    analysis_init(&s->analysis, &s->arena, path);
    struct source_file file = {.path = path, .content = s->buffer, .length = length};
    const struct analyzer *analyzers[] = {&analyzer_deps_python, &analyzer_deps_node,
                                          &analyzer_deps_other};
    size_t applied = 0;
    for (size_t i = 0; i < 3; i++)
        if (analyzers[i]->applies(&file)) {
            analyzers[i]->run(&file, &s->analysis);
            applied++;
        }
    assert_int_equal(applied, 1);
    strbuf_init(&s->findings);
    strbuf_init(&s->facts);
    for (size_t i = 0; i < s->analysis.finding_count; i++)
        strbuf_printf(&s->findings, "%s%s:%d", i ? " " : "", s->analysis.findings[i].rule->id,
                      s->analysis.findings[i].line);
    for (size_t i = 0; i < s->analysis.fact_count; i++) {
        const struct fact *fact = &s->analysis.facts[i];
        if (strcmp(fact->key, "deps.dependency") == 0)
            strbuf_printf(&s->facts, "%d|%s\n", fact->line, fact->value);
        else
            strbuf_printf(&s->facts, "%s %d|%s\n", fact->key, fact->line,
                          fact->value ? fact->value : "");
    }
}

static void scan_release(struct scan *s)
{
    analysis_release(&s->analysis);
    arena_destroy(&s->arena);
    strbuf_release(&s->findings);
    strbuf_release(&s->facts);
    free(s->buffer);
}

static void test_requirements(void **state)
{
    (void)state;
    struct scan s;
    scan(&s, "requirements.txt",
         "# comment\n"
         "--index-url https://pypi.example.com/simple\n"
         "-r base.txt\n"
         "Django==5.1.2  # trailing comment\n"
         "celery[redis] >= 5.4 ; python_version >= '3.10'\n"
         "numpy==1.*\n"
         "black===24.10.0\n"
         "flask \\\n"
         "    ==3.0.3\n"
         "requests\r\n"
         "pkg @ https://example.com/pkg-2.0-py3-none-any.whl\n"
         "-e git+https://github.com/example-org/tool.git@abc123#egg=tool\n"
         "./vendor/local-package\n"
         "not a requirement line\n");
    assert_string_equal(s.findings.data, "deps.unpinned-version:5 deps.unpinned-version:6 "
                                         "deps.unpinned-version:10 deps.url-dependency:11 "
                                         "deps.vcs-dependency:12 deps.no-hashes:4");
    assert_string_equal(s.facts.data,
                        "4|pypi\tDjango\t==5.1.2\t5.1.2\t1\n"
                        "5|pypi\tcelery\t>= 5.4; python_version >= '3.10'\t\t1\n"
                        "6|pypi\tnumpy\t==1.*\t\t1\n"
                        "7|pypi\tblack\t===24.10.0\t24.10.0\t1\n"
                        "8|pypi\tflask\t==3.0.3\t3.0.3\t1\n"
                        "10|pypi\trequests\t\t\t1\n"
                        "11|pypi\tpkg\thttps://example.com/pkg-2.0-py3-none-any.whl\t\t1\n"
                        "12|pypi\ttool\tgit+https://github.com/example-org/"
                        "tool.git@abc123#egg=tool\t\t1\n");
    scan_release(&s);

    /* Hashes anywhere silence deps.no-hashes; docs requirements are not judged. */
    scan(&s, "requirements/prod.txt", "a==1.0 --hash=sha256:00\n");
    assert_string_equal(s.findings.data, "");
    scan_release(&s);
    scan(&s, "docs/requirements.txt", "sphinx>=7\n");
    assert_string_equal(s.findings.data, "");
    assert_string_equal(s.facts.data, "1|pypi\tsphinx\t>=7\t\t1\n");
    scan_release(&s);
    scan(&s, "constraints.txt", "urllib3==2.2.3\n");
    assert_string_equal(s.findings.data, "");
    scan_release(&s);
}

static void test_pyproject(void **state)
{
    (void)state;
    struct scan s;
    scan(&s, "pyproject.toml",
         "[project]\nname = \"x\"\ndependencies = [\"a>=1\", \"b @ git+https://e.com/b.git\"]\n"
         "[tool.pdm.dev-dependencies]\ntest = [\"pytest==8.3.3\"]\n");
    assert_string_equal(s.findings.data, "deps.vcs-dependency:3");
    assert_string_equal(s.facts.data, "3|pypi\ta\t>=1\t\t1\n"
                                      "3|pypi\tb\tgit+https://e.com/b.git\t\t1\n"
                                      "5|pypi\tpytest\t==8.3.3\t8.3.3\t1\n"
                                      "deps.manifest 0|pypi\tpdm.lock\n");
    scan_release(&s);

    /* Broken TOML is counted as unparsed, with its line. */
    scan(&s, "pyproject.toml", "[project]\nname = \n");
    assert_string_equal(s.findings.data, "");
    assert_string_equal(s.facts.data, "yaml.unparsed 2|not valid TOML: a key needs a value\n");
    scan_release(&s);

    scan(&s, "Pipfile",
         "[packages]\nrequests = \"*\"\nflask = {version = \"==3.0.0\"}\n"
         "[dev-packages]\ntool = {git = \"https://github.com/e/tool.git\"}\n");
    assert_string_equal(s.findings.data, "deps.vcs-dependency:5");
    scan_release(&s);

    scan(&s, "setup.py",
         "setup(\n    install_requires=[\n        'click>=8',  # cli\n        \"rich\",\n    "
         "],\n)\n");
    assert_string_equal(s.facts.data, "3|pypi\tclick\t>=8\t\t1\n4|pypi\trich\t\t\t1\n");
    scan_release(&s);

    scan(&s, "setup.cfg",
         "[metadata]\nname = x\n[options]\ninstall_requires =\n    attrs>=23\n    idna==3.10\n"
         "python_requires = >=3.9\n");
    assert_string_equal(s.facts.data, "5|pypi\tattrs\t>=23\t\t1\n6|pypi\tidna\t==3.10\t3.10\t1\n");
    scan_release(&s);
}

static void test_node(void **state)
{
    (void)state;
    struct scan s;
    scan(&s, "web/package.json",
         "{\n"
         "  \"dependencies\": {\n"
         "    \"a\": \"1.2.3\",\n"
         "    \"b\": \"*\",\n"
         "    \"c\": \"user/repo#v1\",\n"
         "    \"@scope/d\": \"npm:other@^1\",\n"
         "    \"e\": \"workspace:*\",\n"
         "    \"f\": \">=1.0.0 <2.0.0\"\n"
         "  },\n"
         "  \"devDependencies\": {\"g\": \"\"}\n"
         "}\n");
    assert_string_equal(s.findings.data,
                        "deps.no-version:4 deps.vcs-dependency:5 deps.no-version:10");
    scan_release(&s);

    scan(&s, "package.json", "{\"dependencies\": [1, 2]}");
    assert_string_equal(s.facts.data, "");
    scan_release(&s);
    scan(&s, "package.json", "{\"dependencies\": {\"a\": \"1\"");
    assert_string_equal(s.facts.data, "yaml.unparsed 1|not a valid JSON object\n");
    scan_release(&s);

    scan(&s, "yarn.lock",
         "# yarn lockfile v1\n\n\"@babel/core@^7.0.0\", \"@babel/core@^7.1.0\":\n"
         "  version \"7.26.0\"\n  resolved \"https://registry.example.com/core.tgz\"\n\n"
         "ms@2.1.3:\n  version \"2.1.3\"\n\n__metadata:\n  version: 6\n"
         "\"debug@npm:^4.3.0\":\n  version: 4.3.7\n");
    assert_string_equal(s.facts.data, "3|npm\t@babel/core\t7.26.0\t7.26.0\t0\n"
                                      "7|npm\tms\t2.1.3\t2.1.3\t0\n"
                                      "12|npm\tdebug\t4.3.7\t4.3.7\t0\n");
    scan_release(&s);
    scan(&s, "pnpm-lock.yaml",
         "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies: {}\npackages:\n"
         "  '@types/node@22.9.0':\n    resolution: {integrity: sha512-x}\n"
         "  /ms/2.1.3:\n    dev: false\n  react-dom@18.3.1(react@18.3.1):\n"
         "snapshots:\n  other@1.0.0:\n");
    assert_string_equal(s.facts.data, "6|npm\t@types/node\t22.9.0\t22.9.0\t0\n"
                                      "8|npm\tms\t2.1.3\t2.1.3\t0\n"
                                      "10|npm\treact-dom\t18.3.1\t18.3.1\t0\n");
    scan_release(&s);

    /* lockfileVersion 1 */
    scan(&s, "package-lock.json",
         "{\n  \"lockfileVersion\": 1,\n  \"dependencies\": {\n    \"ms\": {\"version\": "
         "\"2.1.3\"}\n"
         "  }\n}\n");
    assert_string_equal(s.facts.data, "4|npm\tms\t2.1.3\t2.1.3\t0\n");
    scan_release(&s);
}

static void test_json_lines(void **state)
{
    (void)state;
    struct arena arena;
    arena_init(&arena);
    const char *text = "{\"a\": {\"b\": 1,\n \"c\": {\"d\": [\n{\"e\": 2}]}},\n"
                       "\"s\": \"x\\\"y\",\n\"f\": {\"a\": 3}}";
    struct deps_json_lines *lines = deps_json_lines_build(&arena, text, strlen(text));
    assert_int_equal(deps_json_line(lines, NULL, "a", 0), 1);
    assert_int_equal(deps_json_line(lines, "a", "b", 0), 1);
    assert_int_equal(deps_json_line(lines, "a", "c", 0), 2);
    assert_int_equal(deps_json_line3(lines, "a", "c", "d", 0), 2);
    assert_int_equal(deps_json_line(lines, NULL, "s", 0), 4);
    assert_int_equal(deps_json_line(lines, "f", "a", 0), 5);
    /* Keys inside arrays are not paths. */
    assert_int_equal(deps_json_line(lines, "d", "e", -1), -1);
    assert_int_equal(deps_json_line(lines, "missing", "a", -1), -1);
    /* Truncated input ends the scan without reading past it. */
    lines = deps_json_lines_build(&arena, "{\"a\": \"unterminated", 19);
    assert_int_equal(deps_json_line(lines, NULL, "a", -1), 1);
    arena_destroy(&arena);
}

static void test_other(void **state)
{
    (void)state;
    struct scan s;
    scan(&s, "go.mod",
         "module x\n\nrequire (\n\tgithub.com/a/b v1.2.3\n\tgithub.com/c/d v0.1.0 // indirect\n)\n"
         "require example.com/e v2.0.0+incompatible\n");
    assert_string_equal(s.facts.data, "4|go\tgithub.com/a/b\tv1.2.3\tv1.2.3\t1\n"
                                      "5|go\tgithub.com/c/d\tv0.1.0\tv0.1.0\t0\n"
                                      "7|go\texample.com/e\tv2.0.0+incompatible\tv2.0.0+"
                                      "incompatible\t1\n"
                                      "deps.manifest 0|go\tgo.sum\n");
    scan_release(&s);

    /* A replaced module is built from elsewhere: no exact version for it,
     * whether the replace comes before or after the require. */
    scan(&s, "go.mod",
         "module x\n\nrequire (\n\tgithub.com/a/b v1.2.3\n\tgithub.com/f/g "
         "v0.0.0-20190718012654-fb15b899a751\n)\nreplace github.com/a/b => ../b\n"
         "replace (\n\tgithub.com/h/i v1.0.0 => github.com/h/j v1.0.1\n)\n");
    assert_string_equal(s.facts.data, "4|go\tgithub.com/a/b\tv1.2.3\t\t1\n"
                                      "5|go\tgithub.com/f/g\tv0.0.0-20190718012654-"
                                      "fb15b899a751\tv0.0.0-20190718012654-fb15b899a751\t1\n"
                                      "deps.manifest 0|go\tgo.sum\n");
    scan_release(&s);

    scan(&s, "Cargo.toml",
         "[package]\nname = \"x\"\n[target.'cfg(unix)'.dependencies]\nlibc = \"*\"\n"
         "[workspace.dependencies]\nserde = { version = \"=1.0.210\" }\n");
    assert_string_equal(s.findings.data, "deps.no-version:4");
    assert_string_equal(s.facts.data, "6|cargo\tserde\t=1.0.210\t1.0.210\t1\n"
                                      "4|cargo\tlibc\t*\t\t1\n"
                                      "deps.manifest 0|cargo\tCargo.lock\n");
    scan_release(&s);

    scan(&s, "Cargo.lock",
         "version = 3\n[[package]]\nname = \"x\"\nversion = \"0.1.0\"\n\n[[package]]\n"
         "name = \"libc\"\nversion = \"0.2.159\"\nsource = \"registry+https://example.com\"\n");
    assert_string_equal(s.facts.data, "7|cargo\tlibc\t0.2.159\t0.2.159\t0\n");
    scan_release(&s);

    scan(&s, "pom.xml",
         "<project>\n<dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId>\n"
         "<version>${a.version}</version></dependency>\n<dependency><groupId>g</groupId>\n"
         "<artifactId>b</artifactId><version>(,2.0]</version></dependency>\n"
         "</dependencies>\n</project>\n");
    assert_string_equal(s.findings.data, "deps.unpinned-version:6");
    assert_string_equal(s.facts.data,
                        "4|maven\tg:a\t${a.version}\t\t1\n6|maven\tg:b\t(,2.0]\t\t1\n");
    scan_release(&s);
    scan(&s, "pom.xml", "<!DOCTYPE x [<!ENTITY e \"boom\">]><project>&e;</project>");
    assert_string_equal(s.findings.data, "");
    assert_string_equal(
        s.facts.data,
        "yaml.unparsed 1|declares XML entities: refused (entity expansion attack?)\n");
    scan_release(&s);
    scan(&s, "app/build.gradle.kts",
         "dependencies {\n    implementation(\"g:a:latest.release\")\n    api 'g:b:2.0@aar'\n}\n");
    assert_string_equal(s.findings.data, "deps.no-version:2");
    assert_string_equal(s.facts.data,
                        "2|maven\tg:a\tlatest.release\t\t1\n3|maven\tg:b\t2.0\t2.0\t1\n");
    scan_release(&s);
    scan(&s, "src/Tool.fsproj",
         "<Project><ItemGroup><PackageReference Include=\"A\" Version=\"[1.0,2.0)\" />\n"
         "<PackageReference Update=\"B\" Version=\"*\" /></ItemGroup></Project>\n");
    assert_string_equal(s.findings.data, "");
    assert_string_equal(s.facts.data, "1|nuget\tA\t[1.0,2.0)\t\t1\n");
    scan_release(&s);

    scan(&s, "Gemfile", "gem 'rails', github: 'rails/rails'\ngem \"pg\", \">= 1.5\", \"< 2\"\n");
    assert_string_equal(s.findings.data, "deps.vcs-dependency:1");
    assert_string_equal(s.facts.data, "1|rubygems\trails\trails/rails\t\t1\n"
                                      "2|rubygems\tpg\t>= 1.5, < 2\t\t1\n"
                                      "deps.manifest 0|rubygems\tGemfile.lock\n");
    scan_release(&s);
}

/* ---- checks ---- */

struct check_run {
    struct arena arena;
    struct check_context context;
};

static void check_run(struct check_run *run, const struct check_file *files, size_t file_count,
                      const struct fact *facts, size_t fact_count, enum project_kind kind)
{
    arena_init(&run->arena);
    memset(&run->context, 0, sizeof(run->context));
    run->context.arena = &run->arena;
    run->context.files = files;
    run->context.file_count = file_count;
    run->context.facts = facts;
    run->context.fact_count = fact_count;
    run->context.kind = kind;
    check_family_dependencies.run(&run->context);
}

static const char *check_status(const struct check_run *run, const char *id)
{
    for (size_t i = 0; i < run->context.check_count; i++)
        if (strcmp(run->context.checks[i].id, id) == 0)
            return check_status_id(run->context.checks[i].status);
    return "absent";
}

static char *check_findings(const struct check_run *run)
{
    struct strbuf out = STRBUF_INIT;
    for (size_t i = 0; i < run->context.finding_count; i++) {
        const struct finding *finding = &run->context.findings[i];
        strbuf_printf(&out, "%s%s %s:%d", i ? " " : "", finding->rule->id,
                      finding->file ? finding->file : "-", finding->line);
    }
    return strbuf_detach(&out, NULL);
}

static void check_release(struct check_run *run)
{
    free(run->context.checks);
    free(run->context.findings);
    arena_destroy(&run->arena);
}

static void test_checks(void **state)
{
    (void)state;
    /* Sorted by path, as the audit hands them over. */
    static const struct check_file files[] = {
        {".github/dependabot.yml", "YAML", FILE_ROLE_CONFIG},
        {"package-lock.json", "JSON", FILE_ROLE_CONFIG},
        {"packages/web/package.json", "JSON", FILE_ROLE_CONFIG},
        {"svc/pyproject.toml", "TOML", FILE_ROLE_CONFIG},
    };
    static const struct fact facts[] = {
        {"deps.manifest", "packages/web/package.json", 0, "npm\tpackage-lock.json,yarn.lock"},
        {"deps.dependency", "requirements.txt", 3, "pypi\tPyYAML\t==6.0.1\t6.0.1\t1"},
        {"deps.dependency", "requirements.txt", 4, "pypi\tcrypto\t==1; os_name == 'nt'\t1\t1"},
        {"deps.dependency", "requirements/dev.txt", 2, "pypi\tpyyaml\t==6.0.2\t6.0.2\t1"},
        {"deps.dependency", "requirements/dev.txt", 3, "pypi\tcrypto\t==2\t2\t1"},
        {"deps.manifest", "svc/pyproject.toml", 0, "pypi\tpoetry.lock"},
        {"deps.dependency", "uv.lock", 9, "pypi\tpyyaml\t6.0.0\t6.0.0\t0"},
    };
    struct check_run run;
    check_run(&run, files, 4, facts, 7, PROJECT_KIND_SERVICE);
    char *findings = check_findings(&run);
    assert_string_equal(findings, "deps.no-lockfile svc/pyproject.toml:0 "
                                  "deps.conflicting-pins requirements/dev.txt:2");
    free(findings);
    assert_string_equal(check_status(&run, "dependencies.lockfile"), "fail");
    assert_string_equal(check_status(&run, "dependencies.update-automation"), "pass");
    assert_string_equal(check_status(&run, "dependencies.consistent-pins"), "fail");
    check_release(&run);

    /* A library needs no lockfile; without dependencies there is no check. */
    check_run(&run, files + 1, 3, facts + 5, 1, PROJECT_KIND_LIBRARY);
    findings = check_findings(&run);
    assert_string_equal(findings, "deps.no-update-automation -:0");
    free(findings);
    assert_string_equal(check_status(&run, "dependencies.lockfile"), "not-checked");
    assert_string_equal(check_status(&run, "dependencies.update-automation"), "fail");
    check_release(&run);
    check_run(&run, files, 4, NULL, 0, PROJECT_KIND_SERVICE);
    assert_int_equal(run.context.check_count, 0);
    assert_int_equal(run.context.finding_count, 0);
    check_release(&run);
    /* Only a lockfile: its dependencies are not declared here. */
    check_run(&run, files, 4, facts + 6, 1, PROJECT_KIND_SERVICE);
    assert_string_equal(check_status(&run, "dependencies.lockfile"), "not-checked");
    assert_string_equal(check_status(&run, "dependencies.update-automation"), "not-checked");
    assert_string_equal(check_status(&run, "dependencies.consistent-pins"), "not-checked");
    assert_int_equal(run.context.finding_count, 0);
    check_release(&run);
}

/* go.mod versions are exact (minimal version selection writes the selected
 * one): two modules of one repository requiring two versions disagree. */
static void test_go_pins(void **state)
{
    (void)state;
    static const struct check_file files[] = {
        {"a/go.mod", "Go", FILE_ROLE_CONFIG},
        {"a/go.sum", "Text", FILE_ROLE_CONFIG},
        {"b/go.mod", "Go", FILE_ROLE_CONFIG},
        {"b/go.sum", "Text", FILE_ROLE_CONFIG},
    };
    static const struct fact facts[] = {
        {"deps.dependency", "a/go.mod", 4, "go\tgithub.com/x/y\tv1.2.3\tv1.2.3\t1"},
        {"deps.dependency", "b/go.mod", 5, "go\tgithub.com/x/y\tv1.4.0\tv1.4.0\t1"},
        {"deps.dependency", "b/go.mod", 6, "go\tgithub.com/x/z\tv0.1.0\tv0.1.0\t0"},
    };
    struct check_run run;
    check_run(&run, files, 4, facts, 3, PROJECT_KIND_SERVICE);
    char *findings = check_findings(&run);
    assert_string_equal(findings, "deps.no-update-automation -:0 "
                                  "deps.conflicting-pins b/go.mod:5");
    free(findings);
    assert_string_equal(check_status(&run, "dependencies.consistent-pins"), "fail");
    check_release(&run);
}

/* A lockfile entry is direct when the manifest in its directory declares it
 * (poetry.lock and yarn.lock do not say). */
static void test_declared(void **state)
{
    (void)state;
    static const struct fact facts[] = {
        {"deps.dependency", "backend/pyproject.toml", 10, "pypi\tFastAPI\t^0.109.1\t\t1"},
        {"deps.dependency", "backend/poetry.lock", 563, "pypi\tfastapi\t0.109.2\t0.109.2\t0"},
        {"deps.dependency", "package.json", 7, "npm\tvalidator\t^13.0.0\t\t1"},
        {"deps.dependency", "package.json", 8, "npm\tleft-pad\t1.3.0\t1.3.0\t0"},
        {"deps.dependency", "go.mod", 5, "go\tgithub.com/x/y\tv1.0.0\tv1.0.0\t0"},
        {"deps.manifest", "package.json", 0, "npm\tyarn.lock"},
    };
    struct deps_declared *declared = deps_declared_build(facts, 6);
    assert_true(deps_declared_has(declared, "backend/poetry.lock", "pypi", "fastapi"));
    assert_true(deps_declared_has(declared, "backend/poetry.lock", "pypi", "Fast_API") == false);
    assert_true(deps_declared_has(declared, "backend/poetry.lock", "pypi", "fastAPI"));
    /* Another directory, another ecosystem, an undeclared package. */
    assert_false(deps_declared_has(declared, "poetry.lock", "pypi", "fastapi"));
    assert_false(deps_declared_has(declared, "backend/poetry.lock", "npm", "fastapi"));
    assert_false(deps_declared_has(declared, "backend/poetry.lock", "pypi", "starlette"));
    assert_true(deps_declared_has(declared, "yarn.lock", "npm", "validator"));
    assert_false(deps_declared_has(declared, "yarn.lock", "npm", "Validator"));
    /* Declared, but not as a direct dependency (a peer, an indirect). */
    assert_false(deps_declared_has(declared, "yarn.lock", "npm", "left-pad"));
    assert_false(deps_declared_has(declared, "go.sum", "go", "github.com/x/y"));
    deps_declared_free(declared);
    assert_true(deps_is_lockfile("web/yarn.lock"));
    assert_true(deps_is_lockfile("pnpm-lock.yaml"));
    assert_false(deps_is_lockfile("pyproject.toml"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_requirements), cmocka_unit_test(test_pyproject),
        cmocka_unit_test(test_node),         cmocka_unit_test(test_json_lines),
        cmocka_unit_test(test_other),        cmocka_unit_test(test_checks),
        cmocka_unit_test(test_go_pins),      cmocka_unit_test(test_declared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
