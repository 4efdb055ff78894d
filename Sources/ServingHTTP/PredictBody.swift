import Foundation
import Hummingbird
import Series

/// The body of `POST /v1/predict` (docs/formats/serving-http.md#post-v1predict): one
/// metric's history
///
///     {"container": "web", "metric": "cpu", "history": {"timestamps": [t…], "values": [x…]}, "horizons": [5, 15, 30]}
///
/// or several metrics at once
///
///     {"container": "web", "metrics": {"cpu": {"timestamps": […], "values": […]}, "memory": {…}}}
///
/// Timestamps are epoch seconds, strictly increasing; values the raw samples (counters
/// as cumulative values); `horizons` (minutes) is optional.
struct PredictBody: Decodable {
    var container: String
    var metric: String?
    var history: HistoryBody?
    var metrics: [String: HistoryBody]?
    var horizons: [Double]?

    static let keys = ["container", "metric", "history", "metrics", "horizons"]

    enum CodingKeys: String, CodingKey { case container, metric, history, metrics, horizons }

    init(from decoder: any Decoder) throws {
        let any = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = any.allKeys.first(where: { !Self.keys.contains($0.stringValue) }) {
            throw HTTPProblem(.badRequest, field: unknown.stringValue, "unknown field; allowed: \(Self.keys.joined(separator: ", "))")
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        container = try c.decode(String.self, forKey: .container)
        metric = try c.decodeIfPresent(String.self, forKey: .metric)
        history = try c.decodeIfPresent(HistoryBody.self, forKey: .history)
        metrics = try c.decodeIfPresent([String: HistoryBody].self, forKey: .metrics)
        horizons = try c.decodeIfPresent([Double].self, forKey: .horizons)
    }

    /// Decodes `data`; malformed JSON, a wrong type or a missing field is a 400 naming the field.
    static func decode(_ data: Data) throws(HTTPProblem) -> PredictBody {
        do {
            return try JSONDecoder().decode(PredictBody.self, from: data)
        } catch let problem as HTTPProblem {
            throw problem
        } catch let error as DecodingError {
            throw Self.problem(error)
        } catch {
            throw HTTPProblem(.badRequest, field: "body", "not a JSON object: \(error)")
        }
    }

    /// The request as (metric, JSON path, history) triples and horizons, after every check:
    /// 400 for a missing or contradictory field, 422 for values out of range.
    func validated(_ limits: ServeLimits) throws(HTTPProblem) -> PredictJob {
        let name = container.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(where: { $0.isNewline || $0 == "\"" || $0 == "," }) else {
            throw HTTPProblem(.badRequest, field: "container", "give a container name (no commas, quotes or line breaks), e.g. \"web\"")
        }
        var items: [PredictJob.Item] = []
        switch (metric, history, metrics) {
        case (let metric?, let history?, nil):
            try Self.checkMetricName(metric, field: "metric")
            items.append(.init(metric: metric, metricField: "metric", historyField: "history",
                               series: try history.series(name: metric, field: "history", limits: limits)))
        case (nil, nil, let metrics?):
            guard !metrics.isEmpty else { throw HTTPProblem(.badRequest, field: "metrics", "is empty; give at least one metric's history") }
            for (metric, history) in metrics.sorted(by: { $0.key < $1.key }) {
                try Self.checkMetricName(metric, field: "metrics.\(metric)")
                items.append(.init(metric: metric, metricField: "metrics.\(metric)", historyField: "metrics.\(metric)",
                                   series: try history.series(name: metric, field: "metrics.\(metric)", limits: limits)))
            }
        case (_, nil, nil):
            throw HTTPProblem(.badRequest, field: "history", "missing; give \"metric\" with \"history\", or \"metrics\" with one history per metric")
        case (nil, .some, _):
            throw HTTPProblem(.badRequest, field: "metric", "missing; \"history\" needs the metric it is, e.g. \"cpu\"")
        default:
            throw HTTPProblem(.badRequest, field: "metrics", "give either \"metric\" with \"history\" or \"metrics\", not both")
        }
        if let horizons {
            guard !horizons.isEmpty, horizons.count <= 64 else {
                throw HTTPProblem(.unprocessableContent, field: "horizons", "give 1 to 64 horizons in minutes, e.g. [5, 15, 30]")
            }
            for (i, h) in horizons.enumerated() where !(h > 0 && h <= limits.maxHorizonMinutes) {
                throw HTTPProblem(.unprocessableContent, field: "horizons[\(i)]",
                                  "is \(h); give minutes in (0, \(Int(limits.maxHorizonMinutes))]")
            }
        }
        return PredictJob(container: name, items: items, horizons: horizons)
    }

    static func checkMetricName(_ metric: String, field: String) throws(HTTPProblem) {
        guard !metric.isEmpty, metric.count <= 64, metric.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw HTTPProblem(.badRequest, field: field, "'\(metric)' is not a metric name; use letters, digits, _ or -, e.g. cpu")
        }
    }

    /// The JSON path a decoding error points at, e.g. `history.values[3]`.
    static func problem(_ error: DecodingError) -> HTTPProblem {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "body" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return HTTPProblem(.badRequest, field: path(context.codingPath + [key]), "missing")
        case .typeMismatch(let type, let context):
            return HTTPProblem(.badRequest, field: path(context.codingPath), "expected \(Self.typeName(type))")
        case .valueNotFound(let type, let context):
            return HTTPProblem(.badRequest, field: path(context.codingPath), "is null; expected \(Self.typeName(type))")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return HTTPProblem(.badRequest, field: field, field == "body" ? "not valid JSON; send a JSON object (docs/formats/serving-http.md)" : "malformed value")
        @unknown default:
            return HTTPProblem(.badRequest, field: "body", "cannot be decoded: \(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Int.Type: return "a number"
        case is [Double].Type: return "a list of numbers"
        default: return type == HistoryBody.self ? "an object {timestamps, values}" : "an object"
        }
    }
}

/// One history in a request body: parallel lists of epoch seconds and raw values.
struct HistoryBody: Decodable {
    var timestamps: [Double]
    var values: [Double]

    /// A `TimeSeries` after checking lengths, size and strictly increasing finite timestamps (422 otherwise).
    func series(name: String, field: String, limits: ServeLimits) throws(HTTPProblem) -> TimeSeries {
        guard timestamps.count == values.count else {
            throw HTTPProblem(.unprocessableContent, field: field + ".values",
                              "has \(values.count) values for \(timestamps.count) timestamps; give one value per timestamp")
        }
        guard !values.isEmpty else { throw HTTPProblem(.unprocessableContent, field: field + ".values", "is empty; give the recent history") }
        guard values.count <= limits.maxPoints else {
            throw HTTPProblem(.unprocessableContent, field: field + ".values", "has \(values.count) points; give at most \(limits.maxPoints)")
        }
        var previous = -Double.infinity
        for (i, t) in timestamps.enumerated() {
            guard t.isFinite, t > previous else {
                throw HTTPProblem(.unprocessableContent, field: "\(field).timestamps[\(i)]",
                                  "is \(t), not after the previous timestamp; give strictly increasing epoch seconds")
            }
            previous = t
        }
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw HTTPProblem(.unprocessableContent, field: "\(field).values[\(i)]", "is not a finite number")
        }
        return TimeSeries(name: name, timestamps: timestamps, values: values)
    }
}

/// A validated predict request.
struct PredictJob: Sendable {
    struct Item: Sendable {
        var metric: String
        var metricField: String
        var historyField: String
        var series: TimeSeries
    }

    var container: String
    var items: [Item]
    var horizons: [Double]?
}

/// Any JSON key, for listing the keys of an object.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
