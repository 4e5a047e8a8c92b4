/*
 * cvss: CVSS v3.x base score (cvss.h). The metric weights and the formulas
 * are those of the v3.1 specification, section 7.1 and appendix A; the
 * numbers are written as the specification writes them so that each can be
 * checked against it.
 */
#include "advisories/cvss.h"

#include <math.h>
#include <string.h>

/* The eight base metrics, in the specification's order. */
enum cvss_metric { CVSS_AV, CVSS_AC, CVSS_PR, CVSS_UI, CVSS_S, CVSS_C, CVSS_I, CVSS_A, CVSS_BASE };

static const char *const cvss_metric_names[CVSS_BASE] = {"AV", "AC", "PR", "UI",
                                                         "S",  "C",  "I",  "A"};

/* Temporal and environmental metrics: valid in a vector, not in a base score. */
static const char *const cvss_other_metrics[] = {"E",   "RL",  "RC",  "CR", "IR", "AR", "MAV",
                                                 "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"};

/* Roundup of the v3.1 appendix A: the smallest number with one decimal
 * that is equal to or higher than its input, computed on integers so that
 * 4.000000000000001 stays 4.0 rather than becoming 4.1. */
static double cvss31_roundup(double input)
{
    long integer = lround(input * 100000.0);
    if (integer % 10000 == 0)
        return (double)integer / 100000.0;
    return (floor((double)integer / 10000.0) + 1.0) / 10.0;
}

/* v3.0's Roundup: a plain ceiling to one decimal. */
static double cvss30_roundup(double input)
{
    return ceil(input * 10.0) / 10.0;
}

bool cvss3_base_score(const char *vector, double *score)
{
    bool v31;
    if (strncmp(vector, "CVSS:3.1/", 9) == 0)
        v31 = true;
    else if (strncmp(vector, "CVSS:3.0/", 9) == 0)
        v31 = false;
    else
        return false;
    char values[CVSS_BASE] = {0};
    for (const char *p = vector + 9; *p;) {
        size_t length = strcspn(p, "/");
        const char *colon = memchr(p, ':', length);
        if (!colon || colon == p || (size_t)(colon - p) + 2 != length)
            return false; /* every base metric value is one letter */
        size_t name_length = (size_t)(colon - p);
        char value = colon[1];
        bool known = false;
        for (int m = 0; m < CVSS_BASE; m++) {
            if (strlen(cvss_metric_names[m]) == name_length &&
                memcmp(cvss_metric_names[m], p, name_length) == 0) {
                if (values[m])
                    return false; /* a repeated metric */
                values[m] = value;
                known = true;
            }
        }
        for (size_t m = 0; !known && m < sizeof cvss_other_metrics / sizeof *cvss_other_metrics;
             m++)
            known = strlen(cvss_other_metrics[m]) == name_length &&
                    memcmp(cvss_other_metrics[m], p, name_length) == 0;
        if (!known)
            return false;
        p += length;
        if (*p == '/') {
            p++;
            if (!*p)
                return false;
        }
    }

    bool changed;
    switch (values[CVSS_S]) {
    case 'U':
        changed = false;
        break;
    case 'C':
        changed = true;
        break;
    default:
        return false;
    }
    double av, ac, pr, ui, cia[3];
    switch (values[CVSS_AV]) {
    case 'N':
        av = 0.85;
        break;
    case 'A':
        av = 0.62;
        break;
    case 'L':
        av = 0.55;
        break;
    case 'P':
        av = 0.2;
        break;
    default:
        return false;
    }
    switch (values[CVSS_AC]) {
    case 'L':
        ac = 0.77;
        break;
    case 'H':
        ac = 0.44;
        break;
    default:
        return false;
    }
    /* Privileges Required weighs more when the scope changes. */
    switch (values[CVSS_PR]) {
    case 'N':
        pr = 0.85;
        break;
    case 'L':
        pr = changed ? 0.68 : 0.62;
        break;
    case 'H':
        pr = changed ? 0.5 : 0.27;
        break;
    default:
        return false;
    }
    switch (values[CVSS_UI]) {
    case 'N':
        ui = 0.85;
        break;
    case 'R':
        ui = 0.62;
        break;
    default:
        return false;
    }
    for (int k = 0; k < 3; k++) {
        switch (values[CVSS_C + k]) {
        case 'H':
            cia[k] = 0.56;
            break;
        case 'L':
            cia[k] = 0.22;
            break;
        case 'N':
            cia[k] = 0;
            break;
        default:
            return false;
        }
    }

    double iss = 1.0 - (1.0 - cia[0]) * (1.0 - cia[1]) * (1.0 - cia[2]);
    double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss;
    double exploitability = 8.22 * av * ac * pr * ui;
    double (*roundup)(double) = v31 ? cvss31_roundup : cvss30_roundup;
    if (impact <= 0)
        *score = 0.0;
    else if (changed)
        *score = roundup(fmin(1.08 * (impact + exploitability), 10.0));
    else
        *score = roundup(fmin(impact + exploitability, 10.0));
    return true;
}

enum severity cvss_severity(double score)
{
    if (score >= 9.0)
        return SEVERITY_CRITICAL;
    if (score >= 7.0)
        return SEVERITY_HIGH;
    if (score >= 4.0)
        return SEVERITY_MEDIUM;
    return SEVERITY_LOW;
}
