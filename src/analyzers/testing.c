/*
 * testing: what each file says about the project's tests, as facts with
 * file and line, for checks/testing.c and the test metrics:
 *
 *   testing.framework       a test framework in use (value: its name) — an
 *                           import, a configuration file or a dependency
 *   testing.cases           test definitions in the file (value: the count,
 *                           at the line of the first)
 *   testing.skip            one skipped or disabled test (value: the marker);
 *                           testing.skip-conditional for skipif/skipIf
 *   testing.kind            unit, integration, e2e, load, fuzz or property
 *                           (value), from the path, the name or the content
 *   testing.coverage-tool   something that measures coverage is configured
 *   testing.coverage-gate   a coverage threshold that fails the run
 *
 * Markers count only where a statement starts (after blanks) and, in the
 * languages src/analyzers/lexer.h knows, only when that start is code, so a
 * commented-out `@pytest.mark.skip` or one quoted in a docstring is silent.
 * This analyzer records facts only: it must not judge them.
 */
#include "analyzers/analyzer.h"
#include "analyzers/lexer.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>

enum { TESTING_MAX_SKIPS_PER_FILE = 1000 };

enum testing_family {
    TESTING_FAMILY_NONE,
    TESTING_FAMILY_PYTHON,
    TESTING_FAMILY_JS,
    TESTING_FAMILY_GO,
    TESTING_FAMILY_JVM,
    TESTING_FAMILY_RUBY,
    TESTING_FAMILY_RUST,
    TESTING_FAMILY_CSHARP,
    TESTING_FAMILY_PHP,
    TESTING_FAMILY_C,
};

/* What a marker means; one marker may be a case and a skip (`xit(`). */
enum {
    TESTING_CASE = 1u << 0,
    TESTING_SKIP = 1u << 1,
    TESTING_SKIP_CONDITIONAL = 1u << 2,
    TESTING_FRAMEWORK = 1u << 3,
    TESTING_KIND = 1u << 4,
};

struct testing_marker {
    enum testing_family family;
    const char *text;  /* what the statement starts with, or contains when `anywhere` */
    unsigned what;     /* TESTING_* bits */
    const char *value; /* framework, kind or skip marker */
    bool anywhere;
};

/* More markers than any one family has in the table below. */
enum { TESTING_MARKERS_PER_FAMILY_MAX = 64 };

/* Derived from each framework's own documentation of how a test is
 * declared, skipped or imported (the rule pack cites them). */
