import Foundation
import Ingest
import Kernels

/// Reader and generator speed: `swift run -c release bench-ingest`.
/// Writes its inputs into a temporary folder (removed at the end) and prints one line per case:
/// the median of 5 runs in milliseconds.

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// Prints the median of `runs` timings and returns it in milliseconds.
@discardableResult
func measure(_ label: String, runs: Int = 5, _ body: () throws -> Int) rethrows -> Double {
    var times: [Double] = []
    var count = 0
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        count = try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    let middle = median(times)
    print(String(format: "%@ %.1f ms  (%d points, median of %d)", label as NSString, middle, count, runs))
    return middle
}

let folder = NSTemporaryDirectory() + "bench-ingest-" + UUID().uuidString
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }  // best-effort cleanup of scratch files

// 100k rows of timestamp,value with NAB-style timestamps and 17-digit values.
var text = "timestamp,value\n"
var random = SplitMix64(seed: 1)
for k in 0..<100_000 {
    text += CivilTime.iso8601(epochSeconds: 1_392_388_020 + Double(k) * 300).replacingOccurrences(of: "T", with: " ")
        .replacingOccurrences(of: "Z", with: "") + "," + String(100 * random.nextUnit()) + "\n"
}
let nabLike = folder + "/nab_like.csv"
try text.write(toFile: nabLike, atomically: true, encoding: .utf8)

try measure("read timestamp,value 100k rows") {
    try CSVSeriesReader.read(path: nabLike, options: CSVReadOptions()).series.count
}

let generated = folder + "/generated.csv"
try measure("generate 3 containers × 14 days × 15 s (1.45M rows)", runs: 3) {
    var random = SplitMix64(seed: 42)
    try WorkloadGenerator(config: WorkloadConfig()).writeCSV(to: .file(generated), random: &random)
    return WorkloadConfig().stepCount * 18
}
try measure("read one series of the generated long file", runs: 3) {
    try CSVSeriesReader.read(
        path: generated, options: CSVReadOptions(selection: SeriesSelection(container: "web-1", metric: "cpu"))
    ).series.count
}
try measure("readAll of the generated long file (18 series)", runs: 3) {
    try CSVSeriesReader.readAll(path: generated, options: CSVReadOptions()).values.reduce(0) { $0 + $1.count }
}
try measure("inspect the generated long file (load + header)", runs: 3) {
    try CSVSeriesReader.inspect(path: generated).columns.count
}

try PrometheusFetchBench.run { label, runs, body in try measure(label, runs: runs, body) }
