import Foundation
@testable import ServingHTTP
import TestSupport
import Testing
import Yams

/// deploy/*.yaml parse as YAML and agree with what `autoscale serve` does by default:
/// the port, the routes, KEDA's valueLocation and the exported metric's name.
@Suite struct DeployManifestTests {
    func documents(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: RealData.packageRoot.appendingPathComponent("deploy/\(name)"), encoding: .utf8)
        return try Yams.load_all(yaml: text).map { try #require($0 as? [String: Any], "\(name): every document is a mapping") }
    }

    func value(_ object: Any?, _ path: String...) -> Any? {
        var current = object
        for key in path {
            if let index = Int(key), let list = current as? [Any] { current = index < list.count ? list[index] : nil }
            else { current = (current as? [String: Any])?[key] }
        }
        return current
    }

    @Test func deploymentRunsServeOnTheDefaultPort() throws {
        let docs = try documents("deployment.yaml")
        let deployment = try #require(docs.first { $0["kind"] as? String == "Deployment" })
        let container = value(deployment, "spec", "template", "spec", "containers", "0")
        let args = try #require(value(container, "args") as? [String])
        #expect(args.first == "serve")
        #expect(args.contains("--port=\(ServeSettings.defaultPort)"))
        #expect(args.contains { $0.hasPrefix("--prometheus=http") })
        #expect(value(container, "ports", "0", "containerPort") as? Int == ServeSettings.defaultPort)
        #expect(value(container, "readinessProbe", "httpGet", "path") as? String == "/readyz")
        #expect(value(container, "livenessProbe", "httpGet", "path") as? String == "/healthz")
        let service = try #require(docs.first { $0["kind"] as? String == "Service" })
        #expect(value(service, "spec", "ports", "0", "port") as? Int == ServeSettings.defaultPort)
        #expect(ServingResponder.routes["/readyz"] != nil && ServingResponder.routes["/healthz"] != nil)
    }

    @Test func kedaReadsTheRecommendation() throws {
        let object = try #require(try documents("keda-scaledobject.yaml").first)
        #expect(object["kind"] as? String == "ScaledObject")
        let trigger = value(object, "spec", "triggers", "0")
        #expect(value(trigger, "type") as? String == "metrics-api")
        #expect(value(trigger, "metadata", "valueLocation") as? String == RecommendationResponse.valueLocation)
        let text = try #require(value(trigger, "metadata", "url") as? String)
        let url = try #require(URL(string: text))
        #expect(url.port == ServeSettings.defaultPort)
        #expect(url.path == "/v1/recommendation")
        #expect(ServingResponder.routes[url.path] == .get)
        #expect(url.query == "container=web")
    }

    @Test func hpaUsesTheExportedGauge() throws {
        let hpa = try #require(try documents("hpa-external.yaml").first)
        #expect(hpa["kind"] as? String == "HorizontalPodAutoscaler")
        let metric = value(hpa, "spec", "metrics", "0", "external", "metric", "name") as? String
        #expect(metric == "autoscale_recommended_replicas")
        #expect(ServingMetrics.recommendedReplicas == metric)
    }
}
