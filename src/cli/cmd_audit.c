/*
 * cmd_audit: `prodready audit [PATH] [options]` — runs the pipeline, writes
 * the report, prints warnings and progress on stderr, and applies the gates.
 * Exit codes: 0 done and gates passed, 1 a gate failed, 2 usage error or the
 * audit could not run.
 */
#include "audit/audit.h"
#include "cli/cli.h"
#include "config/config.h"
#include "report/report.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char audit_help[] =
    "usage: prodready audit [PATH] [options]\n"
    "\n"
    "Audits the repository at PATH (default: the current directory) and prints a report.\n"
    "Inside a git work tree the files are the tracked ones plus untracked files git does\n"
    "not ignore; elsewhere every file not excluded by .gitignore files. Binary files, files\n"
    "over the size limit, vendored trees and generated files are skipped and counted.\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT      report format: text (default), json, md, html, sarif\n"
    "                           or junit\n"
    "  -o, --output FILE        write the report to FILE instead of standard output\n"
    "      --output-dir DIR     write each format given to --format (comma-separated,\n"
    "                           e.g. md,html,sarif,json) to DIR/prodready.<ext>\n"
    "  -j, --jobs N             worker threads (default: number of online CPUs)\n"
    "  -c, --config FILE        configuration file (default: PATH/.prodready.yml if present)\n"
    "      --fail-under SCORE   exit 1 when the overall score is below SCORE (0-100)\n"
    "      --fail-on SEVERITY   exit 1 when a finding of SEVERITY or worse stands\n"
    "                           (critical, high, medium, low, info)\n"
    "      --baseline FILE      compare with an earlier 'audit --format json' report:\n"
    "                           its findings are marked baseline and only new ones\n"
    "                           count for --fail-on (default with a baseline: low)\n"
    "      --history            also scan every commit reachable from HEAD for secrets\n"
    "                           that were added and later deleted (they must be rotated)\n"
    "      --max-file-size SIZE skip files larger than SIZE bytes (suffixes k, M, G;\n"
    "                           default 5M)\n"
    "      --rules FILE         also run the rules of this rule pack (repeatable; the\n"
    "                           format of docs/rules.md); a bad pack is skipped with a\n"
    "                           warning naming its file and line\n"
    "      --fail-on-targets    exit 1 when a success criterion (config targets:, or the\n"
    "                           defaults of docs/scoring.md) is unmet\n"
    "      --db FILE            history database the audit is saved to\n"
    "                           (default: PATH/.prodready/history.db)\n"
    "      --no-save            do not save this audit to the history\n"
    "      --capacity HOURS     remediation schedule: hours a week per person (default 40)\n"
    "      --team N             remediation schedule: people working on it (default 1)\n"
    "      --hourly-rate AMOUNT cost the remediation plan at this rate per hour\n"
    "      --coverage FILE      read a coverage report (Cobertura or JaCoCo XML, lcov,\n"
    "                           coverage.py JSON, Go cover profile); repeatable\n"
    "      --coverage-target PERCENT  line coverage wanted (default 80)\n"
    "      --junit FILE         read JUnit XML test results; repeatable\n"
    "      --advisories PATH    look the exact dependency versions up in an offline OSV\n"
    "                           export: a directory of OSV JSON files or an ecosystem's\n"
    "                           all.zip (docs/advisories.md); without it known\n"
    "                           vulnerabilities are reported as not checked\n"
    "  -q, --quiet              no warnings or progress on standard error\n"
    "      --no-progress        no progress line on standard error\n"
    "  -h, --help               show this help\n"
    "\n"
    "Colour is used only when the text report goes to a terminal and NO_COLOR is not set.\n"
    "Exit codes: 0 done and gates passed, 1 a gate failed, 2 usage error or the audit\n"
    "could not run.\n"
    "\n"
    "examples:\n"
    "  prodready audit\n"
    "  prodready audit ../service --format json --output report.json\n"
    "  prodready audit . --fail-on critical --fail-under 70\n"
    "  prodready audit . --baseline main-report.json --fail-on high\n"
    "  prodready audit . --format md,html,sarif,json --output-dir reports\n"
    "\n"
    "A prodready:ignore comment naming a finding's rule id, on its line or alone on the\n"
    "line above, suppresses it; see docs/configuration.md.\n";

