import Foundation

/// Reads the JSON body of `/api/v1/query_range` and `/api/v1/query`
/// (https://prometheus.io/docs/prometheus/latest/querying/api/):
///
///     {"status":"success","data":{"resultType":"matrix","result":[{"metric":{…},"values":[[t,"v"],…]}]}}
///     {"status":"success","data":{"resultType":"vector","result":[{"metric":{…},"value":[t,"v"]}]}}
///     {"status":"success","data":{"resultType":"scalar","result":[t,"v"]}}
///     {"status":"error","errorType":"bad_data","error":"…"}
///
/// A sample is `[unix seconds (number), value (string)]`; the value text is a Go float:
/// decimal or exponent notation, "NaN", "+Inf" or "-Inf".
enum PrometheusResponse {
    /// The `status: error` fields, or nil when the body is not such an object.
    static func apiError(_ body: Data) -> (errorType: String, message: String)? {
        let envelope: ErrorEnvelope
        do {
            envelope = try JSONDecoder().decode(ErrorEnvelope.self, from: body)
        } catch {
            // Not an error envelope: the caller reports the body as an unexpected response.
            return nil
        }
        guard envelope.status == "error" else { return nil }
        return (envelope.errorType ?? "error", envelope.error ?? "no error text")
    }

    /// The series of a successful answer (a scalar becomes one series without labels).
    static func series(_ body: Data, url: String) throws(IngestError) -> [PrometheusSeries] {
        let envelope: SuccessEnvelope
        do {
            envelope = try JSONDecoder().decode(SuccessEnvelope.self, from: body)
        } catch {
            throw .prometheusBadResponse(url: url, reason: "not the expected JSON: \(describe(error)); the body starts \(preview(body))")
        }
        guard envelope.status == "success", let data = envelope.data else {
            throw .prometheusBadResponse(url: url, reason: "status \(quoted(envelope.status)) without data")
        }
        switch data.result {
        case .series(let results):
            return try results.map { (result) throws(IngestError) in
                var points = result.values ?? []
                if let single = result.value { points.append(single) }
                var timestamps: [Double] = [], values: [Double] = []
                timestamps.reserveCapacity(points.count)
                values.reserveCapacity(points.count)
                for point in points {
                    timestamps.append(point.time)
                    values.append(try value(point.text, url: url))
                }
                return PrometheusSeries(labels: result.metric ?? [:], timestamps: timestamps, values: values)
            }
        case .scalar(let point):
            return [PrometheusSeries(labels: [:], timestamps: [point.time], values: [try value(point.text, url: url)])]
        }
    }

    /// A Go float's text as a Double.
    static func value(_ text: String, url: String) throws(IngestError) -> Double {
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            guard let number = Double(text), number.isFinite else {
                throw .prometheusBadResponse(url: url, reason: "sample value \(quoted(text)) is not a number")
            }
            return number
        }
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        if case DecodingError.keyNotFound(let key, _) = error { return "no key \(quoted(key.stringValue))" }
        if case DecodingError.typeMismatch(_, let context) = error {
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        return "\(error)"
    }

    private static func preview(_ body: Data) -> String {
        let text = String(decoding: body.prefix(80), as: UTF8.self)
        return body.isEmpty ? "(empty)" : quoted(text + (body.count > 80 ? "…" : ""))
    }

    private struct ErrorEnvelope: Decodable {
        var status: String
        var errorType: String?
        var error: String?
    }

    private struct SuccessEnvelope: Decodable {
        var status: String
        var data: ResultData?
    }

    private struct ResultData: Decodable {
        var result: Result

        enum CodingKeys: String, CodingKey { case resultType, result }

        enum Result {
            case series([SeriesResult])
            case scalar(Sample)
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let type = try container.decode(String.self, forKey: .resultType)
            switch type {
            case "matrix", "vector": result = .series(try container.decode([SeriesResult].self, forKey: .result))
            case "scalar": result = .scalar(try container.decode(Sample.self, forKey: .result))
            default:
                throw DecodingError.dataCorruptedError(forKey: .resultType, in: container,
                                                       debugDescription: "resultType \(quoted(type)) is neither matrix, vector nor scalar")
            }
        }
    }

    private struct SeriesResult: Decodable {
        var metric: [String: String]?
        var values: [Sample]?
        var value: Sample?
    }

    /// `[1700000000.123, "4.5"]`.
    private struct Sample: Decodable {
        var time: Double
        var text: String

        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            time = try container.decode(Double.self)
            text = try container.decode(String.self)
        }
    }
}
