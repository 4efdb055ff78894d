import Testing
import TestSupport

/// `runs server --help` is part of the interface: its flags and defaults are pinned by a golden file.
@Suite struct ServerHelpTests {
    @Test func serverHelpIsStable() throws {
        let runs = try ProductRunner(product: "runs")
        let (status, output, _) = try runs.run(["server", "--help"]).components
        #expect(status == 0)
        try golden.check(output, named: "help-server")
    }
}
