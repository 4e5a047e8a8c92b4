/*
 * audit: the pipeline driver (see audit.h).
 *
 * Determinism: workers take files in any order, but each file's output is
 * stored at the file's index and merged in index (path) order afterwards;
 * findings, facts and checks are then sorted. Nothing below may depend on
 * thread scheduling, and only the timing fields on the clock.
 *
 * Memory: each worker fills its own arena (no locks); after the pool joins,
 * those arenas are adopted by the result's arena, which then owns every
 * string the result points to.
 */
#include "audit/audit.h"
#include "advisories/osv.h"
#include "analyzers/analyzer.h"
#include "analyzers/content_scan.h"
#include "analyzers/secret_files.h"
#include "checks/check.h"
#include "checks/kind.h"
#include "history/history.h"
#include "inventory/generated.h"
#include "inventory/inventory.h"
#include "inventory/language.h"
#include "inventory/linecount.h"
#include "inventory/role.h"
#include "metrics/test_metrics.h"
#include "rules/registry.h"
#include "score/score.h"
#include "util/chunk_array.h"
#include "util/file.h"
#include "util/threadpool.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { AUDIT_SNIFF_BYTES = 8000 };

enum audit_file_status {
    AUDIT_FILE_OK,
    AUDIT_FILE_BINARY,
    AUDIT_FILE_GENERATED,
    AUDIT_FILE_TOO_LARGE,
    AUDIT_FILE_UNREADABLE,
    AUDIT_FILE_EXCLUDED, /* the config's `exclude` globs: never read */
};

struct audit_file_result {
    enum audit_file_status status;
    const struct language *language;
    enum file_role role;
    struct line_counts lines;
    uint64_t bytes;
    struct finding *findings; /* malloc'd array; strings in a worker arena */
    size_t finding_count;
    struct fact *facts;
    size_t fact_count;
    const char *warning;                  /* worker arena */
    struct suppress_file_output suppress; /* inline prodready:ignore results */
};

struct audit_worker {
    struct arena arena;
    struct file_buffer buffer;
};

/* One file as the walk listed it. Files are analysed while the walk goes
 * on (the walk is a tenth of the run on a large tree and would otherwise
 * leave the other cores idle); the results are put in path order after. */
struct audit_item {
    const char *path;                /* the inventory's string */
    bool too_large;                  /* in inventory.too_large: streamed for secrets only */
    struct audit_file_result result; /* !too_large */
    struct analysis large;           /* too_large */
};

/* The walk hands files to the workers this many at a time. */
enum { AUDIT_PUBLISH_EVERY = 8 };

struct audit_job {
    /* Being filled by the walk while workers run: they read only its root,
     * which is set before the first file is listed. */
    const struct inventory *inventory;
    /* The root opened once, before the first file is listed (-1: it could
     * not be, and files are opened by their full path). */
    int root_fd;
    struct audit_worker *workers;
    uint64_t max_file_size;
    const struct gitignore *excludes; /* NULL: nothing excluded */
    /* audit_item, appended by the walking thread only; workers read those
     * published (elements never move). */
    struct chunk_array items;
    struct threadpool_feed *feed;
    atomic_size_t listed; /* items.count, for the progress line */
    atomic_size_t done;   /* files analysed (the progress line) */
};

static struct audit_item *audit_item_at(const struct audit_job *job, size_t index)
{
    return chunk_array_at(&job->items, index);
}

/* Reads a whole file into the worker's buffer (NUL-terminated). Returns the
 * length, or -1 with errno set; FILE_BUFFER_TOO_LARGE when it grew past the
 * size limit since the inventory looked. */
static long long audit_read_file(struct audit_worker *worker, const struct audit_job *job,
                                 const char *path, uint64_t limit)
{
    if (job->root_fd >= 0)
        return file_buffer_read_at(&worker->buffer, job->root_fd, path, limit);
    struct strbuf full = STRBUF_INIT;
    strbuf_printf(&full, "%s/%s", job->inventory->root, path);
    long long length = file_buffer_read(&worker->buffer, full.data, limit);
    int saved = errno;
    strbuf_release(&full);
    errno = saved;
    return length;
}