enum { AUDIT_WARNINGS_SHOWN = 20, AUDIT_RULE_PACKS_MAX = 32 };

struct audit_progress_state {
    bool shown;
};

static void audit_progress_print(void *user, size_t done, size_t total, double elapsed)
{
    struct audit_progress_state *state = user;
    /* Short audits stay silent: a progress line that flashes is noise. */
    if (elapsed < 1.0)
        return;
    fprintf(stderr, "\rprodready: analysing files %zu/%zu (%.0f%%)", done, total,
            total ? 100.0 * (double)done / (double)total : 100.0);
    fflush(stderr);
    state->shown = true;
}

static void audit_history_progress_print(void *user, size_t commits, double elapsed)
{
    struct audit_progress_state *state = user;
    if (elapsed < 1.0)
        return;
    fprintf(stderr, "\r\033[Kprodready: scanning git history: %zu commits (%.0f/s)", commits,
            elapsed > 0 ? (double)commits / elapsed : 0.0);
    fflush(stderr);
    state->shown = true;
}

int cmd_audit(int argc, char **argv)
{
    const char *path = NULL, *format = "text", *output = NULL, *config_path = NULL;
    const char *baseline_path = NULL;
    bool fail_on_by_baseline = false; /* the gate is the baseline's default, not --fail-on */
    uint64_t jobs = 0, max_file_size = 0, fail_under = 0;
    bool have_fail_under = false, have_fail_on = false, quiet = false, no_progress = false;
    bool have_jobs = false, history = false;
    enum severity fail_on = SEVERITY_CRITICAL;
    struct plan_settings plan = {0};
    const char *rule_packs[AUDIT_RULE_PACKS_MAX];
    size_t rule_pack_count = 0;
    const char *output_dir = NULL;
    size_t format_count = 1;
    const char *database = NULL;
    bool save = true, fail_on_targets = false;
    /* --coverage and --junit point into argv, which outlives the audit. */
    const char **coverage_files = NULL, **junit_files = NULL;
    size_t coverage_count = 0, coverage_capacity = 0, junit_count = 0, junit_capacity = 0;
    double coverage_target = 0;
    const char *advisories = NULL; /* --advisories, else the config's advisories: */

    for (int i = 1; i < argc; i++) {
        const char *argument = argv[i], *value = NULL;
        bool missing = false;
        if (strcmp(argument, "-h") == 0 || strcmp(argument, "--help") == 0) {
            fputs(audit_help, stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(argument, "-q") == 0 || strcmp(argument, "--quiet") == 0) {
            quiet = true;
        } else if (strcmp(argument, "--no-progress") == 0) {
            no_progress = true;
        } else if (strcmp(argument, "--history") == 0) {
            history = true;
        } else if (strcmp(argument, "--fail-on-targets") == 0) {
            fail_on_targets = true;
        } else if (strcmp(argument, "--no-save") == 0) {
            save = false;
        } else if (cli_option_value(argc, argv, &i, "--rules", NULL, &value, &missing)) {
            if (missing || !*value)
                return cli_usage_error("audit", "--rules needs a rule-pack file");
            if (rule_pack_count == AUDIT_RULE_PACKS_MAX)
                return cli_usage_error("audit", "at most %d --rules packs", AUDIT_RULE_PACKS_MAX);
            rule_packs[rule_pack_count++] = value;
        } else if (cli_option_value(argc, argv, &i, "--advisories", NULL, &value, &missing)) {
            if (missing || !*value)
                return cli_usage_error("audit", "--advisories needs the path of an OSV export "
                                                "(a directory of OSV JSON files or all.zip)");
            advisories = value;
        } else if (cli_option_value(argc, argv, &i, "--db", NULL, &value, &missing)) {
            if (missing || !*value)
                return cli_usage_error("audit", "--db needs a file name");
            database = value;
        } else if (cli_option_value(argc, argv, &i, "--format", "-f", &value, &missing)) {
            if (missing)
                return cli_usage_error("audit", "--format needs a value (%s)",
                                       report_writer_names());
            const char *bad = NULL;
            format_count = cli_formats_parse(value, &bad);
            if (format_count == 0)
                return cli_usage_error("audit",
                                       "unknown, empty or repeated format at '%s'; use one or "
                                       "more of: %s (comma-separated)",
                                       bad, report_writer_names());
            format = value;
        } else if (cli_option_value(argc, argv, &i, "--output-dir", NULL, &value, &missing)) {
            if (missing || !*value)
                return cli_usage_error("audit", "--output-dir needs a directory");
            output_dir = value;
        } else if (cli_option_value(argc, argv, &i, "--output", "-o", &value, &missing)) {
            if (missing || !*value)
                return cli_usage_error("audit", "--output needs a file name");
            output = value;
        } else if (cli_option_value(argc, argv, &i, "--jobs", "-j", &value, &missing)) {
            if (missing || !cli_parse_uint(value, 256, &jobs) || jobs == 0)
                return cli_usage_error("audit",
                                       "--jobs needs a whole number from 1 to 256, "
                                       "got '%s'",
                                       value ? value : "");
            have_jobs = true;
        } else if (cli_option_value(argc, argv, &i, "--config", "-c", &value, &missing)) {
            if (missing || !*value)
                return cli_usage_error("audit", "--config needs a file name");
            config_path = value;
        } else if (cli_option_value(argc, argv, &i, "--fail-under", NULL, &value, &missing)) {
            if (missing || !cli_parse_uint(value, 100, &fail_under))
                return cli_usage_error("audit",
                                       "--fail-under needs a score from 0 to 100, "
                                       "got '%s'",
                                       value ? value : "");
            have_fail_under = true;
        } else if (cli_option_value(argc, argv, &i, "--fail-on", NULL, &value, &missing)) {
            if (missing || !severity_parse(value, &fail_on))
                return cli_usage_error("audit",
                                       "--fail-on needs a severity (critical, high, "
                                       "medium, low, info), got '%s'",
                                       value ? value : "");
            have_fail_on = true;
        } else if (cli_option_value(argc, argv, &i, "--baseline", NULL, &value, &missing)) {
            if (missing || !*value)
                return cli_usage_error("audit", "--baseline needs the file of an earlier "
                                                "'prodready audit --format json' report");
            baseline_path = value;
        } else if (cli_option_value(argc, argv, &i, "--max-file-size", NULL, &value, &missing)) {
            if (missing || !config_parse_size(value, &max_file_size))
                return cli_usage_error("audit",
                                       "--max-file-size needs a size such as 5242880, "
                                       "512k or 5M, got '%s'",
                                       value ? value : "");
        } else if (cli_option_value(argc, argv, &i, "--capacity", NULL, &value, &missing)) {
            if (missing || !config_parse_positive(value, 168, &plan.capacity_hours))
                return cli_usage_error(
                    "audit",
                    "--capacity needs hours a week, more than 0 and at most 168, "
                    "got '%s'",
                    value ? value : "");
        } else if (cli_option_value(argc, argv, &i, "--team", NULL, &value, &missing)) {
            uint64_t team = 0;
            if (missing || !cli_parse_uint(value, 1000, &team) || team == 0)
                return cli_usage_error("audit",
                                       "--team needs a number of people from 1 to 1000, "
                                       "got '%s'",
                                       value ? value : "");
            plan.team = (unsigned)team;
        } else if (cli_option_value(argc, argv, &i, "--hourly-rate", NULL, &value, &missing)) {
            if (missing || !config_parse_positive(value, 1e6, &plan.hourly_rate))
                return cli_usage_error("audit",
                                       "--hourly-rate needs a positive amount such as 85 "
                                       "or 92.5, got '%s'",
                                       value ? value : "");
        } else if (cli_option_value(argc, argv, &i, "--coverage-target", NULL, &value, &missing)) {
            if (missing || !config_parse_positive(value, 100, &coverage_target)) {
                free(coverage_files);
                free(junit_files);
                return cli_usage_error("audit",
                                       "--coverage-target needs a percentage above 0 and at "
                                       "most 100, got '%s'",
                                       value ? value : "");
            }
        } else if (cli_option_value(argc, argv, &i, "--coverage", NULL, &value, &missing) ||
                   cli_option_value(argc, argv, &i, "--junit", NULL, &value, &missing)) {
            bool junit = strncmp(argument, "--junit", 7) == 0;
            if (missing || !*value || access(value, R_OK) != 0) {
                free(coverage_files);
                free(junit_files);
                return cli_usage_error("audit", "%s needs a readable file, got '%s'",
                                       junit ? "--junit" : "--coverage", value ? value : "");
            }
            if (junit) {
                junit_files =
                    xgrow(junit_files, &junit_capacity, junit_count + 1, sizeof(*junit_files));
                junit_files[junit_count++] = value;
            } else {
                coverage_files = xgrow(coverage_files, &coverage_capacity, coverage_count + 1,
                                       sizeof(*coverage_files));
                coverage_files[coverage_count++] = value;
            }
        } else if (argument[0] == '-' && argument[1] != '\0') {
            return cli_usage_error("audit", "unknown option '%s'; see 'prodready audit --help'",
                                   argument);
        } else if (path) {
            return cli_usage_error("audit", "one PATH only (got '%s' and '%s')", path, argument);
        } else {
            path = argument;
        }
    }
    if (!path)
        path = ".";
    if (format_count > 1 && !output_dir)
        return cli_usage_error("audit", "several formats need --output-dir DIR (one file each)");
    if (output && output_dir)
        return cli_usage_error("audit", "--output and --output-dir exclude each other");

    /* Configuration: command-line options win over the file. */
    struct config config = {0};
    struct strbuf config_error = STRBUF_INIT;
    struct strbuf default_config = STRBUF_INIT;
    if (!config_path) {
        strbuf_printf(&default_config, "%s/.prodready.yml", path);
        struct stat info;
        if (stat(default_config.data, &info) == 0 && S_ISREG(info.st_mode))
            config_path = default_config.data;
    }
    /* The user's rule packs first (--rules, then the config's rule_packs),
     * so the config may name their rules. */
    char **config_packs = NULL;
    size_t config_pack_count = config_path ? config_peek_rule_packs(config_path, &config_packs) : 0;
    for (size_t i = 0; i < config_pack_count && rule_pack_count < AUDIT_RULE_PACKS_MAX; i++)
        rule_packs[rule_pack_count++] = config_packs[i];
    int packs_status =
        rule_pack_count > 0 ? cli_load_rule_packs(rule_packs, rule_pack_count, quiet) : 0;
    for (size_t i = 0; i < config_pack_count; i++)
        free(config_packs[i]);
    free(config_packs);
    if (packs_status < 0) {
        strbuf_release(&config_error);
        strbuf_release(&default_config);
        return CLI_EXIT_USAGE;
    }
    if (config_path && config_load(config_path, &config, &config_error) != 0) {
        fprintf(stderr, "prodready audit: bad config: %s\n", config_error.data);
        strbuf_release(&config_error);
        strbuf_release(&default_config);
        config_release(&config);
        return CLI_EXIT_USAGE;
    }
    strbuf_release(&config_error);
    /* Suppressions cite the config by its name in the audited tree. */
    if (config_path && config_path == default_config.data) {
        free(config.path);
        config.path = xstrdup(".prodready.yml");
    }
    if (!have_jobs && config.jobs)
        jobs = config.jobs;
    if (!(plan.capacity_hours > 0))
        plan.capacity_hours = config.plan.capacity_hours;
    if (!plan.team)
        plan.team = config.plan.team;
    if (!(plan.hourly_rate > 0))
        plan.hourly_rate = config.plan.hourly_rate;
    if (!max_file_size && config.max_file_size)
        max_file_size = config.max_file_size;
    if (!have_fail_under && config.has_fail_under) {
        have_fail_under = true;
        fail_under = (uint64_t)config.fail_under;
    }
    if (!have_fail_on && config.has_fail_on) {
        have_fail_on = true;
        fail_on = config.fail_on;
    }
    if (!advisories)
        advisories = config.advisories;
    /* An export that is not there is a mistake in the invocation, not a
     * reason to report "not checked" and carry on. */
    struct stat advisories_info;
    if (advisories && stat(advisories, &advisories_info) != 0) {
        fprintf(stderr,
                "prodready audit: cannot read the advisories at %s: %s (give an OSV export: a "
                "directory of OSV JSON files or an all.zip; see docs/advisories.md)\n",
                advisories, strerror(errno));
        free(coverage_files);
        free(junit_files);
        strbuf_release(&default_config);
        config_release(&config);
        return CLI_EXIT_USAGE;
    }

    /* A baseline gates new findings even without --fail-on: the point of
     * one is to fail on what a change introduces. Info findings cost
     * nothing in the score, so they do not fail it either. */
    struct suppress_baseline baseline = {0};
    if (baseline_path) {
        struct strbuf baseline_error = STRBUF_INIT;
        if (suppress_baseline_load(baseline_path, &baseline, &baseline_error) != 0) {
            fprintf(stderr, "prodready audit: %s\n", baseline_error.data);
            strbuf_release(&baseline_error);
            strbuf_release(&default_config);
            config_release(&config);
            return CLI_EXIT_USAGE;
        }
        strbuf_release(&baseline_error);
        if (!have_fail_on) {
            have_fail_on = true;
            fail_on_by_baseline = true;
            fail_on = SEVERITY_LOW;
        }
    }

    struct audit_progress_state progress_state = {0};
    struct audit_options options = {
        .path = path,
        .jobs = (unsigned)jobs,
        .max_file_size = max_file_size,
        .history = history,
        .config = &config,
        .baseline = baseline_path ? &baseline : NULL,
        .plan = plan,
        .coverage_files = coverage_files,
        .coverage_file_count = coverage_count,
        .junit_files = junit_files,
        .junit_file_count = junit_count,
        .coverage_target = coverage_target,
        .advisories = advisories,
    };
    if (!quiet && !no_progress && isatty(STDERR_FILENO)) {
        options.progress = audit_progress_print;
        options.history_progress = audit_history_progress_print;
        options.progress_user = &progress_state;
    }
    struct audit_result *result = NULL;
    struct strbuf error = STRBUF_INIT;
    int status = audit_run(&options, &result, &error);
    free(coverage_files);
    free(junit_files);
    suppress_baseline_release(&baseline);
    if (progress_state.shown)
        fputs("\r\033[K", stderr);
    if (status != 0) {
        fprintf(stderr, "prodready audit: %s\n", error.data);
        strbuf_release(&error);
        strbuf_release(&default_config);
        config_release(&config);
        return CLI_EXIT_USAGE;
    }
    strbuf_release(&error);

    if (!quiet) {
        for (size_t i = 0; i < result->warning_count && i < AUDIT_WARNINGS_SHOWN; i++)
            fprintf(stderr, "prodready: warning: %s\n", result->warnings[i]);
        if (result->warning_count > AUDIT_WARNINGS_SHOWN)
            fprintf(stderr, "prodready: … and %zu more warnings (all are in the JSON report)\n",
                    result->warning_count - AUDIT_WARNINGS_SHOWN);
    }

    if (cli_write_reports(result, format, output, output_dir, path, database) != 0) {
        audit_result_free(result);
        strbuf_release(&default_config);
        config_release(&config);
        return CLI_EXIT_USAGE;
    }

    if (save)
        cli_history_save(result, path, database, quiet);

    int exit_code = CLI_EXIT_OK;
    if (have_fail_under && result->score < (int)fail_under) {
        if (!quiet)
            fprintf(stderr, "prodready: gate failed: score %d is below --fail-under %d\n",
                    result->score, (int)fail_under);
        exit_code = CLI_EXIT_GATE_FAILED;
    }
    if (have_fail_on) {
        size_t count = 0;
        /* Against a baseline only new findings count (suppressed ones are
         * not in this list at all). */
        for (size_t i = 0; i < result->finding_count; i++)
            count += result->findings[i].severity >= fail_on && !result->findings[i].baseline;
        if (count) {
            if (!quiet)
                fprintf(stderr,
                        "prodready: gate failed: %zu %sfinding(s) of severity %s or worse "
                        "(%s %s)\n",
                        count, result->baseline_file ? "new " : "", severity_id(fail_on),
                        fail_on_by_baseline ? "--baseline without --fail-on: default" : "--fail-on",
                        severity_id(fail_on));
            exit_code = CLI_EXIT_GATE_FAILED;
        }
    }
    if (fail_on_targets) {
        size_t unmet = 0;
        for (size_t i = 0; i < result->target_count; i++)
            unmet += result->targets[i].status == TARGET_UNMET;
        if (unmet) {
            if (!quiet)
                fprintf(stderr, "prodready: gate failed: %zu target%s unmet (--fail-on-targets)\n",
                        unmet, unmet == 1 ? "" : "s");
            exit_code = CLI_EXIT_GATE_FAILED;
        }
    }
    audit_result_free(result);
    strbuf_release(&default_config);
    config_release(&config);
    return exit_code;
}
