import ArgumentParser

/// Flags shared by every command that prints results.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object instead of a table.")
    var json = false
}
