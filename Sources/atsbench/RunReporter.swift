import Foundation
import TrainingCore

/// Shows a training run on the terminal and keeps its files: one original-format line per
/// epoch on standard output (and in the log file), a progress bar on standard error when it
/// is a terminal, and checkpoints every K epochs.
final class RunReporter: TrainingObserver {
    private let epochs: Int
    private let logHandle: FileHandle?
    private let drawsProgress = isatty(STDERR_FILENO) == 1
    private var lastDraw = ContinuousClock.now
    private let saveCheckpoint: (_ epoch: Int) throws -> Void
    private let checkpointEvery: Int?
    /// The first checkpoint error; the run goes on and the command reports it at the end.
    private(set) var checkpointError: Error?

    /// Seconds between two redraws of the progress bar.
    static let redrawInterval = Duration.milliseconds(100)
    static let barWidth = 30

    init(epochs: Int, logPath: String?, checkpointEvery: Int?,
         saveCheckpoint: @escaping (_ epoch: Int) throws -> Void) throws {
        self.epochs = epochs
        self.checkpointEvery = checkpointEvery
        self.saveCheckpoint = saveCheckpoint
        if let logPath {
            let url = URL(fileURLWithPath: logPath)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: logPath, contents: nil)
                logHandle = try FileHandle(forWritingTo: url)
            } catch {
                throw FileError(path: logPath, message: "cannot create the log file: \(ErrorText.describe(error))")
            }
        } else {
            logHandle = nil
        }
    }

    deinit {
        try? logHandle?.close()
    }

    /// Writes a line to standard output and the log file.
    func log(_ line: String) {
        clearProgress()
        print(line)
        fflush(stdout)
        logHandle?.write(Data((line + "\n").utf8))
    }

    func trainingDidStep(epoch: Int, step: Int, stepCount: Int, loss: Float) {
        guard drawsProgress else { return }
        let now = ContinuousClock.now
        guard step == stepCount || now - lastDraw >= Self.redrawInterval else { return }
        lastDraw = now
        let filled = Self.barWidth * step / max(1, stepCount)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: Self.barWidth - filled)
        let text = String(format: "\repoch %d/%d [%@] %d/%d loss %.4f", epoch, epochs, bar, step, stepCount, loss)
        FileHandle.standardError.write(Data(text.utf8))
    }

    func trainingDidFinishEpoch(_ record: EpochRecord) {
        log(record.logLine)
        // Written as a "#" note like the run's other notes, so the epoch lines keep the original format.
        if let distillation = record.distillation {
            log(String(format: "# [CE:%.4f] [KD:%.4f]", record.crossEntropy, distillation))
        }
        if let checkpointEvery, record.epoch % checkpointEvery == 0, record.epoch < epochs {
            do {
                try saveCheckpoint(record.epoch)
            } catch {
                checkpointError = checkpointError ?? error
                standardError("warning: \(ErrorText.describe(error))")
            }
        }
    }

    private func clearProgress() {
        if drawsProgress {
            FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 80) + "\r").utf8))
        }
    }
}
