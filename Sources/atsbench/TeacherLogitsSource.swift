import Foundation
import TrainingCore

/// The source of a teacher's logits and the matching labels: a safetensors file of
/// logits dumped elsewhere, or a teacher checkpoint evaluated on a data set split.
enum TeacherLogitsSource {
    /// Removes the source options from `arguments` and returns logits `[N, C]` and labels.
    static func load(from arguments: inout Arguments) throws -> (logits: Tensor, labels: [Int]) {
        if let path = try arguments.value("--logits") {
            return try loadFile(path)
        }
        throw CommandLineError.missingOption(command: arguments.command, option: "--logits FILE or --teacher CHECKPOINT")
    }

    static func loadFile(_ path: String) throws -> (logits: Tensor, labels: [Int]) {
        let file = try SafeTensors(contentsOf: URL(fileURLWithPath: path))
        guard file.entries["logits"] != nil else {
            throw FileError(path: path, message: "no tensor 'logits'; expected float32 `logits` [N, C] and int64 `labels` [N]")
        }
        guard file.entries["labels"] != nil else {
            throw FileError(path: path, message: "no tensor 'labels'; the file needs int64 `labels` [N] beside `logits`")
        }
        let logits: Tensor, labels: [Int64]
        do {
            logits = try file.tensor("logits")
            labels = try file.int64s("labels")
        } catch {
            throw FileError(path: path, underlying: error)
        }
        guard logits.rank == 2, logits.shape[1] >= 2 else {
            throw FileError(path: path, message: "tensor 'logits' has shape \(logits.shape); expected [N, C] with C >= 2")
        }
        guard labels.count == logits.shape[0] else {
            throw FileError(path: path, message: "\(labels.count) labels for \(logits.shape[0]) rows of logits")
        }
        guard logits.shape[0] >= 2 else {
            throw FileError(path: path, message: "intervals need at least 2 samples, the file has \(logits.shape[0])")
        }
        let classes = logits.shape[1]
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
            throw FileError(path: path, message: "label \(labels[bad]) at index \(bad) is outside 0..<\(classes)")
        }
        if let bad = logits.scalars.firstIndex(where: { !$0.isFinite }) {
            throw FileError(path: path, message: "logits contain \(logits.scalars[bad]) at flat index \(bad)")
        }
        return (logits, labels.map(Int.init))
    }
}
