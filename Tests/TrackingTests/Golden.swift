import TestSupport

/// The golden files of this test target: Tests/TrackingTests/Golden/*.txt.
let golden = GoldenFile()
