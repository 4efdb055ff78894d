import Foundation
import Series

/// What an `ensemble` artifact stores under `state` (versioned on its own, `version`):
///
///     {"version": 1, "combine": "weights", "interval_seconds": 300,
///      "members": [{"kind": "arima", "settings": {…}, "state": {…}}, …],
///      "weights": [[w_{1,1}, …, w_{1,M}], …],   steps K × members M (empty for median)
///      "residuals": [[…], …]}                    per step k, the validation residuals
///                                                y − ŷ of the combination, ascending
///
/// Members are the fits on train + validation (the protocol fit); weights and residuals
/// come from the members' train-only fits forecasting the validation targets (`Ensemble`).
/// Row k − 1 of `weights` and `residuals` belongs to step k; steps past the last row use
/// the last row.
public struct EnsembleState: Codable, Equatable, Sendable {
    /// The state layout this build writes and reads.
    public static let currentVersion = 1

    public var version: Int
    public var combine: EnsembleCombine
    /// Grid step D in seconds (names the weights by horizon minutes, k · D / 60).
    public var intervalSeconds: Double
    public var members: [EnsembleMemberState]
    public var weights: [[Double]]
    public var residuals: [[Double]]

    public init(
        combine: EnsembleCombine, intervalSeconds: Double, members: [EnsembleMemberState], weights: [[Double]], residuals: [[Double]]
    ) {
        version = Self.currentVersion
        self.combine = combine
        self.intervalSeconds = intervalSeconds
        self.members = members
        self.weights = weights
        self.residuals = residuals
    }

    enum CodingKeys: String, CodingKey {
        case version, combine, intervalSeconds = "interval_seconds", members, weights, residuals
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        guard version == Self.currentVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: c,
                debugDescription: "ensemble state version \(version); this build reads version \(Self.currentVersion): refit the model with this build")
        }
        combine = try c.decode(EnsembleCombine.self, forKey: .combine)
        intervalSeconds = try c.decode(Double.self, forKey: .intervalSeconds)
        members = try c.decode([EnsembleMemberState].self, forKey: .members)
        weights = try c.decode([[Double]].self, forKey: .weights)
        residuals = try c.decode([[Double]].self, forKey: .residuals)
    }

    /// The weights of step `step` (1-based); the last row beyond the fitted steps.
    func weights(step: Int) -> [Double] {
        weights[min(step, weights.count) - 1]
    }

    /// The sorted validation residuals of step `step` (1-based); the last row beyond.
    func residuals(step: Int) -> [Double] {
        residuals[min(step, residuals.count) - 1]
    }

    /// Horizon minutes of step k: k · D / 60, written without a fraction when whole.
    func minutesName(step: Int) -> String {
        let minutes = Double(step) * intervalSeconds / 60
        return minutes == minutes.rounded() && abs(minutes) < 1e15 ? String(Int(minutes)) : String(minutes)
    }

    /// What the ensemble is, for reports and run params: `ensemble.members` (kinds, comma
    /// separated, in weight order), `ensemble.combine`, and `ensemble.weights_<minutes>`
    /// for every fitted step (M numbers).
    public var summary: [String: ParameterValue] {
        var result: [String: ParameterValue] = [
            "ensemble.members": .text(members.map(\.kind.name).joined(separator: ",")),
            "ensemble.combine": .text(combine.rawValue),
        ]
        for (row, w) in weights.enumerated() {
            result["ensemble.weights_\(minutesName(step: row + 1))"] = .numbers(w)
        }
        return result
    }

    /// `summary` as text run params (numbers as JSON lists, e.g. `[0.2,0.8]`).
    public var trackingParams: [String: String] { Self.trackingParams(from: summary) }

    /// The `ensemble.*` entries of a fitted model's `parameters` (an `EvaluationReport`'s)
    /// as text run params; empty for other models.
    public static func trackingParams(from parameters: [String: ParameterValue]) -> [String: String] {
        parameters.filter { $0.key.hasPrefix("ensemble.") }.mapValues { value in
            switch value {
            case .text(let text): text
            case .numbers(let numbers): "[" + numbers.map { String($0) }.joined(separator: ",") + "]"
            case .integer(let n): String(n)
            case .number(let x): String(x)
            case .integers(let ns): "[" + ns.map(String.init).joined(separator: ",") + "]"
            }
        }
    }
}

extension EnsembleState: FittedModelState {
    public static var family: String { "ensemble" }

    public func model(conditionedOn history: RegularSeries) throws -> any FittedForecaster {
        try conditioned(on: history)
    }

    /// Every member conditioned on `history`, combined by this state.
    func conditioned(on history: RegularSeries) throws -> FittedEnsemble {
        FittedEnsemble(state: self, models: try members.map { try $0.state.model(conditionedOn: history) })
    }

    /// The combined path, with the empirical intervals of the validation residuals at
    /// `levels` (`FittedEnsemble.intervals`; the bounds are not Gaussian).
    public func forecastPath(history: RegularSeries, steps: Int, levels: [Double]) throws -> ForecastPath {
        let model = try conditioned(on: history)
        let mean = try model.predict(steps: steps)
        let intervals = levels.isEmpty ? nil : try model.intervals(around: mean, levels: levels)
        return ForecastPath(mean: mean, intervals: intervals, parameters: model.parameters)
    }

    /// Members present and consistent with `data`; weights M per row, ≥ 0, summing to 1
    /// (to 1e-9), none for median; residual rows non-empty and finite.
    public func checkArtifactState(data: FittedData) throws {
        guard !members.isEmpty else { throw ArtifactStateMismatch("an ensemble without members") }
        switch combine {
        case .weights:
            guard !weights.isEmpty else { throw ArtifactStateMismatch("combine is weights but no weights are stored") }
        case .median:
            guard weights.isEmpty else { throw ArtifactStateMismatch("combine is median but \(weights.count) rows of weights are stored") }
        }
        for (row, w) in weights.enumerated() {
            guard w.count == members.count else {
                throw ArtifactStateMismatch("weights of step \(row + 1) have \(w.count) entries for \(members.count) members")
            }
            guard w.allSatisfy({ $0.isFinite && $0 >= 0 }), abs(w.reduce(0, +) - 1) <= 1e-9 else {
                throw ArtifactStateMismatch("weights of step \(row + 1) \(w) are not non-negative with sum 1")
            }
        }
        guard !residuals.isEmpty, residuals.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isFinite) }) else {
            throw ArtifactStateMismatch("the validation residuals must be a non-empty, finite row per step")
        }
        for (index, member) in members.enumerated() {
            do {
                try member.state.value.checkArtifactState(data: data)
            } catch {
                throw ArtifactStateMismatch("member \(index) (\(member.kind.name)): \(error)")
            }
        }
    }
}
