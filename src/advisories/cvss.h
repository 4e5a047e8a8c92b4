/*
 * cvss: the base score of a CVSS v3.0 or v3.1 vector string
 * ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" -> 9.8), by the formulas
 * of the CVSS v3.1 specification, section 7.1 and appendix A (Roundup),
 * https://www.first.org/cvss/v3.1/specification-document — v3.0 vectors
 * differ only in Roundup (a plain ceiling to one decimal).
 *
 * Pure functions over strings: no I/O, no allocation. Temporal and
 * environmental metrics are accepted and ignored (advisories publish base
 * scores); a vector with a missing, repeated or unknown base metric is
 * refused, never guessed at.
 */
#ifndef PRODREADY_ADVISORIES_CVSS_H
#define PRODREADY_ADVISORIES_CVSS_H

#include <stdbool.h>

#include "model/model.h"

/* The base score (0.0 to 10.0, one decimal) of a v3.0/v3.1 vector; false
 * when `vector` is not one. */
bool cvss3_base_score(const char *vector, double *score);

/* The qualitative rating used for findings: 9.0 and above critical, 7.0
 * high, 4.0 medium, anything lower (0.0 "None" included) low. */
enum severity cvss_severity(double score);

#endif
