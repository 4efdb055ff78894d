import Foundation

/// Runs one of the package's executables (built beside the test bundle) as a real
/// process and collects its exit status and output.
public struct ProductRunner: Sendable {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String

        /// (status, stdout, stderr), for destructuring.
        public var components: (status: Int32, stdout: String, stderr: String) { (status, stdout, stderr) }
    }

    public let executable: URL

    /// `name` is a product of this package, e.g. "autoscale". Throws when the binary has not
    /// been built, so a test that needs it fails and says so instead of passing without
    /// running (`swift build --build-tests`, as scripts/test.sh runs it, builds every product).
    public init(product name: String) throws(ProductNotBuilt) {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [directory, directory.deletingLastPathComponent()].map { $0.appendingPathComponent(name) }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ProductNotBuilt(product: name, searched: candidates.map(\.path))
        }
        executable = found
    }

    /// Starts the product with `arguments` in `directory` (default: the package root),
    /// stdout and stderr piped, and returns without waiting.
    /// `environment` is added to this process's environment; COLUMNS is fixed at 80 so
    /// help text, which wraps at the terminal width, does not depend on the shell.
    public func start(
        _ arguments: [String], in directory: URL = RealData.packageRoot, environment extra: [String: String] = [:]
    ) throws -> (process: Process, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        environment["COLUMNS"] = "80"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Runs with `arguments` in `directory` (default: the package root) and waits.
    public func run(
        _ arguments: [String], in directory: URL = RealData.packageRoot, environment: [String: String] = [:]
    ) throws -> Result {
        let (process, out, err) = try start(arguments, in: directory, environment: environment)
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}

/// A package product a test runs was not found beside the test bundle.
public struct ProductNotBuilt: Error, CustomStringConvertible {
    public let product: String
    public let searched: [String]

    public var description: String {
        "product \(product) is not built (looked for \(searched.joined(separator: " and "))); "
            + "build it with `swift build --build-tests` (scripts/test.sh does) and run the tests again"
    }
}
