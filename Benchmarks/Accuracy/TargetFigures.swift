/// Published aggregates of reference tools that `bench-accuracy` does not run itself
/// (../shared/docs/TARGETS.md §1; relMAE = geometric mean over series of MAE(model) /
/// MAE(naive)), printed under our model of the same name. statsforecast's AutoARIMA,
/// mlforecast + LightGBM and neuralforecast's N-HiTS run live (Reference/).
enum TargetFigures {
    struct Row {
        let tool: String
        let model: String
        let relMAE: [Double]
    }

    static let nab: [Row] = [
        Row(tool: "seasonal naive", model: "snaive", relMAE: [1.699, 1.550, 1.612]),
        Row(tool: "ARIMA(1,1,1), statsmodels", model: "arima", relMAE: [0.817, 0.774, 0.831]),
        Row(tool: "Prophet (daily + weekly)", model: "prophet", relMAE: [8.403, 7.673, 7.995]),
        Row(tool: "PyTorch LSTM, reference design", model: "lstm", relMAE: [5.6, 5.4, 5.5]),
    ]

    static let azure: [Row] = [
        Row(tool: "seasonal naive", model: "snaive", relMAE: [1.423, 1.346, 1.220]),
        Row(tool: "ARIMA(1,1,1), statsmodels", model: "arima", relMAE: [0.951, 0.959, 0.904]),
        Row(tool: "Prophet (daily + weekly)", model: "prophet", relMAE: [1.558, 1.475, 1.339]),
    ]
}
