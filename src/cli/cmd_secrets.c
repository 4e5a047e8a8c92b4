/*
 * cmd_secrets: `prodready secrets PATH...` — the secret rules alone over the
 * files named (what a pre-commit hook passes: the staged files) or every
 * file under the directories named (listed as an audit lists them: git's
 * view inside a work tree, .gitignore elsewhere, binary, vendored and
 * generated files skipped). Prints one line per secret, redacted, and exits
 * 1 when there is any. It is the content scanner alone: no other analyzer,
 * no scoring, no history; a full audit is `prodready audit`.
 */
#include "analyzers/content_scan.h"
#include "cli/cli.h"
#include "config/config.h"
#include "inventory/inventory.h"
#include "rules/builtin.h"
#include "rules/registry.h"
#include "util/file.h"
#include "util/threadpool.h"
#include "util/xalloc.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { SECRETS_SNIFF_BYTES = 8000 };

static const char secrets_help[] =
    "usage: prodready secrets [options] PATH...\n"
    "\n"
    "Scans the files named, and every file under the directories named, with\n"
    "prodready's secret rules (the secrets.* rules of 'prodready rules'), and prints\n"
    "each secret found, redacted, as FILE:LINE:COLUMN. Directories are listed as an\n"
    "audit lists them (git's files inside a work tree, .gitignore elsewhere; binary,\n"
    "vendored and generated files skipped). Exits 1 when a secret is found, 0 when\n"
    "none, 2 when a path cannot be read. Meant for pre-commit hooks\n"
    "(.pre-commit-hooks.yaml) and quick scans; 'prodready audit' does everything else.\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT      text (default) or json\n"
    "  -j, --jobs N             worker threads (default: online CPUs)\n"
    "      --max-file-size SIZE skip larger files (default 5M; suffixes k, M, G)\n"
    "  -h, --help               show this help\n";

struct secrets_target {
    char *path;  /* to open (owned) */
    char *shown; /* as printed (owned) */
};

struct secrets_job {
    struct content_scan_engine *engine;
    const struct secrets_target *targets;
    uint64_t max_size;
    bool json;
    struct strbuf *out;          /* per target: its lines (text) or JSON objects, in order */
    size_t *found;               /* per target */
    int *status;                 /* per target: 0, or errno of a read failure */
    struct file_buffer *buffers; /* per worker: reused read buffer */
};

struct secrets_file {
    const struct secrets_target *target;
    struct strbuf *out;
    size_t *found;
    bool json;
};

static void secrets_hit(void *user, const struct content_scan_hit *hit)
{
    struct secrets_file *file = user;
    if (strncmp(hit->rule->id, "secrets.", 8) != 0)
        return;
    (*file->found)++;
    if (file->json) {
        json_t *item =
            json_pack("{s:s, s:s, s:i, s:i, s:s, s:s}", "rule", hit->rule->id, "file",
                      file->target->shown, "line", hit->line, "column", hit->column, "severity",
                      severity_id(hit->rule->severity), "secret", hit->redacted);
        char *text = item ? json_dumps(item, JSON_COMPACT) : NULL;
        if (text)
            strbuf_printf(file->out, "%s\n", text);
        free(text);
        json_decref(item);
    } else {
        strbuf_printf(file->out, "%s:%d:%d: %s: %s (%s)\n", file->target->shown, hit->line,
                      hit->column, severity_id(hit->rule->severity), hit->rule->title,
                      hit->redacted);
    }
}

static void secrets_task(void *context, size_t index, unsigned worker)
{
    struct secrets_job *job = context;
    long long got =
        file_buffer_read(&job->buffers[worker], job->targets[index].path, job->max_size);
    if (got == FILE_BUFFER_TOO_LARGE)
        return; /* skipped as the audit skips it */
    if (got < 0) {
        job->status[index] = errno ? errno : EIO;
        return;
    }
    const char *content = job->buffers[worker].data;
    size_t length = (size_t)got;
    if (memchr(content, '\0', length < SECRETS_SNIFF_BYTES ? length : SECRETS_SNIFF_BYTES))
        return; /* binary: skipped as the audit skips it */
    struct secrets_file file = {&job->targets[index], &job->out[index], &job->found[index],
                                job->json};
    content_scan_engine_scan(job->engine, job->targets[index].shown, content, length, secrets_hit,
                             &file);
}

