import Foundation
import Kernels

/// bench-accuracy: our catalog models and the reference tools (mlforecast + LightGBM,
/// neuralforecast N-HiTS, statsforecast AutoARIMA) through EVALUATION.md on the
/// development series in ../shared/data/real (NAB, column `value`; Azure V1 VMs, column
/// `avg_cpu`), side by side in one run: relMAE per horizon, fit seconds, coverage at
/// 80 % and 95 %, and the targets of issue 15. Benchmarks/README.md has the commands.
///
///     swift run -c release bench-accuracy [--models snaive,autoarima] [--folders nab,azure_v1_vms]
///         [--reference-models lightgbm,nhits,autoarima] [--no-reference] [--refresh-reference] [--json]
func main() throws {
    BLAS.useSingleThread()
    let arguments = try Arguments(CommandLine.arguments)
    if arguments.help {
        print(BenchError.usage.description)
        return
    }
    let accuracy = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let root = accuracy.deletingLastPathComponent().deletingLastPathComponent()
    let data = root.deletingLastPathComponent().appendingPathComponent("shared/data/real")
    guard FileManager.default.fileExists(atPath: data.path) else {
        throw BenchError("\(data.path) is absent; bench-accuracy measures on the development series there")
    }
    let bench = AccuracyBench(arguments: arguments, data: data, scripts: accuracy.appendingPathComponent("Reference"),
                              progress: isatty(STDOUT_FILENO) == 1)
    let folders = try bench.run()
    if arguments.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        print(String(decoding: try encoder.encode(folders), as: UTF8.self))
    } else {
        print(AccuracyTable.render(folders))
    }
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("bench-accuracy: \(error)\n".utf8))
    exit(1)
}
