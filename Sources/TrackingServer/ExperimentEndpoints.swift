import Foundation
import Tracking

/// experiments/create, get, get-by-name, search, update, delete, restore.
extension MLflowService {
    func createExperiment(_ request: MLflowRequest) throws -> [String: Any] {
        let name = try request.required("name")
        if try !registry.experimentKeys(name: name).isEmpty {
            throw MLflowError.exists("Experiment '\(name)' already exists.")
        }
        return ["experiment_id": String(try registry.createExperiment(name).id)]
    }

    func getExperiment(_ request: MLflowRequest) throws -> [String: Any] {
        ["experiment": MLflowEncoding.experiment(try experiment(id: try request.required("experiment_id")))]
    }

    func getExperimentByName(_ request: MLflowRequest) throws -> [String: Any] {
        let name = try request.required("experiment_name")
        guard let info = try registry.experimentInfo(name: name) else {
            throw MLflowError.notFound("Could not find experiment with name '\(name)'.")
        }
        return ["experiment": MLflowEncoding.experiment(info)]
    }

    /// view_type ACTIVE_ONLY (default), DELETED_ONLY or ALL; filter `name = '…'` or `name LIKE '…'`;
    /// newest first; max_results with an offset page_token.
    func searchExperiments(_ request: MLflowRequest) throws -> [String: Any] {
        let view = request.string("view_type") ?? "ACTIVE_ONLY"
        var infos = try registry.experimentInfos(includeDeleted: view != "ACTIVE_ONLY")
        if view == "DELETED_ONLY" { infos = infos.filter { $0.deleted != nil } }
        if let filter = request.string("filter"), !filter.trimmingCharacters(in: .whitespaces).isEmpty {
            let match = try ExperimentNameFilter(filter)
            infos = infos.filter { match.accepts($0.name) }
        }
        infos.sort { ($0.created, $0.id) > ($1.created, $1.id) }
        let page = try Page(request, defaultSize: 1000)
        let (items, next) = page.slice(infos)
        var response: [String: Any] = ["experiments": items.map(MLflowEncoding.experiment)]
        if let next { response["next_page_token"] = next }
        return response
    }

    func updateExperiment(_ request: MLflowRequest) throws -> [String: Any] {
        let info = try experimentKey(id: try request.required("experiment_id"))
        if let name = request.string("new_name") { try registry.renameExperiment(id: info.id, to: name) }
        return [:]
    }

    func setExperimentDeleted(_ request: MLflowRequest, _ deleted: Bool) throws -> [String: Any] {
        try registry.setExperimentDeleted(id: try experimentKey(id: try request.required("experiment_id")).id, deleted)
        return [:]
    }
}

/// The experiment filters MLflow clients send: `name = 'x'`, `name != 'x'`, `name LIKE 'x%'`, `name ILIKE …`.
struct ExperimentNameFilter {
    let operation: String
    let value: String

    init(_ text: String) throws {
        let pattern = #"^\s*(?:attributes\.)?name\s*(=|!=|LIKE|ILIKE)\s*'([^']*)'\s*$"#
        let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let op = Range(match.range(at: 1), in: text), let value = Range(match.range(at: 2), in: text) else {
            throw MLflowError.invalid("Experiment filter '\(text)' is not supported; use name = '…', name != '…', name LIKE '…' or name ILIKE '…'.")
        }
        self.operation = text[op].uppercased()
        self.value = String(text[value])
    }

    func accepts(_ name: String) -> Bool {
        switch operation {
        case "=": return name == value
        case "!=": return name != value
        case "LIKE": return Self.like(name, value, caseInsensitive: false)
        default: return Self.like(name, value, caseInsensitive: true)
        }
    }

    /// SQL LIKE: `%` any run of characters, `_` one character. Dynamic programming over
    /// (text position, pattern position): `matches[t]` says whether text[t...] matches
    /// pattern[p...], filled from the pattern's end; O(|text| · |pattern|) whatever the `%`s.
    static func like(_ text: String, _ pattern: String, caseInsensitive: Bool) -> Bool {
        let text = Array(caseInsensitive ? text.lowercased() : text)
        let pattern = Array(caseInsensitive ? pattern.lowercased() : pattern)
        var matches = [Bool](repeating: false, count: text.count + 1)
        matches[text.count] = true
        for p in pattern.indices.reversed() {
            var next = [Bool](repeating: false, count: text.count + 1)
            for t in (0...text.count).reversed() {
                switch pattern[p] {
                case "%": next[t] = matches[t] || (t < text.count && next[t + 1])
                case "_": next[t] = t < text.count && matches[t + 1]
                default: next[t] = t < text.count && text[t] == pattern[p] && matches[t + 1]
                }
            }
            matches = next
        }
        return matches[0]
    }
}

/// Offset paging: `page_token` is the decimal offset of the page's first item.
struct Page {
    let offset: Int
    let size: Int

    init(_ request: MLflowRequest, defaultSize: Int) throws {
        let size = try request.int("max_results").map(Int.init) ?? defaultSize
        guard size > 0 else { throw MLflowError.invalid("max_results must be positive, got \(size).") }
        let token = request.string("page_token") ?? ""
        guard token.isEmpty || Int(token).map({ $0 >= 0 }) == true else {
            throw MLflowError.invalid("page_token '\(token)' is not one this server issued.")
        }
        self.offset = Int(token) ?? 0
        self.size = size
    }

    func slice<T>(_ items: [T]) -> ([T], String?) {
        guard offset < items.count else { return ([], nil) }
        let end = min(items.count, offset + size)
        return (Array(items[offset..<end]), end < items.count ? String(end) : nil)
    }
}
