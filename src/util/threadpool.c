/*
 * threadpool: fork-join over an index range with pthreads. Must not hold any
 * lock while calling the task: tasks may be slow (file reads).
 */
#include "util/threadpool.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdatomic.h>
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
