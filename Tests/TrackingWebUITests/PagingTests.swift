import Testing
import Tracking
@testable import TrackingWebUI

@Suite("Web UI: paging the runs table")
struct PagingTests {
    /// 1,050 runs, one per second; `score` = run index, `params.group` = index mod 3, and `tie` =
    /// index ÷ 10 (rounded down: ten runs share each value) on three runs of four (missing on the fourth);
    /// `sparse` on one run of five (210 runs; NaN on a third of them, else index mod 7 − 3).
    static func registry() throws -> (Registry, [RunID]) {
        let registry = try Registry.inMemory(clock: SteppingClock(start: 1_780_000_000), ids: SeededRunIDGenerator(seed: 11))
        var runs: [RunID] = []
        for index in 0..<1050 {
            let run = try registry.createRun(RunSpec(experiment: "many", name: "run-\(index)"))
            var metrics = [MetricPoint(key: "score", value: Double(index))]
            if index % 4 != 0 { metrics.append(MetricPoint(key: "tie", value: Double(index / 10))) }
            if index % 5 == 0 { metrics.append(MetricPoint(key: "sparse", value: index % 3 == 0 ? .nan : Double(index % 7) - 3)) }
            try registry.logBatch(run: run, params: ["group": String(index % 3)], metrics: metrics, tags: [:])
            runs.append(run)
        }
        return (registry, runs)
    }

    @Test("consecutive pages cover every run once, newest first, with the total")
    func pagesCoverAll() throws {
        let (registry, runs) = try Self.registry()
        var seen: [RunID] = []
        for page in 0..<11 {
            let result = try registry.searchRuns(RunSearch(experiment: "many"), offset: page * 100, size: 100)
            #expect(result.total == 1050)
            #expect(result.list.runs.count == (page == 10 ? 50 : 100))
            seen += result.list.runs.map(\.id)
        }
        #expect(seen == Array(runs.reversed()))
    }

    @Test("pages read from a metric's index, or from the end past the middle, give the same runs as the unpaged search, ties, NaN and missing values included",
          arguments: ["metrics.tie", "metrics.tie desc", "params.group desc, metrics.tie", "metrics.sparse", "metrics.sparse desc, metrics.tie",
                      "metrics.sparse desc, params.group"])
    func reversedPages(order: String) throws {
        let (registry, _) = try Self.registry()
        let search = RunSearch(experiment: "many", orderBy: order)
        let unpaged = try registry.searchRuns(search).runs.map(\.id)
        var paged: [RunID] = []
        for offset in stride(from: 0, to: 1050, by: 64) {
            paged += try registry.searchRuns(search, offset: offset, size: 64).list.runs.map(\.id)
        }
        #expect(unpaged.count == 1050)
        #expect(paged == unpaged)
    }

    @Test("paging keeps the filter, the ordering and a limit in the filter")
    func filterOrderLimit() throws {
        let (registry, _) = try Self.registry()
        let search = RunSearch(experiment: "many", filter: "params.group = '1' and metrics.score < 600", orderBy: "metrics.score desc")
        let second = try registry.searchRuns(search, offset: 100, size: 100)
        #expect(second.total == 200)   // 1, 4, …, 598
        #expect(second.list.runs.first?.metrics["score"] == 298)
        #expect(second.list.runs.last?.metrics["score"] == 1)
        let capped = try registry.searchRuns(RunSearch(experiment: "many", filter: "metrics.score >= 0 limit 130"), offset: 100, size: 100)
        #expect(capped.total == 130)
        #expect(capped.list.runs.count == 30)
        let beyond = try registry.searchRuns(RunSearch(experiment: "many"), offset: 5000, size: 100)
        #expect(beyond.total == 1050 && beyond.list.runs.isEmpty)
    }

    @Test("a filtered count stops at the cap: the total is a lower bound, pages still follow the ordering, no last page")
    func cappedCount() throws {
        let (registry, _) = try Self.registry()
        let search = RunSearch(experiment: "many", filter: "metrics.score >= 10", orderBy: "metrics.score")
        let unpaged = try registry.searchRuns(search).runs.map(\.id)
        let first = try registry.searchRuns(search, offset: 0, size: 64, countCap: 100)
        #expect(first.total == 101 && !first.totalIsExact)
        let deep = try registry.searchRuns(search, offset: 640, size: 64, countCap: 100)
        #expect(deep.list.runs.map(\.id) == Array(unpaged[640..<704]))
        #expect(deep.list.runs.first?.metrics["score"] == 650)
        let exact = try registry.searchRuns(search, offset: 0, size: 64, countCap: 2000)
        #expect(exact.total == 1040 && exact.totalIsExact)

        let query = RunsTableQuery(experiment: "many", filter: "metrics.score >= 10", page: 11, size: 64)
        let pager = RunsPage.pager(query: query, page: deep).text
        #expect(pager.contains("Runs 641–704 of more than <span class=\"total\">100</span> · page 11 "))
        #expect(pager.contains("rel=\"next\""))
        #expect(pager.contains("<span class=\"missing\">last »</span>"))
    }

    @Test("the runs page shows its slice, the total and links to the neighbouring pages")
    func runsPage() throws {
        let (registry, runs) = try Self.registry()
        let ui = WebUI(registry: registry, settings: WebUISettings(token: nil, readOnly: false, csrfToken: "c"))
        let response = ui.respond(to: WebRequest(path: "/runs", query: "experiment=many&size=100&page=3&columns=metrics.score,params.group"))
        #expect(response.status == 200)
        let text = response.text
        #expect(text.contains("Runs 201–300 of <span class=\"total\">1050</span> · page 3 of 11"))
        #expect(text.contains("rel=\"next\" href=\"/runs?experiment=many&amp;columns=metrics.score%2Cparams.group&amp;size=100&amp;page=4\""))
        #expect(text.contains("rel=\"prev\" href=\"/runs?experiment=many&amp;columns=metrics.score%2Cparams.group&amp;size=100&amp;page=2\""))
        #expect(text.components(separatedBy: "<input type=\"checkbox\" name=\"run\"").count - 1 == 100)
        #expect(text.contains("value=\"\(runs[849].rawValue)\""))   // newest first: page 3 starts at index 1050 − 201
        #expect(!text.contains("value=\"\(runs[850].rawValue)\""))
        #expect(text.contains("<a href=\"/runs?experiment=many&amp;order=metrics.score&amp;columns=metrics.score%2Cparams.group&amp;size=100\">metrics.score</a>"))
    }

    @Test("a bad filter answers 400 with the parser's message and keeps the filter in the box")
    func badFilter() throws {
        let (registry, _) = try Self.registry()
        let ui = WebUI(registry: registry, settings: WebUISettings(token: nil, readOnly: false, csrfToken: "c"))
        let response = ui.respond(to: WebRequest(path: "/runs", query: "filter=metrics.scor+%3C+3"))
        #expect(response.status == 400)
        #expect(response.text.contains("metrics.score"))   // the closest existing key
        #expect(response.text.contains("value=\"metrics.scor &lt; 3\""))
    }
}
