/*
 * test_metrics: gathers the test metrics of one audit (see test_metrics.h).
 */
#include "metrics/test_metrics.h"
#include "metrics/coverage.h"
#include "metrics/junit_results.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Names coverage tools write by default (coverage.py's `coverage xml` and
 * `coverage json`, Istanbul's cobertura and lcov reporters, JaCoCo's Maven
 * and Gradle tasks, `go test -coverprofile` as the Go docs and Codecov
 * examples spell it). */
static const char *const test_metrics_report_names[] = {
    "coverage.xml",         "cobertura.xml", "cobertura-coverage.xml", "jacoco.xml",
    "jacocoTestReport.xml", "lcov.info",     "coverage.lcov",          "coverage.json",
    "coverage.out",         "cover.out",     "coverage.txt",           NULL};

/* Where those land when nobody commits them (read directly, by path). */
static const char *const test_metrics_report_paths[] = {
    "coverage.xml",
    "coverage.json",
    "lcov.info",
    "coverage.out",
    "cover.out",
    "coverage/lcov.info",
    "coverage/cobertura-coverage.xml",
    "target/site/jacoco/jacoco.xml",
    "build/reports/jacoco/test/jacocoTestReport.xml",
    NULL};

bool test_metrics_is_report_name(const char *path)
{
    static const char *const data_dirs[] = {"fixtures",  "fixture", "testdata", "test_data",
                                            "test-data", "corpus",  NULL};
    const char *base = text_basename(path);
    bool named = false;
    for (size_t i = 0; test_metrics_report_names[i]; i++)
        named = named || strcmp(base, test_metrics_report_names[i]) == 0;
    if (!named)
        return false;
    /* A report under test data is an input of some test, not this
     * project's coverage. */
    for (const char *start = path; start < base;) {
        const char *slash = memchr(start, '/', (size_t)(base - start));
        if (!slash)
            break;
        for (size_t i = 0; data_dirs[i]; i++)
            if (text_equals_nocase(start, (size_t)(slash - start), data_dirs[i]))
                return false;
        start = slash + 1;
    }
    return true;
}

/* `path` under `root`, or as given when `root` is NULL (a --coverage or
 * --junit argument). */
static void test_metrics_full_path(const char *root, const char *path, struct strbuf *full)
{
    if (root)
        strbuf_printf(full, "%s/%s", root, path);
    else
        strbuf_append_str(full, path);
}

/* Reads a regular file of at most `limit` bytes; NULL with errno set. With
 * `root`, the resolved path must stay inside it. */