static const struct testing_marker testing_markers[] = {
    /* Python: pytest, unittest, hypothesis, atheris, Locust */
    {TESTING_FAMILY_PYTHON, "def test", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_PYTHON, "async def test", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_PYTHON, "@pytest.mark.skipif", TESTING_SKIP_CONDITIONAL, "pytest.mark.skipif",
     false},
    {TESTING_FAMILY_PYTHON, "@pytest.mark.skip", TESTING_SKIP, "pytest.mark.skip", false},
    {TESTING_FAMILY_PYTHON, "pytestmark = pytest.mark.skip", TESTING_SKIP, "pytestmark skip",
     false},
    {TESTING_FAMILY_PYTHON, "pytest.skip(", TESTING_SKIP, "pytest.skip()", false},
    {TESTING_FAMILY_PYTHON, "@unittest.skipIf", TESTING_SKIP_CONDITIONAL, "unittest.skipIf", false},
    {TESTING_FAMILY_PYTHON, "@unittest.skipUnless", TESTING_SKIP_CONDITIONAL, "unittest.skipUnless",
     false},
    {TESTING_FAMILY_PYTHON, "@unittest.skip", TESTING_SKIP, "unittest.skip", false},
    {TESTING_FAMILY_PYTHON, "self.skipTest(", TESTING_SKIP, "self.skipTest()", false},
    {TESTING_FAMILY_PYTHON, "import pytest", TESTING_FRAMEWORK, "pytest", false},
    {TESTING_FAMILY_PYTHON, "from pytest", TESTING_FRAMEWORK, "pytest", false},
    /* unittest.mock alone is a mocking library, not the test framework. */
    {TESTING_FAMILY_PYTHON, "(unittest.TestCase)", TESTING_FRAMEWORK, "unittest", true},
    {TESTING_FAMILY_PYTHON, "(unittest.IsolatedAsyncioTestCase)", TESTING_FRAMEWORK, "unittest",
     true},
    {TESTING_FAMILY_PYTHON, "from unittest import TestCase", TESTING_FRAMEWORK, "unittest", false},
    {TESTING_FAMILY_PYTHON, "from hypothesis", TESTING_KIND, "property", false},
    {TESTING_FAMILY_PYTHON, "import hypothesis", TESTING_KIND, "property", false},
    {TESTING_FAMILY_PYTHON, "import atheris", TESTING_KIND, "fuzz", false},
    {TESTING_FAMILY_PYTHON, "from locust", TESTING_KIND, "load", false},
    {TESTING_FAMILY_PYTHON, "import locust", TESTING_KIND, "load", false},
    /* Tests that drive the application through its HTTP interface in
     * process (FastAPI/Starlette TestClient, Django's test Client, Flask's
     * test_client) or against real services in containers (Testcontainers):
     * they test the parts together, not a unit. */
    {TESTING_FAMILY_PYTHON, "from fastapi.testclient import", TESTING_KIND, "integration", false},
    {TESTING_FAMILY_PYTHON, "from starlette.testclient import", TESTING_KIND, "integration", false},
    {TESTING_FAMILY_PYTHON, "from django.test import Client", TESTING_KIND, "integration", false},
    {TESTING_FAMILY_PYTHON, ".test_client()", TESTING_KIND, "integration", true},
    {TESTING_FAMILY_PYTHON, "from testcontainers", TESTING_KIND, "integration", false},
    {TESTING_FAMILY_PYTHON, "import testcontainers", TESTING_KIND, "integration", false},
    /* JavaScript/TypeScript: jest, vitest, mocha, Playwright, k6, fast-check */
    {TESTING_FAMILY_JS, "it(", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_JS, "test(", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_JS, "it.each", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_JS, "test.each", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_JS, "it.only(", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_JS, "test.only(", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_JS, "xit(", TESTING_CASE | TESTING_SKIP, "xit", false},
    {TESTING_FAMILY_JS, "xtest(", TESTING_CASE | TESTING_SKIP, "xtest", false},
    {TESTING_FAMILY_JS, "it.skip(", TESTING_CASE | TESTING_SKIP, "it.skip", false},
    {TESTING_FAMILY_JS, "test.skip(", TESTING_CASE | TESTING_SKIP, "test.skip", false},
    {TESTING_FAMILY_JS, "xdescribe(", TESTING_SKIP, "xdescribe", false},
    {TESTING_FAMILY_JS, "describe.skip(", TESTING_SKIP, "describe.skip", false},
    {TESTING_FAMILY_JS, "context.skip(", TESTING_SKIP, "context.skip", false},
    {TESTING_FAMILY_JS, "'vitest'", TESTING_FRAMEWORK, "vitest", true},
    {TESTING_FAMILY_JS, "\"vitest\"", TESTING_FRAMEWORK, "vitest", true},
    {TESTING_FAMILY_JS, "@jest/globals", TESTING_FRAMEWORK, "jest", true},
    {TESTING_FAMILY_JS, "jest.mock(", TESTING_FRAMEWORK, "jest", true},
    {TESTING_FAMILY_JS, "jest.fn(", TESTING_FRAMEWORK, "jest", true},
    {TESTING_FAMILY_JS, "'mocha'", TESTING_FRAMEWORK, "mocha", true},
    {TESTING_FAMILY_JS, "@playwright/test", TESTING_KIND, "e2e", true},
    {TESTING_FAMILY_JS, "cy.visit(", TESTING_KIND, "e2e", true},
    {TESTING_FAMILY_JS, "k6/http", TESTING_KIND, "load", true},
    {TESTING_FAMILY_JS, "fast-check", TESTING_KIND, "property", true},
    /* supertest drives an HTTP app in process; Testcontainers starts real
     * services. */
    {TESTING_FAMILY_JS, "require('supertest')", TESTING_KIND, "integration", true},
    {TESTING_FAMILY_JS, "require(\"supertest\")", TESTING_KIND, "integration", true},
    {TESTING_FAMILY_JS, "from 'supertest'", TESTING_KIND, "integration", true},
    {TESTING_FAMILY_JS, "from \"supertest\"", TESTING_KIND, "integration", true},
    {TESTING_FAMILY_JS, "@testcontainers/", TESTING_KIND, "integration", true},
    {TESTING_FAMILY_JS, "'testcontainers'", TESTING_KIND, "integration", true},
    {TESTING_FAMILY_JS, "\"testcontainers\"", TESTING_KIND, "integration", true},
    /* Go: go test */
    {TESTING_FAMILY_GO, "func Test", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_GO, "func Fuzz", TESTING_CASE | TESTING_KIND, "fuzz", false},
    {TESTING_FAMILY_GO, "t.Skip(", TESTING_SKIP, "t.Skip", false},
    {TESTING_FAMILY_GO, "t.Skipf(", TESTING_SKIP, "t.Skipf", false},
    {TESTING_FAMILY_GO, "t.SkipNow(", TESTING_SKIP, "t.SkipNow", false},
    {TESTING_FAMILY_GO, "\"testing\"", TESTING_FRAMEWORK, "go test", false},
    {TESTING_FAMILY_GO, "import \"testing\"", TESTING_FRAMEWORK, "go test", false},
    {TESTING_FAMILY_GO, "\"pgregory.net/rapid\"", TESTING_KIND, "property", false},
    {TESTING_FAMILY_GO, "\"github.com/testcontainers/testcontainers-go", TESTING_KIND,
     "integration", true},
    /* Java, Kotlin, Scala: JUnit, TestNG, Gatling, jqwik, Jazzer */
    {TESTING_FAMILY_JVM, "@Test", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_JVM, "@ParameterizedTest", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_JVM, "@Disabled", TESTING_SKIP, "@Disabled", false},
    {TESTING_FAMILY_JVM, "@Ignore", TESTING_SKIP, "@Ignore", false},
    {TESTING_FAMILY_JVM, "import org.junit.jupiter", TESTING_FRAMEWORK, "JUnit 5", false},
    {TESTING_FAMILY_JVM, "import org.junit.", TESTING_FRAMEWORK, "JUnit", false},
    {TESTING_FAMILY_JVM, "import org.testng", TESTING_FRAMEWORK, "TestNG", false},
    {TESTING_FAMILY_JVM, "import io.gatling", TESTING_KIND, "load", false},
    {TESTING_FAMILY_JVM, "import net.jqwik", TESTING_KIND, "property", false},
    {TESTING_FAMILY_JVM, "@FuzzTest", TESTING_CASE | TESTING_KIND, "fuzz", false},
    /* Spring Boot's integration tests start the application context. */
    {TESTING_FAMILY_JVM, "@SpringBootTest", TESTING_KIND, "integration", false},
    {TESTING_FAMILY_JVM, "import org.testcontainers", TESTING_KIND, "integration", false},
    /* Ruby: RSpec, minitest */
    {TESTING_FAMILY_RUBY, "it \"", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_RUBY, "it '", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_RUBY, "it {", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_RUBY, "specify ", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_RUBY, "def test_", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_RUBY, "test \"", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_RUBY, "xit ", TESTING_CASE | TESTING_SKIP, "xit", false},
    {TESTING_FAMILY_RUBY, "xdescribe ", TESTING_SKIP, "xdescribe", false},
    {TESTING_FAMILY_RUBY, "skip ", TESTING_SKIP, "skip", false},
    {TESTING_FAMILY_RUBY, "RSpec.describe", TESTING_FRAMEWORK, "RSpec", false},
    {TESTING_FAMILY_RUBY, "require \"rspec", TESTING_FRAMEWORK, "RSpec", false},
    {TESTING_FAMILY_RUBY, "require 'rspec", TESTING_FRAMEWORK, "RSpec", false},
    {TESTING_FAMILY_RUBY, "require \"minitest", TESTING_FRAMEWORK, "minitest", false},
    {TESTING_FAMILY_RUBY, "require 'minitest", TESTING_FRAMEWORK, "minitest", false},
    /* Rust: cargo test, proptest, quickcheck, cargo-fuzz */
    {TESTING_FAMILY_RUST, "#[test]", TESTING_CASE | TESTING_FRAMEWORK, "cargo test", false},
    {TESTING_FAMILY_RUST, "#[tokio::test", TESTING_CASE | TESTING_FRAMEWORK, "cargo test", false},
    {TESTING_FAMILY_RUST, "#[ignore", TESTING_SKIP, "#[ignore]", false},
    {TESTING_FAMILY_RUST, "proptest!", TESTING_KIND, "property", false},
    {TESTING_FAMILY_RUST, "use proptest", TESTING_KIND, "property", false},
    {TESTING_FAMILY_RUST, "use quickcheck", TESTING_KIND, "property", false},
    {TESTING_FAMILY_RUST, "fuzz_target!", TESTING_KIND, "fuzz", false},
    /* C#: xUnit, NUnit, MSTest */
    {TESTING_FAMILY_CSHARP, "[Fact(Skip", TESTING_CASE | TESTING_SKIP, "[Fact(Skip)]", false},
    {TESTING_FAMILY_CSHARP, "[Theory(Skip", TESTING_CASE | TESTING_SKIP, "[Theory(Skip)]", false},
    {TESTING_FAMILY_CSHARP, "[Fact", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_CSHARP, "[Theory", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_CSHARP, "[Test]", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_CSHARP, "[TestCase", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_CSHARP, "[TestMethod", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_CSHARP, "[Ignore", TESTING_SKIP, "[Ignore]", false},
    {TESTING_FAMILY_CSHARP, "using Xunit", TESTING_FRAMEWORK, "xUnit", false},
    {TESTING_FAMILY_CSHARP, "using NUnit", TESTING_FRAMEWORK, "NUnit", false},
    {TESTING_FAMILY_CSHARP, "using Microsoft.VisualStudio.TestTools", TESTING_FRAMEWORK, "MSTest",
     false},
    /* ASP.NET Core's integration tests host the app in WebApplicationFactory. */
    {TESTING_FAMILY_CSHARP, "WebApplicationFactory<", TESTING_KIND, "integration", true},
    {TESTING_FAMILY_CSHARP, "using Testcontainers", TESTING_KIND, "integration", false},
    /* PHP: PHPUnit */
    {TESTING_FAMILY_PHP, "public function test", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_PHP, "$this->markTestSkipped(", TESTING_SKIP, "markTestSkipped", false},
    {TESTING_FAMILY_PHP, "PHPUnit\\Framework", TESTING_FRAMEWORK, "PHPUnit", true},
    /* C and C++: GoogleTest, cmocka, libFuzzer */
    {TESTING_FAMILY_C, "TEST(", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_C, "TEST_F(", TESTING_CASE, NULL, false},
    {TESTING_FAMILY_C, "#include <gtest/", TESTING_FRAMEWORK, "GoogleTest", false},
    {TESTING_FAMILY_C, "#include <cmocka.h>", TESTING_FRAMEWORK, "cmocka", false},
    {TESTING_FAMILY_C, "cmocka_unit_test(", TESTING_CASE, NULL, false},
    /* The definition, not a mention: C has no lexer to tell strings apart. */
    {TESTING_FAMILY_C, "int LLVMFuzzerTestOneInput(", TESTING_KIND, "fuzz", false},
    {TESTING_FAMILY_C, "extern \"C\" int LLVMFuzzerTestOneInput(", TESTING_KIND, "fuzz", false},
};

