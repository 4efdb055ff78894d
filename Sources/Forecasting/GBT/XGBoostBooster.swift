import CXGBoost
import Foundation

/// One XGBoost booster owned by this value (freed on release). XGBoost's calls on one
/// booster are not safe to interleave, so each call holds the booster's lock; different
/// boosters run in parallel.
final class XGBoostBooster: @unchecked Sendable {
    private let handle: BoosterHandle
    private let lock = NSLock()

    /// A new booster with `parameters` (XGBoost's names and string values), caching
    /// predictions for `cached` (the training and validation matrices it will see).
    init(parameters: [(String, String)], cached: [XGBoostMatrix]) throws(GBTError) {
        var out: BoosterHandle?
        var handles: [DMatrixHandle?] = cached.map { $0.handle }
        let status = handles.withUnsafeMutableBufferPointer { XGBoosterCreate($0.baseAddress, bst_ulong(cached.count), &out) }
        try checkXGBoost(status, "XGBoosterCreate")
        guard let out else { throw .xgboost(call: "XGBoosterCreate", message: "no booster returned") }
        handle = out
        for (name, value) in parameters {
            try checkXGBoost(XGBoosterSetParam(out, name, value), "XGBoosterSetParam(\(name)=\(value))")
        }
    }

    /// A booster read from `XGBoosterSaveModelToBuffer`'s bytes (JSON or UBJSON).
    init(saved: [UInt8]) throws(GBTError) {
        var out: BoosterHandle?
        try checkXGBoost(XGBoosterCreate(nil, 0, &out), "XGBoosterCreate")
        guard let out else { throw .xgboost(call: "XGBoosterCreate", message: "no booster returned") }
        handle = out
        let status = saved.withUnsafeBytes { XGBoosterLoadModelFromBuffer(out, $0.baseAddress, bst_ulong($0.count)) }
        try checkXGBoost(status, "XGBoosterLoadModelFromBuffer")
        try checkXGBoost(XGBoosterSetParam(out, "nthread", "1"), "XGBoosterSetParam(nthread=1)")
    }

    private init(handle: BoosterHandle) {
        self.handle = handle
    }

    deinit {
        XGBoosterFree(handle)
    }

    /// One round with the booster's own objective.
    func updateOneRound(_ round: Int, train: XGBoostMatrix) throws(GBTError) {
        let status = lock.withLock { XGBoosterUpdateOneIter(handle, Int32(round), train.handle) }
        try checkXGBoost(status, "XGBoosterUpdateOneIter")
    }

    /// One round from given first and second derivatives of the loss per training row.
    func boostOneRound(train: XGBoostMatrix, gradient: [Float], hessian: [Float]) throws(GBTError) {
        var g = gradient
        var h = hessian
        let status = lock.withLock {
            g.withUnsafeMutableBufferPointer { gp in
                h.withUnsafeMutableBufferPointer { hp in
                    XGBoosterBoostOneIter(handle, train.handle, gp.baseAddress, hp.baseAddress, bst_ulong(gradient.count))
                }
            }
        }
        try checkXGBoost(status, "XGBoosterBoostOneIter")
    }

    /// Predictions for every row of `matrix`: the transformed output, or the raw margin
    /// (base score + Σ trees) with `margin`; `training` as XGBoost's custom-objective loop
    /// asks for it.
    func predict(_ matrix: XGBoostMatrix, margin: Bool = false, training: Bool = false) throws(GBTError) -> [Float] {
        let config = "{\"type\": \(margin ? 1 : 0), \"training\": \(training), \"iteration_begin\": 0, \"iteration_end\": 0, \"strict_shape\": false}"
        var shape: UnsafePointer<bst_ulong>?
        var dimension: bst_ulong = 0
        var result: UnsafePointer<Float>?
        let (status, values): (Int32, [Float]) = lock.withLock {
            let status = XGBoosterPredictFromDMatrix(handle, matrix.handle, config, &shape, &dimension, &result)
            guard status == 0, let result else { return (status, []) }
            return (status, Array(UnsafeBufferPointer(start: result, count: matrix.rows)))
        }
        try checkXGBoost(status, "XGBoosterPredictFromDMatrix")
        return values
    }

    /// The first `rounds` rounds as a new booster.
    func firstRounds(_ rounds: Int) throws(GBTError) -> XGBoostBooster {
        var out: BoosterHandle?
        let status = lock.withLock { XGBoosterSlice(handle, 0, Int32(rounds), 1, &out) }
        try checkXGBoost(status, "XGBoosterSlice")
        guard let out else { throw .xgboost(call: "XGBoosterSlice", message: "no booster returned") }
        return XGBoostBooster(handle: out)
    }

    /// The model as XGBoost's JSON (`XGBoosterSaveModelToBuffer`, format "json").
    func saved() throws(GBTError) -> [UInt8] {
        var length: bst_ulong = 0
        var bytes: UnsafePointer<CChar>?
        let (status, copy): (Int32, [UInt8]) = lock.withLock {
            let status = XGBoosterSaveModelToBuffer(handle, "{\"format\": \"json\"}", &length, &bytes)
            guard status == 0, let bytes else { return (status, []) }
            return (status, bytes.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) })
        }
        try checkXGBoost(status, "XGBoosterSaveModelToBuffer")
        return copy
    }
}