/* Adds the files under a directory, as an audit would list them. */
static int secrets_add_directory(const char *directory, uint64_t max_size,
                                 struct secrets_target **targets, size_t *count, size_t *capacity)
{
    struct inventory inventory;
    struct inventory_options options = {.max_file_size = max_size};
    struct strbuf error = STRBUF_INIT;
    if (inventory_collect(directory, &options, &inventory, &error) != 0) {
        fprintf(stderr, "prodready secrets: %s\n", error.data);
        strbuf_release(&error);
        return -1;
    }
    strbuf_release(&error);
    for (size_t i = 0; i < inventory.count; i++) {
        *targets = xgrow(*targets, capacity, *count + 1, sizeof(**targets));
        struct strbuf path = STRBUF_INIT, shown = STRBUF_INIT;
        strbuf_printf(&path, "%s/%s", inventory.root, inventory.entries[i].path);
        size_t length = strlen(directory);
        while (length > 1 && directory[length - 1] == '/')
            length--;
        if (length == 1 && directory[0] == '.')
            strbuf_append_str(&shown, inventory.entries[i].path);
        else
            strbuf_printf(&shown, "%.*s/%s", (int)length, directory, inventory.entries[i].path);
        (*targets)[(*count)++] =
            (struct secrets_target){strbuf_detach(&path, NULL), strbuf_detach(&shown, NULL)};
    }
    inventory_release(&inventory);
    return 0;
}

/* The secrets.* rules alone: a tree scan then pays only for the patterns it
 * reports. With the built-in rules only, that is the engine of their
 * build-time database (content_scan_builtin_secrets); user packs in the
 * registry (`rule_packs:`) need their secret rules compiled now. *owned
 * receives what the caller frees with the engine (NULL: the built-in one,
 * released with content_scan_builtin_release). */
static struct content_scan_engine *secrets_engine(struct rule **owned)
{
    size_t count = 0;
    const struct rule *all = rule_registry_all(&count);
    *owned = NULL;
    if (count == builtin_rule_count)
        return content_scan_builtin_secrets();
    struct rule *rules = xcalloc(count ? count : 1, sizeof(*rules));
    size_t kept = 0;
    for (size_t i = 0; i < count; i++)
        if (all[i].pattern && strncmp(all[i].id, "secrets.", 8) == 0)
            rules[kept++] = all[i];
    struct strbuf errors = STRBUF_INIT;
    struct content_scan_engine *engine = content_scan_engine_new(rules, kept, NULL, 0, &errors);
    if (!engine)
        fprintf(stderr, "prodready secrets: %s\n", errors.data);
    strbuf_release(&errors);
    *owned = rules;
    return engine;
}