/* Build, configuration and CI files: frameworks named as dependencies or
 * configured, coverage tools and coverage gates. Matched anywhere in a line. */
struct testing_config_needle {
    const char *text;
    unsigned what; /* TESTING_FRAMEWORK or TESTING_KIND, or 0 for a coverage tool */
    const char *value;
};

static const struct testing_config_needle testing_config_needles[] = {
    {"[tool.pytest.ini_options]", TESTING_FRAMEWORK, "pytest"},
    {"[tool:pytest]", TESTING_FRAMEWORK, "pytest"},
    {"[pytest]", TESTING_FRAMEWORK, "pytest"},
    {"pytest", TESTING_FRAMEWORK, "pytest"},
    {"hypothesis", TESTING_KIND, "property"},
    {"locust", TESTING_KIND, "load"},
    {"\"jest\":", TESTING_FRAMEWORK, "jest"},
    {"\"vitest\":", TESTING_FRAMEWORK, "vitest"},
    {"\"mocha\":", TESTING_FRAMEWORK, "mocha"},
    {"\"@playwright/test\":", TESTING_KIND, "e2e"},
    {"\"cypress\":", TESTING_KIND, "e2e"},
    {"\"artillery\":", TESTING_KIND, "load"},
    {"\"fast-check\":", TESTING_KIND, "property"},
    {"junit-jupiter", TESTING_FRAMEWORK, "JUnit 5"},
    {"<artifactId>junit</artifactId>", TESTING_FRAMEWORK, "JUnit"},
    {"<artifactId>testng</artifactId>", TESTING_FRAMEWORK, "TestNG"},
    {"gatling", TESTING_KIND, "load"},
    {"phpunit/phpunit", TESTING_FRAMEWORK, "PHPUnit"},
    {"Include=\"xunit\"", TESTING_FRAMEWORK, "xUnit"},
    {"Include=\"NUnit\"", TESTING_FRAMEWORK, "NUnit"},
    {"gem \"rspec", TESTING_FRAMEWORK, "RSpec"},
    {"gem 'rspec", TESTING_FRAMEWORK, "RSpec"},
    {"gem \"minitest", TESTING_FRAMEWORK, "minitest"},
    {"gem 'minitest", TESTING_FRAMEWORK, "minitest"},
    /* coverage tools */
    {"pytest-cov", 0, "pytest-cov"},
    {"--cov=", 0, "pytest-cov"},
    {"--cov ", 0, "pytest-cov"},
    {"coverage run", 0, "coverage.py"},
    {"[tool.coverage", 0, "coverage.py"},
    {"[coverage:", 0, "coverage.py"},
    {"--coverage", 0, "--coverage"},
    {"collectCoverage", 0, "jest"},
    {"\"nyc\"", 0, "nyc"},
    {"\"c8\"", 0, "c8"},
    {"@vitest/coverage", 0, "vitest coverage"},
    {"-coverprofile", 0, "go test -coverprofile"},
    {"jacoco", 0, "JaCoCo"},
    {"simplecov", 0, "SimpleCov"},
    {"coverlet", 0, "coverlet"},
    {"tarpaulin", 0, "cargo-tarpaulin"},
    {"llvm-cov", 0, "llvm-cov"},
    {"gcovr", 0, "gcovr"},
    {"kover", 0, "Kover"},
};

