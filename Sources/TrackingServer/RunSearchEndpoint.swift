import Foundation
import Tracking

/// runs/search: MLflow's filter syntax (our language, a superset with `or` and parentheses),
/// `order_by` terms, `run_view_type`, `max_results` and offset `page_token`s.
extension MLflowService {
    func searchRuns(_ request: MLflowRequest) throws -> [String: Any] {
        let experiments = try request.strings("experiment_ids").map { try experimentKey(id: $0) }
        var filter = MLflowFilter.translate(request.string("filter") ?? "")
        if experiments.count > 1 {
            let names = experiments.map { "'" + $0.name.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
            let membership = "attributes.experiment in (\(names))"
            filter = filter.isEmpty ? membership : "(\(filter)) and \(membership)"
        }
        let order = request.strings("order_by").map(MLflowFilter.translate).joined(separator: ", ")
        let page = try Page(request, defaultSize: 1000)
        let deletion: DeletionView
        switch request.string("run_view_type") ?? "ACTIVE_ONLY" {
        case "DELETED_ONLY": deletion = .deleted
        case "ALL": deletion = .all
        default: deletion = .live
        }
        let search = RunSearch(experiment: experiments.count == 1 ? experiments[0].name : nil, filter: filter.isEmpty ? nil : filter,
                               orderBy: order.isEmpty ? nil : order, limit: page.offset + page.size + 1, details: true, deletion: deletion)
        let runs: [RunSummary]
        do { runs = try registry.searchRuns(search).runs } catch TrackingError.unknownKey {
            // MLflow answers a filter on a key no run has with no runs, not an error.
            return ["runs": [Any]()]
        }
        let ids = try Dictionary(uniqueKeysWithValues: registry.experimentKeys().map { ($0.name, $0.id) })
        let (items, next) = page.slice(runs)
        var response: [String: Any] = ["runs": items.map { MLflowEncoding.run($0, experimentId: ids[$0.experiment] ?? -1, deleted: deletion == .deleted) }]
        if next != nil { response["next_page_token"] = String(page.offset + page.size) }
        return response
    }
}

/// MLflow's spellings that our filter language names differently: the reserved tags that are
/// run attributes here, and MLflow's millisecond start/end times under their attribute names.
enum MLflowFilter {
    static let replacements: [(String, String)] = [
        ("tags.`mlflow.runName`", "attributes.name"), ("tags.\"mlflow.runName\"", "attributes.name"),
        ("tags.mlflow.runName", "attributes.name"),
        ("tags.`mlflow.parentRunId`", "attributes.parent"), ("tags.\"mlflow.parentRunId\"", "attributes.parent"),
        ("tags.mlflow.parentRunId", "attributes.parent"),
    ]

    static func translate(_ text: String) -> String {
        var result = text
        for (mlflow, ours) in replacements { result = result.replacingOccurrences(of: mlflow, with: ours) }
        return result
    }
}
