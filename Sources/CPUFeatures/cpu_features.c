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
