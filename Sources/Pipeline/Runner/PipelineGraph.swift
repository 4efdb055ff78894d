/// The stage graph of a plan as text (each stage and what it needs, in run order) or as a
/// Mermaid flowchart (`autoscale pipeline graph --mermaid`), edges from producer to reader.
public enum PipelineGraph {
    public static func text(_ plan: PipelinePlan) -> String {
        let width = plan.stages.map(\.id.count).max() ?? 0
        return plan.stages.map { stage in
            let id = stage.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let needs = stage.inputs.isEmpty ? "" : "  ← " + stage.inputs.joined(separator: ", ")
            return "\(id)  \(stage.kind.rawValue)\(needs)"
        }.joined(separator: "\n")
    }

    public static func mermaid(_ plan: PipelinePlan) -> String {
        var lines = ["flowchart TD"]
        for stage in plan.stages {
            lines.append("    \(node(stage.id))[\"\(stage.id)<br/><small>\(stage.kind.rawValue)</small>\"]")
        }
        for stage in plan.stages {
            for input in stage.inputs { lines.append("    \(node(input)) --> \(node(stage.id))") }
        }
        return lines.joined(separator: "\n")
    }

    /// A Mermaid node id: letters, digits and `_` only.
    static func node(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}
