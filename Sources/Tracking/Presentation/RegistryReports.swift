/// Plain-text forms of the model registry commands and of `gc`.
public enum RegistryReports {
    public static func promotion(_ p: Promotion) -> String {
        var lines = ["Registered \(p.model) version \(p.version) from run \(p.run.short) (artifact \(p.artifact.name), sha256 \(p.artifact.sha256.prefix(12)))."]
        if let alias = p.alias {
            if let replaced = p.replacedVersion {
                lines.append("Alias \(alias): version \(replaced) → version \(p.version) (replaced version \(replaced)).")
            } else {
                lines.append("Alias \(alias): (none) → version \(p.version).")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func rollback(_ move: AliasMove) -> String {
        "Alias \(move.alias) of \(move.model): version \(move.fromVersion.map(String.init) ?? "(none)") → version \(move.toVersion) (rolled back)."
    }

    public static func models(_ models: [ModelSummary]) -> String {
        if models.isEmpty { return "No registered models; see `runs promote --help` to register a run's model." }
        return models.map(model).joined(separator: "\n\n")
    }

    static func model(_ model: ModelSummary) -> String {
        let aliasText = model.aliases.keys.sorted().map { "\($0) → v\(model.aliases[$0] ?? 0)" }.joined(separator: ", ")
        var out = ["Model \(model.name)  (created \(ValueFormatting.time(model.created)))" + (aliasText.isEmpty ? "" : "  aliases: \(aliasText)")]
        var versions = TextTable([.init("VERSION", .right), .init("RUN"), .init("ARTIFACT"), .init("SHA256"), .init("CREATED"), .init("ALIASES")])
        for v in model.versions {
            versions.append([String(v.version), v.run.short, v.artifact.name, String(v.artifact.sha256.prefix(12)),
                             ValueFormatting.time(v.created), v.aliases.joined(separator: ", ")])
        }
        out.append(versions.render(indent: "  "))
        if !model.history.isEmpty {
            out.append("  Alias history")
            var history = TextTable([.init("WHEN"), .init("ALIAS"), .init("FROM", .right), .init("TO", .right), .init("REASON")])
            for move in model.history {
                history.append([ValueFormatting.time(move.moved), move.alias, move.fromVersion.map { "v\($0)" } ?? "—", "v\(move.toVersion)",
                                (move.reason ?? "") + (move.isRollback && move.reason != "rollback" ? " (rollback)" : "")])
            }
            out.append(history.render(indent: "  "))
        }
        return out.joined(separator: "\n")
    }

    public static func garbageCollection(_ gc: GarbageCollection) -> String {
        var lines = ["Marked \(gc.killedRuns.count) run\(gc.killedRuns.count == 1 ? "" : "s") with a stale heartbeat KILLED."]
        lines += gc.killedRuns.map { "  \($0.short)" }
        lines.append("Removed \(gc.removedFiles.count) unreferenced artifact file\(gc.removedFiles.count == 1 ? "" : "s").")
        lines += gc.removedFiles.map { "  \($0)" }
        if gc.keptRecentFiles > 0 { lines.append("Kept \(gc.keptRecentFiles) recent unreferenced file(s) that a writer may still record.") }
        lines.append("Removed \(gc.removedCacheEntries.count) cache entr\(gc.removedCacheEntries.count == 1 ? "y" : "ies") no run refers to.")
        lines += gc.removedCacheEntries.map { "  \($0)" }
        if gc.keptRecentCacheEntries > 0 {
            lines.append("Kept \(gc.keptRecentCacheEntries) recent unreferenced cache entr\(gc.keptRecentCacheEntries == 1 ? "y" : "ies") that a running pipeline may still use.")
        }
        if !gc.removedCacheTemporaryFolders.isEmpty {
            lines.append("Removed \(gc.removedCacheTemporaryFolders.count) leftover cache temporary folder\(gc.removedCacheTemporaryFolders.count == 1 ? "" : "s").")
        }
        return lines.joined(separator: "\n")
    }
}
