/*
 * test_version_order: unit tests of advisories/version_order.h. For each
 * ecosystem, a list sorted by the ecosystem's own specification examples
 * is checked pairwise (every i < j gives LESS one way and GREATER the
 * other), then groups of spellings that must compare EQUAL, then strings
 * the grammar refuses, then OSV ecosystem names.
 *
 * Every version is copied into a heap buffer of exactly its length plus the
 * NUL, so a sanitizer build catches any read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "advisories/version_order.h"

static char *copy_exact(const char *text)
{
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    memcpy(copy, text, length + 1);
    return copy;
}

static enum version_order_result compare_copies(const char *ecosystem, const char *left,
                                                const char *right)
{
    char *a = copy_exact(left), *b = copy_exact(right);
    enum version_order_result result = version_order_compare(ecosystem, a, b);
    free(a);
    free(b);
    return result;
}

static void check_pair(const char *ecosystem, const char *left, const char *right,
                       enum version_order_result expected)
{
    enum version_order_result forward = compare_copies(ecosystem, left, right);
    enum version_order_result backward = compare_copies(ecosystem, right, left);
    if (forward != expected || backward != (enum version_order_result)(-(int)expected))
        fail_msg("%s: %s vs %s gave %d and %d, expected %d", ecosystem, left, right, forward,
                 backward, expected);
}

/* Every pair of a strictly ascending list. */
static void check_sorted(const char *ecosystem, const char *const *versions, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!version_order_valid(ecosystem, versions[i]))
            fail_msg("%s: %s should be valid", ecosystem, versions[i]);
        for (size_t j = i + 1; j < count; j++)
            check_pair(ecosystem, versions[i], versions[j], VERSION_ORDER_LESS);
    }
}

/* Every pair of a NULL-terminated group of equal spellings. */
static void check_equal(const char *ecosystem, const char *const *versions)
{
    for (size_t i = 0; versions[i]; i++)
        for (size_t j = 0; versions[j]; j++)
            check_pair(ecosystem, versions[i], versions[j], VERSION_ORDER_EQUAL);
}

static void check_invalid(const char *ecosystem, const char *const *versions, size_t count,
                          const char *valid)
{
    for (size_t i = 0; i < count; i++) {
        if (version_order_valid(ecosystem, versions[i]))
            fail_msg("%s: \"%s\" should be invalid", ecosystem, versions[i]);
        if (compare_copies(ecosystem, versions[i], valid) != VERSION_ORDER_INVALID ||
            compare_copies(ecosystem, valid, versions[i]) != VERSION_ORDER_INVALID)
            fail_msg("%s: \"%s\" compared", ecosystem, versions[i]);
    }
}

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* PEP 440, "Summary of permitted suffixes and relative ordering" (its own
 * example list), then epochs ("Version epochs") and local versions. */
static void test_pypi_order(void **state)
{
    (void)state;
    static const char *const pep440_example[] = {
        "1.dev0",
        "1.0.dev456",
        "1.0a1",
        "1.0a2.dev456",
        "1.0a12.dev456",
        "1.0a12",
        "1.0b1.dev456",
        "1.0b2",
        "1.0b2.post345.dev456",
        "1.0b2.post345",
        "1.0rc1.dev456",
        "1.0rc1",
        "1.0",
        "1.0+abc.5",
        "1.0+abc.7",
        "1.0+5",
        "1.0.post456.dev34",
        "1.0.post456",
        "1.0.15",
        "1.1.dev1",
    };
    check_sorted("pypi", pep440_example, COUNT(pep440_example));
    static const char *const suffixes[] = {
        "1.0.dev1", "1.0a1.dev1", "1.0a1",          "1.0a1.post1.dev1", "1.0a1.post1", "1.0b1",
        "1.0rc1",   "1.0",        "1.0.post1.dev1", "1.0.post1",        "1.0.post2",   "1.1.dev0",
    };
    check_sorted("pypi", suffixes, COUNT(suffixes));
    static const char *const epochs[] = {"2013.10", "2014.04", "1!1.0", "1!1.1", "2!0.1"};
    check_sorted("pypi", epochs, COUNT(epochs));
    /* Local versions: alphanumeric segments below numeric ones, a longer
     * local version above its prefix. */
    static const char *const locals[] = {
        "1.0",         "1.0+abc", "1.0+abc.1", "1.0+abc.2", "1.0+abc.10", "1.0+ubuntu.1",
        "1.0+ubuntu1", "1.0+1",   "1.0+1.a",   "1.0+1.0",   "1.0+2",      "1.0.post0",
    };
    check_sorted("pypi", locals, COUNT(locals));
    static const char *const numbers[] = {"1.9", "1.10", "1.99999999999999999999",
                                          "1.100000000000000000000", "2"};
    check_sorted("pypi", numbers, COUNT(numbers));
}

