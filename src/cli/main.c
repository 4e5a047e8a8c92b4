/*
 * main: the command table and dispatch (one file per command, as git's
 * builtin/). Global --help and --version live here; everything else is a
 * command's business.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct cli_command commands[] = {
    {"audit", "audit a repository and report its production readiness", cmd_audit},
    {"files", "list the files an audit reads, with language, role and lines", cmd_files},
    {"rules", "list every rule prodready knows", cmd_rules},
    {"explain", "print everything about one rule", cmd_explain},
    {"history", "list the stored audits of a repository, with the score trend", cmd_history},
    {"diff", "compare two audits: score deltas, new and fixed findings", cmd_diff},
    {"secrets", "scan the files named for secrets (for pre-commit hooks)", cmd_secrets},
    {"init", "write a commented starter .prodready.yml", cmd_init},
    {"config", "validate a configuration file (config --check)", cmd_config},
    {"version", "print the version of prodready and of its libraries", cmd_version},
};

static void main_print_help(FILE *out)
{
    fputs("usage: prodready <command> [options]\n"
          "\n"
          "prodready audits a source repository for production readiness: category scores,\n"
          "a grade, a verdict, blockers and findings with file and line, and a remediation\n"
          "plan. It reads files only; it never runs the audited code.\n"
          "\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Run 'prodready <command> --help' for a command's options.\n"
          "Exit codes: 0 done and gates passed, 1 a gate failed, 2 usage error or the audit\n"
          "could not run.\n",
          out);
}

int cli_usage_error(const char *command, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "prodready%s%s: ", command ? " " : "", command ? command : "");
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    return CLI_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        main_print_help(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        if (strcmp(name, "help") == 0 && argc > 2) {
            char help[] = "--help";
            char *forwarded[] = {argv[2], help, NULL};
            for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
                if (strcmp(commands[i].name, argv[2]) == 0)
                    return commands[i].run(2, forwarded);
            return cli_usage_error(NULL, "unknown command '%s'; run 'prodready --help'", argv[2]);
        }
        main_print_help(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        return cmd_version(1, argv + 1);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(commands[i].name, name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    if (name[0] == '-')
        return cli_usage_error(NULL, "unknown option '%s'; run 'prodready --help'", name);
    return cli_usage_error(
        NULL,
        "unknown command '%s'; commands are audit, files, rules, explain, version "
        "(run 'prodready --help')",
        name);
}
