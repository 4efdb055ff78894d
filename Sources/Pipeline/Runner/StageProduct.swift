import Forecasting
import Foundation
import Series
import Tracking

/// What a finished stage hands to the stages that need it, stored in its cache entry as
/// `product.json` (docs/formats/pipeline-cache.md). One case per `StageOutput`.
public enum StageProduct: Codable, Sendable, Equatable {
    /// `ingest`, `preprocess`: series on their own timestamps.
    case series([StoredSeries])
    /// `split`: one series and its train / validation / test fractions.
    case split(SplitProduct)
    /// `window`: a split and the window the learnt models use.
    case windows(WindowProduct)
    /// `train`: the fitted models and the run that records them.
    case model(TrainProduct)
    /// `evaluate`: a model run scored on validation and test.
    case evaluated(EvaluateProduct)
    /// `select`: the chosen run.
    case selection(SelectProduct)
    /// `register`: the version created and the alias moved.
    case registered(RegisterProduct)
    /// `report`: the comparison as text and Markdown, and the plots' names.
    case report(ReportProduct)
}

/// One series of a pipeline, with what preprocessing chose for it.
public struct StoredSeries: Codable, Sendable, Equatable {
    /// `web-1/cpu`.
    public var name: String
    public var container: String?
    public var metric: String?
    public var timestamps: [Double]
    public var values: [Double]
    /// The metric's preprocessing, once a `preprocess` stage has applied its rate stage.
    public var preprocessing: PreprocessingSpec?

    public init(name: String, container: String?, metric: String?, timestamps: [Double], values: [Double], preprocessing: PreprocessingSpec? = nil) {
        self.name = name
        self.container = container
        self.metric = metric
        self.timestamps = timestamps
        self.values = values
        self.preprocessing = preprocessing
    }

    public init(_ series: TimeSeries, container: String?, metric: String?, preprocessing: PreprocessingSpec? = nil) {
        self.init(name: series.name, container: container, metric: metric, timestamps: series.timestamps,
                  values: series.values, preprocessing: preprocessing)
    }

    public var timeSeries: TimeSeries { TimeSeries(name: name, timestamps: timestamps, values: values) }
}

public struct SplitProduct: Codable, Sendable, Equatable {
    public var series: StoredSeries
    public var train: Double
    public var validation: Double
    public var test: Double
}

public struct WindowProduct: Codable, Sendable, Equatable {
    public var split: SplitProduct
    public var windowSize: Int
    public var horizons: [Int]
    public var stride: Int
}

/// A fitted model: the child run that records it and the artifact files of the entry.
public struct TrainProduct: Codable, Sendable, Equatable {
    public var run: RunID
    public var series: StoredSeries
    public var model: String
    /// Horizons (minutes) the model was fitted for.
    public var horizons: [Int]
    /// File of the cache entry holding the protocol fit (train + validation).
    public var artifactFile: String
    /// File of the fit on the train part only, scored on validation; nil when the
    /// protocol fit serves (docs/EVALUATION.md, validation scores).
    public var validationArtifactFile: String?
    public var fitSeconds: Double
    public var epochs: Int?
    /// For a sweep stage: its trials and the best one (this product's run); nil otherwise.
    public var sweep: SweepSummary? = nil
}

/// A model run scored by the protocol.
public struct EvaluateProduct: Codable, Sendable, Equatable {
    public var run: RunID
    public var stage: String
    public var model: String
    public var series: String
    public var metric: String?
    /// Latest metrics logged: `val_mase_15m`, `mase_15m`, …
    public var metrics: [String: Double]
}

public struct SelectProduct: Codable, Sendable, Equatable {
    public var run: RunID
    public var model: String
    public var series: String
    public var metric: String?
    public var objective: String
    public var value: Double
    /// Every candidate, best first: run, model, objective value.
    public var ranking: [Candidate]

    public struct Candidate: Codable, Sendable, Equatable {
        public var run: RunID
        public var model: String
        public var value: Double
    }
}

public struct RegisterProduct: Codable, Sendable, Equatable {
    public var run: RunID
    public var model: String
    public var version: Int64
    public var alias: String?
}

public struct ReportProduct: Codable, Sendable, Equatable {
    public var table: String
    /// File names of the entry: `report.md`, `*.svg`.
    public var files: [String]
}

extension StageProduct {
    /// The series of an `ingest`/`preprocess` product, or of a split or window.
    var seriesList: [StoredSeries]? {
        switch self {
        case .series(let list): list
        case .split(let split): [split.series]
        case .windows(let windows): [windows.split.series]
        default: nil
        }
    }
}