static char *test_metrics_read(const char *root, const char *path, size_t limit, size_t *length)
{
    struct strbuf full = STRBUF_INIT;
    test_metrics_full_path(root, path, &full);
    char resolved[PATH_MAX];
    if (root) {
        size_t root_length = strlen(root);
        if (!realpath(full.data, resolved) || strncmp(resolved, root, root_length) != 0 ||
            resolved[root_length] != '/') {
            if (errno == 0 || errno == EEXIST)
                errno = EACCES;
            strbuf_release(&full);
            return NULL;
        }
    }
    int fd = open(root ? resolved : full.data, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    strbuf_release(&full);
    if (fd < 0)
        return NULL;
    struct stat info;
    if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    if ((uint64_t)info.st_size > limit) {
        close(fd);
        errno = EFBIG;
        return NULL;
    }
    size_t capacity = (size_t)info.st_size + 1, used = 0;
    char *data = xmalloc(capacity);
    for (;;) {
        if (used + 1 >= capacity) {
            if (capacity > limit) {
                free(data);
                close(fd);
                errno = EFBIG;
                return NULL;
            }
            data = xgrow(data, &capacity, capacity * 2, 1);
        }
        ssize_t got = read(fd, data + used, capacity - used - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int saved = errno;
            free(data);
            close(fd);
            errno = saved;
            return NULL;
        }
        if (got == 0)
            break;
        used += (size_t)got;
    }
    close(fd);
    data[used] = '\0';
    *length = used;
    return data;
}

struct test_metrics_state {
    struct arena *arena;
    struct testing_metrics *out;
    const char *root;
    struct coverage_file *files; /* every report's files (paths owned) */
    size_t file_count, file_capacity;
    struct coverage_counts summary_only; /* reports without per-file data */
    const char **sources;
    size_t source_count, source_capacity;
    const char **tried; /* every report looked at, read or not */
    size_t tried_count, tried_capacity;
    const char **problems;
    size_t problem_count, problem_capacity;
};

static void test_metrics_problem(struct test_metrics_state *state, const char *file,
                                 const char *reason)
{
    state->problems = xgrow(state->problems, &state->problem_capacity, state->problem_count + 1,
                            sizeof(*state->problems));
    state->problems[state->problem_count++] = arena_printf(state->arena, "%s: %s", file, reason);
}

/* Whether `label` was looked at already; records it otherwise. */
static bool test_metrics_seen(struct test_metrics_state *state, const char *label)
{
    for (size_t i = 0; i < state->tried_count; i++)
        if (strcmp(state->tried[i], label) == 0)
            return true;
    state->tried =
        xgrow(state->tried, &state->tried_capacity, state->tried_count + 1, sizeof(*state->tried));
    state->tried[state->tried_count++] = label;
    return false;
}

/* A path a report names, relative to the root when it is inside it. */
static char *test_metrics_relative(const struct test_metrics_state *state, const char *path)
{
    size_t root_length = state->root ? strlen(state->root) : 0;
    if (root_length && strncmp(path, state->root, root_length) == 0 && path[root_length] == '/')
        return xstrdup(path + root_length + 1);
    return xstrdup(path);
}

/* Reads one coverage report. `quiet_unknown`: a file that merely has a
 * report's name (coverage.txt) but another format is not a problem. */
static void test_metrics_coverage_file(struct test_metrics_state *state, const char *root,
                                       const char *path, const char *label, bool quiet_unknown)
{
    if (test_metrics_seen(state, label))
        return;
    size_t length = 0;
    char *data = test_metrics_read(root, path, COVERAGE_MAX_REPORT_BYTES, &length);
    if (!data) {
        if (!(root && errno == ENOENT))
            test_metrics_problem(state, label,
                                 errno == EFBIG
                                     ? "coverage report too large: not read"
                                     : arena_printf(state->arena, "cannot read coverage report: %s",
                                                    strerror(errno)));
        return;
    }
    if (quiet_unknown && coverage_detect(data, length) == COVERAGE_FORMAT_UNKNOWN) {
        free(data);
        return;
    }
    struct coverage_report report;
    struct strbuf error = STRBUF_INIT;
    if (coverage_parse(data, length, &report, &error) != 0) {
        test_metrics_problem(
            state, label, arena_printf(state->arena, "coverage report not read: %s", error.data));
    } else {
        state->sources = xgrow(state->sources, &state->source_capacity, state->source_count + 1,
                               sizeof(*state->sources));
        state->sources[state->source_count++] = arena_strdup(state->arena, label);
        if (!report.file_count) {
            state->summary_only.lines_covered += report.totals.lines_covered;
            state->summary_only.lines_total += report.totals.lines_total;
            state->summary_only.branches_covered += report.totals.branches_covered;
            state->summary_only.branches_total += report.totals.branches_total;
        }
        for (size_t i = 0; i < report.file_count; i++) {
            state->files = xgrow(state->files, &state->file_capacity, state->file_count + 1,
                                 sizeof(*state->files));
            state->files[state->file_count++] = (struct coverage_file){
                .path = test_metrics_relative(state, report.files[i].path),
                .counts = report.files[i].counts,
            };
        }
    }
    coverage_report_release(&report);
    strbuf_release(&error);
    free(data);
}

static int test_metrics_file_compare(const void *left, const void *right)
{
    const struct coverage_file *a = left, *b = right;
    int order = strcmp(a->path, b->path);
    if (order)
        return order;
    /* The fullest record of a file first: it is the one kept. */
    if (a->counts.lines_total != b->counts.lines_total)
        return a->counts.lines_total > b->counts.lines_total ? -1 : 1;
    if (a->counts.lines_covered != b->counts.lines_covered)
        return a->counts.lines_covered > b->counts.lines_covered ? -1 : 1;
    return 0;
}

static int test_metrics_least_compare(const void *left, const void *right)
{
    const struct coverage_file_percent *a = left, *b = right;
    if (a->percent != b->percent)
        return a->percent < b->percent ? -1 : 1;
    uint64_t missed_a = a->total - a->covered, missed_b = b->total - b->covered;
    if (missed_a != missed_b)
        return missed_a > missed_b ? -1 : 1;
    return strcmp(a->file, b->file);
}

/* Combines the reports: a file two reports both cover (coverage.xml and
 * coverage.json of one run) counts once, with its fullest record. */
static void test_metrics_coverage_totals(struct test_metrics_state *state)
{
    struct testing_metrics *out = state->out;
    if (!state->source_count)
        return;
    if (state->file_count)
        qsort(state->files, state->file_count, sizeof(*state->files), test_metrics_file_compare);
    struct coverage_counts totals = state->summary_only;
    struct coverage_file_percent *percents =
        xcalloc(state->file_count ? state->file_count : 1, sizeof(*percents));
    size_t percent_count = 0;
    for (size_t i = 0; i < state->file_count; i++) {
        const struct coverage_file *file = &state->files[i];
        if (i && strcmp(state->files[i - 1].path, file->path) == 0)
            continue;
        totals.lines_covered += file->counts.lines_covered;
        totals.lines_total += file->counts.lines_total;
        totals.branches_covered += file->counts.branches_covered;
        totals.branches_total += file->counts.branches_total;
        if (file->counts.lines_total)
            percents[percent_count++] = (struct coverage_file_percent){
                .file = file->path,
                .percent = coverage_percent(file->counts.lines_covered, file->counts.lines_total),
                .covered = file->counts.lines_covered,
                .total = file->counts.lines_total,
            };
    }
    out->lines_covered = totals.lines_covered;
    out->lines_total = totals.lines_total;
    out->branches_covered = totals.branches_covered;
    out->branches_total = totals.branches_total;
    /* A report of nothing (0 of 0 lines) measured nothing. */
    out->coverage_measured = totals.lines_total > 0;
    out->line_percent =
        out->coverage_measured ? coverage_percent(totals.lines_covered, totals.lines_total) : 0;
    out->branch_measured = totals.branches_total > 0;
    out->branch_percent =
        out->branch_measured ? coverage_percent(totals.branches_covered, totals.branches_total) : 0;
    if (percent_count)
        qsort(percents, percent_count, sizeof(*percents), test_metrics_least_compare);
    size_t shown = percent_count;
    if (shown > TEST_METRICS_LEAST_COVERED)
        shown = TEST_METRICS_LEAST_COVERED;
    out->least_covered = arena_alloc(state->arena, (shown ? shown : 1) * sizeof(*percents));
    for (size_t i = 0; i < shown; i++) {
        out->least_covered[i] = percents[i];
        out->least_covered[i].file = arena_strdup(state->arena, percents[i].file);
    }
    out->least_covered_count = shown;
    free(percents);
}

/* Reads one JUnit results file: `path` as given (--junit, root NULL) or
 * relative to `root` (found in the tree, by name: a file that is not
 * JUnit XML by its root element is passed over in silence). */
static void test_metrics_junit(struct test_metrics_state *state, const char *root, const char *path)
{
    struct testing_metrics *out = state->out;
    /* One file named with --junit and found in the tree counts once: it is
     * known by its resolved path ("junit:" keeps it apart from coverage). */
    struct strbuf full = STRBUF_INIT;
    test_metrics_full_path(root, path, &full);
    char resolved[PATH_MAX];
    const char *identity = realpath(full.data, resolved) ? resolved : full.data;
    bool seen = test_metrics_seen(state, arena_printf(state->arena, "junit:%s", identity));
    strbuf_release(&full);
    if (seen)
        return;
    size_t length = 0;
    char *data = test_metrics_read(root, path, JUNIT_RESULTS_MAX_BYTES, &length);
    if (!data) {
        if (!(root && errno == ENOENT))
            test_metrics_problem(
                state, path,
                errno == EFBIG
                    ? "JUnit results too large: not read"
                    : arena_printf(state->arena, "cannot read JUnit results: %s", strerror(errno)));
        return;
    }
    if (root && !junit_results_sniff(data, length)) {
        free(data);
        return;
    }
    struct junit_results results;
    struct strbuf error = STRBUF_INIT;
    if (junit_results_parse(data, length, &results, &error) != 0) {
        test_metrics_problem(state, path,
                             arena_printf(state->arena, "JUnit results not read: %s", error.data));
    } else {
        out->results_read = true;
        out->tests += results.tests;
        out->failures += results.failures;
        out->errors += results.errors;
        out->results_skipped += results.skipped;
        out->time_seconds += results.time_seconds;
        const char **grown =
            arena_alloc(state->arena, (out->result_source_count + 1) * sizeof(*grown));
        if (out->result_source_count)
            memcpy(grown, out->result_sources, out->result_source_count * sizeof(*grown));
        grown[out->result_source_count++] = arena_strdup(state->arena, path);
        out->result_sources = grown;
    }
    strbuf_release(&error);
    free(data);
}

/* Where Maven Surefire/Failsafe and Gradle write their results (one
 * TEST-*.xml per test class), usually ignored by git and so absent from the
 * inventory. */
static const char *const test_metrics_junit_dirs[] = {
    "target/surefire-reports", "target/failsafe-reports", "build/test-results/test", NULL};

static int test_metrics_name_compare(const void *left, const void *right)
{
    return strcmp(*(char *const *)left, *(char *const *)right);
}

/* Reads the TEST-*.xml files of one results directory under the root, in
 * name order. A missing directory is not a problem; the path is checked to
 * stay inside the root by test_metrics_read, file by file. */
static void test_metrics_junit_dir(struct test_metrics_state *state, const char *dir)
{
    enum { JUNIT_DIR_FILES_MAX = 10000 };
    struct strbuf full = STRBUF_INIT;
    strbuf_printf(&full, "%s/%s", state->root, dir);
    DIR *directory = opendir(full.data);
    strbuf_release(&full);
    if (!directory)
        return;
    char **names = NULL;
    size_t count = 0, capacity = 0;
    for (struct dirent *entry;
         (entry = readdir(directory)) != NULL && count < JUNIT_DIR_FILES_MAX;) {
        size_t length = strlen(entry->d_name);
        if (strncmp(entry->d_name, "TEST-", 5) != 0 || length < 9 ||
            strcmp(entry->d_name + length - 4, ".xml") != 0)
            continue;
        names = xgrow(names, &capacity, count + 1, sizeof(*names));
        names[count++] = xstrdup(entry->d_name);
    }
    closedir(directory);
    if (count)
        qsort(names, count, sizeof(*names), test_metrics_name_compare);
    for (size_t i = 0; i < count; i++) {
        test_metrics_junit(state, state->root, arena_printf(state->arena, "%s/%s", dir, names[i]));
        free(names[i]);
    }
    free(names);
}

static void test_metrics_from_facts(const struct test_metrics_input *input,
                                    struct testing_metrics *out)
{
    for (size_t i = 0; i < input->file_count; i++) {
        const struct audited_file *file = &input->files[i];
        if (file->role == FILE_ROLE_TEST)
            out->test_code_lines += file->lines.code;
        if (file->role == FILE_ROLE_SOURCE && file->language) {
            out->source_files++;
            out->source_code_lines += file->lines.code;
        }
    }
    for (size_t i = 0; i < input->fact_count; i++) {
        const struct fact *fact = &input->facts[i];
        if (strcmp(fact->key, "testing.cases") == 0 && fact->value)
            out->test_cases += strtoull(fact->value, NULL, 10);
        else if (strcmp(fact->key, "testing.skip") == 0 ||
                 strcmp(fact->key, "testing.skip-conditional") == 0)
            out->skipped++;
    }
}

void test_metrics_collect(const struct test_metrics_input *input, struct arena *arena,
                          struct testing_metrics *out)
{
    memset(out, 0, sizeof(*out));
    out->coverage_target =
        input->coverage_target > 0 ? input->coverage_target : TEST_METRICS_DEFAULT_TARGET;
    test_metrics_from_facts(input, out);

    struct test_metrics_state state = {.arena = arena, .out = out, .root = input->root};
    /* Explicit reports first, then the tree's in path order. */
    for (size_t i = 0; i < input->coverage_file_count; i++)
        test_metrics_coverage_file(&state, NULL, input->coverage_files[i], input->coverage_files[i],
                                   false);
    for (size_t i = 0; input->root && i < input->entry_count; i++)
        if (test_metrics_is_report_name(input->entries[i].path))
            test_metrics_coverage_file(
                &state, input->root, input->entries[i].path, input->entries[i].path,
                strcmp(text_basename(input->entries[i].path), "coverage.txt") == 0 ||
                    strcmp(text_basename(input->entries[i].path), "coverage.json") == 0);
    for (size_t i = 0; input->root && test_metrics_report_paths[i]; i++)
        test_metrics_coverage_file(&state, input->root, test_metrics_report_paths[i],
                                   test_metrics_report_paths[i], true);
    test_metrics_coverage_totals(&state);
    out->coverage_sources = arena_alloc(arena, (state.source_count ? state.source_count : 1) *
                                                   sizeof(*out->coverage_sources));
    if (state.source_count)
        memcpy(out->coverage_sources, state.sources, state.source_count * sizeof(*state.sources));
    out->coverage_source_count = state.source_count;

    /* Explicit results first, then the tree's in path order, then the
     * report directories build tools write and nobody commits. */
    for (size_t i = 0; i < input->junit_file_count; i++)
        test_metrics_junit(&state, NULL, input->junit_files[i]);
    for (size_t i = 0; input->root && i < input->entry_count; i++)
        if (junit_results_is_report_path(input->entries[i].path))
            test_metrics_junit(&state, input->root, input->entries[i].path);
    for (size_t i = 0; input->root && test_metrics_junit_dirs[i]; i++)
        test_metrics_junit_dir(&state, test_metrics_junit_dirs[i]);

    out->problems = arena_alloc(arena, (state.problem_count ? state.problem_count : 1) *
                                           sizeof(*out->problems));
    if (state.problem_count)
        memcpy(out->problems, state.problems, state.problem_count * sizeof(*state.problems));
    out->problem_count = state.problem_count;

    for (size_t i = 0; i < state.file_count; i++)
        free(state.files[i].path);
    free(state.files);
    free(state.sources);
    free(state.tried);
    free(state.problems);
}
