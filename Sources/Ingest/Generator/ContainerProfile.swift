import Foundation
import Kernels

/// What kind of service a synthetic container runs; sets the shape of its load.
public enum WorkloadRole: String, Sendable, CaseIterable {
    case web, api, worker, cache, db
}

/// The fixed parameters of one synthetic container: a role's typical values, each scaled
/// by a per-container log-normal factor exp(0.25·z), z ~ N(0, 1), so containers of one
/// role differ. Units: cores, bytes, seconds.
struct ContainerProfile: Sendable {
    var role: WorkloadRole
    /// Mean cores in use at the daily mean.
    var cpuBase: Double
    /// Relative amplitude A of the daily cycle: load ∝ 1 + A·daily(hour).
    var dailyAmplitude: Double
    /// Hour of day (UTC) of the daily peak.
    var peakHour: Double
    /// Load factor on Saturdays and Sundays.
    var weekendFactor: Double
    /// Bursts per second (Poisson), their size in units of cpuBase, and their decay time.
    var burstRate: Double
    var burstScale: Double
    var burstDecay: Double
    /// Standard deviation of the AR(1) noise in units of cpuBase, and its correlation time.
    var noiseLevel: Double
    var noiseTime: Double
    /// CPU limit in cores.
    var cpuLimit: Double
    /// Resident memory after warm-up, bytes allocated per core-second, the heap size that
    /// triggers garbage collection, bytes leaked per second, and the memory limit (OOM kill).
    var memoryBase: Double
    var allocationPerCoreSecond: Double
    var collectionThreshold: Double
    var leakPerSecond: Double
    var memoryLimit: Double
    /// Network bytes per core-second; disk bytes per second at the daily mean.
    var receivePerCoreSecond: Double
    var transmitPerCoreSecond: Double
    var readRate: Double
    var writeRate: Double
    /// Mean time between deployments (counted in working hours, 09–18 UTC Monday–Friday) and between crashes.
    var deploymentWorkingHours: Double
    var crashSeconds: Double

    static func draw(role: WorkloadRole, random: inout SplitMix64) -> ContainerProfile {
        let mebibyte = 1_048_576.0
        func jitter() -> Double { exp(0.25 * random.nextGaussian()) }
        // cpu, A, weekend, bursts/h, burst size, memory MiB, alloc MiB/core-s, GC MiB, leak MiB/day,
        // rx MB/core-s, tx MB/core-s, read KB/s, write KB/s
        let table: (Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double)
        switch role {
        case .web: table = (0.5, 0.6, 0.6, 0.3, 0.8, 300, 4, 200, 20, 1.5, 6, 20, 50)
        case .api: table = (0.8, 0.5, 0.7, 0.2, 1.0, 600, 6, 400, 40, 2.5, 4, 50, 100)
        case .worker: table = (1.2, 0.25, 0.9, 0.6, 1.5, 1000, 10, 800, 10, 0.5, 0.5, 500, 800)
        case .cache: table = (0.3, 0.4, 0.75, 0.1, 0.5, 1500, 1, 1000, 60, 4, 8, 5, 20)
        case .db: table = (0.9, 0.35, 0.8, 0.2, 1.0, 2000, 3, 600, 30, 1, 2, 2000, 1500)
        }
        let cpuBase = table.0 * jitter()
        let memoryBase = table.5 * mebibyte * jitter()
        let collectionThreshold = table.7 * mebibyte * jitter()
        let leakPerSecond = table.8 * mebibyte * jitter() / 86_400
        let daysToOOM = 4 + 8 * random.nextUnit()
        return ContainerProfile(
            role: role,
            cpuBase: cpuBase,
            dailyAmplitude: min(0.7, table.1 * jitter()),
            peakHour: 14 + 1.5 * random.nextGaussian(),
            weekendFactor: min(1, table.2 * jitter()),
            burstRate: table.3 * jitter() / 3600,
            burstScale: table.4 * jitter(),
            burstDecay: 300 + 900 * random.nextUnit(),
            noiseLevel: 0.06 + 0.06 * random.nextUnit(),
            noiseTime: 300,
            cpuLimit: (cpuBase * 4).rounded(.up) + 1,
            memoryBase: memoryBase,
            allocationPerCoreSecond: table.6 * mebibyte * jitter(),
            collectionThreshold: collectionThreshold,
            leakPerSecond: leakPerSecond,
            memoryLimit: memoryBase + collectionThreshold + leakPerSecond * 86_400 * daysToOOM,
            receivePerCoreSecond: table.9 * 1e6 * jitter(),
            transmitPerCoreSecond: table.10 * 1e6 * jitter(),
            readRate: table.11 * 1e3 * jitter(),
            writeRate: table.12 * 1e3 * jitter(),
            deploymentWorkingHours: 9 * (2 + 3 * random.nextUnit()),
            crashSeconds: 86_400 * (8 + 8 * random.nextUnit())
        )
    }
}
