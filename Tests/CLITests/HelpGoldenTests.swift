import TestSupport
import Testing

/// `--help` of every `autoscale` command, checked against Golden/*.txt
/// (re-record with RECORD_GOLDEN=1 swift test --filter HelpGoldenTests).
@Suite struct HelpGoldenTests {
    static let commands: [[String]] = [
        [], ["demo"], ["evaluate"], ["forecast"], ["data"], ["data", "generate"], ["data", "collect"], ["data", "fetch"], ["data", "show"],
        ["pipeline"], ["pipeline", "validate"], ["pipeline", "run"], ["pipeline", "status"], ["pipeline", "graph"],
        ["predict"], ["recommend"], ["backtest"],
        ["config"], ["config", "init"], ["config", "show"],
        ["serve"], ["watch"],
    ]

    @Test(arguments: commands)
    func helpIsStable(command: [String]) throws {
        let runner = try ProductRunner(product: "autoscale")
        let result = try runner.run(command + ["--help"])
        #expect(result.status == 0, "\(result.stderr)")
        let name = (["autoscale"] + command).joined(separator: "-")
        try GoldenFile().check(result.stdout, named: name)
    }
}
