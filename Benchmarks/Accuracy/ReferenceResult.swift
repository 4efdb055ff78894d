/// One series scored by one reference tool: an element of `results` in the JSON that
/// Reference/reference_accuracy.py writes (and caches under ~/.cache/autoscale/accuracy-reference).
/// MAE on min-max scaled values per horizon minutes; `coverage` is horizon minutes → level
/// ("0.8", "0.95") → share of test targets inside the interval.
struct ReferenceResult: Decodable {
    struct Details: Decodable {
        /// LightGBM: "level" or "differenced", chosen on validation.
        let target: String?
        /// AutoARIMA: (p, d, q).
        let order: [Int]?
        /// N-HiTS: optimiser steps taken before early stopping.
        let steps: Int?
        let intervals: String?
    }

    let series: String
    let model: ReferenceModel
    let n: Int
    let naiveMAE: [String: Double]
    let mae: [String: Double]
    let coverage: [String: [String: Double]]
    let fitSeconds: Double
    let fitCPUSeconds: Double
    let details: Details

    enum CodingKeys: String, CodingKey {
        case series, model, n, mae, coverage, details
        case naiveMAE = "naive_mae"
        case fitSeconds = "fit_seconds"
        case fitCPUSeconds = "fit_cpu_seconds"
    }
}

/// The whole file the reference script writes.
struct ReferenceRun: Decodable {
    let scriptVersion: Int
    let results: [ReferenceResult]

    enum CodingKeys: String, CodingKey {
        case results
        case scriptVersion = "script_version"
    }
}