static void audit_analyze_file(struct audit_job *job, struct audit_item *item,
                               unsigned worker_number)
{
    struct audit_worker *worker = &job->workers[worker_number];
    struct audit_file_result *result = &item->result;

    if (suppress_path_excluded(job->excludes, item->path)) {
        result->status = AUDIT_FILE_EXCLUDED;
        atomic_fetch_add(&job->done, 1);
        return;
    }
    long long length = audit_read_file(worker, job, item->path, job->max_file_size);
    if (length == FILE_BUFFER_TOO_LARGE) {
        result->status = AUDIT_FILE_TOO_LARGE;
        atomic_fetch_add(&job->done, 1);
        return;
    }
    if (length < 0) {
        result->status = AUDIT_FILE_UNREADABLE;
        result->warning =
            arena_printf(&worker->arena, "%s: cannot read: %s", item->path, strerror(errno));
        atomic_fetch_add(&job->done, 1);
        return;
    }
    const char *content = worker->buffer.data;
    size_t size = (size_t)length;
    result->bytes = size;
    /* Binary sniff, as git and grep do: a NUL byte early in the file. */
    if (memchr(content, '\0', size < AUDIT_SNIFF_BYTES ? size : AUDIT_SNIFF_BYTES)) {
        result->status = AUDIT_FILE_BINARY;
        /* A keystore or binary key is a secret by its name alone: report it
         * although the file is not analysed (its content is never read). */
        struct analysis analysis;
        analysis_init(&analysis, &worker->arena, item->path);
        secret_files_binary(item->path, &analysis);
        result->findings = analysis.findings;
        result->finding_count = analysis.finding_count;
        atomic_fetch_add(&job->done, 1);
        return;
    }
    const char *newline = memchr(content, '\n', size);
    size_t first_line = newline ? (size_t)(newline - content) : size;
    result->language = language_detect(item->path, content, first_line);
    result->role = role_detect(item->path, result->language);
    if (result->role != FILE_ROLE_MIGRATION &&
        generated_content_is_generated(item->path, content, size)) {
        result->status = AUDIT_FILE_GENERATED;
        atomic_fetch_add(&job->done, 1);
        return;
    }
    if (result->language)
        linecount_count(result->language, content, size, &result->lines);

    struct source_file file = {
        .path = item->path,
        .content = content,
        .length = size,
        .language = result->language,
        .role = result->role,
        .lines = result->lines,
    };
    struct analysis analysis;
    analysis_init(&analysis, &worker->arena, item->path);
    size_t analyzer_count;
    const struct analyzer *const *analyzers = analyzer_table(&analyzer_count);
    for (size_t i = 0; i < analyzer_count; i++)
        if (!analyzers[i]->applies || analyzers[i]->applies(&file))
            analyzers[i]->run(&file, &analysis);
    suppress_inline(analysis.path, content, size, analysis.findings, &analysis.finding_count,
                    &result->suppress, &worker->arena);
    result->findings = analysis.findings;
    result->finding_count = analysis.finding_count;
    result->facts = analysis.facts;
    result->fact_count = analysis.fact_count;
    atomic_fetch_add(&job->done, 1);
}

static void audit_stream_secrets(const char *root, const char *path, struct analysis *analysis);

/* PRODREADY_PHASES=1 prints how long each phase of the audit took, on
 * standard error (for bench/: where the time goes; not part of a report). */
