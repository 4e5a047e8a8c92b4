/*
 * threadpool: runs one function over the indices 0..count-1 on N threads.
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

#endif