static void test_pypi_normalization(void **state)
{
    (void)state;
    /* "Normalization": case, separators, alternative spellings. */
    static const char *const release[] = {"1.0",    "1.0.0", "1",     "v1.0", "V1.0.0",
                                          " 1.0\n", "0!1.0", "01.00", NULL};
    static const char *const alpha[] = {"1.0a1",   "1.0A1",  "1.0alpha1",   "1.0-alpha.1",
                                        "1.0_a_1", "1.0.a1", "1.0ALPHA-01", NULL};
    static const char *const alpha0[] = {"1.0a", "1.0a0", "1.0-alpha", NULL};
    static const char *const beta[] = {"1.0b2", "1.0beta2", "1.0.beta.2", "1.0-B2", NULL};
    static const char *const rc[] = {"1.0rc1",   "1.0c1",     "1.0pre1", "1.0preview1",
                                     "1.0-RC-1", "1.0.pre.1", NULL};
    static const char *const post[] = {"1.0.post1", "1.0post1",   "1.0-1",
                                       "1.0-post1", "1.0rev1",    "1.0-r1",
                                       "1.0_r_1",   "1.0.POST.1", NULL};
    static const char *const post0[] = {"1.0.post", "1.0.post0", "1.0-r", "1.0rev", NULL};
    static const char *const dev[] = {"1.0.dev", "1.0.dev0", "1.0-dev", "1.0dev0", "1.0_DEV", NULL};
    static const char *const local[] = {"1.0+ubuntu.1", "1.0+Ubuntu-1", "1.0+ubuntu_01", NULL};
    check_equal("pypi", release);
    check_equal("pypi", alpha);
    check_equal("pypi", alpha0);
    check_equal("pypi", beta);
    check_equal("pypi", rc);
    check_equal("pypi", post);
    check_equal("pypi", post0);
    check_equal("pypi", dev);
    check_equal("pypi", local);
}

static void test_pypi_invalid(void **state)
{
    (void)state;
    static const char *const invalid[] = {
        "",
        " ",
        "a",
        "v",
        "1.0-",
        "1..0",
        "1.0.x",
        "1!",
        "!1.0",
        "1.0+",
        "1.0+a..b",
        "1.0+a.",
        "1.0 beta",
        "1.0foo",
        "1.0a1b",
        "1.0++1",
        "1.0\xc3\xa9",
        "1.0-1-1",
        "1.0.post1.post2",
        "1.0.dev1.post1",
        "1.0-+a",
        "1.0+a+b",
        "2!1!0",
    };
    check_invalid("pypi", invalid, COUNT(invalid), "1.0");
}

/* semver.org item 11's own example, with build metadata ignored (item 10). */
static void test_semver_order(void **state)
{
    (void)state;
    static const char *const spec[] = {
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "2.0.0",
        "2.1.0",
        "2.1.1",
        "2.1.10",
        "10.0.0",
        "99999999999999999999.0.0",
        "100000000000000000000.0.0",
    };
    static const char *const identifiers[] = {
        "1.0.0-0",  "1.0.0-1", "1.0.0-9",   "1.0.0-10",    "1.0.0--",  "1.0.0-A",
        "1.0.0-Z-", "1.0.0-a", "1.0.0-a.0", "1.0.0-a.0.0", "1.0.0-a-", "1.0.0-b",
    };
    static const char *const built[] = {"1.0.0+20130313144700", "1.0.0", "1.0.0+exp.sha.5114f85",
                                        "1.0.0+001", NULL};
    static const char *const pre_built[] = {"1.0.0-beta+exp.sha.5114f85", "1.0.0-beta", NULL};
    static const char *const npm_prefixes[] = {"1.2.3", "v1.2.3", "=1.2.3", "=v1.2.3", NULL};
    const char *ecosystems[] = {"npm", "cargo"};
    for (size_t i = 0; i < 2; i++) {
        check_sorted(ecosystems[i], spec, COUNT(spec));
        check_sorted(ecosystems[i], identifiers, COUNT(identifiers));
        check_equal(ecosystems[i], built);
        check_equal(ecosystems[i], pre_built);
    }
    check_equal("npm", npm_prefixes);
}

