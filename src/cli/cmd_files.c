/*
 * cmd_files: `prodready files [PATH]` — the files an audit of PATH reads,
 * with language, role and line counts (what `rg --files` is to ripgrep).
 * It answers "what did prodready look at?" and lets anyone check the line
 * counts against another counter on exactly the same files.
 */
#include "audit/audit.h"
#include "cli/cli.h"
#include "config/config.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char files_help[] =
    "usage: prodready files [PATH] [options]\n"
    "\n"
    "Lists the files an audit of PATH (default: the current directory) reads, after\n"
    "skipping binary, oversized, vendored and generated files, one per line:\n"
    "path, language, role, code, comment and blank lines, separated by tabs.\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT      tsv (default) or json\n"
    "  -j, --jobs N             worker threads (default: number of online CPUs)\n"
    "      --max-file-size SIZE skip files larger than SIZE (default 5M)\n"
    "      --paths-only         print the paths only (e.g. for cloc --list-file)\n"
    "  -h, --help               show this help\n";

int cmd_files(int argc, char **argv)
{
    const char *path = NULL, *format = "tsv";
    uint64_t jobs = 0, max_file_size = 0;
    bool paths_only = false;
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        bool missing = false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(files_help, stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(argv[i], "--paths-only") == 0) {
            paths_only = true;
        } else if (cli_option_value(argc, argv, &i, "--format", "-f", &value, &missing)) {
            if (missing || (strcmp(value, "tsv") != 0 && strcmp(value, "json") != 0))
                return cli_usage_error("files", "--format needs tsv or json, got '%s'",
                                       value ? value : "");
            format = value;
        } else if (cli_option_value(argc, argv, &i, "--jobs", "-j", &value, &missing)) {
            if (missing || !cli_parse_uint(value, 256, &jobs) || jobs == 0)
                return cli_usage_error("files",
                                       "--jobs needs a whole number from 1 to 256, "
                                       "got '%s'",
                                       value ? value : "");
        } else if (cli_option_value(argc, argv, &i, "--max-file-size", NULL, &value, &missing)) {
            if (missing || !config_parse_size(value, &max_file_size))
                return cli_usage_error("files",
                                       "--max-file-size needs a size such as 512k or "
                                       "5M, got '%s'",
                                       value ? value : "");
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("files", "unknown option '%s'; see 'prodready files --help'",
                                   argv[i]);
        } else if (path) {
            return cli_usage_error("files", "one PATH only (got '%s' and '%s')", path, argv[i]);
        } else {
            path = argv[i];
        }
    }
    struct audit_options options = {
        .path = path ? path : ".",
        .jobs = (unsigned)jobs,
        .max_file_size = max_file_size,
    };
    struct audit_result *result = NULL;
    struct strbuf error = STRBUF_INIT;
    if (audit_run(&options, &result, &error) != 0) {
        fprintf(stderr, "prodready files: %s\n", error.data);
        strbuf_release(&error);
        return CLI_EXIT_USAGE;
    }
    strbuf_release(&error);
    if (strcmp(format, "json") == 0) {
        json_t *array = json_array();
        for (size_t i = 0; i < result->audited_file_count; i++) {
            const struct audited_file *file = &result->audited_files[i];
            json_t *object = json_object();
            /* Paths may hold invalid UTF-8; jansson rejects those, and such
             * a file is then left out of the JSON listing only. */
            json_t *name = json_string(file->path);
            if (!name) {
                json_decref(object);
                continue;
            }
            json_object_set_new(object, "path", name);
            json_object_set_new(object, "language",
                                file->language ? json_string(file->language) : json_null());
            json_object_set_new(object, "role", json_string(file_role_id(file->role)));
            json_object_set_new(object, "bytes", json_integer((json_int_t)file->bytes));
            json_object_set_new(object, "code", json_integer((json_int_t)file->lines.code));
            json_object_set_new(object, "comment", json_integer((json_int_t)file->lines.comment));
            json_object_set_new(object, "blank", json_integer((json_int_t)file->lines.blank));
            json_array_append_new(array, object);
        }
        json_dumpf(array, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
        json_decref(array);
    } else {
        for (size_t i = 0; i < result->audited_file_count; i++) {
            const struct audited_file *file = &result->audited_files[i];
            if (paths_only) {
                puts(file->path);
                continue;
            }
            printf("%s\t%s\t%s\t%llu\t%llu\t%llu\n", file->path,
                   file->language ? file->language : "-", file_role_id(file->role),
                   (unsigned long long)file->lines.code, (unsigned long long)file->lines.comment,
                   (unsigned long long)file->lines.blank);
        }
    }
    audit_result_free(result);
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}
