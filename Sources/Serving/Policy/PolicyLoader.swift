import Foundation
import Yams

/// Reads `policy.yaml` (docs/formats/policy-yaml.md) into a `ScalingPolicy`. Keys left out
/// keep the type's defaults; unknown keys, wrong types and out-of-range values are
/// `PolicyError`s naming file, line and key.
public enum PolicyLoader {
    public static func load(path: String) throws -> ScalingPolicy {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PolicyError(file: path, line: 0, key: "", problem: "cannot read the file (\(error.localizedDescription)); give the path of a policy YAML such as Configs/policy.yaml")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> ScalingPolicy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw PolicyError(file: file, line: 0, key: "", problem: "not valid YAML: \(error)")
        }
        let top = try YAMLMap(root ?? Node.mapping(Node.Mapping([])), key: "", file: file)
        try top.allow(["format_version", "resources", "behavior"])
        let version = try top.int("format_version")
        guard version == ScalingPolicy.formatVersion else {
            throw top.error("format_version", version.map { "format \($0) is not supported; write format_version: \(ScalingPolicy.formatVersion)" }
                ?? "missing; write format_version: \(ScalingPolicy.formatVersion) at the top")
        }
        var policy = ScalingPolicy()
        if let behavior = try top.map("behavior") { policy.behavior = try parseBehavior(behavior) }
        if let resources = try top.map("resources") {
            policy.resources = [:]
            for name in resources.keys { policy.resources[name] = try parseResource(try resources.map(name)!) }
            guard !policy.resources.isEmpty else { throw top.error("resources", "is empty; name at least one resource, e.g. cpu") }
        }
        return policy
    }

    static func parseBehavior(_ map: YAMLMap) throws -> ScalingBehavior {
        try map.allow(["stabilization_seconds", "max_scale_down_step", "scale_up_cooldown_seconds", "scale_down_cooldown_seconds", "horizons_minutes",
                       "include_current_usage"])
        var b = ScalingBehavior()
        if let v = try map.double("stabilization_seconds", atLeast: 0) { b.stabilizationSeconds = v }
        if let v = try map.int("max_scale_down_step") {
            guard v >= 1 else { throw map.error("max_scale_down_step", "is \(v); write at least 1") }
            b.maxScaleDownStep = v
        }
        if let v = try map.double("scale_up_cooldown_seconds", atLeast: 0) { b.scaleUpCooldownSeconds = v }
        if let v = try map.double("scale_down_cooldown_seconds", atLeast: 0) { b.scaleDownCooldownSeconds = v }
        if let v = try map.doubles("horizons_minutes") {
            guard !v.isEmpty, v.allSatisfy({ $0 > 0 }) else { throw map.error("horizons_minutes", "is \(v); write positive minutes, e.g. [5, 15, 30]") }
            b.horizonsMinutes = v
        }
        if let v = try map.bool("include_current_usage") { b.includeCurrentUsage = v }
        return b
    }

    static func parseResource(_ map: YAMLMap) throws -> ResourcePolicy {
        try map.allow(["target_utilization", "scale_down_utilization", "headroom", "capacity_per_replica", "min_replicas", "max_replicas"])
        var r = ResourcePolicy()
        if let v = try map.double("target_utilization", atLeast: 0) {
            guard v > 0, v <= 1 else { throw map.error("target_utilization", "is \(v); write a fraction in (0, 1], e.g. 0.8") }
            r.targetUtilization = v
        }
        if let v = try map.double("scale_down_utilization", atLeast: 0) {
            guard v < r.targetUtilization else { throw map.error("scale_down_utilization", "is \(v), not below target_utilization \(r.targetUtilization); write a smaller fraction, e.g. 0.3") }
            r.scaleDownUtilization = v
        }
        if let v = try map.double("capacity_per_replica", atLeast: 0) {
            guard v > 0 else { throw map.error("capacity_per_replica", "is 0; write what one replica serves, in the resource's units") }
            r.capacityPerReplica = v
        }
        if let v = try map.int("min_replicas") {
            guard v >= 0 else { throw map.error("min_replicas", "is \(v); write 0 or more") }
            r.minReplicas = v
        }
        if let v = try map.int("max_replicas") {
            guard v >= max(r.minReplicas, 1) else { throw map.error("max_replicas", "is \(v), below min_replicas \(r.minReplicas) or 1; write a larger number") }
            r.maxReplicas = v
        }
        if let headroom = try map.map("headroom") {
            try headroom.allow(["margin", "quantile"])
            let margin = try headroom.double("margin", atLeast: 0)
            let quantile = try headroom.double("quantile", atLeast: 0)
            switch (margin, quantile) {
            case (let m?, nil): r.headroom = .margin(m)
            case (nil, let q?):
                guard q > 0.5, q < 1 else { throw headroom.error("quantile", "is \(q); write a quantile in (0.5, 1), e.g. 0.9") }
                r.headroom = .quantile(q)
            default: throw map.error("headroom", "write exactly one of margin (e.g. 0.1) or quantile (e.g. 0.9)")
            }
        }
        return r
    }
}
