import Foundation
import Kernels

/// One synthetic container stepped through time. Per step of Δt seconds at time t:
///
/// - calendar: h = hour of day (UTC), daily(h) = cos(2π(h − peak)/24) + 0.3·cos(4π(h − peak)/24),
///   weekly = weekendFactor on Saturday and Sunday, else 1;
/// - events: a deployment with probability Δt/(mean working seconds between deployments)
///   during working hours, a crash with probability Δt/crashSeconds; both restart the
///   container, a deployment also shifts the load level by exp(0.2·z) (kept in [0.5, 2]);
/// - cpu = clip(base·level·(1 + A·daily)·weekly + burst + base·(0.5·(1 − warmth) + noise), 0, limit),
///   bursts arrive as a Poisson process and decay as exp(−Δt/τ_burst); the noise is AR(1),
///   x ← φx + σ√(1 − φ²)·z with φ = exp(−Δt/τ_noise); warmth rises from 0.3 to 1 after a restart;
/// - memory = memoryBase·(0.6 + 0.4·warmth) + leaked + heap + 1 MiB·z, where the heap grows by
///   allocation·cpu·Δt and a garbage collection shrinks it to 15–35 % when it exceeds the
///   threshold; above the memory limit the container is killed and restarts (OOM);
/// - counters (bytes): network += cpu·bytesPerCoreSecond·exp(0.15·z)·Δt, disk += rate·(0.2 + 0.8·cpu/(base·level))·exp(0.3·z)·Δt
///   (writes also jump with each garbage collection: a heap dump-like flush), rounded to whole bytes;
///   all four restart from 0 when the container restarts.
struct ContainerSimulator {
    let profile: ContainerProfile
    private var random: SplitMix64
    private var level = 1.0
    private var noise = 0.0
    private var burst = 0.0
    private var heap = 0.0
    private var leaked = 0.0
    private var warmth = 1.0
    private var counters = (reads: 0.0, writes: 0.0, received: 0.0, transmitted: 0.0)
    /// Number of restarts so far (deployments, crashes, OOM kills).
    private(set) var restarts = 0

    init(profile: ContainerProfile, random: SplitMix64) {
        self.profile = profile
        self.random = random
        heap = profile.collectionThreshold * self.random.nextUnit()
        noise = profile.noiseLevel * self.random.nextGaussian()
    }

    /// The sample at time `t` (seconds since 1970), `dt` seconds after the previous one.
    mutating func step(at t: Double, dt: Double) -> ResourceSample {
        let p = profile
        let secondsOfDay = t - 86_400 * (t / 86_400).rounded(.down)
        let hour = secondsOfDay / 3600
        let weekday = CivilTime.weekday(fromDays: Int((t / 86_400).rounded(.down)))
        let isWeekend = weekday >= 5
        let angle = 2 * Double.pi * (hour - p.peakHour) / 24
        let daily = cos(angle) + 0.3 * cos(2 * angle)
        let weekly = isWeekend ? p.weekendFactor : 1

        // Events.
        let isWorkingHour = !isWeekend && hour >= 9 && hour < 18
        if isWorkingHour, random.nextUnit() < dt / (p.deploymentWorkingHours * 3600) {
            level = min(2, max(0.5, level * exp(0.2 * random.nextGaussian())))
            restart()
        } else if random.nextUnit() < dt / p.crashSeconds {
            restart()
        }

        // CPU.
        if random.nextUnit() < dt * p.burstRate {
            burst += p.cpuBase * p.burstScale * (0.5 + 1.5 * random.nextUnit())
        }
        burst *= exp(-dt / p.burstDecay)
        let phi = exp(-dt / p.noiseTime)
        noise = phi * noise + p.noiseLevel * (1 - phi * phi).squareRoot() * random.nextGaussian()
        let demand = p.cpuBase * level * (1 + p.dailyAmplitude * daily) * weekly
        let cpu = min(p.cpuLimit, max(0, demand + burst + p.cpuBase * (0.5 * (1 - warmth) + noise)))
        warmth += (1 - warmth) * (1 - exp(-dt / 600))

        // Memory.
        var collected = 0.0
        heap += p.allocationPerCoreSecond * cpu * dt
        if heap > p.collectionThreshold {
            let kept = 0.15 + 0.2 * random.nextUnit()
            collected = heap * (1 - kept)
            heap *= kept
        }
        leaked += p.leakPerSecond * dt
        var memory = p.memoryBase * (0.6 + 0.4 * warmth) + leaked + heap + 1_048_576 * random.nextGaussian()
        if memory > p.memoryLimit {
            restart()
            memory = p.memoryBase * (0.6 + 0.4 * warmth) + heap
        }

        // Counters.
        let load = cpu / (p.cpuBase * level)
        counters.received += (cpu * p.receivePerCoreSecond * exp(0.15 * random.nextGaussian()) * dt).rounded()
        counters.transmitted += (cpu * p.transmitPerCoreSecond * exp(0.15 * random.nextGaussian()) * dt).rounded()
        counters.reads += (p.readRate * (0.2 + 0.8 * load) * exp(0.3 * random.nextGaussian()) * dt).rounded()
        counters.writes += (p.writeRate * (0.2 + 0.8 * load) * exp(0.3 * random.nextGaussian()) * dt + 0.05 * collected).rounded()

        return ResourceSample(
            cpu: cpu, memory: max(0, memory.rounded()),
            diskReads: counters.reads, diskWrites: counters.writes,
            networkRx: counters.received, networkTx: counters.transmitted)
    }

    /// A restarted container starts cold: empty heap, nothing leaked, counters at 0.
    private mutating func restart() {
        restarts += 1
        heap = 0
        leaked = 0
        warmth = 0.3
        counters = (0, 0, 0, 0)
    }
}
