/// The "Children" section of `runs show` on a parent run (a sweep, a pipeline run).
enum ChildReport {
    /// A heading with the count per status, then one line per child: short id, name, status,
    /// duration and, when one is chosen, the children's key metric.
    static func render(_ children: [ChildRun], metric: String?) -> String {
        var columns: [TextTable.Column] = [.init("RUN"), .init("NAME"), .init("STATUS"), .init("DURATION", .right)]
        if let metric { columns.append(.init(metric, .right)) }
        var table = TextTable(columns)
        for child in children {
            var row = [child.id.short, child.name, child.status.rawValue,
                       ValueFormatting.duration(from: child.startTime, to: child.endTime)]
            if metric != nil { row.append(ValueFormatting.number(child.metric)) }
            table.append(row)
        }
        let counts = RunStatus.allCases.compactMap { status -> String? in
            let count = children.count { $0.status == status }
            return count == 0 ? nil : "\(count) \(status.rawValue.lowercased())"
        }
        return "Children (\(counts.joined(separator: ", ")))\n" + table.render(indent: "  ")
    }
}
