import TestSupport
import Testing
import Ingest

/// Every reader error names the place (file:line:column), the offending value and what to do.
@Suite struct CSVErrorTests {
    /// The message of the error `read` throws, or a recorded issue when it does not throw.
    private func message(_ path: String, _ options: CSVReadOptions = CSVReadOptions()) -> String {
        do {
            let result = try CSVSeriesReader.read(path: path, options: options)
            Issue.record("expected an error, read \(result.series.count) points")
            return ""
        } catch {
            return error.description
        }
    }

    @Test func nonNumericValue() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("data.csv", "timestamp,value\n0,1\n300,abc\n")
        #expect(message(path) == "\(path):3:2: \"abc\" is not a number; expected a finite decimal value in column \"value\" "
            + "(use --on-bad-row skip to skip such rows)")
    }

    @Test(arguments: ["NaN", "inf", "-Infinity", "1e999"])
    func nonFiniteValue(text: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("data.csv", "timestamp,value\n0,1\n300,\(text)\n")
        #expect(message(path).hasPrefix("\(path):3:2: \"\(text)\" is not a finite number"))
    }

    @Test func emptyValue() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("data.csv", "timestamp,value\n0,\n")
        #expect(message(path).hasPrefix("\(path):2:2: the field is empty"))
    }

    @Test func badTimestamp() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("data.csv", "timestamp,value\n2014-02-14 14:27:00,1\n2014-02-30 00:00:00,2\n")
        let text = message(path)
        #expect(text.hasPrefix("\(path):3:1: \"2014-02-30 00:00:00\" is not a timestamp (day 30 does not exist in 2014-02)"))
        #expect(text.contains("YYYY-MM-DD HH:MM:SS"))
    }

    @Test func decreasingTimestamp() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("data.csv", "timestamp,value\n600,1\n900,2\n300,3\n")
        #expect(message(path).hasPrefix(
            "\(path):4:1: timestamp \"300\" (300 s) is earlier than the one on line 3 (900 s); rows must be in time order"))
    }

    @Test func wrongFieldCount() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("data.csv", "timestamp,value\n0,1\n300,2,7\n")
        #expect(message(path).hasPrefix("\(path):3:3: the row has 3 fields but the header has 2 columns"))
    }

    @Test func unclosedQuote() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("data.csv", "timestamp,value\n0,\"1\n")
        #expect(message(path).hasPrefix("\(path):2:2: the quoted field is not closed"))
    }

    @Test func missingColumnSuggestsTheClosest() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("vm.csv", "timestamp,avg_cpu,max_cpu\n0,1,2\n")
        let text = message(path, CSVReadOptions(selection: SeriesSelection(column: "avg_cpus")))
        #expect(text == "\(path):1: no column \"avg_cpus\"; the columns are timestamp, avg_cpu, max_cpu — did you mean \"avg_cpu\"?")
    }

    @Test func missingColumnWithoutCloseMatch() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("vm.csv", "timestamp,avg_cpu,max_cpu\n0,1,2\n")
        let text = message(path, CSVReadOptions(selection: SeriesSelection(column: "network")))
        #expect(text == "\(path):1: no column \"network\"; the columns are timestamp, avg_cpu, max_cpu")
    }

    @Test func emptyFileAndHeaderOnly() throws {
        let folder = try TemporaryFolder()
        let empty = try folder.file("empty.csv", "")
        #expect(message(empty).hasPrefix("\(empty): the file is empty"))
        let blank = try folder.file("blank.csv", "\n\n")
        #expect(message(blank).hasPrefix("\(blank): the file is empty"))
        let header = try folder.file("header.csv", "timestamp,value\n")
        #expect(message(header) == "\(header):1: the file has a header (timestamp,value) but no data rows; expected at least one row")
    }

    @Test func unreadableFile() throws {
        #expect(message("/nonexistent/x.csv") == "/nonexistent/x.csv: cannot read the file (No such file or directory); "
            + "check the path and permissions")
        let folder = try TemporaryFolder()
        #expect(message(folder.path) == "\(folder.path): cannot read the file (it is a folder); check the path and permissions")
    }

    @Test func unknownContainerAndMetricListTheAvailableOnes() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("long.csv", "timestamp,container,metric,value\n0,web-1,cpu,1\n0,web-2,memory,2\n")
        #expect(message(path, CSVReadOptions(selection: SeriesSelection(container: "web-3", metric: "cpu")))
            == "\(path): no rows for container \"web-3\"; available containers: web-1, web-2 — did you mean \"web-1\"?")
        #expect(message(path, CSVReadOptions(selection: SeriesSelection(container: "web-1", metric: "memroy")))
            == "\(path): no rows for metric \"memroy\"; available metrics: cpu")
        #expect(message(path, CSVReadOptions(selection: SeriesSelection(container: "web-2", metric: "memroy")))
            == "\(path): no rows for metric \"memroy\"; available metrics: memory — did you mean \"memory\"?")
    }

    @Test func ambiguousSelectionsListTheChoices() throws {
        let folder = try TemporaryFolder()
        let long = try folder.file("long.csv", "timestamp,container,metric,value\n0,web-1,cpu,1\n0,web-2,cpu,2\n")
        #expect(message(long) == "\(long): the file holds several series; choose one with --container (one of: web-1, web-2)")
        let wide = try folder.file("vm.csv", "timestamp,avg_cpu,max_cpu\n0,1,2\n")
        #expect(message(wide) == "\(wide): the file holds several series; choose one with --column (one of: avg_cpu, max_cpu)")
    }

    @Test func selectionThatDoesNotFitTheShape() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("cpu.csv", "timestamp,value\n0,1\n")
        #expect(message(path, CSVReadOptions(selection: SeriesSelection(container: "web")))
            .hasPrefix("\(path):1: --container does not apply to a timestamp,value file"))
        let long = try folder.file("long.csv", "timestamp,container,metric,value\n0,web-1,cpu,1\n")
        #expect(message(long, CSVReadOptions(selection: SeriesSelection(column: "cpu")))
            .hasSuffix("select a series with --container and --metric"))
    }

    @Test func timestampLessFileNeedsAnInterval() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("agg.csv", "avg_cpu,avg_mem\n0.4,0.3\n")
        #expect(message(path, CSVReadOptions(selection: SeriesSelection(column: "avg_cpu"))) == "\(path):1: the file has no timestamp "
            + "column (columns: avg_cpu, avg_mem); give the sampling interval (e.g. --interval 300s) so row i gets timestamp i·interval")
    }

    @Test func duplicateColumn() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("dup.csv", "timestamp,cpu,cpu\n0,1,2\n")
        #expect(message(path).hasPrefix("\(path):1: column \"cpu\" appears more than once (fields 2, 3)"))
    }

    @Test func errorsAreEquatableValues() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("data.csv", "timestamp,value\n0,x\n")
        #expect(throws: IngestError.badRow(SourceLocation(path: path, line: 2, column: 2), .notANumber(value: "x", column: "value"))) {
            try CSVSeriesReader.read(path: path, options: CSVReadOptions())
        }
    }
}
