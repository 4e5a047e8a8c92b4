/*
 * score: turns findings and checks into category scores, the overall score,
 * grades, the verdict (score.c) and the remediation plan (plan.c). The
 * method is documented in docs/scoring.md; keep the two in step.
 *
 * Scoring reads findings and checks only; it must not look at files or
 * facts, so a score can always be explained by the findings listed.
 */
#ifndef PRODREADY_SCORE_SCORE_H
#define PRODREADY_SCORE_SCORE_H

#include "model/model.h"

/* Points one finding of a severity costs its category before repeats are
 * discounted. */
int score_severity_points(enum severity severity);
/* Letter grade for a 0..100 score with the default bands (A ≥ 90, B ≥ 80,
 * C ≥ 70, D ≥ 60). */
const char *score_grade(int score);
/* The same with the lowest score of A, B, C and D from `bounds` (the
 * config's `grades:`); NULL or a zero entry means that grade's default. */
const char *score_grade_banded(int score, const int bounds[4]);
/* Default category weight in the overall score. */
int score_category_weight(enum category category);

/* Fills result->categories, score, grade and verdict from result->findings
 * and result->checks (which must already be sorted). */
void score_compute(struct audit_result *result);
/* Fills the plan (plan.c): items, phases, plan_total_hours, the weekly
 * schedule, cost and next step. `settings` may be NULL (defaults: 40 hours
 * a week, one person, no rate). */
void plan_compute(struct audit_result *result, const struct plan_settings *settings);
/* Hours of one work item: a rule's effort for the first finding, a quarter
 * more for each repeat in the same file, at most three times the effort. */
double plan_item_hours(int effort_minutes, size_t finding_count);
/* The phase (1..8) a finding belongs to, and each phase's name. */
int plan_phase_of(const struct finding *finding);
const char *plan_phase_name(int phase);

/* Targets (targets.c): the config's, or the defaults when it has none. */
void targets_evaluate(struct audit_result *result, const struct target_settings *settings);
void target_settings_defaults(struct target_settings *settings);
const char *target_status_id(enum target_status status);

#endif