static void audit_phase(const char *name, struct timespec *previous)
{
    static int enabled = -1;
    if (enabled < 0) {
        const char *value = getenv("PRODREADY_PHASES");
        enabled = value && *value && strcmp(value, "0") != 0;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (enabled)
        fprintf(stderr, "phase %-12s %7.3f s\n", name,
                (double)(now.tv_sec - previous->tv_sec) +
                    (double)(now.tv_nsec - previous->tv_nsec) / 1e9);
    *previous = now;
}

/* Files too large to hold are still searched for secrets, in chunks from
 * disk, and a secret by name (a keystore, a Terraform state) is reported
 * from the path alone; nothing else reads them. */
static void audit_too_large_file(struct audit_job *job, struct audit_item *item,
                                 unsigned worker_number)
{
    const char *path = item->path;
    struct analysis *analysis = &item->large;
    analysis_init(analysis, &job->workers[worker_number].arena, path);
    if (!suppress_path_excluded(job->excludes, path)) {
        secret_files_too_large(path, analysis);
        audit_stream_secrets(job->inventory->root, path, analysis);
    }
    atomic_fetch_add(&job->done, 1);
}

/* The pool's task: the files in the order the walk lists them. */
static void audit_task(void *context, size_t index, unsigned worker_number)
{
    struct audit_job *job = context;
    struct audit_item *item = audit_item_at(job, index);
    if (item->too_large)
        audit_too_large_file(job, item, worker_number);
    else
        audit_analyze_file(job, item, worker_number);
}

/* The walk's callback (on the walking thread): the file becomes an item
 * the workers may take. */
static void audit_on_file(void *user, const char *path, bool too_large)
{
    struct audit_job *job = user;
    if (job->items.count == 0)
        job->root_fd = open(job->inventory->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct audit_item *item = chunk_array_append(&job->items);
    item->path = path;
    item->too_large = too_large;
    size_t count = job->items.count;
    atomic_store_explicit(&job->listed, count, memory_order_relaxed);
    if (count % AUDIT_PUBLISH_EVERY == 0)
        threadpool_feed_publish(job->feed, count);
}

static int audit_item_compare(const void *left, const void *right)
{
    return strcmp((*(const struct audit_item *const *)left)->path,
                  (*(const struct audit_item *const *)right)->path);
}

struct audit_ticker {
    struct audit_job *job;
    const struct audit_options *options;
    struct timespec start;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
};

static double audit_seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void *audit_ticker_main(void *argument)
{
    struct audit_ticker *ticker = argument;
    pthread_mutex_lock(&ticker->lock);
    while (!ticker->stop) {
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += 100 * 1000 * 1000;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&ticker->wake, &ticker->lock, &deadline);
        if (ticker->stop)
            break;
        /* While the walk goes on the total is what it has listed so far. */
        ticker->options->progress(ticker->options->progress_user, atomic_load(&ticker->job->done),
                                  atomic_load(&ticker->job->listed),
                                  audit_seconds_since(&ticker->start));
    }
    pthread_mutex_unlock(&ticker->lock);
    return NULL;
}

static int audit_fact_compare(const void *left, const void *right)
{
    const struct fact *a = left, *b = right;
    int order = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (order)
        return order;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    order = strcmp(a->key, b->key);
    if (order)
        return order;
    return strcmp(a->value ? a->value : "", b->value ? b->value : "");
}

static int audit_check_compare(const void *left, const void *right)
{
    return strcmp(((const struct check *)left)->id, ((const struct check *)right)->id);
}

static int audit_language_compare(const void *left, const void *right)
{
    const struct language_stats *a = left, *b = right;
    if (a->lines.code != b->lines.code)
        return a->lines.code > b->lines.code ? -1 : 1;
    return strcmp(a->name, b->name);
}

static void audit_timestamp(struct audit_result *result)
{
    time_t now = time(NULL);
    struct tm utc;
    char text[32] = "";
    if (gmtime_r(&now, &utc))
        strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
    result->timestamp = arena_strdup(&result->arena, text);
}

/* Adds per-language totals of the audited files. */
static void audit_languages(struct audit_result *result, const struct audit_file_result *files,
                            size_t count)
{
    size_t table_size;
    language_table(&table_size);
    struct language_stats *stats = xcalloc(table_size + 1, sizeof(*stats));
    size_t used = 0;
    for (size_t i = 0; i < count; i++) {
        if (files[i].status != AUDIT_FILE_OK || !files[i].language)
            continue;
        size_t k = 0;
        while (k < used && strcmp(stats[k].name, files[i].language->name) != 0)
            k++;
        if (k == used) {
            if (used == table_size + 1)
                continue; /* cannot happen: one entry per table language */
            stats[used++].name = files[i].language->name;
        }
        stats[k].files++;
        stats[k].lines.code += files[i].lines.code;
        stats[k].lines.comment += files[i].lines.comment;
        stats[k].lines.blank += files[i].lines.blank;
    }
    if (used)
        qsort(stats, used, sizeof(*stats), audit_language_compare);
    result->languages = arena_alloc(&result->arena, (used ? used : 1) * sizeof(*stats));
    if (used)
        memcpy(result->languages, stats, used * sizeof(*stats));
    result->language_count = used;
    free(stats);
}

static int audit_check_file_compare(const void *left, const void *right)
{
    return strcmp(((const struct check_file *)left)->path,
                  ((const struct check_file *)right)->path);
}

static void audit_stream_hit(void *user, const struct content_scan_hit *hit)
{
    /* Secret-file rules (secrets.file-*) judge a too-large file by its name
     * (secret_files_too_large), not by what a pattern finds inside it. */
    if (strncmp(hit->rule->id, "secrets.", 8) != 0 ||
        strncmp(hit->rule->id, "secrets.file-", 13) == 0)
        return;
    analysis_add_finding(user, hit->rule->id, hit->line, hit->column, hit->snippet, hit->match,
                         "%s: %s", hit->rule->title, hit->redacted);
}

/* The secret rules over a file too large to hold, read in 8 MiB chunks cut
 * at line ends (content_scan_engine_scan_fd): lines and columns are exact. */
static void audit_stream_secrets(const char *root, const char *path, struct analysis *analysis)
{
    struct content_scan_engine *engine = content_scan_builtin();
    if (!engine)
        return;
    char *full = NULL;
    size_t length = strlen(root) + strlen(path) + 2;
    full = xmalloc(length);
    snprintf(full, length, "%s/%s", root, path);
    int fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    free(full);
    if (fd < 0)
        return;
    content_scan_engine_scan_fd(engine, path, fd, (size_t)8 << 20, audit_stream_hit, analysis);
    close(fd);
}

int audit_run(const struct audit_options *options, struct audit_result **result_out,
              struct strbuf *error)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    *result_out = NULL;

    unsigned jobs = options->jobs ? options->jobs : threadpool_cpu_count();
    struct audit_job job = {
        .workers = xcalloc(jobs, sizeof(*job.workers)),
        .max_file_size =
            options->max_file_size ? options->max_file_size : INVENTORY_DEFAULT_MAX_FILE_SIZE,
        .root_fd = -1,
    };
    chunk_array_init(&job.items, sizeof(struct audit_item));
    struct gitignore *excludes = suppress_excludes_compile(options->config);
    job.excludes = excludes;
    atomic_init(&job.listed, 0);
    atomic_init(&job.done, 0);
    for (unsigned w = 0; w < jobs; w++)
        arena_init(&job.workers[w].arena);

    struct audit_ticker ticker = {.job = &job, .options = options, .start = start};
    pthread_t ticker_thread;
    bool ticking = false;
    if (options->progress) {
        pthread_mutex_init(&ticker.lock, NULL);
        pthread_cond_init(&ticker.wake, NULL);
        ticking = pthread_create(&ticker_thread, NULL, audit_ticker_main, &ticker) == 0;
    }

    /* The workers take files as the walk lists them (audit_on_file). */
    struct inventory inventory;
    struct inventory_options inventory_options = {
        .max_file_size = options->max_file_size,
        .on_file = audit_on_file,
        .on_file_user = &job,
    };
    const char *path = options->path ? options->path : ".";
    struct timespec phase = start;
    job.inventory = &inventory;
    job.feed = threadpool_feed_start(jobs, audit_task, &job);
    bool listed = inventory_collect(path, &inventory_options, &inventory, error) == 0;
    audit_phase("inventory", &phase);
    threadpool_feed_finish(job.feed, job.items.count);
    if (job.root_fd >= 0)
        close(job.root_fd);
    audit_phase("files", &phase);
    suppress_excludes_free(excludes);
    /* The workers are done: free the pattern engine and their scratch
     * spaces (the next audit in this process loads it again). */
    content_scan_builtin_release();
    if (ticking) {
        pthread_mutex_lock(&ticker.lock);
        ticker.stop = true;
        pthread_cond_signal(&ticker.wake);
        pthread_mutex_unlock(&ticker.lock);
        pthread_join(ticker_thread, NULL);
    }
    if (options->progress) {
        pthread_mutex_destroy(&ticker.lock);
        pthread_cond_destroy(&ticker.wake);
    }
    if (!listed) {
        for (unsigned w = 0; w < jobs; w++) {
            arena_destroy(&job.workers[w].arena);
            file_buffer_release(&job.workers[w].buffer);
        }
        free(job.workers);
        chunk_array_release(&job.items);
        return -1;
    }

    struct audit_result *result = xcalloc(1, sizeof(*result));
    arena_init(&result->arena);
    result->path = arena_strdup(&result->arena, path);
    result->commit = arena_strdup(&result->arena, inventory.commit);
    result->skipped = inventory.skipped;
    for (unsigned w = 0; w < jobs; w++) {
        arena_adopt(&result->arena, &job.workers[w].arena);
        file_buffer_release(&job.workers[w].buffer);
    }
    free(job.workers);

    /* The files in the inventory's order (by path), and the too-large ones
     * in its too_large order (the order the walk listed them). */
    struct audit_file_result *files =
        xcalloc(inventory.count ? inventory.count : 1, sizeof(*files));
    struct analysis *too_large =
        xcalloc(inventory.too_large_count ? inventory.too_large_count : 1, sizeof(*too_large));
    struct audit_item **order = xcalloc(job.items.count ? job.items.count : 1, sizeof(*order));
    size_t ordered = 0, large_count = 0;
    for (size_t i = 0; i < job.items.count; i++) {
        struct audit_item *item = audit_item_at(&job, i);
        if (item->too_large)
            too_large[large_count++] = item->large;
        else
            order[ordered++] = item;
    }
    if (ordered > 1)
        qsort(order, ordered, sizeof(*order), audit_item_compare);
    for (size_t i = 0; i < ordered; i++)
        files[i] = order[i]->result;
    free(order);
    chunk_array_release(&job.items);

    /* Merge in path order. */
    size_t fact_total = 0, audited = 0, warning_total = inventory.warning_count;
    for (size_t i = 0; i < inventory.count; i++) {
        struct audit_file_result *file = &files[i];
        fact_total += file->fact_count;
        warning_total += file->warning != NULL;
        warning_total += file->suppress.warning_count;
        switch (file->status) {
        case AUDIT_FILE_OK:
            audited++;
            result->bytes += file->bytes;
            result->test_files += file->role == FILE_ROLE_TEST;
            break;
        case AUDIT_FILE_BINARY:
            result->skipped.binary++;
            break;
        case AUDIT_FILE_GENERATED:
            result->skipped.generated++;
            break;
        case AUDIT_FILE_TOO_LARGE:
            result->skipped.too_large++;
            break;
        case AUDIT_FILE_UNREADABLE:
            result->skipped.unreadable++;
            break;
        case AUDIT_FILE_EXCLUDED:
            result->skipped.excluded++;
            break;
        }
    }
    result->files = audited;
    result->audited_file_count = audited;
    audit_languages(result, files, inventory.count);

    struct fact *facts =
        arena_alloc(&result->arena, (fact_total ? fact_total : 1) * sizeof(*facts));
    struct check_file *check_files = arena_alloc(
        &result->arena, (audited + inventory.too_large_count + 1) * sizeof(*check_files));
    const char **warnings =
        arena_alloc(&result->arena, (warning_total ? warning_total : 1) * sizeof(*warnings));
    size_t fact_count = 0, file_count = 0, warning_count = 0;
    for (size_t i = 0; i < inventory.warning_count; i++)
        warnings[warning_count++] = arena_strdup(&result->arena, inventory.warnings[i]);

    struct check_context context = {.arena = &result->arena};
    struct finding *suppressed = NULL;
    size_t suppressed_count = 0, suppressed_capacity = 0;
    result->audited_files =
        arena_alloc(&result->arena, (audited ? audited : 1) * sizeof(*result->audited_files));
    for (size_t i = 0; i < inventory.count; i++) {
        struct audit_file_result *file = &files[i];
        if (file->warning)
            warnings[warning_count++] = file->warning;
        for (size_t k = 0; k < file->suppress.warning_count; k++)
            warnings[warning_count++] = file->suppress.warnings[k];
        for (size_t k = 0; k < file->suppress.suppressed_count; k++) {
            suppressed =
                xgrow(suppressed, &suppressed_capacity, suppressed_count + 1, sizeof(*suppressed));
            suppressed[suppressed_count++] = file->suppress.suppressed[k];
        }
        free(file->suppress.warnings);
        free(file->suppress.suppressed);
        if (file->status != AUDIT_FILE_OK) {
            /* Skipped binaries still carry their name-only findings. */
            for (size_t k = 0; k < file->finding_count; k++) {
                context.findings = xgrow(context.findings, &context.finding_capacity,
                                         context.finding_count + 1, sizeof(*context.findings));
                context.findings[context.finding_count++] = file->findings[k];
            }
            free(file->findings);
            continue;
        }
        check_files[file_count] = (struct check_file){
            .path = arena_strdup(&result->arena, inventory.entries[i].path),
            .language = file->language ? file->language->name : NULL,
            .role = file->role,
        };
        result->audited_files[file_count] = (struct audited_file){
            .path = check_files[file_count].path,
            .language = check_files[file_count].language,
            .role = file->role,
            .bytes = file->bytes,
            .lines = file->lines,
        };
        file_count++;
        size_t first_fact = fact_count;
        bool unparsed = false;
        for (size_t k = 0; k < file->fact_count; k++) {
            facts[fact_count++] = file->facts[k];
            unparsed = unparsed || strcmp(file->facts[k].key, "yaml.unparsed") == 0;
        }
        result->skipped.unparsed += unparsed;
        qsort(facts + first_fact, fact_count - first_fact, sizeof(*facts), audit_fact_compare);
        for (size_t k = 0; k < file->finding_count; k++) {
            context.findings = xgrow(context.findings, &context.finding_capacity,
                                     context.finding_count + 1, sizeof(*context.findings));
            context.findings[context.finding_count++] = file->findings[k];
        }
        free(file->findings);
        free(file->facts);
    }
    free(files);
    /* What the files too large to read gave (above), and their names for
     * the checks (a package-lock.json over the size limit is still there). */
    for (size_t i = 0; i < inventory.too_large_count; i++) {
        for (size_t k = 0; k < too_large[i].finding_count; k++) {
            context.findings = xgrow(context.findings, &context.finding_capacity,
                                     context.finding_count + 1, sizeof(*context.findings));
            context.findings[context.finding_count++] = too_large[i].findings[k];
        }
        analysis_release(&too_large[i]);
        const char *large = arena_strdup(&result->arena, inventory.too_large[i]);
        const struct language *language = language_detect(large, NULL, 0);
        check_files[file_count++] = (struct check_file){
            .path = large,
            .language = language ? language->name : NULL,
            .role = role_detect(large, language),
        };
    }
    free(too_large);
    qsort(check_files, file_count, sizeof(*check_files), audit_check_file_compare);
    result->facts = facts;
    result->fact_count = fact_count;
    result->warnings = warnings;
    result->warning_count = warning_count;
    for (size_t i = 0; i < fact_count; i++)
        result->todo_count += strcmp(facts[i].key, "quality.marker") == 0;

    audit_phase("merge", &phase);
    /* The config's rules: settings apply before the checks, which then see
     * the findings the gates see, and again to what the checks raise. */
    suppress_apply_config(options->config, context.findings, &context.finding_count, &suppressed,
                          &suppressed_count, &suppressed_capacity, &result->arena);

    /* Tests, coverage reports and test results, which the checks judge. */
    struct test_metrics_input test_input = {
        .root = inventory.root,
        .entries = inventory.entries,
        .entry_count = inventory.count,
        .files = result->audited_files,
        /* Not file_count: that also counts the too-large files, which
         * audited_files does not hold. */
        .file_count = result->audited_file_count,
        .facts = facts,
        .fact_count = fact_count,
        .coverage_files = options->coverage_files,
        .coverage_file_count = options->coverage_file_count,
        .junit_files = options->junit_files,
        .junit_file_count = options->junit_file_count,
        .coverage_target = options->coverage_target,
    };
    test_metrics_collect(&test_input, &result->arena, &result->testing);
    if (result->testing.problem_count) {
        const char **grown =
            arena_alloc(&result->arena,
                        (result->warning_count + result->testing.problem_count) * sizeof(*grown));
        if (result->warning_count)
            memcpy(grown, result->warnings, result->warning_count * sizeof(*grown));
        memcpy(grown + result->warning_count, result->testing.problems,
               result->testing.problem_count * sizeof(*grown));
        result->warnings = grown;
        result->warning_count += result->testing.problem_count;
    }
    context.testing = &result->testing;
    audit_phase("test-metrics", &phase);

    /* --advisories: the OSV export, parsed only for the packages the
     * dependency facts name; its problems are warnings (copied: the
     * database and its strings go when the checks are done). */
    struct osv_database *advisories = NULL;
    if (options->advisories) {
        advisories = osv_database_new();
        osv_database_want_facts(advisories, facts, fact_count);
        bool loaded = osv_database_load(advisories, options->advisories);
        size_t problem_count;
        const char *const *problems = osv_database_warnings(advisories, &problem_count);
        if (problem_count) {
            const char **grown = arena_alloc(
                &result->arena, (result->warning_count + problem_count) * sizeof(*grown));
            if (result->warning_count)
                memcpy(grown, result->warnings, result->warning_count * sizeof(*grown));
            for (size_t i = 0; i < problem_count; i++)
                grown[result->warning_count + i] = arena_strdup(&result->arena, problems[i]);
            result->warnings = grown;
            result->warning_count += problem_count;
        }
        if (!loaded) {
            osv_database_free(advisories);
            advisories = NULL; /* the check says it could not read them */
        }
    }
    context.advisories = advisories;
    context.advisories_path = options->advisories;

    /* Repository-level checks over the facts. */
    context.files = check_files;
    context.file_count = file_count;
    context.facts = facts;
    context.fact_count = fact_count;
    result->kind = kind_decide(&context, &result->kind_evidence, &result->kind_evidence_count);
    size_t family_count;
    const struct check_family *const *families = check_family_table(&family_count);
    audit_phase("kind", &phase);
    for (size_t i = 0; i < family_count; i++) {
        families[i]->run(&context);
        audit_phase(families[i]->name, &phase);
    }
    osv_database_free(advisories);
    context.advisories = NULL;

    /* --history: secrets in lines past commits added, after the checks so
     * that "no committed secrets" stays about the tree; its own check says
     * whether the history was scanned at all. */
    if (options->history) {
        struct history_summary history_summary;
        struct history_options history_options = {
            .root = inventory.root,
            .max_file_size = job.max_file_size,
            .progress = options->history_progress,
            .progress_user = options->progress_user,
        };
        history_scan(&history_options, context.findings, context.finding_count, &result->arena,
                     &context.findings, &context.finding_count, &context.finding_capacity,
                     &history_summary);
        content_scan_builtin_release();
        history_add_check(&context, &history_summary);
    } else {
        history_add_check(&context, NULL);
    }

    /* Rules that do not apply to this kind of project raise nothing. */
    size_t kept = 0;
    for (size_t i = 0; i < context.finding_count; i++)
        if (context.findings[i].rule->kinds & PROJECT_KIND_BIT(result->kind))
            context.findings[kept++] = context.findings[i];
    context.finding_count = kept;
    suppress_apply_config(options->config, context.findings, &context.finding_count, &suppressed,
                          &suppressed_count, &suppressed_capacity, &result->arena);
    kept = 0;
    for (size_t i = 0; i < suppressed_count; i++)
        if (suppressed[i].rule->kinds & PROJECT_KIND_BIT(result->kind))
            suppressed[kept++] = suppressed[i];
    suppressed_count = kept;
    if (suppressed_count)
        qsort(suppressed, suppressed_count, sizeof(*suppressed), finding_compare);
    result->suppressed = arena_alloc(&result->arena, (suppressed_count ? suppressed_count : 1) *
                                                         sizeof(*suppressed));
    if (suppressed_count)
        memcpy(result->suppressed, suppressed, suppressed_count * sizeof(*suppressed));
    result->suppressed_count = suppressed_count;
    free(suppressed);

    /* qsort and memcpy must not see the NULL of an empty list (UB even for
     * zero bytes, and UBSan says so). */
    if (context.finding_count)
        qsort(context.findings, context.finding_count, sizeof(*context.findings), finding_compare);
    result->findings =
        arena_alloc(&result->arena, (context.finding_count ? context.finding_count : 1) *
                                        sizeof(*result->findings));
    if (context.finding_count)
        memcpy(result->findings, context.findings,
               context.finding_count * sizeof(*context.findings));
    result->finding_count = context.finding_count;
    free(context.findings);
    if (options->baseline) {
        result->baseline_file = arena_strdup(&result->arena, options->baseline->path);
        result->baseline_fixed =
            suppress_baseline_mark(options->baseline, result->findings, result->finding_count);
        for (size_t i = 0; i < result->finding_count; i++) {
            result->baseline_known += result->findings[i].baseline;
            result->baseline_new += !result->findings[i].baseline;
        }
    }
    if (context.check_count)
        qsort(context.checks, context.check_count, sizeof(*context.checks), audit_check_compare);
    result->checks = arena_alloc(&result->arena, (context.check_count ? context.check_count : 1) *
                                                     sizeof(*result->checks));
    if (context.check_count)
        memcpy(result->checks, context.checks, context.check_count * sizeof(*context.checks));
    result->check_count = context.check_count;
    free(context.checks);

    size_t rule_count;
    const struct rule *rules = rule_registry_all(&rule_count);
    for (size_t i = 0; i < rule_count; i++) {
        result->rules_run += (rules[i].kinds & PROJECT_KIND_BIT(result->kind)) != 0 &&
                             !suppress_rule_disabled(options->config, rules[i].id);
        result->categories[rules[i].category].checked = true;
    }

    if (options->config) {
        memcpy(result->weights, options->config->weights, sizeof(result->weights));
        memcpy(result->grade_bounds, options->config->grade_bounds, sizeof(result->grade_bounds));
    }
    score_compute(result);
    plan_compute(result, &options->plan);
    targets_evaluate(result, options->config ? &options->config->targets : NULL);
    inventory_release(&inventory);
    audit_phase("score", &phase);
    result->duration_seconds = audit_seconds_since(&start);
    audit_timestamp(result);
    *result_out = result;
    return 0;
}

void audit_result_free(struct audit_result *result)
{
    if (!result)
        return;
    arena_destroy(&result->arena);
    free(result);
}
