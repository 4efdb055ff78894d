#include "cpu_features.h"

int autoscale_cpu_supports_haswell(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    /* __builtin_cpu_supports("avx2") also checks that the OS saves the YMM state (XGETBV). */
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
        && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2")
        && __builtin_cpu_supports("f16c") && __builtin_cpu_supports("popcnt")
        && __builtin_cpu_supports("movbe") && __builtin_cpu_supports("lzcnt");
#else
    return 0;
#endif
}

int autoscale_cpu_supports_avx512(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    /* The AVX-512 features are reported only when the OS saves the ZMM and mask state. */
    return autoscale_cpu_supports_haswell()
        && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd")
        && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512vl");
#else
    return 0;
#endif
}
