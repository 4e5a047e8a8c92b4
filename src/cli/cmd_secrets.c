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
#include "util/chunk_array.h"
#include "util/file.h"
#include "util/threadpool.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* One file to scan. Files under a directory are scanned while the walk
 * lists them; the output is put in path order afterwards. */
struct secrets_item {
    int dir_fd;        /* what `path` is relative to (AT_FDCWD for named files) */
    const char *path;  /* to open: the inventory's string, the argument, or owned_path */
    char *owned_path;  /* a full path when the root could not be opened (owned) */
    char *shown;       /* as printed (owned) */
    struct strbuf out; /* its lines (text) or JSON objects, in order */
    size_t found;
    int status; /* 0, or errno of a read failure */
};

/* The walk hands files to the workers this many at a time. */
enum { SECRETS_PUBLISH_EVERY = 8 };

struct secrets_job {
    struct content_scan_engine *engine;
    uint64_t max_size;
    bool json;
    /* secrets_item, appended by the main thread; workers read published ones */
    struct chunk_array items;
    struct threadpool_feed *feed;
    struct file_buffer *buffers; /* per worker: reused read buffer */
    /* the directory being walked */
    const struct inventory *inventory;
    int dir_fd;
    const char *directory; /* as the user wrote it */
};

struct secrets_file {
    const struct secrets_item *item;
    bool json;
};

static void secrets_hit(void *user, const struct content_scan_hit *hit)
{
    struct secrets_file *file = user;
    struct secrets_item *item = (struct secrets_item *)file->item;
    if (strncmp(hit->rule->id, "secrets.", 8) != 0)
        return;
    item->found++;
    if (file->json) {
        json_t *entry = json_pack("{s:s, s:s, s:i, s:i, s:s, s:s}", "rule", hit->rule->id, "file",
                                  item->shown, "line", hit->line, "column", hit->column, "severity",
                                  severity_id(hit->rule->severity), "secret", hit->redacted);
        char *text = entry ? json_dumps(entry, JSON_COMPACT) : NULL;
        if (text)
            strbuf_printf(&item->out, "%s\n", text);
        free(text);
        json_decref(entry);
    } else {
        strbuf_printf(&item->out, "%s:%d:%d: %s: %s (%s)\n", item->shown, hit->line, hit->column,
                      severity_id(hit->rule->severity), hit->rule->title, hit->redacted);
    }
}

static void secrets_task(void *context, size_t index, unsigned worker)
{
    struct secrets_job *job = context;
    struct secrets_item *item = chunk_array_at(&job->items, index);
    long long got =
        file_buffer_read_at(&job->buffers[worker], item->dir_fd, item->path, job->max_size);
    if (got == FILE_BUFFER_TOO_LARGE)
        return; /* skipped as the audit skips it */
    if (got < 0) {
        item->status = errno ? errno : EIO;
        return;
    }
    const char *content = job->buffers[worker].data;
    size_t length = (size_t)got;
    if (memchr(content, '\0', length < SECRETS_SNIFF_BYTES ? length : SECRETS_SNIFF_BYTES))
        return; /* binary: skipped as the audit skips it */
    struct secrets_file file = {item, job->json};
    content_scan_engine_scan(job->engine, item->shown, content, length, secrets_hit, &file);
}

static void secrets_publish(struct secrets_job *job)
{
    if (job->items.count % SECRETS_PUBLISH_EVERY == 0)
        threadpool_feed_publish(job->feed, job->items.count);
}

