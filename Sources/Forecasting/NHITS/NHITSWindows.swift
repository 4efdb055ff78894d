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
        var window = [Float](repeating: 0, count: inputSteps)
        for (n, t) in origins.enumerated() {
            centres.append(write(origin: t, into: x + n * inputSteps, window: &window))
        }
    }

    /// Writes the scaled window of origin t into `row` [L] and returns its (c, d); `window`
    /// is scratch space of L values. Reads s_0 … s_t only.
    func write(origin t: Int, into row: UnsafeMutablePointer<Float>, window: inout [Float]) -> (centre: Float, scale: Float) {
        let L = inputSteps
        for j in 0..<L { window[j] = values[max(t - j, 0)] }
        let stats: (centre: Float, scale: Float)
        switch scaling {
        case .robustWindow: stats = Self.robustStatistics(window)
        case .robustTrain: stats = trainCentre
        case .none: stats = (0, 1)
        }
        for j in 0..<L { row[j] = (window[j] - stats.centre) / stats.scale }
        return stats
    }

    /// The scaled targets [origins.count × h] of `origins` with the windows' `centres`.
    func gatherTargets(origins: some Collection<Int>, steps h: Int, centres: [(centre: Float, scale: Float)], into y: UnsafeMutablePointer<Float>) {
        for (n, t) in origins.enumerated() { writeTargets(origin: t, steps: h, stats: centres[n], into: y + n * h) }
    }

    /// The scaled targets (s_{t+1+k} − c)/d, k = 0 … h−1, of origin t into `row` [h].
    func writeTargets(origin t: Int, steps h: Int, stats: (centre: Float, scale: Float), into row: UnsafeMutablePointer<Float>) {
        for k in 0..<h { row[k] = (values[t + 1 + k] - stats.centre) / stats.scale }
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
