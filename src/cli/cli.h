/*
 * cli: the command-line layer. It parses arguments, calls the pipeline and
 * the report writers, and maps outcomes to exit codes (DESIGN.md): it must
 * not audit, score or render anything itself.
 */
#ifndef PRODREADY_CLI_CLI_H
#define PRODREADY_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_GATE_FAILED = 1,
    CLI_EXIT_USAGE = 2,
};

struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
};

int cmd_audit(int argc, char **argv);
int cmd_files(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_secrets(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_init(int argc, char **argv);

struct audit_result;
/* Saves the audit to the history database (default ROOT/.prodready/history.db);
 * prints a warning and returns -1 when it cannot (history_save.c). */
int cli_history_save(const struct audit_result *result, const char *root, const char *database,
                     bool quiet);

/* The overall scores of the stored audits, oldest first, with this audit's
 * appended (malloc'd; caller frees); for the HTML trend chart. */
int *cli_history_scores(const struct audit_result *result, const char *root, const char *database,
                        size_t *count);

/* Validates a --format list ("md,html,sarif"): returns how many formats it
 * names, or 0 with *bad at the first unknown, empty or repeated one. */
size_t cli_formats_parse(const char *list, const char **bad);
/* Writes each format of `formats`: one to `output` (NULL: stdout), or all
 * into `output_dir` under fixed names (report_output.c). 0, or -1 after
 * printing why. */
int cli_write_reports(const struct audit_result *result, const char *formats, const char *output,
                      const char *output_dir, const char *root, const char *database);

/* Loads the user's rule packs (rule_packs.c): a bad pack is skipped with
 * warnings naming its file and line. Returns 0, 1 when a pack was skipped,
 * -1 when the accepted packs cannot be compiled together. Released at exit. */
int cli_load_rule_packs(const char *const *files, size_t count, bool quiet);

/* Prints "prodready COMMAND: MESSAGE" and one line saying where help is,
 * then returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *command, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Option scanning shared by the commands: matches `--name VALUE`,
 * `--name=VALUE` and the short form `-x VALUE`. On a match stores the value
 * (NULL when missing, which the caller reports) and advances *index. */
bool cli_option_value(int argc, char **argv, int *index, const char *long_name,
                      const char *short_name, const char **value, bool *missing);
bool cli_parse_uint(const char *text, uint64_t max, uint64_t *out);

#endif
