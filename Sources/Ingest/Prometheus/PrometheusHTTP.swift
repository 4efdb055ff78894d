import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One GET of Prometheus's HTTP API, with the retry schedule of `PrometheusRetry`:
/// connection errors, timeouts and HTTP 5xx are retried after a backoff (slept through the
/// injected `sleep`); a 4xx answer is Prometheus refusing the query and is reported at once.
struct PrometheusHTTP: Sendable {
    let session: URLSession
    let settings: PrometheusClientSettings
    let sleep: @Sendable (Double) -> Void

    /// The body of a 2xx answer to `url`; `query` names the PromQL in errors.
    func get(_ url: URL, query: String) throws(IngestError) -> Data {
        var lastReason = ""
        for attempt in 1...settings.retry.attempts {
            if attempt > 1 { sleep(settings.retry.backoff(afterAttempt: attempt - 1)) }
            switch once(url) {
            case .failure(let reason):
                lastReason = reason
            case .success(let status, let body):
                if (200..<300).contains(status) { return body }
                if let apiError = PrometheusResponse.apiError(body), (400..<500).contains(status) {
                    throw .prometheusQueryRejected(query: query, status: status, errorType: apiError.errorType, message: apiError.message)
                }
                if (400..<500).contains(status) {
                    throw .prometheusBadResponse(url: url.absoluteString, reason: "HTTP \(status) without Prometheus's error JSON")
                }
                lastReason = "HTTP \(status)" + (PrometheusResponse.apiError(body).map { ": \($0.message)" } ?? "")
            }
        }
        throw .prometheusUnreachable(url: url.absoluteString, attempts: settings.retry.attempts, reason: lastReason)
    }

    private enum Outcome: Sendable {
        case success(status: Int, body: Data)
        case failure(String)
    }

    /// One request, waited for (the session's delegate queue answers; this thread blocks).
    private func once(_ url: URL) -> Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: settings.timeout)
        request.httpMethod = "GET"
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let box = OutcomeBox()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                box.set(.failure(error.localizedDescription))
            } else if let http = response as? HTTPURLResponse {
                box.set(.success(status: http.statusCode, body: data ?? Data()))
            } else {
                box.set(.failure("no HTTP response"))
            }
            done.signal()
        }
        task.resume()
        done.wait()
        return box.get()
    }

    /// The completion handler's answer, handed across threads under a lock.
    private final class OutcomeBox: @unchecked Sendable {
        private let lock = NSLock()
        private var outcome: Outcome = .failure("no answer")

        func set(_ value: Outcome) {
            lock.lock()
            outcome = value
            lock.unlock()
        }

        func get() -> Outcome {
            lock.lock()
            defer { lock.unlock() }
            return outcome
        }
    }
}
