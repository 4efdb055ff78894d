import GRDB

/// One page of a run search, for tables that page through many runs (the web UI's runs table).
public struct RunPage: Codable, Sendable, Equatable {
    /// The page's runs in the search's order (at most the page size).
    public var list: RunList
    /// How many runs the search selects in all (capped by a `limit` in the filter); when
    /// `totalIsExact` is false, only that more than this many do (the count's cap).
    public var total: Int
    /// False when a filtered search matched more runs than the count's cap and counting stopped there.
    public var totalIsExact: Bool
    /// How many runs of the ordering come before this page.
    public var offset: Int

    /// A filtered search counts at most this many matches (and one more, to know there are more).
    public static let countCap = 1_000
}

extension Registry {
    /// Runs `offset ..< offset + size` of `search` (a negative offset counts as 0, a size below 1
    /// as 1) and how many runs it selects; `search.limit` (or a `limit N` in the filter) caps that
    /// number, as it caps `searchRuns`. `LIMIT ? OFFSET ?` over the search's ordering, which ends
    /// in `start_time DESC, id` and so is total: consecutive pages neither repeat nor skip a run.
    /// The count (exact without a filter, else up to `countCap`, then `totalIsExact` is false) is read in the same transaction as
    /// the page, with the filter's bound parameters; with an exact count, pages past the middle are
    /// read from the end in the reversed ordering.
    public func searchRuns(_ search: RunSearch, offset: Int, size: Int, countCap: Int = RunPage.countCap) throws -> RunPage {
        let offset = max(0, offset)
        let (list, count) = try searchRuns(search, page: (offset, max(1, size), max(1, countCap)))
        return RunPage(list: list, total: count?.total ?? 0, totalIsExact: count?.exact ?? true, offset: offset)
    }
}
