/*
 * threadpool: runs one function over the indices 0..count-1 on N threads,
 * either a known count (threadpool_run) or one that grows while the threads
 * run (threadpool_feed_*).
 *
 * Work is handed out by an atomic counter, so callers that need a
 * deterministic result must store per-index results and merge them in index
 * order afterwards; nothing here orders completions. The worker number
 * (0..threads-1) is passed so callers can keep per-thread scratch buffers.
 */
#ifndef PRODREADY_UTIL_THREADPOOL_H
#define PRODREADY_UTIL_THREADPOOL_H

#include <stddef.h>

typedef void (*threadpool_task_fn)(void *context, size_t index, unsigned worker);

/* Runs task(context, i, worker) for every i < count. threads == 0 means the
 * number of online CPUs. Returns when every index is done. */
void threadpool_run(unsigned threads, size_t count, threadpool_task_fn task, void *context);
unsigned threadpool_cpu_count(void);

/* A pool fed while it runs, for work that is discovered as it goes (files
 * listed by a directory walk): the producer says how many indices are ready
 * so far, the threads take them in order and wait for more until the feed
 * is finished. */
struct threadpool_feed;

/* Starts `threads` threads (0: the number of online CPUs). Never NULL. */
struct threadpool_feed *threadpool_feed_start(unsigned threads, threadpool_task_fn task,
                                              void *context);
/* Indices 0..ready-1 may be run; `ready` never decreases. */
void threadpool_feed_publish(struct threadpool_feed *feed, size_t ready);
/* Publishes `total`, returns when every index below it is done, and frees
 * the feed. */
void threadpool_feed_finish(struct threadpool_feed *feed, size_t total);

#endif
