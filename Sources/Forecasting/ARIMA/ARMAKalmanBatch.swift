import Foundation

/// `accumulate` for several filters at once: the likelihoods at the probe points of a
/// finite-difference gradient, whose filters differ in the 8th digit and settle at almost
/// the same step. Filters of the same state dimension r advance together, up to four to a
/// SIMD vector, each lane doing its own filter's scalar arithmetic in the same order, so
/// every filter's sums are bit-identical to its own `accumulate`:
/// 1. transient phase together until the first lane's P has converged (that step included);
/// 2. each filter alone until its own P has converged, then alone in its steady phase up
///    to the last filter's convergence step;
/// 3. steady phases together to the end of the block.
extension ARMAKalmanFilter {
    static func accumulate(batch filters: inout [ARMAKalmanFilter], _ x: [Double], withMean: Bool,
                           regressor: [Double]? = nil) -> [Sums] {
        let z = regressor ?? []
        let n = x.count
        var passes = filters.map(KalmanPass.init)
        let together = passes.count > 1 && passes.allSatisfy { $0.r == passes[0].r }
        if together && passes.allSatisfy({ !$0.isSteady }) {
            forEachGroup(passes.count) { lanes, wide in
                if wide {
                    runTransientTogether(SIMD4<Double>.self, &passes, lanes: lanes, x, withMean: withMean, regressor: z)
                } else {
                    runTransientTogether(SIMD2<Double>.self, &passes, lanes: lanes, x, withMean: withMean, regressor: z)
                }
            }
        }
        for l in passes.indices { passes[l].runTransient(x, withMean: withMean, regressor: z) }
        let common = together ? passes.map(\.t).max() ?? n : n
        for l in passes.indices { passes[l].runSteady(x, until: common, withMean: withMean, regressor: z) }
        if common < n {
            forEachGroup(passes.count) { lanes, wide in
                if wide {
                    runSteadyTogether(SIMD4<Double>.self, &passes, lanes: lanes, x, from: common, withMean: withMean, regressor: z)
                } else {
                    runSteadyTogether(SIMD2<Double>.self, &passes, lanes: lanes, x, from: common, withMean: withMean, regressor: z)
                }
            }
        }
        for l in passes.indices { filters[l].finish(passes[l]) }
        return passes.map(\.result)
    }

    /// Splits 0..<count into groups of four lanes (wide) and a last group of one or two.
    private static func forEachGroup(_ count: Int, _ body: (Range<Int>, _ wide: Bool) -> Void) {
        var first = 0
        while first < count {
            let left = count - first
            body(first..<(first + min(left, 4)), left > 2)
            first += min(left, 4)
        }
    }

    /// Lane l of a vector holds `value` of pass lanes.lowerBound + l; unused lanes repeat
    /// the first pass (their results are dropped).
    private static func gather<Lanes: SIMD>(_: Lanes.Type, _ passes: [KalmanPass], _ lanes: Range<Int>,
                                           _ value: (KalmanPass) -> Double) -> Lanes where Lanes.Scalar == Double {
        var v = Lanes()
        for l in 0..<Lanes.scalarCount {
            v[l] = value(passes[lanes.contains(lanes.lowerBound + l) ? lanes.lowerBound + l : lanes.lowerBound])
        }
        return v
    }

