/*
 * cpu: what the processor the program runs on can do, for the few scanning
 * loops that have an AVX2 version next to their SSE2 one. The build never
 * assumes AVX2 (a binary must run on any x86-64); those loops ask here.
 * It must stay cheap to call per file and safe from any thread.
 */
#ifndef PRODREADY_UTIL_CPU_H
#define PRODREADY_UTIL_CPU_H

#include <stdbool.h>

/* AVX2 and POPCNT both present (false on other architectures). */
bool cpu_has_avx2(void);

#endif
