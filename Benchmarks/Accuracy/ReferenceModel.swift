/// The reference tools of issue 15, as Reference/reference_accuracy.py names them.
enum ReferenceModel: String, CaseIterable, Codable {
    case lightgbm
    case nhits
    case autoarima

    /// The row label in the tables: the model and the library that runs it.
    var label: String {
        switch self {
        case .lightgbm: "LightGBM (mlforecast)"
        case .nhits: "N-HiTS (neuralforecast)"
        case .autoarima: "AutoARIMA (statsforecast)"
        }
    }
}
