/*
 * cmd_config: `prodready config --check [FILE]` validates a configuration
 * file the way an audit reads it (every problem as FILE:LINE: what was
 * expected) without auditing, and `prodready init [DIR]` writes a commented
 * starter .prodready.yml. Neither audits anything.
 */
#include "cli/cli.h"
#include "config/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char config_help[] =
    "usage: prodready config --check [FILE]\n"
    "\n"
    "Validates a configuration file (default: ./.prodready.yml) exactly as 'prodready\n"
    "audit' reads it, including the rule packs it names, and prints each problem as\n"
    "FILE:LINE: what was expected. Exits 0 when the file is valid, 2 otherwise.\n"
    "\n"
    "options:\n"
    "      --check   validate (the only action today)\n"
    "  -h, --help    show this help\n";

static const char init_help[] =
    "usage: prodready init [DIR] [--force]\n"
    "\n"
    "Writes DIR/.prodready.yml (default: the current directory): a commented starter\n"
    "configuration with every setting prodready reads, all commented out, so the file\n"
    "changes nothing until you edit it. Refuses to overwrite an existing file unless\n"
    "--force is given.\n";

/* Every setting, commented out: the defaults stay in force until edited. */
static const char init_template[] =
    "# prodready configuration (docs/configuration.md). Every setting below is\n"
    "# commented out, so this file changes nothing until you edit it.\n"
    "# Check it with: prodready config --check .prodready.yml\n"
    "\n"
    "# Gates for CI: exit 1 below a score, or while a finding this severe stands.\n"
    "# fail_under: 70\n"
    "# fail_on: critical\n"
    "\n"
    "# Files not audited at all (gitignore syntax).\n"
    "# exclude:\n"
    "#   - tests/fixtures/**\n"
    "#   - third_party/**\n"
    "\n"
    "# Rules: drop, re-rate or suppress (with a reason) by id or family.*.\n"
    "# rules:\n"
    "#   disable: [docs.no-adr]\n"
    "#   severity:\n"
    "#     docs.no-changelog: info\n"
    "#   ignore:\n"
    "#     - rule: secrets.generic-assignment\n"
    "#       paths: [docs/examples/**]\n"
    "#       reason: documentation samples, not credentials\n"
    "\n"
    "# Your own rule packs (the format of docs/rules.md), relative to this file.\n"
    "# rule_packs: [policies/trading-safety.yml]\n"
    "\n"
    "# An offline OSV export (a directory or all.zip) for known vulnerabilities,\n"
    "# relative to this file (docs/advisories.md).\n"
    "# advisories: .cache/osv\n"
    "\n"
    "# Category weights in the overall score (0 leaves a category out).\n"
    "# weights:\n"
    "#   security: 3\n"
    "#   testing: 2\n"
    "\n"
    "# The lowest score of each grade (F is below D).\n"
    "# grades:\n"
    "#   A: 90\n"
    "#   B: 80\n"
    "#   C: 70\n"
    "#   D: 60\n"
    "\n"
    "# The remediation schedule: hours a week per person, people, cost per hour.\n"
    "# plan:\n"
    "#   capacity_hours: 40\n"
    "#   team: 1\n"
    "#   hourly_rate: 90\n"
    "\n"
    "# Limits.\n"
    "# max_file_size: 5M\n"
    "# jobs: 4\n";

int cmd_config(int argc, char **argv)
{
    const char *path = NULL;
    bool check = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(config_help, stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(argv[i], "--check") == 0) {
            check = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("config", "unknown option '%s'", argv[i]);
        } else if (path) {
            return cli_usage_error("config", "one FILE only");
        } else {
            path = argv[i];
        }
    }
    if (!check)
        return cli_usage_error("config", "say what to do: --check");
    if (!path)
        path = ".prodready.yml";
    char **packs = NULL;
    size_t pack_count = config_peek_rule_packs(path, &packs);
    int status =
        pack_count ? cli_load_rule_packs((const char *const *)packs, pack_count, false) : 0;
    for (size_t i = 0; i < pack_count; i++)
        free(packs[i]);
    free(packs);
    struct config config = {0};
    struct strbuf error = STRBUF_INIT;
    if (config_load(path, &config, &error) != 0) {
        fprintf(stderr, "%s\n", error.data);
        status = -1;
    }
    config_release(&config);
    strbuf_release(&error);
    if (status != 0)
        return CLI_EXIT_USAGE;
    printf("%s: valid\n", path);
    return CLI_EXIT_OK;
}

int cmd_init(int argc, char **argv)
{
    const char *directory = ".";
    bool force = false, have_directory = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(init_help, stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(argv[i], "--force") == 0) {
            force = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("init", "unknown option '%s'", argv[i]);
        } else if (have_directory) {
            return cli_usage_error("init", "one DIR only");
        } else {
            directory = argv[i];
            have_directory = true;
        }
    }
    struct strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/.prodready.yml", directory);
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL);
    int fd = open(path.data, flags, 0666);
    if (fd < 0) {
        if (errno == EEXIST)
            fprintf(stderr, "prodready init: %s exists; edit it, or use --force to replace it\n",
                    path.data);
        else
            fprintf(stderr, "prodready init: cannot write %s: %s\n", path.data, strerror(errno));
        strbuf_release(&path);
        return CLI_EXIT_USAGE;
    }
    size_t length = strlen(init_template);
    bool written = write(fd, init_template, length) == (ssize_t)length;
    if (close(fd) != 0)
        written = false;
    if (!written) {
        fprintf(stderr, "prodready init: writing %s failed\n", path.data);
        strbuf_release(&path);
        return CLI_EXIT_USAGE;
    }
    printf("wrote %s: every setting is commented out; check it with "
           "'prodready config --check %s'\n",
           path.data, path.data);
    strbuf_release(&path);
    return CLI_EXIT_OK;
}
