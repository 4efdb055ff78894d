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
    /// Runs `offset ..< offset + size` of `search` (a negative offset counts as 0, a size below 1
    /// as 1) and the number of runs it selects; `search.limit` (or a `limit N` in the filter) caps
    /// that number, as it caps `searchRuns`. `LIMIT ? OFFSET ?` over the search's ordering, which
    /// ends in `start_time DESC, id` and so is total: consecutive pages neither repeat nor skip a
    /// run. Pages past the middle are read from the end in the reversed ordering. The count is one
    /// `count(*)` over the filter's joins and conditions (bound parameters, as every search), in
    /// the same read transaction as the page.
    public func searchRuns(_ search: RunSearch, offset: Int, size: Int) throws -> RunPage {
        let offset = max(0, offset)
        let (list, total) = try searchRuns(search, page: (offset, max(1, size)))
        return RunPage(list: list, total: total ?? 0, offset: offset)
    }
}
