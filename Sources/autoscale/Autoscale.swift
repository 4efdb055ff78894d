import ArgumentParser
import Kernels

@main
struct Autoscale: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autoscale",
        abstract: "Forecast container resource usage and turn forecasts into scaling decisions.",
        subcommands: [DemoCommand.self, DataCommand.self, EvaluateCommand.self, ForecastCommand.self, PipelineCommand.self, PredictCommand.self,
                      RecommendCommand.self, BacktestCommand.self, ServeCommand.self, WatchCommand.self, ConfigCommand.self]
    )

    /// OpenBLAS runs single-threaded (its threads spin against ours on two cores); the
    /// LSTM parallelises above it.
    static func main() {
        BLAS.useSingleThread()
        main(nil)
    }
}