static void test_semver_invalid(void **state)
{
    (void)state;
    static const char *const invalid[] = {
        "",       "1",          "1.0",       "1.0.0.0",    "01.0.0",    "1.01.0",     "1.0.00",
        "1.0.0-", "1.0.0+",     "1.0.0-01",  "1.0.0-a..b", "1.0.0-a.",  "1.0.0+a..b", "1.0.0 ",
        " 1.0.0", "1.0.0-\xff", "1.0.0-a_b", "a.b.c",      "1.0.0+b+c", "-1.0.0",     "1.-1.0",
    };
    check_invalid("npm", invalid, COUNT(invalid), "1.0.0");
    check_invalid("cargo", invalid, COUNT(invalid), "1.0.0");
    static const char *const not_cargo[] = {"v1.0.0", "=1.0.0"};
    check_invalid("cargo", not_cargo, COUNT(not_cargo), "1.0.0");
    static const char *const not_npm[] = {"vv1.0.0", "v=1.0.0", "==1.0.0", "V1.0.0"};
    check_invalid("npm", not_npm, COUNT(not_npm), "1.0.0");
}

/* Go modules reference, "Versions" and "Pseudo-versions": a pseudo-version
 * is a pre-release of the version after its base. */
static void test_go(void **state)
{
    (void)state;
    static const char *const sorted[] = {
        "v0.0.0-20191109021931-daa7c04131f5",
        "v0.0.0",
        "v1.0.0-alpha",
        "v1.0.0",
        "v1.2.3",
        "v1.2.4-0.20191109021931-daa7c04131f5",
        "v1.2.4-0.20200101000000-aaaaaaaaaaaa",
        "v1.2.4-pre",
        "v1.2.4-pre.0.20191109021931-daa7c04131f5",
        "v1.2.4",
        "v2.0.0+incompatible",
        "v2.1.0",
    };
    check_sorted("go", sorted, COUNT(sorted));
    static const char *const incompatible[] = {"v2.0.0+incompatible", "v2.0.0", NULL};
    static const char *const short_major[] = {"v1", "v1.0", "v1.0.0", NULL};
    static const char *const short_minor[] = {"v1.2", "v1.2.0", NULL};
    check_equal("go", incompatible);
    check_equal("go", short_major);
    check_equal("go", short_minor);
    static const char *const invalid[] = {"",        "v",        "1.2.3",  "V1.2.3",    "v1.2.3.4",
                                          "v01.2.3", "v1.2-pre", "v1-pre", "v1.2+meta", "v1.2.3-",
                                          "=v1.2.3", "v1.2.",    "v1."};
    check_invalid("go", invalid, COUNT(invalid), "v1.0.0");
}

/* The "Version Order Specification" of https://maven.apache.org/pom.html,
 * as ComparableVersion (Maven 3.8) applies it. Every list below was also
 * checked pairwise against maven-artifact 3.8.7's ComparableVersion. */
static void test_maven_order(void **state)
{
    (void)state;
    static const char *const padding[] = {"1", "1.1"};
    static const char *const qualifier_padding[] = {"1-snapshot", "1", "1-sp"};
    static const char *const switching[] = {"1-foo2", "1-foo10"};
    /* "1.foo" = "1-foo" < "1-1" < "1.1" */
    static const char *const separators[] = {"1-foo", "1-1", "1.1"};
    static const char *const sp_ga[] = {"1-ga", "1-sp"};
    static const char *const sp_ga_dot[] = {"1-ga.1", "1-sp.1"};
    static const char *const sp_ga_dash[] = {"1-sp-1", "1-ga-1"};
    check_sorted("maven", padding, COUNT(padding));
    check_sorted("maven", qualifier_padding, COUNT(qualifier_padding));
    check_sorted("maven", switching, COUNT(switching));
    check_sorted("maven", separators, COUNT(separators));
    check_sorted("maven", sp_ga, COUNT(sp_ga));
    check_sorted("maven", sp_ga_dot, COUNT(sp_ga_dot));
    check_sorted("maven", sp_ga_dash, COUNT(sp_ga_dash));
    /* The qualifier order: alpha < beta < milestone < rc = cr < snapshot <
     * release < sp < other qualifiers (lexically) < numbers. */
    static const char *const qualifiers[] = {
        "1-alpha2snapshot",
        "1-alpha2",
        "1-alpha-123",
        "1-beta-2",
        "1-beta123",
        "1-m2",
        "1-m11",
        "1-rc",
        "1-cr2",
        "1-rc123",
        "1-SNAPSHOT",
        "1",
        "1-sp",
        "1-sp2",
        "1-sp123",
        "1-abc",
        "1-def",
        "1-pom-1",
        "1-1-snapshot",
        "1-1",
        "1-2",
        "1-123",
    };
    check_sorted("maven", qualifiers, COUNT(qualifiers));
    static const char *const numbers[] = {
        "2.0",
        "2.0.a",
        "2-1",
        "2.0.2",
        "2.0.123",
        "2.1.0",
        "2.1-a",
        "2.1b",
        "2.1-c",
        "2.1-1",
        "2.1.0.1",
        "2.2",
        "2.123",
        "11.a2",
        "11.a11",
        "11.b2",
        "11.b11",
        "11.m2",
        "11.m11",
        "11",
        "11.a",
        "11b",
        "11c",
        "11m",
        "99999999999999999999",
        "100000000000000000000",
    };
    check_sorted("maven", numbers, COUNT(numbers));
}

