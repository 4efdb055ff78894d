import ArgumentParser
import Foundation
import Tracking

/// `--db PATH`: the registry a pipeline records in; its cache is `cache/` beside it.
struct PipelineRegistryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Registry to record in; the stage cache is the folder cache/ beside it (default: experiments/registry.sqlite, or $AUTOSCALE_REGISTRY).", valueName: "path"))
    var db: String?

    var location: RegistryLocation {
        RegistryLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment,
                                 currentDirectory: FileManager.default.currentDirectoryPath)
    }
}
