import Foundation
import Serving
import ServingHTTP
import Testing

/// A running server picks up a moved alias without a restart, and keeps serving the
/// previous model when the new version's artifact is corrupted on disk.
@Suite(.serialized) struct ModelReloadTests {
    let cpu = Series60.cpu(300)

    func predictVersion(_ server: RunningServer) async throws -> (status: Int, version: Int?, kind: String?) {
        let answer = try await HTTP.post(server.url + "/v1/predict", json: ["container": "web", "metric": "cpu", "history": HTTP.history(cpu)])
        let forecast = (try answer.json()["forecasts"] as? [[String: Any]])?.first
        return (answer.status, forecast?["version"] as? Int, forecast?["kind"] as? String)
    }

    @Test func movedAliasIsServedWithoutRestart() async throws {
        let fixture = try ServingFixture()
        try fixture.promote(try Series60.artifact(.arima, on: cpu), model: "autoscale-cpu")
        let path = try fixture.csv(container: "web", ["cpu": cpu])
        let server = try await RunningServer(fixture.settings(source: .csv(path: path), reloadSeconds: 0.2))
        #expect(try await predictVersion(server) == (200, 1, "arima"))

        try fixture.promote(try Series60.artifact(.naive, on: cpu), model: "autoscale-cpu")
        try await HTTP.waitUntil("version 2 to serve") { try await predictVersion(server).version == 2 }
        #expect(try await predictVersion(server) == (200, 2, "naive"))
        // The CSV source's forecasts were redone with the new model.
        try await HTTP.waitUntil("/v1/forecast to use version 2") {
            let body = try await HTTP.get(server.url + "/v1/forecast?container=web").json()
            return (body["forecasts"] as? [[String: Any]])?.first?["version"] as? Int == 2
        }
        let metrics = try await HTTP.get(server.url + "/metrics").text
        #expect(metrics.contains("autoscale_model_version{metric=\"cpu\",model=\"autoscale-cpu\",alias=\"production\"} 2.0"))
        #expect(server.log.all.contains { $0.contains("autoscale-cpu@production: version 1 → 2") })
        try await server.stop()
    }

    @Test func corruptedArtifactKeepsThePreviousModel() async throws {
        let fixture = try ServingFixture()
        try fixture.promote(try Series60.artifact(.arima, on: cpu), model: "autoscale-cpu")
        let server = try await RunningServer(fixture.settings(reloadSeconds: 0.2))
        #expect(try await predictVersion(server) == (200, 1, "arima"))

        // Version 2's file is damaged between logging and promotion, so the server never sees it whole.
        try fixture.promote(try Series60.artifact(.naive, on: cpu), model: "autoscale-cpu") { file in
            var bytes = try Data(contentsOf: file)
            bytes[bytes.count / 2] ^= 0x20
            try bytes.write(to: file)
        }
        try await HTTP.waitUntil("/readyz to report the failed reload") {
            let models = try await HTTP.get(server.url + "/readyz").json()["models"] as? [[String: Any]]
            return models?.first { $0["metric"] as? String == "cpu" }?["state"] as? String == "kept_previous"
        }
        let ready = try await HTTP.get(server.url + "/readyz")
        #expect(ready.status == 200)
        let cpuModel = try #require((try ready.json()["models"] as? [[String: Any]])?.first { $0["metric"] as? String == "cpu" })
        #expect(cpuModel["version"] as? Int == 1)
        #expect((cpuModel["problem"] as? String)?.contains("sha256") == true)
        #expect(try await predictVersion(server) == (200, 1, "arima"))
        let metrics = try await HTTP.get(server.url + "/metrics").text
        #expect(metrics.contains("autoscale_model_reload_failed{metric=\"cpu\",model=\"autoscale-cpu\",alias=\"production\"} 1.0"))
        #expect(metrics.contains("autoscale_model_version{metric=\"cpu\",model=\"autoscale-cpu\",alias=\"production\"} 1.0"))
        try await server.stop()
    }
}