enum {
    TESTING_CONFIG_NEEDLE_COUNT = sizeof(testing_config_needles) / sizeof(*testing_config_needles)
};

/* The first occurrence of `needle` that starts at or after `from` and ends
 * by `line_end`, or NULL. `*cache` holds the first occurrence at or after
 * an earlier `from` (NULL: not searched yet; `file_end`: none left), so a
 * file is searched once per needle instead of once per line and needle.
 * An occurrence that runs past the line hides no other in it: any later
 * one starts later and ends later still. */
static const char *testing_find_in_line(const char **cache, const char *from, const char *line_end,
                                        const char *file_end, const char *needle,
                                        size_t needle_length)
{
    if (!*cache || (*cache != file_end && *cache < from)) {
        *cache = text_find(from, (size_t)(file_end - from), needle, needle_length);
        if (!*cache)
            *cache = file_end;
    }
    if (*cache == file_end || *cache >= line_end || (size_t)(line_end - *cache) < needle_length)
        return NULL;
    return *cache;
}

static enum testing_family testing_family_of(const struct language *language)
{
    static const struct {
        const char *name;
        enum testing_family family;
    } families[] = {
        {"Python", TESTING_FAMILY_PYTHON}, {"JavaScript", TESTING_FAMILY_JS},
        {"TypeScript", TESTING_FAMILY_JS}, {"JSX", TESTING_FAMILY_JS},
        {"Go", TESTING_FAMILY_GO},         {"Java", TESTING_FAMILY_JVM},
        {"Kotlin", TESTING_FAMILY_JVM},    {"Scala", TESTING_FAMILY_JVM},
        {"Groovy", TESTING_FAMILY_JVM},    {"Ruby", TESTING_FAMILY_RUBY},
        {"Rust", TESTING_FAMILY_RUST},     {"C#", TESTING_FAMILY_CSHARP},
        {"PHP", TESTING_FAMILY_PHP},       {"C", TESTING_FAMILY_C},
        {"C++", TESTING_FAMILY_C},         {"C/C++ Header", TESTING_FAMILY_C},
    };
    for (size_t i = 0; language && i < sizeof(families) / sizeof(*families); i++)
        if (strcmp(language->name, families[i].name) == 0)
            return families[i].family;
    return TESTING_FAMILY_NONE;
}

