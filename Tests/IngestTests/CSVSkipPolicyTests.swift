import TestSupport
import Testing
import Ingest

@Suite struct CSVSkipPolicyTests {
    @Test func skipsAndCountsEachKindOfBadRow() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("data.csv", """
            timestamp,value
            0,1
            300,abc
            600,NaN
            not-a-time,4
            900,5,extra
            1200,6
            60,7
            1500,8
            """)
        let result = try CSVSeriesReader.read(path: path, options: CSVReadOptions(onBadRow: .skip))
        #expect(result.skippedRows == 5)
        #expect(result.series.timestamps == [0, 1200, 1500])
        #expect(result.series.values == [1, 6, 8])
    }

    @Test func skipInLongFileOnlyCountsRowsOfTheSelectedSeries() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("long.csv", """
            timestamp,container,metric,value
            0,web,cpu,1
            0,web,memory,oops
            15,web,cpu,bad
            30,web,cpu,3
            """)
        let result = try CSVSeriesReader.read(
            path: path, options: CSVReadOptions(selection: SeriesSelection(metric: "cpu"), onBadRow: .skip))
        #expect(result.skippedRows == 1)
        #expect(result.series.values == [1, 3])
    }

    @Test func allRowsBadIsAnError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("data.csv", "timestamp,value\n0,a\n300,b\n")
        #expect {
            try CSVSeriesReader.read(path: path, options: CSVReadOptions(onBadRow: .skip))
        } throws: { error in
            let text = (error as? IngestError)?.description ?? ""
            return text.hasPrefix("\(path): all 2 data rows of the selected series were bad and skipped; the first: \(path):2:2: \"a\"")
        }
    }
}

@Suite struct CSVReadAllSkipTests {
    @Test func readAllSkipsBadRowsForEverySeriesOfTheRow() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("wide.csv", "timestamp,cpu,memory\n0,1,10\n15,x,20\n30,3,30\n")
        let result = try CSVSeriesReader.readAllSeries(path: path, options: CSVReadOptions(onBadRow: .skip))
        #expect(result.skippedRows == 1)
        #expect(result.shape == .wide)
        #expect(result.series[SeriesKey(container: "wide", metric: "cpu")]?.values == [1, 3])
        #expect(result.series[SeriesKey(container: "wide", metric: "memory")]?.values == [10, 30])
    }
}
