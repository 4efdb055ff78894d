import Foundation

/// CPU seconds (user + system) this process has used so far, from `getrusage` (shared by
/// bench-accuracy, bench-nhits-tuning and bench-ensemble-study).
public func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}
