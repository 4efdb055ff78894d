import CPUFeatures

/// Which build of the vector kernels (`KernelsSIMD`) runs: the same Swift sources are
/// compiled three times, for any x86-64 (SSE2), with `-target-cpu haswell` (AVX2 + FMA, as
/// `KernelsSIMDHaswell`) and with `-target-cpu skylake-avx512` (AVX-512, sixteen lanes per
/// element-wise step, as `KernelsSIMDAVX512`); the fastest one this CPU supports is chosen
/// at run time. The Haswell and AVX-512 builds compute every lane with the same operations,
/// so they return the same bits (tested); the baseline build rounds a·b + c twice.
///
/// Callers hold the choice (workspaces take it at creation, default `detected`) so a test
/// or benchmark can run every build side by side on the same machine.
///
/// Safety on older CPUs: nothing reaches `KernelsSIMDHaswell` or `KernelsSIMDAVX512` except
/// through their cases. Their release objects define only symbols qualified by their own
/// module name. Debug objects also carry weak copies of standard-library generics
/// (`loadUnaligned`, `storeBytes`, `Optional.map`, type metadata accessors) that the linker
/// may share between modules; the shared sources avoid vector integer `&+`/`&-`, whose debug
/// copies are vector code, so every weak copy holds only integer instructions — checked with
/// `nm` (weak symbols of `.build/debug/KernelsSIMD*.build/*.o`) and `objdump` (no VEX or EVEX
/// instruction in them), so whichever copy the linker keeps runs on any x86-64.
public enum InstructionSet: String, Sendable, CaseIterable {
    /// SSE2, every x86-64 (and the portable build elsewhere).
    case baseline
    /// AVX2 + FMA (Intel Haswell, 2013, AMD Excavator/Zen and later).
    case haswell
    /// AVX-512 F/CD/BW/DQ/VL (Intel Skylake-SP 2017 and later server parts, AMD Zen 4 and later).
    case avx512

    /// The best build this CPU and operating system support, read once from CPUID.
    public static let detected: InstructionSet =
        autoscale_cpu_supports_avx512() != 0 ? .avx512 : autoscale_cpu_supports_haswell() != 0 ? .haswell : .baseline

    /// Whether this machine can run the build.
    public var isSupported: Bool {
        switch self {
        case .baseline: true
        case .haswell: Self.detected != .baseline
        case .avx512: Self.detected == .avx512
        }
    }
}
