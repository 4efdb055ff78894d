import Foundation
import Testing
@testable import Ingest

/// The parts of the Prometheus client that need no server: the chunk grid, the backoff
/// schedule, query templates, number formatting and the JSON reader on hand-written bodies.
@Suite struct PrometheusParsingTests {
    @Test func chunksCoverTheGridOnceInOrder() throws {
        let range = try PrometheusRange(start: 1000, end: 1000 + 25_000, step: 1)
        #expect(range.pointCount == 25_001)
        let chunks = range.chunks(maxPoints: 11_000)
        #expect(chunks.map(\.start) == [1000, 12_000, 23_000])
        #expect(chunks.map(\.end) == [11_999, 22_999, 26_000])
        #expect(chunks.map(\.pointCount) == [11_000, 11_000, 3001])
        // A range whose end is off the grid keeps its end in the last chunk.
        let ragged = try PrometheusRange(start: 0, end: 100.5, step: 10)
        #expect(ragged.pointCount == 11)
        #expect(ragged.chunks(maxPoints: 4).map(\.pointCount) == [4, 4, 3])
        #expect(ragged.chunks(maxPoints: 11).count == 1)
    }

    @Test func lastRangeEndsOnTheStep() throws {
        let range = try PrometheusRange.last(3600, step: 15, now: 1_700_000_007.9)
        #expect(range.end == 1_699_999_995)
        #expect(range.start == 1_699_996_395)
        #expect(throws: IngestError.invalidSetting(name: "since", value: "0.0", expected: "a positive number of seconds")) {
            try PrometheusRange.last(0, step: 15, now: 1)
        }
    }

    @Test func backoffGrowsExponentiallyUpToItsCap() {
        let retry = PrometheusRetry(attempts: 6, initialBackoff: 0.5, multiplier: 2, maxBackoff: 3)
        #expect((1...5).map(retry.backoff(afterAttempt:)) == [0.5, 1, 2, 3, 3])
    }

    @Test func queryTemplatesFillContainerAndWindow() {
        let queries = PrometheusQueries.cadvisor(overriding: [.memory: "max(rss{c=\"$container\"})"])
        #expect(queries.query(.cpu, container: "web", step: 15)
            == "sum(rate(container_cpu_usage_seconds_total{container=\"web\"}[60s]))")
        #expect(queries.query(.cpu, container: "web", step: 300)
            == "sum(rate(container_cpu_usage_seconds_total{container=\"web\"}[300s]))")
        #expect(queries.query(.memory, container: "a\"b\\c", step: 15) == "max(rss{c=\"a\\\"b\\\\c\"})")
        #expect(queries.query(.networkTx, container: "web", step: 15)
            == "sum(container_network_transmit_bytes_total{container=\"web\"})")
    }

    @Test func numbersAreSentToTheMillisecond() {
        #expect(PrometheusClient.number(1_700_000_000) == "1700000000")
        #expect(PrometheusClient.number(1_700_000_000.25) == "1700000000.250")
        #expect(PrometheusClient.number(15) == "15")
        #expect(PrometheusClient.number(0.5) == "0.500")
    }

    @Test func matrixVectorAndScalarBodiesParse() throws {
        let matrix = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"1"},"values":[[10,"1.5"],[25.5,"NaN"],[40,"+Inf"],[55,"-Inf"],[70,"2e3"]]}]}}"#
        let series = try PrometheusResponse.series(Data(matrix.utf8), url: "u")
        #expect(series.count == 1)
        #expect(series[0].labels == ["a": "1"])
        #expect(series[0].timestamps == [10, 25.5, 40, 55, 70])
        #expect(series[0].values[0] == 1.5 && series[0].values[1].isNaN && series[0].values[2] == .infinity)
        #expect(series[0].values[3] == -.infinity && series[0].values[4] == 2000)
        let finite = series[0].finiteSeries(name: "x")
        #expect(finite.timestamps == [10, 70] && finite.values == [1.5, 2000])

        let vector = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[7,"3"]},{"metric":{"b":"2"},"value":[7,"4"]}]}}"#
        let instant = try PrometheusResponse.series(Data(vector.utf8), url: "u")
        #expect(instant.map(\.values) == [[3], [4]])
        let scalar = #"{"status":"success","data":{"resultType":"scalar","result":[9,"0.25"]}}"#
        #expect(try PrometheusResponse.series(Data(scalar.utf8), url: "u").map(\.values) == [[0.25]])
    }

    @Test func unexpectedBodiesAreTypedErrors() {
        func failure(_ body: String) -> IngestError? {
            do {
                _ = try PrometheusResponse.series(Data(body.utf8), url: "http://x/api/v1/query")
                return nil
            } catch {
                return error
            }
        }
        guard case .prometheusBadResponse(let url, let reason)? = failure("<html>hello</html>") else {
            Issue.record("HTML was accepted")
            return
        }
        #expect(url == "http://x/api/v1/query")
        #expect(reason.contains("<html>hello</html>"))
        guard case .prometheusBadResponse(_, let strange)? = failure(#"{"status":"success","data":{"resultType":"streams","result":[]}}"#) else {
            Issue.record("an unknown resultType was accepted")
            return
        }
        #expect(strange.contains("streams"))
        guard case .prometheusBadResponse(_, let word)? = failure(#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}}"#) else {
            Issue.record("a non-number value was accepted")
            return
        }
        #expect(word.contains("\"abc\""))
        #expect(PrometheusResponse.apiError(Data(#"{"status":"error","errorType":"bad_data","error":"parse error"}"#.utf8))! == ("bad_data", "parse error"))
        #expect(PrometheusResponse.apiError(Data("not json".utf8)) == nil)
    }

    @Test func settingsOutOfRangeAreRefused() {
        #expect(throws: IngestError.self) { try PrometheusClientSettings(timeout: 0).validated() }
        #expect(throws: IngestError.self) { try PrometheusClientSettings(retry: PrometheusRetry(attempts: 0)).validated() }
        #expect(throws: IngestError.self) { try PrometheusClientSettings(maxPointsPerRequest: 11_001).validated() }
        #expect(throws: IngestError.invalidSetting(name: "Prometheus URL", value: "localhost:9090",
                                                   expected: "an http:// or https:// URL such as http://127.0.0.1:9090")) {
            try PrometheusClient(baseURL: "localhost:9090")
        }
    }
}
