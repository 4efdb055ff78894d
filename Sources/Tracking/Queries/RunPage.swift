import GRDB

/// One page of a run search, for tables that page through many runs (the web UI's runs table).
public struct RunPage: Codable, Sendable, Equatable {
    /// The page's runs in the search's order (at most the page size).
    public var list: RunList
    /// How many runs the search selects in all (capped by a `limit` in the filter).
    public var total: Int
    /// How many runs of the ordering come before this page.
    public var offset: Int
}

extension Registry {
    /// Runs `offset ..< offset + size` (a negative offset counts as 0, a size below 1 as 1) of `search` (its own `limit` is replaced by `size`) and
    /// the number of runs it selects. `LIMIT ? OFFSET ?` over the search's ordering, which ends in
    /// `start_time DESC, id` and so is total: consecutive pages neither repeat nor skip a run.
    /// The default ordering walks the `runs_by_start` index; the count is one `count(*)` over the
    /// same joins and conditions (bound parameters, as every search).
    public func searchRuns(_ search: RunSearch, offset: Int, size: Int) throws -> RunPage {
        let offset = max(0, offset), size = max(1, size)
        // `search.limit` wins over a `limit N` in the filter, as in `searchRuns`.
        let cap = try search.limit ?? search.filter.flatMap { try FilterParser.parse($0).limit }
        var paged = search
        paged.limit = max(0, min(size, (cap ?? Int.max) - offset))
        let (list, total) = try searchRuns(paged, page: (offset, true))
        return RunPage(list: list, total: min(total ?? 0, cap ?? Int.max), offset: offset)
    }
}
