/*
 * cpu: see cpu.h. The answer is computed once; threads that race on the
 * first call compute the same value.
 */
#include "util/cpu.h"

#include <stdatomic.h>

bool cpu_has_avx2(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    /* 0 unknown, 1 no, 2 yes. */
    static _Atomic int known = 0;
    int value = atomic_load_explicit(&known, memory_order_relaxed);
    if (value == 0) {
        __builtin_cpu_init();
        value = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") ? 2 : 1;
        atomic_store_explicit(&known, value, memory_order_relaxed);
    }
    return value == 2;
#else
    return false;
#endif
}
