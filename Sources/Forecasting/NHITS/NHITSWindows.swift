import Series

/// The windows the network reads and the targets it is trained on, scaled as
/// `NHITSScaling` says. For origin t the input is x_j = (s_{t−j} − c)/d, j = 0 … L−1 (most
/// recent first; before the series' start the first value repeats), the targets are
/// (s_{t+1+k} − c)/d, k = 0 … h−1, where (c, d) is the window's centre and scale.
struct NHITSWindows {
    let values: [Float]
    let inputSteps: Int
    let scaling: NHITSScaling
    /// (c, d) of `robustTrain` (median and IQR of the train part, `RobustScaler`); (0, 1) otherwise.
    let trainCentre: (centre: Float, scale: Float)

    init(values: [Double], inputSteps: Int, scaling: NHITSScaling, trainScaler: RobustScaler?) {
        self.values = values.map(Float.init)
        self.inputSteps = inputSteps
        self.scaling = scaling
        trainCentre = trainScaler.map { (Float($0.offset), Float($0.divisor)) } ?? (0, 1)
    }

    /// Writes the scaled windows of `origins` into `x` [origins.count × L] and their (c, d)
    /// into `centres`; reads s_0 … s_t only for origin t.
    func gather(origins: some Collection<Int>, into x: UnsafeMutablePointer<Float>, centres: inout [(centre: Float, scale: Float)]) {
        centres.removeAll(keepingCapacity: true)
        let L = inputSteps
        var window = [Float](repeating: 0, count: L)
        for (n, t) in origins.enumerated() {
            for j in 0..<L { window[j] = values[max(t - j, 0)] }
            let stats: (centre: Float, scale: Float)
            switch scaling {
            case .robustWindow: stats = Self.robustStatistics(window)
            case .robustTrain: stats = trainCentre
            case .none: stats = (0, 1)
            }
            centres.append(stats)
            for j in 0..<L { x[n * L + j] = (window[j] - stats.centre) / stats.scale }
        }
    }

    /// The scaled targets [origins.count × h] of `origins` with the windows' `centres`.
    func gatherTargets(origins: some Collection<Int>, steps h: Int, centres: [(centre: Float, scale: Float)], into y: UnsafeMutablePointer<Float>) {
        for (n, t) in origins.enumerated() {
            for k in 0..<h { y[n * h + k] = (values[t + 1 + k] - centres[n].centre) / centres[n].scale }
        }
    }

    /// neuralforecast's robust statistics of one window: the median m and
    /// MAD = median|x − m|, replaced by 0.6745·std when 0 and by 1 when that is 0 too, plus 1e-6.
    static func robustStatistics(_ window: [Float]) -> (centre: Float, scale: Float) {
        let median = Self.median(window)
        var mad = Self.median(window.map { abs($0 - median) })
        if mad == 0 {
            let mean = window.reduce(0, +) / Float(window.count)
            let variance = window.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(window.count)
            mad = variance.squareRoot() * 0.6744897501960817
        }
        if mad == 0 { mad = 1 }
        return (median, mad + 1e-6)
    }

    /// torch.median's lower median: element ⌊(n − 1)/2⌋ of the sorted values.
    static func median(_ values: [Float]) -> Float {
        values.sorted()[(values.count - 1) / 2]
    }
}
