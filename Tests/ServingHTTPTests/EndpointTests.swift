import Foundation
import Series
import Serving
@testable import ServingHTTP
import Testing
import Tracking

/// Every endpoint of `autoscale serve` over real sockets on 127.0.0.1, against an
/// in-process server on a real registry and a CSV history.
@Suite(.serialized) struct EndpointTests {
    let fixture: ServingFixture
    let cpu = Series60.cpu(300)
    let memory = Series60.memory(300)

    init() throws {
        fixture = try ServingFixture()
        try fixture.promote(try Series60.artifact(.arima, on: cpu), model: "autoscale-cpu")
        try fixture.promote(try Series60.artifact(.naive, on: memory), model: "autoscale-memory")
    }

    /// The forecasts the library gives for the same history (what the server must return).
    func direct(_ series: TimeSeries, metric: String) throws -> MetricForecast {
        let predictor = Predictor(store: ModelStore(tracker: try Registry.openForReading(fixture.location)))
        return try predictor.predict(history: series, metric: metric, container: "web")
    }

    @Test func healthReadyForecastRecommendationAndMetrics() async throws {
        let path = try fixture.csv(container: "web", ["cpu": cpu, "memory": memory])
        let server = try await RunningServer(fixture.settings(source: .csv(path: path)))

        let health = try await HTTP.get(server.url + "/healthz")
        #expect(health.status == 200)
        #expect(try health.json()["status"] as? String == "ok")

        let ready = try await HTTP.get(server.url + "/readyz")
        #expect(ready.status == 200)
        let models = try #require(try ready.json()["models"] as? [[String: Any]])
        let cpuModel = try #require(models.first { $0["metric"] as? String == "cpu" })
        #expect(cpuModel["state"] as? String == "serving")
        #expect(cpuModel["version"] as? Int == 1)
        #expect(models.first { $0["metric"] as? String == "disk_reads" }?["state"] as? String == "absent")

        let forecast = try await HTTP.get(server.url + "/v1/forecast?container=web")
        #expect(forecast.status == 200, "\(forecast.text)")
        let body = try forecast.json()
        #expect(body["stale"] as? Bool == false)
        let forecasts = try #require(body["forecasts"] as? [[String: Any]])
        #expect(forecasts.map { $0["metric"] as? String } == ["cpu", "memory"])
        let expected = try direct(cpu, metric: "cpu")
        let horizons = try #require(forecasts[0]["horizons"] as? [[String: Any]])
        #expect(horizons.map { $0["minutes"] as? Double } == [5, 15, 30])
        #expect(horizons.map { $0["value"] as? Double } == expected.horizons.map(\.value))

        // Default policy: cpu, capacity 1 core at 80 %, margin 10 %: r = ⌈max(x_n, 1.1·ŷ_h) / 0.8⌉.
        let recommendation = try await HTTP.get(server.url + "/v1/recommendation?container=web")
        #expect(recommendation.status == 200, "\(recommendation.text)")
        let peak = max(cpu.values.last!, expected.horizons.map { $0.value * 1.1 }.max()!)
        let replicas = Int((peak / 0.8).rounded(.up))
        #expect(try recommendation.json()[RecommendationResponse.valueLocation] as? Int == replicas)
        #expect(try recommendation.json()["action"] as? String == (replicas > 1 ? "scale_up" : "hold"))

        let metrics = try await HTTP.get(server.url + "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        let text = metrics.text
        #expect(text.contains("autoscale_forecast{container=\"web\",metric=\"cpu\",horizon_minutes=\"15\",unit=\"cores\"} \(expected.horizons[1].value)"))
        #expect(text.contains("autoscale_recommended_replicas{container=\"web\"} \(Double(replicas))"))
        #expect(text.contains("autoscale_model_version{metric=\"cpu\",model=\"autoscale-cpu\",alias=\"production\"} 1.0"))
        #expect(text.contains("autoscale_forecast_stale{container=\"web\"} 0.0"))
        #expect(text.contains("autoscale_models_ready 1.0"))
        #expect(text.contains("autoscale_http_requests_total{route=\"/healthz\",status=\"200\"} 1"))
        #expect(text.contains("autoscale_http_request_duration_seconds_bucket{route=\"/v1/forecast\",le=\"+Inf\"} 1"))

        try await server.stop()
    }

    @Test func predictOneMetricAndSeveral() async throws {
        let server = try await RunningServer(fixture.settings())
        let one = try await HTTP.post(server.url + "/v1/predict",
                                      json: ["container": "web", "metric": "cpu", "history": HTTP.history(cpu), "horizons": [5, 10]])
        #expect(one.status == 200, "\(one.text)")
        let expected = try Predictor(store: ModelStore(tracker: try Registry.openForReading(fixture.location)))
            .predict(history: cpu, metric: "cpu", container: "web", horizons: [5, 10])
        let forecast = try #require((try one.json()["forecasts"] as? [[String: Any]])?.first)
        #expect((forecast["horizons"] as? [[String: Any]])?.map { $0["value"] as? Double } == expected.horizons.map(\.value))
        #expect(forecast["version"] as? Int == 1)
        #expect(forecast["kind"] as? String == "arima")

        let several = try await HTTP.post(server.url + "/v1/predict", json: [
            "container": "web",
            "metrics": ["cpu": HTTP.history(cpu), "memory": HTTP.history(memory), "disk_reads": HTTP.history(memory)],
        ])
        #expect(several.status == 200, "\(several.text)")
        let body = try several.json()
        #expect((body["forecasts"] as? [[String: Any]])?.map { $0["metric"] as? String } == ["cpu", "memory"])
        #expect((body["skipped"] as? [String: String])?.keys.sorted() == ["disk_reads"])
        // naive: every horizon is the last value.
        let memoryForecast = try #require((body["forecasts"] as? [[String: Any]])?.last?["horizons"] as? [[String: Any]])
        #expect(memoryForecast.allSatisfy { $0["value"] as? Double == memory.values.last })
        try await server.stop()
    }

    /// Each bad input: its status and the field the JSON error names.
    @Test func badInputsNameTheField() async throws {
        let server = try await RunningServer(fixture.settings(limits: ServeLimits(maxBodyBytes: 64 * 1024)))
        let predict = server.url + "/v1/predict"
        let good = HTTP.history(cpu)
        func check(_ body: Any, _ status: Int, _ field: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let answer = try await HTTP.post(predict, json: body)
            #expect(answer.status == status, "\(answer.text)", sourceLocation: sourceLocation)
            #expect(try answer.field() == field, "\(answer.text)", sourceLocation: sourceLocation)
            #expect((try answer.json()["error"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        }
        // Oversized: 413 before decoding.
        let big = Series60.cpu(5000)
        try await check(["container": "web", "metric": "cpu", "history": HTTP.history(big)], 413, "body")
        // Malformed.
        let broken = try await HTTP.post(predict, body: Data("{\"container\": \"web\", ".utf8))
        #expect(broken.status == 400)
        #expect(try broken.field() == "body")
        try await check(["container": "web", "metric": "cpu", "history": ["timestamps": cpu.timestamps, "values": "x"]], 400, "history.values")
        try await check(["container": "web", "metric": "cpu", "history": ["timestamps": [1, 2]]], 400, "history.values")
        try await check(["metric": "cpu", "history": good], 400, "container")
        try await check(["container": "", "metric": "cpu", "history": good], 400, "container")
        try await check(["container": "web", "metric": "cpu", "history": good, "extra": 1], 400, "extra")
        try await check(["container": "web", "history": good], 400, "metric")
        try await check(["container": "web"], 400, "history")
        try await check(["container": "web", "metric": "cpu", "history": good, "metrics": ["cpu": good]], 400, "metrics")
        // Out of range.
        try await check(["container": "web", "metric": "cpu", "history": ["timestamps": [1.0, 2.0, 3.0], "values": [1.0, 2.0]]], 422, "history.values")
        try await check(["container": "web", "metric": "cpu", "history": ["timestamps": [60.0, 120.0, 120.0], "values": [1.0, 2.0, 3.0]]],
                        422, "history.timestamps[2]")
        try await check(["container": "web", "metric": "cpu", "history": good, "horizons": [5, 0]], 422, "horizons[1]")
        try await check(["container": "web", "metric": "cpu", "history": good, "horizons": [5000]], 422, "horizons[0]")
        try await check(["container": "web", "metric": "cpu", "history": good, "horizons": [7.5]], 422, "horizons")
        try await check(["container": "web", "metric": "cpu", "history": ["timestamps": [Series60.start], "values": [1.0]]], 422, "history.values")
        try await check(["container": "web", "metric": "cpu", "history": HTTP.history(Series60.cpu(100, interval: 30))], 422,
                        "history.timestamps")
        try await check(["container": "web", "metrics": ["cpu": ["timestamps": [1.0], "values": []]]], 422, "metrics.cpu.values")
        // No model for the metric.
        try await check(["container": "web", "metric": "gpu", "history": good], 404, "metric")
        try await check(["container": "web", "metric": "c p u", "history": good], 400, "metric")

        // Query parameters, routes and methods.
        let noContainer = try await HTTP.get(server.url + "/v1/forecast")
        #expect(noContainer.status == 400)
        #expect(try noContainer.field() == "container")
        let unknown = try await HTTP.get(server.url + "/v1/recommendation?container=nope")
        #expect(unknown.status == 404)
        #expect(try unknown.field() == "container")
        let method = try await HTTP.get(predict)
        #expect(method.status == 405)
        #expect(try method.field() == "method")
        let route = try await HTTP.get(server.url + "/v2/nothing")
        #expect(route.status == 404)
        #expect(try route.field() == "path")

        let metrics = try await HTTP.get(server.url + "/metrics")
        #expect(metrics.text.contains("autoscale_http_requests_total{route=\"/v1/predict\",status=\"413\"} 1"))
        #expect(metrics.text.contains("autoscale_http_requests_total{route=\"/v1/predict\",status=\"422\"}"))
        try await server.stop()
    }

    @Test func notReadyWithoutModels() async throws {
        let empty = try ServingFixture()
        let server = try await RunningServer(empty.settings())
        let ready = try await HTTP.get(server.url + "/readyz")
        #expect(ready.status == 503)
        #expect(try ready.json()["ready"] as? Bool == false)
        #expect((try await HTTP.get(server.url + "/healthz")).status == 200)
        let metrics = try await HTTP.get(server.url + "/metrics")
        #expect(metrics.text.contains("autoscale_models_ready 0.0"))
        try await server.stop()
    }
}
