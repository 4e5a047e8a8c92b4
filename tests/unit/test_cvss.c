/*
 * test_cvss: CVSS v3.x base scores (advisories/cvss.h) for vectors whose
 * scores were computed by hand from the v3.1 specification's formulas
 * (section 7.1, appendix A), each worked out in a comment, and the
 * refusal of vectors that are not v3 base vectors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "advisories/cvss.h"

static void assert_score(const char *vector, double expected)
{
    double score = -1;
    if (!cvss3_base_score(vector, &score))
        fail_msg("refused: %s", vector);
    /* Scores have one decimal: compare in tenths. */
    if ((long)(score * 10 + 0.5) != (long)(expected * 10 + 0.5))
        fail_msg("%s: got %.1f, expected %.1f", vector, score, expected);
}

static void assert_refused(const char *vector)
{
    double score;
    if (cvss3_base_score(vector, &score))
        fail_msg("accepted: %s", vector);
}

static void test_hand_computed_scores(void **state)
{
    (void)state;
    /* ISS = 1 - 0.44^3 = 0.914816; Impact = 6.42 * ISS = 5.873119;
     * Exploitability = 8.22 * 0.85 * 0.77 * 0.85 * 0.85 = 3.887043;
     * sum 9.760162 -> Roundup 9.8. */
    assert_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8);
    /* v3.0 rounds with a plain ceiling: the same 9.760162 -> 9.8. */
    assert_score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8);
    /* Temporal metrics do not change the base score. */
    assert_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8);
    /* Scope changed: ISS = 0.56; Impact = 7.52 * 0.531 - 3.25 * 0.54^15
     * = 3.99312 - 0.000315 = 3.992805; Exploitability = 8.22 * 0.85 *
     * 0.44 * 0.85 * 0.85 = 2.221170; 1.08 * 6.213975 = 6.711093 -> 6.8
     * (the OSV schema's elliptic example, GHSA-r9p9-mrjm-926w). */
    assert_score("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N", 6.8);
    /* ISS = 1 - 0.78^2 = 0.3916; Impact = 7.52 * 0.3626 - 3.25 * 0.3716^15
     * = 2.726752 - ~0; Exploitability = 8.22 * 0.85 * 0.77 * 0.85 * 0.62
     * = 2.835255; 1.08 * 5.562007 = 6.006968 -> 6.1. */
    assert_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1);
    /* Impact = 6.42 * 0.56 = 3.5952; Exploitability = 8.22 * 0.55 * 0.77 *
     * 0.62 * 0.85 = 1.834577; sum 5.429777 -> 5.5. */
    assert_score("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5);
    /* PR:L weighs 0.68 when the scope changes: Impact = 7.52 * 0.885816 -
     * 3.25 * 0.894816^15 = 6.661336 - 0.613546 = 6.047790; Exploitability
     * = 8.22 * 0.85 * 0.77 * 0.68 * 0.85 = 3.109634; 1.08 * 9.157424 =
     * 9.890018 -> 9.9. */
    assert_score("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9);
    /* 1.08 * (6.047790 + 3.887043) = 10.73 -> capped at 10.0. */
    assert_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0);
    /* Impact = 6.42 * 0.22 = 1.4124; Exploitability = 8.22 * 0.2 * 0.44 *
     * 0.27 * 0.62 = 0.121090; sum 1.533490 -> 1.6. */
    assert_score("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6);
    /* No impact at all: 0.0 whatever the exploitability. */
    assert_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0);
    /* Metric order is free. */
    assert_score("CVSS:3.1/S:U/AV:N/C:H/AC:L/I:H/PR:N/A:H/UI:N", 9.8);
}

static void test_refused_vectors(void **state)
{
    (void)state;
    assert_refused("");
    assert_refused("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");               /* no version prefix */
    assert_refused("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P");               /* v2 */
    assert_refused("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H");       /* v4 */
    assert_refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H");          /* A missing */
    assert_refused("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"); /* repeated */
    assert_refused("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");      /* bad value */
    assert_refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/");     /* trailing slash */
    assert_refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:Q"); /* unknown metric */
    assert_refused("CVSS:3.1/AV:NN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");     /* long value */
    assert_refused("CVSS:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h");      /* lower case */
}

static void test_severity_bands(void **state)
{
    (void)state;
    assert_int_equal(cvss_severity(10.0), SEVERITY_CRITICAL);
    assert_int_equal(cvss_severity(9.0), SEVERITY_CRITICAL);
    assert_int_equal(cvss_severity(8.9), SEVERITY_HIGH);
    assert_int_equal(cvss_severity(7.0), SEVERITY_HIGH);
    assert_int_equal(cvss_severity(6.9), SEVERITY_MEDIUM);
    assert_int_equal(cvss_severity(4.0), SEVERITY_MEDIUM);
    assert_int_equal(cvss_severity(3.9), SEVERITY_LOW);
    assert_int_equal(cvss_severity(0.0), SEVERITY_LOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_computed_scores),
        cmocka_unit_test(test_refused_vectors),
        cmocka_unit_test(test_severity_bands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
