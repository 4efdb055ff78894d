#ifndef PREDICTIVE_AUTOSCALING_CPU_FEATURES_H
#define PREDICTIVE_AUTOSCALING_CPU_FEATURES_H

/// 1 when this CPU (and the operating system's saved register state) supports every
/// instruction set extension that `-target-cpu haswell` lets the compiler use for the
/// vector kernels (AVX2, FMA, BMI1/2, F16C, POPCNT, MOVBE, LZCNT); 0 otherwise, and 0 on
/// non-x86 processors.
int autoscale_cpu_supports_haswell(void);

/// 1 when, beyond the Haswell set, the CPU and OS support the AVX-512 that the
/// `-target-cpu skylake-avx512` build uses (F, CD, BW, DQ and VL, with the ZMM state saved);
/// 0 otherwise.
int autoscale_cpu_supports_avx512(void);

#endif
