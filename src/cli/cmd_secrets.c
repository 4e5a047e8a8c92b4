/*
 * cmd_secrets: `prodready secrets FILE...` — the secret rules over the files
 * named (what a pre-commit hook passes: the staged files), printing one line
 * per secret, redacted, and exiting 1 when there is any. It is the content
 * scanner alone: no inventory, no scoring, no history; a full audit is
 * `prodready audit`.
 */
#include "analyzers/content_scan.h"
#include "cli/cli.h"
#include "config/config.h"
#include "util/file.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SECRETS_SNIFF_BYTES = 8000 };

static const char secrets_help[] =
    "usage: prodready secrets [options] FILE...\n"
    "\n"
    "Scans the files named with prodready's secret rules (the secrets.* rules of\n"
    "'prodready rules') and prints each secret found, redacted, as FILE:LINE:COLUMN.\n"
    "Exits 1 when a secret is found, 0 when none, 2 when a file cannot be read.\n"
    "Binary files (a NUL byte in the first 8000 bytes) are skipped; so are files\n"
    "larger than --max-file-size. Meant for pre-commit hooks (.pre-commit-hooks.yaml).\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT      text (default) or json\n"
    "      --max-file-size SIZE skip larger files (default 5M; suffixes k, M, G)\n"
    "  -h, --help               show this help\n";

struct secrets_scan {
    const char *path;
    bool json;
    json_t *list;
    size_t found;
};

static void secrets_hit(void *user, const struct content_scan_hit *hit)
{
    struct secrets_scan *scan = user;
    if (strncmp(hit->rule->id, "secrets.", 8) != 0)
        return;
    scan->found++;
    if (scan->json) {
        json_array_append_new(
            scan->list, json_pack("{s:s, s:s, s:i, s:i, s:s, s:s}", "rule", hit->rule->id, "file",
                                  scan->path, "line", hit->line, "column", hit->column, "severity",
                                  severity_id(hit->rule->severity), "secret", hit->redacted));
    } else {
        printf("%s:%d:%d: %s: %s (%s)\n", scan->path, hit->line, hit->column,
               severity_id(hit->rule->severity), hit->rule->title, hit->redacted);
    }
}

int cmd_secrets(int argc, char **argv)
{
    bool json = false;
    uint64_t max_size = 5u << 20;
    int first_file = argc;
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        bool missing = false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(secrets_help, stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(argv[i], "--") == 0) {
            first_file = i + 1;
            break;
        } else if (cli_option_value(argc, argv, &i, "--format", "-f", &value, &missing)) {
            if (missing || (strcmp(value, "text") != 0 && strcmp(value, "json") != 0))
                return cli_usage_error("secrets", "--format needs text or json, got '%s'",
                                       value ? value : "");
            json = strcmp(value, "json") == 0;
        } else if (cli_option_value(argc, argv, &i, "--max-file-size", NULL, &value, &missing)) {
            if (missing || !config_parse_size(value, &max_size))
                return cli_usage_error("secrets",
                                       "--max-file-size needs a size such as 5M, "
                                       "got '%s'",
                                       value ? value : "");
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("secrets", "unknown option '%s'", argv[i]);
        } else {
            first_file = i;
            break;
        }
    }
    if (first_file >= argc) {
        /* Nothing staged is nothing to find: pre-commit may call with no files. */
        if (json)
            puts("[]");
        return CLI_EXIT_OK;
    }
    struct content_scan_engine *engine = content_scan_builtin();
    if (!engine)
        return CLI_EXIT_USAGE;

    struct secrets_scan scan = {.json = json, .list = json ? json_array() : NULL};
    int status = CLI_EXIT_OK;
    for (int i = first_file; i < argc; i++) {
        size_t length = 0;
        char *content = file_read_all(argv[i], (size_t)max_size, &length);
        if (!content) {
            if (errno == EFBIG)
                continue; /* larger than --max-file-size: skipped, as the audit does */
            fprintf(stderr, "prodready secrets: cannot read %s: %s\n", argv[i], strerror(errno));
            status = CLI_EXIT_USAGE;
            continue;
        }
        if (!memchr(content, '\0', length < SECRETS_SNIFF_BYTES ? length : SECRETS_SNIFF_BYTES)) {
            scan.path = argv[i];
            content_scan_engine_scan(engine, argv[i], content, length, secrets_hit, &scan);
        }
        free(content);
    }
    if (json) {
        json_dumpf(scan.list, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(scan.list);
    } else if (scan.found) {
        fprintf(stderr, "prodready secrets: %zu secret%s found; remove %s and rotate %s\n",
                scan.found, scan.found == 1 ? "" : "s", scan.found == 1 ? "it" : "them",
                scan.found == 1 ? "it" : "them");
    }
    content_scan_builtin_release();
    if (status == CLI_EXIT_OK && scan.found)
        status = CLI_EXIT_GATE_FAILED;
    return status;
}
