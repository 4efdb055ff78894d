import Series
import TestSupport
import Testing
import Ingest

@Suite struct CSVShapeTests {
    @Test func timestampValue() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("cpu.csv", "timestamp,value\n2014-02-14 14:27:00,51.846000000000004\n2014-02-14 14:32:00,44.508\n")
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions())
        #expect(result.shape == .timestampValue)
        #expect(result.series == TimeSeries(name: "cpu", timestamps: [1_392_388_020, 1_392_388_320], values: [51.846000000000004, 44.508]))
        #expect(result.skippedRows == 0)
    }

    @Test func longSelectsContainerAndMetric() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("export.csv", """
            timestamp,container,metric,value
            2026-01-05T00:00:00Z,web-1,cpu,0.5
            2026-01-05T00:00:00Z,web-1,memory,1048576
            2026-01-05T00:00:00Z,api-2,cpu,1.25
            2026-01-05T00:00:15Z,web-1,cpu,0.75
            2026-01-05T00:00:15Z,web-1,memory,2097152
            2026-01-05T00:00:15Z,api-2,cpu,1.5

            """)
        let start = 1_767_571_200.0  // 2026-01-05: 20458 days after 1970-01-01
        let result = try CSVSeriesReader.read(
            path: path, options: CSVReadOptions(selection: SeriesSelection(container: "web-1", metric: "memory")))
        #expect(result.shape == .long)
        #expect(result.series == TimeSeries(name: "export/web-1/memory", timestamps: [start, start + 15], values: [1_048_576, 2_097_152]))

        let all = try CSVSeriesReader.readAll(path: path, options: CSVReadOptions())
        #expect(all.keys.sorted() == [
            SeriesKey(container: "api-2", metric: "cpu"), SeriesKey(container: "web-1", metric: "cpu"),
            SeriesKey(container: "web-1", metric: "memory"),
        ])
        #expect(all[SeriesKey(container: "api-2", metric: "cpu")]?.values == [1.25, 1.5])

        let onlyCPU = try CSVSeriesReader.readAll(path: path, options: CSVReadOptions(selection: SeriesSelection(metric: "cpu")))
        #expect(onlyCPU.count == 2)
    }

    @Test func longWithOneContainerNeedsOnlyTheMetric() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("one.csv", "timestamp,container,metric,value\n0,web,cpu,1\n0,web,memory,2\n15,web,cpu,3\n")
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions(selection: SeriesSelection(metric: "cpu")))
        #expect(result.series.values == [1, 3])
        #expect(result.series.timestamps == [0, 15])
    }

    @Test func wideWithContainerColumn() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("wide.csv", """
            timestamp,container,cpu,memory
            0,a,0.5,100
            0,b,0.25,200
            15,a,0.75,300
            15,b,0.125,400
            """)
        let result = try CSVSeriesReader.read(
            path: path, options: CSVReadOptions(selection: SeriesSelection(column: "memory", container: "b")))
        #expect(result.shape == .wide)
        #expect(result.series == TimeSeries(name: "wide/b/memory", timestamps: [0, 15], values: [200, 400]))
        // `metric` is a synonym of `column` in wide files.
        let viaMetric = try CSVSeriesReader.read(
            path: path, options: CSVReadOptions(selection: SeriesSelection(container: "a", metric: "cpu")))
        #expect(viaMetric.series.values == [0.5, 0.75])
        let all = try CSVSeriesReader.readAll(path: path, options: CSVReadOptions())
        #expect(all.count == 4)
        #expect(all[SeriesKey(container: "b", metric: "cpu")]?.values == [0.25, 0.125])
    }

    @Test func wideWithoutContainer() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("vm.csv", "timestamp,avg_cpu,max_cpu\n0,5.004379,7.065618\n300,6.382225,11.616602\n")
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions(selection: SeriesSelection(column: "max_cpu")))
        #expect(result.series == TimeSeries(name: "vm/max_cpu", timestamps: [0, 300], values: [7.065618, 11.616602]))
        let all = try CSVSeriesReader.readAll(path: path, options: CSVReadOptions())
        #expect(all[SeriesKey(container: "vm", metric: "avg_cpu")]?.values == [5.004379, 6.382225])
    }

    @Test func wideDefaultsToItsOnlyNumericColumn() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("host.csv", "timestamp,host,load\n0,alpha,1.5\n60,alpha,2.5\n")
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions())
        #expect(result.series.name == "host/load")
        #expect(result.series.values == [1.5, 2.5])
    }

    @Test func noTimestampColumnUsesTheInterval() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("agg.csv", "avg_cpu,avg_mem\n0.44,0.33\n0.43,0.32\n0.42,0.31\n")
        let result = try CSVSeriesReader.read(
            path: path, options: CSVReadOptions(selection: SeriesSelection(column: "avg_mem"), interval: 300))
        #expect(result.shape == .noTimestamp)
        #expect(result.series == TimeSeries(name: "agg/avg_mem", timestamps: [0, 300, 600], values: [0.33, 0.32, 0.31]))
    }

    @Test func equalTimestampsAreKeptInFileOrder() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("dst.csv", """
            timestamp,value
            2014-03-09 01:59:00,1
            2014-03-09 03:00:00,2
            2014-03-09 03:00:00,3
            2014-03-09 03:00:00,4
            2014-03-09 03:05:00,5
            """)
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions())
        #expect(result.series.values == [1, 2, 3, 4, 5])
        #expect(result.series.timestamps[1] == result.series.timestamps[3])
    }

    @Test func quotedFieldsCRLFAndByteOrderMark() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("q.csv", "\u{FEFF}timestamp,container,metric,value\r\n0,\"web \"\"blue\"\"\",cpu,\"1.5\"\r\n15, \"web \"\"blue\"\"\" ,cpu,2.5\r\n")
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions())
        #expect(result.series.name == "q/web \"blue\"/cpu")
        #expect(result.series.values == [1.5, 2.5])
    }
}
