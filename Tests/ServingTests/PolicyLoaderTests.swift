import Foundation
import Serving
import TestSupport
import Testing

/// `policy.yaml` → `ScalingPolicy`, and errors naming file:line: key.
@Suite struct PolicyLoaderTests {
    @Test func theShippedPolicyIsTheOriginalThresholds() throws {
        let path = RealData.packageRoot.appendingPathComponent("Configs/policy.yaml").path
        let policy = try PolicyLoader.load(path: path)
        let cpu = try #require(policy.resources["cpu"])
        #expect(cpu.targetUtilization == 0.8 && cpu.scaleDownUtilization == 0.3 && cpu.headroom == .margin(0.1))
        #expect(cpu.capacityPerReplica == 1 && cpu.minReplicas == 1 && cpu.maxReplicas == 20)
        #expect(policy.resources["memory"]?.capacityPerReplica == 2_147_483_648)
        #expect(policy.behavior == ScalingBehavior())
    }

    @Test func keysLeftOutKeepTheDefaults() throws {
        let policy = try PolicyLoader.parse("format_version: 1\nresources:\n  cpu:\n    headroom: {quantile: 0.9}\n", file: "p.yaml")
        #expect(policy.resources["cpu"] == ResourcePolicy(headroom: .quantile(0.9)))
        #expect(policy.behavior == ScalingBehavior())
    }

    @Test func errorsNameFileLineAndKey() {
        #expect(throws: PolicyError(file: "p.yaml", line: 4, key: "resources.cpu.target_utilization",
                                    problem: "is 1.5; write a fraction in (0, 1], e.g. 0.8")) {
            try PolicyLoader.parse("format_version: 1\nresources:\n  cpu:\n    target_utilization: 1.5\n", file: "p.yaml")
        }
        #expect(throws: PolicyError(file: "p.yaml", line: 3, key: "behavior.stabilisation_seconds",
                                    problem: "unknown key; allowed here: stabilization_seconds, max_scale_down_step, scale_up_cooldown_seconds, scale_down_cooldown_seconds, horizons_minutes, include_current_usage")) {
            try PolicyLoader.parse("format_version: 1\nbehavior:\n  stabilisation_seconds: 60\n", file: "p.yaml")
        }
        #expect(throws: PolicyError(file: "p.yaml", line: 1, key: "format_version",
                                    problem: "format 2 is not supported; write format_version: 1")) {
            try PolicyLoader.parse("format_version: 2\n", file: "p.yaml")
        }
        #expect(throws: PolicyError(file: "p.yaml", line: 4, key: "resources.cpu.headroom",
                                    problem: "write exactly one of margin (e.g. 0.1) or quantile (e.g. 0.9)")) {
            try PolicyLoader.parse("format_version: 1\nresources:\n  cpu:\n    headroom: {margin: 0.1, quantile: 0.9}\n", file: "p.yaml")
        }
    }
}
