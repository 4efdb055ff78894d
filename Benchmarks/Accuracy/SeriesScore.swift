import Forecasting

/// One model's numbers on one series, ours or a reference tool's, in the protocol's terms:
/// MAE on the min-max scaled test targets and the naive model's MAE on the same origins,
/// per horizon minutes; fit seconds; coverage (horizon minutes → level "0.8"/"0.95" →
/// share of test targets inside the interval) when the model gives intervals.
struct SeriesScore {
    let series: String
    let mae: [String: Double]
    let naiveMAE: [String: Double]
    /// MASE per horizon (ours only; the reference script does not report it).
    let mase: [String: Double]?
    let fitSeconds: Double
    /// CPU seconds: of the fit for the reference tools, of fit + test forecasts for ours.
    let cpuSeconds: Double
    let coverage: [String: [String: Double]]?

    init(report: EvaluationReport, naive: EvaluationReport, cpuSeconds: Double, coverage: [String: [String: Double]]?) {
        series = report.series
        mae = report.horizons.mapValues(\.mae)
        naiveMAE = naive.horizons.mapValues(\.mae)
        mase = report.horizons.mapValues(\.mase)
        fitSeconds = report.fitSeconds
        self.cpuSeconds = cpuSeconds
        self.coverage = coverage
    }

    init(reference: ReferenceResult) {
        series = reference.series
        mae = reference.mae
        naiveMAE = reference.naiveMAE
        mase = nil
        fitSeconds = reference.fitSeconds
        cpuSeconds = reference.fitCPUSeconds
        coverage = reference.coverage.isEmpty ? nil : reference.coverage
    }
}
