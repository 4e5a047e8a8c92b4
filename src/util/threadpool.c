/*
 * threadpool: fork-join over an index range with pthreads, fixed or fed while
 * it runs. Must not hold any lock while calling the task: tasks may be slow
 * (file reads).
 */
#include "util/threadpool.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

struct threadpool_job {
    threadpool_task_fn task;
    void *context;
    size_t count;
    atomic_size_t next;
};

struct threadpool_worker {
    struct threadpool_job *job;
    unsigned number;
};

static void *threadpool_worker_main(void *argument)
{
    struct threadpool_worker *worker = argument;
    struct threadpool_job *job = worker->job;
    for (;;) {
        size_t index = atomic_fetch_add(&job->next, 1);
        if (index >= job->count)
            break;
        job->task(job->context, index, worker->number);
    }
    return NULL;
}

unsigned threadpool_cpu_count(void)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (unsigned)online : 1;
}

void threadpool_run(unsigned threads, size_t count, threadpool_task_fn task, void *context)
{
    if (threads == 0)
        threads = threadpool_cpu_count();
    if (threads > count)
        threads = count ? (unsigned)count : 1;
    struct threadpool_job job = {.task = task, .context = context, .count = count};
    atomic_init(&job.next, 0);
    struct threadpool_worker *workers = xcalloc(threads, sizeof(*workers));
    pthread_t *ids = xcalloc(threads, sizeof(*ids));
    unsigned started = 0;
    for (unsigned i = 1; i < threads; i++) {
        workers[i].job = &job;
        workers[i].number = i;
        if (pthread_create(&ids[i], NULL, threadpool_worker_main, &workers[i]) != 0)
            break; /* fewer threads is still correct: the caller's thread drains */
        started = i;
    }
    workers[0].job = &job;
    workers[0].number = 0;
    threadpool_worker_main(&workers[0]);
    for (unsigned i = 1; i <= started; i++)
        pthread_join(ids[i], NULL);
    free(workers);
    free(ids);
}

struct threadpool_feed {
    threadpool_task_fn task;
    void *context;
    atomic_size_t next;  /* the next index a thread takes */
    atomic_size_t ready; /* indices below this may run */
    bool finished;       /* under lock: nothing more will be published */
    pthread_mutex_t lock;
    pthread_cond_t more; /* ready grew, or finished */
    unsigned thread_count;
    pthread_t *threads;
    struct threadpool_feed_worker {
        struct threadpool_feed *feed;
        unsigned number;
    } * workers;
};

static void *threadpool_feed_main(void *argument)
{
    struct threadpool_feed_worker *worker = argument;
    struct threadpool_feed *feed = worker->feed;
    for (;;) {
        /* Taken before it is ready: this thread owns the index and waits
         * for it, so no index is skipped or run twice. */
        size_t index = atomic_fetch_add(&feed->next, 1);
        if (index >= atomic_load(&feed->ready)) {
            pthread_mutex_lock(&feed->lock);
            while (index >= atomic_load(&feed->ready) && !feed->finished)
                pthread_cond_wait(&feed->more, &feed->lock);
            bool past_end = index >= atomic_load(&feed->ready);
            pthread_mutex_unlock(&feed->lock);
            if (past_end)
                return NULL;
        }
        feed->task(feed->context, index, worker->number);
    }
}

struct threadpool_feed *threadpool_feed_start(unsigned threads, threadpool_task_fn task,
                                              void *context)
{
    if (threads == 0)
        threads = threadpool_cpu_count();
    struct threadpool_feed *feed = xcalloc(1, sizeof(*feed));
    feed->task = task;
    feed->context = context;
    atomic_init(&feed->next, 0);
    atomic_init(&feed->ready, 0);
    pthread_mutex_init(&feed->lock, NULL);
    pthread_cond_init(&feed->more, NULL);
    feed->threads = xcalloc(threads, sizeof(*feed->threads));
    feed->workers = xcalloc(threads, sizeof(*feed->workers));
    for (unsigned i = 0; i < threads; i++) {
        feed->workers[i].feed = feed;
        feed->workers[i].number = i;
        if (pthread_create(&feed->threads[i], NULL, threadpool_feed_main, &feed->workers[i]) != 0)
            break; /* fewer threads is still correct; none: finish runs it all */
        feed->thread_count = i + 1;
    }
    return feed;
}

void threadpool_feed_publish(struct threadpool_feed *feed, size_t ready)
{
    pthread_mutex_lock(&feed->lock);
    if (ready > atomic_load(&feed->ready))
        atomic_store(&feed->ready, ready);
    pthread_cond_broadcast(&feed->more);
    pthread_mutex_unlock(&feed->lock);
}

void threadpool_feed_finish(struct threadpool_feed *feed, size_t total)
{
    pthread_mutex_lock(&feed->lock);
    if (total > atomic_load(&feed->ready))
        atomic_store(&feed->ready, total);
    feed->finished = true;
    pthread_cond_broadcast(&feed->more);
    pthread_mutex_unlock(&feed->lock);
    if (feed->thread_count == 0) {
        /* No thread could be started: run everything here. */
        struct threadpool_feed_worker self = {.feed = feed, .number = 0};
        threadpool_feed_main(&self);
    }
    for (unsigned i = 0; i < feed->thread_count; i++)
        pthread_join(feed->threads[i], NULL);
    pthread_mutex_destroy(&feed->lock);
    pthread_cond_destroy(&feed->more);
    free(feed->threads);
    free(feed->workers);
    free(feed);
}
