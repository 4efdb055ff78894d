import ArgumentParser
import Pipeline

/// `autoscale config show FILE`: the effective config, each key marked as read from the file
/// or taken from the defaults.
struct ConfigShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the effective config of a file: every key, each marked `file` (set there) or `default`."
    )

    @Argument(help: ArgumentHelp("Per-metric config, e.g. Configs/cpu.yaml.", valueName: "file"))
    var file: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let effective = try EffectiveConfig.load(path: file)
        print(output.json ? try jsonString(effective) : effective.text, terminator: output.json ? "\n" : "")
    }
}
