/// Statistics over trailing windows x_{max(0,k−w+1)} … x_k for every k, so each output
/// uses only the current and earlier inputs. Direct O(n·w) evaluation (two passes per
/// window for the std) keeps the arithmetic exact enough for hand-checked tests and
/// free of running-sum cancellation; widths here are tens to hundreds of steps.
enum TrailingWindow {
    /// Mean of each window: (1/m)·Σ x_j over its m = min(k+1, w) points.
    static func means(_ x: [Double], width: Int) -> [Double] {
        x.indices.map { k in
            let lo = Swift.max(0, k - width + 1)
            return x[lo...k].reduce(0, +) / Double(k - lo + 1)
        }
    }

    /// Population standard deviation of each window: sqrt((1/m)·Σ (x_j − mean)²).
    static func populationStds(_ x: [Double], width: Int) -> [Double] {
        x.indices.map { k in
            let lo = Swift.max(0, k - width + 1)
            let window = x[lo...k]
            let m = Double(window.count)
            let mean = window.reduce(0, +) / m
            return (window.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / m).squareRoot()
        }
    }

    static func minima(_ x: [Double], width: Int) -> [Double] {
        x.indices.map { k in x[Swift.max(0, k - width + 1)...k].reduce(Double.infinity) { Swift.min($0, $1) } }
    }

    static func maxima(_ x: [Double], width: Int) -> [Double] {
        x.indices.map { k in x[Swift.max(0, k - width + 1)...k].reduce(-Double.infinity) { Swift.max($0, $1) } }
    }

    static func values(_ statistic: RollingStatistic, of x: [Double], width: Int) -> [Double] {
        switch statistic {
        case .mean: return means(x, width: width)
        case .std: return populationStds(x, width: width)
        case .min: return minima(x, width: width)
        case .max: return maxima(x, width: width)
        }
    }
}