/* ComparableVersion's own answers form cycles here: "1" < "1-1" <
 * "1.0.alpha.1" < "1"; "1-alpha1" > "1.ga.1" > "1" > "1-alpha1";
 * "1-alpha21" > "1.foo-sp.1" > "1" > "1-alpha21" (found by
 * fuzz_version_order). Items of different kinds are ordered by their side
 * of null first, which keeps every answer Maven gives consistently
 * ("1-1" < "1.0.1", "1-foo" < "1-1" above). */
static void test_maven_total_order(void **state)
{
    (void)state;
    static const char *const sorted[] = {"1-alpha1", "1.0.alpha.1", "1",     "1.ga.1",
                                         "1.foo",    "1-1",         "1.0.1", "1.1"};
    check_sorted("maven", sorted, COUNT(sorted));
    static const char *const fuzzed[] = {"1-alpha21", "1", "1.foo-sp.1"};
    check_sorted("maven", fuzzed, COUNT(fuzzed));
}

static void test_maven_equal(void **state)
{
    (void)state;
    /* "removing of trailing null values" */
    static const char *const one[] = {"1",    "1.0",  "1.0.0",   "1-0",     "1.0-0",     "1.ga",
                                      "1-ga", "1-GA", "1.final", "1-final", "1.release", "1-0.0",
                                      "1.",   "1-",   "01",      NULL};
    static const char *const alpha_one[] = {"1-a1", "1-alpha-1", "1-ALPHA1", "1a1", NULL};
    static const char *const rc[] = {"1-rc1", "1-cr1", "1-RC-1", "1.0-cr-1", NULL};
    static const char *const transition[] = {"1x", "1-x", "1-X", NULL};
    static const char *const zeros[] = {"1.0.0-foo.0.0", "1-foo", "1.foo", "1.0.foo", NULL};
    /* Letters ending at a digit or at the end start a nested list. */
    static const char *const letters[] = {"1.0.0.RC1", "1-rc-1", "1.0-RC1", "1rc1", NULL};
    static const char *const milestone[] = {"2.0.M1", "2-milestone-1", "2.0.0-m1", NULL};
    check_equal("maven", one);
    check_equal("maven", alpha_one);
    check_equal("maven", rc);
    check_equal("maven", transition);
    check_equal("maven", zeros);
    check_equal("maven", letters);
    check_equal("maven", milestone);
    static const char *const invalid[] = {"", " ", "1 .0", "1.0\n", "1.0\xc3\xa9", "\t"};
    check_invalid("maven", invalid, COUNT(invalid), "1.0");
}

/* Gem::Version's documentation: "Prereleases sort between real releases
 * (newest to oldest): 1.0, 1.0.b1, 1.0.a.2, 0.9"; "1.0.a10 … is greater
 * than 1.0.a9"; "-" reads as ".pre.". */