    /// Phase 1 of `lanes` (all at t = 0, none settled): `KalmanPass.runTransient`'s
    /// arithmetic lane by lane, until some lane's P has converged or x ends.
    private static func runTransientTogether<Lanes: SIMD>(
        _: Lanes.Type, _ passes: inout [KalmanPass], lanes: Range<Int>, _ x: [Double], withMean: Bool, regressor z: [Double]
    ) where Lanes.Scalar == Double {
        let r = passes[lanes.lowerBound].r, n = x.count, width = Lanes.scalarCount
        let useColumn = !z.isEmpty
        let snapshot = passes
        func gathered(_ value: (KalmanPass) -> Double) -> Lanes { gather(Lanes.self, snapshot, lanes, value) }
        var a = (0..<r).map { i in gathered { $0.a[i] } }
        var b = (0..<r).map { i in gathered { $0.b[i] } }
        var p = (0..<(r * r)).map { k in gathered { $0.p[k] } }
        let phi = (0..<r).map { i in gathered { $0.phi[i] } }
        let rr = (0..<r).map { i in gathered { $0.loading[i] } }
        var pf = [Lanes](repeating: .zero, count: r * r)
        var m = [Lanes](repeating: .zero, count: r * r)
        var vv = gathered(\.sums.vv), vu = gathered(\.sums.vu), uu = gathered(\.sums.uu), logF = gathered(\.sums.logF)
        var settled = SIMDMask<Lanes.MaskStorage>()
        var t = 0
        let tolerance = Lanes(repeating: ARMAKalmanFilter.steadyTolerance)
        a.withUnsafeMutableBufferPointer { a in
        b.withUnsafeMutableBufferPointer { b in
        p.withUnsafeMutableBufferPointer { p in
        pf.withUnsafeMutableBufferPointer { pf in
        m.withUnsafeMutableBufferPointer { m in
        phi.withUnsafeBufferPointer { phi in
        rr.withUnsafeBufferPointer { rr in
            while t < n {
                let v = Lanes(repeating: x[t]) - a[0]
                let f = p[0]
                vv += v * v / f
                var logf = Lanes.zero
                for l in 0..<width { logf[l] = log(f[l]) }
                logF += logf
                let gain = v / f
                for i in 0..<r { a[i] += p[i * r] * gain }
                let first = a[0]
                for i in 0..<(r - 1) { a[i] = phi[i] * first + a[i + 1] }
                a[r - 1] = phi[r - 1] * first
                if withMean {
                    let u = Lanes(repeating: useColumn ? z[t] : 1) - b[0]
                    vu += v * u / f
                    uu += u * u / f
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
                    for j in 0..<r { m[i * r + j] = phi[i] * pf[j] + (i + 1 < r ? pf[(i + 1) * r + j] : .zero) }
                }
                var change = Lanes.zero
                for i in 0..<r {
                    let mi0 = m[i * r], ri = rr[i]
                    for j in i..<r {
                        let next = mi0 * phi[j] + (j + 1 < r ? m[i * r + j + 1] : .zero) + ri * rr[j]
                        // max(change, d) as Swift.max computes it: d >= change ? d : change.
                        var d = next - p[i * r + j]
                        d.replace(with: -d, where: d .< 0)
                        change.replace(with: d, where: d .>= change)
                        p[i * r + j] = next
                        p[j * r + i] = next
                    }
                }
                settled = change .< tolerance
                t += 1
                if any(settled) { break }
            }
        }}}}}}}
        for (lane, l) in lanes.enumerated() {
            for i in 0..<r { passes[l].a[i] = a[i][lane]; passes[l].b[i] = b[i][lane] }
            for k in 0..<(r * r) { passes[l].p[k] = p[k][lane] }
            passes[l].sums = Sums(vv: vv[lane], vu: vu[lane], uu: uu[lane], logF: logF[lane])
            passes[l].isSteady = settled[lane]
            passes[l].t = t
        }
    }

    /// The steady phase of `lanes` (at most Lanes.scalarCount passes, all at time `start`)
    /// from `start` to the end of x; unused lanes repeat the first pass and are dropped.
    private static func runSteadyTogether<Lanes: SIMD>(
        _: Lanes.Type, _ passes: inout [KalmanPass], lanes: Range<Int>, _ x: [Double], from start: Int,
        withMean: Bool, regressor z: [Double]
    ) where Lanes.Scalar == Double {
        let r = passes[lanes.lowerBound].r, n = x.count
        let useColumn = !z.isEmpty
        let snapshot = passes
        func gathered(_ value: (KalmanPass) -> Double) -> Lanes { gather(Lanes.self, snapshot, lanes, value) }
        var a = (0..<r).map { i in gathered { $0.a[i] } }
        var b = (0..<r).map { i in gathered { $0.b[i] } }
        let gain = (0..<r).map { i in gathered { $0.gain[i] } }
        let phi = (0..<r).map { i in gathered { $0.phi[i] } }
        var rawVV = gathered(\.rawVV), rawVU = gathered(\.rawVU), rawUU = gathered(\.rawUU)
        a.withUnsafeMutableBufferPointer { a in
        b.withUnsafeMutableBufferPointer { b in
        gain.withUnsafeBufferPointer { gain in
        phi.withUnsafeBufferPointer { phi in
        x.withUnsafeBufferPointer { x in
            for t in start..<n {
                let v = Lanes(repeating: x[t]) - a[0]
                rawVV += v * v
                for i in 0..<r { a[i] += gain[i] * v }
                let first = a[0]
                for i in 0..<(r - 1) { a[i] = phi[i] * first + a[i + 1] }
                a[r - 1] = phi[r - 1] * first
                if withMean {
                    let u = Lanes(repeating: useColumn ? z[t] : 1) - b[0]
                    rawVU += v * u
                    rawUU += u * u
                    for i in 0..<r { b[i] += gain[i] * u }
                    let b0 = b[0]
                    for i in 0..<(r - 1) { b[i] = phi[i] * b0 + b[i + 1] }
                    b[r - 1] = phi[r - 1] * b0
                }
            }
        }}}}}
        for (lane, l) in lanes.enumerated() {
            for i in 0..<r { passes[l].a[i] = a[i][lane]; passes[l].b[i] = b[i][lane] }
            passes[l].rawVV = rawVV[lane]; passes[l].rawVU = rawVU[lane]; passes[l].rawUU = rawUU[lane]
            passes[l].steadyCount += n - start
            passes[l].t = n
        }
    }
}
