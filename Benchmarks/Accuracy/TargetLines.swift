/// The targets of issue 15 on one folder, from the summaries of one run (ours and the
/// reference tools'). A line is nil when a model it needs was not run.
struct TargetLines: Encodable {
    /// Our best model ÷ the better of LightGBM and N-HiTS per horizon; target ≤ `goal`.
    struct BestRatio: Encodable {
        let model: String
        /// Horizon minutes → relMAE(ours) ÷ min(relMAE LightGBM, relMAE N-HiTS).
        let ratio: [String: Double]
        /// Horizon minutes → which reference was the better one.
        let against: [String: String]
        /// Reference models of the pair that were not run (the ratio is then provisional).
        let missing: [String]
        let met: Bool
    }

    /// Fit time of ours ÷ the reference's: medians per series (wall) and totals of CPU
    /// seconds (ours: fit + test forecasts, so an upper bound of the fit's).
    struct FitRatio: Encodable {
        let model: String
        let reference: String
        let medianWallRatio: Double
        let cpuRatio: Double
    }

    static let goal = 0.90

    let folder: String
    let best: BestRatio?
    let gbtFit: FitRatio?
    let nhitsFit: FitRatio?
    /// Horizon minutes → relMAE(our autoarima) ÷ relMAE(statsforecast); target ≤ 1.
    let autoarima: [String: Double]?

    init(folder: String, ours: [AccuracySummary], reference: [ReferenceModel: AccuracySummary]) {
        self.folder = folder
        let horizons = ours.first?.relMAE.keys.sorted { Int($0) ?? 0 < Int($1) ?? 0 } ?? []
        let competitors = [ReferenceModel.lightgbm, .nhits].compactMap { model in reference[model].map { (model, $0) } }
        if !competitors.isEmpty, !ours.isEmpty {
            func ratios(_ summary: AccuracySummary) -> (ratio: [String: Double], against: [String: String]) {
                var ratio: [String: Double] = [:], against: [String: String] = [:]
                for h in horizons {
                    guard let (model, better) = competitors.min(by: { ($0.1.relMAE[h] ?? .infinity) < ($1.1.relMAE[h] ?? .infinity) }),
                          let theirs = better.relMAE[h], let mine = summary.relMAE[h] else { continue }
                    ratio[h] = mine / theirs
                    against[h] = model.rawValue
                }
                return (ratio, against)
            }
            // Our best model: the one whose worst horizon ratio is lowest.
            let scored = ours.map { ($0.model, ratios($0)) }
            let (model, best) = scored.min { ($0.1.ratio.values.max() ?? .infinity) < ($1.1.ratio.values.max() ?? .infinity) }!
            let missing = [ReferenceModel.lightgbm, .nhits].filter { reference[$0] == nil }.map(\.rawValue)
            self.best = BestRatio(model: model, ratio: best.ratio, against: best.against, missing: missing,
                                  met: best.ratio.count == horizons.count && best.ratio.values.allSatisfy { $0 <= Self.goal })
        } else {
            best = nil
        }
        func fit(_ name: String, _ model: ReferenceModel) -> FitRatio? {
            guard let mine = ours.first(where: { $0.model == name }), let theirs = reference[model] else { return nil }
            return FitRatio(model: name, reference: model.label,
                            medianWallRatio: mine.medianFitSeconds / theirs.medianFitSeconds,
                            cpuRatio: mine.cpuSeconds / theirs.cpuSeconds)
        }
        gbtFit = fit("gbt", .lightgbm)
        nhitsFit = fit("nhits", .nhits)
        if let mine = ours.first(where: { $0.model == "autoarima" }), let theirs = reference[.autoarima] {
            autoarima = Dictionary(uniqueKeysWithValues: horizons.compactMap { h in
                mine.relMAE[h].flatMap { a in theirs.relMAE[h].map { (h, a / $0) } }
            })
        } else {
            autoarima = nil
        }
    }
}
