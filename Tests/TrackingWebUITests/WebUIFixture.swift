import Foundation
import Tracking
@testable import TrackingWebUI

/// A small in-memory registry with what the pages show: two runs of one experiment with params,
/// per-epoch losses (one NaN, one +inf), per-horizon metrics, an artifact, a parent, and a model
/// with two versions and `production` on v1; plus a run named `<script>…`.
struct WebUIFixture {
    let registry: Registry
    let parent: RunID
    let first: RunID
    let second: RunID
    let hostile: RunID

    static let hostileName = "<script>alert('x')</script>"
    static let csrf = "0123456789abcdef0123456789abcdef"

    /// The fixture in a private in-memory registry.
    init() throws {
        try self.init(registry: Registry.inMemory(clock: SteppingClock(start: 1_780_000_000), ids: SeededRunIDGenerator(seed: 7)))
    }

    /// The fixture written into `registry` (a file registry for the browser test).
    init(registry: Registry) throws {
        self.registry = registry
        parent = try registry.createRun(RunSpec(experiment: "demo", name: "pipeline", tags: ["spec_hash": "abc123", "data_hash": "def456"]))
        first = try registry.createRun(RunSpec(experiment: "demo", name: "lstm-a", parent: parent))
        second = try registry.createRun(RunSpec(experiment: "demo", name: "lstm-b", parent: parent))
        hostile = try registry.createRun(RunSpec(experiment: "demo", name: Self.hostileName))
        for (run, rate, loss) in [(first, "0.01", [1.0, 0.5, .nan, 0.25]), (second, "0.1", [2.0, .infinity, 1.0, 0.75])] {
            try registry.logBatch(run: run, params: ["learning_rate": rate, "model": "lstm"],
                                  metrics: loss.enumerated().map { MetricPoint(key: "train_loss", value: $1, step: Int64($0)) }
                                      + [MetricPoint(key: "mae_5m", value: 0.1), MetricPoint(key: "mae_15m", value: 0.2), MetricPoint(key: "mae_30m", value: 0.3)],
                                  tags: ["spec_hash": "abc123"])
            _ = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: Data("{\"run\":\"\(run)\"}".utf8))
        }
        try registry.logParam(run: hostile, key: "note", value: "<img src=x onerror=alert(1)>")
        _ = try registry.promote(run: first, model: "cpu", artifact: nil, alias: "production", reason: "first")
        _ = try registry.promote(run: second, model: "cpu", artifact: nil, alias: nil, reason: nil)
    }

    func ui(token: String? = nil, readOnly: Bool = false) -> WebUI {
        WebUI(registry: registry, settings: WebUISettings(token: token, readOnly: readOnly, csrfToken: Self.csrf))
    }
}
