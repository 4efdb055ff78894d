import Foundation
import Kernels
import Series
import TestSupport
import Testing
@testable import Ingest

@Suite struct GeneratorTests {
    private func csvBytes(seed: UInt64, config: WorkloadConfig, folder: TemporaryFolder, name: String) throws -> Data {
        var random = SplitMix64(seed: seed)
        let path = folder.path + "/" + name
        try WorkloadGenerator(config: config).writeCSV(to: .file(path), random: &random)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let folder = try TemporaryFolder()
        let config = WorkloadConfig(containers: 2, days: 0.5)
        let first = try csvBytes(seed: 42, config: config, folder: folder, name: "a.csv")
        let second = try csvBytes(seed: 42, config: config, folder: folder, name: "b.csv")
        let other = try csvBytes(seed: 43, config: config, folder: folder, name: "c.csv")
        #expect(first == second)
        #expect(first != other)
        // Header + 2 containers × 6 metrics × 2880 samples; no temporary file left behind.
        #expect(String(decoding: first, as: UTF8.self).split(separator: "\n").count == 1 + 2 * 6 * 2880)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.csv", "b.csv", "c.csv"])
    }

    @Test func firstRowsAreFixed() throws {
        let folder = try TemporaryFolder()
        let bytes = try csvBytes(seed: 42, config: WorkloadConfig(containers: 1, days: 1), folder: folder, name: "g.csv")
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").prefix(3).map(String.init)
        #expect(lines == ["timestamp,container,metric,value", "2026-01-05T00:00:00Z,web-1,cpu,0.5229", "2026-01-05T00:00:00Z,web-1,memory,539352401"])
    }

    @Test func addingContainersLeavesEarlierOnesUnchanged() throws {
        var a = SplitMix64(seed: 7)
        var b = SplitMix64(seed: 7)
        let two = try WorkloadGenerator(config: WorkloadConfig(containers: 2, days: 0.25)).series(random: &a)
        let four = try WorkloadGenerator(config: WorkloadConfig(containers: 4, days: 0.25)).series(random: &b)
        #expect(two.count == 12)
        #expect(four.count == 24)
        for (key, series) in two { #expect(four[key] == series) }
    }

    @Test func csvReadsBackAsTheSameSeries() throws {
        let folder = try TemporaryFolder()
        let config = WorkloadConfig(containers: 2, days: 0.25, interval: 60)
        var random = SplitMix64(seed: 5)
        let expected = try WorkloadGenerator(config: config).series(random: &random)
        random = SplitMix64(seed: 5)
        let path = folder.path + "/g.csv"
        try WorkloadGenerator(config: config).writeCSV(to: .file(path), random: &random)
        let read = try CSVSeriesReader.readAll(path: path, options: CSVReadOptions())
        #expect(Set(read.keys) == Set(expected.keys))
        for (key, series) in expected {
            let back = try #require(read[key])
            #expect(back.timestamps == series.timestamps)
            let tolerance = key.metric == "cpu" ? 5e-5 : 0  // cpu is written with 4 decimals, bytes exactly
            #expect(firstMismatch(back.values, series.values, rel: 0, abs: tolerance) == nil, "\(key)")
        }
    }

    @Test func invalidSettingsAreRejected() {
        #expect(throws: IngestError.invalidSetting(name: "containers", value: "0", expected: "a whole number from 1 to 10000")) {
            try WorkloadGenerator(config: WorkloadConfig(containers: 0))
        }
        #expect(throws: IngestError.self) { try WorkloadGenerator(config: WorkloadConfig(days: 0)) }
        #expect(throws: IngestError.self) { try WorkloadGenerator(config: WorkloadConfig(interval: -15)) }
    }

    @Test func writingIntoAMissingFolderFailsAndLeavesNothing() throws {
        var random = SplitMix64(seed: 1)
        let generator = try WorkloadGenerator(config: WorkloadConfig(containers: 1, days: 0.01))
        #expect {
            try generator.writeCSV(to: .file("/nonexistent-folder-\(UUID().uuidString)/g.csv"), random: &random)
        } throws: { error in
            (error as? IngestError)?.description.contains("cannot write the file") ?? false
        }
    }

    @Test func abortedOutputLeavesNoFile() throws {
        let folder = try TemporaryFolder()
        let output = try CSVOutput(destination: .file(folder.path + "/x.csv"))
        output.append("timestamp,value\n")
        try output.flush()
        output.abort()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(arguments: [(0.5229, 4, "0.5229"), (-1.23456, 2, "-1.23"), (539_352_401.4, 0, "539352401"), (0.00005, 4, "0.0001"), (2, 4, "2.0000")])
    func fixedPointFormatting(value: Double, decimals: Int, text: String) {
        #expect(DecimalFormatter.string(value, decimals: decimals) == text)
    }
}
