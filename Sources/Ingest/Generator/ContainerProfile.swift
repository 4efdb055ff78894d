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
        let typical = RoleDefaults.of(role)
        let cpuBase = typical.cores * jitter()
        let memoryBase = typical.memoryMiB * mebibyte * jitter()
        let collectionThreshold = typical.collectionMiB * mebibyte * jitter()
        let leakPerSecond = typical.leakMiBPerDay * mebibyte * jitter() / 86_400
        let daysToOOM = 4 + 8 * random.nextUnit()
        return ContainerProfile(
            role: role,
            cpuBase: cpuBase,
            dailyAmplitude: min(0.7, typical.dailyAmplitude * jitter()),
            peakHour: 14 + 1.5 * random.nextGaussian(),
            weekendFactor: min(1, typical.weekendFactor * jitter()),
            burstRate: typical.burstsPerHour * jitter() / 3600,
            burstScale: typical.burstSize * jitter(),
            burstDecay: 300 + 900 * random.nextUnit(),
            noiseLevel: 0.06 + 0.06 * random.nextUnit(),
            noiseTime: 300,
            cpuLimit: (cpuBase * 4).rounded(.up) + 1,
            memoryBase: memoryBase,
            allocationPerCoreSecond: typical.allocationMiBPerCoreSecond * mebibyte * jitter(),
            collectionThreshold: collectionThreshold,
            leakPerSecond: leakPerSecond,
            memoryLimit: memoryBase + collectionThreshold + leakPerSecond * 86_400 * daysToOOM,
            receivePerCoreSecond: typical.receiveMBPerCoreSecond * 1e6 * jitter(),
            transmitPerCoreSecond: typical.transmitMBPerCoreSecond * 1e6 * jitter(),
            readRate: typical.readKBPerSecond * 1e3 * jitter(),
            writeRate: typical.writeKBPerSecond * 1e3 * jitter(),
            deploymentWorkingHours: 9 * (2 + 3 * random.nextUnit()),
            crashSeconds: 86_400 * (8 + 8 * random.nextUnit())
        )
    }
}

/// Typical values of one role before the per-container jitter.
struct RoleDefaults: Sendable {
    var cores: Double
    var dailyAmplitude: Double
    var weekendFactor: Double
    var burstsPerHour: Double
    /// Burst height in units of the base load.
    var burstSize: Double
    var memoryMiB: Double
    var allocationMiBPerCoreSecond: Double
    var collectionMiB: Double
    var leakMiBPerDay: Double
    var receiveMBPerCoreSecond: Double
    var transmitMBPerCoreSecond: Double
    var readKBPerSecond: Double
    var writeKBPerSecond: Double

    static func of(_ role: WorkloadRole) -> RoleDefaults {
        switch role {
        case .web:
            return RoleDefaults(cores: 0.5, dailyAmplitude: 0.6, weekendFactor: 0.6, burstsPerHour: 0.3, burstSize: 0.8,
                                memoryMiB: 300, allocationMiBPerCoreSecond: 4, collectionMiB: 200, leakMiBPerDay: 20,
                                receiveMBPerCoreSecond: 1.5, transmitMBPerCoreSecond: 6, readKBPerSecond: 20, writeKBPerSecond: 50)
        case .api:
            return RoleDefaults(cores: 0.8, dailyAmplitude: 0.5, weekendFactor: 0.7, burstsPerHour: 0.2, burstSize: 1.0,
                                memoryMiB: 600, allocationMiBPerCoreSecond: 6, collectionMiB: 400, leakMiBPerDay: 40,
                                receiveMBPerCoreSecond: 2.5, transmitMBPerCoreSecond: 4, readKBPerSecond: 50, writeKBPerSecond: 100)
        case .worker:
            return RoleDefaults(cores: 1.2, dailyAmplitude: 0.25, weekendFactor: 0.9, burstsPerHour: 0.6, burstSize: 1.5,
                                memoryMiB: 1000, allocationMiBPerCoreSecond: 10, collectionMiB: 800, leakMiBPerDay: 10,
                                receiveMBPerCoreSecond: 0.5, transmitMBPerCoreSecond: 0.5, readKBPerSecond: 500, writeKBPerSecond: 800)
        case .cache:
            return RoleDefaults(cores: 0.3, dailyAmplitude: 0.4, weekendFactor: 0.75, burstsPerHour: 0.1, burstSize: 0.5,
                                memoryMiB: 1500, allocationMiBPerCoreSecond: 1, collectionMiB: 1000, leakMiBPerDay: 60,
                                receiveMBPerCoreSecond: 4, transmitMBPerCoreSecond: 8, readKBPerSecond: 5, writeKBPerSecond: 20)
        case .db:
            return RoleDefaults(cores: 0.9, dailyAmplitude: 0.35, weekendFactor: 0.8, burstsPerHour: 0.2, burstSize: 1.0,
                                memoryMiB: 2000, allocationMiBPerCoreSecond: 3, collectionMiB: 600, leakMiBPerDay: 30,
                                receiveMBPerCoreSecond: 1, transmitMBPerCoreSecond: 2, readKBPerSecond: 2000, writeKBPerSecond: 1500)
        }
    }
}
