import Foundation
import Ingest

/// The cache-key parameters of an `ingest: {prometheus: …}` stage (docs/formats/prometheus.md):
/// the URL, the container, every metric's PromQL as it will be sent, and the absolute
/// range resolved at `now`. With `since:` the range ends at now rounded down to the step,
/// so a rerun within the same step reuses the cached series and any later run fetches
/// again (the data moved on); with `start:`/`end:` the key never changes, as the data
/// should not (re-run with `--force` after backfilling).
enum PrometheusFingerprint {
    static func parameters(_ source: PrometheusSource, now: Double) throws -> [String: String] {
        let fetch = source.fetch
        let range = try fetch.range(now: now)
        var parameters = [
            "prometheus.url": fetch.url, "prometheus.container": fetch.container,
            "prometheus.start": "\(range.start)", "prometheus.end": "\(range.end)", "prometheus.step": "\(range.step)",
        ]
        for metric in fetch.metrics {
            parameters["prometheus.query.\(metric.rawValue)"] = fetch.queries.query(metric, container: fetch.container, step: fetch.step)
        }
        return parameters
    }
}