/* Source files are only read when they may hold what source can hold:
 * Rust's inline tests, load, fuzz and property-based tests. */
static bool testing_source_worth_reading(const struct source_file *file, enum testing_family family)
{
    static const struct {
        enum testing_family family;
        const char *needle;
    } needles[] = {
        {TESTING_FAMILY_PYTHON, "locust"},
        {TESTING_FAMILY_PYTHON, "atheris"},
        {TESTING_FAMILY_PYTHON, "hypothesis"},
        {TESTING_FAMILY_JS, "k6/http"},
        {TESTING_FAMILY_JS, "fast-check"},
        {TESTING_FAMILY_JVM, "gatling"},
        {TESTING_FAMILY_JVM, "jqwik"},
        {TESTING_FAMILY_JVM, "@FuzzTest"},
        {TESTING_FAMILY_C, "LLVMFuzzerTestOneInput"},
        {TESTING_FAMILY_RUST, "#["},
        {TESTING_FAMILY_RUST, "proptest"},
        {TESTING_FAMILY_RUST, "quickcheck"},
        {TESTING_FAMILY_RUST, "fuzz_target!"},
    };
    for (size_t i = 0; i < sizeof(needles) / sizeof(*needles); i++)
        if (needles[i].family == family &&
            text_find(file->content, file->length, needles[i].needle, strlen(needles[i].needle)))
            return true;
    return false;
}

static bool testing_is_config_like(enum file_role role)
{
    return role == FILE_ROLE_BUILD || role == FILE_ROLE_CONFIG || role == FILE_ROLE_CI;
}

/* Whether one of the directories of `path` is `name` (ASCII case-insensitive). */
static bool testing_has_dir(const char *path, const char *const *names)
{
    const char *base = text_basename(path);
    for (const char *start = path; start < base;) {
        const char *slash = memchr(start, '/', (size_t)(base - start));
        if (!slash)
            break;
        for (const char *const *name = names; *name; name++)
            if (text_equals_nocase(start, (size_t)(slash - start), *name))
                return true;
        start = slash + 1;
    }
    return false;
}

/* Test data (fixtures, fuzz corpora, testdata/) holds other projects'
 * files: their tests and settings are not this project's. */
static bool testing_is_test_data(const char *path)
{
    static const char *const dirs[] = {"fixtures",  "fixture", "testdata",      "test_data",
                                       "test-data", "corpus",  "__snapshots__", NULL};
    return testing_has_dir(path, dirs);
}

static bool testing_is_shell(const struct source_file *file)
{
    return language_is_shell(file->language);
}

/* Configuration files that configure tests, coverage or builds, and the
 * shell scripts named for tests or coverage; other YAML and JSON (a rule
 * pack quoting `--cov-fail-under`) are not read. */
