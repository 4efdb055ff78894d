import CPUFeatures

/// Which build of the vector kernels (`KernelsSIMD`) runs: the same Swift sources are
/// compiled twice, for any x86-64 (SSE2) and with `-target-cpu haswell` (AVX2 + FMA, as
/// `KernelsSIMDHaswell`), and the faster one this CPU supports is chosen at run time.
///
/// Callers hold the choice (workspaces take it at creation, default `detected`) so a test
/// or benchmark can run both builds side by side on the same machine.
///
/// Safety on CPUs without AVX2: nothing reaches `KernelsSIMDHaswell` except through the
/// `.haswell` case. Its release objects define only symbols qualified by its own module
/// name; debug objects also carry weak copies of two standard-library generics
/// (`loadUnaligned`, `storeBytes`) and `__swift_instantiateConcreteTypeFromMangledName`,
/// which the linker may share with other modules — checked with objdump to contain only
/// integer instructions (no VEX encoding), so whichever copy wins runs on any x86-64.
public enum InstructionSet: String, Sendable, CaseIterable {
    /// SSE2, every x86-64 (and the portable build elsewhere).
    case baseline
    /// AVX2 + FMA (Intel Haswell, 2013, AMD Excavator/Zen and later).
    case haswell

    /// The best build this CPU and operating system support, read once from CPUID.
    public static let detected: InstructionSet = autoscale_cpu_supports_haswell() != 0 ? .haswell : .baseline

    /// Whether this machine can run the build.
    public var isSupported: Bool {
        self == .baseline || Self.detected == .haswell
    }
}
