import Foundation
import Tracking

/// What the runs table shows, read from its query string: `experiment`, `filter` (the `runs
/// list` language), `order` (`metrics.mae_15m desc`), `columns` (comma-separated
/// `params.*` / `metrics.*` / `tags.*` keys) and `page` (1-based), `size` (runs per page).
struct RunsTableQuery: Equatable {
    var experiment: String?
    var filter: String?
    var order: String?
    var columns: [String]
    var page: Int
    var size: Int

    static let defaultSize = 50
    static let maxSize = 500
    /// Columns shown when none are chosen: the page's first few params and metrics by name.
    static let defaultColumnCount = (params: 4, metrics: 6)

    init(experiment: String? = nil, filter: String? = nil, order: String? = nil, columns: [String] = [], page: Int = 1,
         size: Int = RunsTableQuery.defaultSize) {
        self.experiment = experiment
        self.filter = filter
        self.order = order
        self.columns = columns
        self.page = page
        self.size = size
    }

    init(_ fields: FormFields) {
        self.init(
            experiment: fields["experiment"], filter: fields["filter"], order: fields["order"],
            columns: (fields["columns"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            page: max(1, fields["page"].flatMap { Int($0) } ?? 1),
            size: min(Self.maxSize, max(1, fields["size"].flatMap { Int($0) } ?? Self.defaultSize)))
    }

    var search: RunSearch { RunSearch(experiment: experiment, filter: filter, orderBy: order, details: true) }
    var offset: Int { (page - 1) * size }

    /// This query's URL with some fields changed (nil removes one).
    func url(page: Int? = nil, order: String?? = nil) -> String {
        let chosenOrder = order ?? self.order
        let fields: [(String, String?)] = [
            ("experiment", experiment), ("filter", filter), ("order", chosenOrder),
            ("columns", columns.isEmpty ? nil : columns.joined(separator: ",")),
            ("size", size == Self.defaultSize ? nil : String(size)), ("page", (page ?? self.page) == 1 ? nil : String(page ?? self.page)),
        ]
        let encoded = FormFields.encode(fields)
        return encoded.isEmpty ? "/runs" : "/runs?" + encoded
    }

    /// The ordering a column header links to: ascending first, descending when already ascending.
    func orderLink(for key: String) -> (url: String, mark: String) {
        let current = order?.lowercased().trimmingCharacters(in: .whitespaces)
        if current == key.lowercased() || current == key.lowercased() + " asc" {
            return (url(page: 1, order: .some(key + " desc")), " ▲")
        }
        if current == key.lowercased() + " desc" { return (url(page: 1, order: .some(key)), " ▼") }
        return (url(page: 1, order: .some(key)), "")
    }
}
