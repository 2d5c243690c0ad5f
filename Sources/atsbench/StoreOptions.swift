import Experiments
import Foundation

/// `--store FILE` and `--experiment NAME`, shared by the commands that read a result store.
struct StoreOptions {
    var storePath: String
    var experiment: String?

    static let helpText = """
          --store FILE         result store (default runs/EXPERIMENT/results.sqlite with --experiment)
          --experiment NAME    experiment in the store (default: the only one)
        """

    static func parse(_ arguments: inout Arguments) throws -> StoreOptions {
        let experiment = try arguments.value("--experiment")
        if let path = try arguments.value("--store") {
            return StoreOptions(storePath: path, experiment: experiment)
        }
        guard let experiment else {
            throw CommandLineError.missingOption(command: arguments.command, option: "--store FILE (or --experiment NAME)")
        }
        return StoreOptions(storePath: defaultStorePath(experiment: experiment), experiment: experiment)
    }

    static func defaultStorePath(experiment: String) -> String {
        "runs/\(experiment)/results.sqlite"
    }

    /// Opens an existing store; a missing file is an error here, never a new empty store.
    func open() throws -> ResultStore {
        guard FileManager.default.fileExists(atPath: storePath) else {
            throw FileError(path: storePath, message: "result store not found; run 'atsbench run SPEC' first")
        }
        return try ResultStore(path: storePath)
    }
}
