import Foundation
import TestSupport
import Testing
import Ingest

/// The development data under ../shared/data/real (skipped with a printed reason when absent).
@Suite struct RealDataTests {
    @Test(.enabled(if: RealData.isPresent, "needs ../shared/data/real beside the package")) func nabCPUFile() throws {
        let path = try #require(RealData.file("nab/ec2_cpu_utilization_5f5533.csv"))
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions())
        #expect(result.shape == .timestampValue)
        #expect(result.series.count == 4032)
        #expect(result.series.timestamps.first == 1_392_388_020)       // 2014-02-14 14:27:00
        #expect(result.series.timestamps.last == 1_393_597_320)        // 2014-02-28 14:22:00 = first + 14 d − 5 min
        #expect(result.series.values.first == 51.846000000000004)
        #expect(result.series.values.last == 37.718)
        #expect(result.series.name == "ec2_cpu_utilization_5f5533")
    }

    @Test(.enabled(if: RealData.isPresent, "needs ../shared/data/real beside the package")) func nabFileWithDuplicatedTimestampsAfterDST() throws {
        let path = try #require(RealData.file("nab/ec2_disk_write_bytes_1ef3de.csv"))
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions())
        #expect(result.series.count == 4730)
        let t = result.series.timestamps
        let repeats = zip(t, t.dropFirst()).filter { $0 == $1 }.count
        #expect(repeats == 11)
    }

    @Test(.enabled(if: RealData.isPresent, "needs ../shared/data/real beside the package")) func azureVMColumn() throws {
        let path = try #require(RealData.file("azure_v1_vms/vm_8383.csv"))
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions(selection: SeriesSelection(column: "avg_cpu")))
        #expect(result.shape == .wide)
        #expect(result.series.count == 8004)
        #expect(result.series.timestamps.prefix(2) == [0, 300])
        #expect(result.series.values.first == 5.004379)
        #expect(result.series.name == "vm_8383/avg_cpu")
    }

    @Test(.enabled(if: RealData.isPresent, "needs ../shared/data/real beside the package")) func googleAggregateWithoutTimestamps() throws {
        let path = try #require(RealData.file("google2019_agg/instance_usage_grouped_300_seconds_week1.csv"))
        let all = try CSVSeriesReader.readAll(path: path, options: CSVReadOptions(interval: 300))
        #expect(all.count == 4)
        let cpu = try #require(all[SeriesKey(container: "instance_usage_grouped_300_seconds_week1", metric: "avg_cpu")])
        #expect(cpu.count == 2016)
        #expect(cpu.timestamps.last == 604_500.0)  // 2015 · 300
        #expect(cpu.values.first == 0.4416155843647663)
    }

    @Test(.enabled(if: RealData.isPresent, "needs ../shared/data/real beside the package")) func azureAggregateWideWithTwoColumns() throws {
        let path = try #require(RealData.file("azure_v2_agg/vm_cpu_readings_week1_aggregated_cpu_mem.csv"))
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions(selection: SeriesSelection(column: "cpu_usage")))
        #expect(result.series.count == 2016)  // the last row has no line end
        #expect(result.series.values.first == 6_135_515.87712279)
    }
}

/// Every development file reads without error and with the row counts of the data README.
@Suite struct RealDataSweepTests {
    @Test(.enabled(if: RealData.isPresent, "needs ../shared/data/real beside the package")) func everyNABAndAzureVMFileReads() throws {
        let nab = try #require(RealData.file("nab")), vms = try #require(RealData.file("azure_v1_vms"))
        let expectedNAB = ["ec2_disk_write_bytes_1ef3de.csv": 4730]
        for name in try FileManager.default.contentsOfDirectory(atPath: nab).filter({ $0.hasSuffix(".csv") }) {
            let result = try CSVSeriesReader.read(path: nab + "/" + name, options: CSVReadOptions())
            #expect(result.series.count == expectedNAB[name, default: 4032], "\(name)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: vms).filter { $0.hasSuffix(".csv") }
        #expect(files.count == 34)
        for name in files {
            let all = try CSVSeriesReader.readAll(path: vms + "/" + name, options: CSVReadOptions())
            #expect(all.count == 2, "\(name)")
            #expect(all.values.allSatisfy { $0.count == 8004 }, "\(name)")
        }
    }
}
