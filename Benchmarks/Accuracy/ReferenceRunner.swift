import Foundation

/// Runs the reference tools (Reference/reference_accuracy.py) on one folder of series in
/// the pinned venv that Reference/setup_venv.sh creates, and reads their per-series results.
/// The script caches each (file sha256, column, model, script version) under
/// ~/.cache/autoscale/accuracy-reference, so a rerun only reads JSON; `refresh` recomputes.
/// Its progress lines go to our stderr as they come.
struct ReferenceRunner {
    /// Benchmarks/Accuracy/Reference.
    let scripts: URL
    let models: [ReferenceModel]
    let refresh: Bool

    /// The venv's folder, created or checked by setup_venv.sh (idempotent).
    func venv() throws -> URL {
        let output = try run(URL(fileURLWithPath: "/bin/bash"), [scripts.appendingPathComponent("setup_venv.sh").path], captureStdout: true)
        let path = output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !path.isEmpty else { throw BenchError("Reference/setup_venv.sh printed no venv folder; run it by hand to see why") }
        return URL(fileURLWithPath: path)
    }

    /// Every reference model on every `files` of `folder` (column `column`).
    func results(folder: URL, column: String, files: [String], venv: URL) throws -> [ReferenceResult] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bench-accuracy-\(UUID().uuidString).json")
        defer { removeTemporary(out) }
        var arguments = [
            scripts.appendingPathComponent("reference_accuracy.py").path,
            "--data", folder.path, "--column", column,
            "--models", models.map(\.rawValue).joined(separator: ","),
            "--files", files.joined(separator: ","), "--out", out.path,
        ]
        if refresh { arguments.append("--refresh") }
        _ = try run(venv.appendingPathComponent("bin/python"), arguments, captureStdout: false)
        let data = try Data(contentsOf: out)
        do {
            return try JSONDecoder().decode(ReferenceRun.self, from: data).results
        } catch {
            throw BenchError("\(out.path): not the reference script's output (\(error)); rerun with --refresh-reference")
        }
    }

    private func removeTemporary(_ file: URL) {
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        do {
            try FileManager.default.removeItem(at: file)
        } catch {
            FileHandle.standardError.write(Data("bench-accuracy: could not remove \(file.path): \(error)\n".utf8))
        }
    }

    private func run(_ executable: URL, _ arguments: [String], captureStdout: Bool) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardError = FileHandle.standardError
        let pipe = Pipe()
        process.standardOutput = captureStdout ? pipe : FileHandle.standardError
        try process.run()
        let output = captureStdout ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("\(executable.path) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus); its messages are above")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
