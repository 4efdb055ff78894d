import Series
import Testing

@Suite struct RegularGridTests {
    @Test func medianIntervalForwardFillAndLastWins() throws {
        // Differences 60, 60, 120, 0, 60 → sorted 0 60 60 60 120 → median 60.
        // Indices: 0, 1, 2, 4, 4, 5 → index 3 filled from index 2; index 4 collapsed (7 wins).
        let series = TimeSeries(name: "x", timestamps: [0, 60, 120, 240, 240, 300], values: [1, 2, 3, 5, 7, 8])
        let grid = try RegularGrid(series)
        #expect(grid.series.interval == 60)
        #expect(grid.series.values == [1, 2, 3, 3, 7, 8])
        #expect(grid.filled == 1)
        #expect(grid.collapsed == 1)
        #expect(grid.series.start == 0)
    }

    @Test func evenCountMedianAveragesTheMiddlePair() throws {
        // Differences 10, 30 → median 20; span 40 → 3 grid points; 10 → round(0.5) = 0 (ties to even).
        let series = TimeSeries(name: "x", timestamps: [0, 10, 40], values: [1, 2, 3])
        let grid = try RegularGrid(series)
        #expect(grid.series.interval == 20)
        #expect(grid.series.values == [2, 2, 3])
        #expect(grid.collapsed == 1)
        #expect(grid.filled == 1)
    }

    @Test func jitteredTimestampsRoundToTheNearestGridPoint() throws {
        let series = TimeSeries(name: "x", timestamps: [1000, 1290, 1610, 1900], values: [1, 2, 3, 4])
        let grid = try RegularGrid(series, interval: 300)
        // (1290−1000)/300 = 0.97 → 1; 610/300 = 2.03 → 2; 900/300 = 3.
        #expect(grid.series.values == [1, 2, 3, 4])
        #expect(grid.series.timestamp(at: 3) == 1900)
        #expect(grid.filled == 0 && grid.collapsed == 0)
    }

    @Test func rejectsTooShortAndNonIncreasing() {
        #expect(throws: GridError.tooFewPoints(series: "x", count: 1)) {
            try RegularGrid(TimeSeries(name: "x", timestamps: [5], values: [1]))
        }
        #expect(throws: GridError.nonPositiveInterval(series: "x", interval: 0)) {
            try RegularGrid(TimeSeries(name: "x", timestamps: [5, 5, 5], values: [1, 2, 3]))
        }
    }
}
