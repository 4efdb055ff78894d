import Foundation

/// One run of an `ARMAKalmanFilter` over a block of observations x_t, split in its two
/// phases so that several filters can share the second (`ARMAKalmanFilter.accumulate(batch:)`):
/// 1. transient: P_t still moves, full covariance recursion (O(r²) per step);
/// 2. steady: P has converged, constant gain K = P[:,0]/F, only the state moves (O(r)).
/// The arithmetic is `ARMAKalmanFilter.update`'s; see `ARMAKalmanFilter.Sums` for the sums.
struct KalmanPass {
    let r: Int
    let phi: [Double]
    let loading: [Double]
    /// a_{t|t−1} (shape r), the regressor filter's state b (shape r), P_{t|t−1} (r × r).
    var a: [Double], b: [Double], p: [Double]
    var isSteady: Bool
    /// Next observation to filter.
    var t = 0
    var sums = ARMAKalmanFilter.Sums()
    /// Σ v², Σ v u, Σ u² over the steady steps, scaled by 1/F at the end.
    var rawVV = 0.0, rawVU = 0.0, rawUU = 0.0
    var steadyCount = 0
    /// F and K = P[:,0]/F of the steady phase (set by `beginSteady`).
    var steadyVariance = 0.0
    var gain: [Double] = []

    init(_ filter: ARMAKalmanFilter) {
        r = filter.r
        phi = filter.phi
        loading = filter.loading
        a = filter.state
        b = [Double](repeating: 0, count: filter.r)
        p = filter.covariance
        isSteady = filter.steady
    }

    /// Phase 1: filters x_t from `t` until P has converged or x ends.
    mutating func runTransient(_ x: [Double], withMean: Bool, regressor z: [Double]) {
        let useColumn = !z.isEmpty
        let r = self.r, n = x.count
        var filtered = [Double](repeating: 0, count: r * r)
        var m = [Double](repeating: 0, count: r * r)
        var t = self.t, isSteady = self.isSteady, sums = self.sums
        a.withUnsafeMutableBufferPointer { a in
        b.withUnsafeMutableBufferPointer { b in
        p.withUnsafeMutableBufferPointer { p in
        filtered.withUnsafeMutableBufferPointer { pf in
        m.withUnsafeMutableBufferPointer { m in
        phi.withUnsafeBufferPointer { phi in
        loading.withUnsafeBufferPointer { rr in
        x.withUnsafeBufferPointer { x in
            while t < n && !isSteady {
                let v = x[t] - a[0]
                let f = p[0]
                sums.vv += v * v / f
                sums.logF += log(f)
                let gain = v / f
                for i in 0..<r { a[i] += p[i * r] * gain }
                let first = a[0]
                for i in 0..<(r - 1) { a[i] = phi[i] * first + a[i + 1] }
                a[r - 1] = phi[r - 1] * first
                if withMean {
                    let u = (useColumn ? z[t] : 1) - b[0]
                    sums.vu += v * u / f
                    sums.uu += u * u / f
                    let ug = u / f
                    for i in 0..<r { b[i] += p[i * r] * ug }
                    let b0 = b[0]
                    for i in 0..<(r - 1) { b[i] = phi[i] * b0 + b[i + 1] }
                    b[r - 1] = phi[r - 1] * b0
                }
                for i in 0..<r {
                    let pi0 = p[i * r] / f
                    for j in 0..<r { pf[i * r + j] = p[i * r + j] - pi0 * p[j] }
                }
                for i in 0..<r {
                    for j in 0..<r { m[i * r + j] = phi[i] * pf[j] + (i + 1 < r ? pf[(i + 1) * r + j] : 0) }
                }
                // P is symmetric: fill the upper triangle and mirror it.
                var change = 0.0
                for i in 0..<r {
                    let mi0 = m[i * r], ri = rr[i]
                    for j in i..<r {
                        let next = mi0 * phi[j] + (j + 1 < r ? m[i * r + j + 1] : 0) + ri * rr[j]
                        change = max(change, abs(next - p[i * r + j]))
                        p[i * r + j] = next
                        p[j * r + i] = next
                    }
                }
                if change < ARMAKalmanFilter.steadyTolerance { isSteady = true }
                t += 1
            }
        }}}}}}}}
        self.t = t
        self.isSteady = isSteady
        self.sums = sums
        beginSteady()
    }

    /// Fixes F and K from the current P (the steady phase's constants).
    private mutating func beginSteady() {
        let f = p[0]
        steadyVariance = f
        gain = (0..<r).map { p[$0 * r] / f }
    }

    /// Phase 2 for this filter alone: x_t from `t` to `end` with the constant gain.
    mutating func runSteady(_ x: [Double], until end: Int, withMean: Bool, regressor z: [Double]) {
        let useColumn = !z.isEmpty
        let r = self.r
        var t = self.t
        var rawVV = self.rawVV, rawVU = self.rawVU, rawUU = self.rawUU
        a.withUnsafeMutableBufferPointer { a in
        b.withUnsafeMutableBufferPointer { b in
        gain.withUnsafeBufferPointer { gain in
        phi.withUnsafeBufferPointer { phi in
        x.withUnsafeBufferPointer { x in
            while t < end {
                let v = x[t] - a[0]
                rawVV += v * v
                for i in 0..<r { a[i] += gain[i] * v }
                let first = a[0]
                for i in 0..<(r - 1) { a[i] = phi[i] * first + a[i + 1] }
                a[r - 1] = phi[r - 1] * first
                if withMean {
                    let u = (useColumn ? z[t] : 1) - b[0]
                    rawVU += v * u
                    rawUU += u * u
                    for i in 0..<r { b[i] += gain[i] * u }
                    let b0 = b[0]
                    for i in 0..<(r - 1) { b[i] = phi[i] * b0 + b[i + 1] }
                    b[r - 1] = phi[r - 1] * b0
                }
                t += 1
            }
        }}}}}
        steadyCount += max(end - self.t, 0)
        self.t = max(t, self.t)
        self.rawVV = rawVV; self.rawVU = rawVU; self.rawUU = rawUU
    }

    /// The block's sums: the transient ones plus the steady raw sums scaled by 1/F.
    var result: ARMAKalmanFilter.Sums {
        var s = sums
        if steadyCount > 0 {
            let f = steadyVariance
            s.vv += rawVV / f
            s.vu += rawVU / f
            s.uu += rawUU / f
            s.logF += Double(steadyCount) * log(f)
        }
        return s
    }
}