static void test_rubygems(void **state)
{
    (void)state;
    static const char *const sorted[] = {
        "0.9",     "1.0.a.2", "1.0.a9",      "1.0.a10",   "1.0.b1", "1.0.pre",
        "1.0-1",   "1.0.rc1", "1.0",         "1.0.1",     "1.2.9",  "1.2.10",
        "2.0.0.A", "2.0.0.a", "2.0.0.a.0.1", "2.0.0.a.1", "2.0.0",  "99999999999999999999",
    };
    check_sorted("rubygems", sorted, COUNT(sorted));
    /* Only the zeros ending the numeric run or the whole version drop. */
    static const char *const inner_zero[] = {"1.a.b", "1.a.0.b", "1.a.1"};
    check_sorted("rubygems", inner_zero, COUNT(inner_zero));
    static const char *const release[] = {"1", "1.0", "1.0.0", " 1.0 ", "01.00", NULL};
    static const char *const pre[] = {"1.0.a", "1.0.0.a", "1.a", "1.a.0", "1.0a", NULL};
    static const char *const dash[] = {"1.0-1", "1.0.pre.1", "1.pre1", NULL};
    check_equal("rubygems", release);
    check_equal("rubygems", pre);
    check_equal("rubygems", dash);
    static const char *const invalid[] = {"",   "  ", "a",  "1..2",     "1.0-", "1.0_1", "1.0 beta",
                                          "-1", ".1", "1.", "1.0-a..b", "1.-a", "1.0+b"};
    check_invalid("rubygems", invalid, COUNT(invalid), "1.0");
}

/* NuGet "Package versioning": four parts, leading zeros and missing parts
 * normalized, pre-release labels compared without case. */
static void test_nuget(void **state)
{
    (void)state;
    static const char *const sorted[] = {
        "1.0.0-alpha", "1.0.0-alpha.2", "1.0.0-alpha.10", "1.0.0-beta", "1.0.0-rc.1",
        "1.0.0",       "1.0.0.1",       "1.0.1",          "1.1",        "2.0.0.0",
    };
    check_sorted("nuget", sorted, COUNT(sorted));
    static const char *const release[] = {"1",      "1.0",        "1.0.0", "1.0.0.0",
                                          "1.00.0", "1.0.0+meta", NULL};
    static const char *const label[] = {"1.0.0-Beta", "1.0.0-beta", "1.0.0-BETA+x", NULL};
    static const char *const numeric[] = {"1.0.0-rc.01", "1.0.0-rc.1", NULL};
    check_equal("nuget", release);
    check_equal("nuget", label);
    check_equal("nuget", numeric);
    static const char *const invalid[] = {"",     "v1.0",       "1.0.0.0.0", "1.0-", "a.b",
                                          "1..0", "1.0.0-a..b", "1.0.0+",    " 1.0"};
    check_invalid("nuget", invalid, COUNT(invalid), "1.0");
}

/* Composer "Versions and constraints" (stability suffixes) ordered as
 * PHP's version_compare orders the normalized versions. */
static void test_packagist(void **state)
{
    (void)state;
    static const char *const sorted[] = {
        "1.0.0-dev",  "1.0.0-alpha", "1.0.0-alpha1-dev", "1.0.0-alpha1", "1.0.0-alpha2",
        "1.0.0-beta", "1.0.0-beta1", "1.0.0-beta.2",     "1.0.0-RC1",    "1.0.0-rc2",
        "1.0.0",      "1.0.0-p1",    "1.0.0-patch2",     "1.0.0.1",      "1.0.1",
        "v1.1",       "2.0",         "99999.0",
    };
    check_sorted("packagist", sorted, COUNT(sorted));
    static const char *const release[] = {
        "1.0.0",        "v1.0.0",        "1.0",  "1",       "1.0.0.0",
        "1.0.0-stable", "1.0.0+build.5", "V1.0", " 1.0.0 ", NULL};
    static const char *const rc[] = {"1.0.0-RC1",  "1.0.0rc1",   "1.0.0.RC.1",
                                     "1.0.0-rc-1", "1.0.0_RC01", NULL};
    static const char *const beta[] = {"1.0.0-b2", "1.0.0-beta2", "1.0.0-BETA.2", NULL};
    static const char *const patch[] = {"1.0.0-p1", "1.0.0-pl1", "1.0.0-patch1", NULL};
    static const char *const dev[] = {"1.0.0-dev", "1.0.0.dev", "1.0.0.0-DEV", NULL};
    check_equal("packagist", release);
    check_equal("packagist", rc);
    check_equal("packagist", beta);
    check_equal("packagist", patch);
    check_equal("packagist", dev);
    static const char *const invalid[] = {
        "",       "dev-master", "1.x-dev",          "20230101", "1.0.0-foo", "1.0.0.0.0",
        "1.0.0+", "a1.0",       "1.0.0-alpha-beta", "100000.0", "1..0",      "vv1.0"};
    check_invalid("packagist", invalid, COUNT(invalid), "1.0");
}