static bool testing_config_worth_reading(const struct source_file *file)
{
    if (file->role == FILE_ROLE_BUILD || file->role == FILE_ROLE_CI)
        return true;
    static const char *const prefixes[] = {
        "pytest.ini",     "tox.ini",     "setup.cfg",   ".coveragerc",
        ".nycrc",         ".c8rc",       "jest.config", "vitest.config.",
        ".mocharc",       "karma.conf.", "cypress.",    "playwright.config.",
        ".testcoverage.", "codecov.",    ".codecov.",   "phpunit.xml",
        ".rspec",         "locustfile",  NULL};
    const char *base = text_basename(file->path);
    for (size_t i = 0; prefixes[i]; i++)
        if (strncmp(base, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    size_t length = strlen(base);
    if (length > 4 && strcmp(base + length - 4, ".jmx") == 0) /* a JMeter test plan */
        return true;
    /* The script CI calls to run the tests (scripts/test.sh running
     * `coverage run -m pytest`) holds the test and coverage commands. */
    return testing_is_shell(file) &&
           (text_contains_nocase(base, "test") || text_contains_nocase(base, "cov"));
}

static bool testing_is_artillery(const struct source_file *file)
{
    return file->language && strcmp(file->language->name, "YAML") == 0 &&
           text_find(file->content, file->length, "\nscenarios:", 11) &&
           (strncmp(file->content, "config:", 7) == 0 ||
            text_find(file->content, file->length, "\nconfig:", 8));
}

static bool testing_applies(const struct source_file *file)
{
    if (testing_is_test_data(file->path))
        return false;
    if (file->role == FILE_ROLE_TEST || testing_config_worth_reading(file) ||
        (file->role == FILE_ROLE_CONFIG && testing_is_artillery(file)))
        return true;
    enum testing_family family = testing_family_of(file->language);
    return file->role == FILE_ROLE_SOURCE && family != TESTING_FAMILY_NONE &&
           testing_source_worth_reading(file, family);
}

/* Per-file state: each framework and kind is recorded once per file. */
struct testing_state {
    const char *seen[32];
    size_t seen_count;
    size_t cases;
    int first_case_line;
    size_t skips;
    struct lexer_spans spans;
    bool lexed;
    enum lexer_language lexer;
};

static void testing_once(struct testing_state *state, struct analysis *analysis, const char *key,
                         int line, const char *value)
{
    /* Keys and values are static strings: compare the pair of pointers. */
    for (size_t i = 0; i + 1 < state->seen_count; i += 2)
        if (state->seen[i] == key && state->seen[i + 1] == value)
            return;
    if (state->seen_count + 2 <= sizeof(state->seen) / sizeof(*state->seen)) {
        state->seen[state->seen_count++] = key;
        state->seen[state->seen_count++] = value;
    }
    analysis_add_fact(analysis, key, line, value);
}

static bool testing_has_kind(const struct testing_state *state)
{
    for (size_t i = 0; i + 1 < state->seen_count; i += 2)
        if (strcmp(state->seen[i], "testing.kind") == 0)
            return true;
    return false;
}

static bool testing_is_code(struct testing_state *state, const struct source_file *file,
                            size_t offset)
{
    if (state->lexer == LEXER_NONE)
        return true;
    if (!state->lexed) {
        lexer_lex(state->lexer, file->content, file->length, &state->spans);
        state->lexed = true;
    }
    return lexer_span_at(&state->spans, offset) == NULL;
}

/* One line records at most one case and one skip: the table lists the
 * specific markers first ("@pytest.mark.skipif" before "@pytest.mark.skip",
 * "[Fact(Skip" before "[Fact"). */
struct testing_line {
    bool case_recorded, skip_recorded;
};

static void testing_record(struct testing_state *state, struct analysis *analysis,
                           const struct testing_marker *marker, int line,
                           struct testing_line *recorded)
{
    if ((marker->what & TESTING_CASE) && !recorded->case_recorded) {
        recorded->case_recorded = true;
        if (!state->cases++)
            state->first_case_line = line;
    }
    if ((marker->what & (TESTING_SKIP | TESTING_SKIP_CONDITIONAL)) && !recorded->skip_recorded) {
        recorded->skip_recorded = true;
        if (state->skips++ < TESTING_MAX_SKIPS_PER_FILE)
            analysis_add_fact(analysis,
                              (marker->what & TESTING_SKIP) ? "testing.skip"
                                                            : "testing.skip-conditional",
                              line, marker->value);
    }
    if (marker->what & TESTING_FRAMEWORK)
        testing_once(state, analysis, "testing.framework", line, marker->value);
    if (marker->what & TESTING_KIND)
        testing_once(state, analysis, "testing.kind", line, marker->value);
}

static void testing_scan_code(const struct source_file *file, struct analysis *analysis,
                              struct testing_state *state, enum testing_family family)
{
    /* The table is grouped by family: find this family's run once. */
    const size_t marker_count = sizeof(testing_markers) / sizeof(*testing_markers);
    size_t first = 0;
    while (first < marker_count && testing_markers[first].family != family)
        first++;
    size_t last = first;
    while (last < marker_count && testing_markers[last].family == family)
        last++;
    if (last - first > TESTING_MARKERS_PER_FAMILY_MAX)
        last = first + TESTING_MARKERS_PER_FAMILY_MAX; /* cannot happen: see the enum */
    const char *content = file->content;
    const char *const end = content + file->length;
    const char *next[TESTING_MARKERS_PER_FAMILY_MAX] = {NULL}; /* testing_find_in_line */
    int line = 1;
    for (size_t start = 0; start < file->length; line++) {
        const char *text = content + start;
        const char *newline = memchr(text, '\n', file->length - start);
        size_t length = newline ? (size_t)(newline - text) : file->length - start;
        size_t blank = 0;
        while (blank < length && (text[blank] == ' ' || text[blank] == '\t'))
            blank++;
        const char *statement = text + blank;
        size_t rest = length - blank;
        bool code_checked = false, code = false;
        struct testing_line recorded = {false, false};
        for (size_t i = first; rest && i < last; i++) {
            const struct testing_marker *marker = &testing_markers[i];
            size_t marker_length = strlen(marker->text);
            bool hit =
                marker->anywhere
                    ? testing_find_in_line(&next[i - first], statement, statement + rest, end,
                                           marker->text, marker_length) != NULL
                    : rest >= marker_length && memcmp(statement, marker->text, marker_length) == 0;
            if (!hit)
                continue;
            if (!code_checked) {
                code = testing_is_code(state, file, (size_t)(statement - content));
                code_checked = true;
            }
            if (!code)
                break;
            testing_record(state, analysis, marker, line, &recorded);
        }
        start += length + 1;
    }
}

static bool testing_name_contains(const char *base, const char *word)
{
    size_t length = strlen(word), base_length = strlen(base);
    for (size_t i = 0; i + length <= base_length; i++)
        if (text_equals_nocase(base + i, length, word))
            return true;
    return false;
}

/* The kind a test file's path says, or NULL. */
static const char *testing_kind_from_path(const char *path)
{
    static const char *const integration[] = {
        "integration", "integration_tests", "integration-tests", "integrationtests", "it", NULL};
    static const char *const e2e[] = {"e2e",        "end-to-end", "end2end",          "cypress",
                                      "playwright", "acceptance", "acceptance_tests", "features",
                                      NULL};
    static const char *const load[] = {"load",       "loadtest", "loadtests",   "load-tests",
                                       "load_tests", "perf",     "performance", "stress",
                                       "k6",         "locust",   "gatling",     NULL};
    static const char *const fuzz[] = {"fuzz", "fuzzing", "fuzzers", NULL};
    static const char *const unit[] = {"unit", "unit_tests", "unittests", "unit-tests", NULL};
    const char *base = text_basename(path);
    if (testing_has_dir(path, e2e) || testing_name_contains(base, "e2e") ||
        testing_name_contains(base, "end_to_end"))
        return "e2e";
    if (testing_has_dir(path, integration) || testing_name_contains(base, "integration"))
        return "integration";
    /* Maven Failsafe runs *IT classes as integration tests. */
    const char *dot = strrchr(base, '.');
    if (dot && dot - base > 2 && dot[-2] == 'I' && dot[-1] == 'T' && dot[-3] >= 'a' &&
        dot[-3] <= 'z')
        return "integration";
    if (testing_has_dir(path, load))
        return "load";
    if (testing_has_dir(path, fuzz))
        return "fuzz";
    if (testing_has_dir(path, unit))
        return "unit";
    return NULL;
}

/* Files whose name alone says what they are. */
static void testing_by_name(const struct source_file *file, struct analysis *analysis,
                            struct testing_state *state)
{
    const char *base = text_basename(file->path);
    static const struct {
        const char *prefix;
        const char *key;
        const char *value;
    } names[] = {
        {"conftest.py", "testing.framework", "pytest"},
        {"pytest.ini", "testing.framework", "pytest"},
        {"jest.config.", "testing.framework", "jest"},
        {"vitest.config.", "testing.framework", "vitest"},
        {".mocharc", "testing.framework", "mocha"},
        {"karma.conf.", "testing.framework", "karma"},
        {".rspec", "testing.framework", "RSpec"},
        {"phpunit.xml", "testing.framework", "PHPUnit"},
        {"cypress.config.", "testing.kind", "e2e"},
        {"cypress.json", "testing.kind", "e2e"},
        {"playwright.config.", "testing.kind", "e2e"},
        {"locustfile", "testing.kind", "load"},
        {".coveragerc", "testing.coverage-tool", "coverage.py"},
        {".nycrc", "testing.coverage-tool", "nyc"},
        {".c8rc", "testing.coverage-tool", "c8"},
        {".testcoverage.yml", "testing.coverage-tool", "go-test-coverage"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
        if (strncmp(base, names[i].prefix, strlen(names[i].prefix)) == 0)
            testing_once(state, analysis, names[i].key, 1, names[i].value);
    size_t length = strlen(base);
    if (length > 4 && strcmp(base + length - 4, ".jmx") == 0)
        testing_once(state, analysis, "testing.kind", 1, "load");
}

/* A number from 1 to 100 follows `at` on the line (after '=', ':', blanks). */
static bool testing_threshold_follows(const char *at, const char *end)
{
    while (at < end && (*at == ' ' || *at == '=' || *at == ':' || *at == '"' || *at == '\''))
        at++;
    return at < end && *at >= '1' && *at <= '9';
}

/* Lockfiles name every transitive package: a test tool there says nothing
 * about what the project itself uses. */
static bool testing_is_lockfile(const char *base)
{
    static const char *const suffixes[] = {".lock",     ".lockb", "-lock.json", "-lock.yaml",
                                           "lock.json", "go.sum", NULL};
    size_t length = strlen(base);
    for (size_t i = 0; suffixes[i]; i++) {
        size_t suffix_length = strlen(suffixes[i]);
        if (length >= suffix_length && strcmp(base + length - suffix_length, suffixes[i]) == 0)
            return true;
    }
    return false;
}

static void testing_scan_config(const struct source_file *file, struct analysis *analysis,
                                struct testing_state *state)
{
    const char *base = text_basename(file->path);
    if (testing_is_lockfile(base))
        return;
    bool jacoco = text_find(file->content, file->length, "jacoco", 6) != NULL;
    bool go_gate =
        strcmp(base, ".testcoverage.yml") == 0 || strcmp(base, ".testcoverage.yaml") == 0;
    /* Artillery: a YAML script with top-level config: and scenarios:. */
    bool artillery = testing_is_artillery(file);
    bool needles = testing_config_worth_reading(file);
    const char *const file_end = file->content + file->length;
    /* testing_find_in_line's caches: the config needles, then the gates. */
    const char *next[TESTING_CONFIG_NEEDLE_COUNT] = {NULL};
    const char *next_gate = NULL, *next_check = NULL, *next_minimum = NULL, *next_threshold = NULL;
    int line = 1;
    for (size_t start = 0; start < file->length; line++) {
        const char *text = file->content + start;
        const char *newline = memchr(text, '\n', file->length - start);
        size_t length = newline ? (size_t)(newline - text) : file->length - start;
        const char *end = text + length;
        size_t blank = 0;
        while (blank < length && (text[blank] == ' ' || text[blank] == '\t'))
            blank++;
        /* Comments in YAML, TOML, INI and shell start with '#' or ';'. */
        if (needles && blank < length && text[blank] != '#' && text[blank] != ';') {
            for (size_t i = 0; i < sizeof(testing_config_needles) / sizeof(*testing_config_needles);
                 i++) {
                const struct testing_config_needle *needle = &testing_config_needles[i];
                if (!testing_find_in_line(&next[i], text, end, file_end, needle->text,
                                          strlen(needle->text)))
                    continue;
                const char *key = needle->what == TESTING_FRAMEWORK ? "testing.framework"
                                  : needle->what == TESTING_KIND    ? "testing.kind"
                                                                    : "testing.coverage-tool";
                testing_once(state, analysis, key, line, needle->value);
            }
            const char *gate =
                testing_find_in_line(&next_gate, text, end, file_end, "--cov-fail-under", 16);
            if (gate && testing_threshold_follows(gate + 16, end))
                analysis_add_fact(analysis, "testing.coverage-gate", line,
                                  analysis_line_text(analysis, file, line));
            const char *check =
                testing_find_in_line(&next_check, text, end, file_end, "check-coverage", 14);
            if (check && (text_find(check, (size_t)(end - check), "true", 4) ||
                          (check > text && check[-1] == '-')))
                analysis_add_fact(analysis, "testing.coverage-gate", line,
                                  analysis_line_text(analysis, file, line));
            const char *minimum =
                testing_find_in_line(&next_minimum, text, end, file_end, "<minimum>", 9);
            if (jacoco && minimum && testing_threshold_follows(minimum + 9, end))
                analysis_add_fact(analysis, "testing.coverage-gate", line,
                                  analysis_line_text(analysis, file, line));
            const char *threshold =
                testing_find_in_line(&next_threshold, text, end, file_end, "total:", 6);
            if (go_gate && threshold && testing_threshold_follows(threshold + 6, end))
                analysis_add_fact(analysis, "testing.coverage-gate", line,
                                  analysis_line_text(analysis, file, line));
        }
        if (artillery && length >= 10 && memcmp(text, "scenarios:", 10) == 0)
            testing_once(state, analysis, "testing.kind", line, "load");
        start += length + 1;
    }
}

static void testing_run(const struct source_file *file, struct analysis *analysis)
{
    struct testing_state state = {0};
    enum testing_family family = testing_family_of(file->language);
    testing_by_name(file, analysis, &state);
    if (testing_is_config_like(file->role) ||
        (testing_is_shell(file) && testing_config_worth_reading(file))) {
        testing_scan_config(file, analysis, &state);
        return;
    }
    if (family == TESTING_FAMILY_NONE)
        return;
    state.lexer = lexer_language_for(file->language->name);
    /* Go's testing package only runs functions in _test.go files. */
    size_t path_length = strlen(file->path);
    if (family == TESTING_FAMILY_GO &&
        (path_length < 8 || strcmp(file->path + path_length - 8, "_test.go") != 0))
        return;
    testing_scan_code(file, analysis, &state, family);
    if (state.cases)
        analysis_add_fact(analysis, "testing.cases", state.first_case_line,
                          arena_printf(analysis->arena, "%zu test definition%s", state.cases,
                                       state.cases == 1 ? "" : "s"));
    if (file->role == FILE_ROLE_TEST || state.cases) {
        const char *kind = testing_kind_from_path(file->path);
        if (kind)
            testing_once(&state, analysis, "testing.kind",
                         state.first_case_line ? state.first_case_line : 1, kind);
        else if (state.cases && !testing_has_kind(&state))
            testing_once(&state, analysis, "testing.kind", state.first_case_line, "unit");
    }
    lexer_spans_release(&state.spans);
}

const struct analyzer analyzer_testing = {
    .name = "testing",
    .applies = testing_applies,
    .run = testing_run,
};
