import CXGBoost

/// Throws `GBTError.xgboost` with XGBoost's last error when a C API call returned non-zero.
func checkXGBoost(_ status: Int32, _ call: String) throws(GBTError) {
    guard status != 0 else { return }
    throw .xgboost(call: call, message: String(cString: XGBGetLastError()))
}

/// A dense XGBoost `DMatrix` owned by this value (freed on release): `rows` × `columns`
/// Float32 features, row-major; NaN is a missing value (XGBoost's default direction).
/// Labels are set when given.
final class XGBoostMatrix: @unchecked Sendable {
    let handle: DMatrixHandle
    let rows: Int
    let columns: Int
    let labels: [Float]

    /// `features.count == rows · columns`; `labels` empty or one per row.
    init(features: [Float], rows: Int, columns: Int, labels: [Float] = []) throws(GBTError) {
        precondition(features.count == rows * columns, "features \(features.count) ≠ \(rows) × \(columns)")
        precondition(labels.isEmpty || labels.count == rows, "labels \(labels.count) ≠ rows \(rows)")
        var out: DMatrixHandle?
        let status = features.withUnsafeBufferPointer {
            XGDMatrixCreateFromMat_omp($0.baseAddress, bst_ulong(rows), bst_ulong(columns), Float.nan, &out, 1)
        }
        try checkXGBoost(status, "XGDMatrixCreateFromMat_omp")
        guard let out else { throw .xgboost(call: "XGDMatrixCreateFromMat_omp", message: "no matrix returned") }
        handle = out
        self.rows = rows
        self.columns = columns
        self.labels = labels
        if !labels.isEmpty {
            let set = labels.withUnsafeBufferPointer { XGDMatrixSetFloatInfo(out, "label", $0.baseAddress, bst_ulong(rows)) }
            try checkXGBoost(set, "XGDMatrixSetFloatInfo(label)")
        }
    }

    deinit {
        XGDMatrixFree(handle)
    }
}
