/*
 * test_metrics: fills struct testing_metrics (model.h) for one audit — test
 * and source sizes from the inventory and the testing.* facts, coverage from
 * the coverage reports found in the audited tree or named with --coverage,
 * and totals from the JUnit files named with --junit or found in the tree
 * (junit*.xml, TEST-*.xml, surefire-reports/ …; see junit_results.h).
 *
 * It reads report files itself, because coverage reports are usually
 * untracked or too large for the inventory: files in the tree only by a
 * path that stays inside the audit root (symlinks out are refused) and only
 * regular files. It must not judge the numbers (checks/testing.c does).
 */
#ifndef PRODREADY_METRICS_TEST_METRICS_H
#define PRODREADY_METRICS_TEST_METRICS_H

#include <stddef.h>

#include "inventory/inventory.h"
#include "model/model.h"

#define TEST_METRICS_DEFAULT_TARGET 80.0
enum { TEST_METRICS_LEAST_COVERED = 10 };

struct test_metrics_input {
    const char *root; /* absolute, symlink-free audit root */
    const struct inventory_entry *entries;
    size_t entry_count;
    const struct audited_file *files;
    size_t file_count;
    const struct fact *facts;
    size_t fact_count;
    const char *const *coverage_files; /* --coverage, as given */
    size_t coverage_file_count;
    const char *const *junit_files; /* --junit, as given */
    size_t junit_file_count;
    double coverage_target; /* 0: TEST_METRICS_DEFAULT_TARGET */
};

/* Everything it adds is owned by `arena`. */
void test_metrics_collect(const struct test_metrics_input *input, struct arena *arena,
                          struct testing_metrics *out);

/* Whether `path` (relative) names a coverage report prodready looks for in
 * a tree (coverage.xml, lcov.info, jacoco.xml …), outside test data. */
bool test_metrics_is_report_name(const char *path);

#endif