static void test_unsupported(void **state)
{
    (void)state;
    assert_int_equal(version_order_compare("debian", "1.0", "1.1"), VERSION_ORDER_UNSUPPORTED);
    assert_int_equal(version_order_compare("PyPI", "1.0", "1.1"), VERSION_ORDER_UNSUPPORTED);
    assert_int_equal(version_order_compare(NULL, "1.0", "1.1"), VERSION_ORDER_UNSUPPORTED);
    assert_int_equal(version_order_compare("pypi", NULL, "1.1"), VERSION_ORDER_INVALID);
    assert_false(version_order_valid("debian", "1.0.0"));
    assert_false(version_order_valid("pypi", NULL));
}

/* Segments far beyond any integer type compare by their digits, and very
 * long strings are read in one pass (no quadratic walk). */
static void test_huge_inputs(void **state)
{
    (void)state;
    size_t length = 200000;
    char *small = malloc(length + 1), *large = malloc(length + 1);
    memset(small, '9', length - 1);
    small[length - 1] = '\0';
    large[0] = '1';
    memset(large + 1, '0', length - 1);
    large[length] = '\0';
    const char *ecosystems[] = {"pypi", "maven", "rubygems", "nuget"};
    for (size_t i = 0; i < COUNT(ecosystems); i++)
        assert_int_equal(version_order_compare(ecosystems[i], small, large), VERSION_ORDER_LESS);
    /* "1.0.0.0…" against "1": all those zeros are trailing. */
    char *zeros = malloc(2 * length + 2);
    zeros[0] = '1';
    for (size_t i = 0; i < length; i++) {
        zeros[1 + 2 * i] = '.';
        zeros[2 + 2 * i] = '0';
    }
    zeros[1 + 2 * length] = '\0';
    assert_int_equal(version_order_compare("maven", zeros, "1"), VERSION_ORDER_EQUAL);
    assert_int_equal(version_order_compare("rubygems", zeros, "1"), VERSION_ORDER_EQUAL);
    assert_int_equal(version_order_compare("pypi", zeros, "1"), VERSION_ORDER_EQUAL);
    zeros[2 * length] = '1';
    assert_int_equal(version_order_compare("maven", zeros, "1"), VERSION_ORDER_GREATER);
    assert_int_equal(version_order_compare("rubygems", zeros, "1"), VERSION_ORDER_GREATER);
    /* "1-0-0-…" nests lists as deep as the string is long. */
    for (size_t i = 0; i < length; i++)
        zeros[1 + 2 * i] = '-';
    assert_int_equal(version_order_compare("maven", zeros, "1"), VERSION_ORDER_GREATER);
    zeros[2 * length] = '0';
    assert_int_equal(version_order_compare("maven", zeros, "1"), VERSION_ORDER_EQUAL);
    free(zeros);
    free(small);
    free(large);
}

static void test_osv_ecosystems(void **state)
{
    (void)state;
    assert_string_equal(version_order_ecosystem("PyPI"), "pypi");
    assert_string_equal(version_order_ecosystem("npm"), "npm");
    assert_string_equal(version_order_ecosystem("crates.io"), "cargo");
    assert_string_equal(version_order_ecosystem("Go"), "go");
    assert_string_equal(version_order_ecosystem("Maven"), "maven");
    assert_string_equal(version_order_ecosystem("RubyGems"), "rubygems");
    assert_string_equal(version_order_ecosystem("NuGet"), "nuget");
    assert_string_equal(version_order_ecosystem("Packagist"), "packagist");
    assert_null(version_order_ecosystem("pypi"));
    assert_null(version_order_ecosystem("Debian:12"));
    assert_null(version_order_ecosystem("Maven:https://repo.maven.apache.org/maven2/"));
    assert_null(version_order_ecosystem("Debian"));
    assert_null(version_order_ecosystem(""));
    assert_null(version_order_ecosystem(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pypi_order),     cmocka_unit_test(test_pypi_normalization),
        cmocka_unit_test(test_pypi_invalid),   cmocka_unit_test(test_semver_order),
        cmocka_unit_test(test_semver_invalid), cmocka_unit_test(test_go),
        cmocka_unit_test(test_maven_order),    cmocka_unit_test(test_maven_total_order),
        cmocka_unit_test(test_maven_equal),    cmocka_unit_test(test_rubygems),
        cmocka_unit_test(test_nuget),          cmocka_unit_test(test_packagist),
        cmocka_unit_test(test_unsupported),    cmocka_unit_test(test_huge_inputs),
        cmocka_unit_test(test_osv_ecosystems),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