int cmd_secrets(int argc, char **argv)
{
    bool json = false;
    uint64_t max_size = INVENTORY_DEFAULT_MAX_FILE_SIZE, jobs = 0;
    int first_path = argc;
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        bool missing = false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(secrets_help, stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(argv[i], "--") == 0) {
            first_path = i + 1;
            break;
        } else if (cli_option_value(argc, argv, &i, "--format", "-f", &value, &missing)) {
            if (missing || (strcmp(value, "text") != 0 && strcmp(value, "json") != 0))
                return cli_usage_error("secrets", "--format needs text or json, got '%s'",
                                       value ? value : "");
            json = strcmp(value, "json") == 0;
        } else if (cli_option_value(argc, argv, &i, "--jobs", "-j", &value, &missing)) {
            if (missing || !cli_parse_uint(value, 256, &jobs) || jobs == 0)
                return cli_usage_error("secrets",
                                       "--jobs needs a whole number from 1 to 256, "
                                       "got '%s'",
                                       value ? value : "");
        } else if (cli_option_value(argc, argv, &i, "--max-file-size", NULL, &value, &missing)) {
            if (missing || !config_parse_size(value, &max_size))
                return cli_usage_error("secrets",
                                       "--max-file-size needs a size such as 5M, "
                                       "got '%s'",
                                       value ? value : "");
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("secrets", "unknown option '%s'", argv[i]);
        } else {
            first_path = i;
            break;
        }
    }
    if (first_path >= argc) {
        /* Nothing staged is nothing to find: pre-commit may call with no files. */
        if (json)
            puts("[]");
        return CLI_EXIT_OK;
    }

    int status = CLI_EXIT_OK;
    struct secrets_target *targets = NULL;
    size_t target_count = 0, capacity = 0;
    bool any_directory = false;
    for (int i = first_path; i < argc; i++) {
        struct stat info;
        if (stat(argv[i], &info) == 0 && S_ISDIR(info.st_mode)) {
            any_directory = true;
            if (secrets_add_directory(argv[i], max_size, &targets, &target_count, &capacity) != 0)
                status = CLI_EXIT_USAGE;
            continue;
        }
        targets = xgrow(targets, &capacity, target_count + 1, sizeof(*targets));
        targets[target_count++] = (struct secrets_target){xstrdup(argv[i]), xstrdup(argv[i])};
    }

    /* A few staged files: the whole built-in database. A tree: the secret
     * rules alone, which scan faster than every pack. */
    struct rule *owned = NULL;
    struct content_scan_engine *engine =
        any_directory ? secrets_engine(&owned) : content_scan_builtin();
    unsigned threads = jobs ? (unsigned)jobs : threadpool_cpu_count();
    struct secrets_job job = {
        .engine = engine,
        .targets = targets,
        .max_size = max_size,
        .json = json,
        .out = xcalloc(target_count ? target_count : 1, sizeof(struct strbuf)),
        .found = xcalloc(target_count ? target_count : 1, sizeof(size_t)),
        .status = xcalloc(target_count ? target_count : 1, sizeof(int)),
        .buffers = xcalloc(threads, sizeof(struct file_buffer)),
    };
    if (!engine) {
        status = CLI_EXIT_USAGE;
    } else {
        for (size_t i = 0; i < target_count; i++)
            strbuf_init(&job.out[i]);
        threadpool_run(threads, target_count, secrets_task, &job);
    }

    /* Output in path order, whatever the threads' order was. */
    size_t found = 0;
    bool first = true;
    if (json)
        fputs("[", stdout);
    for (size_t i = 0; engine && i < target_count; i++) {
        if (job.status[i]) {
            fprintf(stderr, "prodready secrets: cannot read %s: %s\n", targets[i].shown,
                    strerror(job.status[i]));
            status = CLI_EXIT_USAGE;
        }
        found += job.found[i];
        if (!json) {
            fputs(job.out[i].data, stdout);
        } else {
            /* One compact object per line in out: join them into an array. */
            for (char *line = job.out[i].data; *line;) {
                char *newline = strchr(line, '\n');
                if (newline)
                    *newline = '\0';
                printf("%s\n  %s", first ? "" : ",", line);
                first = false;
                if (!newline)
                    break;
                line = newline + 1;
            }
        }
        strbuf_release(&job.out[i]);
    }
    if (json)
        fputs(first ? "]\n" : "\n]\n", stdout);
    if (found && !json)
        fprintf(stderr, "prodready secrets: %zu secret%s found; remove %s and rotate %s\n", found,
                found == 1 ? "" : "s", found == 1 ? "it" : "them", found == 1 ? "it" : "them");

    for (unsigned w = 0; w < threads; w++)
        file_buffer_release(&job.buffers[w]);
    free(job.buffers);
    free(job.out);
    free(job.found);
    free(job.status);
    for (size_t i = 0; i < target_count; i++) {
        free(targets[i].path);
        free(targets[i].shown);
    }
    free(targets);
    if (owned)
        content_scan_engine_free(engine);
    content_scan_builtin_release();
    free(owned);
    if (status == CLI_EXIT_OK && found)
        status = CLI_EXIT_GATE_FAILED;
    return status;
}
