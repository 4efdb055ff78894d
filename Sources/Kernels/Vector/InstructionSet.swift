import CPUFeatures
import Foundation

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
public enum InstructionSet: String, Sendable, CaseIterable, Comparable {
    /// SSE2, every x86-64 (and the portable build elsewhere).
    case baseline
    /// AVX2 + FMA (Intel Haswell, 2013, AMD Excavator/Zen and later).
    case haswell
    /// AVX-512 F/CD/BW/DQ/VL (Intel Skylake-SP 2017 and later server parts, AMD Zen 4 and later).
    case avx512

    /// The environment variable that pins the build below what the CPU offers
    /// (`baseline`, `haswell` or `avx512`), so that one machine can prove every path a
    /// user's CPU may take (`.ci/run` runs the numeric suites once per build; see
    /// docs/ARCHITECTURE.md). Unset or empty: the best build the CPU supports.
    public static let overrideVariable = "AUTOSCALE_INSTRUCTION_SET"

    /// The best build this CPU and operating system support, read once from CPUID.
    public static let cpuSupported: InstructionSet =
        autoscale_cpu_supports_avx512() != 0 ? .avx512 : autoscale_cpu_supports_haswell() != 0 ? .haswell : .baseline

    /// The build that runs: `cpuSupported`, or the one `AUTOSCALE_INSTRUCTION_SET` pins. A
    /// value that names no build, or a build this CPU cannot run, stops the process with a
    /// message naming the value (running on with another build would make a pinned test run
    /// prove nothing).
    public static let detected: InstructionSet = {
        do throws(InstructionSetError) {
            return try choose(override: ProcessInfo.processInfo.environment[overrideVariable], cpu: cpuSupported)
        } catch {
            fatalError(error.description)
        }
    }()

    /// The build to run on a CPU supporting up to `cpu`, given the override variable's value.
    public static func choose(override: String?, cpu: InstructionSet) throws(InstructionSetError) -> InstructionSet {
        guard let override, !override.isEmpty else { return cpu }
        guard let pinned = InstructionSet(rawValue: override.lowercased()) else {
            throw .unknownBuild(override)
        }
        guard pinned <= cpu else { throw .unsupportedBuild(pinned, cpu: cpu) }
        return pinned
    }

    /// Whether this process may run the build: the CPU supports it and no override pins a lower one.
    public var isSupported: Bool { self <= Self.detected }

    /// Builds order by what they need of the CPU: baseline < haswell < avx512.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .baseline: 0
        case .haswell: 1
        case .avx512: 2
        }
    }
}

/// A bad value of `AUTOSCALE_INSTRUCTION_SET`.
public enum InstructionSetError: Error, Equatable, CustomStringConvertible {
    case unknownBuild(String)
    case unsupportedBuild(InstructionSet, cpu: InstructionSet)

    public var description: String {
        let known = InstructionSet.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .unknownBuild(let value):
            return "\(InstructionSet.overrideVariable)=\(value) names no build of the vector kernels; use one of \(known), or unset it"
        case .unsupportedBuild(let pinned, let cpu):
            return "\(InstructionSet.overrideVariable)=\(pinned.rawValue) asks for a build this CPU cannot run "
                + "(it supports up to \(cpu.rawValue)); pin \(cpu.rawValue) or a lower build, or unset it"
        }
    }
}
