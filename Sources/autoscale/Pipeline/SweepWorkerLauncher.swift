import Foundation
import Pipeline

/// Starts the extra workers of `pipeline run --workers N` as real processes of this
/// executable: `autoscale pipeline worker FILE --set … --db … --sweep RUN --stage ID
/// --input-key KEY --worker NAME --experiment E --stale-after S --parent-pid P` (P: this
/// process, so that a worker exits when it is gone). Their standard output is discarded and
/// their standard error is this process's.
struct SweepWorkerLauncher: Sendable {
    let file: String
    let overrides: [String]
    let db: String
    let staleAfter: Double
    /// `--hold-trial`, passed on (the test knob).
    let holdTrial: Int?

    func launch(_ request: SweepWorkerRequest) throws -> any SweepWorkerProcess {
        let process = Process()
        process.executableURL = try Self.executable()
        var arguments = ["pipeline", "worker", file, "--db", db, "--sweep", request.sweep.rawValue, "--stage", request.stage,
                         "--input-key", request.inputKey, "--worker", request.worker, "--experiment", request.experiment,
                         "--stale-after", "\(staleAfter)", "--parent-pid", String(getpid())]
        for override in overrides { arguments += ["--set", override] }
        if let holdTrial { arguments += ["--hold-trial", String(holdTrial)] }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return LaunchedWorker(process: process)
    }

    /// This executable's path.
    static func executable() throws -> URL {
        guard let path = Bundle.main.executablePath else {
            throw SweepRunError.noWorkerLauncher(workers: 2)
        }
        return URL(fileURLWithPath: path)
    }
}

/// A started worker process.
struct LaunchedWorker: SweepWorkerProcess, @unchecked Sendable {
    let process: Process

    func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}