/* The walk's callback: a file under the directory becomes an item. */
static void secrets_on_file(void *user, const char *path, bool too_large)
{
    struct secrets_job *job = user;
    if (too_large)
        return; /* skipped as the audit skips it (the audit streams them) */
    if (job->dir_fd == -1) {
        /* The root is resolved before the first file is listed. */
        job->dir_fd = open(job->inventory->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (job->dir_fd < 0)
            job->dir_fd = -2; /* open by full path instead */
    }
    struct secrets_item *item = chunk_array_append(&job->items);
    struct strbuf shown = STRBUF_INIT;
    size_t length = strlen(job->directory);
    while (length > 1 && job->directory[length - 1] == '/')
        length--;
    if (length == 1 && job->directory[0] == '.')
        strbuf_append_str(&shown, path);
    else
        strbuf_printf(&shown, "%.*s/%s", (int)length, job->directory, path);
    item->shown = strbuf_detach(&shown, NULL);
    strbuf_init(&item->out);
    if (job->dir_fd >= 0) {
        item->dir_fd = job->dir_fd;
        item->path = path;
    } else {
        struct strbuf full = STRBUF_INIT;
        strbuf_printf(&full, "%s/%s", job->inventory->root, path);
        item->dir_fd = AT_FDCWD;
        item->owned_path = strbuf_detach(&full, NULL);
        item->path = item->owned_path;
    }
    secrets_publish(job);
}

static int secrets_item_compare(const void *left, const void *right)
{
    return strcmp((*(const struct secrets_item *const *)left)->shown,
                  (*(const struct secrets_item *const *)right)->shown);
}

/* Scans the files under a directory, as an audit would list them, while
 * the walk goes on. The inventory and the directory's descriptor stay
 * open (in *inventory, *dir_fd) until the scan is over: items point into
 * them. */
static int secrets_add_directory(struct secrets_job *job, const char *directory,
                                 struct inventory *inventory, int *dir_fd)
{
    struct inventory_options options = {
        .max_file_size = job->max_size, .on_file = secrets_on_file, .on_file_user = job};
    struct strbuf error = STRBUF_INIT;
    job->inventory = inventory;
    job->directory = directory;
    job->dir_fd = -1;
    int result = inventory_collect(directory, &options, inventory, &error);
    *dir_fd = job->dir_fd;
    if (result != 0) {
        fprintf(stderr, "prodready secrets: %s\n", error.data);
        strbuf_release(&error);
        return -1;
    }
    strbuf_release(&error);
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
    int path_count = argc - first_path;
    bool *is_directory = xcalloc((size_t)path_count, sizeof(*is_directory));
    bool any_directory = false;
    for (int i = 0; i < path_count; i++) {
        struct stat info;
        is_directory[i] = stat(argv[first_path + i], &info) == 0 && S_ISDIR(info.st_mode);
        any_directory = any_directory || is_directory[i];
    }

    /* A few staged files: the whole built-in database. A tree: the secret
     * rules alone, which scan faster than every pack. */
    struct rule *owned = NULL;
    struct content_scan_engine *engine =
        any_directory ? secrets_engine(&owned) : content_scan_builtin();
    unsigned threads = jobs ? (unsigned)jobs : threadpool_cpu_count();
    struct secrets_job job = {
        .engine = engine,
        .max_size = max_size,
        .json = json,
        .buffers = xcalloc(threads, sizeof(struct file_buffer)),
    };
    chunk_array_init(&job.items, sizeof(struct secrets_item));
    struct inventory *inventories = xcalloc((size_t)path_count, sizeof(*inventories));
    int *dir_fds = xcalloc((size_t)path_count, sizeof(*dir_fds));
    /* Where each argument's items start: a directory's are sorted after. */
    size_t *first_item = xcalloc((size_t)path_count + 1, sizeof(*first_item));
    if (!engine) {
        status = CLI_EXIT_USAGE;
    } else {
        job.feed = threadpool_feed_start(threads, secrets_task, &job);
        for (int i = 0; i < path_count; i++) {
            const char *path = argv[first_path + i];
            first_item[i] = job.items.count;
            dir_fds[i] = -1;
            if (is_directory[i]) {
                if (secrets_add_directory(&job, path, &inventories[i], &dir_fds[i]) != 0)
                    status = CLI_EXIT_USAGE;
                continue;
            }
            struct secrets_item *item = chunk_array_append(&job.items);
            item->dir_fd = AT_FDCWD;
            item->path = path;
            item->shown = xstrdup(path);
            strbuf_init(&item->out);
            secrets_publish(&job);
        }
        first_item[path_count] = job.items.count;
        threadpool_feed_finish(job.feed, job.items.count);
    }

    /* Output in the arguments' order, each directory's files in path order,
     * whatever the threads' order was. */
    struct secrets_item **order = xcalloc(job.items.count ? job.items.count : 1, sizeof(*order));
    for (size_t i = 0; i < job.items.count; i++)
        order[i] = chunk_array_at(&job.items, i);
    for (int i = 0; engine && i < path_count; i++)
        if (is_directory[i] && first_item[i + 1] - first_item[i] > 1)
            qsort(order + first_item[i], first_item[i + 1] - first_item[i], sizeof(*order),
                  secrets_item_compare);
    size_t found = 0;
    bool first = true;
    if (json)
        fputs("[", stdout);
    for (size_t i = 0; engine && i < job.items.count; i++) {
        struct secrets_item *item = order[i];
        if (item->status) {
            fprintf(stderr, "prodready secrets: cannot read %s: %s\n", item->shown,
                    strerror(item->status));
            status = CLI_EXIT_USAGE;
        }
        found += item->found;
        if (!json) {
            fputs(item->out.data, stdout);
        } else {
            /* One compact object per line in out: join them into an array. */
            for (char *line = item->out.data; *line;) {
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
    }
    if (json)
        fputs(first ? "]\n" : "\n]\n", stdout);
    if (found && !json)
        fprintf(stderr, "prodready secrets: %zu secret%s found; remove %s and rotate %s\n", found,
                found == 1 ? "" : "s", found == 1 ? "it" : "them", found == 1 ? "it" : "them");

    for (unsigned w = 0; w < threads; w++)
        file_buffer_release(&job.buffers[w]);
    free(job.buffers);
    free(order);
    for (size_t i = 0; i < job.items.count; i++) {
        struct secrets_item *item = chunk_array_at(&job.items, i);
        strbuf_release(&item->out);
        free(item->shown);
        free(item->owned_path);
    }
    chunk_array_release(&job.items);
    for (int i = 0; i < path_count; i++) {
        if (dir_fds[i] >= 0)
            close(dir_fds[i]);
        if (is_directory[i])
            inventory_release(&inventories[i]);
    }
    free(inventories);
    free(dir_fds);
    free(first_item);
    free(is_directory);
    if (owned)
        content_scan_engine_free(engine);
    content_scan_builtin_release();
    free(owned);
    if (status == CLI_EXIT_OK && found)
        status = CLI_EXIT_GATE_FAILED;
    return status;
}
